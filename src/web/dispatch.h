/* The request pipeline between the server and the handlers: route, language, CSRF,
 * authorization, handler, error page. The server calls web_dispatch once per request. */
#ifndef VANS_WEB_DISPATCH_H
#define VANS_WEB_DISPATCH_H

#include "web/http.h"

/* Matches the route early (at the first byte of a request) so the body cap is known. */
void web_route(struct request *r);
void web_dispatch(struct request *r, struct response *w);

#endif
