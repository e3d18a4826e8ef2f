/* Tests of the NVD feed reader and its input layer: real NVD files (counts against the
 * READMEs and the files' own headers, known CVEs field by field) when VANS_TESTDATA has
 * them, and hand-written documents for errors, caps, mapping rules and packaging. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>
#include <zlib.h>

#include "core/err.h"
#include "kb/feed_input.h"
#include "kb/nvd_reader.h"

/* ---- helpers ---- */

static const char *testdata(void)
{
	const char *d = getenv("VANS_TESTDATA");
	return d && *d ? d : "../shared/data";
}

/* Fills buf with the data path of rel; skips the test when the file is absent. */
#define DATA_OR_SKIP(buf, rel) \
	do { \
		snprintf((buf), sizeof(buf), "%s/nvd/%s", testdata(), (rel)); \
		if (access((buf), R_OK) != 0) \
			skip(); \
	} while (0)

#define CHECK_STR(sl, lit) \
	do { \
		assert_non_null((sl).p); \
		assert_string_equal((sl).p, (lit)); \
		assert_int_equal((sl).len, strlen(lit)); \
	} while (0)

#define CHECK_ABSENT(sl) \
	do { \
		assert_null((sl).p); \
		assert_int_equal((sl).len, 0); \
	} while (0)

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t fnv_slice(uint64_t h, struct slice s)
{
	unsigned char tag = s.p ? 1 : 0;
	h = fnv(h, &tag, 1);
	h = fnv(h, &s.len, sizeof(s.len));
	return s.p ? fnv(h, s.p, s.len) : h;
}

static uint64_t fnv_num(uint64_t h, double d)
{
	return fnv(h, &d, sizeof(d));
}

/* A digest of every field of a record, to compare parses of the same data. */
static uint64_t digest_cve(uint64_t h, const struct nvd_cve *c)
{
	h = fnv(h, &c->format, sizeof(c->format));
	h = fnv_slice(h, c->id);
	h = fnv_slice(h, c->source_identifier);
	h = fnv_slice(h, c->published);
	h = fnv_slice(h, c->last_modified);
	h = fnv(h, &c->published_unix, sizeof(c->published_unix));
	h = fnv(h, &c->last_modified_unix, sizeof(c->last_modified_unix));
	h = fnv_slice(h, c->vuln_status);
	h = fnv(h, &c->rejected, 1);
	h = fnv(h, &c->status_derived, 1);
	h = fnv_slice(h, c->cisa_exploit_add);
	h = fnv_slice(h, c->cisa_action_due);
	h = fnv_slice(h, c->cisa_required_action);
	h = fnv_slice(h, c->cisa_vulnerability_name);
	for (size_t i = 0; i < c->n_descriptions; i++) {
		h = fnv_slice(h, c->descriptions[i].lang);
		h = fnv_slice(h, c->descriptions[i].value);
	}
	for (size_t i = 0; i < c->n_metrics; i++) {
		const struct nvd_metric *m = &c->metrics[i];
		h = fnv(h, &m->version, sizeof(m->version));
		h = fnv_slice(h, m->source);
		h = fnv_slice(h, m->type);
		h = fnv_slice(h, m->vector);
		h = fnv_slice(h, m->base_severity);
		h = fnv_num(h, m->base_score);
		h = fnv_num(h, m->exploitability_score);
		h = fnv_num(h, m->impact_score);
	}
	for (size_t i = 0; i < c->n_weaknesses; i++) {
		h = fnv_slice(h, c->weaknesses[i].source);
		h = fnv_slice(h, c->weaknesses[i].type);
		for (size_t j = 0; j < c->weaknesses[i].n_cwes; j++)
			h = fnv_slice(h, c->weaknesses[i].cwes[j]);
	}
	for (size_t i = 0; i < c->n_references; i++) {
		h = fnv_slice(h, c->references[i].url);
		h = fnv_slice(h, c->references[i].source);
		for (size_t j = 0; j < c->references[i].n_tags; j++)
			h = fnv_slice(h, c->references[i].tags[j]);
	}
	for (size_t i = 0; i < c->n_configs; i++) {
		const struct nvd_config *cf = &c->configs[i];
		h = fnv(h, &cf->op, sizeof(cf->op));
		h = fnv(h, &cf->negate, 1);
		for (size_t j = 0; j < cf->n_nodes; j++) {
			const struct nvd_node *n = &cf->nodes[j];
			h = fnv(h, &n->op, sizeof(n->op));
			h = fnv(h, &n->negate, 1);
			for (size_t k = 0; k < n->n_matches; k++) {
				const struct nvd_match *m = &n->matches[k];
				h = fnv(h, &m->vulnerable, 1);
				h = fnv_slice(h, m->criteria);
				h = fnv_slice(h, m->match_criteria_id);
				h = fnv_slice(h, m->version_start_including);
				h = fnv_slice(h, m->version_start_excluding);
				h = fnv_slice(h, m->version_end_including);
				h = fnv_slice(h, m->version_end_excluding);
			}
		}
	}
	return h;
}

/* Statistics gathered over a whole stream. */
struct tally {
	uint64_t records, rejected, configs, and_configs, nodes, matches, ranged, no_match_id;
	uint64_t by_version[NVD_CVSS__MAX];
	uint64_t digest;
	int stop_after;       /* >0: return stop_code at that record */
	int stop_code;
	char last_id[32];
};

static int tally_cb(void *ctx, const struct nvd_cve *c)
{
	struct tally *t = ctx;
	t->records++;
	t->rejected += c->rejected;
	t->digest = digest_cve(t->digest, c);
	snprintf(t->last_id, sizeof(t->last_id), "%s", c->id.p);
	for (size_t i = 0; i < c->n_metrics; i++)
		t->by_version[c->metrics[i].version]++;
	for (size_t i = 0; i < c->n_configs; i++) {
		const struct nvd_config *cf = &c->configs[i];
		t->configs++;
		t->and_configs += cf->op == NVD_OP_AND;
		for (size_t j = 0; j < cf->n_nodes; j++) {
			t->nodes++;
			for (size_t k = 0; k < cf->nodes[j].n_matches; k++) {
				const struct nvd_match *m = &cf->nodes[j].matches[k];
				t->matches++;
				t->no_match_id += m->match_criteria_id.p == NULL;
				t->ranged += m->version_start_including.p || m->version_start_excluding.p ||
					     m->version_end_including.p || m->version_end_excluding.p;
			}
		}
	}
	if (t->stop_after > 0 && t->records == (uint64_t)t->stop_after)
		return t->stop_code;
	return 0;
}

struct result {
	enum err e;
	char msg[600];
	struct nvd_feed_info info;
};

static void parse_mem(const void *p, size_t len, nvd_cve_fn fn, void *ctx,
		      const struct nvd_limits *lim, struct result *res)
{
	struct nvd_reader *r = nvd_reader_new(fn, ctx, lim);
	res->e = nvd_reader_feed(r, p, len);
	if (res->e == ERR_OK)
		res->e = nvd_reader_finish(r);
	snprintf(res->msg, sizeof(res->msg), "%s", nvd_reader_error(r));
	res->info = *nvd_reader_info(r);
	nvd_reader_free(r);
}

static void parse_str(const char *json, struct tally *t, const struct nvd_limits *lim,
		      struct result *res)
{
	parse_mem(json, strlen(json), tally_cb, t, lim, res);
}

static void parse_file(const char *path, nvd_cve_fn fn, void *ctx, struct result *res)
{
	res->e = nvd_read_file(path, 0, fn, ctx, &res->info, res->msg, sizeof(res->msg));
}

/* Reads a whole file through feed_input (any packaging) into a malloc'd buffer. */
static unsigned char *slurp(const char *path, size_t *len)
{
	struct feed_input *in;
	char err[512];
	assert_int_equal(feed_input_open_file(path, 0, &in, err, sizeof(err)), ERR_OK);
	size_t cap = 1 << 20, n = 0;
	unsigned char *buf = malloc(cap);
	assert_non_null(buf);
	for (;;) {
		const unsigned char *p;
		size_t got;
		assert_int_equal(feed_input_read(in, &p, &got), ERR_OK);
		if (got == 0)
			break;
		while (n + got > cap) {
			cap *= 2;
			unsigned char *nb = realloc(buf, cap);
			assert_non_null(nb);
			buf = nb;
		}
		memcpy(buf + n, p, got);
		n += got;
	}
	feed_input_close(in);
	*len = n;
	return buf;
}

static void write_file(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* gzip-compresses p into a new buffer (one member). */
static unsigned char *gzip_mem(const void *p, size_t n, size_t *outlen)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&zs, n) + 64;
	unsigned char *out = malloc(cap);
	assert_non_null(out);
	zs.next_in = (Bytef *)p;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

