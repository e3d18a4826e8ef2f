/* A deliberately simple evaluator of DESIGN §2, written straight from the text and slow on
 * purpose: every row of every candidate CVE is checked attribute by attribute with string
 * version comparison, every configuration evaluated from its rows. The differential test
 * and the fuzz target check the engine (src/vans/match*.c) against it. Test code only:
 * static functions, included by the file that uses it. */
#ifndef VANS_TESTS_MATCH_REF_H
#define VANS_TESTS_MATCH_REF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/cpe.h"
#include "kb/version.h"
#include "vans/match.h"

struct ref_row {
	int64_t seq, config, node;
	bool config_and, config_negate, node_and, node_negate, vulnerable;
	char *criteria;
	char *bound[4];          /* start incl, start excl, end incl, end excl; NULL absent */
	int parsed;              /* index into ref.cpes, -1 when the criteria do not parse */
};

struct ref_cve {
	char *id;
	bool rejected;
	struct ref_row *rows;
	size_t n, cap;
};

struct ref_key {
	char *key;               /* "vendor\tproduct", lowercase */
	size_t cve;
};

struct ref {
	struct ref_cve *cves;
	size_t n, cap;
	struct ref_key *keys;    /* sorted after ref_finish */
	size_t nkeys, keys_cap;
	size_t *always;          /* CVEs with a vulnerable criterion without a plain vendor and product */
	size_t nalways, always_cap;
	/* parsed criteria, shared by equal strings */
	struct cpe *cpes;
	size_t ncpes, cpes_cap;
	char **cache_key;
	int *cache_val;
	size_t cache_cap;
};

struct ref_finding {
	const char *cve;
	int confidence;
	int64_t seq;             /* of the criterion that decided it */
	size_t cpe;              /* host CPE that matched it */
};

static void *ref_grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap * 2 : 64;
	while (c < need)
		c *= 2;
	*cap = c;
	p = realloc(p, c * size);
	if (!p)
		abort();
	return p;
}

static char *ref_strdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *d = malloc(n + 1);
	if (!d)
		abort();
	memcpy(d, s, n + 1);
	return d;
}

static uint64_t ref_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The parsed criterion, parsing each distinct string once (a plain open-addressing cache). */
static int ref_parse_cached(struct ref *r, const char *criteria)
{
	if (r->ncpes * 2 >= r->cache_cap) {
		size_t old = r->cache_cap;
		char **ok = r->cache_key;
		int *ov = r->cache_val;
		r->cache_cap = old ? old * 2 : 1024;
		r->cache_key = calloc(r->cache_cap, sizeof *r->cache_key);
		r->cache_val = calloc(r->cache_cap, sizeof *r->cache_val);
		if (!r->cache_key || !r->cache_val)
			abort();
		for (size_t i = 0; i < old; i++) {
			if (!ok[i])
				continue;
			size_t j = ref_hash(ok[i]) & (r->cache_cap - 1);
			while (r->cache_key[j])
				j = (j + 1) & (r->cache_cap - 1);
			r->cache_key[j] = ok[i];
			r->cache_val[j] = ov[i];
		}
		free(ok);
		free(ov);
	}
	size_t j = ref_hash(criteria) & (r->cache_cap - 1);
	while (r->cache_key[j]) {
		if (strcmp(r->cache_key[j], criteria) == 0)
			return r->cache_val[j];
		j = (j + 1) & (r->cache_cap - 1);
	}
	r->cpes = ref_grow(r->cpes, &r->cpes_cap, r->ncpes + 1, sizeof *r->cpes);
	int v = -1;
	if (cpe_parse(criteria, strlen(criteria), &r->cpes[r->ncpes], NULL, 0) == 0)
		v = (int)r->ncpes++;
	r->cache_key[j] = ref_strdup(criteria);
	r->cache_val[j] = v;
	if (v < 0) {
		/* keep the cache's load factor honest for failures too */
		r->cpes = ref_grow(r->cpes, &r->cpes_cap, r->ncpes + 1, sizeof *r->cpes);
		cpe_init(&r->cpes[r->ncpes++]);
	}
	return v;
}

static void ref_init(struct ref *r)
{
	memset(r, 0, sizeof *r);
}

