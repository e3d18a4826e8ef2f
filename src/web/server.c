/* libmicrohttpd glue (the only file that includes microhttpd.h): turns MHD callbacks into
 * struct request / struct response, adds the security headers every response carries,
 * writes the access log and metrics, and drains connections on shutdown. */
#include "web/server.h"
#include "web/app.h"
#include "web/dispatch.h"
#include "web/metrics.h"
#include "web/router.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/log.h"
#include "store/db.h"
#include "core/val.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_llong in_flight;
static atomic_ullong request_counter;
static char instance_prefix[9];

struct conn_state {
	struct request req;
	struct response resp;
	int status;
	size_t bytes;
	bool dispatched;
};

/* ---- request accessors (declared in http.h) ---- */

const char *req_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_query(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* ---- lifecycle ---- */

static void client_address(struct MHD_Connection *c, struct request *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	r->client_ip[0] = '\0';
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->client_ip, sizeof r->client_ip);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->client_ip,
				  sizeof r->client_ip);
	}
	if (app.cfg->trust_proxy) {
		/* nginx appends the peer it saw: the last entry is the one our proxy vouches for */
		const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			snprintf(r->client_ip, sizeof r->client_ip, "%s", last);
		}
		const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
		r->tls = proto && strcmp(proto, "https") == 0;
		const char *rid = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
		if (rid && strlen(rid) < sizeof r->id && strspn(rid, "0123456789abcdefABCDEF-") == strlen(rid)) {
			snprintf(r->id, sizeof r->id, "%s", rid);
			return;
		}
	}
	snprintf(r->id, sizeof r->id, "%s%016llx", instance_prefix,
		 (unsigned long long)atomic_fetch_add(&request_counter, 1));
}

static struct conn_state *state_new(struct MHD_Connection *c, const char *url, const char *method)
{
	struct conn_state *st = xcalloc(1, sizeof *st);
	struct request *r = &st->req;
	arena_init(&r->arena, 16 * 1024);
	r->conn = c;
	r->started_ns = clock_mono_ns();
	r->method_str = arena_strdup(&r->arena, method);
	r->method = http_method_parse(method);
	r->path = arena_strdup(&r->arena, url);
	r->raw_url = r->path;
	client_address(c, r);
	buf_init(&st->resp.body, 64 * 1024 * 1024);
	web_route(r);
	size_t cap = (size_t)(r->route && (r->route->flags & ROUTE_UPLOAD) ? app.cfg->max_upload : app.cfg->max_body);
	buf_init(&r->body, cap);
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long n = strtoull(cl, &end, 10);
		if (errno || *end || n > cap)
			r->body_too_large = true;
	}
	atomic_fetch_add(&in_flight, 1);
	return st;
}

static void add_security_headers(struct MHD_Response *mr, const struct request *r, const struct response *w)
{
	MHD_add_response_header(mr, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
				"form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(mr, "X-Frame-Options", "DENY");
	MHD_add_response_header(mr, "Referrer-Policy", "same-origin");
	MHD_add_response_header(mr, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(mr, "Cross-Origin-Opener-Policy", "same-origin");
	if (r->tls || strncmp(app.cfg->base_url, "https://", 8) == 0)
		MHD_add_response_header(mr, "Strict-Transport-Security", "max-age=63072000; includeSubDomains");
	if (w->is_static)
		MHD_add_response_header(mr, "Cache-Control", "public, max-age=31536000, immutable");
	else
		MHD_add_response_header(mr, "Cache-Control", w->cache_control ? w->cache_control : "no-store");
	MHD_add_response_header(mr, "X-Request-Id", r->id);
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct conn_state *st)
{
	struct request *r = &st->req;
	struct response *w = &st->resp;
	if (w->status == 0)
		w->status = 200;
	if (r->set_csrf)
		resp_cookie(r, w, "vans_csrf", r->csrf_cookie, -1);
	size_t len;
	char *body = buf_detach(&w->body, &len);
	struct MHD_Response *mr = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!mr) {
		free(body);
		return MHD_NO;
	}
	if (w->content_type)
		MHD_add_response_header(mr, "Content-Type", w->content_type);
	add_security_headers(mr, r, w);
	for (struct kv *h = w->headers; h; h = h->next)
		MHD_add_response_header(mr, h->key, h->value);
	if (atomic_load(&app.draining))
		MHD_add_response_header(mr, "Connection", "close");
	st->status = w->status;
	st->bytes = len;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)w->status, mr);
	MHD_destroy_response(mr);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct conn_state *st = *con_cls;
	if (!st) {
		*con_cls = state_new(c, url, method);
		return MHD_YES;
	}
	if (*upload_size) {
		/* past the cap we keep reading (and dropping) so the client gets a clean 413 */
		if (!st->req.body_too_large && buf_append(&st->req.body, upload_data, *upload_size) < 0)
			st->req.body_too_large = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->dispatched)
		return MHD_YES;
	st->dispatched = true;
	web_dispatch(&st->req, &st->resp);
	return send_response(c, st);
}

