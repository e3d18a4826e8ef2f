/* Differential fuzz target of the matching engine: the input bytes choose a few CVEs (rows
 * of configurations with every operator, negate, node gaps, bounds, wildcards, NA/ANY,
 * rejected records, a second version of a CVE) and a host of up to four CPEs from small
 * vocabularies of awkward values; the engine and the simple evaluator of
 * tests/lib/match_ref.h must give the same findings, or the target aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/match_ref.h"
#include "vans/match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct in {
	const uint8_t *p;
	size_t n, at;
};

static unsigned take(struct in *in, unsigned mod)
{
	unsigned v = in->at < in->n ? in->p[in->at] : 0;
	in->at++;
	return mod ? v % mod : v;
}

static const char *const parts[] = { "a", "o", "h", "*" };
static const char *const vendors[] = { "acme", "Acme", "beta", "*", "-", "ac*" };
static const char *const products[] = { "app", "app_x", "os", "*", "app*", "?pp" };
static const char *const versions[] = { "*", "-", "1.0", "1.0.0", "2", "2.0-rc1", "2.0rc1", "v2.0",
					"9.5p1", "2021-12-13", "20211212", "1.*", "?.0", "15.3\\(1\\)m",
					"1.0a", "10.0.19041.1288" };
static const char *const updates[] = { "*", "-", "sp1", "SP1" };
static const char *const targets[] = { "*", "wordpress", "-" };
static const char *const bounds[] = { NULL, NULL, NULL, "", "1.0", "2", "9.5p2", "2021-12-13", "15.3\\(100\\)m",
				      "v1.5", "2.0-beta9", "1.0.0", "10.0.19041.1289" };
#define N(a) (sizeof a / sizeof a[0])

static void make_cpe(struct in *in, char *out, size_t outlen)
{
	snprintf(out, outlen, "cpe:2.3:%s:%s:%s:%s:%s:*:*:*:%s:*:*", parts[take(in, N(parts))],
		 vendors[take(in, N(vendors))], products[take(in, N(products))], versions[take(in, N(versions))],
		 updates[take(in, N(updates))], targets[take(in, N(targets))]);
}

struct gen_cve {
	char id[32];
	bool rejected;
	struct match_row rows[12];
	char crit[12][160];
	size_t n;
};

static void gen(struct in *in, struct gen_cve *c, unsigned idx)
{
	snprintf(c->id, sizeof c->id, "CVE-202%u-%u", idx % 3, 100 + idx);
	c->rejected = take(in, 8) == 0;
	c->n = 1 + take(in, 12);
	int64_t config = 0, node = 0;
	bool cand = take(in, 2), cneg = take(in, 8) == 0;
	for (size_t i = 0; i < c->n; i++) {
		unsigned step = take(in, 8);
		if (i && step == 0) {           /* next configuration */
			config++;
			node = 0;
			cand = take(in, 2);
			cneg = take(in, 8) == 0;
		} else if (i && step <= 2) {    /* next node, sometimes skipping one (an empty node) */
			node += 1 + (step == 2 && take(in, 4) == 0);
		}
		make_cpe(in, c->crit[i], sizeof c->crit[i]);
		struct match_row *r = &c->rows[i];
		bool first_of_node = i == 0 || r[-1].config != config || r[-1].node != node;
		*r = (struct match_row){
			.cve_id = c->id, .rejected = c->rejected, .seq = (int64_t)i, .config = config,
			.config_and = cand, .config_negate = cneg, .node = node,
			.node_and = first_of_node ? take(in, 3) == 0 : r[-1].node_and,
			.node_negate = first_of_node ? take(in, 8) == 0 : r[-1].node_negate,
			.vulnerable = take(in, 4) != 0, .criteria = c->crit[i],
			.start_incl = bounds[take(in, N(bounds))], .start_excl = take(in, 6) ? NULL : bounds[take(in, N(bounds))],
			.end_incl = take(in, 3) ? NULL : bounds[take(in, N(bounds))], .end_excl = bounds[take(in, N(bounds))],
		};
	}
}

