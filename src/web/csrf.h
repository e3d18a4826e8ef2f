/* CSRF protection for HTML forms: a random cookie and, in each form, an HMAC of it under
 * the server secret. The dispatcher checks every state-changing page request. */
#ifndef VANS_WEB_CSRF_H
#define VANS_WEB_CSRF_H

#include <stdbool.h>

#include "web/http.h"

#define CSRF_COOKIE "vans_csrf"
#define CSRF_FIELD "_csrf"

/* The token to put in this page's forms; creates the cookie when the client has none. */
const char *csrf_token(struct request *r);
/* True when the form field (or X-CSRF-Token header) matches the cookie. */
bool csrf_valid(struct request *r);

#endif
