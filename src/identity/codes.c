/* One-time codes, links, rate limits and recovery codes over the store. A code's hash is
 * bound to its account and purpose, so a code can never be used for something else. */
#include "identity/codes.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <stdio.h>
#include <string.h>

void code_generate(char code[CODE_DIGITS + 1])
{
	for (int i = 0; i < CODE_DIGITS; i++)
		code[i] = (char)('0' + crypto_random_uniform(10));
	code[CODE_DIGITS] = '\0';
}

void code_hash(const char *scope, const char *code, char out[65])
{
	char buf[256];
	int n = snprintf(buf, sizeof buf, "%s:%s", scope, code ? code : "");
	unsigned char h[32];
	crypto_sha256(buf, n > 0 && (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1, h);
	crypto_hex(h, sizeof h, out, 65);
	crypto_wipe(buf, sizeof buf);
}

static void account_scope(char *scope, size_t n, int64_t account_id, const char *purpose)
{
	snprintf(scope, n, "account:%lld:%s", (long long)account_id, purpose);
}

static enum err void_codes(struct db *db, int64_t account_id, const char *purpose)
{
	struct db_stmt *s = db_stmt(db, STMT_CODE_VOID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":now", clock_now_unix());
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":purpose", purpose);
	return db_exec(s);
}

static enum err insert_code(struct db *db, int64_t account_id, const char *purpose, const char *hash,
			    int64_t expires_at)
{
	struct db_stmt *s = db_stmt(db, STMT_CODE_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":purpose", purpose);
	db_bind_text(s, ":code_hash", hash);
	db_bind_int(s, ":expires_at", expires_at);
	return db_exec(s);
}

enum err code_issue(struct db *db, const struct config *cfg, int64_t account_id, const char *purpose,
		    char code[CODE_DIGITS + 1])
{
	enum err e = void_codes(db, account_id, purpose);
	if (e != ERR_OK)
		return e;
	code_generate(code);
	char scope[96], hash[65];
	account_scope(scope, sizeof scope, account_id, purpose);
	code_hash(scope, code, hash);
	return insert_code(db, account_id, purpose, hash, clock_now_unix() + cfg->otp_ttl);
}

static enum err exec_id(struct db *db, enum stmt_id sid, int64_t id, bool with_now)
{
	struct db_stmt *s = db_stmt(db, sid);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	if (with_now)
		db_bind_int(s, ":now", clock_now_unix());
	return db_exec(s);
}

enum err code_check(struct db *db, const struct config *cfg, int64_t account_id, const char *purpose,
		    const char *code)
{
	struct db_stmt *s = db_stmt(db, STMT_CODE_LATEST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":purpose", purpose);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return ERR_NOT_FOUND;
	}
	int64_t id = db_col_int(s, 0), attempts = db_col_int(s, 2), expires = db_col_int(s, 3);
	char stored[65];
	snprintf(stored, sizeof stored, "%s", db_col_text(s, 1));
	db_reset(s);
	if (expires < clock_now_unix() || attempts >= cfg->otp_max_attempts)
		return ERR_NOT_FOUND;
	char scope[96], hash[65];
	account_scope(scope, sizeof scope, account_id, purpose);
	code_hash(scope, code, hash);
	if (!crypto_equal(hash, stored, 64)) {
		exec_id(db, STMT_CODE_ATTEMPT, id, false);
		return attempts + 1 >= cfg->otp_max_attempts ? ERR_NOT_FOUND : ERR_INVALID;
	}
	if (exec_id(db, STMT_CODE_USE, id, true) != ERR_OK || db_changes(db) != 1)
		return ERR_NOT_FOUND; /* used by a concurrent request */
	return ERR_OK;
}

static void link_hash(const char *token, const char *purpose, char out[65])
{
	char scope[32];
	snprintf(scope, sizeof scope, "link:%s", purpose);
	code_hash(scope, token, out);
}