static char tmpdir[64];

static int setup_tmp(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/vans-nvd-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
	(void)state;
	/* only files this test wrote live here */
	static const char *const names[] = { "a.json", "b.json", "c.gz", "d.zip", "e.zip", "f.gz",
					     "g.gz", "h.zip" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char p[128];
		snprintf(p, sizeof(p), "%s/%s", tmpdir, names[i]);
		unlink(p);
	}
	rmdir(tmpdir);
	return 0;
}

static void tmp_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
}

/* A finder runs a check on one record, by id. */
struct finder {
	const char *id;
	void (*check)(const struct nvd_cve *c);
	int found;
	uint64_t records;
};

static int find_cb(void *ctx, const struct nvd_cve *c)
{
	struct finder *f = ctx;
	f->records++;
	if (c->id.len == strlen(f->id) && memcmp(c->id.p, f->id, c->id.len) == 0) {
		f->found++;
		f->check(c);
	}
	return 0;
}

static void find_in_file(const char *path, const char *id, void (*check)(const struct nvd_cve *))
{
	struct finder f = { id, check, 0, 0 };
	struct result res;
	parse_file(path, find_cb, &f, &res);
	if (res.e != ERR_OK)
		fail_msg("%s", res.msg);
	assert_int_equal(f.found, 1);
}

static const struct nvd_match *find_match(const struct nvd_cve *c, const char *criteria,
					  const char *end_excl)
{
	for (size_t i = 0; i < c->n_configs; i++)
		for (size_t j = 0; j < c->configs[i].n_nodes; j++)
			for (size_t k = 0; k < c->configs[i].nodes[j].n_matches; k++) {
				const struct nvd_match *m = &c->configs[i].nodes[j].matches[k];
				if (strcmp(m->criteria.p, criteria) == 0 &&
				    (!end_excl || (m->version_end_excluding.p &&
						   strcmp(m->version_end_excluding.p, end_excl) == 0)))
					return m;
			}
	return NULL;
}

/* ---- real data: counts ---- */

/* Each 1.1 file holds as many items as its CVE_data_numberOfCVEs says, and the 2002-2017
 * files add up to the README's figures (items, cpe_match, ranges, AND trees, CVSS). */
static void test_feeds_11_counts_match_headers_and_readme(void **state)
{
	(void)state;
	char dir[512];
	DATA_OR_SKIP(dir, "feeds-1.1/nvdcve-1.1-2002.json.gz");
	struct tally sum = { 0 };
	for (int year = 2002; year <= 2017; year++) {
		char path[512], rel[64];
		snprintf(rel, sizeof(rel), "feeds-1.1/nvdcve-1.1-%d.json.gz", year);
		DATA_OR_SKIP(path, rel);
		struct tally t = { 0 };
		struct result res;
		parse_file(path, tally_cb, &t, &res);
		if (res.e != ERR_OK)
			fail_msg("%s", res.msg);
		assert_int_equal(res.info.format, NVD_FORMAT_V11);
		assert_int_equal((int64_t)t.records, res.info.total_results);
		assert_int_equal(res.info.records, t.records);
		assert_int_equal(t.no_match_id, t.matches);     /* 1.1 has no matchCriteriaId */
		sum.records += t.records;
		sum.matches += t.matches;
		sum.ranged += t.ranged;
		sum.and_configs += t.and_configs;
		sum.rejected += t.rejected;
		for (int v = 0; v < NVD_CVSS__MAX; v++)
			sum.by_version[v] += t.by_version[v];
	}
	assert_int_equal(sum.records, 109785);
	assert_int_equal(sum.matches, 1240831);
	assert_int_equal(sum.ranged, 68163);
	assert_int_equal(sum.and_configs, 32444);       /* the README's nested "children" trees */
	assert_int_equal(sum.by_version[NVD_CVSS_V20], 101961);
	assert_int_equal(sum.by_version[NVD_CVSS_V30], 23156);
	assert_int_equal(sum.by_version[NVD_CVSS_V31], 6565);
	assert_int_equal(sum.by_version[NVD_CVSS_V40], 0);
	assert_true(sum.rejected > 7000);               /* "Rejected reason:" texts */
}

static void test_feeds_11_extra_modified_recent_counts(void **state)
{
	(void)state;
	static const struct {
		const char *rel;
		uint64_t records, matches, ranged;
	} files[] = {
		{ "feeds-1.1/extra-2018/nvdcve-1.1-2018.json.gz", 16768, 109169, 25320 },
		{ "feeds-1.1/nvdcve-1.1-modified.json.gz", 2146, 0, 1135 },
		{ "feeds-1.1/nvdcve-1.1-recent.json.gz", 762, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512];
		DATA_OR_SKIP(path, files[i].rel);
		struct tally t = { 0 };
		struct result res;
		parse_file(path, tally_cb, &t, &res);
		if (res.e != ERR_OK)
			fail_msg("%s", res.msg);
		assert_int_equal(t.records, files[i].records);
		assert_int_equal((int64_t)t.records, res.info.total_results);
		if (files[i].matches)
			assert_int_equal(t.matches, files[i].matches);
		if (files[i].ranged)
			assert_int_equal(t.ranged, files[i].ranged);
	}
}

/* The 2.0 year files hold the README's per-year counts, equal to their totalResults, and
 * every cpeMatch has a matchCriteriaId. */
static void test_feeds_20_counts_match_headers_and_readme(void **state)
{
	(void)state;
	static const struct {
		int year;
		uint64_t records;
	} years[] = {
		{ 2002, 6771 }, { 2003, 1555 }, { 2004, 2707 }, { 2005, 4770 },
		{ 2006, 7145 }, { 2007, 6580 }, { 2008, 7179 }, { 2011, 4898 },
	};
	int seen = 0;
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		char path[512], rel[64];
		snprintf(rel, sizeof(rel), "feeds-2.0/nvdcve-2.0-%d.json.zip", years[i].year);
		snprintf(path, sizeof(path), "%s/nvd/%s", testdata(), rel);
		if (access(path, R_OK) != 0)
			continue;
		seen++;
		struct tally t = { 0 };
		struct result res;
		parse_file(path, tally_cb, &t, &res);
		if (res.e != ERR_OK)
			fail_msg("%s", res.msg);
		assert_int_equal(res.info.format, NVD_FORMAT_API2);
		assert_string_equal(res.info.format_name, "NVD_CVE");
		assert_string_equal(res.info.version, "2.0");
		assert_int_equal(t.records, years[i].records);
		assert_int_equal((int64_t)t.records, res.info.total_results);
		assert_int_equal(res.info.start_index, 0);
		assert_int_equal(t.no_match_id, 0);
		assert_true(t.matches > 0);
	}
	if (!seen)
		skip();
}

/* ---- real data: records field by field ---- */

