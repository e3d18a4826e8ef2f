/* Organisation records over the store. The identifier's kind (OID or 統一編號) is derived
 * from its syntax and checksum, so it can never disagree with the identifier. */
#include "identity/org.h"
#include "identity/validate.h"
#include "core/clock.h"
#include "core/str.h"

#include <string.h>

static void read_row(struct db_stmt *s, struct arena *a, struct org *o)
{
	o->id = db_col_int(s, 0);
	o->kind = arena_strdup(a, db_col_text(s, 1));
	o->identifier = arena_strdup(a, db_col_text(s, 2));
	o->name = arena_strdup(a, db_col_text(s, 3));
	o->level = db_col_text(s, 4)[0];
	o->sector = arena_strdup(a, db_col_text(s, 5));
	o->parent_id = db_col_null(s, 6) ? 0 : db_col_int(s, 6);
	o->mailbox = arena_strdup(a, db_col_text(s, 7));
}

enum err org_add(struct db *db, const struct org_new *o, int64_t *id, const char **why)
{
	*why = NULL;
	const char *ident = o->identifier ? o->identifier : "";
	enum org_id_kind kind = org_id_check(ident, strlen(ident), why);
	if (kind == ORG_ID_INVALID)
		return ERR_INVALID;
	size_t nlen = o->name ? strlen(o->name) : 0;
	if (nlen == 0 || nlen > 200) {
		*why = "the name must have 1 to 200 characters";
		return ERR_INVALID;
	}
	if (!o->level || !org_level_valid(o->level, strlen(o->level))) {
		*why = "the level is one of A, B, C, D, E";
		return ERR_INVALID;
	}
	if (o->mailbox && *o->mailbox && !email_valid(o->mailbox, strlen(o->mailbox))) {
		*why = "the service mailbox is not an e-mail address";
		return ERR_INVALID;
	}
	struct db_stmt *s = db_stmt(db, STMT_ORG_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":kind", kind == ORG_ID_OID ? "oid" : "ubn");
	db_bind_text(s, ":identifier", ident);
	db_bind_text(s, ":name", o->name);
	db_bind_text(s, ":level", o->level);
	db_bind_text(s, ":sector", o->sector ? o->sector : "");
	if (o->parent_id)
		db_bind_int(s, ":parent_id", o->parent_id);
	else
		db_bind_null(s, ":parent_id");
	db_bind_text(s, ":mailbox", o->mailbox ? o->mailbox : "");
	db_bind_int(s, ":at", clock_now_unix());
	if (db_step(s) != DB_ROW) {
		enum err e = db_error(db);
		db_reset(s);
		if (e == ERR_EXISTS)
			*why = "an organisation with this identifier exists";
		return e == ERR_OK ? ERR_DB : e;
	}
	if (id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return ERR_OK;
}

static enum err one(struct db *db, enum stmt_id id, const char *name, const char *text, int64_t num,
		    struct arena *a, struct org *out)
{
	struct db_stmt *s = db_stmt(db, id);
	if (!s)
		return ERR_DB;
	if (text)
		db_bind_text(s, name, text);
	else
		db_bind_int(s, name, num);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		read_row(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
}

enum err org_find(struct db *db, struct arena *a, const char *identifier, struct org *out)
{
	return one(db, STMT_ORG_BY_IDENTIFIER, ":identifier", identifier ? identifier : "", 0, a, out);
}

enum err org_get(struct db *db, struct arena *a, int64_t id, struct org *out)
{
	return one(db, STMT_ORG_BY_ID, ":id", NULL, id, a, out);
}

enum err org_list(struct db *db, struct arena *a, struct org **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, STMT_ORG_LIST);
	if (!s)
		return ERR_DB;
	size_t cap = 16;
	*out = arena_alloc(a, cap * sizeof **out);
	*n = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			struct org *bigger = arena_alloc(a, 2 * cap * sizeof *bigger);
			memcpy(bigger, *out, cap * sizeof *bigger);
			*out = bigger;
			cap *= 2;
		}
		read_row(s, a, &(*out)[(*n)++]);
	}
	db_reset(s);
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

bool org_may_self_apply(const struct org *o)
{
	return o->level >= 'A' && o->level <= 'C';
}
