/* `vans demo seed [--dir DIR]`: the demo organisation of `make run` (never of `vans serve`).
 * On a database without organisations it adds 示範機關（展示用）, its administrator and a
 * general user with VANS permission and printed passwords, and imports the inventory and the
 * SBOM of DIR (data/demo) through the asset intake service, which matches them. */
#include "cli/cli.h"
#include "cli/cmd_demo.h"
#include "core/alloc.h"
#include "core/crypto.h"
#include "identity/account.h"
#include "identity/audit.h"
#include "identity/org.h"
#include "identity/permission.h"
#include "store/db.h"
#include "vans/asset.h"
#include "vans/intake/intake.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_OID "2.16.886.101.99001"
#define DEMO_NAME "示範機關（展示用）"

/* 16 letters and digits with each kind present (the password rules of the national system). */
static void demo_password(char out[17])
{
	static const char upper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower[] = "abcdefghijkmnopqrstuvwxyz",
			  digit[] = "23456789";
	const char *sets[] = { upper, lower, digit };
	size_t lens[] = { sizeof upper - 1, sizeof lower - 1, sizeof digit - 1 };
	for (int i = 0; i < 16; i++) {
		int k = i < 3 ? i : (int)crypto_random_uniform(3);
		out[i] = sets[k][crypto_random_uniform((uint32_t)lens[k])];
	}
	/* the three required kinds are not always at the front */
	for (int i = 15; i > 0; i--) {
		int j = (int)crypto_random_uniform((uint32_t)i + 1);
		char t = out[i];
		out[i] = out[j];
		out[j] = t;
	}
	out[16] = '\0';
}

static int add_user(struct db *db, int64_t org_id, const char *username, const char *name, const char *email,
		    const char *title, const char *permission, char password[17])
{
	demo_password(password);
	struct account_new n = { .org_id = org_id, .username = username, .password = password,
				 .password_confirm = password, .name = name, .email = email, .title = title,
				 .department = "資訊室", .contact_optional = true };
	struct field_problem p[ACCOUNT_MAX_PROBLEMS];
	size_t np = 0;
	int64_t id;
	enum err e = account_create(db, &cli_config, &n, &id, p, &np);
	if (e != ERR_OK) {
		for (size_t i = 0; i < np; i++)
			fprintf(stderr, "vans demo seed: %s: %s %s\n", username, p[i].field, p[i].code);
		return -1;
	}
	if (perm_grant(db, id, "vans", permission, 0) != ERR_OK)
		return -1;
	audit_append(db, 0, "cli", org_id, "account.create", username, "", "demo");
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "vans demo seed: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0, got;
	char *p = xmalloc(cap);
	while ((got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			if (cap >= (8u << 20)) { /* the demo files are a few KB */
				fclose(f);
				free(p);
				return NULL;
			}
			p = xrealloc(p, cap *= 2);
		}
	}
	fclose(f);
	*len = n;
	return p;
}

/* One file through the asset intake service (format detected, all-or-nothing), matched. */
static int import(struct db *db, int64_t org_id, const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	size_t len;
	char *data = read_all(path, &len);
	if (!data)
		return -1;
	int rc = -1;
	char why[256] = "";
	struct asset_batch b;
	asset_batch_init(&b, ASSET_SOURCE_UNKNOWN);
	if (intake_detect(data, len, why, sizeof why) == INTAKE_FORMAT_UNKNOWN) {
		fprintf(stderr, "vans demo seed: %s: %s\n", path, why);
		goto out;
	}
	asset_batch_free(&b);
	struct intake_opts opts = { .mode = INTAKE_ALL_OR_NOTHING };
	intake_read(data, len, &opts, &b);
	struct asset_intake in = { .org_id = org_id, .source = "demo", .filename = name, .mode = opts.mode,
				   .match = true };
	struct asset_intake_result res;
	char err[256] = "";
	enum err e = asset_intake_store(db, &in, &b, &res, err, sizeof err);
	if (e != ERR_OK) {
		fprintf(stderr, "vans demo seed: %s: %s\n", path,
			e == ERR_INVALID && b.n_issues ? asset_issue_reason(&b.issues[0]) : err[0] ? err : err_str(e));
		goto out;
	}
	printf("  %s: %zu assets; %zu findings%s%s\n", name, res.rows_added + res.rows_updated,
	       res.matched ? res.sum.findings_active : 0, res.matched ? "" : " (matching failed: ",
	       res.matched ? "" : res.match_error);
	rc = 0;
out:
	asset_batch_free(&b);
	free(data);
	return rc;
}

int cli_demo(int argc, char **argv)
{
	static const char *const names[] = { "dir" };
	const char *v[1];
	if (argc < 2 || strcmp(argv[1], "seed") || cli_flags(argc, argv, 2, names, v, 1, NULL) < 0) {
		fprintf(stderr, "usage: vans demo seed [--dir DIR] (vans help demo)\n");
		return 2;
	}
	const char *dir = v[0] ? v[0] : "data/demo";
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	int rc = 1;
	struct org *orgs;
	size_t norgs;
	if (org_list(db, &a, &orgs, &norgs) != ERR_OK)
		goto out;
	if (norgs) {
		printf("demo: not added (the database already has organisations)\n");
		rc = 0;
		goto out;
	}
	struct org_new o = { .identifier = DEMO_OID, .name = DEMO_NAME, .level = "B", .sector = "展示用",
			     .mailbox = "" };
	int64_t org_id;
	const char *why = NULL;
	if (org_add(db, &o, &org_id, &why) != ERR_OK) {
		fprintf(stderr, "vans demo seed: the demo organisation: %s\n", why ? why : "database error");
		goto out;
	}
	audit_append(db, 0, "cli", org_id, "org.add", DEMO_OID, "", "demo");
	char admin_pw[17], user_pw[17];
	if (add_user(db, org_id, "demoadmin", "示範管理者", "demo-admin@demo.vans.local", "資訊室主任", "org_admin",
		     admin_pw) < 0 ||
	    add_user(db, org_id, "demouser", "示範使用者", "demo-user@demo.vans.local", "資安承辦人", "general",
		     user_pw) < 0)
		goto out;
	printf("demo organisation %s (%s) added, with two accounts:\n"
	       "  demoadmin  password %s  (VANS 機關管理者)\n"
	       "  demouser   password %s  (VANS 一般權限)\n",
	       DEMO_NAME, DEMO_OID, admin_pw, user_pw);
	crypto_wipe(admin_pw, sizeof admin_pw);
	crypto_wipe(user_pw, sizeof user_pw);
	/* the inventory and the SBOM, as an organisation would upload them */
	if (import(db, org_id, dir, "inventory.csv") < 0 || import(db, org_id, dir, "webshop.cdx.json") < 0)
		goto out;
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	return rc;
}
