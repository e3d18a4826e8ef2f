/* Permission requests and review over the store. Decisions are conditional updates
 * ("WHERE status = :from"), so two reviewers deciding at once cannot both win. */
#include "identity/permission.h"
#include "core/clock.h"

#include <string.h>

const struct perm_def perm_defs[] = {
	{ "vans", "org_admin", true, true, NULL },
	{ "vans", "general", false, false, "org_admin" },
};
const size_t perm_def_count = sizeof perm_defs / sizeof perm_defs[0];

const struct perm_def *perm_def_find(const char *module, const char *permission)
{
	for (size_t i = 0; module && permission && i < perm_def_count; i++)
		if (!strcmp(perm_defs[i].module, module) && !strcmp(perm_defs[i].permission, permission))
			return &perm_defs[i];
	return NULL;
}

static const char *dup_col(struct arena *a, struct db_stmt *s, int col)
{
	return db_col_null(s, col) ? "" : arena_strdup(a, db_col_text(s, col));
}

static void read_row(struct db_stmt *s, struct arena *a, struct perm *p)
{
	p->id = db_col_int(s, 0);
	p->account_id = db_col_int(s, 1);
	p->module = dup_col(a, s, 2);
	p->permission = dup_col(a, s, 3);
	p->status = dup_col(a, s, 4);
	p->requested_at = db_col_int(s, 5);
	p->decided_at = db_col_null(s, 6) ? 0 : db_col_int(s, 6);
	p->has_scan = db_col_int(s, 7) != 0;
	p->username = dup_col(a, s, 8);
	p->name = dup_col(a, s, 9);
	p->org_id = db_col_null(s, 10) ? 0 : db_col_int(s, 10);
	p->org_name = dup_col(a, s, 11);
	p->org_identifier = dup_col(a, s, 12);
}

static enum err read_all(struct db_stmt *s, struct arena *a, struct perm **out, size_t *n)
{
	size_t cap = 16;
	*out = arena_zalloc(a, cap * sizeof **out);
	*n = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			struct perm *bigger = arena_zalloc(a, 2 * cap * sizeof *bigger);
			memcpy(bigger, *out, cap * sizeof *bigger);
			*out = bigger;
			cap *= 2;
		}
		read_row(s, a, &(*out)[(*n)++]);
	}
	db_reset(s);
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

enum err perm_request(struct db *db, int64_t account_id, const char *module, const char *permission, int64_t *id)
{
	if (!perm_def_find(module, permission))
		return ERR_INVALID;
	struct db_stmt *s = db_stmt(db, STMT_PERM_REQUEST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":module", module);
	db_bind_text(s, ":permission", permission);
	db_bind_int(s, ":at", clock_now_unix());
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_CONFLICT : ERR_DB;
}

enum err perm_grant(struct db *db, int64_t account_id, const char *module, const char *permission, int64_t by)
{
	if (!perm_def_find(module, permission))
		return ERR_INVALID;
	struct db_stmt *s = db_stmt(db, STMT_PERM_GRANT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":module", module);
	db_bind_text(s, ":permission", permission);
	db_bind_int(s, ":at", clock_now_unix());
	if (by)
		db_bind_int(s, ":by", by);
	else
		db_bind_null(s, ":by");
	return db_exec(s);
}

enum err perm_get(struct db *db, struct arena *a, int64_t id, struct perm *out)
{
	struct db_stmt *s = db_stmt(db, STMT_PERM_BY_ID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		read_row(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
}

enum err perm_list_account(struct db *db, struct arena *a, int64_t account_id, struct perm **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, STMT_PERM_BY_ACCOUNT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	return read_all(s, a, out, n);
}

enum err perm_pending(struct db *db, struct arena *a, int64_t org_id, const char *module, const char *permission,
		      struct perm **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, org_id ? STMT_PERM_PENDING_ORG : STMT_PERM_PENDING_ALL);
	if (!s)
		return ERR_DB;
	if (org_id)
		db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":module", module);
	db_bind_text(s, ":permission", permission);
	return read_all(s, a, out, n);
}

