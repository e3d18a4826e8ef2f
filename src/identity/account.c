/* Account records, sign-in and lockout. An unknown username costs a password hash all the
 * same, so response times do not tell whether an account exists. */
#include "identity/account.h"
#include "identity/password.h"
#include "identity/session.h"
#include "identity/validate.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <pthread.h>
#include <string.h>

static const char *dup_col(struct arena *a, struct db_stmt *s, int col)
{
	return db_col_null(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static void read_row(struct db_stmt *s, struct arena *a, struct account *o)
{
	o->id = db_col_int(s, 0);
	o->org_id = db_col_null(s, 1) ? 0 : db_col_int(s, 1);
	o->username = dup_col(a, s, 2);
	o->password_hash = dup_col(a, s, 3);
	o->name = dup_col(a, s, 4);
	o->email = dup_col(a, s, 5);
	o->mobile = dup_col(a, s, 6);
	o->title = dup_col(a, s, 7);
	o->department = dup_col(a, s, 8);
	o->address = dup_col(a, s, 9);
	o->phone = dup_col(a, s, 10);
	o->extension = dup_col(a, s, 11);
	o->fax = dup_col(a, s, 12);
	o->status = dup_col(a, s, 13);
	o->is_operator = db_col_int(s, 14) != 0;
	o->totp_secret = dup_col(a, s, 15);
	o->totp_last_step = db_col_int(s, 16);
	o->failed_logins = db_col_int(s, 17);
	o->locked_until = db_col_int(s, 18);
	o->created_at = db_col_int(s, 19);
	o->password_changed_at = db_col_int(s, 20);
	o->disabled = o->status && strcmp(o->status, "disabled") == 0;
}

static size_t len_of(const char *s)
{
	return s ? strlen(s) : 0;
}

size_t account_validate(const struct config *cfg, const struct account_new *n, struct field_problem *out)
{
	size_t k = 0;
#define PROBLEM(f, c) do { if (k < ACCOUNT_MAX_PROBLEMS) out[k++] = (struct field_problem){ f, c }; } while (0)
	if (!len_of(n->username))
		PROBLEM("username", "required");
	else if (!username_valid(n->username, strlen(n->username)))
		PROBLEM("username", "invalid");
	if (!n->no_password) {
		if (!len_of(n->password)) {
			PROBLEM("password", "required");
		} else {
			unsigned p = password_check(cfg, n->password, strlen(n->password), n->username);
			if (p & PW_TOO_SHORT)
				PROBLEM("password", "pw_too_short");
			if (p & PW_TOO_LONG)
				PROBLEM("password", "pw_too_long");
			if (p & PW_NEEDS_MIXED)
				PROBLEM("password", "pw_needs_mixed");
			if (p & PW_BAD_CHARS)
				PROBLEM("password", "pw_bad_chars");
			if (p & PW_COMMON)
				PROBLEM("password", "pw_common");
			if (p & PW_HAS_USERNAME)
				PROBLEM("password", "pw_has_username");
		}
		if (n->password_confirm && strcmp(n->password_confirm, n->password ? n->password : "") != 0)
			PROBLEM("password_confirm", "mismatch");
	}
	if (!len_of(n->name))
		PROBLEM("name", "required");
	else if (!person_name_valid(n->name, strlen(n->name)))
		PROBLEM("name", "invalid");
	if (!len_of(n->email))
		PROBLEM("email", "required");
	else if (!email_valid(n->email, strlen(n->email)))
		PROBLEM("email", "invalid");
	if (!n->is_operator && !n->contact_optional) {
		char m[11];
		if (!len_of(n->mobile))
			PROBLEM("mobile", "required");
		else if (!mobile_valid(n->mobile, strlen(n->mobile), m))
			PROBLEM("mobile", "invalid");
		if (!len_of(n->title))
			PROBLEM("title", "required");
		else if (len_of(n->title) > 100)
			PROBLEM("title", "too_long");
		if (len_of(n->department) > 100)
			PROBLEM("department", "too_long");
		if (!len_of(n->address))
			PROBLEM("address", "required");
		else if (len_of(n->address) > 200)
			PROBLEM("address", "too_long");
		if (!len_of(n->phone))
			PROBLEM("phone", "required");
		else if (!phone_valid(n->phone, strlen(n->phone)))
			PROBLEM("phone", "invalid");
		if (len_of(n->extension) && !extension_valid(n->extension, strlen(n->extension)))
			PROBLEM("extension", "invalid");
		if (len_of(n->fax) && !phone_valid(n->fax, strlen(n->fax)))
			PROBLEM("fax", "invalid");
	}
#undef PROBLEM
	return k;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

enum err account_create(struct db *db, const struct config *cfg, const struct account_new *n, int64_t *id,
			struct field_problem *problems, size_t *nproblems)
{
	*nproblems = account_validate(cfg, n, problems);
	if (*nproblems)
		return ERR_INVALID;
	char hash[128] = "";
	if (!n->no_password && password_hash(cfg, n->password, strlen(n->password), hash) < 0)
		return ERR_INTERNAL;
	char mobile[11] = "";
	if (len_of(n->mobile))
		mobile_valid(n->mobile, strlen(n->mobile), mobile);
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_INSERT);
	if (!s)
		return ERR_DB;
	if (n->org_id)
		db_bind_int(s, ":org_id", n->org_id);
	else
		db_bind_null(s, ":org_id");
	db_bind_text(s, ":username", n->username);
	db_bind_text(s, ":hash", hash);
	db_bind_text(s, ":name", n->name);
	db_bind_text(s, ":email", n->email);
	db_bind_text(s, ":mobile", mobile);
	db_bind_text(s, ":title", or_empty(n->title));
	db_bind_text(s, ":department", or_empty(n->department));
	db_bind_text(s, ":address", or_empty(n->address));
	db_bind_text(s, ":phone", or_empty(n->phone));
	db_bind_text(s, ":extension", or_empty(n->extension));
	db_bind_text(s, ":fax", or_empty(n->fax));
	db_bind_int(s, ":is_operator", n->is_operator);
	db_bind_int(s, ":at", clock_now_unix());
	crypto_wipe(hash, sizeof hash);
	if (db_step(s) != DB_ROW) {
		enum err e = db_error(db);
		db_reset(s);
		if (e == ERR_EXISTS) {
			problems[0] = (struct field_problem){ "username", "taken" };
			*nproblems = 1;
			return ERR_EXISTS;
		}
		return ERR_DB;
	}
	if (id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return ERR_OK;
}

static enum err one(struct db *db, struct db_stmt *s, struct arena *a, struct account *out)
{
	(void)db;
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		read_row(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
}

enum err account_by_username(struct db *db, struct arena *a, const char *username, struct account *out)
{
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_BY_USERNAME);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":username", username ? username : "");
	return one(db, s, a, out);
}

enum err account_get(struct db *db, struct arena *a, int64_t id, struct account *out)
{
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_BY_ID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	return one(db, s, a, out);
}

/* A hash to verify against when the username is unknown, made once with the configured
 * parameters so that it costs what a real one does. */
static char dummy_hash[128];
static const struct config *dummy_cfg;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	password_hash(dummy_cfg, "not a password", 14, dummy_hash);
}

static enum err exec_id(struct db *db, enum stmt_id sid, int64_t id)
{
	struct db_stmt *s = db_stmt(db, sid);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	return db_exec(s);
}

enum err account_authenticate(struct db *db, const struct config *cfg, struct arena *a, const char *username,
			      const char *password, struct account *out, int64_t *until)
{
	*until = 0;
	size_t pwlen = password ? strlen(password) : 0;
	enum err e = account_by_username(db, a, username, out);
	if (e == ERR_NOT_FOUND || (e == ERR_OK && !*out->password_hash)) {
		dummy_cfg = cfg;
		pthread_once(&dummy_once, make_dummy);
		password_verify(dummy_hash, password ? password : "", pwlen);
		return ERR_UNAUTHENTICATED;
	}
	if (e != ERR_OK)
		return e;
	int64_t now = clock_now_unix();
	if (out->locked_until > now) {
		*until = out->locked_until;
		return ERR_RATE_LIMITED;
	}
	if (pwlen == 0 || pwlen > PASSWORD_MAX || !password_verify(out->password_hash, password, pwlen)) {
		int64_t failed = out->failed_logins + 1, lock = 0;
		if (failed >= cfg->lockout_threshold) {
			int64_t secs = cfg->lockout_seconds;
			for (int64_t i = cfg->lockout_threshold; i < failed && secs < 86400; i++)
				secs *= 2;
			lock = now + (secs > 86400 ? 86400 : secs);
			*until = lock;
		}
		struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_LOGIN_FAILED);
		if (s) {
			db_bind_int(s, ":locked_until", lock);
			db_bind_int(s, ":id", out->id);
			db_exec(s);
		}
		return ERR_UNAUTHENTICATED;
	}
	if (out->disabled)
		return ERR_DENIED;
	exec_id(db, STMT_ACCOUNT_LOGIN_OK, out->id);
	if (password_needs_rehash(cfg, out->password_hash)) {
		char hash[128];
		if (password_hash(cfg, password, pwlen, hash) == 0) {
			struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_REHASH);
			if (s) {
				db_bind_text(s, ":hash", hash);
				db_bind_int(s, ":id", out->id);
				db_exec(s);
			}
		}
	}
	return ERR_OK;
}

