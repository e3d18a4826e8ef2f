/* Differential test of the matching engine: the fast index (src/vans/match*.c) and a
 * deliberately simple evaluator (tests/lib/match_ref.h) load the same stored configurations
 * — NVD 1.1 and 2.0 feeds of the test data, imported by vans — and must agree, finding for
 * finding (CVE, confidence, deciding criterion, matching CPE), on every host of a large
 * sample: CPEs of the 2015 dictionary, CPEs built from NVD criteria with versions at, inside
 * and outside their bounds, NA, ANY and wildcard variants, and "running on" hosts.
 * By default (make test) the 2.0 feeds and the 1.1 feeds of 2016-2018 and "modified", and an
 * even 30,000-host sample; VANS_MATCH_DIFF=full loads every feed and compares every sampled
 * host (about 200,000; minutes under the sanitizers). Skipped without the data. The imported
 * database is cached under build/test-cache, keyed by the feed files and the schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/match_ref.h"
#include "kb/cpedict_reader.h"
#include "kb/import.h"
#include "store/db.h"
#include "vans/match.h"

/* ---- the database ----------------------------------------------------------------------- */

static const char *data_dir(void)
{
	const char *d = getenv("VANS_TESTDATA");
	return d && *d ? d : "../shared/data";
}

static bool full_mode(void)
{
	const char *m = getenv("VANS_MATCH_DIFF");
	return m && strcmp(m, "full") == 0;
}

static size_t feed_files(glob_t *g)
{
	char pat[512];
	const char *full[] = { "nvd/feeds-1.1/nvdcve-1.1-20*.json.gz", "nvd/feeds-1.1/extra-2018/*.json.gz",
			       "nvd/feeds-2.0/*.json.zip", "nvd/feeds-1.1/nvdcve-1.1-modified.json.gz" };
	const char *quick[] = { "nvd/feeds-1.1/nvdcve-1.1-201[67].json.gz", "nvd/feeds-1.1/extra-2018/*.json.gz",
				"nvd/feeds-2.0/*.json.zip", "nvd/feeds-1.1/nvdcve-1.1-modified.json.gz" };
	const char **pats = full_mode() ? full : quick;
	memset(g, 0, sizeof *g);
	for (size_t i = 0; i < 4; i++) {
		snprintf(pat, sizeof pat, "%s/%s", data_dir(), pats[i]);
		glob(pat, i ? GLOB_APPEND : 0, NULL, g);
	}
	return g->gl_pathc;
}

/* The cache key: every feed's name, size and time, and the schema version. */
static uint64_t feeds_key(const glob_t *g)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)db_latest_migration();
	for (size_t i = 0; i < g->gl_pathc; i++) {
		struct stat sb;
		char line[700];
		if (stat(g->gl_pathv[i], &sb) != 0)
			continue;
		snprintf(line, sizeof line, "%s %lld %lld;", g->gl_pathv[i], (long long)sb.st_size,
			 (long long)sb.st_mtime);
		for (const char *p = line; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ull;
	}
	return h;
}

static struct db *open_data_db(char *path, size_t pathlen)
{
	glob_t g;
	if (feed_files(&g) == 0) {
		globfree(&g);
		return NULL;
	}
	mkdir("build", 0755);
	mkdir("build/test-cache", 0755);
	snprintf(path, pathlen, "build/test-cache/match-diff-%016llx.db", (unsigned long long)feeds_key(&g));
	char err[512];
	int applied;
	struct stat sb;
	if (stat(path, &sb) != 0) {
		char tmp[700];
		snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
		struct db *db = db_open(tmp, err, sizeof err);
		if (!db || db_migrate(db, &applied, err, sizeof err) != ERR_OK)
			fail_msg("cannot create %s: %s", tmp, err);
		for (size_t i = 0; i < g.gl_pathc; i++) {
			struct kb_import_stats st = { 0 };
			if (kb_import_nvd_file(db, g.gl_pathv[i], &st, NULL, NULL, err, sizeof err) != ERR_OK)
				fail_msg("import %s: %s", g.gl_pathv[i], err);
		}
		db_close(db);
		char side[800];
		snprintf(side, sizeof side, "%s-wal", tmp);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", tmp);
		unlink(side);
		if (rename(tmp, path) != 0)
			fail_msg("cannot keep %s", path);
	}
	globfree(&g);
	struct db *db = db_open(path, err, sizeof err);
	if (!db || db_migrate(db, &applied, err, sizeof err) != ERR_OK)
		fail_msg("cannot open %s: %s", path, err);
	return db;
}

