/* Registrations over the store. The two codes are hashed with the registration id and
 * the channel, so the e-mail code cannot be typed in the SMS field or the other way round. */
#include "identity/registration.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <stdio.h>
#include <string.h>

static void token_hash(const char *token, char out[65])
{
	code_hash("registration", token, out);
}

enum err registration_start(struct db *db, int64_t org_id, char token[LINK_TOKEN_SIZE])
{
	unsigned char raw[32];
	crypto_random(raw, sizeof raw);
	crypto_b64url_encode(raw, sizeof raw, token, LINK_TOKEN_SIZE);
	char hash[65];
	token_hash(token, hash);
	struct db_stmt *s = db_stmt(db, STMT_REG_PURGE);
	if (s) {
		db_bind_int(s, ":now", clock_now_unix());
		db_exec(s);
	}
	s = db_stmt(db, STMT_REG_INSERT);
	if (!s)
		return ERR_DB;
	int64_t now = clock_now_unix();
	db_bind_text(s, ":token_hash", hash);
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":at", now);
	db_bind_int(s, ":expires_at", now + REGISTRATION_TTL);
	enum db_step_rc rc = db_step(s);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : ERR_DB;
}

enum err registration_get(struct db *db, struct arena *a, const char *token, struct registration *out)
{
	if (!token || strlen(token) != 43)
		return ERR_NOT_FOUND;
	char hash[65];
	token_hash(token, hash);
	struct db_stmt *s = db_stmt(db, STMT_REG_BY_TOKEN);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":token_hash", hash);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW) {
		out->id = db_col_int(s, 0);
		out->org_id = db_col_int(s, 1);
		out->name = arena_strdup(a, db_col_text(s, 2));
		out->email = arena_strdup(a, db_col_text(s, 3));
		out->mobile = arena_strdup(a, db_col_text(s, 4));
		out->email_hash = arena_strdup(a, db_col_text(s, 5));
		out->sms_hash = arena_strdup(a, db_col_text(s, 6));
		out->attempts = db_col_int(s, 7);
		out->codes_expire_at = db_col_int(s, 8);
		out->verified = db_col_int(s, 9) != 0;
		out->wants = arena_strdup(a, db_col_text(s, 10));
		out->expires_at = db_col_int(s, 11);
		out->codes_sent = out->email_hash[0] != '\0' || out->verified;
	}
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
	return out->expires_at < clock_now_unix() ? ERR_NOT_FOUND : ERR_OK;
}

static void channel_hash(const struct registration *r, const char *channel, const char *code, char out[65])
{
	char scope[64];
	snprintf(scope, sizeof scope, "registration:%lld:%s", (long long)r->id, channel);
	code_hash(scope, code, out);
}

enum err registration_set_contact(struct db *db, const struct config *cfg, struct registration *r,
				  const char *name, const char *email, const char *mobile,
				  char email_code[CODE_DIGITS + 1], char sms_code[CODE_DIGITS + 1])
{
	code_generate(email_code);
	code_generate(sms_code);
	char eh[65], sh[65];
	channel_hash(r, "email", email_code, eh);
	channel_hash(r, "sms", sms_code, sh);
	struct db_stmt *s = db_stmt(db, STMT_REG_SET_CONTACT);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":name", name);
	db_bind_text(s, ":email", email);
	db_bind_text(s, ":mobile", mobile);
	db_bind_text(s, ":email_code", eh);
	db_bind_text(s, ":sms_code", sh);
	db_bind_int(s, ":codes_expire_at", clock_now_unix() + cfg->otp_ttl);
	db_bind_int(s, ":id", r->id);
	return db_exec(s);
}

enum err registration_verify(struct db *db, const struct config *cfg, struct registration *r, const char *email_code,
			     const char *sms_code, bool *email_ok, bool *sms_ok)
{
	*email_ok = *sms_ok = false;
	if (!r->codes_sent || r->codes_expire_at < clock_now_unix() || r->attempts >= cfg->otp_max_attempts)
		return ERR_NOT_FOUND;
	char eh[65], sh[65];
	channel_hash(r, "email", email_code ? email_code : "", eh);
	channel_hash(r, "sms", sms_code ? sms_code : "", sh);
	*email_ok = strlen(r->email_hash) == 64 && crypto_equal(eh, r->email_hash, 64);
	*sms_ok = strlen(r->sms_hash) == 64 && crypto_equal(sh, r->sms_hash, 64);
	struct db_stmt *s;
	if (!*email_ok || !*sms_ok) {
		s = db_stmt(db, STMT_REG_ATTEMPT);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":id", r->id);
		db_exec(s);
		r->attempts++;
		return r->attempts >= cfg->otp_max_attempts ? ERR_NOT_FOUND : ERR_INVALID;
	}
	s = db_stmt(db, STMT_REG_VERIFIED);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", r->id);
	enum err e = db_exec(s);
	if (e == ERR_OK)
		r->verified = true;
	return e;
}

enum err registration_set_wants(struct db *db, struct registration *r, const char *wants)
{
	struct db_stmt *s = db_stmt(db, STMT_REG_SET_WANTS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":wants", wants);
	db_bind_int(s, ":id", r->id);
	enum err e = db_exec(s);
	if (e == ERR_OK && db_changes(db) == 0)
		return ERR_CONFLICT;
	return e;
}

enum err registration_finish(struct db *db, struct registration *r)
{
	struct db_stmt *s = db_stmt(db, STMT_REG_DELETE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", r->id);
	return db_exec(s);
}