enum err link_issue(struct db *db, int64_t account_id, const char *purpose, int64_t ttl, char token[LINK_TOKEN_SIZE])
{
	enum err e = void_codes(db, account_id, purpose);
	if (e != ERR_OK)
		return e;
	unsigned char raw[32];
	crypto_random(raw, sizeof raw);
	crypto_b64url_encode(raw, sizeof raw, token, LINK_TOKEN_SIZE);
	char hash[65];
	link_hash(token, purpose, hash);
	return insert_code(db, account_id, purpose, hash, clock_now_unix() + ttl);
}

enum err link_check(struct db *db, const char *token, const char *purpose, bool consume, int64_t *account_id)
{
	if (!token || strlen(token) != 43)
		return ERR_NOT_FOUND;
	char hash[65];
	link_hash(token, purpose, hash);
	struct db_stmt *s = db_stmt(db, STMT_CODE_BY_HASH);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":code_hash", hash);
	db_bind_text(s, ":purpose", purpose);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return ERR_NOT_FOUND;
	}
	int64_t id = db_col_int(s, 0), acct = db_col_int(s, 1), expires = db_col_int(s, 2);
	db_reset(s);
	if (expires < clock_now_unix())
		return ERR_NOT_FOUND;
	if (consume && (exec_id(db, STMT_CODE_USE, id, true) != ERR_OK || db_changes(db) != 1))
		return ERR_NOT_FOUND;
	*account_id = acct;
	return ERR_OK;
}

bool rate_allow(struct db *db, const char *key, int64_t limit, int64_t window)
{
	int64_t now = clock_now_unix();
	struct db_stmt *s = db_stmt(db, STMT_RATE_COUNT);
	if (!s)
		return false;
	db_bind_text(s, ":key", key);
	db_bind_int(s, ":since", now - window);
	int64_t count = db_step(s) == DB_ROW ? db_col_int(s, 0) : limit;
	db_reset(s);
	if (count >= limit)
		return false;
	s = db_stmt(db, STMT_RATE_ADD);
	if (!s)
		return false;
	db_bind_text(s, ":key", key);
	db_bind_int(s, ":at", now);
	if (db_exec(s) != ERR_OK)
		return false;
	/* old events are of no use: prune now and then (one insert in a hundred) */
	if (crypto_random_uniform(100) == 0 && (s = db_stmt(db, STMT_RATE_PURGE))) {
		db_bind_int(s, ":before", now - 86400);
		db_exec(s);
	}
	return true;
}

static void recovery_hash(int64_t account_id, const char *code, char out[65])
{
	char scope[64], norm[16];
	size_t k = 0;
	for (const char *p = code; *p && k < sizeof norm - 1; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			norm[k++] = c;
	}
	norm[k] = '\0';
	snprintf(scope, sizeof scope, "recovery:%lld", (long long)account_id);
	code_hash(scope, norm, out);
}

enum err recovery_generate(struct db *db, int64_t account_id, char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	struct db_stmt *s = db_stmt(db, STMT_RECOVERY_CLEAR);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":account_id", account_id);
	enum err e = db_exec(s);
	for (int i = 0; e == ERR_OK && i < RECOVERY_CODES; i++) {
		char *c = codes[i];
		for (int j = 0; j < 11; j++)
			c[j] = j == 5 ? '-' : alphabet[crypto_random_uniform(sizeof alphabet - 1)];
		c[11] = '\0';
		char hash[65];
		recovery_hash(account_id, c, hash);
		s = db_stmt(db, STMT_RECOVERY_INSERT);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":account_id", account_id);
		db_bind_text(s, ":code_hash", hash);
		e = db_exec(s);
	}
	return e;
}

enum err recovery_use(struct db *db, int64_t account_id, const char *code)
{
	char hash[65];
	recovery_hash(account_id, code ? code : "", hash);
	struct db_stmt *s = db_stmt(db, STMT_RECOVERY_USE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":now", clock_now_unix());
	db_bind_int(s, ":account_id", account_id);
	db_bind_text(s, ":code_hash", hash);
	enum err e = db_exec(s);
	return e == ERR_OK && db_changes(db) == 1 ? ERR_OK : ERR_INVALID;
}

int64_t recovery_left(struct db *db, int64_t account_id)
{
	struct db_stmt *s = db_stmt(db, STMT_RECOVERY_LEFT);
	if (!s)
		return 0;
	db_bind_int(s, ":account_id", account_id);
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	return n;
}
