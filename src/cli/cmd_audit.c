/* `vans audit`: check the hash chain of the audit log, or list its latest entries. */
#include "cli/cli.h"
#include "core/clock.h"
#include "identity/audit.h"
#include "identity/org.h"

#include <stdio.h>
#include <string.h>

int cli_audit(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "verify")) {
		struct db *db = cli_open_db(1);
		if (!db)
			return 1;
		int64_t count, bad;
		enum err e = audit_verify(db, &count, &bad);
		db_close(db);
		if (e == ERR_OK) {
			printf("audit log intact: %lld entries\n", (long long)count);
			return 0;
		}
		printf("audit log broken at entry %lld (after %lld entries checked)\n", (long long)bad, (long long)count);
		return 1;
	}
	static const char *const names[] = { "org" };
	const char *v[1];
	if (argc >= 2 && !strcmp(argv[1], "list") && cli_flags(argc, argv, 2, names, v, 1, NULL) == 0) {
		struct db *db = cli_open_db(1);
		if (!db)
			return 1;
		struct arena a;
		arena_init(&a, 0);
		int64_t org = 0;
		struct org o;
		if (v[0]) {
			if (org_find(db, &a, v[0], &o) != ERR_OK) {
				fprintf(stderr, "vans audit list: no organisation %s\n", v[0]);
				arena_free(&a);
				db_close(db);
				return 1;
			}
			org = o.id;
		}
		struct audit_entry *e;
		size_t n;
		audit_list(db, &a, org, 100, &e, &n);
		for (size_t i = 0; i < n; i++) {
			char at[32];
			printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\n", (long long)e[i].id,
			       clock_format_iso8601(e[i].at, at, sizeof at), e[i].actor, e[i].action, e[i].target, e[i].ip,
			       e[i].detail);
		}
		arena_free(&a);
		db_close(db);
		return 0;
	}
	fprintf(stderr, "usage: vans audit verify | vans audit list [--org ID]\n");
	return 2;
}
