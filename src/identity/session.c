/* Session tokens: 32 random bytes, base64url in the cookie, SHA-256 hex in the table. */
#include "identity/session.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <string.h>

static bool token_hash(const char *token, char out[65])
{
	size_t n = token ? strlen(token) : 0;
	if (n != 43)
		return false;
	unsigned char h[32];
	crypto_sha256(token, n, h);
	crypto_hex(h, sizeof h, out, 65);
	return true;
}

enum err session_create(struct db *db, int64_t account_id, bool mfa_done, const char *ip,
			char token[SESSION_TOKEN_SIZE])
{
	unsigned char raw[32];
	crypto_random(raw, sizeof raw);
	crypto_b64url_encode(raw, sizeof raw, token, SESSION_TOKEN_SIZE);
	crypto_wipe(raw, sizeof raw);
	char hash[65];
	token_hash(token, hash);
	struct db_stmt *s = db_stmt(db, STMT_SESSION_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":id_hash", hash);
	db_bind_int(s, ":account_id", account_id);
	db_bind_int(s, ":mfa_done", mfa_done);
	db_bind_int(s, ":at", clock_now_unix());
	db_bind_text(s, ":ip", ip ? ip : "");
	return db_exec(s);
}

static enum err delete_hash(struct db *db, const char *hash)
{
	struct db_stmt *s = db_stmt(db, STMT_SESSION_DELETE);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":id_hash", hash);
	return db_exec(s);
}

enum err session_lookup(struct db *db, const struct config *cfg, const char *token, struct session *out)
{
	char hash[65];
	if (!token_hash(token, hash))
		return ERR_UNAUTHENTICATED;
	struct db_stmt *s = db_stmt(db, STMT_SESSION_GET);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":id_hash", hash);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW) {
		out->account_id = db_col_int(s, 0);
		out->mfa_done = db_col_int(s, 1) != 0;
		out->created_at = db_col_int(s, 2);
		out->last_seen = db_col_int(s, 3);
	}
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_UNAUTHENTICATED : ERR_DB;
	int64_t now = clock_now_unix();
	/* a half-signed-in session (second factor due) gets ten minutes */
	int64_t idle = out->mfa_done ? cfg->session_idle_timeout : 600;
	if (now - out->last_seen > idle || now - out->created_at > cfg->session_absolute_timeout) {
		delete_hash(db, hash);
		return ERR_UNAUTHENTICATED;
	}
	if (now - out->last_seen >= 30) {   /* at most one write per session every 30 s */
		s = db_stmt(db, STMT_SESSION_TOUCH);
		if (s) {
			db_bind_int(s, ":now", now);
			db_bind_text(s, ":id_hash", hash);
			db_exec(s);
		}
	}
	return ERR_OK;
}

enum err session_destroy(struct db *db, const char *token)
{
	char hash[65];
	if (!token_hash(token, hash))
		return ERR_OK;
	return delete_hash(db, hash);
}

enum err session_revoke_account(struct db *db, int64_t account_id)
{
	struct db_stmt *s = db_stmt(db, STMT_SESSION_DELETE_ACCOUNT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	return db_exec(s);
}

void session_purge(struct db *db, const struct config *cfg)
{
	struct db_stmt *s = db_stmt(db, STMT_SESSION_PURGE);
	if (!s)
		return;
	int64_t now = clock_now_unix();
	db_bind_int(s, ":idle_before", now - cfg->session_idle_timeout);
	db_bind_int(s, ":absolute_before", now - cfg->session_absolute_timeout);
	db_exec(s);
}
