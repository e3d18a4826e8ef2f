/* The request and response that handlers see: no libmicrohttpd types leak past server.c.
 * Everything a request allocates lives in its arena and is freed when it completes. */
#ifndef VANS_WEB_HTTP_H
#define VANS_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "web/i18n.h"

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_PATCH, HTTP_DELETE,
		   HTTP_OPTIONS, HTTP_OTHER, HTTP__MAX };

#define ROUTE_MAX_PARAMS 4

struct kv {
	const char *key;
	const char *value;
	size_t value_len;
	struct kv *next;
};

struct route;

/* Who is calling, loaded from the session cookie or an API key before authorization. */
struct principal {
	int64_t account_id;           /* 0: anonymous or an API key */
	int64_t org_id;               /* the account's or the key's organisation; 0: none */
	unsigned roles;               /* ROLE_* of identity/permission.h; 0: anonymous */
	const char *username, *name;
	const char *session;          /* the session token when signed in by cookie */
	bool mfa_pending;             /* password accepted, second factor still due */
	bool via_api_key;
};

struct request {
	struct arena arena;
	void *conn;                   /* the server's connection handle (opaque) */
	enum http_method method;
	const char *method_str;
	const char *path;             /* decoded path without the query string */
	const char *raw_url;
	char id[33];                  /* request ID, also sent back as X-Request-Id */
	char client_ip[64];
	bool tls;                     /* https, directly or via a trusted proxy */
	uint64_t started_ns;

	struct buf body;              /* request body, capped */
	bool body_too_large;

	const struct route *route;    /* matched route, NULL when none */
	const char *params[ROUTE_MAX_PARAMS];   /* path parameters in pattern order */
	struct kv *form;              /* parsed urlencoded body, lazily */
	bool form_parsed;

	enum lang lang;
	struct principal user;
	const char *csrf_cookie;      /* value of the CSRF cookie (new one when set_csrf) */
	bool set_csrf;                /* the response must set the CSRF cookie */
};

struct response {
	int status;
	const char *content_type;
	struct buf body;
	struct kv *headers;           /* extra headers, in the request arena */
	const char *cache_control;    /* NULL: no-store for dynamic responses */
	bool is_static;               /* immutable static asset: long cache lifetime */
};

/* Header, cookie and query lookups (implemented by server.c). NULL when absent. */
const char *req_header(struct request *r, const char *name);
const char *req_cookie(struct request *r, const char *name);
const char *req_query(struct request *r, const char *name);
/* A field of an application/x-www-form-urlencoded body. NULL when absent. */
const char *req_form(struct request *r, const char *name);
const char *req_param(struct request *r, int i);

void resp_header(struct request *r, struct response *w, const char *name, const char *value);
/* Set-Cookie with HttpOnly, SameSite=Lax, Path=/ and Secure under TLS; max_age<0: session. */
void resp_cookie(struct request *r, struct response *w, const char *name, const char *value,
		 long max_age);
void resp_text(struct response *w, int status, const char *content_type, const char *body, size_t len);
void resp_redirect(struct request *r, struct response *w, int status, const char *location);
/* JSON error of the stable API shape {"error":{"code","message"}}. */
void resp_json_error(struct response *w, int status, const char *code, const char *message);

enum http_method http_method_parse(const char *s);
const char *http_reason(int status);
/* The one place errors become HTTP status codes. */
int http_status_for(enum err e);

#endif
