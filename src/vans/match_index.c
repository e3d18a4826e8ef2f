/* Building the matching index: CVEs are put whole (a newer version retires the old one),
 * their criteria interned into distinct matchers with pre-parsed versions, and commit
 * rebuilds the lookup tables — products, vendors, the exact-version hash and the postings
 * from matchers to the configurations they can make findings in. */
#include "vans/match_internal.h"
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- hashing and interned strings ----------------------------------------------------- */

uint32_t match_hash(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)len;
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
		p += 8;
		len -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, p, len);
	h = (h ^ w) * 0x94d049bb133111ebull;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (uint32_t)h;
}

void strmap_init(struct strmap *m, struct arena *a)
{
	memset(m, 0, sizeof *m);
	m->a = a;
	m->mask = 15;
	m->slots = xcalloc(16, sizeof *m->slots);
}

void strmap_free(struct strmap *m)
{
	free(m->slots);
	free(m->ents);
	memset(m, 0, sizeof *m);
}

uint32_t strmap_find(const struct strmap *m, const char *p, size_t len, uint32_t hash)
{
	for (uint32_t i = hash & m->mask;; i = (i + 1) & m->mask) {
		uint32_t s = m->slots[i];
		if (s == 0)
			return M_NONE;
		const struct strent *e = &m->ents[s - 1];
		if (e->hash == hash && e->len == len && memcmp(e->p, p, len) == 0)
			return s - 1;
	}
}

static void strmap_grow(struct strmap *m)
{
	uint32_t cap = (m->mask + 1) * 2;
	free(m->slots);
	m->slots = xcalloc(cap, sizeof *m->slots);
	m->mask = cap - 1;
	for (uint32_t id = 0; id < m->n; id++) {
		uint32_t i = m->ents[id].hash & m->mask;
		while (m->slots[i])
			i = (i + 1) & m->mask;
		m->slots[i] = id + 1;
	}
}

uint32_t strmap_put(struct strmap *m, const char *p, size_t len, bool *added)
{
	uint32_t hash = match_hash(p, len);
	uint32_t id = strmap_find(m, p, len, hash);
	if (added)
		*added = id == M_NONE;
	if (id != M_NONE)
		return id;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->ents = xrealloc(m->ents, m->cap * sizeof *m->ents);
	}
	id = m->n++;
	m->ents[id] = (struct strent){ arena_strndup(m->a, p, len), (uint32_t)len, hash };
	if ((size_t)m->n * 2 > (size_t)m->mask + 1)
		strmap_grow(m);
	else {
		uint32_t i = hash & m->mask;
		while (m->slots[i])
			i = (i + 1) & m->mask;
		m->slots[i] = id + 1;
	}
	return id;
}

size_t strmap_bytes(const struct strmap *m)
{
	return ((size_t)m->mask + 1) * sizeof *m->slots + (size_t)m->cap * sizeof *m->ents;
}

/* ---- keys ------------------------------------------------------------------------------ */

bool match_attr_concrete(const struct cpe *c, enum cpe_attr a)
{
	const struct cpe_slot *s = &c->attr[a];
	return s->kind == CPE_KIND_NA || (s->kind == CPE_KIND_VALUE && s->pre == 0 && s->suf == 0);
}

static size_t put_key_attr(const struct cpe *c, enum cpe_attr a, char *out)
{
	if (c->attr[a].kind == CPE_KIND_NA) {
		out[0] = '\x01';
		return 1;
	}
	const char *t = c->text + c->attr[a].off;
	size_t n = c->attr[a].len;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)t[i];
		out[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch);
	}
	return n;
}

int match_product_key(const struct cpe *c, char *buf, size_t *len)
{
	if (!match_attr_concrete(c, CPE_ATTR_PART) || !match_attr_concrete(c, CPE_ATTR_VENDOR) ||
	    !match_attr_concrete(c, CPE_ATTR_PRODUCT))
		return -1;
	size_t n = put_key_attr(c, CPE_ATTR_PART, buf);
	buf[n++] = '\x1f';
	n += put_key_attr(c, CPE_ATTR_VENDOR, buf + n);
	buf[n++] = '\x1f';
	n += put_key_attr(c, CPE_ATTR_PRODUCT, buf + n);
	*len = n;
	return 0;
}

