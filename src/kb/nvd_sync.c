/* NVD API sync. The checkpoint (feed_status row "nvd-api") is either
 *   "done T"            — the last sync covered everything modified before T, or
 *   "part S E I T"      — window [S, E) was stored up to startIndex I by a sync begun at T
 *                         (S = -1: a first, unfiltered sync),
 * and is written in the same transaction as the page it describes. */
#include "kb/nvd_sync.h"
#include "kb/feed_input.h"
#include "kb/nvd_reader.h"
#include "core/clock.h"
#include "core/log.h"
#include "net/http_client.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_RATE 64

struct limiter {
	uint64_t sent[MAX_RATE];   /* monotonic ns of the last requests, ring */
	int n, next, limit;
	uint64_t window_ns;
};

static void sleep_ns(uint64_t ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000ull), (long)(ns % 1000000000ull) };
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Waits until one more request fits in the window. */
static void limiter_wait(struct limiter *l)
{
	if (l->n == l->limit) {
		uint64_t oldest = l->sent[l->next];
		uint64_t now = clock_mono_ns();
		if (now < oldest + l->window_ns)
			sleep_ns(oldest + l->window_ns - now);
	}
	l->sent[l->next] = clock_mono_ns();
	l->next = (l->next + 1) % l->limit;
	if (l->n < l->limit)
		l->n++;
}

static void nvd_date(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	/* NVD wants extended ISO 8601 with an offset; '+' must be sent encoded */
	strftime(out, n, "%Y-%m-%dT%H:%M:%S.000%%2B00:00", &tm);
}

static int read_checkpoint(struct db *db, char *out, size_t n)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_FEED_CHECKPOINT_GET);
	db_bind_text(s, ":feed", "nvd-api");
	int found = db_step(s) == DB_ROW && !db_col_null(s, 0);
	if (found)
		snprintf(out, n, "%s", db_col_text(s, 0));
	db_reset(s);
	return found;
}

static enum err write_checkpoint(struct db *db, const char *value, const char *source)
{
	char at[32];
	struct db_stmt *s = db_stmt(db, STMT_KB_FEED_CHECKPOINT_PUT);
	db_bind_text(s, ":feed", "nvd-api");
	db_bind_text(s, ":at", clock_format_iso8601(clock_now_unix(), at, sizeof at));
	db_bind_text(s, ":source", source);
	db_bind_text(s, ":checkpoint", value);
	return db_exec(s);
}

/* One GET with the retries NVD asks for (403/429/5xx and connection failures). */
static enum err fetch(const struct kb_sync_options *o, struct limiter *lim, const char *url,
		      struct http_response *res, char *err, size_t errlen)
{
	char key_header[256];
	const char *headers[2] = { NULL, NULL };
	if (o->api_key && *o->api_key) {
		snprintf(key_header, sizeof key_header, "apiKey: %s", o->api_key);
		headers[0] = key_header;
	}
	for (int attempt = 0;; attempt++) {
		limiter_wait(lim);
		enum err e = http_get(url, headers, 120, res, err, errlen);
		bool retry = e == ERR_UNAVAILABLE ||
			     (e == ERR_OK && (res->status == 403 || res->status == 429 || res->status >= 500));
		if (e == ERR_OK && res->status == 200)
			return ERR_OK;
		if (!retry || attempt >= o->max_retries) {
			if (e == ERR_OK)
				snprintf(err, errlen, "%s: HTTP %ld%s", url, res->status,
					 retry ? " (retries exhausted)" : "");
			return e == ERR_OK ? ERR_UNAVAILABLE : e;
		}
		uint64_t wait_ms = (uint64_t)o->retry_base_ms << (attempt < 16 ? attempt : 16);
		if (wait_ms > 60000)
			wait_ms = 60000;
		if (res->retry_after >= 0 && (uint64_t)res->retry_after * 1000 > wait_ms)
			wait_ms = (uint64_t)res->retry_after * 1000;
		log_warn("nvd sync: %s: %s; retrying in %llu ms", url,
			 e == ERR_OK ? "server busy or refusing" : err, (unsigned long long)wait_ms);
		sleep_ns(wait_ms * 1000000ull);
	}
}

