/* A registration in progress (seed 000 §2.1): organisation → contact details → two codes,
 * one by e-mail and one by SMS, both required → permissions chosen → the account form.
 * The browser holds a random token for it; the row expires after an hour. */
#ifndef VANS_IDENTITY_REGISTRATION_H
#define VANS_IDENTITY_REGISTRATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "identity/codes.h"
#include "store/db.h"

#define REGISTRATION_TTL 3600

struct registration {
	int64_t id, org_id;
	const char *name, *email, *mobile;
	int64_t attempts, codes_expire_at;
	bool codes_sent, verified;
	const char *wants;            /* chosen permissions: "vans:general,vans:org_admin" */
	int64_t expires_at;
	const char *email_hash, *sms_hash;
};

enum err registration_start(struct db *db, int64_t org_id, char token[LINK_TOKEN_SIZE]);
/* ERR_NOT_FOUND when unknown or expired. */
enum err registration_get(struct db *db, struct arena *a, const char *token, struct registration *out);
/* Stores the contact details and two fresh codes for the caller to send. */
enum err registration_set_contact(struct db *db, const struct config *cfg, struct registration *r,
				  const char *name, const char *email, const char *mobile,
				  char email_code[CODE_DIGITS + 1], char sms_code[CODE_DIGITS + 1]);
/* Both codes at once. ERR_OK (verified), ERR_INVALID (one or both wrong: *email_ok and
 * *sms_ok say which), ERR_NOT_FOUND (expired or out of attempts: send new codes). */
enum err registration_verify(struct db *db, const struct config *cfg, struct registration *r, const char *email_code,
			     const char *sms_code, bool *email_ok, bool *sms_ok);
enum err registration_set_wants(struct db *db, struct registration *r, const char *wants);
enum err registration_finish(struct db *db, struct registration *r);

#endif