/* ---- the sample of hosts ------------------------------------------------------------------ */

struct sample {
	char **cpe;              /* every CPE of every host, in order */
	size_t ncpe, cpe_cap;
	size_t *first;           /* host i: cpe[first[i] .. first[i+1]) */
	unsigned char *kind;     /* host i's enum kind */
	size_t nhost, host_cap, kind_cap;
	size_t by_kind[6];
	/* distinct strings already added as single-CPE hosts */
	char **seen;
	size_t seen_cap, nseen;
};

enum kind { K_DICTIONARY, K_BOUNDS, K_EXACT, K_LOGICAL, K_RUNNING_ON, K__MAX };
static const char *const kind_names[K__MAX] = { "dictionary names", "at/inside/outside bounds",
						"exact versions, spelt differently", "NA, ANY and wildcards",
						"running-on hosts (2-3 CPEs)" };

static bool seen_add(struct sample *s, const char *cpe)
{
	if (s->nseen * 2 >= s->seen_cap) {
		size_t old = s->seen_cap;
		char **o = s->seen;
		s->seen_cap = old ? old * 2 : 1 << 16;
		s->seen = calloc(s->seen_cap, sizeof *s->seen);
		for (size_t i = 0; i < old; i++) {
			if (!o[i])
				continue;
			size_t j = ref_hash(o[i]) & (s->seen_cap - 1);
			while (s->seen[j])
				j = (j + 1) & (s->seen_cap - 1);
			s->seen[j] = o[i];
		}
		free(o);
	}
	size_t j = ref_hash(cpe) & (s->seen_cap - 1);
	while (s->seen[j]) {
		if (strcmp(s->seen[j], cpe) == 0)
			return false;
		j = (j + 1) & (s->seen_cap - 1);
	}
	s->seen[j] = ref_strdup(cpe);
	s->nseen++;
	return true;
}

static void host_begin(struct sample *s, enum kind k)
{
	s->first = ref_grow(s->first, &s->host_cap, s->nhost + 2, sizeof *s->first);
	s->kind = ref_grow(s->kind, &s->kind_cap, s->nhost + 1, sizeof *s->kind);
	s->kind[s->nhost] = (unsigned char)k;
	s->first[s->nhost++] = s->ncpe;
	s->first[s->nhost] = s->ncpe;
	s->by_kind[k]++;
}

static void host_add(struct sample *s, const char *cpe)
{
	s->cpe = ref_grow(s->cpe, &s->cpe_cap, s->ncpe + 1, sizeof *s->cpe);
	s->cpe[s->ncpe++] = ref_strdup(cpe);
	s->first[s->nhost] = s->ncpe;
}

static void single(struct sample *s, enum kind k, const char *cpe)
{
	if (!seen_add(s, cpe))
		return;
	host_begin(s, k);
	host_add(s, cpe);
}

static int on_dict(void *ctx, const struct cpedict_item *item)
{
	struct sample *s = ctx;
	struct cpe c;
	if (item->name23 && cpe_parse(item->name23, strlen(item->name23), &c, NULL, 0) == 0)
		single(s, K_DICTIONARY, item->name23);
	return 0;
}

/* The criterion with its version replaced: "" keeps it, "*" ANY, "-" NA, else literal text
 * (or WFN notation when wfn). Returns false when the result is not a name. */
static bool with_version(const struct cpe *crit, const char *v, bool wfn, char *out, size_t outlen)
{
	struct cpe c = *crit;
	if (!strcmp(v, "*"))
		cpe_set_logical(&c, CPE_ATTR_VERSION, CPE_KIND_ANY);
	else if (!strcmp(v, "-"))
		cpe_set_logical(&c, CPE_ATTR_VERSION, CPE_KIND_NA);
	else if (*v && wfn && cpe_set_wfn(&c, CPE_ATTR_VERSION, v, strlen(v), NULL, 0) < 0)
		return false;
	else if (*v && !wfn && cpe_set_plain(&c, CPE_ATTR_VERSION, v, strlen(v), NULL, 0) < 0)
		return false;
	/* an asset has no wildcards elsewhere: the criterion's patterns become ANY */
	for (int a = 0; a < CPE_ATTR__MAX; a++)
		if (a != CPE_ATTR_VERSION && cpe_has_wildcards(&c, (enum cpe_attr)a))
			cpe_set_logical(&c, (enum cpe_attr)a, CPE_KIND_ANY);
	return cpe_format_fs(&c, out, outlen) > 0;
}

