/* An inventory of hosts for the matching engine: the CPE strings of every host, grouped by
 * host and indexed by the same product and vendor keys as the criteria, so that after a
 * feed change only the hosts a changed CVE can concern are matched again. */
#include "vans/match_internal.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct h_cpe {
	uint64_t host;
	const char *s;
	uint32_t len;
	uint32_t order;            /* insertion order, to keep a host's CPEs in it */
	uint32_t pkey, vkey;       /* key ids, M_NONE when the CPE has no concrete key */
	uint8_t origin;
};

struct h_host {
	uint64_t id;
	uint32_t first, n;
};

struct match_hosts {
	struct arena a;
	struct h_cpe *cpes;
	size_t n, cap;
	struct h_host *hosts;
	size_t nhosts;
	struct strmap keys;
	uint32_t *kfirst;          /* key id → its hosts in klist */
	uint32_t *klist;
	size_t nklist;
};

/* Per call, so that several contexts can match one inventory at once. */
struct scratch {
	struct cpe *parsed;
	struct match_cpe *mc;
	size_t cap;
};

struct match_hosts *match_hosts_new(void)
{
	struct match_hosts *h = xcalloc(1, sizeof *h);
	arena_init(&h->a, 1 << 20);
	strmap_init(&h->keys, &h->a);
	return h;
}

void match_hosts_free(struct match_hosts *h)
{
	if (!h)
		return;
	strmap_free(&h->keys);
	arena_free(&h->a);
	free(h->cpes);
	free(h->hosts);
	free(h->kfirst);
	free(h->klist);
	free(h);
}

enum err match_hosts_add(struct match_hosts *h, uint64_t host, const char *cpe, size_t len,
			 enum match_origin origin, char *err, size_t errlen)
{
	struct cpe c;
	if (cpe_parse(cpe, len, &c, err, errlen) < 0)
		return ERR_INVALID;
	if (h->n >= UINT32_MAX - 1) {
		snprintf(err, errlen, "too many CPEs");
		return ERR_TOO_LARGE;
	}
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 1024;
		h->cpes = xrealloc(h->cpes, h->cap * sizeof *h->cpes);
	}
	char key[M_KEY_MAX];
	size_t klen;
	struct h_cpe *e = &h->cpes[h->n];
	*e = (struct h_cpe){ .host = host, .s = arena_strndup(&h->a, cpe, len), .len = (uint32_t)len,
			     .order = (uint32_t)h->n, .pkey = M_NONE, .vkey = M_NONE, .origin = (uint8_t)origin };
	if (match_product_key(&c, key, &klen) == 0)
		e->pkey = strmap_put(&h->keys, key, klen, NULL);
	if (match_vendor_key(&c, key, &klen) == 0)
		e->vkey = strmap_put(&h->keys, key, klen, NULL);
	h->n++;
	return ERR_OK;
}

static int cpe_cmp(const void *pa, const void *pb)
{
	const struct h_cpe *a = pa, *b = pb;
	if (a->host != b->host)
		return a->host < b->host ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void match_hosts_commit(struct match_hosts *h)
{
	if (h->n > 1)
		qsort(h->cpes, h->n, sizeof *h->cpes, cpe_cmp);
	free(h->hosts);
	h->hosts = xmalloc((h->n ? h->n : 1) * sizeof *h->hosts);
	h->nhosts = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (i == 0 || h->cpes[i].host != h->cpes[i - 1].host)
			h->hosts[h->nhosts++] = (struct h_host){ .id = h->cpes[i].host, .first = (uint32_t)i };
		h->hosts[h->nhosts - 1].n++;
	}
	/* key → hosts, each host once per key */
	size_t nk = h->keys.n;
	uint32_t *count = xcalloc(nk + 1, sizeof *count);
	uint32_t *last = xmalloc((nk ? nk : 1) * sizeof *last);
	memset(last, 0xff, (nk ? nk : 1) * sizeof *last);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			uint32_t at = 0;
			for (size_t k = 0; k < nk; k++) {
				uint32_t c = count[k];
				count[k] = at;
				at += c;
			}
			count[nk] = at;
			free(h->kfirst);
			h->kfirst = xmalloc((nk + 1) * sizeof *h->kfirst);
			memcpy(h->kfirst, count, (nk + 1) * sizeof *count);
			free(h->klist);
			h->nklist = at;
			h->klist = xmalloc((at ? at : 1) * sizeof *h->klist);
			memset(last, 0xff, (nk ? nk : 1) * sizeof *last);
		}
		for (uint32_t i = 0; i < h->nhosts; i++) {
			const struct h_host *ho = &h->hosts[i];
			for (uint32_t j = ho->first; j < ho->first + ho->n; j++) {
				uint32_t ks[2] = { h->cpes[j].pkey, h->cpes[j].vkey };
				for (int q = 0; q < 2; q++) {
					uint32_t k = ks[q];
					if (k == M_NONE || last[k] == i)
						continue;
					last[k] = i;
					if (pass == 0)
						count[k]++;
					else
						h->klist[count[k]++] = i;
				}
			}
		}
	}
	free(count);
	free(last);
}

