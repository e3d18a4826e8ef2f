/* The self-hosted captcha: proof of work in the ALTCHA protocol as the npm `altcha` widget
 * 3.x speaks it — algorithm PBKDF2/SHA-256, the browser searching the counter whose key
 * (PBKDF2 of nonce ‖ counter as big-endian uint32, salt, cost iterations) starts with the
 * signed keyPrefix. The server signs the parameters with HMAC-SHA256 and verifies the
 * solution by deriving the key once; a solved challenge is accepted once. */
#ifndef VANS_IDENTITY_CAPTCHA_H
#define VANS_IDENTITY_CAPTCHA_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "store/db.h"

#define CAPTCHA_TTL 600
#define CAPTCHA_ALGORITHM "PBKDF2/SHA-256"

/* Writes a new challenge as JSON {"parameters":{…},"signature":"…"} to out. */
void captcha_challenge(const unsigned char *key, size_t keylen, const struct config *cfg, int64_t now,
		       struct buf *out);
/* Checks the widget's form value (base64 of {"challenge":{…},"solution":{…}}). ERR_OK once
 * per challenge; ERR_INVALID for anything forged, wrong, expired or replayed. db (may be
 * NULL in tests) remembers solved challenges. */
enum err captcha_verify(const unsigned char *key, size_t keylen, struct db *db, const char *payload, size_t len,
			int64_t now);
/* The key of the solution for the counter (what the browser computes), for tests. */
void captcha_derive(const char *nonce_hex, const char *salt_hex, uint32_t cost, uint32_t counter,
		    unsigned char out[32]);

#endif