int match_vendor_key(const struct cpe *c, char *buf, size_t *len)
{
	if (!match_attr_concrete(c, CPE_ATTR_VENDOR))
		return -1;
	buf[0] = '\x02';
	*len = 1 + put_key_attr(c, CPE_ATTR_VENDOR, buf + 1);
	return 0;
}

void match_strip_v(const char **p, size_t *len)
{
	const char *s = *p;
	if (*len >= 2 && (s[0] == 'v' || s[0] == 'V') && s[1] >= '0' && s[1] <= '9') {
		(*p)++;
		(*len)--;
	}
}

uint32_t match_exact_hash(uint32_t product, const struct version_key *k)
{
	unsigned n = k->ncomp;
	while (n > 0 && k->comp[n - 1] == k->pad)
		n--;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ product;
	for (unsigned i = 0; i < n; i++) {
		h = (h ^ k->comp[i]) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 31;
	}
	h = (h ^ k->pad) * 0x94d049bb133111ebull;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* ---- growing arrays -------------------------------------------------------------------- */

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	*cap = c;
	return xrealloc(p, c * size);
}

/* ---- index ----------------------------------------------------------------------------- */

struct match_index *match_index_new(void)
{
	struct match_index *ix = xcalloc(1, sizeof *ix);
	arena_init(&ix->strings, 1 << 20);
	strmap_init(&ix->cve_ids, &ix->strings);
	strmap_init(&ix->sigs, &ix->strings);
	strmap_init(&ix->products, &ix->strings);
	strmap_init(&ix->vendors, &ix->strings);
	strmap_init(&ix->versions, &ix->strings);
	struct version_key k;
	version_key_parse(&k, "", 0, MATCH_VERSION_FLAGS);
	ix->zero_pad = k.pad;
	return ix;
}

void match_index_free(struct match_index *ix)
{
	if (!ix)
		return;
	strmap_free(&ix->cve_ids);
	strmap_free(&ix->sigs);
	strmap_free(&ix->products);
	strmap_free(&ix->vendors);
	strmap_free(&ix->versions);
	free(ix->cves);
	free(ix->configs);
	free(ix->nodes);
	free(ix->crits);
	free(ix->matchers);
	free(ix->avs);
	free(ix->vkeys);
	free(ix->prods);
	free(ix->plist);
	free(ix->probes);
	free(ix->vends);
	free(ix->vlist);
	free(ix->glist);
	free(ix->xhead);
	free(ix->uses);
	free(ix->direct);
	free(ix->post);
	free(ix->rank);
	arena_free(&ix->strings);
	free(ix);
}