static void ref_free(struct ref *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct ref_cve *c = &r->cves[i];
		for (size_t k = 0; k < c->n; k++) {
			free(c->rows[k].criteria);
			for (int b = 0; b < 4; b++)
				free(c->rows[k].bound[b]);
		}
		free(c->rows);
		free(c->id);
	}
	free(r->cves);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i].key);
	free(r->keys);
	free(r->always);
	for (size_t i = 0; i < r->cache_cap; i++)
		free(r->cache_key[i]);
	free(r->cache_key);
	free(r->cache_val);
	free(r->cpes);
	memset(r, 0, sizeof *r);
}

/* Rows arrive grouped by CVE, as match_rows_scan gives them. */
static void ref_add_row(struct ref *r, const struct match_row *row)
{
	if (r->n == 0 || strcmp(r->cves[r->n - 1].id, row->cve_id) != 0) {
		r->cves = ref_grow(r->cves, &r->cap, r->n + 1, sizeof *r->cves);
		r->cves[r->n] = (struct ref_cve){ .id = ref_strdup(row->cve_id), .rejected = row->rejected };
		r->n++;
	}
	struct ref_cve *c = &r->cves[r->n - 1];
	c->rows = ref_grow(c->rows, &c->cap, c->n + 1, sizeof *c->rows);
	struct ref_row *x = &c->rows[c->n++];
	const char *b[4] = { row->start_incl, row->start_excl, row->end_incl, row->end_excl };
	*x = (struct ref_row){ .seq = row->seq, .config = row->config, .node = row->node,
			       .config_and = row->config_and, .config_negate = row->config_negate,
			       .node_and = row->node_and, .node_negate = row->node_negate,
			       .vulnerable = row->vulnerable, .criteria = ref_strdup(row->criteria) };
	for (int i = 0; i < 4; i++)
		x->bound[i] = b[i] && b[i][0] ? ref_strdup(b[i]) : NULL; /* "" says nothing */
	x->parsed = ref_parse_cached(r, row->criteria);
}

static int ref_key_cmp(const void *a, const void *b)
{
	const struct ref_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->cve > y->cve) - (x->cve < y->cve);
}

static bool ref_plain_value(const struct cpe *c, enum cpe_attr a)
{
	return cpe_kind_of(c, a) == CPE_KIND_VALUE && !cpe_has_wildcards(c, a);
}

static char *ref_vendor_product(const struct cpe *c)
{
	size_t vl, pl;
	const char *v = cpe_text(c, CPE_ATTR_VENDOR, &vl), *p = cpe_text(c, CPE_ATTR_PRODUCT, &pl);
	char *k = malloc(vl + pl + 2);
	if (!k)
		abort();
	for (size_t i = 0; i < vl; i++)
		k[i] = (char)(v[i] >= 'A' && v[i] <= 'Z' ? v[i] + 32 : v[i]);
	k[vl] = '\t';
	for (size_t i = 0; i < pl; i++)
		k[vl + 1 + i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	k[vl + 1 + pl] = '\0';
	return k;
}

/* Which CVEs a host could possibly concern: a finding needs a vulnerable criterion that
 * matches one of its CPEs, and a criterion with a plain vendor and product only matches
 * CPEs with the same vendor and product (NISTIR 7696, case-insensitive). */
static void ref_finish(struct ref *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct ref_cve *c = &r->cves[i];
		bool always = false;
		for (size_t k = 0; k < c->n; k++) {
			const struct ref_row *x = &c->rows[k];
			if (!x->vulnerable || x->parsed < 0)
				continue;
			const struct cpe *p = &r->cpes[x->parsed];
			if (ref_plain_value(p, CPE_ATTR_VENDOR) && ref_plain_value(p, CPE_ATTR_PRODUCT)) {
				r->keys = ref_grow(r->keys, &r->keys_cap, r->nkeys + 1, sizeof *r->keys);
				r->keys[r->nkeys++] = (struct ref_key){ ref_vendor_product(p), i };
			} else {
				always = true;
			}
		}
		if (always) {
			r->always = ref_grow(r->always, &r->always_cap, r->nalways + 1, sizeof *r->always);
			r->always[r->nalways++] = i;
		}
	}
	if (r->nkeys > 1)
		qsort(r->keys, r->nkeys, sizeof *r->keys, ref_key_cmp);
	/* each (key, CVE) once */
	size_t w = 0;
	for (size_t i = 0; i < r->nkeys; i++) {
		if (w && strcmp(r->keys[w - 1].key, r->keys[i].key) == 0 && r->keys[w - 1].cve == r->keys[i].cve) {
			free(r->keys[i].key);
			continue;
		}
		r->keys[w++] = r->keys[i];
	}
	r->nkeys = w;
}

