/* `vans apikey`: API keys of an organisation. The key is printed once at creation; vans
 * keeps only its hash. */
#include "cli/cli.h"
#include "core/clock.h"
#include "core/str.h"
#include "identity/apikey.h"
#include "identity/audit.h"
#include "identity/org.h"

#include <stdio.h>
#include <string.h>

static void when(int64_t t, char *out, size_t n)
{
	if (t)
		clock_format_iso8601(t, out, n);
	else
		snprintf(out, n, "-");
}

int cli_apikey(int argc, char **argv)
{
	static const char *const names[] = { "org", "name" };
	const char *v[2], *pos = NULL;
	if (argc < 2 || cli_flags(argc, argv, 2, names, v, 2, &pos) < 0 || !v[0]) {
		fprintf(stderr, "usage: vans apikey create|list|revoke --org ID (vans help apikey)\n");
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "create") && strcmp(cmd, "list") && strcmp(cmd, "revoke")) {
		fprintf(stderr, "vans apikey: unknown subcommand \"%s\"\n", cmd);
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	int rc = 1;
	struct org o;
	if (org_find(db, &a, v[0], &o) != ERR_OK) {
		fprintf(stderr, "vans apikey: no organisation %s\n", v[0]);
		goto out;
	}
	if (!strcmp(cmd, "create")) {
		char key[APIKEY_LEN + 1];
		int64_t id;
		if (apikey_create(db, o.id, v[1], 0, key, &id) != ERR_OK)
			goto out;
		audit_append(db, 0, "cli", o.id, "apikey.create", v[1] ? v[1] : "", "", "");
		printf("%s\n", key);
		fprintf(stderr, "API key %lld of %s created; it is shown only this once.\n", (long long)id, o.name);
		rc = 0;
	} else if (!strcmp(cmd, "list")) {
		struct apikey *k;
		size_t n;
		if (apikey_list(db, &a, o.id, &k, &n) != ERR_OK)
			goto out;
		printf("id\tname\tprefix\tcreated\tlast used\trevoked\n");
		for (size_t i = 0; i < n; i++) {
			char c[32], u[32], r[32];
			when(k[i].created_at, c, sizeof c);
			when(k[i].last_used_at, u, sizeof u);
			when(k[i].revoked_at, r, sizeof r);
			printf("%lld\t%s\t%s…\t%s\t%s\t%s\n", (long long)k[i].id, k[i].name, k[i].prefix, c, u, r);
		}
		rc = 0;
	} else {
		int64_t id;
		if (!pos || slice_to_i64(slice_of(pos), 1, INT64_MAX, &id) < 0) {
			fprintf(stderr, "usage: vans apikey revoke --org ID KEY-ID\n");
			rc = 2;
			goto out;
		}
		if (apikey_revoke(db, o.id, id) != ERR_OK) {
			fprintf(stderr, "vans apikey revoke: %s has no active key %lld\n", v[0], (long long)id);
			goto out;
		}
		audit_append(db, 0, "cli", o.id, "apikey.revoke", pos, "", "");
		printf("API key %lld revoked\n", (long long)id);
		rc = 0;
	}
out:
	arena_free(&a);
	db_close(db);
	return rc;
}