/* "CVE-2021-44228" → 2021 << 32 | 44228; anything else sorts after, by its text. */
static uint64_t cve_order(const char *id)
{
	if (strncmp(id, "CVE-", 4) != 0)
		return UINT64_MAX;
	uint64_t year = 0, num = 0;
	const char *p = id + 4;
	int digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
		year = year * 10 + (uint64_t)(*p - '0');
	if (digits != 4 || *p != '-')
		return UINT64_MAX;
	digits = 0;
	for (p++; *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
		num = num * 10 + (uint64_t)(*p - '0');
	if (digits == 0 || *p)
		return UINT64_MAX;
	return year << 32 | num;
}

static uint32_t intern_version(struct match_index *ix, const char *p, size_t len)
{
	match_strip_v(&p, &len);
	bool added;
	uint32_t id = strmap_put(&ix->versions, p, len, &added);
	if (added) {
		ix->vkeys = grow(ix->vkeys, &ix->vkeys_cap, (size_t)id + 1, sizeof *ix->vkeys);
		const struct strent *e = &ix->versions.ents[id];
		version_key_parse(&ix->vkeys[id], e->p, e->len, MATCH_VERSION_FLAGS);
	}
	return id;
}

static void push_av(struct match_index *ix, const struct cpe *c, enum cpe_attr a)
{
	ix->avs = grow(ix->avs, &ix->avs_cap, ix->navs + 1, sizeof *ix->avs);
	const struct cpe_slot *s = &c->attr[a];
	ix->avs[ix->navs++] = (struct m_av){
		.p = s->kind == CPE_KIND_VALUE ? arena_strndup(&ix->strings, c->text + s->off, s->len) : "",
		.len = s->len, .pre = s->pre, .suf = s->suf, .kind = s->kind, .flags = s->flags, .attr = (uint8_t)a,
	};
}

/* Fills a new matcher from its signature (criteria NUL bound NUL bound NUL bound NUL bound,
 * an absent bound written "\x1e"). */
static void matcher_init(struct match_index *ix, struct m_matcher *m, const char *sig, const char *const bounds[4])
{
	memset(m, 0, sizeof *m);
	m->sig = sig;
	m->product = m->vendor = m->version = M_NONE;
	m->xnext = M_NONE;
	for (int b = 0; b < M_B__MAX; b++)
		m->bound[b] = M_NONE;
	m->av = (uint32_t)ix->navs;

	struct cpe c;
	if (cpe_parse(sig, strlen(sig), &c, NULL, 0) < 0) {
		m->place = M_PLACE_NEVER;
		ix->bad_criteria++;
		return;
	}
	const struct cpe_slot *v = &c.attr[CPE_ATTR_VERSION];
	if (v->kind == CPE_KIND_ANY)
		m->vkind = M_V_ANY;
	else if (v->kind == CPE_KIND_NA)
		m->vkind = M_V_NA;
	else if (v->pre || v->suf)
		m->vkind = M_V_PATTERN;
	else {
		m->vkind = M_V_EXACT;
		m->version = intern_version(ix, c.text + v->off, v->len);
	}
	for (int b = 0; b < M_B__MAX; b++) {
		if (bounds[b]) {
			m->bound[b] = intern_version(ix, bounds[b], strlen(bounds[b]));
			m->nbounds++;
		}
	}

	char key[M_KEY_MAX];
	size_t klen;
	bool skip_pvp = false, skip_vendor = false;
	if (match_product_key(&c, key, &klen) == 0) {
		m->product = strmap_put(&ix->products, key, klen, NULL);
		m->place = m->vkind == M_V_EXACT && m->nbounds == 0 && ix->vkeys[m->version].exact ? M_PLACE_EXACT
											       : M_PLACE_PRODUCT;
		skip_pvp = true;
	} else if (match_vendor_key(&c, key, &klen) == 0) {
		m->vendor = strmap_put(&ix->vendors, key, klen, NULL);
		m->place = M_PLACE_VENDOR;
		skip_vendor = true;
	} else {
		m->place = M_PLACE_GLOBAL;
	}
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		if (c.attr[a].kind == CPE_KIND_ANY)
			continue;
		if (skip_pvp && a <= CPE_ATTR_PRODUCT)
			continue;
		if (skip_vendor && a == CPE_ATTR_VENDOR)
			continue;
		if (a == CPE_ATTR_VERSION && m->vkind != M_V_PATTERN)
			continue;
		push_av(ix, &c, (enum cpe_attr)a);
		m->nav++;
	}
}

static uint32_t matcher_for(struct match_index *ix, const struct match_row *r)
{
	const char *given[4] = { r->start_incl, r->start_excl, r->end_incl, r->end_excl };
	char sig[4 * 1024];
	size_t clen = strnlen(r->criteria, CPE_NAME_MAX + 1);
	size_t n = clen;
	memcpy(sig, r->criteria, clen);
	sig[n++] = '\0';
	for (int b = 0; b < 4; b++) {
		const char *g = given[b];
		size_t glen = g ? strnlen(g, 512) : 0;
		/* an empty bound says nothing (NVD has a few): it is treated as absent */
		if (!g || glen == 0) {
			sig[n++] = '\x1e';
		} else {
			size_t u = version_cpe_unescape(g, glen, sig + n, sizeof sig - n);
			n += u;
		}
		sig[n++] = '\0';
	}
	bool added;
	uint32_t id = strmap_put(&ix->sigs, sig, n, &added);
	if (added) {
		ix->matchers = grow(ix->matchers, &ix->matchers_cap, (size_t)id + 1, sizeof *ix->matchers);
		const char *s = ix->sigs.ents[id].p;
		const char *bounds[4];
		const char *q = s + strlen(s) + 1;
		for (int b = 0; b < 4; b++) {
			bounds[b] = q[0] == '\x1e' && q[1] == '\0' ? NULL : q;
			q += strlen(q) + 1;
		}
		matcher_init(ix, &ix->matchers[id], s, bounds);
	}
	return id;
}

