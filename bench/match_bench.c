/* Matching benchmark (run by bench/match.sh): a million synthetic assets — real CPE names of
 * the dictionary, half of them with real version strings of the same product from the
 * feeds — matched by the engine, against a same-run baseline that runs one indexed SQL query
 * per asset and checks ranges in C, then the incremental match of a feed import.
 * Usage: match_bench DB DICTIONARY MODIFIED-FEED [ASSETS] [BASELINE-SLICE] */
#include "core/arena.h"
#include "core/clock.h"
#include "kb/cpe.h"
#include "kb/cpedict_reader.h"
#include "kb/import.h"
#include "kb/version.h"
#include "store/db.h"
#include "vans/match.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	/* xorshift64*: deterministic, so every run matches the same assets */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static double rss_mb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages = 0, resident = 0;
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return (double)resident * (double)sysconf(_SC_PAGESIZE) / 1e6;
}

static double secs(uint64_t ns)
{
	return (double)ns / 1e9;
}

/* CPU time of this thread: the machine is shared, so wall time alone says little. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void percentiles(uint64_t *lat, size_t n, double *p50, double *p99)
{
	qsort(lat, n, sizeof *lat, u64_cmp);
	*p50 = n ? (double)lat[n / 2] / 1e3 : 0;
	*p99 = n ? (double)lat[(size_t)((double)n * 0.99)] / 1e3 : 0;
}

/* ---- versions the feeds name, per product ------------------------------------------------ */

struct pairs {
	char **v;                /* "part:vendor:product\x1fversion" */
	size_t n, cap;
	struct arena a;
};

static void key_of(const struct cpe *c, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s:%s:%s", cpe_text(c, CPE_ATTR_PART, NULL), cpe_text(c, CPE_ATTR_VENDOR, NULL),
		 cpe_text(c, CPE_ATTR_PRODUCT, NULL));
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
}

static void pair_add(struct pairs *p, const char *key, const char *version)
{
	if (!version || !*version || strchr(version, ' '))
		return;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1 << 16;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
	}
	char buf[1200];
	char ver[600];
	version_cpe_unescape(version, strlen(version), ver, sizeof ver);
	snprintf(buf, sizeof buf, "%s\x1f%s", key, ver);
	p->v[p->n++] = arena_strdup(&p->a, buf);
}

static int on_row(void *ctx, const struct match_row *r)
{
	struct pairs *p = ctx;
	struct cpe c;
	if (r->rejected || cpe_parse(r->criteria, strlen(r->criteria), &c, NULL, 0) < 0)
		return 0;
	char key[1600];
	key_of(&c, key, sizeof key);
	if (cpe_version_is_concrete(&c))
		pair_add(p, key, cpe_text(&c, CPE_ATTR_VERSION, NULL));
	pair_add(p, key, r->start_incl);
	pair_add(p, key, r->start_excl);
	pair_add(p, key, r->end_incl);
	pair_add(p, key, r->end_excl);
	return 0;
}

/* The versions of key: a range of p->v (sorted, unique). */
static size_t versions_of(const struct pairs *p, const char *key, size_t *first)
{
	size_t klen = strlen(key), lo = 0, hi = p->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(p->v[mid], key, klen);
		if (c < 0 || (c == 0 && p->v[mid][klen] < '\x1f'))
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	size_t n = 0;
	while (lo + n < p->n && strncmp(p->v[lo + n], key, klen) == 0 && p->v[lo + n][klen] == '\x1f')
		n++;
	return n;
}

/* ---- the dictionary ----------------------------------------------------------------------- */

struct names {
	char **v;
	size_t n, cap;
	struct arena a;
};

static int on_dict(void *ctx, const struct cpedict_item *item)
{
	struct names *d = ctx;
	if (!item->name23 || item->deprecated)
		return 0;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 1 << 16;
		d->v = realloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n++] = arena_strdup(&d->a, item->name23);
	return 0;
}

/* ---- the baseline: one SQL query per asset ------------------------------------------------- */

/* The escaped vendor and product fields of a formatted string, as cve_match stores them. */
static int fs_fields(const char *s, char *vendor, char *product, size_t cap)
{
	if (strncmp(s, "cpe:2.3:", 8) != 0)
		return -1;
	const char *p = s + 8;
	char *out[3] = { NULL, vendor, product };
	for (int f = 0; f < 3; f++) {
		size_t n = 0;
		while (*p && *p != ':') {
			if (*p == '\\' && p[1]) {
				if (out[f] && n + 2 < cap) {
					out[f][n++] = p[0];
					out[f][n++] = p[1];
				}
				p += 2;
				continue;
			}
			if (out[f] && n + 1 < cap)
				out[f][n++] = *p;
			p++;
		}
		if (out[f])
			out[f][n] = '\0';
		if (*p != ':')
			return -1;
		p++;
	}
	return 0;
}