static void check_log4shell(const struct nvd_cve *c)
{
	assert_int_equal(c->format, NVD_FORMAT_API2);
	CHECK_STR(c->source_identifier, "security@apache.org");
	CHECK_STR(c->published, "2021-12-10T10:15:09.143");
	assert_int_equal(c->published_unix, 1639131309);
	CHECK_STR(c->last_modified, "2026-06-17T04:12:05.460");
	assert_int_equal(c->last_modified_unix, 1781669525);
	CHECK_STR(c->vuln_status, "Analyzed");
	assert_false(c->rejected);
	assert_false(c->status_derived);
	CHECK_STR(c->cisa_exploit_add, "2021-12-10");
	CHECK_STR(c->cisa_action_due, "2021-12-24");
	CHECK_STR(c->cisa_vulnerability_name, "Apache Log4j2 Remote Code Execution Vulnerability");
	assert_true(strncmp(c->cisa_required_action.p, "For all affected software assets", 32) == 0);

	assert_int_equal(c->n_descriptions, 2);
	CHECK_STR(c->descriptions[0].lang, "en");
	assert_true(strncmp(c->descriptions[0].value.p, "Apache Log4j2 2.0-beta9 through 2.15.0", 38) == 0);
	CHECK_STR(c->descriptions[1].lang, "es");
	/* \u00ed in the file arrives as UTF-8 */
	assert_true(strncmp(c->descriptions[1].value.p, "Las caracter\xc3\xadsticas JNDI", 25) == 0);

	assert_int_equal(c->n_metrics, 3);
	const struct nvd_metric *m = &c->metrics[0];
	assert_int_equal(m->version, NVD_CVSS_V31);
	CHECK_STR(m->source, "nvd@nist.gov");
	CHECK_STR(m->type, "Primary");
	CHECK_STR(m->vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
	assert_true(m->base_score == 10.0);
	CHECK_STR(m->base_severity, "CRITICAL");
	assert_true(m->exploitability_score == 3.9);
	assert_true(m->impact_score == 6.0);
	m = &c->metrics[1];
	assert_int_equal(m->version, NVD_CVSS_V31);
	CHECK_STR(m->source, "134c704f-9b21-4f2e-91b3-4a467353bcc0");
	CHECK_STR(m->type, "Secondary");
	m = &c->metrics[2];
	assert_int_equal(m->version, NVD_CVSS_V20);
	CHECK_STR(m->vector, "AV:N/AC:M/Au:N/C:C/I:C/A:C");
	assert_true(m->base_score == 9.3);
	CHECK_STR(m->base_severity, "HIGH");      /* v2: the metric's own baseSeverity */
	assert_true(m->exploitability_score == 8.6);
	assert_true(m->impact_score == 10.0);

	assert_int_equal(c->n_weaknesses, 2);
	CHECK_STR(c->weaknesses[0].source, "security@apache.org");
	CHECK_STR(c->weaknesses[0].type, "Secondary");
	assert_int_equal(c->weaknesses[0].n_cwes, 3);
	CHECK_STR(c->weaknesses[0].cwes[0], "CWE-20");
	CHECK_STR(c->weaknesses[0].cwes[2], "CWE-502");
	CHECK_STR(c->weaknesses[1].cwes[0], "CWE-917");

	assert_int_equal(c->n_references, 103);
	CHECK_STR(c->references[0].url,
		  "http://packetstormsecurity.com/files/165225/Apache-Log4j2-2.14.1-Remote-Code-Execution.html");
	CHECK_STR(c->references[0].source, "security@apache.org");
	assert_int_equal(c->references[0].n_tags, 2);
	CHECK_STR(c->references[0].tags[1], "VDB Entry");
	CHECK_STR(c->references[102].source, "134c704f-9b21-4f2e-91b3-4a467353bcc0");

	/* 20 configurations; the first is "firmware running on hardware" */
	assert_int_equal(c->n_configs, 20);
	const struct nvd_config *cf = &c->configs[0];
	assert_int_equal(cf->op, NVD_OP_AND);
	assert_false(cf->negate);
	assert_int_equal(cf->n_nodes, 2);
	assert_int_equal(cf->nodes[0].op, NVD_OP_OR);
	assert_int_equal(cf->nodes[0].n_matches, 1);
	const struct nvd_match *x = &cf->nodes[0].matches[0];
	assert_true(x->vulnerable);
	CHECK_STR(x->criteria, "cpe:2.3:o:siemens:6bk1602-0aa12-0tp0_firmware:*:*:*:*:*:*:*:*");
	CHECK_STR(x->version_end_excluding, "2.7.0");
	CHECK_ABSENT(x->version_start_including);
	CHECK_STR(x->match_criteria_id, "BD64FC36-CC7B-4FD7-9845-7EA1DDB0E627");
	x = &cf->nodes[1].matches[0];
	assert_false(x->vulnerable);
	CHECK_STR(x->criteria, "cpe:2.3:h:siemens:6bk1602-0aa12-0tp0:-:*:*:*:*:*:*:*");

	/* the log4j configuration: no operator in the file → OR, one node of 7 */
	cf = &c->configs[5];
	assert_int_equal(cf->op, NVD_OP_OR);
	assert_int_equal(cf->n_nodes, 1);
	assert_int_equal(cf->nodes[0].n_matches, 7);
	x = &cf->nodes[0].matches[1];
	CHECK_STR(x->criteria, "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*");
	CHECK_STR(x->version_start_including, "2.4.0");
	CHECK_STR(x->version_end_excluding, "2.12.2");
	CHECK_STR(cf->nodes[0].matches[4].criteria, "cpe:2.3:a:apache:log4j:2.0:beta9:*:*:*:*:*:*");

	/* a version bound shaped like a date is kept verbatim */
	x = find_match(c, "cpe:2.3:a:siemens:navigator:*:*:*:*:*:*:*:*", NULL);
	assert_non_null(x);
	CHECK_STR(x->version_end_excluding, "2021-12-13");
	CHECK_STR(x->match_criteria_id, "48C6A61B-2198-4B9E-8BCF-824643C81EC3");
}

/* CVE-2021-44228 as the NVD API returns it (with an ADP "affected" block to skip). */
static void test_log4shell_api2_field_by_field(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures/ssvc_affected/0-1.json");
	find_in_file(path, "CVE-2021-44228", check_log4shell);
}

static void check_v4(const struct nvd_cve *c)
{
	CHECK_STR(c->vuln_status, "Awaiting Analysis");
	CHECK_STR(c->source_identifier, "cna@vuldb.com");
	assert_int_equal(c->n_configs, 0);
	assert_int_equal(c->n_metrics, 3);
	const struct nvd_metric *m = &c->metrics[0];
	assert_int_equal(m->version, NVD_CVSS_V40);
	CHECK_STR(m->source, "cna@vuldb.com");
	CHECK_STR(m->type, "Secondary");
	/* NVD spells out every optional v4 metric as X */
	CHECK_STR(m->vector, "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/"
			     "E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/"
			     "MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X");
	assert_true(m->base_score == 5.3);
	CHECK_STR(m->base_severity, "MEDIUM");
	assert_true(m->exploitability_score == -1);
	assert_true(m->impact_score == -1);
	m = &c->metrics[1];
	assert_int_equal(m->version, NVD_CVSS_V31);
	assert_true(m->exploitability_score == 2.8);
	m = &c->metrics[2];
	assert_int_equal(m->version, NVD_CVSS_V20);
	assert_true(m->base_score == 4.0);         /* written as the integer 4 */
	assert_true(m->exploitability_score == 8.0);   /* and this as 8 */
	CHECK_STR(m->base_severity, "MEDIUM");     /* v2: beside cvssData, not in it */
}

static void test_cvss_v4_metric(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures/1_item/0-1.json");
	find_in_file(path, "CVE-2024-4819", check_v4);
}

static void check_webp(const struct nvd_cve *c)
{
	CHECK_STR(c->cisa_exploit_add, "2023-09-13");
	CHECK_STR(c->cisa_action_due, "2023-10-04");
	CHECK_STR(c->cisa_vulnerability_name,
		  "Google Chromium WebP Heap-Based Buffer Overflow Vulnerability");
	assert_int_equal(c->n_configs, 6);
	const struct nvd_node *n = &c->configs[3].nodes[0];
	assert_int_equal(n->n_matches, 5);
	CHECK_STR(n->matches[2].criteria, "cpe:2.3:a:mozilla:firefox_esr:*:*:*:*:*:*:*:*");
	CHECK_STR(n->matches[2].version_start_including, "115.0");
	CHECK_STR(n->matches[2].version_end_excluding, "115.2.1");
	assert_int_equal(c->n_weaknesses, 1);
	CHECK_STR(c->weaknesses[0].cwes[0], "CWE-787");
}

static void test_kev_fields_and_six_configurations(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "fixtures-osv/nvdcve-2.0/CVE-2023-4863.json");
	find_in_file(path, "CVE-2023-4863", check_webp);
}

static void check_openssh(const struct nvd_cve *c)
{
	assert_int_equal(c->n_configs, 4);
	assert_int_equal(c->configs[0].op, NVD_OP_OR);
	assert_int_equal(c->configs[0].n_nodes, 1);
	assert_int_equal(c->configs[0].nodes[0].n_matches, 2);
	CHECK_STR(c->configs[0].nodes[0].matches[0].version_end_excluding, "3.6.1");
	CHECK_STR(c->configs[0].nodes[0].matches[1].criteria,
		  "cpe:2.3:a:openbsd:openssh:3.6.1:p1:*:*:*:*:*:*");
	for (int i = 2; i < 4; i++) {
		const struct nvd_config *cf = &c->configs[i];
		assert_int_equal(cf->op, NVD_OP_AND);
		assert_int_equal(cf->n_nodes, 2);
		assert_true(cf->nodes[0].matches[0].vulnerable);
		assert_false(cf->nodes[1].matches[0].vulnerable);
	}
	CHECK_STR(c->configs[3].nodes[1].matches[0].criteria,
		  "cpe:2.3:h:siemens:scalance_x204rna:-:*:*:*:*:*:*:*");
	assert_int_equal(c->n_references, 20);
	assert_int_equal(c->references[6].n_tags, 6);
	CHECK_STR(c->references[6].tags[5], "Vendor Advisory");
}

static void check_rejected_20(const struct nvd_cve *c)
{
	assert_true(c->rejected);
	assert_false(c->status_derived);
	CHECK_STR(c->vuln_status, "Rejected");
	assert_int_equal(c->n_metrics, 0);
	assert_int_equal(c->n_configs, 0);
	assert_int_equal(c->n_references, 0);
}

