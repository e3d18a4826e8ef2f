/* Matching one host against the index, the hot path: each CPE finds its candidate matchers
 * (exact-version hash, product list, vendor list, the few unkeyed ones) and stamps those it
 * satisfies; the postings of the stamped matchers count the matched vulnerable criteria of
 * each node, and only the configurations they reach are evaluated (AND/OR/negate), reading
 * a node's other criteria only when the counts do not decide it. */
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
	struct mslot {             /* per matcher, one cache access: */
		uint32_t stamp;    /* gen when satisfied by this host */
		uint16_t by;       /* the host CPE that gave it */
		uint8_t conf;      /* its best confidence */
	} *ms;
	size_t mcap;
	struct cslot { uint32_t stamp, val; } *cs; /* per configuration: gen when queued, its value */
	size_t ccap;
	struct nslot {             /* per node: */
		uint32_t stamp;    /* gen when a vulnerable criterion of it matched */
		uint32_t hits;     /* how many did */
		uint32_t val;      /* its value, once its configuration was evaluated */
	} *ns;
	size_t ncap;
	struct vslot { uint32_t stamp, pos; } *vs; /* per CVE: gen when it has a finding, and where */
	size_t vcap;
	struct hit { uint32_t m; struct m_post post; } *matched;  /* the matchers satisfied */
	uint32_t *queued, *vhits;  /* vhits: pairs (use, matcher) */
	size_t nmatched, matched_cap, nqueued, queued_cap, nvhits, vhits_cap;
	struct fmeta { uint32_t seq, rank; } *fmeta; /* per finding: its criterion's seq, its CVE's rank */
	uint8_t *only_m;           /* per matcher: used by a CVE of match_ctx_only */
	size_t only_m_cap;
	struct span { uint32_t first, n; } *only_prod; /* per product: its probes in only_probes */
	size_t only_prod_cap;
	uint32_t *only_probes;     /* the probes (ix->probes indices) of those matchers */
	uint32_t *only_touched;    /* products with a span */
	size_t nonly_probes, only_probes_cap, nonly_touched, only_touched_cap;
	struct match_finding *out, *tmp;
	uint64_t *keys;
	size_t nout, out_cap, tmp_cap;
	struct asset *assets;
	size_t assets_cap;
	uint8_t *only;             /* per CVE: 1 = match it (match_ctx_only), or NULL */
	size_t only_cap;
	bool only_on;
	uint64_t products;         /* match_product_bit of each product the host's CPEs name */
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

static void push_u32(uint32_t **arr, size_t *n, size_t *cap, uint32_t v)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*arr = xrealloc(*arr, *cap * sizeof **arr);
	}
	(*arr)[(*n)++] = v;
}

const struct match_index *match_ctx_index(const struct match_ctx *c)
{
	return c->ix;
}

void match_ctx_free(struct match_ctx *c)
{
	if (!c)
		return;
	free(c->ms);
	free(c->cs);
	free(c->ns);
	free(c->vhits);
	free(c->fmeta);
	free(c->only_m);
	free(c->only_prod);
	free(c->only_probes);
	free(c->only_touched);
	free(c->vs);
	free(c->matched);
	free(c->queued);
	free(c->out);
	free(c->tmp);
	free(c->keys);
	free(c->assets);
	free(c->only);
	free(c);
}