size_t match_hosts_count(const struct match_hosts *h)
{
	return h->nhosts;
}

size_t match_hosts_cpes(const struct match_hosts *h)
{
	return h->n;
}

size_t match_hosts_bytes(const struct match_hosts *h)
{
	return h->a.used_total + h->cap * sizeof *h->cpes + h->n * sizeof *h->hosts + strmap_bytes(&h->keys) +
	       (h->keys.n + 1) * sizeof(uint32_t) + h->nklist * sizeof(uint32_t);
}

uint64_t match_hosts_id(const struct match_hosts *h, size_t host)
{
	return host < h->nhosts ? h->hosts[host].id : 0;
}

const char *match_hosts_cpe(const struct match_hosts *h, size_t host, uint16_t i)
{
	if (host >= h->nhosts || i >= h->hosts[host].n)
		return "";
	return h->cpes[h->hosts[host].first + i].s;
}

/* Parses the host's CPEs (they parsed when added) and matches them. */
static size_t match_one(struct match_ctx *c, const struct match_hosts *h, struct scratch *sc, size_t host,
			const struct match_finding **f)
{
	const struct h_host *ho = &h->hosts[host];
	size_t n = ho->n < MATCH_HOST_MAX_CPES ? ho->n : MATCH_HOST_MAX_CPES;
	if (n > sc->cap) {
		sc->cap = n;
		sc->parsed = xrealloc(sc->parsed, n * sizeof *sc->parsed);
		sc->mc = xrealloc(sc->mc, n * sizeof *sc->mc);
	}
	for (size_t i = 0; i < n; i++) {
		const struct h_cpe *e = &h->cpes[ho->first + i];
		/* it parsed when it was added; a CPE that stopped parsing would be a bug, and
		 * it is kept in place (as a name matching nothing) so CPE indices stay right */
		if (cpe_parse(e->s, e->len, &sc->parsed[i], NULL, 0) < 0) {
			cpe_init(&sc->parsed[i]);
			cpe_set_wfn(&sc->parsed[i], CPE_ATTR_VENDOR, "\"?\"", 3, NULL, 0); /* a wildcard */
		}
		sc->mc[i] = (struct match_cpe){ &sc->parsed[i], (enum match_origin)e->origin };
	}
	return match_host(c, sc->mc, n, f);
}

enum err match_hosts_all(struct match_ctx *c, const struct match_hosts *h, match_host_fn fn, void *ctx)
{
	struct scratch sc = { 0 };
	enum err e = ERR_OK;
	for (size_t i = 0; i < h->nhosts && e == ERR_OK; i++) {
		const struct match_finding *f;
		size_t n = match_one(c, h, &sc, i, &f);
		if (n) {
			int rc = fn(ctx, i, f, n);
			if (rc)
				e = rc > 0 && rc < ERR__MAX ? (enum err)rc : ERR_INTERNAL;
		}
	}
	free(sc.parsed);
	free(sc.mc);
	return e;
}