static void retire(struct match_index *ix, struct m_cve *cv)
{
	for (uint32_t k = cv->first_config; k < cv->first_config + cv->nconfig; k++) {
		struct m_config *cf = &ix->configs[k];
		cf->flags |= M_CFG_DEAD;
		ix->dead_configs++;
		for (uint32_t n = cf->first_node; n < cf->first_node + cf->nnode; n++)
			ix->dead_crits += ix->nodes[n].ncrit;
	}
	cv->nconfig = 0;
	cv->live = false;
}

static uint32_t push_node(struct match_index *ix, struct m_config *cf, uint32_t config, bool op_and, bool negate)
{
	ix->nodes = grow(ix->nodes, &ix->nodes_cap, ix->nnodes + 1, sizeof *ix->nodes);
	ix->nodes[ix->nnodes] = (struct m_node){ .first_crit = (uint32_t)ix->ncrits, .config = config, .op_and = op_and,
						 .negate = negate };
	cf->nnode++;
	return (uint32_t)ix->nnodes++;
}

/* A node's vulnerable criteria first (stable), so that matching counts them from the
 * postings and reads only the others. */
static void close_node(struct match_index *ix, uint32_t n)
{
	struct m_node *nd = &ix->nodes[n];
	struct m_crit *c = ix->crits + nd->first_crit;
	uint32_t v = 0;
	for (uint32_t i = 0; i < nd->ncrit; i++)
		v += c[i].vulnerable;
	nd->nvuln = v;
	if (v == 0 || v == nd->ncrit)
		return;
	struct m_crit *tmp = xmalloc(nd->ncrit * sizeof *tmp);
	uint32_t a = 0, b = v;
	for (uint32_t i = 0; i < nd->ncrit; i++)
		tmp[c[i].vulnerable ? a++ : b++] = c[i];
	memcpy(c, tmp, nd->ncrit * sizeof *tmp);
	free(tmp);
}

void match_index_put_cve(struct match_index *ix, const char *id, bool rejected, const struct match_row *rows,
			 size_t n)
{
	bool added;
	uint32_t cid = strmap_put(&ix->cve_ids, id, strlen(id), &added);
	if (added) {
		ix->cves = grow(ix->cves, &ix->cves_cap, (size_t)cid + 1, sizeof *ix->cves);
		const char *stable = ix->cve_ids.ents[cid].p;
		ix->cves[cid] = (struct m_cve){ .id = stable, .order = cve_order(stable) };
	}
	retire(ix, &ix->cves[cid]);
	if (rejected || n == 0)
		return;

	uint32_t first_config = (uint32_t)ix->nconfigs;
	struct m_config *cf = NULL;
	uint32_t nd = M_NONE;
	int64_t cur_node = -1;
	for (size_t i = 0; i < n; i++) {
		const struct match_row *r = &rows[i];
		if (!cf || r->config != rows[i - 1].config) {
			if (nd != M_NONE)
				close_node(ix, nd);
			ix->configs = grow(ix->configs, &ix->configs_cap, ix->nconfigs + 1, sizeof *ix->configs);
			cf = &ix->configs[ix->nconfigs++];
			*cf = (struct m_config){ .cve = cid, .first_node = (uint32_t)ix->nnodes, .op_and = r->config_and,
						 .flags = r->config_negate ? M_CFG_NEGATE : 0 };
			nd = M_NONE;
			cur_node = -1;
		}
		uint32_t config = (uint32_t)(cf - ix->configs);
		if (nd == M_NONE || r->node != cur_node) {
			if (nd != M_NONE)
				close_node(ix, nd);
			/* a node without criteria leaves no row: the gap becomes an empty node */
			while (r->node > (int64_t)cf->nnode && cf->nnode < 100000)
				push_node(ix, cf, config, false, false);
			nd = push_node(ix, cf, config, r->node_and, r->node_negate);
			cur_node = r->node;
		}
		ix->crits = grow(ix->crits, &ix->crits_cap, ix->ncrits + 1, sizeof *ix->crits);
		ix->crits[ix->ncrits++] = (struct m_crit){ .matcher = matcher_for(ix, r), .node = nd,
							   .seq = (uint32_t)r->seq, .vulnerable = r->vulnerable };
		ix->nodes[nd].ncrit++;
	}
	if (nd != M_NONE)
		close_node(ix, nd);
	struct m_cve *cv = &ix->cves[cid];
	cv->first_config = first_config;
	cv->nconfig = (uint32_t)ix->nconfigs - first_config;
	cv->live = cv->nconfig > 0;
}