/* A 2.0 feed record with several configurations, two of them AND ("running on"), and a
 * rejected record of the same file. */
static void test_feed_20_running_on_and_rejected(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "feeds-2.0/nvdcve-2.0-2003.json.zip");
	find_in_file(path, "CVE-2003-0190", check_openssh);
	find_in_file(path, "CVE-2003-0157", check_rejected_20);
}

static void check_heartbleed(const struct nvd_cve *c)
{
	assert_int_equal(c->format, NVD_FORMAT_V11);
	CHECK_STR(c->source_identifier, "secalert@redhat.com");
	CHECK_STR(c->published, "2014-04-07T22:55Z");
	assert_int_equal(c->published_unix, 1396911300);     /* minutes only in 1.1 */
	assert_int_equal(c->last_modified_unix, 1738937700);
	CHECK_ABSENT(c->vuln_status);
	assert_false(c->rejected);
	CHECK_ABSENT(c->cisa_exploit_add);
	assert_int_equal(c->n_descriptions, 1);
	assert_true(strstr(c->descriptions[0].value.p, "aka the Heartbleed bug") != NULL);

	/* 1.1 impact blocks become NVD Primary metrics, v3 first as in the file */
	assert_int_equal(c->n_metrics, 2);
	assert_int_equal(c->metrics[0].version, NVD_CVSS_V31);
	CHECK_STR(c->metrics[0].source, "nvd@nist.gov");
	CHECK_STR(c->metrics[0].type, "Primary");
	CHECK_STR(c->metrics[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N");
	assert_true(c->metrics[0].base_score == 7.5);
	CHECK_STR(c->metrics[0].base_severity, "HIGH");
	assert_true(c->metrics[0].impact_score == 3.6);
	assert_int_equal(c->metrics[1].version, NVD_CVSS_V20);
	assert_true(c->metrics[1].base_score == 5.0);
	CHECK_STR(c->metrics[1].base_severity, "MEDIUM");    /* 1.1 "severity" */
	assert_true(c->metrics[1].exploitability_score == 10.0);

	assert_int_equal(c->n_weaknesses, 1);
	CHECK_STR(c->weaknesses[0].source, "nvd@nist.gov");
	CHECK_STR(c->weaknesses[0].cwes[0], "CWE-125");

	assert_int_equal(c->n_references, 262);
	CHECK_STR(c->references[0].url, "http://advisories.mageia.org/MGASA-2014-0165.html");
	CHECK_STR(c->references[0].source, "");              /* refsource "" */
	CHECK_STR(c->references[0].tags[0], "Third Party Advisory");

	/* 18 top-level nodes → 18 configurations */
	assert_int_equal(c->n_configs, 18);
	const struct nvd_config *cf = &c->configs[0];
	assert_int_equal(cf->op, NVD_OP_OR);
	assert_int_equal(cf->n_nodes, 1);
	CHECK_STR(cf->nodes[0].matches[0].criteria, "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*");
	CHECK_STR(cf->nodes[0].matches[0].version_start_including, "1.0.1");
	CHECK_STR(cf->nodes[0].matches[0].version_end_excluding, "1.0.1g");
	CHECK_ABSENT(cf->nodes[0].matches[0].match_criteria_id);
	/* node 2 is AND with two children: one configuration of two nodes */
	cf = &c->configs[2];
	assert_int_equal(cf->op, NVD_OP_AND);
	assert_int_equal(cf->n_nodes, 2);
	assert_true(cf->nodes[0].matches[0].vulnerable);
	CHECK_STR(cf->nodes[0].matches[0].criteria,
		  "cpe:2.3:o:siemens:application_processing_engine_firmware:2.0:*:*:*:*:*:*:*");
	assert_false(cf->nodes[1].matches[0].vulnerable);
	cf = &c->configs[7];
	assert_int_equal(cf->n_nodes, 2);
	assert_int_equal(cf->nodes[0].n_matches, 3);
	/* the escaped "\\(" of the JSON text is the CPE's own "\(" */
	cf = &c->configs[15];
	CHECK_STR(cf->nodes[0].matches[0].criteria,
		  "cpe:2.3:o:ricon:s9922l_firmware:16.10.3\\(3794\\):*:*:*:*:*:*:*");
}

static void test_feed_11_nested_children_heartbleed(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "feeds-1.1/nvdcve-1.1-2014.json.gz");
	find_in_file(path, "CVE-2014-0160", check_heartbleed);
}

static void check_rejected_11_new(const struct nvd_cve *c)
{
	assert_true(c->rejected);
	assert_true(c->status_derived);
	CHECK_STR(c->vuln_status, "Rejected");
	assert_int_equal(c->n_weaknesses, 0);     /* its empty problemtype entry is dropped */
	assert_int_equal(c->n_configs, 0);
}

static void check_rejected_11_old(const struct nvd_cve *c)
{
	assert_true(c->rejected);
	assert_true(c->status_derived);
	CHECK_STR(c->vuln_status, "Rejected");
	assert_true(strncmp(c->descriptions[0].value.p, "** REJECT **", 12) == 0);
}

/* 1.1 has no vulnStatus: "Rejected" is derived from the description, in both spellings
 * NVD used ("** REJECT **" and, in its last 1.1 files, "Rejected reason:"). */
static void test_feed_11_rejected_records(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "feeds-1.1/nvdcve-1.1-2003.json.gz");
	find_in_file(path, "CVE-2003-0157", check_rejected_11_new);
	DATA_OR_SKIP(path, "fixtures-osv/nvdcve-1.1-test-data.json");
	find_in_file(path, "CVE-2022-3063", check_rejected_11_old);
}

/* The osv.dev fixture claims 660 CVEs but holds 669: the header is reported as written. */
static void test_feed_11_header_count_is_reported_not_trusted(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "fixtures-osv/nvdcve-1.1-test-data.json");
	struct tally t = { 0 };
	struct result res;
	parse_file(path, tally_cb, &t, &res);
	assert_int_equal(res.e, ERR_OK);
	assert_int_equal(res.info.total_results, 660);
	assert_int_equal(t.records, 669);
	assert_string_equal(res.info.format_name, "MITRE");
	assert_string_equal(res.info.version, "4.0");
	assert_string_equal(res.info.timestamp, "2022-08-31T05:00Z");
	assert_int_equal(res.info.timestamp_unix, 1661922000);
	assert_int_equal(res.info.results_per_page, -1);
}

/* The API fixture pages expose their paging fields (the moddate page really does hold 8
 * records although it says resultsPerPage 1). */
static void test_api2_pages_paging_fields(void **state)
{
	(void)state;
	static const struct {
		const char *rel;
		int64_t rpp, start, total;
		uint64_t records;
		const char *ts;
	} pages[] = {
		{ "3_pages/0-3.json", 3, 0, 8, 3, "2023-11-10T08:41:24.983" },
		{ "3_pages/3-3.json", 3, 3, 8, 3, "2023-11-10T07:39:45.630" },
		{ "3_pages/6-3.json", 2, 6, 8, 2, "2023-11-10T07:39:23.140" },
		{ "empty/0-1.json", 0, 0, 0, 0, "2023-11-10T07:37:10.823" },
		{ "increase/0-1.json", 1, 0, 7, 1, "2023-11-10T08:41:24.983" },
		{ "moddate/0-1.json", 1, 0, 8, 8, "2023-11-10T08:41:24.983" },
	};
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		char path[512], rel[256];
		snprintf(rel, sizeof(rel), "fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures/%s",
			 pages[i].rel);
		DATA_OR_SKIP(path, rel);
		struct tally t = { 0 };
		struct result res;
		parse_file(path, tally_cb, &t, &res);
		if (res.e != ERR_OK)
			fail_msg("%s", res.msg);
		assert_int_equal(res.info.results_per_page, pages[i].rpp);
		assert_int_equal(res.info.start_index, pages[i].start);
		assert_int_equal(res.info.total_results, pages[i].total);
		assert_int_equal(t.records, pages[i].records);
		assert_string_equal(res.info.timestamp, pages[i].ts);
		assert_true(res.info.timestamp_unix > 1699000000);
	}
}

/* ---- packaging ---- */

/* The same feed as .zip (file and memory), plain .json, gzip under a .json name (magic
 * bytes decide), and two concatenated gzip members gives the same records. */
