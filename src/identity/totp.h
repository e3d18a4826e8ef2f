/* TOTP second factor (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) through liboath,
 * which only this file's .c includes. A code is accepted one step either side of now and
 * never twice: the caller stores the step of the last accepted code. */
#ifndef VANS_IDENTITY_TOTP_H
#define VANS_IDENTITY_TOTP_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

#define TOTP_SECRET_B32 33        /* 20 bytes in base32: 32 characters and a NUL */

/* Once at start-up; -1 when liboath cannot start. */
int totp_init(void);
void totp_new_secret(char b32[TOTP_SECRET_B32]);
/* ERR_OK with *step when code is valid now and its step is after last_step. */
enum err totp_verify(const char *b32, const char *code, int64_t now, int64_t last_step, int64_t *step);
/* The code for a time (for tests and the enrolment check). */
int totp_generate(const char *b32, int64_t now, char out[7]);
/* otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=… for authenticator apps. */
const char *totp_uri(struct arena *a, const char *issuer, const char *account, const char *b32);

#endif