static void add_variant(struct sample *s, enum kind k, const struct cpe *crit, const char *v, bool wfn)
{
	char out[CPE_FORMAT_MAX];
	if (with_version(crit, v, wfn, out, sizeof out))
		single(s, k, out);
}

/* "2.15.0" → "2.14.0"-ish: the last number one lower, when it is above zero. */
static bool below(const char *b, char *out, size_t outlen)
{
	size_t n = strlen(b);
	if (n + 1 > outlen)
		return false;
	memcpy(out, b, n + 1);
	for (size_t i = n; i-- > 0;) {
		if (out[i] >= '1' && out[i] <= '9') {
			out[i]--;
			return true;
		}
		if (out[i] != '0')
			continue;
		/* a 0 digit: borrow only if the run of digits continues leftwards */
		if (i > 0 && out[i - 1] >= '0' && out[i - 1] <= '9')
			continue;
		return false;
	}
	return false;
}

/* A concrete version for a criterion: its own, or one inside its bounds. */
static const char *concrete_for(const struct ref_row *x, const struct cpe *crit)
{
	if (cpe_kind_of(crit, CPE_ATTR_VERSION) == CPE_KIND_VALUE && !cpe_has_wildcards(crit, CPE_ATTR_VERSION))
		return "";
	if (x->bound[0])
		return x->bound[0];
	if (x->bound[2])
		return x->bound[2];
	if (x->bound[3] || x->bound[1])
		return "0.1";
	if (cpe_kind_of(crit, CPE_ATTR_VERSION) == CPE_KIND_NA)
		return "-";
	return "1.0";
}

static void sample_from_rows(struct sample *s, const struct ref *r)
{
	size_t bounded = 0, exact = 0, and_cfg = 0;
	char buf[600], vbuf[700];
	for (size_t i = 0; i < r->n; i++) {
		const struct ref_cve *c = &r->cves[i];
		if (c->rejected)
			continue;
		for (size_t k = 0; k < c->n; k++) {
			const struct ref_row *x = &c->rows[k];
			if (x->parsed < 0)
				continue;
			const struct cpe *crit = &r->cpes[x->parsed];
			bool has_bounds = x->bound[0] || x->bound[1] || x->bound[2] || x->bound[3];
			if (has_bounds && bounded++ % 7 == 0) {
				for (int b = 0; b < 4; b++) {
					if (!x->bound[b])
						continue;
					size_t ul = version_cpe_unescape(x->bound[b], strlen(x->bound[b]), buf, sizeof buf);
					if (ul >= sizeof buf || !*buf)
						continue;
					add_variant(s, K_BOUNDS, crit, buf, false);
					snprintf(vbuf, sizeof vbuf, "%s.1", buf);
					add_variant(s, K_BOUNDS, crit, vbuf, false);
					snprintf(vbuf, sizeof vbuf, "%s-rc1", buf);
					add_variant(s, K_BOUNDS, crit, vbuf, false);
					if (below(buf, vbuf, sizeof vbuf))
						add_variant(s, K_BOUNDS, crit, vbuf, false);
				}
				add_variant(s, K_LOGICAL, crit, "*", false);
				add_variant(s, K_LOGICAL, crit, "-", false);
			} else if (!has_bounds && cpe_kind_of(crit, CPE_ATTR_VERSION) == CPE_KIND_VALUE &&
				   !cpe_has_wildcards(crit, CPE_ATTR_VERSION) && exact++ % 29 == 0) {
				const char *v = cpe_text(crit, CPE_ATTR_VERSION, NULL);
				add_variant(s, K_EXACT, crit, "", false);
				snprintf(vbuf, sizeof vbuf, "%s.0", v);
				add_variant(s, K_EXACT, crit, vbuf, false);
				snprintf(vbuf, sizeof vbuf, "v%s", v);
				add_variant(s, K_EXACT, crit, vbuf, false);
				if (below(v, vbuf, sizeof vbuf))
					add_variant(s, K_EXACT, crit, vbuf, false);
				/* a wildcard in the asset: matches nothing, on both sides */
				if (exact % 5 == 1)
					add_variant(s, K_LOGICAL, crit, "\"1*\"", true);
			}
		}
		/* running on: one CPE per node of an AND configuration, and the first alone */
		for (size_t k = 0; k < c->n; k++) {
			if (!c->rows[k].config_and || (k && c->rows[k - 1].config == c->rows[k].config))
				continue;
			if (and_cfg++ % 3 != 0)
				continue;
			char cpes[3][CPE_FORMAT_MAX];
			int nc = 0;
			int64_t last_node = -1;
			for (size_t j = k; j < c->n && c->rows[j].config == c->rows[k].config && nc < 3; j++) {
				const struct ref_row *x = &c->rows[j];
				if (x->node == last_node || x->parsed < 0)
					continue;
				last_node = x->node;
				if (with_version(&r->cpes[x->parsed], concrete_for(x, &r->cpes[x->parsed]), false, cpes[nc],
						 sizeof cpes[nc]))
					nc++;
			}
			if (nc < 2)
				continue;
			host_begin(s, K_RUNNING_ON);
			for (int q = 0; q < nc; q++)
				host_add(s, cpes[q]);
			/* the same, platform first; and the application alone */
			host_begin(s, K_RUNNING_ON);
			for (int q = nc; q-- > 0;)
				host_add(s, cpes[q]);
			host_begin(s, K_RUNNING_ON);
			host_add(s, cpes[0]);
		}
	}
}

