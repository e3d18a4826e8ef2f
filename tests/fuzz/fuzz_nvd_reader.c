/* Fuzz target of the NVD feed reader: arbitrary bytes as an in-memory feed, read once
 * through feed_input (whatever packaging the magic bytes claim) and, when plain, again in
 * tiny odd-sized pieces. Both passes must agree, whatever the chunking. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/feed_input.h"
#include "kb/nvd_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	uint64_t records;
	uint64_t hash;
};

static uint64_t mix(uint64_t h, struct slice s)
{
	if (!s.p)
		return h * 31 + 7;
	if (s.p[s.len] != '\0')     /* every string must be NUL-terminated at its length */
		abort();
	for (size_t i = 0; i < s.len; i++)
		h = (h ^ (unsigned char)s.p[i]) * 1099511628211ull;
	return h * 31 + s.len;
}

/* Scores may be any JSON number: hash their bits, never convert them. */
static uint64_t bits(uint64_t h, double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof(u));
	return (h ^ u) * 1099511628211ull;
}

/* Reads every field, so the sanitizers see any stale or uninitialised memory. */
static int on_cve(void *ctx, const struct nvd_cve *c)
{
	struct seen *s = ctx;
	uint64_t h = s->hash;
	s->records++;
	h = mix(h, c->id);
	h = mix(h, c->source_identifier);
	h = mix(h, c->published);
	h = mix(h, c->last_modified);
	h = mix(h, c->vuln_status);
	h = mix(h, c->cisa_exploit_add);
	h = mix(h, c->cisa_action_due);
	h = mix(h, c->cisa_required_action);
	h = mix(h, c->cisa_vulnerability_name);
	h += (uint64_t)c->published_unix + (uint64_t)c->last_modified_unix * 3 + c->rejected +
	     c->status_derived * 2u + c->offset + (uint64_t)c->format;
	for (size_t i = 0; i < c->n_descriptions; i++) {
		h = mix(h, c->descriptions[i].lang);
		h = mix(h, c->descriptions[i].value);
	}
	for (size_t i = 0; i < c->n_metrics; i++) {
		const struct nvd_metric *m = &c->metrics[i];
		if ((unsigned)m->version >= NVD_CVSS__MAX)
			abort();
		h = mix(h, m->source);
		h = mix(h, m->type);
		h = mix(h, m->vector);
		h = mix(h, m->base_severity);
		h = bits(h, m->base_score);
		h = bits(h, m->exploitability_score);
		h = bits(h, m->impact_score);
		h += (uint64_t)m->version;
	}
	for (size_t i = 0; i < c->n_weaknesses; i++) {
		h = mix(h, c->weaknesses[i].source);
		h = mix(h, c->weaknesses[i].type);
		for (size_t j = 0; j < c->weaknesses[i].n_cwes; j++)
			h = mix(h, c->weaknesses[i].cwes[j]);
	}
	for (size_t i = 0; i < c->n_references; i++) {
		h = mix(h, c->references[i].url);
		h = mix(h, c->references[i].source);
		for (size_t j = 0; j < c->references[i].n_tags; j++)
			h = mix(h, c->references[i].tags[j]);
	}
	for (size_t i = 0; i < c->n_configs; i++) {
		const struct nvd_config *cf = &c->configs[i];
		h += (uint64_t)cf->op * 5 + cf->negate;
		for (size_t j = 0; j < cf->n_nodes; j++) {
			const struct nvd_node *n = &cf->nodes[j];
			h += (uint64_t)n->op * 7 + n->negate;
			for (size_t k = 0; k < n->n_matches; k++) {
				const struct nvd_match *m = &n->matches[k];
				h += m->vulnerable;
				h = mix(h, m->criteria);
				h = mix(h, m->match_criteria_id);
				h = mix(h, m->version_start_including);
				h = mix(h, m->version_start_excluding);
				h = mix(h, m->version_end_including);
				h = mix(h, m->version_end_excluding);
			}
		}
	}
	s->hash = h;
	/* stop now and then, to exercise the abort path */
	return c->id.len == 13 && c->id.p[12] == '!' ? ERR_DB : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* small caps, so fuzzing reaches them */
	const struct nvd_limits lim = {
		.max_string = 512,
		.max_list = 16,
		.max_matches = 32,
		.max_record_bytes = 64 * 1024,
	};
	struct seen whole = { 0, 0 }, pieces = { 0, 0 };

	struct feed_input *in;
	char err[256];
	if (feed_input_open_mem(data, size, "fuzz", 8u << 20, &in, err, sizeof(err)) != ERR_OK)
		return 0;
	enum feed_kind kind = feed_input_kind(in);
	struct nvd_reader *r = nvd_reader_new(on_cve, &whole, &lim);
	enum err e1 = nvd_reader_run(r, in);
	(void)nvd_reader_error(r);
	nvd_reader_free(r);
	feed_input_close(in);
	if (kind != FEED_KIND_PLAIN || size > 60000)
		return 0;

	r = nvd_reader_new(on_cve, &pieces, &lim);
	enum err e2 = ERR_OK;
	size_t off = 0, step = 1;
	while (off < size && e2 == ERR_OK) {
		size_t n = size - off < step ? size - off : step;
		e2 = nvd_reader_feed(r, data + off, n);
		off += n;
		step = step % 7 + 1;
	}
	if (e2 == ERR_OK)
		e2 = nvd_reader_finish(r);
	const struct nvd_feed_info *info = nvd_reader_info(r);
	if (info->records != pieces.records)
		abort();
	nvd_reader_free(r);
	if (e1 != e2 || whole.records != pieces.records || whole.hash != pieces.hash)
		abort();
	return 0;
}