/* Copies the live configurations into fresh arrays, dropping the ones newer versions of
 * their CVEs replaced. */
static void compact(struct match_index *ix)
{
	size_t live_cfg = ix->nconfigs - ix->dead_configs, live_crit = ix->ncrits - ix->dead_crits;
	size_t live_nodes = 0;
	for (size_t k = 0; k < ix->nconfigs; k++)
		if (!(ix->configs[k].flags & M_CFG_DEAD))
			live_nodes += ix->configs[k].nnode;
	struct m_config *cfgs = xmalloc((live_cfg ? live_cfg : 1) * sizeof *cfgs);
	struct m_node *nodes = xmalloc((live_nodes ? live_nodes : 1) * sizeof *nodes);
	struct m_crit *crits = xmalloc((live_crit ? live_crit : 1) * sizeof *crits);
	size_t nc = 0, nn = 0, nk = 0;
	for (uint32_t id = 0; id < ix->cve_ids.n; id++) {
		struct m_cve *cv = &ix->cves[id];
		uint32_t first = (uint32_t)nc;
		for (uint32_t k = cv->first_config; k < cv->first_config + cv->nconfig; k++) {
			struct m_config cf = ix->configs[k];
			uint32_t first_node = (uint32_t)nn;
			for (uint32_t n = cf.first_node; n < cf.first_node + cf.nnode; n++) {
				struct m_node nd = ix->nodes[n];
				uint32_t first_crit = (uint32_t)nk;
				for (uint32_t c = nd.first_crit; c < nd.first_crit + nd.ncrit; c++) {
					crits[nk] = ix->crits[c];
					crits[nk++].node = (uint32_t)nn;
				}
				nd.first_crit = first_crit;
				nd.config = (uint32_t)nc;
				nodes[nn++] = nd;
			}
			cf.first_node = first_node;
			cfgs[nc++] = cf;
		}
		cv->first_config = first;
	}
	free(ix->configs);
	free(ix->nodes);
	free(ix->crits);
	ix->configs = cfgs;
	ix->nodes = nodes;
	ix->crits = crits;
	ix->nconfigs = ix->configs_cap = nc;
	ix->nnodes = ix->nodes_cap = nn;
	ix->ncrits = ix->crits_cap = nk;
	ix->dead_configs = ix->dead_crits = 0;
}

/* A key short and exact enough to live in a probe: its components (the padding is the same
 * for every key). */
static bool probe_key(const struct match_index *ix, uint32_t v, uint64_t *out, uint8_t *n)
{
	const struct version_key *k = &ix->vkeys[v];
	if (!k->exact || k->ncomp > M_PROBE_COMPS || k->pad != ix->zero_pad)
		return false;
	memcpy(out, k->comp, k->ncomp * sizeof *out);
	*n = k->ncomp;
	return true;
}

static void make_probe(const struct match_index *ix, uint32_t m, struct m_probe *pb)
{
	const struct m_matcher *mm = &ix->matchers[m];
	memset(pb, 0, sizeof *pb);
	pb->matcher = m;
	pb->kind = M_PROBE_FULL;
	const uint32_t *b = mm->bound;
	if (mm->nav || mm->vkind != M_V_ANY || mm->nbounds == 0 || mm->nbounds > 2 ||
	    (b[M_B_START_INCL] != M_NONE && b[M_B_START_EXCL] != M_NONE) ||
	    (b[M_B_END_INCL] != M_NONE && b[M_B_END_EXCL] != M_NONE))
		return;
	uint32_t lo = b[M_B_START_INCL] != M_NONE ? b[M_B_START_INCL] : b[M_B_START_EXCL];
	uint32_t hi = b[M_B_END_INCL] != M_NONE ? b[M_B_END_INCL] : b[M_B_END_EXCL];
	if (lo != M_NONE) {
		if (!probe_key(ix, lo, pb->lo, &pb->nlo))
			return;
		pb->flags |= M_PROBE_LO | (b[M_B_START_INCL] != M_NONE ? M_PROBE_LO_INCL : 0);
	}
	if (hi != M_NONE) {
		if (!probe_key(ix, hi, pb->hi, &pb->nhi))
			return;
		pb->flags |= M_PROBE_HI | (b[M_B_END_INCL] != M_NONE ? M_PROBE_HI_INCL : 0);
	}
	pb->kind = M_PROBE_RANGE;
}

