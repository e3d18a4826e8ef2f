/* Authorization, decided in one place: may this request call this route? Handlers that
 * show organisation data additionally scope their queries, but the gate is here. */
#ifndef VANS_WEB_AUTHZ_H
#define VANS_WEB_AUTHZ_H

#include <stdbool.h>

#include "web/http.h"
#include "web/router.h"

/* ERR_OK, ERR_UNAUTHENTICATED (sign in first) or ERR_DENIED. */
enum err authz_check(const struct route *rt, struct request *r);

/* True for routes whose caller proves itself in the request body (an API key in JSON) and
 * never by cookie: the CSRF check, which guards cookie sessions, does not apply. */
bool authz_csrf_exempt(const struct route *rt);

#endif