static void mark_key(const struct match_hosts *h, const struct strent *k, uint8_t *hseen, uint32_t **cand,
		     size_t *ncand, size_t *cap)
{
	uint32_t id = strmap_find(&h->keys, k->p, k->len, k->hash);
	if (id == M_NONE)
		return;
	for (uint32_t i = h->kfirst[id]; i < h->kfirst[id + 1]; i++) {
		uint32_t host = h->klist[i];
		if (hseen[host])
			continue;
		hseen[host] = 1;
		if (*ncand == *cap) {
			*cap = *cap ? *cap * 2 : 1024;
			*cand = xrealloc(*cand, *cap * sizeof **cand);
		}
		(*cand)[(*ncand)++] = host;
	}
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

enum err match_hosts_changed(struct match_ctx *c, const struct match_hosts *h, const struct match_changes *ch,
			     match_host_fn fn, void *ctx, size_t *hosts_checked)
{
	const struct match_index *ix = match_ctx_index(c);
	if (hosts_checked)
		*hosts_checked = 0;
	if (!ch || ch->n == 0 || h->nhosts == 0)
		return ERR_OK;
	uint8_t *pseen = xcalloc(ix->products.n + 1, 1), *vseen = xcalloc(ix->vendors.n + 1, 1);
	uint8_t *hseen = xcalloc(h->nhosts, 1);
	uint32_t *cand = NULL;
	size_t ncand = 0, cap = 0;
	bool all = false;
	/* the keys of the vulnerable criteria that can make a finding in the changed CVEs */
	for (size_t i = 0; i < ch->n && !all; i++) {
		if (ch->cves[i] >= ix->cve_ids.n)
			continue;
		const struct m_cve *cv = &ix->cves[ch->cves[i]];
		for (uint32_t k = cv->first_config; k < cv->first_config + cv->nconfig && !all; k++) {
			const struct m_config *cf = &ix->configs[k];
			if (cf->flags & (M_CFG_DEAD | M_CFG_NEGATE))
				continue;
			for (uint32_t n = cf->first_node; n < cf->first_node + cf->nnode; n++) {
				const struct m_node *nd = &ix->nodes[n];
				if (nd->negate)
					continue;
				for (uint32_t j = nd->first_crit; j < nd->first_crit + nd->ncrit; j++) {
					if (!ix->crits[j].vulnerable)
						continue;
					const struct m_matcher *m = &ix->matchers[ix->crits[j].matcher];
					if (m->place == M_PLACE_EXACT || m->place == M_PLACE_PRODUCT) {
						if (!pseen[m->product]) {
							pseen[m->product] = 1;
							mark_key(h, &ix->products.ents[m->product], hseen, &cand, &ncand, &cap);
						}
					} else if (m->place == M_PLACE_VENDOR) {
						if (!vseen[m->vendor]) {
							vseen[m->vendor] = 1;
							mark_key(h, &ix->vendors.ents[m->vendor], hseen, &cand, &ncand, &cap);
						}
					} else if (m->place == M_PLACE_GLOBAL) {
						all = true;
					}
				}
			}
		}
	}
	free(pseen);
	free(vseen);
	free(hseen);
	if (all) {
		free(cand);
		cand = xmalloc(h->nhosts * sizeof *cand);
		for (size_t i = 0; i < h->nhosts; i++)
			cand[i] = (uint32_t)i;
		ncand = h->nhosts;
	} else {
		if (ncand > 1)
			qsort(cand, ncand, sizeof *cand, u32_cmp);
	}
	match_ctx_only(c, ch);
	struct scratch sc = { 0 };
	enum err e = ERR_OK;
	for (size_t i = 0; i < ncand && e == ERR_OK; i++) {
		const struct match_finding *f;
		size_t n = match_one(c, h, &sc, cand[i], &f);
		if (n) {
			int rc = fn(ctx, cand[i], f, n);
			if (rc)
				e = rc > 0 && rc < ERR__MAX ? (enum err)rc : ERR_INTERNAL;
		}
	}
	match_ctx_only(c, NULL);
	free(sc.parsed);
	free(sc.mc);
	if (hosts_checked)
		*hosts_checked = ncand;
	free(cand);
	return e;
}
