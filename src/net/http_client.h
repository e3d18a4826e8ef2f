/* Outbound network transfers of vans: HTTP GET/POST (feed sync, SMS gateway, webhooks) and
 * SMTP (mail), with timeouts and caps. The only file that includes libcurl is http_client.c. */
#ifndef VANS_NET_HTTP_CLIENT_H
#define VANS_NET_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct http_response {
	long status;              /* 0 when no response arrived */
	struct buf body;          /* capped by the caller's buf max */
	long retry_after;         /* seconds from Retry-After, -1 when absent */
};

/* Must run once at start-up, before threads. */
int http_client_init(void);
/* GET url with extra "Name: value" headers (NULL-terminated array, may be NULL). Returns
 * ERR_OK when a response arrived (any status), ERR_UNAVAILABLE for connection errors and
 * timeouts, ERR_TOO_LARGE when the body exceeded its cap; err says what happened. */
enum err http_get(const char *url, const char *const *headers, long timeout_seconds, struct http_response *res,
		  char *err, size_t errlen);

/* POST body (Content-Type in headers) and report the status; the response body is dropped. */
enum err http_post(const char *url, const char *const *headers, const char *body, size_t len, long timeout_seconds,
		   long *status, char *err, size_t errlen);
/* The same, refusing to connect to a loopback, private, link-local, shared, multicast or
 * unspecified address (checked on the address actually connected to, so a name that
 * resolves to one is refused too): for URLs that outside users choose, such as webhooks.
 * ERR_DENIED with err saying so. */
enum err http_post_public(const char *url, const char *const *headers, const char *body, size_t len,
			  long timeout_seconds, long *status, char *err, size_t errlen);
/* True when the address (struct sockaddr_in or sockaddr_in6) is one http_post_public refuses. */
struct sockaddr;
bool http_address_private(const struct sockaddr *sa);
/* Sends one message (RFC 5322 text) over SMTP: url "smtp://host:port" or "smtps://…";
 * from and to are envelope addresses in angle brackets. STARTTLS is used when offered. */
enum err net_smtp_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
		       char *err, size_t errlen);

#endif
