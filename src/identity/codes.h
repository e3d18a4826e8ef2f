/* One-time codes and tokens of known accounts (second factor at sign-in, password reset,
 * set-up links), recovery codes, and the rate limits on sending codes. Codes are 6 digits,
 * valid otp_ttl seconds and otp_max_attempts wrong entries; only their hashes are stored. */
#ifndef VANS_IDENTITY_CODES_H
#define VANS_IDENTITY_CODES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "store/db.h"

#define CODE_DIGITS 6
#define LINK_TOKEN_SIZE 48        /* 43 base64url characters and a NUL */
#define RECOVERY_CODES 10
#define RECOVERY_CODE_SIZE 12     /* "xxxxx-xxxxx" and a NUL */

/* Six random digits. */
void code_generate(char code[CODE_DIGITS + 1]);
/* SHA-256 hex of scope ":" code: scope binds a code to its account and purpose. */
void code_hash(const char *scope, const char *code, char out[65]);

/* purpose: "login" or "reset". Voids the account's earlier codes of that purpose. */
enum err code_issue(struct db *db, const struct config *cfg, int64_t account_id, const char *purpose,
		    char code[CODE_DIGITS + 1]);
/* ERR_OK (the code is used up), ERR_INVALID (wrong: one attempt spent) or ERR_NOT_FOUND
 * (none, expired or out of attempts: ask for a new one). */
enum err code_check(struct db *db, const struct config *cfg, int64_t account_id, const char *purpose,
		    const char *code);

/* Single-use links (purpose "setup"), valid ttl seconds. */
enum err link_issue(struct db *db, int64_t account_id, const char *purpose, int64_t ttl,
		    char token[LINK_TOKEN_SIZE]);
/* The account a valid link belongs to; consume=true uses it up. */
enum err link_check(struct db *db, const char *token, const char *purpose, bool consume, int64_t *account_id);

/* Counts an event under key and says whether it is within limit per window seconds (an
 * event over the limit is not counted). */
bool rate_allow(struct db *db, const char *key, int64_t limit, int64_t window);

/* Replaces the account's recovery codes with RECOVERY_CODES new ones. */
enum err recovery_generate(struct db *db, int64_t account_id, char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE]);
/* ERR_OK and the code used up, or ERR_INVALID. */
enum err recovery_use(struct db *db, int64_t account_id, const char *code);
int64_t recovery_left(struct db *db, int64_t account_id);

#endif