enum err account_set_password(struct db *db, const struct config *cfg, int64_t id, const char *password)
{
	char hash[128];
	if (password_hash(cfg, password, strlen(password), hash) < 0)
		return ERR_INTERNAL;
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_SET_PASSWORD);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":hash", hash);
	db_bind_int(s, ":at", clock_now_unix());
	db_bind_int(s, ":id", id);
	crypto_wipe(hash, sizeof hash);
	enum err e = db_exec(s);
	if (e == ERR_OK)
		e = exec_id(db, STMT_ACCOUNT_LOGIN_OK, id);
	if (e == ERR_OK)
		e = session_revoke_account(db, id);
	return e;
}

enum err account_set_disabled(struct db *db, int64_t id, bool disabled)
{
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_SET_STATUS);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":status", disabled ? "disabled" : "active");
	db_bind_int(s, ":id", id);
	enum err e = db_exec(s);
	if (e == ERR_OK && db_changes(db) == 0)
		return ERR_NOT_FOUND;
	if (e == ERR_OK && disabled)
		e = session_revoke_account(db, id);
	return e;
}

enum err account_list_org(struct db *db, struct arena *a, int64_t org_id, const char *status,
			  struct account **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_LIST_ORG);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":status", status);
	size_t cap = 16;
	*out = arena_zalloc(a, cap * sizeof **out);
	*n = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			struct account *bigger = arena_zalloc(a, 2 * cap * sizeof *bigger);
			memcpy(bigger, *out, cap * sizeof *bigger);
			*out = bigger;
			cap *= 2;
		}
		struct account *o = &(*out)[(*n)++];
		o->id = db_col_int(s, 0);
		o->org_id = org_id;
		o->username = dup_col(a, s, 1);
		o->name = dup_col(a, s, 2);
		o->email = dup_col(a, s, 3);
		o->department = dup_col(a, s, 4);
		o->title = dup_col(a, s, 5);
		o->status = dup_col(a, s, 6);
		o->disabled = strcmp(o->status, "disabled") == 0;
	}
	db_reset(s);
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

int64_t account_operator_count(struct db *db)
{
	struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_OPERATORS);
	if (!s || db_step(s) != DB_ROW) {
		if (s)
			db_reset(s);
		return 0;
	}
	int64_t n = db_col_int(s, 0);
	db_reset(s);
	return n;
}