static bool cve_before(const struct match_index *ix, uint32_t a, uint32_t b)
{
	const struct m_cve *x = &ix->cves[a], *y = &ix->cves[b];
	if (x->order != y->order)
		return x->order < y->order;
	return strcmp(x->id, y->id) < 0;
}

/* rank[cve] = its place in CVE ID order, so findings sort by one small integer each */
static void rank_cves(struct match_index *ix)
{
	size_t n = ix->cve_ids.n;
	uint32_t *a = xmalloc((n ? n : 1) * sizeof *a), *b = xmalloc((n ? n : 1) * sizeof *b);
	for (size_t i = 0; i < n; i++)
		a[i] = (uint32_t)i;
	uint32_t *src = a, *dst = b;
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = cve_before(ix, src[j], src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		uint32_t *t = src;
		src = dst;
		dst = t;
	}
	free(ix->rank);
	ix->rank = dst;
	for (size_t i = 0; i < n; i++)
		ix->rank[src[i]] = (uint32_t)i;
	free(src);
}

/* Places each matcher's postings (counted in ndirect and nuse) product by product, in the
 * order the product's list is read, so that the postings one host CPE reaches lie close. */
static void place_postings(struct match_index *ix, uint32_t m, uint8_t *placed, uint32_t *ad, uint32_t *au)
{
	struct m_post *po = &ix->post[m];
	placed[m] = 1;
	po->first_direct = *ad;
	*ad += po->ndirect;
	po->ndirect = 0;
	po->first_use = *au;
	*au += po->nuse;
	po->nuse = 0;
}

static void layout_postings(struct match_index *ix, uint32_t nm)
{
	uint8_t *placed = xcalloc(nm ? nm : 1, 1);
	uint32_t ad = 0, au = 0;
	for (uint32_t p = 0; p < ix->products.n; p++) {
		const struct m_product *pr = &ix->prods[p];
		for (uint32_t i = 0; i < pr->nother; i++)
			place_postings(ix, ix->probes[pr->first_probe + i].matcher, placed, &ad, &au);
		for (uint32_t i = 0; i < pr->nexact; i++)
			place_postings(ix, ix->plist[pr->first + i], placed, &ad, &au);
	}
	for (uint32_t m = 0; m < nm; m++)
		if (!placed[m])
			place_postings(ix, m, placed, &ad, &au);
	free(placed);
}