static int bvcmp(const char *a, const char *b)
{
	if ((a[0] == 'v' || a[0] == 'V') && a[1] >= '0' && a[1] <= '9')
		a++;
	if ((b[0] == 'v' || b[0] == 'V') && b[1] >= '0' && b[1] <= '9')
		b++;
	return version_compare_flags(a, strlen(a), MATCH_VERSION_FLAGS, b, strlen(b), MATCH_VERSION_FLAGS);
}

/* What a straightforward matcher does with each row: parse the criterion, compare the
 * attributes, check the range with string comparisons. */
static bool baseline_row(struct db_stmt *s, const struct cpe *asset)
{
	const char *criteria = db_col_text(s, 2);
	struct cpe c;
	if (!criteria || cpe_parse(criteria, strlen(criteria), &c, NULL, 0) < 0)
		return false;
	bool concrete = cpe_version_is_concrete(asset);
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		if (a == CPE_ATTR_VERSION && concrete && cpe_version_is_concrete(&c)) {
			if (bvcmp(cpe_text(&c, CPE_ATTR_VERSION, NULL), cpe_text(asset, CPE_ATTR_VERSION, NULL)) != 0)
				return false;
			continue;
		}
		if (!cpe_attr_matches(cpe_value(&c, (enum cpe_attr)a), cpe_value(asset, (enum cpe_attr)a)))
			return false;
	}
	const char *v = cpe_text(asset, CPE_ATTR_VERSION, NULL);
	for (int b = 0; b < 4; b++) {
		if (db_col_null(s, 3 + b) || !*db_col_text(s, 3 + b))
			continue;
		if (!concrete)
			return false;
		int r = bvcmp(v, db_col_text(s, 3 + b));
		if ((b == 0 && r < 0) || (b == 1 && r <= 0) || (b == 2 && r > 0) || (b == 3 && r >= 0))
			return false;
	}
	return true;
}

static size_t baseline_asset(struct db *db, const char *cpe_s, char ***ids, size_t *cap)
{
	struct cpe asset;
	char vendor[600], product[600];
	if (cpe_parse(cpe_s, strlen(cpe_s), &asset, NULL, 0) < 0 || fs_fields(cpe_s, vendor, product, sizeof vendor) < 0)
		return 0;
	struct db_stmt *s = db_stmt(db, STMT_VANS_MATCH_BASELINE);
	db_bind_text(s, ":vendor", vendor);
	db_bind_text(s, ":product", product);
	size_t n = 0;
	while (db_step(s) == DB_ROW) {
		if (!db_col_int(s, 1) || !baseline_row(s, &asset))
			continue;
		if (n == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*ids = realloc(*ids, *cap * sizeof **ids);
		}
		(*ids)[n++] = strdup(db_col_text(s, 0));
	}
	db_reset(s);
	if (n > 1)
		qsort(*ids, n, sizeof **ids, str_cmp);
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		if (u && strcmp((*ids)[u - 1], (*ids)[i]) == 0) {
			free((*ids)[i]);
			continue;
		}
		(*ids)[u++] = (*ids)[i];
	}
	for (size_t i = 0; i < u; i++)
		free((*ids)[i]);
	return u;
}

/* ---- incremental --------------------------------------------------------------------------- */

static int count_findings(void *ctx, size_t host, const struct match_finding *f, size_t n)
{
	(void)host;
	(void)f;
	*(size_t *)ctx += n;
	return 0;
}

/* One thread's share of the single-CPE run: every nth block of 4096 assets, its own
 * context on the shared index (the engine's concurrency model). */
struct worker {
	const struct match_index *ix;
	char **assets;
	size_t n, nthreads, id, findings;
	uint64_t *lat;
	double cpu;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct match_ctx *mc = match_ctx_new(w->ix);
	double c0 = cpu_now();
	for (size_t b = w->id * 4096; b < w->n; b += w->nthreads * 4096) {
		for (size_t i = b; i < b + 4096 && i < w->n; i++) {
			uint64_t a = clock_mono_ns();
			struct cpe c;
			const struct match_finding *f;
			if (cpe_parse(w->assets[i], strlen(w->assets[i]), &c, NULL, 0) == 0) {
				struct match_cpe one = { &c, MATCH_ORIGIN_GIVEN };
				w->findings += match_host(mc, &one, 1, &f);
			}
			w->lat[i] = clock_mono_ns() - a;
		}
	}
	w->cpu = cpu_now() - c0;
	match_ctx_free(mc);
	return NULL;
}