static void test_json_gz_zip_inputs_equivalent(void **state)
{
	(void)state;
	char zip_path[512];
	DATA_OR_SKIP(zip_path, "feeds-2.0/nvdcve-2.0-2003.json.zip");
	struct tally ref = { 0 };
	struct result res;
	parse_file(zip_path, tally_cb, &ref, &res);
	assert_int_equal(res.e, ERR_OK);
	assert_int_equal(ref.records, 1555);

	size_t jlen;
	unsigned char *json = slurp(zip_path, &jlen);
	assert_int_equal(jlen, res.info.bytes);

	char p[128];
	tmp_path(p, sizeof(p), "a.json");
	write_file(p, json, jlen);
	struct tally t = { 0 };
	parse_file(p, tally_cb, &t, &res);
	assert_int_equal(res.e, ERR_OK);
	assert_int_equal(t.digest, ref.digest);

	size_t glen;
	unsigned char *gz = gzip_mem(json, jlen, &glen);
	tmp_path(p, sizeof(p), "b.json");              /* gzip bytes, misleading name */
	write_file(p, gz, glen);
	struct feed_input *in;
	char err[512];
	assert_int_equal(feed_input_open_file(p, 0, &in, err, sizeof(err)), ERR_OK);
	assert_int_equal(feed_input_kind(in), FEED_KIND_GZIP);
	struct nvd_reader *r = nvd_reader_new(tally_cb, &t, NULL);
	memset(&t, 0, sizeof(t));
	assert_int_equal(nvd_reader_run(r, in), ERR_OK);
	assert_int_equal(t.digest, ref.digest);
	assert_int_equal(feed_input_bytes_out(in), jlen);
	assert_int_equal(feed_input_bytes_in(in), glen);
	assert_int_equal(feed_input_size_in(in), glen);
	nvd_reader_free(r);
	feed_input_close(in);

	/* two members: split the JSON and gzip each half */
	size_t l1, l2;
	unsigned char *g1 = gzip_mem(json, jlen / 2, &l1);
	unsigned char *g2 = gzip_mem(json + jlen / 2, jlen - jlen / 2, &l2);
	unsigned char *both = malloc(l1 + l2);
	assert_non_null(both);
	memcpy(both, g1, l1);
	memcpy(both + l1, g2, l2);
	memset(&t, 0, sizeof(t));
	assert_int_equal(feed_input_open_mem(both, l1 + l2, "two-members", 0, &in, err, sizeof(err)),
			 ERR_OK);
	r = nvd_reader_new(tally_cb, &t, NULL);
	assert_int_equal(nvd_reader_run(r, in), ERR_OK);
	assert_int_equal(t.digest, ref.digest);
	nvd_reader_free(r);
	feed_input_close(in);

	/* the zip from memory */
	size_t zlen;
	FILE *f = fopen(zip_path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	zlen = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *zbuf = malloc(zlen);
	assert_non_null(zbuf);
	assert_int_equal(fread(zbuf, 1, zlen, f), zlen);
	fclose(f);
	memset(&t, 0, sizeof(t));
	assert_int_equal(feed_input_open_mem(zbuf, zlen, "mem.zip", 0, &in, err, sizeof(err)), ERR_OK);
	assert_int_equal(feed_input_kind(in), FEED_KIND_ZIP);
	r = nvd_reader_new(tally_cb, &t, NULL);
	assert_int_equal(nvd_reader_run(r, in), ERR_OK);
	assert_int_equal(t.digest, ref.digest);
	/* the member's compressed size: a little less than the archive */
	assert_true(feed_input_bytes_in(in) > zlen / 2 && feed_input_bytes_in(in) < zlen);
	assert_int_equal(feed_input_bytes_out(in), jlen);
	nvd_reader_free(r);
	feed_input_close(in);

	free(zbuf);
	free(both);
	free(g1);
	free(g2);
	free(gz);
	free(json);
}

/* Feeding one byte at a time gives the same records as one call. */
static void test_any_chunking_gives_same_records(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures/ssvc_affected/0-1.json");
	size_t len;
	unsigned char *json = slurp(path, &len);
	struct tally whole = { 0 }, bytes = { 0 };
	struct result res;
	parse_mem(json, len, tally_cb, &whole, NULL, &res);
	assert_int_equal(res.e, ERR_OK);
	struct nvd_reader *r = nvd_reader_new(tally_cb, &bytes, NULL);
	for (size_t i = 0; i < len; i++)
		assert_int_equal(nvd_reader_feed(r, json + i, 1), ERR_OK);
	assert_int_equal(nvd_reader_finish(r), ERR_OK);
	nvd_reader_free(r);
	assert_int_equal(whole.records, 1);
	assert_int_equal(bytes.digest, whole.digest);
	free(json);
}

/* A real page cut short: the error names the byte offset and the CVE being read. */
static void test_truncated_real_page_names_offset_and_cve(void **state)
{
	(void)state;
	char path[512];
	DATA_OR_SKIP(path, "fixtures-api2/pkg/fetch/nvd/api/cve/testdata/fixtures/ssvc_affected/0-1.json");
	size_t len;
	unsigned char *json = slurp(path, &len);
	assert_true(len > 100000);
	struct tally t = { 0 };
	struct result res;
	parse_mem(json, 100000, tally_cb, &t, NULL, &res);
	assert_int_equal(res.e, ERR_INVALID);
	assert_int_equal(t.records, 0);
	assert_non_null(strstr(res.msg, "offset 100000"));
	assert_non_null(strstr(res.msg, "CVE-2021-44228"));
	assert_non_null(strstr(res.msg, "premature EOF"));

	/* the same cut inside gzip: the packaging reports it, with the name */
	size_t glen;
	unsigned char *gz = gzip_mem(json, len, &glen);
	char p[128];
	tmp_path(p, sizeof(p), "c.gz");
	write_file(p, gz, glen / 2);
	parse_file(p, tally_cb, &t, &res);
	assert_int_equal(res.e, ERR_INVALID);
	assert_non_null(strstr(res.msg, p));
	assert_non_null(strstr(res.msg, "truncated gzip"));
	free(gz);
	free(json);
}

static void test_feed_input_errors_name_the_file(void **state)
{
	(void)state;
	struct feed_input *in;
	char err[512], p[128];

	assert_int_equal(feed_input_open_file("/nonexistent/nvd.json.gz", 0, &in, err, sizeof(err)),
			 ERR_IO);
	assert_null(in);
	assert_non_null(strstr(err, "/nonexistent/nvd.json.gz: cannot open"));

	/* corrupt deflate data after a good header */
	static const char doc[] = "{\"vulnerabilities\":[]}";
	size_t glen;
	unsigned char *gz = gzip_mem(doc, sizeof(doc) - 1, &glen);
	gz[12] ^= 0xff;
	gz[13] ^= 0xff;
	tmp_path(p, sizeof(p), "f.gz");
	write_file(p, gz, glen);
	struct result res;
	parse_file(p, NULL, NULL, &res);
	assert_int_equal(res.e, ERR_INVALID);
	assert_non_null(strstr(res.msg, p));
	assert_non_null(strstr(res.msg, "gzip"));
	free(gz);

	/* trailing junk after a complete member */
	gz = gzip_mem(doc, sizeof(doc) - 1, &glen);
	unsigned char *junk = malloc(glen + 8);
	assert_non_null(junk);
	memcpy(junk, gz, glen);
	memcpy(junk + glen, "garbage!", 8);
	assert_int_equal(feed_input_open_mem(junk, glen + 8, "junk.gz", 0, &in, err, sizeof(err)), ERR_OK);
	struct nvd_reader *r = nvd_reader_new(NULL, NULL, NULL);
	assert_int_equal(nvd_reader_run(r, in), ERR_INVALID);
	assert_non_null(strstr(nvd_reader_error(r), "junk.gz: trailing bytes"));
	nvd_reader_free(r);
	feed_input_close(in);
	free(junk);
	free(gz);

	/* a zip with two members and no single .json: refused at open */
	tmp_path(p, sizeof(p), "d.zip");
	int zerr;
	zip_t *z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	zip_source_t *s1 = zip_source_buffer(z, doc, sizeof(doc) - 1, 0);
	zip_source_t *s2 = zip_source_buffer(z, doc, sizeof(doc) - 1, 0);
	assert_true(zip_file_add(z, "a.txt", s1, 0) >= 0);
	assert_true(zip_file_add(z, "b.txt", s2, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(feed_input_open_file(p, 0, &in, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "expected one member, or one .json member"));
	assert_non_null(strstr(err, p));

	/* two members of which one is .json (plus a directory): that one is read */
	tmp_path(p, sizeof(p), "e.zip");
	z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	s1 = zip_source_buffer(z, doc, sizeof(doc) - 1, 0);
	s2 = zip_source_buffer(z, "readme", 6, 0);
	assert_true(zip_dir_add(z, "feeds", 0) >= 0);
	assert_true(zip_file_add(z, "feeds/nvdcve-2.0-x.json", s1, 0) >= 0);
	assert_true(zip_file_add(z, "README.txt", s2, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	parse_file(p, NULL, NULL, &res);
	assert_int_equal(res.e, ERR_OK);
	assert_int_equal(res.info.format, NVD_FORMAT_API2);

	/* a zip that is not one */
	assert_int_equal(feed_input_open_mem("PK\x03\x04garbage", 11, "bad.zip", 0, &in, err,
					     sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "bad.zip: not a readable zip"));
}

/* Decompression is capped: a 16 MiB gzip bomb against a 1 MiB cap, and a zip whose member
 * declares more than the cap is refused before reading. */
static void test_decompression_cap_defeats_bombs(void **state)
{
	(void)state;
	size_t n = 16u << 20;
	unsigned char *zeros = calloc(1, n);
	assert_non_null(zeros);
	size_t glen;
	unsigned char *gz = gzip_mem(zeros, n, &glen);
	assert_true(glen < 64 * 1024);
	char p[128], err[512];
	tmp_path(p, sizeof(p), "g.gz");
	write_file(p, gz, glen);
	struct feed_input *in;
	assert_int_equal(feed_input_open_file(p, 1u << 20, &in, err, sizeof(err)), ERR_OK);
	const unsigned char *d;
	size_t got;
	enum err e;
	while ((e = feed_input_read(in, &d, &got)) == ERR_OK && got > 0)
		;
	assert_int_equal(e, ERR_TOO_LARGE);
	assert_true(feed_input_bytes_out(in) <= (1u << 20));
	assert_non_null(strstr(feed_input_error(in), p));
	assert_int_equal(feed_input_read(in, &d, &got), ERR_TOO_LARGE);   /* sticky */
	feed_input_close(in);

	tmp_path(p, sizeof(p), "h.zip");
	int zerr;
	zip_t *z = zip_open(p, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	zip_source_t *s = zip_source_buffer(z, zeros, n, 0);
	assert_true(zip_file_add(z, "bomb.json", s, 0) >= 0);
	assert_int_equal(zip_close(z), 0);
	assert_int_equal(feed_input_open_file(p, 1u << 20, &in, err, sizeof(err)), ERR_TOO_LARGE);
	assert_non_null(strstr(err, "over the cap"));
	free(gz);
	free(zeros);
}

/* ---- hand-written documents ---- */

#define CVE_HEAD(id) "{\"cve\":{\"id\":\"" id "\",\"published\":\"2024-01-02T03:04:05.678\"," \
		     "\"lastModified\":\"2024-02-03T04:05:06.000\""
#define PAGE(items) "{\"resultsPerPage\":1,\"startIndex\":0,\"totalResults\":1,\"format\":\"NVD_CVE\"," \
		    "\"version\":\"2.0\",\"timestamp\":\"2024-03-01T00:00:00.000\",\"vulnerabilities\":[" items "]}"

static void expect_error(const char *json, enum err want, const char *needle1, const char *needle2)
{
	struct tally t = { 0 };
	struct result res;
	parse_str(json, &t, NULL, &res);
	if (res.e != want)
		fail_msg("want %s, got %s: %s", err_str(want), err_str(res.e), res.msg);
	if (needle1 && !strstr(res.msg, needle1))
		fail_msg("\"%s\" not in: %s", needle1, res.msg);
	if (needle2 && !strstr(res.msg, needle2))
		fail_msg("\"%s\" not in: %s", needle2, res.msg);
	assert_true(strncmp(res.msg, "offset ", 7) == 0);
}

static void test_structurally_wrong_records_are_errors_naming_them(void **state)
{
	(void)state;
	expect_error("{\"vulnerabilities\":{}}", ERR_INVALID, "\"vulnerabilities\" is not an array", NULL);
	expect_error("{\"CVE_Items\":\"x\"}", ERR_INVALID, "\"CVE_Items\" is not an array", NULL);
	expect_error(PAGE(CVE_HEAD("CVE-2099-0001") ",\"configurations\":[{\"nodes\":[{\"operator\":\"OR\","
			  "\"negate\":false,\"cpeMatch\":[{\"vulnerable\":true}]}]}]}}"),
		     ERR_INVALID, "CVE-2099-0001", "cpeMatch without criteria");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0001") ",\"configurations\":[{\"nodes\":[{\"operator\":\"OR\","
			  "\"cpeMatch\":[{\"criteria\":\"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*\"}]}]}]}}"),
		     ERR_INVALID, "CVE-2099-0001", "without \"vulnerable\"");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0001") ",\"configurations\":[{\"nodes\":[{\"operator\":\"XOR\","
			  "\"cpeMatch\":[]}]}]}}"),
		     ERR_INVALID, "CVE-2099-0001", "neither AND nor OR");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0001") ",\"configurations\":[{\"nodes\":[{\"cpeMatch\":[]}]}]}}"),
		     ERR_INVALID, "CVE-2099-0001", "node without operator");
	/* missing id: the record is named by its position */
	expect_error(PAGE(CVE_HEAD("CVE-2099-0001") "}}," "{\"cve\":{\"published\":\"2024-01-01\","
			  "\"lastModified\":\"2024-01-01\"}}"),
		     ERR_INVALID, "record #2", "without an id");
	expect_error(PAGE("{\"cve\":{\"id\":\"CVE-2099-0002\",\"published\":\"yesterday\"}}"),
		     ERR_INVALID, "CVE-2099-0002", "\"published\" is not an ISO 8601 time");
	expect_error(PAGE("{\"cve\":{\"id\":\"CVE-2099-0003\",\"published\":\"2024-01-01\"}}"),
		     ERR_INVALID, "CVE-2099-0003", "without a lastModified");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0004") ",\"descriptions\":[\"text\"]}}"),
		     ERR_INVALID, "CVE-2099-0004", "elements of \"descriptions\" must be objects");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0005") ",\"references\":[{\"url\":\"u\",\"tags\":[{}]}]}}"),
		     ERR_INVALID, "CVE-2099-0005", "elements of \"tags\" must be strings");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0006") ",\"metrics\":{\"cvssMetricV31\":[{\"cvssData\":"
			  "{\"baseScore\":\"high\"}}]}}}"),
		     ERR_INVALID, "CVE-2099-0006", "\"baseScore\" is not a number");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0007") ",\"metrics\":{\"cvssMetricV31\":[{\"cvssData\":"
			  "{\"baseScore\":5.0}}]}}}"),
		     ERR_INVALID, "CVE-2099-0007", "without vectorString");
	expect_error(PAGE(CVE_HEAD("CVE-2099-0008") ",\"id\":7}}"),
		     ERR_INVALID, "CVE-2099-0008", "\"id\" is not a string");
	expect_error(PAGE("{\"cve\":7}"), ERR_INVALID, "record #1", "\"cve\" is not an object");
	expect_error("{\"resultsPerPage\":-1,\"vulnerabilities\":[]}", ERR_INVALID,
		     "\"resultsPerPage\" is not a count", NULL);
	expect_error("{\"format\":\"NVD_CPE\",\"products\":[]}", ERR_INVALID, "format is not NVD_CVE", NULL);
	expect_error("{\"a\":1}", ERR_INVALID, "not an NVD CVE feed", NULL);
	expect_error("[1,2]", ERR_INVALID, "not a JSON object", NULL);
	expect_error("\"x\"", ERR_INVALID, "not a JSON object", NULL);
	expect_error("", ERR_INVALID, "offset 0", "malformed JSON");
	/* yajl reports the offset just past the offending token */
	expect_error("{\"vulnerabilities\":[}", ERR_INVALID, "offset 21", "malformed JSON");
	expect_error("{\"vulnerabilities\":[]} x", ERR_INVALID, "malformed JSON", "trailing garbage");
	/* 1.1 trees deeper than parent and children */
	expect_error("{\"CVE_Items\":[{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-2099-0009\"}},"
		     "\"configurations\":{\"nodes\":[{\"operator\":\"AND\",\"children\":[{\"operator\":\"OR\","
		     "\"children\":[{\"operator\":\"OR\"}]}]}]}}]}",
		     ERR_INVALID, "CVE-2099-0009", "nested deeper");
	/* invalid UTF-8 is refused by yajl, with the record named */
	expect_error(PAGE(CVE_HEAD("CVE-2099-0010") ",\"vulnStatus\":\"\xff\"}}"),
		     ERR_INVALID, "CVE-2099-0010", "malformed JSON");
}

