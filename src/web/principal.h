/* The caller of a request: loaded once in dispatch.c from the session cookie or, on API
 * routes, an "Authorization: Bearer KEY" API key; and the session cookie itself, which
 * only these functions set, rotate and clear. */
#ifndef VANS_WEB_PRINCIPAL_H
#define VANS_WEB_PRINCIPAL_H

#include <stdbool.h>
#include <stdint.h>

#include "web/http.h"

#define SESSION_COOKIE "vans_session"

/* Fills r->user (anonymous when there is no valid session or key). */
void web_identify(struct request *r);
/* A new session (a fresh token, never the client's: no fixation) and its cookie; ends the
 * request's previous session. mfa_done=false: the second factor is still due. */
enum err web_sign_in(struct request *r, struct response *w, int64_t account_id, bool mfa_done);
void web_sign_out(struct request *r, struct response *w);
/* 303 to /login?next=<this page>. */
void web_redirect_to_login(struct request *r, struct response *w);
/* A local path safe to redirect to ("/" otherwise). */
const char *web_safe_next(const char *next);

#endif