/* One leading 'v' before a digit is not part of the version (docs/matching.md). */
static const char *ref_strip_v(const char *s)
{
	return (s[0] == 'v' || s[0] == 'V') && s[1] >= '0' && s[1] <= '9' ? s + 1 : s;
}

static int ref_vcmp(const char *a, const char *b)
{
	a = ref_strip_v(a);
	b = ref_strip_v(b);
	return version_compare_flags(a, strlen(a), MATCH_VERSION_FLAGS, b, strlen(b), MATCH_VERSION_FLAGS);
}

static bool ref_concrete(const struct cpe *c, enum cpe_attr a)
{
	return cpe_kind_of(c, a) == CPE_KIND_VALUE && !cpe_has_wildcards(c, a);
}

/* DESIGN §2: 0 when the criterion does not match the CPE, else the confidence. */
static int ref_criterion(const struct cpe *crit, char *const bound[4], const struct cpe *cpe, enum match_origin origin)
{
	bool product_only = origin == MATCH_ORIGIN_PRODUCT_ONLY;
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		if (a == CPE_ATTR_VERSION) {
			if (product_only)
				continue;
			if (ref_concrete(crit, CPE_ATTR_VERSION) && ref_concrete(cpe, CPE_ATTR_VERSION)) {
				/* two concrete versions: equal when the version comparison says so */
				if (ref_vcmp(cpe_text(crit, CPE_ATTR_VERSION, NULL), cpe_text(cpe, CPE_ATTR_VERSION, NULL)) != 0)
					return 0;
				continue;
			}
		}
		if (!cpe_attr_matches(cpe_value(crit, (enum cpe_attr)a), cpe_value(cpe, (enum cpe_attr)a)))
			return 0;
	}
	if (product_only)
		return MATCH_CONFIDENCE_PRODUCT;
	bool bounded = false;
	for (int b = 0; b < 4; b++)
		bounded |= bound[b] != NULL;
	if (bounded) {
		if (!ref_concrete(cpe, CPE_ATTR_VERSION))
			return 0;
		const char *v = cpe_text(cpe, CPE_ATTR_VERSION, NULL);
		if (bound[0] && ref_vcmp(v, bound[0]) < 0)
			return 0;
		if (bound[1] && ref_vcmp(v, bound[1]) <= 0)
			return 0;
		if (bound[2] && ref_vcmp(v, bound[2]) > 0)
			return 0;
		if (bound[3] && ref_vcmp(v, bound[3]) >= 0)
			return 0;
	}
	bool exact = cpe_kind_of(crit, CPE_ATTR_VERSION) == CPE_KIND_NA || ref_concrete(crit, CPE_ATTR_VERSION);
	int conf = exact ? MATCH_CONFIDENCE_EXACT : MATCH_CONFIDENCE_RANGE;
	if (origin == MATCH_ORIGIN_SUGGESTED && conf > MATCH_CONFIDENCE_SUGGESTED)
		conf = MATCH_CONFIDENCE_SUGGESTED;
	return conf;
}

/* The best confidence any of the host's CPEs matches the row with (0: none), and which. */
static int ref_row_matches(const struct ref *r, const struct ref_row *x, const struct cpe *cpes,
			   const enum match_origin *origins, size_t n, size_t *by)
{
	if (x->parsed < 0)
		return 0;
	int best = 0;
	for (size_t i = 0; i < n; i++) {
		int c = ref_criterion(&r->cpes[x->parsed], x->bound, &cpes[i], origins[i]);
		if (c > best) {
			best = c;
			*by = i;
		}
	}
	return best;
}

/* Evaluates every configuration of one CVE for the host; fills *f and returns true when
 * the CVE applies. */