static void sample_free(struct sample *s)
{
	for (size_t i = 0; i < s->ncpe; i++)
		free(s->cpe[i]);
	free(s->cpe);
	free(s->first);
	free(s->kind);
	for (size_t i = 0; i < s->seen_cap; i++)
		free(s->seen[i]);
	free(s->seen);
}

/* Counts per string key (open addressing). */
struct counter {
	char **k;
	size_t *v;
	size_t n, cap;
};

static size_t *counter_slot(struct counter *c, const char *key)
{
	if (c->n * 2 >= c->cap) {
		size_t old = c->cap;
		char **ok = c->k;
		size_t *ov = c->v;
		c->cap = old ? old * 2 : 4096;
		c->k = calloc(c->cap, sizeof *c->k);
		c->v = calloc(c->cap, sizeof *c->v);
		for (size_t i = 0; i < old; i++) {
			if (!ok[i])
				continue;
			size_t j = ref_hash(ok[i]) & (c->cap - 1);
			while (c->k[j])
				j = (j + 1) & (c->cap - 1);
			c->k[j] = ok[i];
			c->v[j] = ov[i];
		}
		free(ok);
		free(ov);
	}
	size_t j = ref_hash(key) & (c->cap - 1);
	while (c->k[j]) {
		if (strcmp(c->k[j], key) == 0)
			return &c->v[j];
		j = (j + 1) & (c->cap - 1);
	}
	c->k[j] = ref_strdup(key);
	c->n++;
	return &c->v[j];
}

static void counter_free(struct counter *c)
{
	for (size_t i = 0; i < c->cap; i++)
		free(c->k[i]);
	free(c->k);
	free(c->v);
}