void match_index_commit(struct match_index *ix)
{
	rank_cves(ix);
	if (ix->dead_crits > 4096 && ix->dead_crits > ix->ncrits - ix->dead_crits)
		compact(ix);
	else if (ix->dead_configs == ix->nconfigs && ix->nconfigs)
		compact(ix);
	uint32_t nm = ix->sigs.n;

	/* products: other matchers first, then the exact-version ones */
	free(ix->prods);
	ix->prods = xcalloc(ix->products.n ? ix->products.n : 1, sizeof *ix->prods);
	free(ix->vends);
	ix->vends = xcalloc(ix->vendors.n ? ix->vendors.n : 1, sizeof *ix->vends);
	size_t nexact = 0, nprod = 0, nvend = 0, nglob = 0;
	for (uint32_t m = 0; m < nm; m++) {
		const struct m_matcher *mm = &ix->matchers[m];
		switch (mm->place) {
		case M_PLACE_EXACT:
			ix->prods[mm->product].nexact++;
			nexact++;
			nprod++;
			break;
		case M_PLACE_PRODUCT:
			ix->prods[mm->product].nother++;
			nprod++;
			break;
		case M_PLACE_VENDOR:
			ix->vends[mm->vendor].n++;
			nvend++;
			break;
		case M_PLACE_GLOBAL:
			nglob++;
			break;
		default:
			break;
		}
	}
	uint32_t at = 0, atp = 0;
	for (uint32_t p = 0; p < ix->products.n; p++) {
		ix->prods[p].first = at;
		at += ix->prods[p].nexact;
		ix->prods[p].first_probe = atp;
		atp += ix->prods[p].nother;
	}
	at = 0;
	for (uint32_t v = 0; v < ix->vendors.n; v++) {
		ix->vends[v].first = at;
		at += ix->vends[v].n;
	}
	free(ix->plist);
	free(ix->probes);
	free(ix->vlist);
	free(ix->glist);
	ix->plist = xmalloc((nexact ? nexact : 1) * sizeof *ix->plist);
	ix->nprobes = nprod - nexact;
	ix->probes = xmalloc((ix->nprobes ? ix->nprobes : 1) * sizeof *ix->probes);
	ix->vlist = xmalloc((nvend ? nvend : 1) * sizeof *ix->vlist);
	ix->glist = xmalloc((nglob ? nglob : 1) * sizeof *ix->glist);
	ix->nglobal = 0;
	uint32_t xcap = 16;
	while (xcap < nexact * 2)
		xcap *= 2;
	free(ix->xhead);
	ix->xhead = xmalloc(xcap * sizeof *ix->xhead);
	memset(ix->xhead, 0xff, xcap * sizeof *ix->xhead);
	ix->xmask = xcap - 1;
	uint32_t *pfill = xcalloc(ix->products.n ? ix->products.n : 1, sizeof *pfill);
	uint32_t *xfill = xcalloc(ix->products.n ? ix->products.n : 1, sizeof *xfill);
	uint32_t *vfill = xcalloc(ix->vendors.n ? ix->vendors.n : 1, sizeof *vfill);
	for (uint32_t m = 0; m < nm; m++) {
		struct m_matcher *mm = &ix->matchers[m];
		struct m_product *pr = mm->product != M_NONE ? &ix->prods[mm->product] : NULL;
		switch (mm->place) {
		case M_PLACE_EXACT: {
			ix->plist[pr->first + xfill[mm->product]++] = m;
			uint32_t h = match_exact_hash(mm->product, &ix->vkeys[mm->version]) & ix->xmask;
			mm->xnext = ix->xhead[h];
			ix->xhead[h] = m;
			break;
		}
		case M_PLACE_PRODUCT:
			make_probe(ix, m, &ix->probes[pr->first_probe + pfill[mm->product]++]);
			break;
		case M_PLACE_VENDOR:
			ix->vlist[ix->vends[mm->vendor].first + vfill[mm->vendor]++] = m;
			break;
		case M_PLACE_GLOBAL:
			ix->glist[ix->nglobal++] = m;
			break;
		default:
			break;
		}
	}
	free(pfill);
	free(xfill);
	free(vfill);

	/* each node's product bits, for the criteria matching reads one by one */
	for (size_t n = 0; n < ix->nnodes; n++) {
		struct m_node *nd = &ix->nodes[n];
		uint64_t bits = 0;
		for (uint32_t c = nd->first_crit + nd->nvuln; c < nd->first_crit + nd->ncrit; c++) {
			const struct m_matcher *mm = &ix->matchers[ix->crits[c].matcher];
			if (mm->place == M_PLACE_EXACT || mm->place == M_PLACE_PRODUCT)
				bits |= match_product_bit(mm->product);
			else if (mm->place != M_PLACE_NEVER)
				bits = UINT64_MAX;
		}
		nd->products = bits;
	}

	/* postings: for each matcher, the vulnerable criteria of live configurations that are
	 * not negated (a negated configuration never makes a finding), direct or not */
	free(ix->post);
	ix->post = xcalloc(nm ? nm : 1, sizeof *ix->post);
	size_t nuses = 0, ndirect = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			layout_postings(ix, nm);
			free(ix->uses);
			free(ix->direct);
			ix->uses = xmalloc((nuses ? nuses : 1) * sizeof *ix->uses);
			ix->direct = xmalloc((ndirect ? ndirect : 1) * sizeof *ix->direct);
			ix->nuses = nuses;
			ix->ndirect = ndirect;
		}
		for (size_t k = 0; k < ix->nconfigs; k++) {
			const struct m_config *cf = &ix->configs[k];
			if (cf->flags & (M_CFG_DEAD | M_CFG_NEGATE))
				continue;
			bool or_config = cf->nnode == 1 || !cf->op_and;
			for (uint32_t n = cf->first_node; n < cf->first_node + cf->nnode; n++) {
				const struct m_node *nd = &ix->nodes[n];
				bool direct = or_config && !nd->op_and && !nd->negate;
				for (uint32_t c = nd->first_crit; c < nd->first_crit + nd->nvuln; c++) {
					const struct m_crit *cr = &ix->crits[c];
					struct m_post *po = &ix->post[cr->matcher];
					if (pass == 0) {
						if (direct) {
							po->ndirect++;
							ndirect++;
						} else {
							po->nuse++;
							nuses++;
						}
					} else if (direct) {
						ix->direct[po->first_direct + po->ndirect++] =
							(struct m_direct){ cf->cve, c, cr->seq, ix->rank[cf->cve] };
					} else {
						ix->uses[po->first_use + po->nuse++] =
							(struct m_use){ c, n, (uint32_t)k, cf->cve, cr->seq };
					}
				}
			}
		}
	}
	for (size_t i = 0; i < ix->nprobes; i++)
		ix->probes[i].post = ix->post[ix->probes[i].matcher];
	ix->committed_matchers = nm;
}

