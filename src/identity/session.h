/* Server-side sessions in the database, so that several vans instances share them. The
 * browser holds a random 256-bit token; the table holds its SHA-256. A session ends after
 * session_idle_timeout without use or session_absolute_timeout after sign-in, on sign-out,
 * on a password change and when the account is disabled. */
#ifndef VANS_IDENTITY_SESSION_H
#define VANS_IDENTITY_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "store/db.h"

#define SESSION_TOKEN_SIZE 48     /* 43 base64url characters and a NUL */

struct session {
	int64_t account_id;
	bool mfa_done;                /* false: password given, second factor still due */
	int64_t created_at, last_seen;
};

/* A new session with a fresh token (never one the client chose: no fixation). */
enum err session_create(struct db *db, int64_t account_id, bool mfa_done, const char *ip,
			char token[SESSION_TOKEN_SIZE]);
/* ERR_OK and the session, or ERR_UNAUTHENTICATED when unknown or timed out (then deleted). */
enum err session_lookup(struct db *db, const struct config *cfg, const char *token, struct session *out);
enum err session_destroy(struct db *db, const char *token);
enum err session_revoke_account(struct db *db, int64_t account_id);
/* Deletes every timed-out session (the outbox thread calls this now and then). */
void session_purge(struct db *db, const struct config *cfg);

#endif