/* Unknown keys (NVD adds fields) are skipped at every level, whatever their shape. */
static void test_unknown_keys_are_ignored(void **state)
{
	(void)state;
	static const char plain[] = PAGE(CVE_HEAD("CVE-2099-0100")
		",\"descriptions\":[{\"lang\":\"en\",\"value\":\"d\"}],"
		"\"metrics\":{\"cvssMetricV31\":[{\"source\":\"s\",\"type\":\"Primary\",\"cvssData\":"
		"{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N\",\"baseScore\":9.8}}]},"
		"\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":"
		"[{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:v:p:*:*:*:*:*:*:*:*\"}]}]}],"
		"\"references\":[{\"url\":\"https://x\",\"tags\":[\"Patch\"]}]}}");
	static const char noisy[] =
		"{\"zzz\":{\"vulnerabilities\":7},\"resultsPerPage\":1,\"startIndex\":0,\"totalResults\":1,"
		"\"format\":\"NVD_CVE\",\"version\":\"2.0\",\"timestamp\":\"2024-03-01T00:00:00.000\","
		"\"vulnerabilities\":[{\"extra\":[1,{\"a\":[[]]}],\"cve\":{\"id\":\"CVE-2099-0100\","
		"\"cveTags\":[{\"sourceIdentifier\":\"x\",\"tags\":[\"disputed\"]}],"
		"\"published\":\"2024-01-02T03:04:05.678\",\"lastModified\":\"2024-02-03T04:05:06.000\","
		"\"evaluatorComment\":null,"
		"\"descriptions\":[{\"lang\":\"en\",\"new\":{\"x\":[true,false,null,1.5e3]},\"value\":\"d\"}],"
		"\"metrics\":{\"ssvcV203\":[{\"ssvcData\":{\"options\":[{\"a\":\"b\"}]}}],"
		"\"cvssMetricV31\":[{\"source\":\"s\",\"type\":\"Primary\",\"future\":[],\"cvssData\":"
		"{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N\",\"baseScore\":9.8,"
		"\"attackVector\":\"NETWORK\"}}],\"cvssMetricV5\":[{\"cvssData\":{}}]},"
		"\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"negate\":false,\"x\":{},\"cpeMatch\":"
		"[{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:v:p:*:*:*:*:*:*:*:*\",\"cpeName\":[],"
		"\"versionEndExcluding\":null}]}]}],"
		"\"affected\":[{\"source\":\"s\",\"affectedData\":[{\"versions\":[{\"changes\":[]}]}]}],"
		"\"references\":[{\"url\":\"https://x\",\"tags\":[\"Patch\",null],\"name\":\"n\"}]}}]}";
	struct tally a = { 0 }, b = { 0 };
	struct result res;
	parse_str(plain, &a, NULL, &res);
	assert_int_equal(res.e, ERR_OK);
	parse_str(noisy, &b, NULL, &res);
	if (res.e != ERR_OK)
		fail_msg("%s", res.msg);
	assert_int_equal(a.records, 1);
	assert_int_equal(b.records, 1);
	assert_int_equal(a.digest, b.digest);
}

