/* API keys: 66 random bytes in base64url (88 characters). The first 12 characters are
 * stored in clear to find the row; the whole key only as its SHA-256. */
#include "identity/apikey.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <string.h>

#define PREFIX_LEN 12

static void key_hash(const char *key, size_t len, char out[65])
{
	unsigned char h[32];
	crypto_sha256(key, len, h);
	crypto_hex(h, sizeof h, out, 65);
}

enum err apikey_create(struct db *db, int64_t org_id, const char *name, int64_t created_by,
		       char key[APIKEY_LEN + 1], int64_t *id)
{
	unsigned char raw[66];
	crypto_random(raw, sizeof raw);
	crypto_b64url_encode(raw, sizeof raw, key, APIKEY_LEN + 1);
	crypto_wipe(raw, sizeof raw);
	char hash[65], prefix[PREFIX_LEN + 1];
	key_hash(key, APIKEY_LEN, hash);
	memcpy(prefix, key, PREFIX_LEN);
	prefix[PREFIX_LEN] = '\0';
	struct db_stmt *s = db_stmt(db, STMT_APIKEY_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":name", name ? name : "");
	db_bind_text(s, ":prefix", prefix);
	db_bind_text(s, ":key_hash", hash);
	db_bind_int(s, ":at", clock_now_unix());
	if (created_by)
		db_bind_int(s, ":by", created_by);
	else
		db_bind_null(s, ":by");
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : ERR_DB;
}

enum err apikey_resolve(struct db *db, const char *key, size_t len, int64_t *org_id, int64_t *key_id)
{
	if (!key || len != APIKEY_LEN)
		return ERR_UNAUTHENTICATED;
	char want[65], prefix[PREFIX_LEN + 1];
	key_hash(key, len, want);
	memcpy(prefix, key, PREFIX_LEN);
	prefix[PREFIX_LEN] = '\0';
	struct db_stmt *s = db_stmt(db, STMT_APIKEY_BY_PREFIX);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":prefix", prefix);
	int64_t found = 0, org = 0;
	while (db_step(s) == DB_ROW) {
		const char *h = db_col_text(s, 2);
		if (db_col_len(s, 2) == 64 && crypto_equal(h, want, 64)) {
			found = db_col_int(s, 0);
			org = db_col_int(s, 1);
		}
	}
	db_reset(s);
	if (!found)
		return ERR_UNAUTHENTICATED;
	s = db_stmt(db, STMT_APIKEY_TOUCH);
	if (s) {
		db_bind_int(s, ":now", clock_now_unix());
		db_bind_int(s, ":id", found);
		db_exec(s);
	}
	*org_id = org;
	if (key_id)
		*key_id = found;
	return ERR_OK;
}

enum err apikey_list(struct db *db, struct arena *a, int64_t org_id, struct apikey **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, STMT_APIKEY_LIST_ORG);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	size_t cap = 8;
	*out = arena_zalloc(a, cap * sizeof **out);
	*n = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			struct apikey *bigger = arena_zalloc(a, 2 * cap * sizeof *bigger);
			memcpy(bigger, *out, cap * sizeof *bigger);
			*out = bigger;
			cap *= 2;
		}
		struct apikey *k = &(*out)[(*n)++];
		k->id = db_col_int(s, 0);
		k->name = arena_strdup(a, db_col_text(s, 1));
		k->prefix = arena_strdup(a, db_col_text(s, 2));
		k->created_at = db_col_int(s, 3);
		k->last_used_at = db_col_null(s, 4) ? 0 : db_col_int(s, 4);
		k->revoked_at = db_col_null(s, 5) ? 0 : db_col_int(s, 5);
	}
	db_reset(s);
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

enum err apikey_revoke(struct db *db, int64_t org_id, int64_t id)
{
	struct db_stmt *s = db_stmt(db, STMT_APIKEY_REVOKE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":at", clock_now_unix());
	db_bind_int(s, ":id", id);
	db_bind_int(s, ":org_id", org_id);
	enum err e = db_exec(s);
	return e == ERR_OK && db_changes(db) == 0 ? ERR_NOT_FOUND : e;
}
