/* The one error enum of vans. Every layer returns these; the web layer maps them to
 * HTTP status codes in one place (web/http_status.c) and the CLI to exit codes. */
#ifndef VANS_CORE_ERR_H
#define VANS_CORE_ERR_H

enum err {
	ERR_OK = 0,
	ERR_INVALID,       /* input failed validation */
	ERR_NOT_FOUND,
	ERR_EXISTS,        /* unique constraint, duplicate */
	ERR_DENIED,        /* authenticated but not allowed */
	ERR_UNAUTHENTICATED,
	ERR_TOO_LARGE,     /* a cap was hit */
	ERR_RATE_LIMITED,
	ERR_CONFLICT,      /* state does not allow it (e.g. already approved) */
	ERR_DB,            /* database failure */
	ERR_IO,
	ERR_INTERNAL,
	ERR_UNAVAILABLE,   /* a dependency is down; try later */
	ERR__MAX
};

/* Stable machine-readable code, e.g. "invalid", used in JSON error bodies. */
const char *err_str(enum err e);

#endif
