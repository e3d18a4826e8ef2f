/* `vans org`: add and list organisations, and check an identifier (OID or 統一編號) without
 * touching the database. */
#include "cli/cli.h"
#include "identity/org.h"
#include "identity/validate.h"

#include <stdio.h>
#include <string.h>

static int check_id(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: vans org check-id ID\n");
		return 2;
	}
	const char *why;
	enum org_id_kind k = org_id_check(argv[2], strlen(argv[2]), &why);
	if (k == ORG_ID_INVALID) {
		printf("invalid: %s\n", why);
		return 1;
	}
	printf("%s valid\n", k == ORG_ID_OID ? "oid" : "ubn");
	return 0;
}

static int add(int argc, char **argv)
{
	static const char *const names[] = { "name", "oid", "ubn", "level", "sector", "mailbox", "parent" };
	const char *v[7];
	if (cli_flags(argc, argv, 2, names, v, 7, NULL) < 0)
		return 2;
	if (!v[0] || !v[3] || (!v[1] == !v[2])) {
		fprintf(stderr, "usage: vans org add --name NAME (--oid OID | --ubn UBN) --level A..E\n");
		return 2;
	}
	const char *ident = v[1] ? v[1] : v[2], *why;
	enum org_id_kind k = org_id_check(ident, strlen(ident), &why);
	if (k != ORG_ID_INVALID && (k == ORG_ID_OID) != (v[1] != NULL)) {
		fprintf(stderr, "vans org add: %s is a%s, not a%s\n", ident, k == ORG_ID_OID ? "n OID" : " 統一編號",
			v[1] ? "n OID" : " 統一編號");
		return 1;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	int64_t parent = 0;
	int rc = 0;
	if (v[6]) {
		struct org p;
		if (org_find(db, &a, v[6], &p) != ERR_OK) {
			fprintf(stderr, "vans org add: no parent organisation %s\n", v[6]);
			rc = 1;
			goto out;
		}
		parent = p.id;
	}
	struct org_new o = { .identifier = ident, .name = v[0], .level = v[3], .sector = v[4], .mailbox = v[5],
			     .parent_id = parent };
	int64_t id;
	enum err e = org_add(db, &o, &id, &why);
	if (e != ERR_OK) {
		fprintf(stderr, "vans org add: %s\n", why ? why : err_str(e));
		rc = 1;
		goto out;
	}
	printf("organisation %s added: %s, level %s\n", ident, v[0], v[3]);
out:
	arena_free(&a);
	db_close(db);
	return rc;
}

static int list(void)
{
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct org *orgs;
	size_t n;
	enum err e = org_list(db, &a, &orgs, &n);
	if (e == ERR_OK) {
		printf("identifier\tkind\tlevel\tname\n");
		for (size_t i = 0; i < n; i++)
			printf("%s\t%s\t%c\t%s\n", orgs[i].identifier, orgs[i].kind, orgs[i].level, orgs[i].name);
	}
	arena_free(&a);
	db_close(db);
	return e == ERR_OK ? 0 : 1;
}

int cli_org(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "check-id"))
		return check_id(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "add"))
		return add(argc, argv);
	if (argc == 2 && !strcmp(argv[1], "list"))
		return list();
	fprintf(stderr, "usage: vans org add|list|check-id (vans help org)\n");
	return 2;
}