struct row {
	const char *name;
	size_t assets;
	double seconds, cpu, p50, p99;
	size_t findings;
	const char *note;
};

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: match_bench DB DICTIONARY MODIFIED-FEED [ASSETS] [SLICE]\n");
		return 2;
	}
	size_t nassets = argc > 4 ? strtoul(argv[4], NULL, 10) : 1000000;
	size_t slice = argc > 5 ? strtoul(argv[5], NULL, 10) : 20000;
	if (slice > nassets)
		slice = nassets;
	char err[1024];
	struct db *db = db_open(argv[1], err, sizeof err);
	if (!db) {
		fprintf(stderr, "match_bench: %s\n", err);
		return 1;
	}

	/* the index */
	double rss0 = rss_mb();
	uint64_t t = clock_mono_ns();
	struct match_index *ix = match_index_new();
	if (match_index_load(ix, db, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "match_bench: %s\n", err);
		return 1;
	}
	double load_s = secs(clock_mono_ns() - t);
	double rss1 = rss_mb();
	struct match_stats st;
	match_index_stats(ix, &st);

	/* the synthetic assets */
	struct pairs pv = { 0 };
	arena_init(&pv.a, 1 << 20);
	match_rows_scan(db, 0, on_row, &pv);
	qsort(pv.v, pv.n, sizeof *pv.v, str_cmp);
	size_t u = 0;
	for (size_t i = 0; i < pv.n; i++)
		if (!u || strcmp(pv.v[u - 1], pv.v[i]) != 0)
			pv.v[u++] = pv.v[i];
	pv.n = u;
	struct names dict = { 0 };
	arena_init(&dict.a, 1 << 20);
	if (cpedict_read_file(argv[2], on_dict, &dict, NULL, err, sizeof err) != 0 || dict.n == 0) {
		fprintf(stderr, "match_bench: %s\n", err);
		return 1;
	}
	struct arena aa;
	arena_init(&aa, 1 << 20);
	char **assets = malloc(nassets * sizeof *assets);
	size_t with_feed_version = 0;
	for (size_t i = 0; i < nassets; i++) {
		const char *name = dict.v[rng() % dict.n];
		assets[i] = (char *)name;
		struct cpe c;
		if (!(rng() & 1) || cpe_parse(name, strlen(name), &c, NULL, 0) < 0)
			continue;
		char key[1600], out[CPE_FORMAT_MAX];
		size_t first, n;
		key_of(&c, key, sizeof key);
		if ((n = versions_of(&pv, key, &first)) == 0)
			continue;
		const char *v = strchr(pv.v[first + rng() % n], '\x1f') + 1;
		if (cpe_set_plain(&c, CPE_ATTR_VERSION, v, strlen(v), NULL, 0) < 0 || cpe_format_fs(&c, out, sizeof out) < 0)
			continue;
		assets[i] = arena_strdup(&aa, out);
		with_feed_version++;
	}

	struct match_ctx *mc = match_ctx_new(ix);
	uint64_t *lat = malloc(nassets * sizeof *lat);
	struct row rows[8];
	int nrows = 0;
	size_t *engine_slice = calloc(slice + 1, sizeof *engine_slice);

	/* (1) engine: each asset a host of its own, from its string to its findings */
	size_t findings = 0;
	for (int rep = getenv("MATCH_BENCH_REPEAT") ? atoi(getenv("MATCH_BENCH_REPEAT")) : 0; rep > 0; rep--) {
		for (size_t i = 0; i < nassets; i++) {
			struct cpe c;
			const struct match_finding *f;
			if (cpe_parse(assets[i], strlen(assets[i]), &c, NULL, 0) == 0) {
				struct match_cpe one = { &c, MATCH_ORIGIN_GIVEN };
				findings += match_host(mc, &one, 1, &f);
			}
		}
	}
	findings = 0;
	double c0 = cpu_now();
	uint64_t t0 = clock_mono_ns();
	for (size_t i = 0; i < nassets; i++) {
		uint64_t a = clock_mono_ns();
		struct cpe c;
		const struct match_finding *f;
		size_t n = 0;
		if (cpe_parse(assets[i], strlen(assets[i]), &c, NULL, 0) == 0) {
			struct match_cpe one = { &c, MATCH_ORIGIN_GIVEN };
			n = match_host(mc, &one, 1, &f);
		}
		findings += n;
		if (i < slice)
			engine_slice[i] = n;
		lat[i] = clock_mono_ns() - a;
	}
	double e1 = secs(clock_mono_ns() - t0);
	rows[nrows] = (struct row){ "engine: 1 CPE per host", nassets, e1, cpu_now() - c0, 0, 0, findings, "" };
	percentiles(lat, nassets, &rows[nrows].p50, &rows[nrows].p99);
	nrows++;

	/* the same on several threads, each with its own context */
	long nthreads = getenv("BENCH_THREADS") ? strtol(getenv("BENCH_THREADS"), NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
	if (nthreads > 1 && nthreads <= 64) {
		struct worker w[64];
		pthread_t th[64];
		t0 = clock_mono_ns();
		for (long i = 0; i < nthreads; i++) {
			w[i] = (struct worker){ ix, assets, nassets, (size_t)nthreads, (size_t)i, 0, lat, 0 };
			pthread_create(&th[i], NULL, work, &w[i]);
		}
		findings = 0;
		double cpu = 0;
		for (long i = 0; i < nthreads; i++) {
			pthread_join(th[i], NULL);
			findings += w[i].findings;
			cpu += w[i].cpu;
		}
		double et = secs(clock_mono_ns() - t0);
		static char name[64];
		snprintf(name, sizeof name, "engine: 1 CPE, %ld threads", nthreads);
		rows[nrows] = (struct row){ name, nassets, et, cpu, 0, 0, findings, "" };
		percentiles(lat, nassets, &rows[nrows].p50, &rows[nrows].p99);
		nrows++;
	}

	/* engine: the same assets as hosts of 4 CPEs ("running on" can be satisfied) */
	findings = 0;
	size_t hosts = nassets / 4;
	c0 = cpu_now();
	t0 = clock_mono_ns();
	for (size_t h = 0; h < hosts; h++) {
		uint64_t a = clock_mono_ns();
		struct cpe c[4];
		struct match_cpe m[4];
		size_t k = 0;
		for (int j = 0; j < 4; j++) {
			const char *s = assets[h * 4 + (size_t)j];
			if (cpe_parse(s, strlen(s), &c[k], NULL, 0) == 0) {
				m[k] = (struct match_cpe){ &c[k], MATCH_ORIGIN_GIVEN };
				k++;
			}
		}
		const struct match_finding *f;
		findings += match_host(mc, m, k, &f);
		lat[h] = clock_mono_ns() - a;
	}
	double e4 = secs(clock_mono_ns() - t0);
	rows[nrows] = (struct row){ "engine: 4 CPEs per host", hosts * 4, e4, cpu_now() - c0, 0, 0, findings,
				    "p50/p99 per host" };
	percentiles(lat, hosts, &rows[nrows].p50, &rows[nrows].p99);
	nrows++;

	if (getenv("MATCH_BENCH_ENGINE_ONLY")) {
		for (int i = 0; i < nrows; i++)
			printf("%-26s %9zu %9.2f s wall %8.2f s cpu  p50 %.1f µs p99 %.1f µs  %zu findings\n", rows[i].name,
			       rows[i].assets, rows[i].seconds, rows[i].cpu, rows[i].p50, rows[i].p99, rows[i].findings);
		return 0;
	}

	/* (2) baseline on the first slice */
	char **ids = NULL;
	size_t ids_cap = 0, bfind = 0, efind = 0;
	c0 = cpu_now();
	t0 = clock_mono_ns();
	for (size_t i = 0; i < slice; i++) {
		uint64_t a = clock_mono_ns();
		bfind += baseline_asset(db, assets[i], &ids, &ids_cap);
		efind += engine_slice[i];
		lat[i] = clock_mono_ns() - a;
	}
	double bs = secs(clock_mono_ns() - t0);
	free(ids);
	struct row base = { "baseline: SQL per asset", slice, bs, cpu_now() - c0, 0, 0, bfind, "" };
	percentiles(lat, slice, &base.p50, &base.p99);

	/* (3) incremental: the inventory, then a feed import and only what it changed */
	t0 = clock_mono_ns();
	struct match_hosts *inv = match_hosts_new();
	for (size_t i = 0; i < nassets; i++)
		match_hosts_add(inv, i, assets[i], strlen(assets[i]), MATCH_ORIGIN_GIVEN, err, sizeof err);
	match_hosts_commit(inv);
	double inv_s = secs(clock_mono_ns() - t0);
	double rss2 = rss_mb();

	struct kb_import_stats ist = { 0 };
	t0 = clock_mono_ns();
	if (kb_import_nvd_file(db, argv[3], &ist, NULL, NULL, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "match_bench: %s\n", err);
		return 1;
	}
	double import_s = secs(clock_mono_ns() - t0);
	struct match_changes ch;
	t0 = clock_mono_ns();
	if (match_index_refresh(ix, db, &ch, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "match_bench: %s\n", err);
		return 1;
	}
	double refresh_s = secs(clock_mono_ns() - t0);
	size_t inc = 0, checked = 0;
	t0 = clock_mono_ns();
	match_hosts_changed(mc, inv, &ch, count_findings, &inc, &checked);
	double inc_s = secs(clock_mono_ns() - t0);
	/* the check: every host matched against the changed CVEs only must give the same */
	size_t full = 0;
	match_ctx_only(mc, &ch);
	match_hosts_all(mc, inv, count_findings, &full);
	match_ctx_only(mc, NULL);

	/* the table */
	double base_rate = (double)slice / bs;
	printf("index: %zu CVEs, %zu configurations, %zu criteria (%zu distinct, %zu products, %zu versions); "
	       "loaded in %.2f s; index %.0f MB by its own count, process RSS +%.0f MB\n",
	       st.cves, st.configs, st.criteria, st.matchers, st.products, st.versions, load_s, (double)st.bytes / 1e6,
	       rss1 - rss0);
	printf("assets: %zu (dictionary names, %zu with a feed version of their product); inventory of hosts "
	       "built in %.2f s, RSS +%.0f MB\n\n", nassets, with_feed_version, inv_s, rss2 - rss1);
	printf("%-26s %9s %9s %8s %11s %8s %9s %10s %9s\n", "run", "assets", "seconds", "cpu s", "assets/s",
	       "p50 µs", "p99 µs", "findings", "vs base");
	printf("%-26s %9zu %9.2f %8.2f %11.0f %8.1f %9.1f %10zu %9s\n", base.name, base.assets, base.seconds, base.cpu,
	       base_rate, base.p50, base.p99, base.findings, "1.00×");
	for (int i = 0; i < nrows; i++) {
		double rate = (double)rows[i].assets / rows[i].seconds;
		printf("%-26s %9zu %9.2f %8.2f %11.0f %8.1f %9.1f %10zu %8.0f×%s%s\n", rows[i].name, rows[i].assets,
		       rows[i].seconds, rows[i].cpu, rate, rows[i].p50, rows[i].p99, rows[i].findings, rate / base_rate,
		       *rows[i].note ? "  " : "", rows[i].note);
	}
	printf("\nbaseline, %zu assets scaled to %zu: %.0f s. On that slice the engine found %zu findings, the "
	       "baseline %zu (it ignores \"running on\" and so over-reports).\n",
	       slice, nassets, bs * (double)nassets / (double)slice, efind, bfind);
	printf("incremental: %s imported in %.2f s (the knowledge base's part: %llu new, %llu updated); "
	       "%zu CVEs changed;\n  index refresh %.3f s + matching %zu of %zu hosts %.3f s = %.3f s; %zu findings "
	       "(a full re-match of the changed CVEs gives %zu: %s)\n",
	       argv[3], import_s, (unsigned long long)ist.new_records, (unsigned long long)ist.updated, ch.n, refresh_s,
	       checked, match_hosts_count(inv), inc_s, refresh_s + inc_s, inc, full, inc == full ? "same" : "DIFFERENT");
	double best = e1;
	for (int i = 0; i < nrows; i++)
		if (strstr(rows[i].name, "threads") && rows[i].seconds < best)
			best = rows[i].seconds;
	printf("goals: (1) %zu assets under 5 s: %.2f s (one thread %.2f s); at least 50× the baseline: %.0f×; "
	       "index under 1 GB: %.0f MB. (3) incremental under 1 s: %.3f s\n",
	       nassets, best, e1, ((double)nassets / best) / base_rate, (double)st.bytes / 1e6, refresh_s + inc_s);

	match_changes_free(&ch);
	match_hosts_free(inv);
	match_ctx_free(mc);
	match_index_free(ix);
	db_close(db);
	free(lat);
	free(engine_slice);
	free(assets);
	free(pv.v);
	free(dict.v);
	arena_free(&pv.a);
	arena_free(&dict.a);
	arena_free(&aa);
	return inc == full ? 0 : 1;
}