enum err perm_list_org(struct db *db, struct arena *a, int64_t org_id, struct perm **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, STMT_PERM_LIST_ORG);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	return read_all(s, a, out, n);
}

enum err perm_decide(struct db *db, const struct perm *p, bool accept, int64_t by, const char **new_status)
{
	const char *to;
	if (!strcmp(p->status, "pending"))
		to = accept ? "approved" : "rejected";
	else if (!strcmp(p->status, "removal_pending"))
		to = accept ? "removed" : "approved";
	else
		return ERR_CONFLICT;
	struct db_stmt *s = db_stmt(db, STMT_PERM_DECIDE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":status", to);
	db_bind_int(s, ":at", clock_now_unix());
	if (by)
		db_bind_int(s, ":by", by);
	else
		db_bind_null(s, ":by");
	db_bind_int(s, ":id", p->id);
	db_bind_text(s, ":from", p->status);
	enum err e = db_exec(s);
	if (e == ERR_OK && db_changes(db) == 0)
		return ERR_CONFLICT;
	if (new_status)
		*new_status = to;
	return e;
}

enum err perm_request_removal(struct db *db, int64_t account_id, int64_t perm_id)
{
	struct db_stmt *s = db_stmt(db, STMT_PERM_REQUEST_REMOVAL);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":at", clock_now_unix());
	db_bind_int(s, ":id", perm_id);
	db_bind_int(s, ":account_id", account_id);
	enum err e = db_exec(s);
	return e == ERR_OK && db_changes(db) == 0 ? ERR_CONFLICT : e;
}

enum err perm_set_scan(struct db *db, int64_t account_id, int64_t perm_id, const char *name, const char *type,
		       const void *data, size_t len)
{
	struct db_stmt *s = db_stmt(db, STMT_PERM_SET_SCAN);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":name", name);
	db_bind_text(s, ":type", type);
	db_bind_blob(s, ":scan", data, len);
	db_bind_int(s, ":id", perm_id);
	db_bind_int(s, ":account_id", account_id);
	enum err e = db_exec(s);
	return e == ERR_OK && db_changes(db) == 0 ? ERR_CONFLICT : e;
}

enum err perm_scan(struct db *db, struct arena *a, int64_t perm_id, const char **name, const char **type,
		   const void **data, size_t *len)
{
	struct db_stmt *s = db_stmt(db, STMT_PERM_SCAN);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", perm_id);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW) {
		*name = arena_strdup(a, db_col_text(s, 0));
		*type = arena_strdup(a, db_col_text(s, 1));
		*len = db_col_len(s, 2);
		void *copy = arena_alloc(a, *len ? *len : 1);
		/* a BLOB column read as text is still its bytes */
		memcpy(copy, db_col_text(s, 2), *len);
		*data = copy;
	}
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
}

int64_t perm_reviewer_count(struct db *db, int64_t org_id, const struct perm_def *d)
{
	struct db_stmt *s = db_stmt(db, d->operator_reviews ? STMT_ACCOUNT_OPERATORS : STMT_PERM_REVIEWERS);
	if (!s)
		return 0;
	if (!d->operator_reviews) {
		db_bind_int(s, ":org_id", org_id);
		db_bind_text(s, ":module", d->module);
		db_bind_text(s, ":permission", d->reviewer);
	}
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	return n;
}

unsigned perm_roles(struct db *db, int64_t account_id, bool is_operator)
{
	unsigned roles = ROLE_SIGNED_IN | (is_operator ? ROLE_OPERATOR : 0);
	struct db_stmt *s = db_stmt(db, STMT_PERM_HELD);
	if (!s)
		return roles;
	db_bind_int(s, ":account_id", account_id);
	while (db_step(s) == DB_ROW) {
		const char *m = db_col_text(s, 0), *p = db_col_text(s, 1);
		if (!strcmp(m, "vans") && !strcmp(p, "general"))
			roles |= ROLE_VANS_USER;
		else if (!strcmp(m, "vans") && !strcmp(p, "org_admin"))
			roles |= ROLE_ORG_ADMIN;
	}
	db_reset(s);
	return roles;
}