static void check_synthetic_11(const struct nvd_cve *c)
{
	assert_int_equal(c->n_configs, 3);
	/* a lone node: configuration OR, the node keeps its own operator and negate */
	assert_int_equal(c->configs[0].op, NVD_OP_OR);
	assert_false(c->configs[0].negate);
	assert_int_equal(c->configs[0].n_nodes, 1);
	assert_int_equal(c->configs[0].nodes[0].op, NVD_OP_AND);
	assert_true(c->configs[0].nodes[0].negate);
	assert_int_equal(c->configs[0].nodes[0].n_matches, 2);
	/* a parent with children: the parent's operator/negate on the configuration */
	const struct nvd_config *cf = &c->configs[1];
	assert_int_equal(cf->op, NVD_OP_AND);
	assert_true(cf->negate);
	assert_int_equal(cf->n_nodes, 2);
	assert_int_equal(cf->nodes[1].op, NVD_OP_OR);
	CHECK_STR(cf->nodes[1].matches[0].criteria, "cpe:2.3:h:v:hw:-:*:*:*:*:*:*:*");
	/* a parent with children and own matches: each own match is one more node */
	cf = &c->configs[2];
	assert_int_equal(cf->op, NVD_OP_AND);
	assert_int_equal(cf->n_nodes, 3);
	CHECK_STR(cf->nodes[0].matches[0].criteria, "cpe:2.3:o:v:os:1:*:*:*:*:*:*:*");
	assert_int_equal(cf->nodes[1].n_matches, 1);
	assert_int_equal(cf->nodes[2].n_matches, 1);
	CHECK_STR(cf->nodes[2].matches[0].criteria, "cpe:2.3:a:v:c:*:*:*:*:*:*:*:*");
	CHECK_STR(cf->nodes[2].matches[0].version_end_including, "2021-12-13");
	/* baseMetricV3 with version 3.0; empty problemtype dropped, CWE kept */
	assert_int_equal(c->n_metrics, 1);
	assert_int_equal(c->metrics[0].version, NVD_CVSS_V30);
	assert_int_equal(c->n_weaknesses, 1);
	CHECK_STR(c->weaknesses[0].cwes[0], "NVD-CWE-Other");
	CHECK_STR(c->descriptions[0].value, "caf\xc3\xa9 \"quoted\" back\\slash");
	assert_false(c->rejected);
}

/* The 1.1 → normalised mapping on a hand-made record covering each rule. */
static void test_feed_11_tree_mapping_rules(void **state)
{
	(void)state;
	static const char doc[] =
		"{\"CVE_data_numberOfCVEs\":\"1\",\"CVE_data_timestamp\":\"2024-01-01T00:00Z\","
		"\"CVE_Items\":[{\"cve\":{\"CVE_data_meta\":{\"ID\":\"CVE-2099-0200\",\"ASSIGNER\":\"a@b\"},"
		"\"problemtype\":{\"problemtype_data\":[{\"description\":[]},{\"description\":"
		"[{\"lang\":\"en\",\"value\":\"NVD-CWE-Other\"}]}]},"
		"\"references\":{\"reference_data\":[]},"
		"\"description\":{\"description_data\":[{\"lang\":\"en\",\"value\":"
		"\"caf\\u00e9 \\\"quoted\\\" back\\\\slash\"}]}},"
		"\"configurations\":{\"CVE_data_version\":\"4.0\",\"nodes\":["
		"{\"operator\":\"AND\",\"negate\":true,\"children\":[],\"cpe_match\":["
		"{\"vulnerable\":true,\"cpe23Uri\":\"cpe:2.3:a:v:p:1:*:*:*:*:*:*:*\",\"cpe_name\":[]},"
		"{\"vulnerable\":true,\"cpe23Uri\":\"cpe:2.3:a:v:p:2:*:*:*:*:*:*:*\",\"cpe_name\":[]}]},"
		"{\"operator\":\"AND\",\"negate\":true,\"children\":["
		"{\"operator\":\"OR\",\"cpe_match\":[{\"vulnerable\":true,\"cpe23Uri\":\"cpe:2.3:o:v:fw:*:*:*:*:*:*:*:*\"}]},"
		"{\"operator\":\"OR\",\"children\":[],\"cpe_match\":[{\"vulnerable\":false,\"cpe23Uri\":\"cpe:2.3:h:v:hw:-:*:*:*:*:*:*:*\"}]}"
		"],\"cpe_match\":[]},"
		"{\"operator\":\"AND\",\"cpe_match\":[{\"vulnerable\":true,\"cpe23Uri\":\"cpe:2.3:a:v:b:*:*:*:*:*:*:*:*\"},"
		"{\"vulnerable\":true,\"cpe23Uri\":\"cpe:2.3:a:v:c:*:*:*:*:*:*:*:*\",\"versionEndIncluding\":\"2021-12-13\"}],"
		"\"children\":[{\"operator\":\"OR\",\"cpe_match\":[{\"vulnerable\":false,\"cpe23Uri\":\"cpe:2.3:o:v:os:1:*:*:*:*:*:*:*\"}]}]}"
		"]},"
		"\"impact\":{\"baseMetricV3\":{\"cvssV3\":{\"version\":\"3.0\",\"vectorString\":"
		"\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"},"
		"\"exploitabilityScore\":3.9,\"impactScore\":5.9}},"
		"\"publishedDate\":\"2024-01-01T10:00Z\",\"lastModifiedDate\":\"2024-01-02T10:00Z\"}]}";
	struct finder f = { "CVE-2099-0200", check_synthetic_11, 0, 0 };
	struct result res;
	parse_mem(doc, sizeof(doc) - 1, find_cb, &f, NULL, &res);
	if (res.e != ERR_OK)
		fail_msg("%s", res.msg);
	assert_int_equal(f.found, 1);
	assert_int_equal(res.info.total_results, 1);
	assert_int_equal(res.info.format, NVD_FORMAT_V11);
}