void match_ctx_only(struct match_ctx *c, const struct match_changes *ch)
{
	const struct match_index *ix = c->ix;
	if (c->only)
		memset(c->only, 0, c->only_cap);
	if (c->only_m)
		memset(c->only_m, 0, c->only_m_cap);
	for (size_t i = 0; i < c->nonly_touched; i++)
		c->only_prod[c->only_touched[i]].n = 0;
	c->nonly_touched = c->nonly_probes = 0;
	c->only_on = ch != NULL;
	if (!ch)
		return;
	c->only = grow_zero(c->only, &c->only_cap, ix->cve_ids.n + 1, 1);
	c->only_m = grow_zero(c->only_m, &c->only_m_cap, ix->sigs.n + 1, 1);
	/* the CVEs, and every matcher their configurations use: no other can matter */
	for (size_t i = 0; i < ch->n; i++) {
		if (ch->cves[i] >= ix->cve_ids.n)
			continue;
		const struct m_cve *cv = &ix->cves[ch->cves[i]];
		c->only[ch->cves[i]] = 1;
		for (uint32_t k = cv->first_config; k < cv->first_config + cv->nconfig; k++) {
			const struct m_config *cf = &ix->configs[k];
			for (uint32_t n = cf->first_node; n < cf->first_node + cf->nnode; n++) {
				const struct m_node *nd = &ix->nodes[n];
				for (uint32_t j = nd->first_crit; j < nd->first_crit + nd->ncrit; j++)
					c->only_m[ix->crits[j].matcher] = 1;
			}
		}
	}
	/* for each product they name, just their probes: a host's CPE of a popular product
	 * then reads a few instead of thousands */
	c->only_prod = grow_zero(c->only_prod, &c->only_prod_cap, ix->products.n + 1, sizeof *c->only_prod);
	for (size_t i = 0; i < ch->n; i++) {
		if (ch->cves[i] >= ix->cve_ids.n)
			continue;
		const struct m_cve *cv = &ix->cves[ch->cves[i]];
		for (uint32_t k = cv->first_config; k < cv->first_config + cv->nconfig; k++) {
			const struct m_config *cf = &ix->configs[k];
			for (uint32_t n = cf->first_node; n < cf->first_node + cf->nnode; n++) {
				const struct m_node *nd = &ix->nodes[n];
				for (uint32_t j = nd->first_crit; j < nd->first_crit + nd->ncrit; j++) {
					const struct m_matcher *mm = &ix->matchers[ix->crits[j].matcher];
					if (mm->place != M_PLACE_PRODUCT || c->only_prod[mm->product].n)
						continue;
					const struct m_product *pr = &ix->prods[mm->product];
					struct span *sp = &c->only_prod[mm->product];
					sp->first = (uint32_t)c->nonly_probes;
					for (uint32_t q = pr->first_probe; q < pr->first_probe + pr->nother; q++) {
						if (!c->only_m[ix->probes[q].matcher])
							continue;
						push_u32(&c->only_probes, &c->nonly_probes, &c->only_probes_cap, q);
						sp->n++;
					}
					push_u32(&c->only_touched, &c->nonly_touched, &c->only_touched_cap,
						 mm->product);
				}
			}
		}
	}
}

/* The index may have grown since the last call (a refresh): so do the stamp arrays. */
static void fit(struct match_ctx *c)
{
	const struct match_index *ix = c->ix;
	c->ms = grow_zero(c->ms, &c->mcap, ix->sigs.n + 1, sizeof *c->ms);
	c->cs = grow_zero(c->cs, &c->ccap, ix->nconfigs + 1, sizeof *c->cs);
	c->ns = grow_zero(c->ns, &c->ncap, ix->nnodes + 1, sizeof *c->ns);
	c->vs = grow_zero(c->vs, &c->vcap, ix->cve_ids.n + 1, sizeof *c->vs);
	if (c->only_on) {
		c->only = grow_zero(c->only, &c->only_cap, ix->cve_ids.n + 1, 1);
		c->only_m = grow_zero(c->only_m, &c->only_m_cap, ix->sigs.n + 1, 1);
		c->only_prod = grow_zero(c->only_prod, &c->only_prod_cap, ix->products.n + 1, sizeof *c->only_prod);
	}
	if (++c->gen == 0) {
		/* after 2^32 hosts the stamps wrap: start clean */
		memset(c->ms, 0, c->mcap * sizeof *c->ms);
		memset(c->cs, 0, c->ccap * sizeof *c->cs);
		memset(c->ns, 0, c->ncap * sizeof *c->ns);
		memset(c->vs, 0, c->vcap * sizeof *c->vs);
		c->gen = 1;
	}
}