int64_t match_index_seq(const struct match_index *ix)
{
	return ix->seq;
}

void match_index_rewind(struct match_index *ix, int64_t seq)
{
	if (seq < ix->seq)
		ix->seq = seq < 0 ? 0 : seq;
}

const char *match_cve_id(const struct match_index *ix, uint32_t cve)
{
	return cve < ix->cve_ids.n ? ix->cves[cve].id : "";
}

void match_criterion_get(const struct match_index *ix, uint32_t criterion, struct match_criterion *out)
{
	memset(out, 0, sizeof *out);
	if (criterion >= ix->ncrits)
		return;
	const struct m_crit *c = &ix->crits[criterion];
	const char *s = ix->matchers[c->matcher].sig;
	out->criteria = s;
	const char **b[4] = { &out->start_incl, &out->start_excl, &out->end_incl, &out->end_excl };
	const char *q = s + strlen(s) + 1;
	for (int i = 0; i < 4; i++) {
		*b[i] = q[0] == '\x1e' && q[1] == '\0' ? NULL : q;
		q += strlen(q) + 1;
	}
	out->seq = c->seq;
	out->vulnerable = c->vulnerable;
}

void match_index_stats(const struct match_index *ix, struct match_stats *st)
{
	memset(st, 0, sizeof *st);
	for (uint32_t i = 0; i < ix->cve_ids.n; i++)
		st->cves += ix->cves[i].live;
	st->configs = ix->nconfigs - ix->dead_configs;
	st->criteria = ix->ncrits - ix->dead_crits;
	for (size_t k = 0; k < ix->nconfigs; k++)
		if (!(ix->configs[k].flags & M_CFG_DEAD))
			st->nodes += ix->configs[k].nnode;
	st->matchers = ix->sigs.n;
	st->products = ix->products.n;
	st->versions = ix->versions.n;
	st->bad_criteria = ix->bad_criteria;
	for (uint32_t m = 0; m < ix->sigs.n; m++)
		st->unkeyed += ix->matchers[m].place == M_PLACE_VENDOR || ix->matchers[m].place == M_PLACE_GLOBAL;
	size_t b = ix->strings.used_total;
	b += strmap_bytes(&ix->cve_ids) + strmap_bytes(&ix->sigs) + strmap_bytes(&ix->products) +
	     strmap_bytes(&ix->vendors) + strmap_bytes(&ix->versions);
	b += ix->cves_cap * sizeof *ix->cves + ix->configs_cap * sizeof *ix->configs +
	     ix->nodes_cap * sizeof *ix->nodes + ix->crits_cap * sizeof *ix->crits +
	     ix->matchers_cap * sizeof *ix->matchers + ix->avs_cap * sizeof *ix->avs +
	     ix->vkeys_cap * sizeof *ix->vkeys;
	b += ix->products.n * sizeof *ix->prods + ix->vendors.n * sizeof *ix->vends;
	for (uint32_t p = 0; p < ix->products.n; p++)
		b += ix->prods[p].nother * sizeof *ix->probes;
	b += (size_t)ix->committed_matchers * sizeof(uint32_t) + ((size_t)ix->xmask + 1) * sizeof(uint32_t);
	b += ix->nuses * sizeof *ix->uses + ix->ndirect * sizeof *ix->direct;
	b += ix->cve_ids.n * sizeof *ix->rank + (size_t)ix->committed_matchers * sizeof *ix->post;
	st->bytes = b;
}