/* A non-zero return from the callback stops the parse and comes back as the result. */
static void test_callback_abort_stops_with_its_code(void **state)
{
	(void)state;
	static const char doc[] = PAGE(CVE_HEAD("CVE-2099-0301") "}}," CVE_HEAD("CVE-2099-0302") "}},"
				       CVE_HEAD("CVE-2099-0303") "}}");
	struct tally t = { 0 };
	t.stop_after = 2;
	t.stop_code = ERR_DB;
	struct result res;
	parse_str(doc, &t, NULL, &res);
	assert_int_equal(res.e, ERR_DB);
	assert_int_equal(t.records, 2);
	assert_string_equal(t.last_id, "CVE-2099-0302");
	assert_non_null(strstr(res.msg, "CVE-2099-0302: stopped by the caller"));

	/* a value that is no enum err still stops, as ERR_INTERNAL */
	memset(&t, 0, sizeof(t));
	t.stop_after = 1;
	t.stop_code = -5;
	parse_str(doc, &t, NULL, &res);
	assert_int_equal(res.e, ERR_INTERNAL);
	assert_int_equal(t.records, 1);

	/* the error is sticky: feeding more returns it again */
	memset(&t, 0, sizeof(t));
	t.stop_after = 1;
	t.stop_code = ERR_DB;
	struct nvd_reader *r = nvd_reader_new(tally_cb, &t, NULL);
	assert_int_equal(nvd_reader_feed(r, doc, sizeof(doc) - 1), ERR_DB);
	assert_int_equal(nvd_reader_feed(r, "x", 1), ERR_DB);
	assert_int_equal(nvd_reader_finish(r), ERR_DB);
	nvd_reader_free(r);
}

/* Caps: a long string, too many matches or references, a record too big, deep nesting,
 * a token that never ends. */
static void test_caps_are_errors_naming_the_record(void **state)
{
	(void)state;
	struct nvd_limits lim = { .max_string = 64 };
	struct tally t = { 0 };
	struct result res;
	parse_str(PAGE(CVE_HEAD("CVE-2099-0400") ",\"descriptions\":[{\"lang\":\"en\",\"value\":"
			   "\"0123456789012345678901234567890123456789012345678901234567890123456789\"}]}}"),
		  &t, &lim, &res);
	assert_int_equal(res.e, ERR_TOO_LARGE);
	assert_non_null(strstr(res.msg, "CVE-2099-0400: a string of 70 bytes"));

	lim = (struct nvd_limits){ .max_matches = 2 };
	parse_str(PAGE(CVE_HEAD("CVE-2099-0401") ",\"configurations\":[{\"nodes\":[{\"operator\":\"OR\","
			   "\"cpeMatch\":[{\"vulnerable\":true,\"criteria\":\"a\"},{\"vulnerable\":true,"
			   "\"criteria\":\"b\"}]},{\"operator\":\"OR\",\"cpeMatch\":[{\"vulnerable\":true,"
			   "\"criteria\":\"c\"}]}]}]}}"),
		  &t, &lim, &res);
	assert_int_equal(res.e, ERR_TOO_LARGE);
	assert_non_null(strstr(res.msg, "CVE-2099-0401: more than 2 cpeMatch"));

	lim = (struct nvd_limits){ .max_list = 2 };
	parse_str(PAGE(CVE_HEAD("CVE-2099-0402") ",\"references\":[{\"url\":\"a\"},{\"url\":\"b\"},"
			   "{\"url\":\"c\"}]}}"),
		  &t, &lim, &res);
	assert_int_equal(res.e, ERR_TOO_LARGE);
	assert_non_null(strstr(res.msg, "CVE-2099-0402: more than 2 references"));

	lim = (struct nvd_limits){ .max_record_bytes = 4096 };
	char big[8192];
	int n = snprintf(big, sizeof(big), "%s",
			 "{\"vulnerabilities\":[" CVE_HEAD("CVE-2099-0403") ",\"references\":[");
	for (int i = 0; i < 100; i++)
		n += snprintf(big + n, sizeof(big) - (size_t)n, "%s{\"url\":\"https://example.com/%d\"}",
			      i ? "," : "", i);
	snprintf(big + n, sizeof(big) - (size_t)n, "]}}]}");
	parse_str(big, &t, &lim, &res);
	assert_int_equal(res.e, ERR_TOO_LARGE);
	assert_non_null(strstr(res.msg, "CVE-2099-0403: record needs more than 4096 bytes"));

	/* nesting inside an unknown value is capped too (yajl's own stack stays small) */
	char deep[400];
	n = snprintf(deep, sizeof(deep), "{\"x\":");
	for (int i = 0; i < 100; i++)
		deep[n++] = '[';
	for (int i = 0; i < 100; i++)
		deep[n++] = ']';
	snprintf(deep + n, sizeof(deep) - (size_t)n, ",\"vulnerabilities\":[]}");
	parse_str(deep, &t, NULL, &res);
	assert_int_equal(res.e, ERR_INVALID);
	assert_non_null(strstr(res.msg, "nested deeper than 64"));

	/* a string that never ends is stopped long before the document does */
	lim = (struct nvd_limits){ .max_string = 1000 };
	struct nvd_reader *r = nvd_reader_new(NULL, NULL, &lim);
	static const char head[] = "{\"vulnerabilities\":[{\"cve\":{\"id\":\"";
	assert_int_equal(nvd_reader_feed(r, head, sizeof(head) - 1), ERR_OK);
	char a[4096];
	memset(a, 'a', sizeof(a));
	enum err e = ERR_OK;
	size_t fed = 0;
	while (e == ERR_OK && fed < (64u << 20)) {
		e = nvd_reader_feed(r, a, sizeof(a));
		fed += sizeof(a);
	}
	assert_int_equal(e, ERR_TOO_LARGE);
	assert_true(fed < (1u << 20));
	assert_non_null(strstr(nvd_reader_error(r), "without a complete JSON token"));
	nvd_reader_free(r);
}

static void check_numbers(const struct nvd_cve *c)
{
	assert_true(c->metrics[0].base_score == 10.0);
	assert_true(c->metrics[0].exploitability_score == 10.0);
	assert_true(c->metrics[0].impact_score > 2.8999 && c->metrics[0].impact_score < 2.9001);
	assert_int_equal(c->published_unix, 1704164645);
	assert_int_equal(c->offset, 144);
	assert_int_equal(c->index, 0);
}

/* Scores written as integers, with exponents or too many digits; the record's offset. */
static void test_number_values_and_record_offset(void **state)
{
	(void)state;
	static const char doc[] = PAGE(CVE_HEAD("CVE-2099-0500") ",\"metrics\":{\"cvssMetricV2\":["
		"{\"source\":\"a\",\"type\":\"Primary\",\"cvssData\":{\"vectorString\":\"AV:N\",\"baseScore\":10},"
		"\"exploitabilityScore\":1e1,\"impactScore\":2.9000000000000000001}]}}}");
	/* the record starts at the '{' after "vulnerabilities":[ */
	assert_int_equal(strstr(doc, "[{\"cve\"") - doc + 1, 144);
	struct finder f = { "CVE-2099-0500", check_numbers, 0, 0 };
	struct result res;
	parse_mem(doc, sizeof(doc) - 1, find_cb, &f, NULL, &res);
	if (res.e != ERR_OK)
		fail_msg("%s", res.msg);
	assert_int_equal(f.found, 1);
	assert_int_equal(res.info.results_per_page, 1);
	assert_int_equal(res.info.timestamp_unix, 1709251200);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feeds_11_counts_match_headers_and_readme),
		cmocka_unit_test(test_feeds_11_extra_modified_recent_counts),
		cmocka_unit_test(test_feeds_20_counts_match_headers_and_readme),
		cmocka_unit_test(test_log4shell_api2_field_by_field),
		cmocka_unit_test(test_cvss_v4_metric),
		cmocka_unit_test(test_kev_fields_and_six_configurations),
		cmocka_unit_test(test_feed_20_running_on_and_rejected),
		cmocka_unit_test(test_feed_11_nested_children_heartbleed),
		cmocka_unit_test(test_feed_11_rejected_records),
		cmocka_unit_test(test_feed_11_header_count_is_reported_not_trusted),
		cmocka_unit_test(test_api2_pages_paging_fields),
		cmocka_unit_test(test_json_gz_zip_inputs_equivalent),
		cmocka_unit_test(test_any_chunking_gives_same_records),
		cmocka_unit_test(test_truncated_real_page_names_offset_and_cve),
		cmocka_unit_test(test_feed_input_errors_name_the_file),
		cmocka_unit_test(test_decompression_cap_defeats_bombs),
		cmocka_unit_test(test_structurally_wrong_records_are_errors_naming_them),
		cmocka_unit_test(test_unknown_keys_are_ignored),
		cmocka_unit_test(test_feed_11_tree_mapping_rules),
		cmocka_unit_test(test_callback_abort_stops_with_its_code),
		cmocka_unit_test(test_caps_are_errors_naming_the_record),
		cmocka_unit_test(test_number_values_and_record_offset),
	};
	return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