/* How many CVEs name vendor\tproduct in a vulnerable criterion. */
static size_t cves_for_key(const struct ref *r, const char *key)
{
	size_t lo = 0, hi = r->nkeys;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(r->keys[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (lo + n < r->nkeys && strcmp(r->keys[lo + n].key, key) == 0)
		n++;
	return n;
}

/* The reference's cost of a host grows with the CVEs naming its products: for products
 * named by more than HEAVY_CVES CVEs (linux_kernel has thousands, and the dictionary 1,533
 * versions of it), keep an even spread of at most HEAVY_CAP hosts per product and kind. */
#define HEAVY_CVES 50
#define HEAVY_CAP 20

static void host_key(const struct ref *r, const struct sample *s, size_t h, char *out, size_t outlen, size_t *cost)
{
	*cost = 0;
	out[0] = '\0';
	for (size_t i = s->first[h]; i < s->first[h + 1]; i++) {
		struct cpe c;
		if (cpe_parse(s->cpe[i], strlen(s->cpe[i]), &c, NULL, 0) < 0 || !ref_plain_value(&c, CPE_ATTR_VENDOR) ||
		    !ref_plain_value(&c, CPE_ATTR_PRODUCT))
			continue;
		char *k = ref_vendor_product(&c);
		size_t n = cves_for_key(r, k);
		if (n >= *cost) {
			*cost = n;
			snprintf(out, outlen, "%d\t%s", s->kind[h], k);
		}
		free(k);
	}
}

/* The default run compares an even spread of this many hosts. */
#define QUICK_HOSTS 30000

static void thin(const struct ref *r, struct sample *s)
{
	struct counter total = { 0 }, taken = { 0 };
	char key[CPE_FORMAT_MAX + 8];
	size_t cost;
	for (size_t h = 0; h < s->nhost; h++) {
		host_key(r, s, h, key, sizeof key, &cost);
		if (cost > HEAVY_CVES)
			(*counter_slot(&total, key))++;
	}
	struct sample t = { 0 };
	for (size_t h = 0; h < s->nhost; h++) {
		host_key(r, s, h, key, sizeof key, &cost);
		if (cost > HEAVY_CVES) {
			size_t all = *counter_slot(&total, key), stride = (all + HEAVY_CAP - 1) / HEAVY_CAP;
			size_t *seen = counter_slot(&taken, key);
			if ((*seen)++ % stride != 0)
				continue;
		}
		host_begin(&t, (enum kind)s->kind[h]);
		for (size_t i = s->first[h]; i < s->first[h + 1]; i++)
			host_add(&t, s->cpe[i]);
	}
	counter_free(&total);
	counter_free(&taken);
	sample_free(s);
	*s = t;
}

/* An even spread of at most max hosts (every kth), for the default run. */
static void spread(struct sample *s, size_t max)
{
	if (s->nhost <= max)
		return;
	size_t stride = (s->nhost + max - 1) / max;
	struct sample t = { 0 };
	for (size_t h = 0; h < s->nhost; h += stride) {
		host_begin(&t, (enum kind)s->kind[h]);
		for (size_t i = s->first[h]; i < s->first[h + 1]; i++)
			host_add(&t, s->cpe[i]);
	}
	sample_free(s);
	*s = t;
}

/* ---- the comparison ---------------------------------------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int on_ref_row(void *ctx, const struct match_row *row)
{
	ref_add_row(ctx, row);
	return 0;
}

/* Prints the lines only one side has (both sorted); returns how many. */
static size_t print_difference(char **e, size_t ne, char **w, size_t nw, bool print)
{
	size_t i = 0, j = 0, d = 0;
	while (i < ne || j < nw) {
		int c = i == ne ? 1 : j == nw ? -1 : strcmp(e[i], w[j]);
		if (c == 0) {
			i++;
			j++;
			continue;
		}
		if (print)
			printf("#   %s %s\n", c < 0 ? "engine only:   " : "reference only:", c < 0 ? e[i] : w[j]);
		if (c < 0)
			i++;
		else
			j++;
		d++;
	}
	return d;
}

static char *line_of(const char *cve, int conf, int64_t seq, size_t cpe)
{
	char *l = malloc(96);
	snprintf(l, 96, "%s %d %lld %zu", cve, conf, (long long)seq, cpe);
	return l;
}

static void engine_and_reference_agree_on_every_sampled_host(void **state)
{
	(void)state;
	char path[600], dict[600];
	snprintf(dict, sizeof dict, "%s/cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz", data_dir());
	struct stat sb;
	if (stat(dict, &sb) != 0)
		skip();
	struct db *db = open_data_db(path, sizeof path);
	if (!db)
		skip();
	time_t t0 = time(NULL);

	struct match_index *ix = match_index_new();
	char err[512];
	assert_int_equal(match_index_load(ix, db, err, sizeof err), ERR_OK);
	struct ref r;
	ref_init(&r);
	assert_int_equal(match_rows_scan(db, 0, on_ref_row, &r), ERR_OK);
	ref_finish(&r);
	db_close(db);

	struct sample s = { 0 };
	assert_int_equal(cpedict_read_file(dict, on_dict, &s, NULL, err, sizeof err), 0);
	sample_from_rows(&s, &r);
	thin(&r, &s);
	if (!full_mode())
		spread(&s, QUICK_HOSTS);

	struct match_ctx *c = match_ctx_new(ix);
	size_t disagree = 0, findings = 0, hosts_with = 0, kind_findings[K__MAX] = { 0 };
	struct cpe *parsed = NULL;
	struct match_cpe *mc = NULL;
	enum match_origin *origins = NULL;
	size_t cap = 0;
	for (size_t h = 0; h < s.nhost; h++) {
		if (h % 20000 == 0)
			fprintf(stderr, "# %zu of %zu hosts after %lld s\n", h, s.nhost, (long long)(time(NULL) - t0));
		size_t n = s.first[h + 1] - s.first[h];
		if (n > cap) {
			cap = n;
			parsed = realloc(parsed, cap * sizeof *parsed);
			mc = realloc(mc, cap * sizeof *mc);
			origins = realloc(origins, cap * sizeof *origins);
		}
		for (size_t i = 0; i < n; i++) {
			const char *cpe = s.cpe[s.first[h] + i];
			if (cpe_parse(cpe, strlen(cpe), &parsed[i], err, sizeof err) < 0)
				fail_msg("sample CPE %s: %s", cpe, err);
			/* every 13th host's CPEs come from accepted suggestions, every 17th has
			 * no known version */
			origins[i] = h % 13 == 5 ? MATCH_ORIGIN_SUGGESTED
				     : h % 17 == 3 ? MATCH_ORIGIN_PRODUCT_ONLY : MATCH_ORIGIN_GIVEN;
			mc[i] = (struct match_cpe){ &parsed[i], origins[i] };
		}
		const struct match_finding *f;
		size_t nf = match_host(c, mc, n, &f);
		char **el = calloc(nf + 1, sizeof *el);
		for (size_t i = 0; i < nf; i++) {
			struct match_criterion mcrit;
			match_criterion_get(ix, f[i].criterion, &mcrit);
			el[i] = line_of(match_cve_id(ix, f[i].cve), f[i].confidence, mcrit.seq, f[i].cpe);
		}
		struct ref_finding *rf;
		size_t nr = ref_match(&r, parsed, origins, n, &rf);
		char **rl = calloc(nr + 1, sizeof *rl);
		for (size_t i = 0; i < nr; i++)
			rl[i] = line_of(rf[i].cve, rf[i].confidence, rf[i].seq, rf[i].cpe);
		free(rf);
		qsort(el, nf, sizeof *el, str_cmp);
		qsort(rl, nr, sizeof *rl, str_cmp);
		if (print_difference(el, nf, rl, nr, false)) {
			if (disagree < 20) {
				printf("# disagreement on host %zu:", h);
				for (size_t i = 0; i < n; i++)
					printf(" %s", s.cpe[s.first[h] + i]);
				printf("\n");
				print_difference(el, nf, rl, nr, true);
			}
			disagree++;
		}
		findings += nf;
		hosts_with += nf > 0;
		kind_findings[s.kind[h]] += nf;
		for (size_t i = 0; i < nf; i++)
			free(el[i]);
		for (size_t i = 0; i < nr; i++)
			free(rl[i]);
		free(el);
		free(rl);
	}
	struct match_stats st;
	match_index_stats(ix, &st);
	printf("# %zu CVEs, %zu criteria (%zu distinct) in the index; %zu hosts (%zu CPEs) compared in %lld s:\n",
	       st.cves, st.criteria, st.matchers, s.nhost, s.ncpe, (long long)(time(NULL) - t0));
	for (int k = 0; k < K__MAX; k++)
		printf("#   %7zu %-34s %8zu findings\n", s.by_kind[k], kind_names[k], kind_findings[k]);
	printf("# %zu findings on %zu hosts; %zu disagreements\n", findings, hosts_with, disagree);

	free(parsed);
	free(mc);
	free(origins);
	match_ctx_free(c);
	sample_free(&s);
	ref_free(&r);
	match_index_free(ix);
	assert_true(s.nhost >= 20000);
	assert_true(findings >= (full_mode() ? 1000000u : 100000u));
	assert_int_equal(disagree, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(engine_and_reference_agree_on_every_sampled_host),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
