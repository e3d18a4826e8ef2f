/* Matching one host against the index, the hot path: each CPE finds its candidate matchers
 * (exact-version hash, product list, vendor list, the few unkeyed ones), the matchers it
 * satisfies are stamped, and only the configurations where a stamped matcher is a
 * vulnerable criterion are evaluated (AND/OR/negate over stamps). */
#include "vans/match_internal.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

/* An asset CPE as the matchers read it. */
struct asset {
	struct cpe_av av[CPE_ATTR__MAX];
	struct version_key vk;
	bool vconcrete;            /* version is a value without wildcards */
	uint8_t origin;
	uint8_t cap;               /* highest confidence its findings may have */
};

struct match_ctx {
	const struct match_index *ix;
	uint32_t gen;
	uint32_t *mstamp;          /* per matcher: gen when satisfied by this host */
	uint8_t *mconf;            /* its best confidence */
	uint16_t *mby;             /* the host CPE that gave it */
	size_t mcap;
	uint32_t *cstamp;          /* per configuration: gen when queued */
	size_t ccap;
	uint32_t *vstamp, *vpos;   /* per CVE: gen when it has a finding, and where */
	size_t vcap;
	uint32_t *matched, *queued;
	size_t nmatched, matched_cap, nqueued, queued_cap;
	struct match_finding *out, *tmp;
	size_t nout, out_cap, tmp_cap;
	struct asset *assets;
	size_t assets_cap;
	uint8_t *only;             /* per CVE: 1 = match it (match_ctx_only), or NULL */
	size_t only_cap;
	bool only_on;
};

static void *grow_zero(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 1024;
	while (c < need)
		c *= 2;
	p = xrealloc(p, c * size);
	memset((char *)p + *cap * size, 0, (c - *cap) * size);
	*cap = c;
	return p;
}

struct match_ctx *match_ctx_new(const struct match_index *ix)
{
	struct match_ctx *c = xcalloc(1, sizeof *c);
	c->ix = ix;
	return c;
}

const struct match_index *match_ctx_index(const struct match_ctx *c)
{
	return c->ix;
}

void match_ctx_free(struct match_ctx *c)
{
	if (!c)
		return;
	free(c->mstamp);
	free(c->mconf);
	free(c->mby);
	free(c->cstamp);
	free(c->vstamp);
	free(c->vpos);
	free(c->matched);
	free(c->queued);
	free(c->out);
	free(c->tmp);
	free(c->assets);
	free(c->only);
	free(c);
}

void match_ctx_only(struct match_ctx *c, const struct match_changes *ch)
{
	if (c->only)
		memset(c->only, 0, c->only_cap);
	c->only_on = ch != NULL;
	if (!ch)
		return;
	c->only = grow_zero(c->only, &c->only_cap, c->ix->cve_ids.n + 1, 1);
	for (size_t i = 0; i < ch->n; i++)
		if (ch->cves[i] < c->only_cap)
			c->only[ch->cves[i]] = 1;
}

/* The index may have grown since the last call (a refresh): so do the stamp arrays. */
static void fit(struct match_ctx *c)
{
	const struct match_index *ix = c->ix;
	size_t cap;
	cap = c->mcap;
	c->mstamp = grow_zero(c->mstamp, &cap, ix->sigs.n + 1, sizeof *c->mstamp);
	cap = c->mcap;
	c->mconf = grow_zero(c->mconf, &cap, ix->sigs.n + 1, sizeof *c->mconf);
	c->mby = grow_zero(c->mby, &c->mcap, ix->sigs.n + 1, sizeof *c->mby);
	c->cstamp = grow_zero(c->cstamp, &c->ccap, ix->nconfigs + 1, sizeof *c->cstamp);
	cap = c->vcap;
	c->vstamp = grow_zero(c->vstamp, &cap, ix->cve_ids.n + 1, sizeof *c->vstamp);
	c->vpos = grow_zero(c->vpos, &c->vcap, ix->cve_ids.n + 1, sizeof *c->vpos);
	if (c->only_on)
		c->only = grow_zero(c->only, &c->only_cap, ix->cve_ids.n + 1, 1);
	if (++c->gen == 0) {
		/* after 2^32 hosts the stamps wrap: start clean */
		memset(c->mstamp, 0, c->mcap * sizeof *c->mstamp);
		memset(c->cstamp, 0, c->ccap * sizeof *c->cstamp);
		memset(c->vstamp, 0, c->vcap * sizeof *c->vstamp);
		c->gen = 1;
	}
}