enum err kb_sync_nvd(struct db *db, const struct kb_sync_options *o, struct kb_import_stats *st, char *err,
		     size_t errlen)
{
	struct limiter lim = { .window_ns = (uint64_t)(o->rate_window > 0 ? o->rate_window : 30) * 1000000000ull };
	lim.limit = o->rate_limit > 0 ? o->rate_limit : (o->api_key && *o->api_key ? 50 : 5);
	if (lim.limit > MAX_RATE)
		lim.limit = MAX_RATE;
	int page_size = o->page_size > 0 && o->page_size <= 2000 ? o->page_size : 2000;
	int64_t now = o->until >= 0 ? o->until : clock_now_unix();

	/* where to start: an explicit --since, an unfinished window, the end of the last sync,
	 * or (first sync) everything without a date filter */
	int64_t ws = -1, we = -1, start_index = 0, started = now;
	char cp[256];
	if (o->since >= 0) {
		ws = o->since;
	} else if (read_checkpoint(db, cp, sizeof cp)) {
		int64_t t;
		if (sscanf(cp, "part %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64, &ws, &we, &start_index, &started) == 4) {
			log_info("nvd sync: resuming window at startIndex %lld", (long long)start_index);
		} else if (sscanf(cp, "done %" SCNd64, &t) == 1) {
			ws = t - 300; /* a small overlap: records modified while the last sync ran */
			started = now;
		} else {
			snprintf(err, errlen, "nvd sync: unreadable checkpoint \"%s\"", cp);
			return ERR_INVALID;
		}
	}
	char source[64];
	snprintf(source, sizeof source, "NVD API (%s)", o->api_key && *o->api_key ? "with key" : "without key");
	int64_t import_id = kb_import_begin(db, "nvd", source);
	struct http_response res;
	buf_init(&res.body, (size_t)512 * 1024 * 1024);
	enum err e = ERR_OK;
	for (;;) {
		if (ws >= 0 && we < 0)
			we = ws + KB_NVD_WINDOW_SECONDS < now ? ws + KB_NVD_WINDOW_SECONDS : now;
		int64_t total = -1;
		for (;;) {
			char url[1024], d1[64], d2[64];
			if (ws >= 0) {
				nvd_date(ws, d1, sizeof d1);
				nvd_date(we, d2, sizeof d2);
				snprintf(url, sizeof url, "%s?lastModStartDate=%s&lastModEndDate=%s&resultsPerPage=%d&startIndex=%lld",
					 o->base_url, d1, d2, page_size, (long long)start_index);
			} else {
				snprintf(url, sizeof url, "%s?resultsPerPage=%d&startIndex=%lld", o->base_url, page_size,
					 (long long)start_index);
			}
			if ((e = fetch(o, &lim, url, &res, err, errlen)) != ERR_OK)
				goto out;
			struct feed_input *in;
			if ((e = feed_input_open_mem(res.body.data, res.body.len, url, 0, &in, err, errlen)) != ERR_OK)
				goto out;
			struct nvd_feed_info info;
			if ((e = db_begin(db)) == ERR_OK) {
				e = kb_store_nvd_stream(db, in, st, &info, NULL, NULL, err, errlen);
				if (e == ERR_OK) {
					uint64_t got = info.records;
					start_index += (int64_t)got;
					total = info.total_results;
					bool window_done = got == 0 || total < 0 || start_index >= total;
					snprintf(cp, sizeof cp, "part %lld %lld %lld %lld", (long long)ws, (long long)we,
						 (long long)start_index, (long long)started);
					if (window_done && (ws < 0 || we >= now))
						snprintf(cp, sizeof cp, "done %lld", (long long)started);
					else if (window_done)
						snprintf(cp, sizeof cp, "part %lld %lld 0 %lld", (long long)we, (long long)-1,
							 (long long)started);
					e = write_checkpoint(db, cp, source);
				}
				if (e == ERR_OK)
					e = db_commit(db);
				if (e != ERR_OK)
					db_rollback(db);
			}
			feed_input_close(in);
			if (e != ERR_OK)
				goto out;
			if (o->progress)
				o->progress(o->pctx, st->new_records + st->updated + st->unchanged, total, start_index);
			if (info.records == 0 || total < 0 || start_index >= total)
				break;
		}
		if (ws < 0 || we >= now)
			break;
		ws = we;
		we = -1;
		start_index = 0;
	}
out:
	buf_free(&res.body);
	kb_import_end(db, import_id, "nvd", source, e, st, e == ERR_OK ? "" : err);
	return e;
}
