/* `vans user`: accounts from the command line. `add` creates an account without a
 * password and prints a single-use set-up link; `make run` uses it for the first operator. */
#include "cli/cli.h"
#include "identity/account.h"
#include "identity/audit.h"
#include "identity/codes.h"
#include "identity/org.h"
#include "identity/permission.h"

#include <stdio.h>
#include <string.h>

#define SETUP_TTL (72 * 3600)

static int add(int argc, char **argv)
{
	static const char *const names[] = { "role", "username", "email", "name", "org", "mobile" };
	const char *v[6];
	if (cli_flags(argc, argv, 2, names, v, 6, NULL) < 0)
		return 2;
	const char *role = v[0];
	if (!role || !v[1] || !v[2] || !v[3] ||
	    (strcmp(role, "operator") && strcmp(role, "admin") && strcmp(role, "user"))) {
		fprintf(stderr, "usage: vans user add --role operator|admin|user --username U --email E --name N [--org ID]\n");
		return 2;
	}
	bool op = !strcmp(role, "operator");
	if (!op && !v[4]) {
		fprintf(stderr, "vans user add: --role %s needs --org ID\n", role);
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	int rc = 1;
	struct org o = { 0 };
	if (v[4] && org_find(db, &a, v[4], &o) != ERR_OK) {
		fprintf(stderr, "vans user add: no organisation %s (vans org add first)\n", v[4]);
		goto out;
	}
	struct account_new n = { .org_id = o.id, .username = v[1], .email = v[2], .name = v[3], .mobile = v[5],
				 .is_operator = op, .no_password = true, .contact_optional = true };
	struct field_problem p[ACCOUNT_MAX_PROBLEMS];
	size_t np;
	int64_t id;
	enum err e = account_create(db, &cli_config, &n, &id, p, &np);
	if (e != ERR_OK) {
		for (size_t i = 0; i < np; i++)
			fprintf(stderr, "vans user add: --%s: %s\n", p[i].field,
				!strcmp(p[i].code, "taken") ? "this username is taken" : "not valid");
		goto out;
	}
	if (!op && perm_grant(db, id, "vans", !strcmp(role, "admin") ? "org_admin" : "general", 0) != ERR_OK)
		goto out;
	char token[LINK_TOKEN_SIZE];
	if (link_issue(db, id, "setup", SETUP_TTL, token) != ERR_OK)
		goto out;
	audit_append(db, 0, "cli", o.id, "account.create", v[1], "", role);
	printf("account %s created (%s)\nset-up link, valid for 72 hours and usable once:\n%s/setup/%s\n", v[1],
	       role, cli_config.base_url, token);
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	return rc;
}

static int set_disabled(const char *username, bool disabled)
{
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct account acct;
	int rc = 1;
	if (account_by_username(db, &a, username, &acct) != ERR_OK) {
		fprintf(stderr, "vans user: no account %s\n", username);
	} else if (account_set_disabled(db, acct.id, disabled) == ERR_OK) {
		audit_append(db, 0, "cli", acct.org_id, disabled ? "account.disable" : "account.enable", username, "", "");
		printf("account %s %s\n", username, disabled ? "disabled" : "enabled");
		rc = 0;
	}
	arena_free(&a);
	db_close(db);
	return rc;
}

/* A new set-up link for an account (the old one stops working), e.g. for a lost link. */
static int link(const char *username)
{
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct account acct;
	char token[LINK_TOKEN_SIZE];
	int rc = 1;
	if (account_by_username(db, &a, username, &acct) != ERR_OK) {
		fprintf(stderr, "vans user link: no account %s\n", username);
	} else if (link_issue(db, acct.id, "setup", SETUP_TTL, token) == ERR_OK) {
		audit_append(db, 0, "cli", acct.org_id, "account.setup_link", username, "", "");
		printf("set-up link for %s, valid for 72 hours and usable once:\n%s/setup/%s\n", username,
		       cli_config.base_url, token);
		rc = 0;
	}
	arena_free(&a);
	db_close(db);
	return rc;
}

int cli_user(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "link"))
		return link(argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return add(argc, argv);
	if (argc == 3 && (!strcmp(argv[1], "disable") || !strcmp(argv[1], "enable")))
		return set_disabled(argv[2], !strcmp(argv[1], "disable"));
	fprintf(stderr, "usage: vans user add|disable|enable (vans help user)\n");
	return 2;
}
