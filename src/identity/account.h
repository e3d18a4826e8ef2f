/* Accounts (one person each): the fields of the application form (seed 000 圖7), password
 * sign-in with lockout and back-off, Argon2id rehash, disable and re-enable. Strings of
 * returned records live in the caller's arena. */
#ifndef VANS_IDENTITY_ACCOUNT_H
#define VANS_IDENTITY_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "store/db.h"

struct account {
	int64_t id, org_id;       /* org_id 0: an operator outside any organisation */
	const char *username, *password_hash, *name, *email, *mobile, *title, *department, *address,
		*phone, *extension, *fax, *status, *totp_secret;
	bool is_operator, disabled;
	int64_t totp_last_step, failed_logins, locked_until, created_at, password_changed_at;
};

struct account_new {
	int64_t org_id;
	const char *username, *password, *password_confirm, *name, *email, *mobile, *title, *department,
		*address, *phone, *extension, *fax;
	bool is_operator;
	bool no_password;         /* created with a set-up link instead (by `vans user add`) */
	bool contact_optional;    /* mobile, title, address, phone may be filled in later (CLI) */
};

/* A problem with one field: field is the form field's name, code a message-key suffix such
 * as "required", "invalid", "mismatch", "taken", "pw_too_short". */
struct field_problem {
	const char *field;
	const char *code;
};
#define ACCOUNT_MAX_PROBLEMS 24

/* Checks every field; returns the number of problems written to out. */
size_t account_validate(const struct config *cfg, const struct account_new *n, struct field_problem *out);
/* Validates, hashes and inserts. ERR_INVALID with problems filled (and *nproblems),
 * ERR_EXISTS when the username is taken (also reported as a problem). */
enum err account_create(struct db *db, const struct config *cfg, const struct account_new *n, int64_t *id,
			struct field_problem *problems, size_t *nproblems);
enum err account_by_username(struct db *db, struct arena *a, const char *username, struct account *out);
enum err account_get(struct db *db, struct arena *a, int64_t id, struct account *out);

/* Password sign-in. ERR_OK fills out; ERR_UNAUTHENTICATED for an unknown user or a wrong
 * password (same answer, similar time); ERR_RATE_LIMITED while locked (*until set);
 * ERR_DENIED for a disabled account. Failures count towards the lockout. */
enum err account_authenticate(struct db *db, const struct config *cfg, struct arena *a, const char *username,
			      const char *password, struct account *out, int64_t *until);
/* New password (policy checked by the caller) and every session of the account ended. */
enum err account_set_password(struct db *db, const struct config *cfg, int64_t id, const char *password);
/* Disables (ending every session) or re-enables. */
enum err account_set_disabled(struct db *db, int64_t id, bool disabled);
/* Accounts of an organisation with a status ("active" or "disabled"). */
enum err account_list_org(struct db *db, struct arena *a, int64_t org_id, const char *status,
			  struct account **out, size_t *n);
int64_t account_operator_count(struct db *db);

#endif
