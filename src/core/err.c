/* Names of the error codes. These strings appear in the JSON API's error objects and
 * are part of its contract: never rename one. */
#include "core/err.h"

static const char *const names[ERR__MAX] = {
	[ERR_OK] = "ok",
	[ERR_INVALID] = "invalid",
	[ERR_NOT_FOUND] = "not_found",
	[ERR_EXISTS] = "exists",
	[ERR_DENIED] = "forbidden",
	[ERR_UNAUTHENTICATED] = "unauthenticated",
	[ERR_TOO_LARGE] = "too_large",
	[ERR_RATE_LIMITED] = "rate_limited",
	[ERR_CONFLICT] = "conflict",
	[ERR_DB] = "database_error",
	[ERR_IO] = "io_error",
	[ERR_INTERNAL] = "internal_error",
	[ERR_UNAVAILABLE] = "unavailable",
};

const char *err_str(enum err e)
{
	if ((unsigned)e >= ERR__MAX)
		return "internal_error";
	return names[e];
}
