/* Passwords: the configurable policy of the national system — length, character classes,
 * letters and digits only — with a check against a real common-password list (John the
 * Ripper's, from Debian's john-data, compiled in), and Argon2id hashing with rehash. */
#ifndef VANS_IDENTITY_PASSWORD_H
#define VANS_IDENTITY_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"

enum password_problem {
	PW_OK = 0,
	PW_TOO_SHORT = 1 << 0,
	PW_TOO_LONG = 1 << 1,
	PW_NEEDS_MIXED = 1 << 2,    /* lacks an upper-case letter, a lower-case letter or a digit */
	PW_BAD_CHARS = 1 << 3,      /* other than letters and digits under password_alnum_only */
	PW_COMMON = 1 << 4,         /* on the common-password list (also with digits appended) */
	PW_HAS_USERNAME = 1 << 5,
};

#define PASSWORD_MAX 128

/* A bit set of problems of pw under the configured policy; PW_OK when it may be used. */
unsigned password_check(const struct config *cfg, const char *pw, size_t n, const char *username);
/* True when pw (case-insensitively, also without trailing digits) is a common password. */
bool password_is_common(const char *pw, size_t n);
/* Argon2id with the configured parameters; -1 only when out of memory. */
int password_hash(const struct config *cfg, const char *pw, size_t n, char out[128]);
bool password_verify(const char *hash, const char *pw, size_t n);
bool password_needs_rehash(const struct config *cfg, const char *hash);

#endif
