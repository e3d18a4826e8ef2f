/* `vans policy due`: print the due-date policy of findings (days by organisation level and
 * severity) and change one entry; the operator's page /admin/due-policy does the same. */
#include "cli/cli.h"
#include "identity/audit.h"
#include "vans/due_policy.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

static int show(struct db *db)
{
	struct due_policy p;
	if (due_policy_load(db, &p) != ERR_OK) {
		fprintf(stderr, "vans policy due: %s\n", db_errmsg(db));
		return 1;
	}
	printf("level");
	for (int v = 0; v < 4; v++)
		printf("\t%s", due_policy_severities[v]);
	printf("\n");
	for (int l = 0; l < 5; l++) {
		printf("%c", DUE_POLICY_LEVELS[l]);
		for (int v = 0; v < 4; v++) {
			if (p.days[l][v] > 0)
				printf("\t%lld", (long long)p.days[l][v]);
			else
				printf("\t-");
		}
		printf("\n");
	}
	return 0;
}

static int set(struct db *db, const char *level, const char *severity, const char *days)
{
	char err[200];
	int64_t d;
	if (due_policy_check(level, severity, days, &d, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "vans policy due set: %s\n", err);
		return 1;
	}
	char sev[16];
	snprintf(sev, sizeof sev, "%s", severity);
	for (char *q = sev; *q; q++)
		*q = (char)(*q >= 'a' && *q <= 'z' ? *q - 32 : *q);
	struct due_policy_entry e = { (char)(level[0] & ~0x20), sev, d };
	if (due_policy_set(db, &e, 1) != ERR_OK) {
		fprintf(stderr, "vans policy due set: %s\n", db_errmsg(db));
		return 1;
	}
	char detail[80];
	snprintf(detail, sizeof detail, "%c/%s %lld", e.level, sev, (long long)d);
	audit_append(db, 0, "cli", 0, "due_policy.update", "due_policy", "", detail);
	printf("level %c, %s: %lld days (findings found from now on)\n", e.level, sev, (long long)d);
	return 0;
}

int cli_policy(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "due") != 0 || !(argc == 2 || (argc == 6 && !strcmp(argv[2], "set")))) {
		fprintf(stderr, "usage: vans policy due | vans policy due set LEVEL SEVERITY DAYS\n");
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	int rc = argc == 2 ? show(db) : set(db, argv[3], argv[4], argv[5]);
	db_close(db);
	return rc;
}
