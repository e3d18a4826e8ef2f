/* Audit entries and their hash chain: hash = SHA-256 over the previous hash and the
 * entry's fields, separated by a unit separator so that no two entries encode alike. */
#include "identity/audit.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <stdio.h>
#include <string.h>

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void entry_hash(const struct audit_entry *e, char out[65])
{
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_printf(&b, "%s\x1f%lld\x1f%lld\x1f%s\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s", e->prev_hash, (long long)e->at,
		   (long long)e->actor_id, e->actor, (long long)e->org_id, e->action, e->target, e->ip, e->detail);
	unsigned char h[32];
	crypto_sha256(b.data ? b.data : "", b.len, h);
	crypto_hex(h, sizeof h, out, 65);
	buf_free(&b);
}

struct append_ctx {
	struct audit_entry e;
};

static enum err append_tx(struct db *db, void *ctx)
{
	struct audit_entry *e = &((struct append_ctx *)ctx)->e;
	char prev[65] = GENESIS, hash[65];
	struct db_stmt *s = db_stmt(db, STMT_AUDIT_APPEND_LOCK);
	if (!s || db_exec(s) != ERR_OK)
		return ERR_DB;
	s = db_stmt(db, STMT_AUDIT_LAST);
	if (!s)
		return ERR_DB;
	if (db_step(s) == DB_ROW)
		snprintf(prev, sizeof prev, "%s", db_col_text(s, 0));
	db_reset(s);
	e->prev_hash = prev;
	entry_hash(e, hash);
	s = db_stmt(db, STMT_AUDIT_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":at", e->at);
	if (e->actor_id)
		db_bind_int(s, ":actor_id", e->actor_id);
	else
		db_bind_null(s, ":actor_id");
	db_bind_text(s, ":actor", e->actor);
	if (e->org_id)
		db_bind_int(s, ":org_id", e->org_id);
	else
		db_bind_null(s, ":org_id");
	db_bind_text(s, ":action", e->action);
	db_bind_text(s, ":target", e->target);
	db_bind_text(s, ":ip", e->ip);
	db_bind_text(s, ":detail", e->detail);
	db_bind_text(s, ":prev_hash", prev);
	db_bind_text(s, ":hash", hash);
	return db_exec(s);
}

enum err audit_append(struct db *db, int64_t actor_id, const char *actor, int64_t org_id, const char *action,
		      const char *target, const char *ip, const char *detail)
{
	struct append_ctx c = { .e = {
		.at = clock_now_unix(), .actor_id = actor_id, .org_id = org_id, .actor = actor ? actor : "",
		.action = action, .target = target ? target : "", .ip = ip ? ip : "", .detail = detail ? detail : "",
	} };
	return db_transaction(db, append_tx, &c);
}

static void read_row(struct db_stmt *s, struct arena *a, struct audit_entry *e)
{
	e->id = db_col_int(s, 0);
	e->at = db_col_int(s, 1);
	e->actor_id = db_col_null(s, 2) ? 0 : db_col_int(s, 2);
	e->actor = arena_strdup(a, db_col_text(s, 3));
	e->org_id = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
	e->action = arena_strdup(a, db_col_text(s, 5));
	e->target = arena_strdup(a, db_col_text(s, 6));
	e->ip = arena_strdup(a, db_col_text(s, 7));
	e->detail = arena_strdup(a, db_col_text(s, 8));
	e->prev_hash = arena_strdup(a, db_col_text(s, 9));
	e->hash = arena_strdup(a, db_col_text(s, 10));
}

enum err audit_list(struct db *db, struct arena *a, int64_t org_id, int64_t limit, struct audit_entry **out,
		    size_t *n)
{
	struct db_stmt *s = db_stmt(db, org_id ? STMT_AUDIT_LIST_ORG : STMT_AUDIT_LIST_ALL);
	if (!s)
		return ERR_DB;
	if (org_id)
		db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":limit", limit);
	*out = arena_zalloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof **out);
	*n = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW && (int64_t)*n < limit)
		read_row(s, a, &(*out)[(*n)++]);
	db_reset(s);
	return rc == DB_ERROR ? ERR_DB : ERR_OK;
}

enum err audit_verify(struct db *db, int64_t *count, int64_t *bad_id)
{
	*count = 0;
	*bad_id = 0;
	struct db_stmt *s = db_stmt(db, STMT_AUDIT_CHAIN);
	if (!s)
		return ERR_DB;
	struct arena a;
	arena_init(&a, 0);
	char prev[65] = GENESIS;
	enum err result = ERR_OK;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct audit_entry e;
		read_row(s, &a, &e);
		char hash[65];
		entry_hash(&e, hash);
		(*count)++;
		if (strcmp(e.prev_hash, prev) != 0 || strcmp(hash, e.hash) != 0) {
			*bad_id = e.id;
			result = ERR_CONFLICT;
			break;
		}
		snprintf(prev, sizeof prev, "%s", e.hash);
		arena_reset(&a);
	}
	db_reset(s);
	arena_free(&a);
	return rc == DB_ERROR ? ERR_DB : result;
}