/* What the input made, for the report of a disagreement. */
static void dump(const struct gen_cve *cves, unsigned ncve, char names[][160], const enum match_origin *origins,
		 size_t n)
{
	for (unsigned i = 0; i < ncve; i++) {
		fprintf(stderr, "%s%s\n", cves[i].id, cves[i].rejected ? " (rejected)" : "");
		for (size_t k = 0; k < cves[i].n; k++) {
			const struct match_row *r = &cves[i].rows[k];
			fprintf(stderr, "  seq %lld config %lld %s%s node %lld %s%s %s %s [%s|%s|%s|%s]\n", (long long)r->seq,
				(long long)r->config, r->config_and ? "AND" : "OR", r->config_negate ? " negate" : "",
				(long long)r->node, r->node_and ? "AND" : "OR", r->node_negate ? " negate" : "",
				r->vulnerable ? "vulnerable" : "platform", r->criteria, r->start_incl ? r->start_incl : "-",
				r->start_excl ? r->start_excl : "-", r->end_incl ? r->end_incl : "-",
				r->end_excl ? r->end_excl : "-");
		}
	}
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "host cpe %zu: %s (origin %d)\n", i, names[i], origins[i]);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size, 0 };
	struct match_index *ix = match_index_new();
	struct ref r;
	ref_init(&r);
	unsigned ncve = 1 + take(&in, 5);
	static struct gen_cve cves[6];
	for (unsigned i = 0; i < ncve; i++) {
		gen(&in, &cves[i], i);
		match_index_put_cve(ix, cves[i].id, cves[i].rejected, cves[i].rows, cves[i].n);
	}
	/* sometimes a second version of the first CVE replaces it after a commit */
	if (take(&in, 3) == 0) {
		match_index_commit(ix);
		gen(&in, &cves[5], 0);
		match_index_put_cve(ix, cves[5].id, cves[5].rejected, cves[5].rows, cves[5].n);
		cves[0] = cves[5];
		for (size_t k = 0; k < cves[0].n; k++) {
			cves[0].rows[k].cve_id = cves[0].id;
			cves[0].rows[k].criteria = cves[0].crit[k];
		}
	}
	match_index_commit(ix);
	for (unsigned i = 0; i < ncve; i++)
		for (size_t k = 0; k < cves[i].n; k++)
			ref_add_row(&r, &cves[i].rows[k]);
	ref_finish(&r);

	size_t ncpe = 1 + take(&in, 4);
	char names[4][160];
	struct cpe cpes[4];
	struct match_cpe mc[4];
	enum match_origin origins[4];
	size_t n = 0;
	for (size_t i = 0; i < ncpe; i++) {
		make_cpe(&in, names[n], sizeof names[n]);
		if (cpe_parse(names[n], strlen(names[n]), &cpes[n], NULL, 0) < 0)
			continue;
		origins[n] = (enum match_origin)take(&in, MATCH_ORIGIN__MAX);
		mc[n] = (struct match_cpe){ &cpes[n], origins[n] };
		n++;
	}
	struct match_ctx *c = match_ctx_new(ix);
	const struct match_finding *f;
	size_t nf = match_host(c, mc, n, &f);
	struct ref_finding *rf;
	size_t nr = ref_match(&r, cpes, origins, n, &rf);
	char *el[32], *rl[32];
	if (nf > 32 || nr > 32)
		abort();
	for (size_t i = 0; i < nf; i++) {
		struct match_criterion mcrit;
		match_criterion_get(ix, f[i].criterion, &mcrit);
		el[i] = malloc(96);
		snprintf(el[i], 96, "%s %d %lld %u", match_cve_id(ix, f[i].cve), f[i].confidence, (long long)mcrit.seq,
			 f[i].cpe);
	}
	for (size_t i = 0; i < nr; i++) {
		rl[i] = malloc(96);
		snprintf(rl[i], 96, "%s %d %lld %zu", rf[i].cve, rf[i].confidence, (long long)rf[i].seq, rf[i].cpe);
	}
	qsort(el, nf, sizeof *el, str_cmp);
	qsort(rl, nr, sizeof *rl, str_cmp);
	bool same = nf == nr;
	for (size_t i = 0; same && i < nf; i++)
		same = strcmp(el[i], rl[i]) == 0;
	if (!same) {
		dump(cves, ncve, names, origins, n);
		for (size_t i = 0; i < nf; i++)
			fprintf(stderr, "engine:    %s\n", el[i]);
		for (size_t i = 0; i < nr; i++)
			fprintf(stderr, "reference: %s\n", rl[i]);
		abort();
	}
	for (size_t i = 0; i < nf; i++)
		free(el[i]);
	for (size_t i = 0; i < nr; i++)
		free(rl[i]);
	free(rf);
	match_ctx_free(c);
	ref_free(&r);
	match_index_free(ix);
	return 0;
}
