/* Routes: method + path pattern ("/api/v1/cves/{id}") + handler + who may call it. The
 * whole table is in routes.c, so every URL vans answers and its policy are in one place. */
#ifndef VANS_WEB_ROUTER_H
#define VANS_WEB_ROUTER_H

#include <stddef.h>

#include "web/http.h"

typedef void (*handler_fn)(struct request *r, struct response *w);

/* Who may call a route. authz.c decides; the dispatcher asks it before every handler. */
enum policy {
	POLICY_PUBLIC,        /* anyone, signed in or not */
	POLICY_MFA_PENDING,   /* password given, second factor due (the sign-in verification page) */
	POLICY_SIGNED_IN,     /* any signed-in account */
	POLICY_VANS_USER,     /* approved VANS 一般權限 */
	POLICY_ORG_ADMIN,     /* approved VANS 機關管理者: their own organisation only */
	POLICY_OPERATOR,      /* the platform operator */
	POLICY_ORG_API,       /* an organisation administrator's session or the organisation's API key */
	POLICY_VANS_API,      /* a VANS user's session or the organisation's API key */
	POLICY_BODY_KEY,      /* the VANS upload API: the handler resolves the API key the JSON body
	                         carries; no session is used, so no CSRF token is asked for */
	POLICY__MAX
};

enum route_kind {
	ROUTE_PAGE,           /* HTML: CSRF-checked when state-changing, HTML error pages */
	ROUTE_API,            /* JSON: errors as {"error":{...}}, authenticated without cookies' CSRF */
	ROUTE_PLAIN,          /* probes, metrics, static files */
};

#define ROUTE_UPLOAD 1u   /* body limit is max_upload instead of max_body */

struct route {
	enum http_method method;
	const char *pattern;
	handler_fn fn;
	enum route_kind kind;
	enum policy policy;
	unsigned flags;
};

extern const struct route routes[];
extern const size_t route_count;

enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

/* Finds the route for method and path; fills params (pointing into the arena) in pattern
 * order. HEAD matches GET routes. */
enum route_match router_match(struct arena *a, enum http_method method, const char *path,
			      const struct route **out, const char *params[ROUTE_MAX_PARAMS]);
/* Index of a route in the table (for metrics), route_count for "no route". */
size_t route_index(const struct route *rt);

#endif