static void asset_init(struct asset *a, const struct cpe *cpe, enum match_origin origin)
{
	for (int i = 0; i < CPE_ATTR__MAX; i++)
		a->av[i] = cpe_value(cpe, (enum cpe_attr)i);
	const struct cpe_av *v = &a->av[CPE_ATTR_VERSION];
	a->vconcrete = v->kind == CPE_KIND_VALUE && v->pre == 0 && v->suf == 0;
	if (a->vconcrete) {
		const char *p = v->p;
		size_t len = v->len;
		match_strip_v(&p, &len);
		version_key_parse(&a->vk, p, len, MATCH_VERSION_FLAGS);
	}
	a->origin = (uint8_t)origin;
	a->cap = origin == MATCH_ORIGIN_SUGGESTED ? MATCH_CONFIDENCE_SUGGESTED
		 : origin == MATCH_ORIGIN_PRODUCT_ONLY ? MATCH_CONFIDENCE_PRODUCT
						     : MATCH_CONFIDENCE_EXACT;
}

/* A wildcard in an asset's CPE makes every attribute comparison with it undefined
 * (NISTIR 7696), so such a CPE matches nothing. */
static bool asset_has_wildcards(const struct asset *a)
{
	for (int i = 0; i < CPE_ATTR__MAX; i++)
		if (a->av[i].kind == CPE_KIND_VALUE && (a->av[i].pre || a->av[i].suf))
			return true;
	return false;
}

static struct cpe_av av_view(const struct m_av *v)
{
	return (struct cpe_av){ v->p, v->len, v->pre, v->suf, v->kind, v->flags };
}

/* The confidence with which matcher m matches asset a, 0 when it does not. The product
 * key (or vendor key) already decided the attributes the lookup went by. */
static int matcher_test(const struct match_index *ix, const struct m_matcher *m, const struct asset *a)
{
	bool product_only = a->origin == MATCH_ORIGIN_PRODUCT_ONLY;
	const struct m_av *v = ix->avs + m->av;
	for (unsigned i = 0; i < m->nav; i++) {
		if (v[i].attr == CPE_ATTR_VERSION && product_only)
			continue;
		if (!cpe_attr_matches(av_view(&v[i]), a->av[v[i].attr]))
			return 0;
	}
	if (product_only)
		return a->cap;
	int conf = MATCH_CONFIDENCE_RANGE;
	switch (m->vkind) {
	case M_V_NA:
		if (a->av[CPE_ATTR_VERSION].kind != CPE_KIND_NA)
			return 0;
		conf = MATCH_CONFIDENCE_EXACT;
		break;
	case M_V_EXACT:
		if (!a->vconcrete || version_key_compare(&a->vk, &ix->vkeys[m->version]) != 0)
			return 0;
		conf = MATCH_CONFIDENCE_EXACT;
		break;
	default:
		break;
	}
	if (m->nbounds) {
		if (!a->vconcrete)
			return 0;
		if (m->bound[M_B_START_INCL] != M_NONE &&
		    version_key_compare(&a->vk, &ix->vkeys[m->bound[M_B_START_INCL]]) < 0)
			return 0;
		if (m->bound[M_B_START_EXCL] != M_NONE &&
		    version_key_compare(&a->vk, &ix->vkeys[m->bound[M_B_START_EXCL]]) <= 0)
			return 0;
		if (m->bound[M_B_END_INCL] != M_NONE &&
		    version_key_compare(&a->vk, &ix->vkeys[m->bound[M_B_END_INCL]]) > 0)
			return 0;
		if (m->bound[M_B_END_EXCL] != M_NONE &&
		    version_key_compare(&a->vk, &ix->vkeys[m->bound[M_B_END_EXCL]]) >= 0)
			return 0;
	}
	return conf < a->cap ? conf : a->cap;
}

static void push_u32(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*arr = xrealloc(*arr, *cap * sizeof **arr);
	}
	(*arr)[(*n)++] = v;
}