static void asset_init(struct asset *a, const struct cpe *cpe, enum match_origin origin)
{
	for (int i = 0; i < CPE_ATTR__MAX; i++)
		a->av[i] = cpe_value(cpe, (enum cpe_attr)i);
	const struct cpe_av *v = &a->av[CPE_ATTR_VERSION];
	a->vconcrete = v->kind == CPE_KIND_VALUE && v->pre == 0 && v->suf == 0;
	a->vk.exact = false;
	a->vk.ncomp = 0;
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
 * (NISTIR 7696), so such a CPE matches nothing; the version of a CPE whose version is
 * unknown (MATCH_ORIGIN_PRODUCT_ONLY) is not compared, so it may hold anything. */
static bool asset_has_wildcards(const struct asset *a)
{
	for (int i = 0; i < CPE_ATTR__MAX; i++) {
		if (i == CPE_ATTR_VERSION && a->origin == MATCH_ORIGIN_PRODUCT_ONLY)
			continue;
		if (a->av[i].kind == CPE_KIND_VALUE && (a->av[i].pre || a->av[i].suf))
			return true;
	}
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


static void mark(struct match_ctx *c, uint32_t m, const struct m_post *post, int conf, uint16_t cpe)
{
	struct mslot *ms = &c->ms[m];
	if (ms->stamp != c->gen) {
		ms->stamp = c->gen;
		ms->conf = (uint8_t)conf;
		ms->by = cpe;
		if (c->nmatched == c->matched_cap) {
			c->matched_cap = c->matched_cap ? c->matched_cap * 2 : 256;
			c->matched = xrealloc(c->matched, c->matched_cap * sizeof *c->matched);
		}
		c->matched[c->nmatched++] = (struct hit){ m, *post };
	} else if (conf > ms->conf) {
		ms->conf = (uint8_t)conf;
		ms->by = cpe;
	}
}

static void try_matcher(struct match_ctx *c, uint32_t m, const struct asset *a, uint16_t cpe)
{
	if (c->only_on && !c->only_m[m])
		return;
	if (c->ms[m].stamp == c->gen && c->ms[m].conf >= a->cap)
		return;
	int conf = matcher_test(c->ix, &c->ix->matchers[m], a);
	if (conf)
		mark(c, m, &c->ix->post[m], conf, cpe);
}

/* version_key_compare of the asset's (exact) key and a probe's components. */
static int probe_cmp(const struct version_key *a, const uint64_t *b, unsigned nb, uint64_t pad)
{
	unsigned n = a->ncomp > nb ? a->ncomp : nb;
	for (unsigned i = 0; i < n; i++) {
		uint64_t x = i < a->ncomp ? a->comp[i] : a->pad;
		uint64_t y = i < nb ? b[i] : pad;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return a->pad < pad ? -1 : a->pad > pad;
}

static void try_probe(struct match_ctx *c, const struct m_probe *pb, const struct asset *a, uint16_t cpe)
{
	if (pb->kind == M_PROBE_FULL || !a->vk.exact || a->origin == MATCH_ORIGIN_PRODUCT_ONLY) {
		try_matcher(c, pb->matcher, a, cpe);
		return;
	}
	if (!a->vconcrete)
		return; /* a range needs a concrete version */
	uint64_t pad = c->ix->zero_pad;
	if (pb->flags & M_PROBE_LO) {
		int r = probe_cmp(&a->vk, pb->lo, pb->nlo, pad);
		if (r < 0 || (r == 0 && !(pb->flags & M_PROBE_LO_INCL)))
			return;
	}
	if (pb->flags & M_PROBE_HI) {
		int r = probe_cmp(&a->vk, pb->hi, pb->nhi, pad);
		if (r > 0 || (r == 0 && !(pb->flags & M_PROBE_HI_INCL)))
			return;
	}
	uint32_t m = pb->matcher;
	if (c->only_on && !c->only_m[m])
		return;
	int conf = MATCH_CONFIDENCE_RANGE < a->cap ? MATCH_CONFIDENCE_RANGE : a->cap;
	mark(c, m, &pb->post, conf, cpe);
}

static void match_cpe(struct match_ctx *c, const struct cpe *cpe, const struct asset *a, uint16_t idx)
{
	const struct match_index *ix = c->ix;
	char key[M_KEY_MAX];
	size_t klen;
	if (match_product_key(cpe, key, &klen) == 0) {
		uint32_t p = strmap_find(&ix->products, key, klen, match_hash(key, klen));
		if (p != M_NONE) {
			c->products |= match_product_bit(p);
			const struct m_product *pr = &ix->prods[p];
			if (c->only_on) {
				const struct span *sp = &c->only_prod[p];
				for (uint32_t i = 0; i < sp->n; i++)
					try_probe(c, &ix->probes[c->only_probes[sp->first + i]], a, idx);
			} else {
				const struct m_probe *pb = ix->probes + pr->first_probe;
				for (uint32_t i = 0; i < pr->nother; i++)
					try_probe(c, &pb[i], a, idx);
			}
			if (a->vconcrete && a->vk.exact && a->origin != MATCH_ORIGIN_PRODUCT_ONLY) {
				uint32_t h = match_exact_hash(p, &a->vk) & ix->xmask;
				for (uint32_t m = ix->xhead[h]; m != M_NONE; m = ix->matchers[m].xnext)
					if (ix->matchers[m].product == p)
						try_matcher(c, m, a, idx);
			} else if (a->vconcrete || a->origin == MATCH_ORIGIN_PRODUCT_ONLY) {
				/* a version too long for a key, or no version check at all */
				for (uint32_t i = 0; i < pr->nexact; i++)
					try_matcher(c, ix->plist[pr->first + i], a, idx);
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

/* A node's value: its matched vulnerable criteria were counted from the postings; the
 * others are read only when the count does not decide. A node without criteria is false,
 * negated or not. */
static bool node_value(const struct match_ctx *c, const struct m_node *nd, uint32_t n)
{
	if (nd->ncrit == 0)
		return false;
	uint32_t hits = c->ns[n].stamp == c->gen ? c->ns[n].hits : 0;
	const struct m_crit *cr = c->ix->crits + nd->first_crit;
	bool v;
	bool known = nd->products != UINT64_MAX; /* every other criterion found by product */
	if (nd->op_and) {
		v = hits == nd->nvuln && (!known || (nd->products & ~c->products) == 0);
		for (uint32_t i = nd->nvuln; v && i < nd->ncrit; i++)
			v = c->ms[cr[i].matcher].stamp == c->gen;
	} else {
		v = hits > 0;
		if (!v && (!known || (nd->products & c->products)))
			for (uint32_t i = nd->nvuln; !v && i < nd->ncrit; i++)
				v = c->ms[cr[i].matcher].stamp == c->gen;
	}
	return nd->negate ? !v : v;
}

static void add_finding(struct match_ctx *c, uint32_t cve, uint32_t rank, uint32_t crit, uint32_t seq, uint8_t conf,
			uint16_t by)
{
	struct vslot *vs = &c->vs[cve];
	if (vs->stamp == c->gen) {
		uint32_t pos = vs->pos;
		struct match_finding *f = &c->out[pos];
		if (conf > f->confidence || (conf == f->confidence && seq < c->fmeta[pos].seq)) {
			f->criterion = crit;
			f->confidence = conf;
			f->cpe = by;
			c->fmeta[pos].seq = seq;
		}
		return;
	}
	if (c->nout == c->out_cap) {
		c->out_cap = c->out_cap ? c->out_cap * 2 : 64;
		c->out = xrealloc(c->out, c->out_cap * sizeof *c->out);
		c->fmeta = xrealloc(c->fmeta, c->out_cap * sizeof *c->fmeta);
	}
	vs->stamp = c->gen;
	vs->pos = (uint32_t)c->nout;
	c->fmeta[c->nout] = (struct fmeta){ seq, rank };
	c->out[c->nout++] = (struct match_finding){ .cve = cve, .criterion = crit, .cpe = by, .confidence = conf };
}

/* A configuration is true when its operator over its nodes is. Only what a finding can
 * depend on is worked out: in an OR configuration, the value of each node a matched
 * vulnerable criterion hit (a true one makes the configuration true); in an AND
 * configuration, the nodes until one is false. */
static void eval_config(struct match_ctx *c, uint32_t k)
{
	const struct match_index *ix = c->ix;
	const struct m_config *cf = &ix->configs[k];
	uint32_t end = cf->first_node + cf->nnode;
	if (!cf->op_and || cf->nnode == 1) {
		for (uint32_t n = cf->first_node; n < end; n++)
			if (c->ns[n].stamp == c->gen)
				c->ns[n].val = node_value(c, &ix->nodes[n], n);
		c->cs[k].val = 1; /* the hit node's value decides */
		return;
	}
	bool v = true;
	for (uint32_t n = cf->first_node; n < end && v; n++) {
		v = node_value(c, &ix->nodes[n], n);
		if (c->ns[n].stamp == c->gen)
			c->ns[n].val = v;
	}
	c->cs[k].val = v;
}

/* By CVE ID, which the index ranks: (rank, position) keys, an insertion sort for a few and
 * a radix sort on the rank (a byte a pass) beyond, then the findings permuted. */
static void sort_findings(struct match_ctx *c, struct match_finding *f, size_t n)
{
	if (n < 2)
		return;
	if (c->tmp_cap < n) {
		c->tmp_cap = n;
		c->tmp = xrealloc(c->tmp, n * sizeof *c->tmp);
		c->keys = xrealloc(c->keys, 2 * n * sizeof *c->keys);
	}
	uint64_t *k = c->keys, *k2 = c->keys + n;
	bool sorted = true;
	for (size_t i = 0; i < n; i++) {
		k[i] = (uint64_t)c->fmeta[i].rank << 32 | i;
		sorted = sorted && (i == 0 || k[i] > k[i - 1]);
	}
	if (sorted)
		return;
	if (n <= 24) {
		for (size_t i = 1; i < n; i++) {
			uint64_t x = k[i];
			size_t j = i;
			for (; j > 0 && k[j - 1] > x; j--)
				k[j] = k[j - 1];
			k[j] = x;
		}
	} else {
		uint32_t max = (uint32_t)c->ix->cve_ids.n;
		for (unsigned shift = 32; shift < 64 && (max >> (shift - 32)) > 0; shift += 8) {
			uint32_t count[256] = { 0 };
			for (size_t i = 0; i < n; i++)
				count[(k[i] >> shift) & 255]++;
			uint32_t at = 0;
			for (size_t d = 0; d < 256; d++) {
				uint32_t x = count[d];
				count[d] = at;
				at += x;
			}
			for (size_t i = 0; i < n; i++)
				k2[count[(k[i] >> shift) & 255]++] = k[i];
			uint64_t *t = k;
			k = k2;
			k2 = t;
		}
	}
	for (size_t i = 0; i < n; i++)
		c->tmp[i] = f[k[i] & 0xffffffffu];
	memcpy(f, c->tmp, n * sizeof *f);
}

size_t match_host(struct match_ctx *c, const struct match_cpe *cpes, size_t n, const struct match_finding **out)
{
	const struct match_index *ix = c->ix;
	fit(c);
	c->nmatched = c->nqueued = c->nout = 0;
	c->products = 0;
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
	/* direct postings are findings; the others count the matched vulnerable criteria per
	 * node and queue their configurations */
	c->nvhits = 0;
	for (size_t i = 0; i < c->nmatched; i++) {
		uint32_t mi = c->matched[i].m;
		const struct m_post *m = &c->matched[i].post;
		const struct m_direct *d = ix->direct + m->first_direct;
		uint8_t conf = c->ms[mi].conf;
		uint16_t by = c->ms[mi].by;
		for (uint32_t q = 0; q < m->ndirect; q++) {
			if (q + 8 < m->ndirect)
				__builtin_prefetch(&c->vs[d[q + 8].cve]);
			if (c->only_on && !c->only[d[q].cve])
				continue;
			add_finding(c, d[q].cve, d[q].rank, d[q].crit, d[q].seq, conf, by);
		}
		for (uint32_t u = m->first_use; u < m->first_use + m->nuse; u++) {
			const struct m_use *us = &ix->uses[u];
			if (c->only_on && !c->only[us->cve])
				continue;
			struct nslot *ns = &c->ns[us->node];
			if (ns->stamp != c->gen) {
				ns->stamp = c->gen;
				ns->hits = 0;
			}
			ns->hits++;
			if (c->cs[us->config].stamp != c->gen) {
				c->cs[us->config].stamp = c->gen;
				push_u32(&c->queued, &c->nqueued, &c->queued_cap, us->config);
			}
			push_u32(&c->vhits, &c->nvhits, &c->vhits_cap, u);
			push_u32(&c->vhits, &c->nvhits, &c->vhits_cap, mi);
		}
	}
	for (size_t i = 0; i < c->nqueued; i++)
		eval_config(c, c->queued[i]);
	/* a finding needs a matched vulnerable criterion in a true, not negated node of a true
	 * configuration (in an OR configuration the node's value decides) */
	for (size_t i = 0; i < c->nvhits; i += 2) {
		const struct m_use *us = &ix->uses[c->vhits[i]];
		const struct m_node *nd = &ix->nodes[us->node];
		if (!nd->negate && c->ns[us->node].val && c->cs[us->config].val)
			add_finding(c, us->cve, ix->rank[us->cve], us->crit, us->seq, c->ms[c->vhits[i + 1]].conf,
				    c->ms[c->vhits[i + 1]].by);
	}
	sort_findings(c, c->out, c->nout);
	*out = c->out;
	return c->nout;
}