static void write_access_log(const struct conn_state *st, uint64_t nanos)
{
	const struct request *r = &st->req;
	struct buf line;
	buf_init(&line, 8192);
	char ts[32];
	struct arena a;
	arena_init(&a, 1024);
	struct val *o = val_obj(&a);
	val_set_str(&a, o, "ts", clock_format_iso8601(clock_now_unix(), ts, sizeof ts));
	val_set_str(&a, o, "id", r->id);
	val_set_str(&a, o, "method", r->method_str);
	val_set_str(&a, o, "route", r->route ? r->route->pattern : "unmatched");
	val_set(&a, o, "path", val_strn(&a, r->path, strlen(r->path) > 512 ? 512 : strlen(r->path)));
	val_set_int(&a, o, "status", st->status);
	val_set_int(&a, o, "bytes", (int64_t)st->bytes);
	val_set(&a, o, "ms", val_real(&a, (double)(nanos / 1000) / 1000.0));
	val_set_str(&a, o, "ip", r->client_ip);
	val_write_json(o, &line);
	log_json(line.data, line.len);
	buf_free(&line);
	arena_free(&a);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	struct conn_state *st = *con_cls;
	if (!st)
		return;
	uint64_t nanos = clock_mono_ns() - st->req.started_ns;
	if (!st->status)
		st->status = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? 200 : 499;
	metrics_request(route_index(st->req.route), st->status, nanos);
	write_access_log(st, nanos);
	buf_free(&st->req.body);
	buf_free(&st->resp.body);
	arena_free(&st->req.arena);
	free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&in_flight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	(void)c;
	(void)socket_context;
	metrics_connection(toe == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_warn("http: %s", msg);
}

static int resolve_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *sslen)
{
	char host[256];
	const char *colon = strrchr(listen, ':');
	size_t hl = (size_t)(colon - listen);
	if (hl >= sizeof host)
		return -1;
	memcpy(host, listen, hl);
	host[hl] = '\0';
	char *h = host;
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		h = host + 1;
	}
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *res = NULL;
	if (getaddrinfo(h, colon + 1, &hints, &res) != 0 || !res)
		return -1;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

int web_serve(const struct config *cfg)
{
	unsigned char pfx[4];
	crypto_random(pfx, sizeof pfx);
	crypto_hex(pfx, sizeof pfx, instance_prefix, sizeof instance_prefix);

	struct sockaddr_storage ss;
	socklen_t sslen;
	if (resolve_listen(cfg->listen, &ss, &sslen) < 0) {
		log_error("listen: cannot resolve %s", cfg->listen);
		return 1;
	}
	unsigned threads = (unsigned)cfg->threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 2;
	}

	/* Signals are taken by sigwait below; worker threads inherit the blocked mask. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_TURBO |
			 MHD_USE_ERROR_LOG | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, on_request, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->request_timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
		MHD_OPTION_END);
	if (!d) {
		log_error("listen: cannot listen on %s: %s", cfg->listen, strerror(errno));
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = di ? di->port : 0;
	char host[256];
	snprintf(host, sizeof host, "%.*s", (int)(strrchr(cfg->listen, ':') - cfg->listen), cfg->listen);
	printf("listening on http://%s:%u\n", host, port);
	fflush(stdout);
	log_info("vans serve: listening on %s:%u with %u threads", host, port, threads);

	int sig = 0;
	sigwait(&sigs, &sig);
	log_info("vans serve: %s received, draining", sig == SIGTERM ? "SIGTERM" : "SIGINT");

	/* Stop accepting, then let every request already received finish. Responses sent from
	 * now on carry Connection: close, so keep-alive clients leave after their answer. */
	atomic_store(&app.draining, 1);
	MHD_socket lfd = MHD_quiesce_daemon(d);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	uint64_t deadline = clock_mono_ns() + (uint64_t)cfg->shutdown_grace * 1000000000ull;
	uint64_t idle_since = 0;
	while (clock_mono_ns() < deadline) {
		const union MHD_DaemonInfo *ci = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		unsigned conns = ci ? ci->num_connections : 0;
		if (conns == 0)
			break;
		/* idle keep-alive connections hold no request: wait a moment for one that is on
		 * its way, then stop */
		if (atomic_load(&in_flight) == 0) {
			if (!idle_since)
				idle_since = clock_mono_ns();
			else if (clock_mono_ns() - idle_since > 300000000ull)
				break;
		} else {
			idle_since = 0;
		}
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	long long left = atomic_load(&in_flight);
	MHD_stop_daemon(d);
	if (left)
		log_warn("vans serve: %lld requests still running when the grace period ended", left);
	log_info("vans serve: stopped");
	return 0;
}
