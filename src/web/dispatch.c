/* The request pipeline. Security decisions are made here once for all routes: a
 * state-changing page request without a valid CSRF token, or a caller the route's policy
 * does not admit, never reaches a handler. */
#include "web/dispatch.h"
#include "web/app.h"
#include "web/authz.h"
#include "web/csrf.h"
#include "web/page.h"
#include "web/principal.h"
#include "web/router.h"

#include <string.h>

static int is_api_path(const char *path)
{
	return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

static enum lang choose_lang(struct request *r)
{
	const char *c = req_cookie(r, "vans_lang");
	if (c) {
		int l = lang_parse(c, strlen(c));
		if (l >= 0)
			return (enum lang)l;
	}
	const char *al = req_header(r, "Accept-Language");
	return al ? lang_negotiate(al, strlen(al), app.default_lang) : app.default_lang;
}

void web_route(struct request *r)
{
	router_match(&r->arena, r->method, r->path, &r->route, r->params);
}

static void error_response(struct request *r, struct response *w, int status, const char *code,
			   const char *message)
{
	if ((r->route && r->route->kind == ROUTE_API) || (!r->route && is_api_path(r->path))) {
		resp_json_error(w, status, code, message);
		return;
	}
	if (r->route && r->route->kind == ROUTE_PLAIN && status != 404) {
		resp_text(w, status, "text/plain; charset=utf-8", message, strlen(message));
		return;
	}
	page_error(r, w, status);
}

static int state_changing(enum http_method m)
{
	return m == HTTP_POST || m == HTTP_PUT || m == HTTP_PATCH || m == HTTP_DELETE;
}

void web_dispatch(struct request *r, struct response *w)
{
	r->lang = choose_lang(r);
	if (!r->route) {
		const struct route *rt;
		const char *params[ROUTE_MAX_PARAMS];
		enum route_match m = router_match(&r->arena, r->method, r->path, &rt, params);
		if (m == ROUTE_BAD_METHOD) {
			resp_header(r, w, "Allow", "GET, HEAD, POST");
			error_response(r, w, 405, "method_not_allowed", "this method is not allowed here");
		} else {
			error_response(r, w, 404, "not_found", "no such resource");
		}
		return;
	}
	if (r->body_too_large) {
		error_response(r, w, 413, "too_large", "the request body is larger than allowed");
		return;
	}
	web_identify(r);
	/* pages always need the form token; API calls need it in X-CSRF-Token when a session
	 * cookie authenticates them (never with an API key, which a browser does not send) */
	bool cookie_api = r->route->kind == ROUTE_API && !r->user.via_api_key && r->user.roles;
	if ((r->route->kind == ROUTE_PAGE || cookie_api) && state_changing(r->method) && !authz_csrf_exempt(r->route) &&
	    !csrf_valid(r)) {
		error_response(r, w, 403, "csrf", "the form has expired; reload the page and try again");
		return;
	}
	enum err e = authz_check(r->route, r);
	if (e == ERR_UNAUTHENTICATED && r->route->kind == ROUTE_PAGE && r->method == HTTP_GET) {
		web_redirect_to_login(r, w);
		return;
	}
	if (e != ERR_OK) {
		error_response(r, w, http_status_for(e), err_str(e),
			       e == ERR_UNAUTHENTICATED ? "sign in first" : "you may not do this");
		return;
	}
	r->route->fn(r, w);
	if (w->status >= 400 && w->body.len == 0)
		error_response(r, w, w->status, w->status == 404 ? "not_found" : "error",
			       http_reason(w->status));
}
