/* Tests of the CVE JSON 5 reader and validator: every real record in the test data reads
 * (5.0, 5.1, 5.2; CNA and ADP containers), field spot checks on well-known CVEs, the walk
 * of a cvelistV5 tree, and the 5.1.1 validator against the cve-services fixtures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "kb/cve5_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *data_dir(void)
{
	const char *d = getenv("VANS_TESTDATA");
	return d && *d ? d : "../shared/data";
}

static void data_path(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", data_dir(), rel);
	if (access(buf, R_OK) != 0) {
		print_message("test data %s absent: skipped\n", buf);
		skip();
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* ---- reading every real record ---- */

struct tally {
	size_t records, v50, v51, v52, adp, ssvc, cvss, invalid;
	char last[512];
	int order_ok;
	char errors[4][512];
	size_t n_errors;
};

static int tally_record(void *ctx, const struct cve5_record *r)
{
	struct tally *t = ctx;
	t->records++;
	if (strcmp(r->data_version, "5.0") == 0)
		t->v50++;
	else if (strcmp(r->data_version, "5.1") == 0)
		t->v51++;
	else if (strcmp(r->data_version, "5.2") == 0)
		t->v52++;
	/* the walk goes in name order */
	if (strcmp(t->last, r->path) >= 0)
		t->order_ok = 0;
	snprintf(t->last, sizeof(t->last), "%s", r->path);
	assert_true(r->has_cna);
	assert_int_equal(r->state, CVE5_STATE_PUBLISHED);
	assert_true(r->cna.n_descriptions >= 1);
	assert_true(r->cna.n_affected >= 1);
	assert_non_null(r->cna.org_id);
	assert_non_null(r->cna.descriptions[0].value);
	t->adp += r->n_adp;
	for (size_t i = 0; i < r->n_adp; i++)
		t->ssvc += r->adp[i].ssvc != NULL;
	t->cvss += r->cna.n_metrics;
	/* everything the CVE Program publishes satisfies the 5.1.1 essentials */
	size_t len;
	char *json = slurp(r->path, &len);
	char err[512];
	if (cve5_validate(json, len, err, sizeof(err)) != ERR_OK)
		t->invalid++;
	free(json);
	return 0;
}

static int note_error(void *ctx, const char *path, int code, const char *msg)
{
	struct tally *t = ctx;
	(void)path;
	(void)code;
	if (t->n_errors < 4)
		snprintf(t->errors[t->n_errors], sizeof(t->errors[0]), "%s", msg);
	t->n_errors++;
	return 0;
}

static void test_cve5_every_real_record_reads_and_validates(void **state)
{
	(void)state;
	char dir[512], err[256];
	data_path(dir, sizeof(dir), "nvd/fixtures-osv");
	struct tally t = { .order_ok = 1 };
	struct cve5_walk_stats st;
	assert_int_equal(cve5_walk_dir(dir, tally_record, note_error, &t, &st, err, sizeof(err)), 0);
	/* 13 records in cve5/, 11 in cvelistV5/; NVD 2.0, NVD 1.1 and OSV files are skipped */
	assert_int_equal(st.files, 54);
	assert_int_equal(st.records, 24);
	assert_int_equal(st.skipped, 30);
	assert_int_equal(st.failed, 0);
	assert_int_equal(t.records, 24);
	assert_int_equal(t.v50, 3);
	assert_int_equal(t.v51, 15);
	assert_int_equal(t.v52, 6);
	assert_int_equal(t.adp, 32);      /* CVE Program Container and CISA-ADP */
	assert_int_equal(t.ssvc, 17);     /* CISA-ADP's SSVC decision points */
	assert_int_equal(t.cvss, 15);     /* CVSS objects in CNA containers */
	assert_int_equal(t.invalid, 0);
	assert_true(t.order_ok);
}

/* ---- spot checks ---- */

static const struct cve5_container *adp_named(const struct cve5_record *r, const char *name)
{
	for (size_t i = 0; i < r->n_adp; i++)
		if (r->adp[i].short_name && strcmp(r->adp[i].short_name, name) == 0)
			return &r->adp[i];
	return NULL;
}