static bool ref_cve_applies(const struct ref *r, const struct ref_cve *c, const struct cpe *cpes,
			    const enum match_origin *origins, size_t n, struct ref_finding *f)
{
	if (c->rejected)
		return false;
	int *conf = calloc(c->n ? c->n : 1, sizeof *conf);
	size_t *by = calloc(c->n ? c->n : 1, sizeof *by);
	if (!conf || !by)
		abort();
	for (size_t k = 0; k < c->n; k++)
		conf[k] = ref_row_matches(r, &c->rows[k], cpes, origins, n, &by[k]);
	bool applies = false;
	f->confidence = 0;
	for (size_t start = 0; start < c->n;) {
		/* one configuration: the rows with its number, consecutive */
		size_t end = start;
		while (end < c->n && c->rows[end].config == c->rows[start].config)
			end++;
		const struct ref_row *first = &c->rows[start];
		/* its nodes: runs of rows with one node number (the rows come in order); a node
		 * number with no rows is a node without criteria, which is false */
		int64_t max_node = 0;
		size_t runs = 0;
		for (size_t k = start; k < end; k++) {
			if (c->rows[k].node > max_node)
				max_node = c->rows[k].node;
			if (k == start || c->rows[k].node != c->rows[k - 1].node)
				runs++;
		}
		bool missing_node = runs < (size_t)max_node + 1;
		bool cfg = first->config_and ? !missing_node : false;
		bool *node_val = calloc(end - start, sizeof *node_val); /* per row: its node's value */
		if (!node_val)
			abort();
		for (size_t k = start; k < end;) {
			size_t e = k;
			while (e < end && c->rows[e].node == c->rows[k].node)
				e++;
			bool v = c->rows[k].node_and;
			for (size_t q = k; q < e; q++)
				v = c->rows[k].node_and ? v && conf[q] > 0 : v || conf[q] > 0;
			if (c->rows[k].node_negate)
				v = !v;
			for (size_t q = k; q < e; q++)
				node_val[q - start] = v;
			cfg = first->config_and ? cfg && v : cfg || v;
			k = e;
		}
		if (cfg && !first->config_negate) {
			for (size_t k = start; k < end; k++) {
				const struct ref_row *x = &c->rows[k];
				if (!x->vulnerable || conf[k] == 0 || x->node_negate || !node_val[k - start])
					continue;
				if (!applies || conf[k] > f->confidence || (conf[k] == f->confidence && x->seq < f->seq)) {
					f->confidence = conf[k];
					f->seq = x->seq;
					f->cpe = by[k];
				}
				applies = true;
			}
		}
		free(node_val);
		start = end;
	}
	free(conf);
	free(by);
	f->cve = c->id;
	return applies;
}

static int ref_size_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Every CVE that applies to the host; *out is malloc'ed (free it), in no particular order. */
static size_t ref_match(const struct ref *r, const struct cpe *cpes, const enum match_origin *origins, size_t n,
			struct ref_finding **out)
{
	size_t *cand = NULL, ncand = 0, cap = 0;
	for (size_t i = 0; i < r->nalways; i++) {
		cand = ref_grow(cand, &cap, ncand + 1, sizeof *cand);
		cand[ncand++] = r->always[i];
	}
	for (size_t i = 0; i < n; i++) {
		if (!ref_plain_value(&cpes[i], CPE_ATTR_VENDOR) || !ref_plain_value(&cpes[i], CPE_ATTR_PRODUCT))
			continue;
		struct ref_key want = { ref_vendor_product(&cpes[i]), 0 };
		/* the first key not below want */
		size_t lo = 0, hi = r->nkeys;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(r->keys[mid].key, want.key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < r->nkeys && strcmp(r->keys[lo].key, want.key) == 0; lo++) {
			cand = ref_grow(cand, &cap, ncand + 1, sizeof *cand);
			cand[ncand++] = r->keys[lo].cve;
		}
		free(want.key);
	}
	if (ncand > 1)
		qsort(cand, ncand, sizeof *cand, ref_size_cmp);
	struct ref_finding *f = NULL;
	size_t nf = 0, fcap = 0;
	for (size_t i = 0; i < ncand; i++) {
		if (i && cand[i] == cand[i - 1])
			continue;
		struct ref_finding x;
		if (ref_cve_applies(r, &r->cves[cand[i]], cpes, origins, n, &x)) {
			f = ref_grow(f, &fcap, nf + 1, sizeof *f);
			f[nf++] = x;
		}
	}
	free(cand);
	*out = f;
	return nf;
}

#endif