static void try_matcher(struct match_ctx *c, uint32_t m, const struct asset *a, uint16_t cpe)
{
	bool seen = c->mstamp[m] == c->gen;
	if (seen && c->mconf[m] >= a->cap)
		return;
	int conf = matcher_test(c->ix, &c->ix->matchers[m], a);
	if (conf == 0)
		return;
	if (!seen) {
		c->mstamp[m] = c->gen;
		c->mconf[m] = (uint8_t)conf;
		c->mby[m] = cpe;
		push_u32(&c->matched, &c->nmatched, &c->matched_cap, m);
	} else if (conf > c->mconf[m]) {
		c->mconf[m] = (uint8_t)conf;
		c->mby[m] = cpe;
	}
}

static void match_cpe(struct match_ctx *c, const struct cpe *cpe, const struct asset *a, uint16_t idx)
{
	const struct match_index *ix = c->ix;
	char key[M_KEY_MAX];
	size_t klen;
	if (match_product_key(cpe, key, &klen) == 0) {
		uint32_t p = strmap_find(&ix->products, key, klen, match_hash(key, klen));
		if (p != M_NONE) {
			const struct m_product *pr = &ix->prods[p];
			const uint32_t *list = ix->plist + pr->first;
			for (uint32_t i = 0; i < pr->nother; i++)
				try_matcher(c, list[i], a, idx);
			if (a->vconcrete && a->vk.exact && a->origin != MATCH_ORIGIN_PRODUCT_ONLY) {
				uint32_t h = match_exact_hash(p, &a->vk) & ix->xmask;
				for (uint32_t m = ix->xhead[h]; m != M_NONE; m = ix->matchers[m].xnext)
					if (ix->matchers[m].product == p)
						try_matcher(c, m, a, idx);
			} else if (a->vconcrete || a->origin == MATCH_ORIGIN_PRODUCT_ONLY) {
				/* a version too long for a key, or no version check at all */
				for (uint32_t i = 0; i < pr->nexact; i++)
					try_matcher(c, list[pr->nother + i], a, idx);
			}
		}
	}
	if (match_vendor_key(cpe, key, &klen) == 0) {
		uint32_t v = strmap_find(&ix->vendors, key, klen, match_hash(key, klen));
		if (v != M_NONE) {
			const struct m_vendor *vd = &ix->vends[v];
			for (uint32_t i = 0; i < vd->n; i++)
				try_matcher(c, ix->vlist[vd->first + i], a, idx);
		}
	}
	for (size_t i = 0; i < ix->nglobal; i++)
		try_matcher(c, ix->glist[i], a, idx);
}

static bool node_true(const struct match_ctx *c, const struct m_node *nd)
{
	if (nd->ncrit == 0)
		return false; /* a node without criteria is false, negated or not */
	const struct m_crit *cr = c->ix->crits + nd->first_crit;
	bool v = nd->op_and;
	for (uint32_t i = 0; i < nd->ncrit; i++) {
		bool on = c->mstamp[cr[i].matcher] == c->gen;
		if (nd->op_and && !on) {
			v = false;
			break;
		}
		if (!nd->op_and && on) {
			v = true;
			break;
		}
	}
	return nd->negate ? !v : v;
}

static void add_finding(struct match_ctx *c, uint32_t cve, uint32_t crit, const struct m_crit *cr)
{
	uint8_t conf = c->mconf[cr->matcher];
	uint16_t by = c->mby[cr->matcher];
	if (c->vstamp[cve] == c->gen) {
		struct match_finding *f = &c->out[c->vpos[cve]];
		if (conf > f->confidence || (conf == f->confidence && cr->seq < c->ix->crits[f->criterion].seq)) {
			f->criterion = crit;
			f->confidence = conf;
			f->cpe = by;
		}
		return;
	}
	if (c->nout == c->out_cap) {
		c->out_cap = c->out_cap ? c->out_cap * 2 : 64;
		c->out = xrealloc(c->out, c->out_cap * sizeof *c->out);
	}
	c->vstamp[cve] = c->gen;
	c->vpos[cve] = (uint32_t)c->nout;
	c->out[c->nout++] = (struct match_finding){ .cve = cve, .criterion = crit, .cpe = by, .confidence = conf };
}

