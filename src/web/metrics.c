/* Counters behind GET /metrics. Status codes are bucketed into a fixed list so memory is
 * fixed: routes × statuses × histogram buckets, all atomics, no locks on the request path. */
#include "web/metrics.h"
#include "web/router.h"
#include "store/db.h"

#include <stdatomic.h>
#include <stdio.h>

#define MAX_ROUTES 256
static const int statuses[] = { 200, 201, 204, 301, 302, 303, 304, 400, 401, 403, 404, 405,
				409, 413, 415, 422, 429, 500, 503, 0 /* other */ };
#define NSTATUS (sizeof statuses / sizeof statuses[0])
static const double buckets[] = { 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10 };
#define NBUCKETS (sizeof buckets / sizeof buckets[0])

static _Atomic uint64_t requests[MAX_ROUTES + 1][NSTATUS];
static _Atomic uint64_t latency[MAX_ROUTES + 1][NBUCKETS + 1];
static _Atomic uint64_t latency_sum_ns[MAX_ROUTES + 1];
static _Atomic int64_t open_connections;

static size_t clamp_route(size_t idx)
{
	return idx > route_count || idx > MAX_ROUTES ? MAX_ROUTES : idx;
}

void metrics_request(size_t route_idx, int status, uint64_t nanos)
{
	size_t r = clamp_route(route_idx);
	size_t s = 0;
	while (s < NSTATUS - 1 && statuses[s] != status)
		s++;
	atomic_fetch_add_explicit(&requests[r][s], 1, memory_order_relaxed);
	double secs = (double)nanos / 1e9;
	size_t b = 0;
	while (b < NBUCKETS && secs > buckets[b])
		b++;
	atomic_fetch_add_explicit(&latency[r][b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&latency_sum_ns[r], nanos, memory_order_relaxed);
}

void metrics_connection(int delta)
{
	atomic_fetch_add_explicit(&open_connections, delta, memory_order_relaxed);
}

static const char *route_label(size_t r)
{
	return r < route_count ? routes[r].pattern : "unmatched";
}

static const char *method_label(size_t r)
{
	static const char *const names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER" };
	return r < route_count ? names[routes[r].method] : "ANY";
}

void metrics_write(struct buf *out)
{
	size_t nroutes = route_count < MAX_ROUTES ? route_count : MAX_ROUTES;
	buf_puts(out, "# HELP vans_http_requests_total HTTP requests answered, by route and status.\n"
		      "# TYPE vans_http_requests_total counter\n");
	for (size_t r = 0; r <= nroutes; r++) {
		size_t ri = r == nroutes ? MAX_ROUTES : r;
		for (size_t s = 0; s < NSTATUS; s++) {
			uint64_t v = atomic_load_explicit(&requests[ri][s], memory_order_relaxed);
			if (!v)
				continue;
			char code[8] = "other";
			if (statuses[s])
				snprintf(code, sizeof code, "%d", statuses[s]);
			buf_printf(out, "vans_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %llu\n",
				   method_label(ri), route_label(ri), code, (unsigned long long)v);
		}
	}
	buf_puts(out, "# HELP vans_http_request_duration_seconds Time from request headers to response completion.\n"
		      "# TYPE vans_http_request_duration_seconds histogram\n");
	for (size_t r = 0; r <= nroutes; r++) {
		size_t ri = r == nroutes ? MAX_ROUTES : r;
		uint64_t cum = 0;
		uint64_t counts[NBUCKETS + 1];
		for (size_t b = 0; b <= NBUCKETS; b++)
			counts[b] = atomic_load_explicit(&latency[ri][b], memory_order_relaxed);
		uint64_t total = 0;
		for (size_t b = 0; b <= NBUCKETS; b++)
			total += counts[b];
		if (!total)
			continue;
		for (size_t b = 0; b < NBUCKETS; b++) {
			cum += counts[b];
			buf_printf(out, "vans_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
				   route_label(ri), buckets[b], (unsigned long long)cum);
		}
		buf_printf(out, "vans_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
			   route_label(ri), (unsigned long long)total);
		buf_printf(out, "vans_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", route_label(ri),
			   (double)atomic_load(&latency_sum_ns[ri]) / 1e9);
		buf_printf(out, "vans_http_request_duration_seconds_count{route=\"%s\"} %llu\n", route_label(ri),
			   (unsigned long long)total);
	}
	buf_printf(out, "# HELP vans_http_open_connections Connections currently open.\n"
			"# TYPE vans_http_open_connections gauge\n"
			"vans_http_open_connections %lld\n",
		   (long long)atomic_load(&open_connections));

	struct db_stats st;
	db_stats_get(&st);
	buf_puts(out, "# HELP vans_db_statement_duration_seconds Time spent executing database statements.\n"
		      "# TYPE vans_db_statement_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (int b = 0; b < 8; b++) {
		cum += st.buckets[b];
		if (db_stats_bucket_ms[b] < 0)
			buf_printf(out, "vans_db_statement_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
				   (unsigned long long)cum);
		else
			buf_printf(out, "vans_db_statement_duration_seconds_bucket{le=\"%g\"} %llu\n",
				   db_stats_bucket_ms[b] / 1000.0, (unsigned long long)cum);
	}
	buf_printf(out, "vans_db_statement_duration_seconds_sum %.6f\n", (double)st.nanos / 1e9);
	buf_printf(out, "vans_db_statement_duration_seconds_count %llu\n", (unsigned long long)st.statements);
	buf_printf(out, "# HELP vans_db_errors_total Database statements that failed.\n"
			"# TYPE vans_db_errors_total counter\nvans_db_errors_total %llu\n",
		   (unsigned long long)st.errors);
	buf_printf(out, "# HELP vans_db_reconnects_total Database connections made again after the server ended them.\n"
			"# TYPE vans_db_reconnects_total counter\nvans_db_reconnects_total %llu\n"
			"# HELP vans_db_listen_wakeups_total Notifications received from the database (PostgreSQL LISTEN: another instance changed the knowledge base).\n"
			"# TYPE vans_db_listen_wakeups_total counter\nvans_db_listen_wakeups_total %llu\n"
			"# HELP vans_db_info The database engine this instance uses.\n"
			"# TYPE vans_db_info gauge\nvans_db_info{engine=\"%s\"} 1\n",
		   (unsigned long long)st.reconnects, (unsigned long long)st.listen_wakeups, db_thread_engine());
}