static int check_log4shell(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	assert_string_equal(r->cve_id, "CVE-2021-44228");
	assert_string_equal(r->data_version, "5.1");
	assert_string_equal(r->assigner_short_name, "apache");
	assert_string_equal(r->date_published, "2021-12-10T00:00:00.000Z");
	assert_string_equal(r->cna.title, "Apache Log4j2 JNDI features do not protect against "
	                                  "attacker controlled LDAP and other JNDI related endpoints");
	assert_int_equal(r->cna.n_affected, 1);
	const struct cve5_affected *a = &r->cna.affected[0];
	assert_string_equal(a->vendor, "Apache Software Foundation");
	assert_string_equal(a->product, "Apache Log4j2");
	assert_int_equal(a->n_versions, 1);
	const struct cve5_version *v = &a->versions[0];
	assert_string_equal(v->version, "2.0-beta9");
	/* Apache's record puts a package pattern where a version bound belongs */
	assert_string_equal(v->less_than, "log4j-core*");
	assert_string_equal(v->version_type, "custom");
	assert_null(v->less_than_or_equal);
	assert_int_equal(v->n_changes, 5);
	assert_string_equal(v->changes[0].at, "2.3.1");
	assert_string_equal(v->changes[0].status, "unaffected");
	assert_string_equal(v->changes[4].at, "2.15.0");
	assert_int_equal(r->cna.n_problems, 3);
	assert_string_equal(r->cna.problems[0].cwe_id, "CWE-502");
	assert_int_equal(r->cna.n_metrics, 0);       /* only an "other" metric */
	assert_int_equal(r->cna.n_references, 53);
	const struct cve5_container *cve = adp_named(r, "CVE");
	assert_non_null(cve);
	assert_string_equal(cve->title, "CVE Program Container");
	assert_int_equal(cve->n_references, 53);
	assert_true(cve->references[0].n_tags >= 1);
	const struct cve5_container *cisa = adp_named(r, "CISA-ADP");
	assert_non_null(cisa);
	assert_non_null(cisa->ssvc);
	assert_string_equal(cisa->ssvc->exploitation, "active");
	assert_string_equal(cisa->ssvc->automatable, "yes");
	assert_string_equal(cisa->ssvc->technical_impact, "total");
	assert_string_equal(cisa->ssvc->version, "2.0.3");
	assert_non_null(cisa->kev);
	assert_string_equal(cisa->kev->date_added, "2021-12-10");
	assert_int_equal(cisa->n_metrics, 1);
	assert_int_equal(cisa->metrics[0].version, CVE5_CVSS_V3_1);
	assert_string_equal(cisa->metrics[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
	assert_true(cisa->metrics[0].base_score == 10.0);
	assert_string_equal(cisa->metrics[0].base_severity, "CRITICAL");
	return 0;
}

static void test_cve5_log4shell_cna_and_adp_fields(void **state)
{
	(void)state;
	char path[512], err[256];
	data_path(path, sizeof(path), "nvd/fixtures-osv/cvelistV5/cves/2021/44xxx/CVE-2021-44228.json");
	int calls = 0;
	assert_int_equal(cve5_read_file(path, check_log4shell, &calls, err, sizeof(err)), ERR_OK);
	assert_int_equal(calls, 1);
}

static int check_xz(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	assert_string_equal(r->cve_id, "CVE-2024-3094");
	assert_string_equal(r->data_version, "5.2");
	assert_string_equal(r->date_updated, "2025-11-20T07:17:48.594Z");
	assert_int_equal(r->cna.n_affected, 7);
	const struct cve5_affected *a = &r->cna.affected[0];
	assert_null(a->vendor);
	assert_string_equal(a->package_name, "xz");
	assert_string_equal(a->collection_url, "https://github.com/tukaani-project/xz");
	assert_string_equal(a->default_status, "unaffected");
	assert_int_equal(a->n_versions, 2);
	assert_string_equal(a->versions[1].version, "5.6.1");
	assert_string_equal(a->versions[1].status, "affected");
	assert_null(a->versions[1].less_than);
	assert_int_equal(r->cna.affected[1].n_cpes, 1);
	assert_string_equal(r->cna.affected[1].cpes[0], "cpe:/o:redhat:enterprise_linux:10");
	assert_int_equal(r->cna.n_metrics, 1);
	assert_true(r->cna.metrics[0].base_score == 10.0);
	assert_string_equal(r->cna.problems[0].cwe_id, "CWE-506");
	assert_int_equal(r->n_adp, 2);
	assert_string_equal(r->adp[0].short_name, "CISA-ADP");
	assert_string_equal(r->adp[1].short_name, "CVE");
	assert_int_equal(r->adp[1].n_references, 55);
	return 0;
}

static int check_metrics(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	if (strcmp(r->cve_id, "CVE-2016-15012") == 0) {
		assert_int_equal(r->cna.n_descriptions, 2);
		assert_string_equal(r->cna.descriptions[1].lang, "de");
		assert_int_equal(r->cna.n_metrics, 3);
		assert_int_equal(r->cna.metrics[0].version, CVE5_CVSS_V3_1);
		assert_int_equal(r->cna.metrics[1].version, CVE5_CVSS_V3_0);
		assert_int_equal(r->cna.metrics[2].version, CVE5_CVSS_V2_0);
		assert_string_equal(r->cna.metrics[2].vector, "AV:A/AC:L/Au:S/C:P/I:P/A:P");
		assert_true(r->cna.metrics[2].base_score == 5.2);
		assert_null(r->cna.metrics[2].base_severity);
	} else {
		assert_string_equal(r->cve_id, "CVE-2025-4565");
		assert_int_equal(r->cna.n_metrics, 1);
		assert_int_equal(r->cna.metrics[0].version, CVE5_CVSS_V4_0);
		assert_string_equal(r->cna.metrics[0].vector,
		                    "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N");
		assert_true(r->cna.metrics[0].base_score == 8.2);
		assert_string_equal(r->cna.metrics[0].scenario, "GENERAL");
		assert_string_equal(r->cna.affected[0].versions[2].less_than, "6.31.1");
		assert_string_equal(r->cna.affected[0].versions[2].version_type, "semver");
	}
	return 0;
}

static void test_cve5_spot_checks_of_5_2_and_cvss_versions(void **state)
{
	(void)state;
	char path[512], err[256];
	int calls = 0;
	data_path(path, sizeof(path), "nvd/fixtures-osv/cve5/CVE-2024-3094.json");
	assert_int_equal(cve5_read_file(path, check_xz, &calls, err, sizeof(err)), ERR_OK);
	data_path(path, sizeof(path), "nvd/fixtures-osv/cve5/CVE-2016-15012.json");
	assert_int_equal(cve5_read_file(path, check_metrics, &calls, err, sizeof(err)), ERR_OK);
	data_path(path, sizeof(path), "nvd/fixtures-osv/cve5/CVE-2025-4565.json");
	assert_int_equal(cve5_read_file(path, check_metrics, &calls, err, sizeof(err)), ERR_OK);
	assert_int_equal(calls, 3);
}

static int check_two_nodes(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	assert_int_equal(r->cna.n_applicability, 1);
	const struct cve5_applicability *ap = &r->cna.applicability[0];
	assert_string_equal(ap->op, "AND");
	assert_int_equal(ap->n_nodes, 2);
	assert_int_equal(ap->nodes[0].n_matches, 1);
	assert_string_equal(ap->nodes[0].matches[0].version_start_including, "1.0");
	assert_true(ap->nodes[1].negate);
	assert_false(ap->nodes[1].matches[0].vulnerable);
	return 0;
}

/* The Linux kernel CNA states where its CVEs apply in NVD's configuration shape. */
static int check_applicability(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	assert_string_equal(r->cve_id, "CVE-2025-21772");
	assert_int_equal(r->cna.n_applicability, 1);
	const struct cve5_applicability *ap = &r->cna.applicability[0];
	assert_int_equal(ap->n_nodes, 1);
	assert_string_equal(ap->nodes[0].op, "OR");
	assert_false(ap->nodes[0].negate);
	assert_int_equal(ap->nodes[0].n_matches, 8);
	const struct cve5_cpe_match *m = &ap->nodes[0].matches[0];
	assert_true(m->vulnerable);
	assert_string_equal(m->criteria, "cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*");
	assert_string_equal(m->version_end_excluding, "5.4.291");
	assert_null(m->version_start_including);
	assert_string_equal(ap->nodes[0].matches[7].version_end_excluding, "6.14");
	return 0;
}

static void test_cve5_cpe_applicability_reads_as_configurations(void **state)
{
	(void)state;
	char path[512], err[256];
	int calls = 0;
	data_path(path, sizeof(path), "nvd/fixtures-osv/cvelistV5/cves/2025/21xxx/CVE-2025-21772.json");
	assert_int_equal(cve5_read_file(path, check_applicability, &calls, err, sizeof(err)), ERR_OK);
	assert_int_equal(calls, 1);
	/* a match without criteria is dropped; one with it keeps its bounds */
	static const char rec[] =
		"{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-0001\","
		"\"state\":\"PUBLISHED\"},\"containers\":{\"cna\":{\"cpeApplicability\":[{\"operator\":\"AND\","
		"\"nodes\":[{\"operator\":\"OR\",\"cpeMatch\":[{\"vulnerable\":true},{\"vulnerable\":true,"
		"\"criteria\":\"cpe:2.3:a:x:y:*:*:*:*:*:*:*:*\",\"versionStartIncluding\":\"1.0\"}]},"
		"{\"operator\":\"OR\",\"negate\":true,\"cpeMatch\":[{\"vulnerable\":false,"
		"\"criteria\":\"cpe:2.3:o:x:os:-:*:*:*:*:*:*:*\"}]}]}]}}}";
	assert_int_equal(cve5_read_mem("r.json", rec, strlen(rec), check_two_nodes, &calls, err, sizeof(err)),
	                 ERR_OK);
	assert_int_equal(calls, 2);
}

/* ---- states ---- */

/* The shape cvelistV5 gives a rejected CVE. */
static const char rejected[] =
	"{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{"
	"\"cveId\":\"CVE-2023-0002\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\","
	"\"assignerShortName\":\"example\",\"state\":\"REJECTED\","
	"\"dateReserved\":\"2023-01-01T00:00:00.000Z\",\"dateRejected\":\"2023-03-01T00:00:00.000Z\","
	"\"dateUpdated\":\"2023-03-01T00:00:00.000Z\"},"
	"\"containers\":{\"cna\":{\"providerMetadata\":{"
	"\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"shortName\":\"example\"},"
	"\"rejectedReasons\":[{\"lang\":\"en\",\"value\":\"** REJECT ** DO NOT USE THIS CANDIDATE "
	"NUMBER. Reason: This candidate is a duplicate of CVE-2023-0001.\"}],"
	"\"replacedBy\":[\"CVE-2023-0001\"]}}}";

static int check_rejected(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	assert_int_equal(r->state, CVE5_STATE_REJECTED);
	assert_string_equal(r->date_rejected, "2023-03-01T00:00:00.000Z");
	assert_int_equal(r->cna.n_rejected_reasons, 1);
	assert_string_equal(r->cna.rejected_reasons[0].lang, "en");
	assert_non_null(strstr(r->cna.rejected_reasons[0].value, "duplicate of CVE-2023-0001"));
	assert_int_equal(r->cna.n_replaced_by, 1);
	assert_string_equal(r->cna.replaced_by[0], "CVE-2023-0001");
	assert_int_equal(r->cna.n_affected, 0);
	return 0;
}

static int check_reserved(void *ctx, const struct cve5_record *r)
{
	(*(int *)ctx)++;
	assert_int_equal(r->state, CVE5_STATE_RESERVED);
	assert_false(r->has_cna);
	assert_string_equal(r->cve_id, "CVE-2017-5833");
	return 0;
}

static void test_cve5_rejected_carries_reasons_and_reserved_has_no_cna(void **state)
{
	(void)state;
	char err[256], path[512];
	int calls = 0;
	assert_int_equal(cve5_read_mem("rejected.json", rejected, sizeof(rejected) - 1,
	                               check_rejected, &calls, err, sizeof(err)), ERR_OK);
	assert_int_equal(cve5_validate(rejected, sizeof(rejected) - 1, err, sizeof(err)), ERR_OK);
	data_path(path, sizeof(path), "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-5833_reserved.json");
	assert_int_equal(cve5_read_file(path, check_reserved, &calls, err, sizeof(err)), ERR_OK);
	assert_int_equal(calls, 2);
}

struct bad {
	const char *json;
	int code;
	const char *msg;
};

static void test_cve5_reader_errors_name_the_file(void **state)
{
	(void)state;
	static const struct bad cases[] = {
		{ "{\"dataType\":\"CVE_RECORD\",\n \"dataVersion\": 5.1,}", ERR_INVALID, "r.json: line 2," },
		{ "{\"dataType\":\"CVE_RECORD\",\"dataType\":\"CVE_RECORD\"}", ERR_INVALID, "duplicate" },
		{ "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"4.0\"}", ERR_INVALID,
		  "r.json: dataVersion \"4.0\" is not 5.x" },
		{ "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":"
		  "{\"cveId\":\"CVE-1-1\",\"state\":\"PUBLISHED\"}}", ERR_INVALID,
		  "cveMetadata.cveId \"CVE-1-1\"" },
		{ "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":"
		  "{\"cveId\":\"CVE-2024-0001\",\"state\":\"DRAFT\"}}", ERR_INVALID,
		  "CVE-2024-0001: state \"DRAFT\"" },
		{ "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":"
		  "{\"cveId\":\"CVE-2024-0001\",\"state\":\"PUBLISHED\"},\"containers\":{}}", ERR_INVALID,
		  "CVE-2024-0001: no containers.cna object" },
		{ "{\"resultsPerPage\":1,\"vulnerabilities\":[]}", ERR_INVALID, "not a CVE record" },
		{ "[]", ERR_INVALID, "not a CVE record" },
		{ "", ERR_INVALID, "r.json:" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char err[256];
		int rc = cve5_read_mem("r.json", cases[i].json, strlen(cases[i].json), NULL, NULL, err,
		                       sizeof(err));
		if (rc != cases[i].code || !strstr(err, cases[i].msg))
			fail_msg("case %zu: rc %d, error \"%s\"; wanted %d and \"%s\"", i, rc, err,
			         cases[i].code, cases[i].msg);
	}
}

/* ---- the walk ---- */

static int stop_at_second(void *ctx, const struct cve5_record *r)
{
	(void)r;
	return ++*(int *)ctx == 2 ? 99 : 0;
}

static void test_cve5_walk_counts_failures_and_stops_on_request(void **state)
{
	(void)state;
	char dir[512], err[512];
	data_path(dir, sizeof(dir), "cve5");
	struct tally t = { .order_ok = 1 };
	struct cve5_walk_stats st;
	int calls = 0;
	/* CVE-2017-4024_version_fail (dataVersion 4.0) and CVE-2017-5835_rejected (no
	 * containers) fail; schemas, CVE JSON 4 and API bodies are not records */
	assert_int_equal(cve5_walk_dir(dir, NULL, note_error, &t, &st, err, sizeof(err)), 0);
	assert_int_equal(st.files, 53);
	assert_int_equal(st.records, 8);
	assert_int_equal(st.failed, 2);
	assert_int_equal(st.skipped, 43);
	assert_int_equal(t.n_errors, 2);
	assert_non_null(strstr(t.errors[0], "CVE-2017-4024_version_fail.json: dataVersion \"4.0\""));
	assert_non_null(strstr(t.errors[1], "CVE-2017-5835_rejected.json: CVE-2017-5835: no containers.cna"));
	assert_int_equal(cve5_walk_dir(dir, stop_at_second, NULL, &calls, &st, err, sizeof(err)), 99);
	assert_int_equal(calls, 2);
	assert_int_equal(st.records, 1);
	assert_non_null(strstr(err, "stopped by the caller"));
	assert_int_equal(cve5_walk_dir("/nonexistent/vans", NULL, NULL, NULL, &st, err, sizeof(err)),
	                 ERR_IO);
}

/* ---- the validator ---- */

/* Verdicts of the CVE Record Format 5.1.1 bundled schema on each file (computed with a
 * JSON Schema engine when this table was written). Files named *_fail* must fail;
 * several others fail too: they predate 5.1.1 (top-level descriptions, RESERVED
 * state), carry a date in the year 3024, or are containers and API bodies rather than
 * records. */
static const struct { const char *path; int valid; } fixtures[] = {
	{ "cve5/cve-services-fixtures/schemas/cve/adp-minimum-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/cna-minimum-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-adp-record-adp-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-cve-record-cna-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-cve-record-rejection-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-cve-record-rejection-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-cve-record-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-cve-record-secretariat-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/create-full-cve-record-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/cursor-cve-records-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/cve-record-minimum-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/get-cve-record-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/list-cve-records-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/published-cve-example.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/rejected-create-cve-example.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/rejected-cve-example.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/update-cve-record-rejection-request.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/update-cve-record-rejection-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/update-cve-record-response.json", 0 },
	{ "cve5/cve-services-fixtures/schemas/cve/update-full-cve-record-response.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-35437.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5832_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5832_public.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5832_public_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5832_reject_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5832_reserved_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5833_reserved.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/CVE-2017-5835_reject.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/4.0/cveRecordList.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_fail_cveMetadata.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_published.json", 1 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_published_bad_datePublic.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_published_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_rejected_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_reserved_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-4024_version_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-5833_reserved.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-5835_rejected.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/adpContainerExample.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/cveRecordList.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/5.0/rejectCveExample.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/cna-container/cna-container-missing-container.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/cna-container/cna-container_fail.json", 0 },
	{ "cve5/cve-services-fixtures/test/schemas/cna-container/cna-container_pass.json", 0 },
	{ "cve5/examples/CVEv5_advanced-example.json", 1 },
	{ "cve5/examples/CVEv5_basic-example.json", 1 },
	{ "cve5/examples/container-advanced-example.json", 0 },
	{ "cve5/examples/container-basic-example.json", 0 },
};

static void test_cve5_validator_agrees_with_the_schema_on_every_fixture(void **state)
{
	(void)state;
	char path[512], err[512];
	data_path(path, sizeof(path), "cve5");
	size_t agree = 0, n = sizeof(fixtures) / sizeof(fixtures[0]);
	for (size_t i = 0; i < n; i++) {
		data_path(path, sizeof(path), fixtures[i].path);
		size_t len;
		char *json = slurp(path, &len);
		int rc = cve5_validate(json, len, err, sizeof(err));
		free(json);
		if ((rc == ERR_OK) == fixtures[i].valid)
			agree++;
		else
			print_message("disagree: %s: %s\n", fixtures[i].path, rc ? err : "valid");
	}
	assert_int_equal(agree, n);
	assert_int_equal(n, 49);
}

/* A valid record and single changes to it; expected: NULL for valid, else the JSON path
 * the error must name. All agree with the 5.1.1 schema except four where the validator
 * is stricter on purpose: URLs must be RFC 3986 (the schema's "uri" format is often not
 * enforced by validators) and a CPE must match as a whole (the schema's pattern is not
 * anchored, so any text containing a CPE passes). */
static const struct { const char *name, *json, *path; } rules[] = {
	{ "a complete published record",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  NULL },
	{ "a rejected record",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "346\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"state\":\"REJECTED\",\""
	  "dateRejected\":\"2025-08-26T00:00:00Z\"},\"containers\":{\"cna\":{\"providerMetadata\":{\""
	  "orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\"},\"rejectedReasons\":[{\"lang\":\"en\",\""
	  "value\":\"This candidate is a duplicate of CVE-2025-12345.\"}],\"replacedBy\":[\"CVE-2"
	  "025-12345\"]}}}",
	  NULL },
	{ "cveId with a two-digit year",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-25-1234"
	  "5\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":\"t"
	  "wcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"containe"
	  "rs\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\""
	  "shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dateP"
	  "ublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-"
	  "based buffer overflow in the web administration interface of Example Router allo"
	  "ws remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Rou"
	  "ter 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defa"
	  "ultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:"
	  "/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"l"
	  "essThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaff"
	  "ected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descripti"
	  "ons\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\""
	  "CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-"
	  "132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example."
	  "com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"s"
	  "cenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorS"
	  "tring\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSever"
	  "ity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:"
	  "L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\""
	  "CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timel"
	  "ine\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],"
	  "\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "cveMetadata.cveId" },
	{ "cveId with three digits",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "3\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":\"t"
	  "wcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"containe"
	  "rs\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\""
	  "shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dateP"
	  "ublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-"
	  "based buffer overflow in the web administration interface of Example Router allo"
	  "ws remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Rou"
	  "ter 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defa"
	  "ultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:"
	  "/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"l"
	  "essThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaff"
	  "ected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descripti"
	  "ons\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\""
	  "CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-"
	  "132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example."
	  "com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"s"
	  "cenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorS"
	  "tring\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSever"
	  "ity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:"
	  "L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\""
	  "CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timel"
	  "ine\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],"
	  "\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "cveMetadata.cveId" },
	{ "assignerOrgId not a v4 UUID",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-11a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "cveMetadata.assignerOrgId" },
	{ "state RESERVED",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"RESERVED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contain"
	  "ers\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\","
	  "\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"date"
	  "Public\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack"
	  "-based buffer overflow in the web administration interface of Example Router all"
	  "ows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Ro"
	  "uter 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"def"
	  "aultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe"
	  ":/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\""
	  "lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaf"
	  "fected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descript"
	  "ions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":"
	  "\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp"
	  "-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example"
	  ".com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\""
	  "scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vector"
	  "String\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeve"
	  "rity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC"
	  ":L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":"
	  "\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"time"
	  "line\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}]"
	  ",\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "cveMetadata.state" },
	{ "no assignerOrgId",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerShortName\":\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-2"
	  "5T06:00:00.000Z\"},\"containers\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3"
	  "d-41a6-98d0-0f47421a65b6\",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Examp"
	  "le Router web admin\",\"datePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"l"
	  "ang\":\"en\",\"value\":\"A stack-based buffer overflow in the web administration inter"
	  "face of Example Router allows remote attackers to execute code.\"},{\"lang\":\"zh-Ha"
	  "nt-TW\",\"value\":\"Example Router 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Exampl"
	  "e\",\"product\":\"Router\",\"defaultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:ro"
	  "uter:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router_firmware\"],\"versions\":[{\"version\":\""
	  "1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\""
	  "at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],"
	  "\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based"
	  " Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https"
	  "://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\""
	  "]},{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"me"
	  "trics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1"
	  "\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\""
	  ",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vecto"
	  "rString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"base"
	  "Score\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Do"
	  "e\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"val"
	  "ue\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "cveMetadata" },
	{ "dataVersion 4.0",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"4.0\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "(record)" },
	{ "an unknown top-level property",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}}},\"extra\":1}",
	  "(record)" },
	{ "datePublished on 29 February 2025",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-02-29T00:00:00Z\"},\"containers"
	  "\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"sh"
	  "ortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"datePub"
	  "lic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-ba"
	  "sed buffer overflow in the web administration interface of Example Router allows"
	  " remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Route"
	  "r 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaul"
	  "tStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o"
	  ":example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"les"
	  "sThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffec"
	  "ted\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"description"
	  "s\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CW"
	  "E-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-13"
	  "2-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.co"
	  "m/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"sce"
	  "narios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorStr"
	  "ing\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverit"
	  "y\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/"
	  "AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CR"
	  "ITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timelin"
	  "e\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x"
	  "_generator\":{\"engine\":\"vans\"}}}}",
	  "cveMetadata.datePublished" },
	{ "datePublic on a leap day with an offset",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2024-02-29T23:59:59.5+08:00\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A s"
	  "tack-based buffer overflow in the web administration interface of Example Router"
	  " allows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Exampl"
	  "e Router 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\","
	  "\"defaultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\","
	  "\"cpe:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affecte"
	  "d\",\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\""
	  "unaffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"desc"
	  "riptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cwe"
	  "Id\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/t"
	  "w/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exa"
	  "mple.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVS"
	  "S\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"ve"
	  "ctorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"base"
	  "Severity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:"
	  "N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeveri"
	  "ty\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\""
	  "timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendo"
	  "r\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  NULL },
	{ "datePublic without a time",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-based buffer"
	  " overflow in the web administration interface of Example Router allows remote at"
	  "tackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Router 網頁管理介面存在"
	  "堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaultStatus\":\""
	  "unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:r"
	  "outer_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1."
	  "4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\""
	  "version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang"
	  "\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"ty"
	  "pe\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abc"
	  "de-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security"
	  "?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{"
	  "\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS"
	  ":3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITIC"
	  "AL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/"
	  "UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}]"
	  ",\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time"
	  "\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator"
	  "\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.datePublic" },
	{ "datePublic at hour 24",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T24:00:00Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-ba"
	  "sed buffer overflow in the web administration interface of Example Router allows"
	  " remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Route"
	  "r 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaul"
	  "tStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o"
	  ":example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"les"
	  "sThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffec"
	  "ted\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"description"
	  "s\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CW"
	  "E-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-13"
	  "2-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.co"
	  "m/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"sce"
	  "narios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorStr"
	  "ing\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverit"
	  "y\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/"
	  "AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CR"
	  "ITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timelin"
	  "e\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x"
	  "_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.datePublic" },
	{ "description lang \"english\"",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"english\",\"value\":\"A"
	  " stack-based buffer overflow in the web administration interface of Example Rout"
	  "er allows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Exam"
	  "ple Router 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router"
	  "\",\"defaultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*"
	  "\",\"cpe:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affec"
	  "ted\",\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\""
	  ":\"unaffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"de"
	  "scriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"c"
	  "weId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw"
	  "/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://e"
	  "xample.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"C"
	  "VSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\""
	  "vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"ba"
	  "seSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/A"
	  "V:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeve"
	  "rity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}]"
	  ",\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to ven"
	  "dor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.descriptions[0].lang" },
	{ "no English description",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"fr\",\"value\":\"Débord"
	  "ement de pile.\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaultSta"
	  "tus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:exa"
	  "mple:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessTha"
	  "n\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\""
	  "}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":["
	  "{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-12"
	  "1\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-12"
	  "34-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/se"
	  "curity?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenari"
	  "os\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\""
	  ":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\""
	  "CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N"
	  "/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITIC"
	  "AL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":["
	  "{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_gen"
	  "erator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.descriptions" },
	{ "lang \"eng\" is not English for the schema",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"eng\",\"value\":\"Stack"
	  " overflow.\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaultStatus\""
	  ":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example"
	  ":router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\""
	  "1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},"
	  "{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"la"
	  "ng\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\""
	  "type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-a"
	  "bcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/securi"
	  "ty?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":"
	  "[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CV"
	  "SS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRIT"
	  "ICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:"
	  "N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}"
	  "}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"ti"
	  "me\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generat"
	  "or\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.descriptions" },
	{ "empty description",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"\"},{\"l"
	  "ang\":\"zh-Hant-TW\",\"value\":\"Example Router 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vend"
	  "or\":\"Example\",\"product\":\"Router\",\"defaultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h"
	  ":example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router_firmware\"],\"versions\":[{"
	  "\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"c"
	  "hanges\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2.0.1\",\"status\":\"aff"
	  "ected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 "
	  "Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\""
	  "url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-part"
	  "y-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advi"
	  "sory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}"
	  "],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C"
	  ":H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\""
	  "4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/"
	  "SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"valu"
	  "e\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang"
	  "\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.descriptions[0].value" },
	{ "no affected",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"descrip"
	  "tion\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\""
	  "references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tag"
	  "s\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"nam"
	  "e\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"va"
	  "lue\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/"
	  "PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_"
	  "0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
	  "VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"l"
	  "ang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T0"
	  "0:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"va"
	  "ns\"}}}}",
	  "containers.cna" },
	{ "no references",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en"
	  "\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/"
	  "AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cv"
	  "ssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/"
	  "VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\""
	  ":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08"
	  "-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine"
	  "\":\"vans\"}}}}",
	  "containers.cna" },
	{ "empty references",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[],\"metrics\":[{\"format\":\"CVSS\",\"scenari"
	  "os\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\""
	  ":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\""
	  "CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N"
	  "/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITIC"
	  "AL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":["
	  "{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_gen"
	  "erator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.references" },
	{ "URL without a scheme",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"www.example.com/advisory\",\"tag"
	  "s\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"nam"
	  "e\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"va"
	  "lue\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/"
	  "PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_"
	  "0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
	  "VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"l"
	  "ang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T0"
	  "0:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"va"
	  "ns\"}}}}",
	  "containers.cna.references[0].url" },
	{ "URL with a space",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://example.com/a b\",\"tags"
	  "\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"name"
	  "\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"val"
	  "ue\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/P"
	  "R:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0"
	  "\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/V"
	  "A:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"la"
	  "ng\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00"
	  ":00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"van"
	  "s\"}}}}",
	  "containers.cna.references[0].url" },
	{ "URL with a bad percent escape",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://example.com/%zz\",\"tags"
	  "\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"name"
	  "\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"val"
	  "ue\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/P"
	  "R:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0"
	  "\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/V"
	  "A:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"la"
	  "ng\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00"
	  ":00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"van"
	  "s\"}}}}",
	  "containers.cna.references[0].url" },
	{ "unknown reference tag",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"advisory\"]},{\"url\":\"https://example.com/securi"
	  "ty?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":"
	  "[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CV"
	  "SS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRIT"
	  "ICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:"
	  "N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}"
	  "}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"ti"
	  "me\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generat"
	  "or\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.references[0].tags[0]" },
	{ "x_ reference tag",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"x_internal\"]},{\"url\":\"https://example.com/secu"
	  "rity?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios"
	  "\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\""
	  "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CR"
	  "ITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/P"
	  "R:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL"
	  "\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\""
	  "time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_gener"
	  "ator\":{\"engine\":\"vans\"}}}}",
	  NULL },
	{ "the same reference twice",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"},{\"url\":\"https://www.twcert.or"
	  "g.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]}],\"metrics\":[{"
	  "\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"versi"
	  "on\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseSco"
	  "re\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":"
	  "\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9."
	  "3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\""
	  ":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Repo"
	  "rted to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.references" },
	{ "a range without versionType",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":"
	  "\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"d"
	  "escription\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\""
	  "}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html"
	  "\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top"
	  "\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"e"
	  "n\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N"
	  "/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"c"
	  "vssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H"
	  "/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits"
	  "\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-0"
	  "8-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engin"
	  "e\":\"vans\"}}}}",
	  "containers.cna.affected[0].versions[0]" },
	{ "lessThan and lessThanOrEqual together",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}],\"lessThanOrEqual\":\"1.5\"},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\""
	  "problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based "
	  "Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https:"
	  "//www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]"
	  "},{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"met"
	  "rics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\""
	  ":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
	  "\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vector"
	  "String\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseS"
	  "core\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe"
	  "\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"valu"
	  "e\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.affected[0].versions[0]" },
	{ "status \"fixed\"",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"fixed\"}]}],\"problemTypes\":[{\"descriptio"
	  "ns\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"C"
	  "WE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-1"
	  "32-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.c"
	  "om/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"sc"
	  "enarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorSt"
	  "ring\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeveri"
	  "ty\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L"
	  "/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"C"
	  "RITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeli"
	  "ne\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\""
	  "x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.affected[0].versions[1].status" },
	{ "changes on a single version",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\",\"changes\":[{\"at\":\"2.0.2\",\"sta"
	  "tus\":\"unaffected\"}]}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"descripti"
	  "on\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"re"
	  "ferences\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\""
	  ":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"name\""
	  ":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"valu"
	  "e\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR"
	  ":N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\""
	  ":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA"
	  ":H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lan"
	  "g\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:"
	  "00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans"
	  "\"}}}}",
	  "containers.cna.affected[0].versions[1]" },
	{ "a single version with versionType",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\",\"versionType\":\"semver\"}]}],\"p"
	  "roblemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based B"
	  "uffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https:/"
	  "/www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]}"
	  ",{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metr"
	  "ics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":"
	  "{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\""
	  "baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorS"
	  "tring\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseSc"
	  "ore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\""
	  ",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value"
	  "\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  NULL },
	{ "a change to status \"patched\"",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"pat"
	  "ched\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptio"
	  "ns\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"C"
	  "WE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-1"
	  "32-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.c"
	  "om/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"sc"
	  "enarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorSt"
	  "ring\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeveri"
	  "ty\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L"
	  "/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"C"
	  "RITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeli"
	  "ne\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\""
	  "x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.affected[0].versions[0].changes[0].status" },
	{ "an empty version",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions"
	  "\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE"
	  "-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132"
	  "-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com"
	  "/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scen"
	  "arios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorStri"
	  "ng\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity"
	  "\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/A"
	  "T:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRI"
	  "TICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline"
	  "\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_"
	  "generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.affected[0].versions[1].version" },
	{ "neither versions nor defaultStatus",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"cp"
	  "es\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router_firmware\""
	  "]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-b"
	  "ased Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"h"
	  "ttps://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advis"
	  "ory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advisory\"}]"
	  ",\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvss"
	  "V3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/"
	  "A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"v"
	  "ectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\""
	  "baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jan"
	  "e Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\","
	  "\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.affected[0]" },
	{ "product without vendor",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"product\":\"Router\",\"defaultStatus\":\"unaff"
	  "ected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router"
	  "_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\","
	  "\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"versi"
	  "on\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en"
	  "\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\""
	  "CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1."
	  "html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1"
	  "#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang"
	  "\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/"
	  "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}}"
	  ",{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/"
	  "VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"cre"
	  "dits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"20"
	  "25-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"e"
	  "ngine\":\"vans\"}}}}",
	  "containers.cna.affected[0]" },
	{ "a package instead of vendor and product",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"defaultStatus\":\"unaffected\",\"cpes\":[\"cpe"
	  ":2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router_firmware\"],\"versio"
	  "ns\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versionType\":\"semv"
	  "er\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2.0.1\",\"status"
	  "\":\"affected\"}],\"collectionURL\":\"https://pypi.org\",\"packageName\":\"example-router\""
	  "}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-ba"
	  "sed Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"ht"
	  "tps://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-adviso"
	  "ry\"]},{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],"
	  "\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV"
	  "3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A"
	  ":H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"ve"
	  "ctorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"b"
	  "aseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane"
	  " Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\""
	  "value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  NULL },
	{ "a truncated CPE 2.3 name",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:a:example\"],\"versions\":[{\"version\":\"1"
	  ".0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"a"
	  "t\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\""
	  "problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based "
	  "Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https:"
	  "//www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]"
	  "},{\"url\":\"https://example.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"met"
	  "rics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\""
	  ":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\","
	  "\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vector"
	  "String\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseS"
	  "core\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe"
	  "\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"valu"
	  "e\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.affected[0].cpes[0]" },
	{ "a CPE 2.3 name with 14 parts",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:a:example:router:1.0:*:*:*:*:*:*:*:*\""
	  "],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versionTy"
	  "pe\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2.0.1"
	  "\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"descrip"
	  "tion\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}],\""
	  "references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\"tag"
	  "s\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\"nam"
	  "e\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\",\"va"
	  "lue\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/"
	  "PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvssV4_"
	  "0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/"
	  "VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":[{\"l"
	  "ang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T0"
	  "0:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":\"va"
	  "ns\"}}}}",
	  "containers.cna.affected[0].cpes[0]" },
	{ "a CPE 2.3 name with an escape and a language",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:a:example:router\\\\!:1.0:*:*:zh-tw:*:*"
	  ":*:*\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"vers"
	  "ionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\""
	  "2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"de"
	  "scription\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}"
	  "]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\""
	  ",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\""
	  ",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en"
	  "\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/"
	  "AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cv"
	  "ssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/"
	  "VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\""
	  ":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08"
	  "-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine"
	  "\":\"vans\"}}}}",
	  NULL },
	{ "cweId with a leading zero",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-0121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/"
	  "cp-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://examp"
	  "le.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\""
	  ",\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vect"
	  "orString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSe"
	  "verity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/"
	  "AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity"
	  "\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"ti"
	  "meline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\""
	  "}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.problemTypes[0].descriptions[0].cweId" },
	{ "a bad CVSS 3.1 vector",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:X/AC:L\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvss"
	  "V4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI"
	  ":H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":["
	  "{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-0"
	  "1T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":"
	  "\"vans\"}}}}",
	  "containers.cna.metrics[0].cvssV3_1" },
	{ "a CVSS 3.1 score with two decimals",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.85,\"baseSe"
	  "verity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/"
	  "AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity"
	  "\":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"ti"
	  "meline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\""
	  "}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.metrics[0].cvssV3_1" },
	{ "cvssV3_1 claiming version 3.0",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.0\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.metrics[0].cvssV3_1" },
	{ "a CVSS 4.0 vector missing SA",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRI"
	  "TICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline"
	  "\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_"
	  "generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.metrics[1].cvssV4_0" },
	{ "a metric with no score object",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}},{\"format\":\"CVSS\"}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"typ"
	  "e\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Re"
	  "ported to vendor\"}],\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.metrics[2]" },
	{ "an x_ property in the CNA container",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"},\"x_internal\":{\"ticket\":1}}}}",
	  NULL },
	{ "an x_ property with a dot",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"},\"x_a.b\":1}}}",
	  "containers.cna" },
	{ "dateAssigned",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"},\"dateAssigned\":\"2025-08-01T00:00:00Z\"}}}",
	  NULL },
	{ "a one-letter shortName",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"t\"},\"title\":\"Stack overflow in Example Router web admin\",\"datePubl"
	  "ic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-bas"
	  "ed buffer overflow in the web administration interface of Example Router allows "
	  "remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Router"
	  " 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"default"
	  "Status\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:"
	  "example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"less"
	  "Than\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffect"
	  "ed\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions"
	  "\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE"
	  "-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132"
	  "-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com"
	  "/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scen"
	  "arios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorStri"
	  "ng\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity"
	  "\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/A"
	  "T:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRI"
	  "TICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline"
	  "\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_"
	  "generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.providerMetadata.shortName" },
	{ "a 257-character title",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT"
	  "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT"
	  "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT"
	  "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT\",\"datePublic\":\"2025-08-20T00:0"
	  "0:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-based buffer overflow i"
	  "n the web administration interface of Example Router allows remote attackers to "
	  "execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Router 網頁管理介面存在堆疊緩衝區溢位。\"}]"
	  ",\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaultStatus\":\"unaffected\""
	  ",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router_firmw"
	  "are\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versi"
	  "onType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2"
	  ".0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"des"
	  "cription\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]"
	  "}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\","
	  "\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\","
	  "\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\""
	  ",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/A"
	  "C:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvs"
	  "sV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/V"
	  "I:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":"
	  "[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-"
	  "01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\""
	  ":\"vans\"}}}}",
	  "containers.cna.title" },
	{ "a 256-character CJK title",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱"
	  "弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱"
	  "弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱"
	  "弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱弱\",\"datePublic\":\"2025-08-20T00:00"
	  ":00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stack-based buffer overflow in"
	  " the web administration interface of Example Router allows remote attackers to e"
	  "xecute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example Router 網頁管理介面存在堆疊緩衝區溢位。\"}],"
	  "\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaultStatus\":\"unaffected\","
	  "\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:router_firmwa"
	  "re\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1.4.2\",\"versio"
	  "nType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\"version\":\"2."
	  "0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"desc"
	  "ription\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\":\"CWE-121\",\"type\":\"CWE\"}]}"
	  "],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/cp-132-1234-abcde-1.html\",\""
	  "tags\":[\"third-party-advisory\"]},{\"url\":\"https://example.com/security?id=1#top\",\""
	  "name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\",\"scenarios\":[{\"lang\":\"en\","
	  "\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC"
	  ":L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSeverity\":\"CRITICAL\"}},{\"cvss"
	  "V4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI"
	  ":H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\":\"CRITICAL\"}}],\"credits\":["
	  "{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"timeline\":[{\"time\":\"2025-08-0"
	  "1T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],\"x_generator\":{\"engine\":"
	  "\"vans\"}}}}",
	  NULL },
	{ "an unknown credit type",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"hero\"}],\"timel"
	  "ine\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}],"
	  "\"x_generator\":{\"engine\":\"vans\"}}}}",
	  "containers.cna.credits[0].type" },
	{ "an ADP container with SSVC",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}},\"adp\":[{\"providerMetadata\":{\"orgId\":\"134c704f"
	  "-9b21-4f2e-91b3-4a467353bcc0\",\"shortName\":\"CISA-ADP\"},\"metrics\":[{\"other\":{\"type"
	  "\":\"ssvc\",\"content\":{\"id\":\"CVE-2025-12345\",\"options\":[{\"Exploitation\":\"none\"}]}}}"
	  "]}]}}",
	  NULL },
	{ "an ADP container with only providerMetadata",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "345\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":"
	  "\"twcert\",\"state\":\"PUBLISHED\",\"datePublished\":\"2025-08-25T06:00:00.000Z\"},\"contai"
	  "ners\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\""
	  ",\"shortName\":\"twcert\"},\"title\":\"Stack overflow in Example Router web admin\",\"dat"
	  "ePublic\":\"2025-08-20T00:00:00.000Z\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"A stac"
	  "k-based buffer overflow in the web administration interface of Example Router al"
	  "lows remote attackers to execute code.\"},{\"lang\":\"zh-Hant-TW\",\"value\":\"Example R"
	  "outer 網頁管理介面存在堆疊緩衝區溢位。\"}],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"de"
	  "faultStatus\":\"unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cp"
	  "e:/o:example:router_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\","
	  "\"lessThan\":\"1.4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"una"
	  "ffected\"}]},{\"version\":\"2.0.1\",\"status\":\"affected\"}]}],\"problemTypes\":[{\"descrip"
	  "tions\":[{\"lang\":\"en\",\"description\":\"CWE-121 Stack-based Buffer Overflow\",\"cweId\""
	  ":\"CWE-121\",\"type\":\"CWE\"}]}],\"references\":[{\"url\":\"https://www.twcert.org.tw/tw/c"
	  "p-132-1234-abcde-1.html\",\"tags\":[\"third-party-advisory\"]},{\"url\":\"https://exampl"
	  "e.com/security?id=1#top\",\"name\":\"Vendor advisory\"}],\"metrics\":[{\"format\":\"CVSS\","
	  "\"scenarios\":[{\"lang\":\"en\",\"value\":\"GENERAL\"}],\"cvssV3_1\":{\"version\":\"3.1\",\"vecto"
	  "rString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":9.8,\"baseSev"
	  "erity\":\"CRITICAL\"}},{\"cvssV4_0\":{\"version\":\"4.0\",\"vectorString\":\"CVSS:4.0/AV:N/A"
	  "C:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\",\"baseScore\":9.3,\"baseSeverity\""
	  ":\"CRITICAL\"}}],\"credits\":[{\"lang\":\"en\",\"value\":\"Jane Doe\",\"type\":\"finder\"}],\"tim"
	  "eline\":[{\"time\":\"2025-08-01T00:00:00Z\",\"lang\":\"en\",\"value\":\"Reported to vendor\"}"
	  "],\"x_generator\":{\"engine\":\"vans\"}},\"adp\":[{\"providerMetadata\":{\"orgId\":\"134c704f"
	  "-9b21-4f2e-91b3-4a467353bcc0\"}}]}}",
	  "containers.adp[0]" },
	{ "a rejected record without rejectedReasons",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "346\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"state\":\"REJECTED\",\""
	  "dateRejected\":\"2025-08-26T00:00:00Z\"},\"containers\":{\"cna\":{\"providerMetadata\":{\""
	  "orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\"},\"replacedBy\":[\"CVE-2025-12345\"]}}"
	  "}",
	  "containers.cna" },
	{ "a rejected record with affected",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "346\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"state\":\"REJECTED\",\""
	  "dateRejected\":\"2025-08-26T00:00:00Z\"},\"containers\":{\"cna\":{\"providerMetadata\":{\""
	  "orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\"},\"rejectedReasons\":[{\"lang\":\"en\",\""
	  "value\":\"This candidate is a duplicate of CVE-2025-12345.\"}],\"replacedBy\":[\"CVE-2"
	  "025-12345\"],\"affected\":[{\"vendor\":\"Example\",\"product\":\"Router\",\"defaultStatus\":\""
	  "unaffected\",\"cpes\":[\"cpe:2.3:h:example:router:-:*:*:*:*:*:*:*\",\"cpe:/o:example:r"
	  "outer_firmware\"],\"versions\":[{\"version\":\"1.0\",\"status\":\"affected\",\"lessThan\":\"1."
	  "4.2\",\"versionType\":\"semver\",\"changes\":[{\"at\":\"1.2.0\",\"status\":\"unaffected\"}]},{\""
	  "version\":\"2.0.1\",\"status\":\"affected\"}]}]}}}",
	  "containers.cna" },
	{ "replacedBy with a bad id",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "346\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"state\":\"REJECTED\",\""
	  "dateRejected\":\"2025-08-26T00:00:00Z\"},\"containers\":{\"cna\":{\"providerMetadata\":{\""
	  "orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\"},\"rejectedReasons\":[{\"lang\":\"en\",\""
	  "value\":\"This candidate is a duplicate of CVE-2025-12345.\"}],\"replacedBy\":[\"CVE-2"
	  "025-1\"]}}}",
	  "containers.cna.replacedBy[0]" },
	{ "requesterUserId in a rejected record",
	  "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"CVE-2025-12"
	  "346\",\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"state\":\"REJECTED\",\""
	  "dateRejected\":\"2025-08-26T00:00:00Z\",\"requesterUserId\":\"b3476cb9-2e3d-41a6-98d0-"
	  "0f47421a65b6\"},\"containers\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-4"
	  "1a6-98d0-0f47421a65b6\"},\"rejectedReasons\":[{\"lang\":\"en\",\"value\":\"This candidate "
	  "is a duplicate of CVE-2025-12345.\"}],\"replacedBy\":[\"CVE-2025-12345\"]}}}",
	  "cveMetadata" },
};

static void test_cve5_validator_rules_and_error_paths(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		char err[512];
		int rc = cve5_validate(rules[i].json, strlen(rules[i].json), err, sizeof(err));
		if (!rules[i].path) {
			if (rc != ERR_OK)
				fail_msg("%s: should be valid, got \"%s\"", rules[i].name, err);
			continue;
		}
		size_t n = strlen(rules[i].path);
		if (rc != ERR_INVALID || strncmp(err, rules[i].path, n) != 0 || err[n] != ':')
			fail_msg("%s: rc %d \"%s\", wanted an error at %s", rules[i].name, rc, err,
			         rules[i].path);
	}
}

static void test_cve5_validator_refuses_bad_json(void **state)
{
	(void)state;
	char err[256];
	assert_int_equal(cve5_validate("{\"dataType\":", 12, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "line 1,"));
	assert_int_equal(cve5_validate("{\"a\":1,\"a\":2}", 13, err, sizeof(err)), ERR_INVALID);
	assert_int_equal(cve5_validate(NULL, 0, err, sizeof(err)), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cve5_every_real_record_reads_and_validates),
		cmocka_unit_test(test_cve5_log4shell_cna_and_adp_fields),
		cmocka_unit_test(test_cve5_spot_checks_of_5_2_and_cvss_versions),
		cmocka_unit_test(test_cve5_cpe_applicability_reads_as_configurations),
		cmocka_unit_test(test_cve5_rejected_carries_reasons_and_reserved_has_no_cna),
		cmocka_unit_test(test_cve5_reader_errors_name_the_file),
		cmocka_unit_test(test_cve5_walk_counts_failures_and_stops_on_request),
		cmocka_unit_test(test_cve5_validator_agrees_with_the_schema_on_every_fixture),
		cmocka_unit_test(test_cve5_validator_rules_and_error_paths),
		cmocka_unit_test(test_cve5_validator_refuses_bad_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
