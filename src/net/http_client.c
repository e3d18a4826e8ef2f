/* libcurl behind one small interface. Redirects are not followed (feed APIs do not
 * redirect, and following them to another host would be a surprise), and only http and
 * https are allowed. */
#include "net/http_client.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int http_client_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct buf *b = ctx;
	return buf_append(b, p, size * n) == 0 ? size * n : 0;
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct http_response *res = ctx;
	size_t len = size * n;
	if (len > 12 && strncasecmp(p, "Retry-After:", 12) == 0) {
		char tmp[32];
		size_t k = len - 12 < sizeof tmp - 1 ? len - 12 : sizeof tmp - 1;
		memcpy(tmp, p + 12, k);
		tmp[k] = '\0';
		char *end;
		long v = strtol(tmp, &end, 10);
		if (end != tmp && v >= 0 && v < 86400)
			res->retry_after = v;
	}
	return len;
}

enum err http_get(const char *url, const char *const *headers, long timeout_seconds, struct http_response *res,
		  char *err, size_t errlen)
{
	res->status = 0;
	res->retry_after = -1;
	buf_reset(&res->body);
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "cannot start the HTTP client");
		return ERR_INTERNAL;
	}
	struct curl_slist *hl = NULL;
	for (size_t i = 0; headers && headers[i]; i++)
		hl = curl_slist_append(hl, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_seconds);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "vans (+https://github.com/vans)");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &res->body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, res);
	CURLcode rc = curl_easy_perform(c);
	enum err e = ERR_OK;
	if (rc == CURLE_WRITE_ERROR && res->body.overflow) {
		snprintf(err, errlen, "%s: the response is larger than %zu bytes", url, res->body.max);
		e = ERR_TOO_LARGE;
	} else if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s: %s", url, curl_easy_strerror(rc));
		e = ERR_UNAVAILABLE;
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &res->status);
	}
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	return e;
}

static size_t discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

bool http_address_private(const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET) {
		const unsigned char *b = (const unsigned char *)&((const struct sockaddr_in *)(const void *)sa)->sin_addr;
		return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && (b[1] & 0xc0) == 64) ||
		       (b[0] == 169 && b[1] == 254) || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
		       (b[0] == 192 && b[1] == 168) || (b[0] == 192 && b[1] == 0 && b[2] == 0) || b[0] >= 224;
	}
	if (sa->sa_family == AF_INET6) {
		const unsigned char *b = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
		static const unsigned char zero[10] = { 0 };
		if (!memcmp(b, zero, 10) && b[10] == 0xff && b[11] == 0xff) { /* IPv4-mapped */
			struct sockaddr_in v4 = { .sin_family = AF_INET };
			memcpy(&v4.sin_addr, b + 12, 4);
			return http_address_private((const struct sockaddr *)(const void *)&v4);
		}
		bool unspecified_or_loopback = !memcmp(b, zero, 10) && !b[10] && !b[11] && !b[12] && !b[13] && !b[14] &&
					       b[15] <= 1;
		return unspecified_or_loopback || (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) ||
		       b[0] == 0xff;
	}
	return true;
}

struct guard {
	bool refused;
};

/* Called by libcurl for each address it is about to connect to. */
static curl_socket_t open_public(void *ctx, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct guard *g = ctx;
	if (purpose != CURLSOCKTYPE_IPCXN || http_address_private(&a->addr)) {
		g->refused = true;
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

static enum err post(const char *url, const char *const *headers, const char *body, size_t len, long timeout_seconds,
		     bool public_only, long *status, char *err, size_t errlen)
{
	*status = 0;
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "cannot start the HTTP client");
		return ERR_INTERNAL;
	}
	struct curl_slist *hl = NULL;
	for (size_t i = 0; headers && headers[i]; i++)
		hl = curl_slist_append(hl, headers[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_seconds);
	struct guard g = { false };
	if (public_only) {
		curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_public);
		curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &g);
		curl_easy_setopt(c, CURLOPT_PROXY, ""); /* the address checked is the one connected to */
	}
	CURLcode rc = curl_easy_perform(c);
	enum err e = ERR_OK;
	if (g.refused) {
		snprintf(err, errlen, "%s: refused: the address is loopback, private or otherwise not public", url);
		e = ERR_DENIED;
	} else if (rc != CURLE_OK) {
		snprintf(err, errlen, "%s: %s", url, curl_easy_strerror(rc));
		e = ERR_UNAVAILABLE;
	} else {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	}
	curl_slist_free_all(hl);
	curl_easy_cleanup(c);
	return e;
}

enum err http_post(const char *url, const char *const *headers, const char *body, size_t len, long timeout_seconds,
		   long *status, char *err, size_t errlen)
{
	return post(url, headers, body, len, timeout_seconds, false, status, err, errlen);
}

enum err http_post_public(const char *url, const char *const *headers, const char *body, size_t len,
			  long timeout_seconds, long *status, char *err, size_t errlen)
{
	return post(url, headers, body, len, timeout_seconds, true, status, err, errlen);
}

struct reader {
	const char *data;
	size_t len, pos;
};

static size_t read_message(char *dst, size_t size, size_t n, void *ctx)
{
	struct reader *r = ctx;
	size_t room = size * n, left = r->len - r->pos;
	size_t k = left < room ? left : room;
	memcpy(dst, r->data + r->pos, k);
	r->pos += k;
	return k;
}

enum err net_smtp_send(const char *url, const char *from, const char *to, const char *msg, size_t len,
		       char *err, size_t errlen)
{
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(err, errlen, "cannot start the SMTP client");
		return ERR_UNAVAILABLE;
	}
	struct reader r = { msg, len, 0 };
	struct curl_slist *rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "smtp: %s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return rc == CURLE_OK ? ERR_OK : ERR_UNAVAILABLE;
}