/* A configuration is true when its operator over its nodes is; the criteria that made it
 * true are the stamped ones in its true, not negated nodes, and a finding needs one of
 * them to be vulnerable. A negated configuration is true when its nodes are not, so no
 * matched criterion made it true: it never makes a finding. */
static void eval_config(struct match_ctx *c, uint32_t k)
{
	const struct match_index *ix = c->ix;
	const struct m_config *cf = &ix->configs[k];
	if (cf->flags & (M_CFG_DEAD | M_CFG_NEGATE))
		return;
	if (c->only_on && !c->only[cf->cve])
		return;
	const struct m_node *nodes = ix->nodes + cf->first_node;
	bool v = cf->op_and;
	for (uint32_t i = 0; i < cf->nnode; i++) {
		bool t = node_true(c, &nodes[i]);
		if (cf->op_and && !t) {
			v = false;
			break;
		}
		if (!cf->op_and && t) {
			v = true;
			break;
		}
	}
	if (!v)
		return;
	for (uint32_t i = 0; i < cf->nnode; i++) {
		const struct m_node *nd = &nodes[i];
		if (nd->negate || !node_true(c, nd))
			continue;
		for (uint32_t j = nd->first_crit; j < nd->first_crit + nd->ncrit; j++) {
			const struct m_crit *cr = &ix->crits[j];
			if (cr->vulnerable && c->mstamp[cr->matcher] == c->gen)
				add_finding(c, cf->cve, j, cr);
		}
	}
}

static bool finding_before(const struct match_index *ix, const struct match_finding *x,
			   const struct match_finding *y)
{
	const struct m_cve *a = &ix->cves[x->cve], *b = &ix->cves[y->cve];
	if (a->order != b->order)
		return a->order < b->order;
	return strcmp(a->id, b->id) < 0;
}

/* By CVE ID: insertion sort for the usual handful, a merge sort beyond (qsort has no
 * context argument in C17, and the index is the context). */
static void sort_findings(struct match_ctx *c, struct match_finding *f, size_t n)
{
	const struct match_index *ix = c->ix;
	if (n <= 32) {
		for (size_t i = 1; i < n; i++) {
			struct match_finding x = f[i];
			size_t j = i;
			while (j > 0 && finding_before(ix, &x, &f[j - 1])) {
				f[j] = f[j - 1];
				j--;
			}
			f[j] = x;
		}
		return;
	}
	if (c->tmp_cap < n) {
		c->tmp_cap = n;
		c->tmp = xrealloc(c->tmp, n * sizeof *c->tmp);
	}
	struct match_finding *src = f, *dst = c->tmp;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = finding_before(ix, &src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct match_finding *t = src;
		src = dst;
		dst = t;
	}
	if (src != f)
		memcpy(f, src, n * sizeof *f);
}

size_t match_host(struct match_ctx *c, const struct match_cpe *cpes, size_t n, const struct match_finding **out)
{
	const struct match_index *ix = c->ix;
	fit(c);
	c->nmatched = c->nqueued = c->nout = 0;
	if (n > MATCH_HOST_MAX_CPES)
		n = MATCH_HOST_MAX_CPES;
	if (n > c->assets_cap) {
		c->assets_cap = n;
		c->assets = xrealloc(c->assets, n * sizeof *c->assets);
	}
	for (size_t i = 0; i < n; i++) {
		struct asset *a = &c->assets[i];
		asset_init(a, cpes[i].cpe, cpes[i].origin);
		if (!asset_has_wildcards(a))
			match_cpe(c, cpes[i].cpe, a, (uint16_t)i);
	}
	for (size_t i = 0; i < c->nmatched; i++) {
		const struct m_matcher *m = &ix->matchers[c->matched[i]];
		for (uint32_t u = m->first_use; u < m->first_use + m->nuse; u++) {
			uint32_t k = ix->uses[u];
			if (c->cstamp[k] != c->gen) {
				c->cstamp[k] = c->gen;
				push_u32(&c->queued, &c->nqueued, &c->queued_cap, k);
			}
		}
	}
	for (size_t i = 0; i < c->nqueued; i++)
		eval_config(c, c->queued[i]);
	sort_findings(c, c->out, c->nout);
	*out = c->out;
	return c->nout;
}
