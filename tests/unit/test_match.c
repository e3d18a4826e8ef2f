/* Unit tests of the matching engine's semantics (DESIGN §2) on hand-built configurations:
 * NISTIR 7696 attributes, ANY/NA, wildcards, version equality and ranges, dates and escaped
 * bounds, AND/OR/negate, running-on across two CPEs of one host, rejected CVEs, confidence;
 * then the index kept up to date from a database as feeds change, and incremental matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kb/import.h"
#include "store/db.h"
#include "vans/match.h"

/* ---- helpers ------------------------------------------------------------------------ */

/* Puts a CVE whose rows are given with their seq and cve_id left out. */
static void put(struct match_index *ix, const char *id, const struct match_row *rows, size_t n)
{
	struct match_row *r = calloc(n ? n : 1, sizeof *r);
	for (size_t i = 0; i < n; i++) {
		r[i] = rows[i];
		r[i].cve_id = id;
		r[i].seq = (int64_t)i;
	}
	match_index_put_cve(ix, id, false, r, n);
	free(r);
}

#define PUT(ix, id, ...)                                                                  \
	do {                                                                              \
		const struct match_row rows_[] = { __VA_ARGS__ };                         \
		put(ix, id, rows_, sizeof rows_ / sizeof rows_[0]);                       \
	} while (0)

/* One vulnerable criterion alone in one configuration. */
#define VULN(crit, ...) { .vulnerable = true, .criteria = crit, __VA_ARGS__ }

struct result {
	char ids[8192];             /* "CVE-1 CVE-2" */
	struct match_finding f[512];
	size_t n;
};

static struct result *run(const struct match_index *ix, const enum match_origin *origins, const char **cpes)
{
	static struct result r;
	memset(&r, 0, sizeof r);
	size_t n = 0;
	while (cpes[n])
		n++;
	struct cpe *parsed = calloc(n ? n : 1, sizeof *parsed);
	struct match_cpe *mc = calloc(n ? n : 1, sizeof *mc);
	for (size_t i = 0; i < n; i++) {
		char err[200];
		if (cpe_parse(cpes[i], strlen(cpes[i]), &parsed[i], err, sizeof err) < 0)
			fail_msg("test CPE %s: %s", cpes[i], err);
		mc[i] = (struct match_cpe){ &parsed[i], origins ? origins[i] : MATCH_ORIGIN_GIVEN };
	}
	struct match_ctx *c = match_ctx_new(ix);
	const struct match_finding *f;
	r.n = match_host(c, mc, n, &f);
	size_t at = 0;
	for (size_t i = 0; i < r.n && i < 512; i++) {
		r.f[i] = f[i];
		at += (size_t)snprintf(r.ids + at, sizeof r.ids - at, "%s%s", i ? " " : "", match_cve_id(ix, f[i].cve));
	}
	match_ctx_free(c);
	free(parsed);
	free(mc);
	return &r;
}

/* The CVE IDs for one host with the given CPEs, space-separated. */
#define HOST(ix, ...) (run(ix, NULL, (const char *[]){ __VA_ARGS__, NULL })->ids)

static struct match_index *ix_new(void)
{
	return match_index_new();
}

/* ---- attributes ----------------------------------------------------------------------- */

static void any_matches_everything_and_na_only_na(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0001", VULN("cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0002", VULN("cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0003", VULN("cpe:2.3:a:acme:widget:1.0:-:*:*:*:*:*:*"));
	match_index_commit(ix);
	/* ANY version: every version, NA and ANY too */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:7.1:*:*:*:*:*:*:*"), "CVE-2020-0001");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*"), "CVE-2020-0001");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:-:*:*:*:*:*:*:*"), "CVE-2020-0001");
	/* NA matches only NA */
	assert_string_equal(HOST(ix, "cpe:2.3:h:acme:router:-:*:*:*:*:*:*:*"), "CVE-2020-0002");
	assert_string_equal(HOST(ix, "cpe:2.3:h:acme:router:2.0:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:h:acme:router:*:*:*:*:*:*:*:*"), "");
	/* update NA in the criterion: the asset's update must be NA too; ANY is a superset */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0:-:*:*:*:*:*:*"), "CVE-2020-0001 CVE-2020-0003");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0:sp1:*:*:*:*:*:*"), "CVE-2020-0001");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:*"), "CVE-2020-0001");
	/* another part is another product */
	assert_string_equal(HOST(ix, "cpe:2.3:o:acme:widget:1.0:-:*:*:*:*:*:*"), "");
	match_index_free(ix);
}

static void attributes_compare_without_case_and_a_narrower_criterion_needs_the_value(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0010", VULN("cpe:2.3:a:Acme:Widget:2.0:*:*:*:*:wordpress:*:*"));
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.0:*:*:*:*:WordPress:*:*"), "CVE-2020-0010");
	assert_string_equal(HOST(ix, "cpe:2.3:a:ACME:WIDGET:2.0:*:*:*:*:wordpress:x64:*"), "CVE-2020-0010");
	/* the asset says nothing about its target software: the criterion is narrower */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.0:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.0:*:*:*:*:joomla:*:*"), "");
	/* the 2.2 URI binding of the same name */
	assert_string_equal(HOST(ix, "cpe:/a:acme:widget:2.0::~~~wordpress~~"), "CVE-2020-0010");
	match_index_free(ix);
}

static void wildcards_in_criteria_match_by_nistir_7696(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0020", VULN("cpe:2.3:a:acme:widget:2.4.*:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0021", VULN("cpe:2.3:a:wpgeodirectory:events_calendar*:*:*:*:*:*:wordpress:*:*"));
	PUT(ix, "CVE-2020-0022", VULN("cpe:2.3:a:*:libfoo:1.0:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0023", VULN("cpe:2.3:a:acme:gadget:1.?:*:*:*:*:*:*:*"));
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.4.1:*:*:*:*:*:*:*"), "CVE-2020-0020");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.5:*:*:*:*:*:*:*"), "");
	/* a product with a wildcard is found through its vendor */
	assert_string_equal(HOST(ix, "cpe:2.3:a:wpgeodirectory:events_calendar_pro:3:*:*:*:*:wordpress:*:*"),
			    "CVE-2020-0021");
	assert_string_equal(HOST(ix, "cpe:2.3:a:wpgeodirectory:other:3:*:*:*:*:wordpress:*:*"), "");
	/* a vendor that is ANY: every vendor's libfoo 1.0 (and 1.0.0, the same version) */
	assert_string_equal(HOST(ix, "cpe:2.3:a:someone:libfoo:1.0.0:*:*:*:*:*:*:*"), "CVE-2020-0022");
	assert_string_equal(HOST(ix, "cpe:2.3:a:someone:libfoo:1.1:*:*:*:*:*:*:*"), "");
	/* '?' is one character */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:gadget:1.5:*:*:*:*:*:*:*"), "CVE-2020-0023");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:gadget:1.15:*:*:*:*:*:*:*"), "");
	match_index_free(ix);
}

static void an_asset_cpe_with_a_wildcard_matches_nothing(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0030", VULN("cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*"));
	match_index_commit(ix);
	/* NISTIR 7696: a wildcard in the target makes the comparison undefined */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.*:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:wid*:2.0:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2.0:*:*:*:*:*:*:*"), "CVE-2020-0030");
	match_index_free(ix);
}

/* ---- versions ------------------------------------------------------------------------- */

static void concrete_versions_are_equal_by_version_comparison(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0040", VULN("cpe:2.3:a:acme:widget:31.3:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0041", VULN("cpe:2.3:a:acme:widget:1.0-rc1:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0042", VULN("cpe:2.3:a:acme:widget:2.0.0:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0043", VULN("cpe:2.3:a:acme:router_os:v5r4m0:*:*:*:*:*:*:*"));
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:31.3.0:*:*:*:*:*:*:*"), "CVE-2020-0040");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:31.3:*:*:*:*:*:*:*"), "CVE-2020-0040");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:31.3.1:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:31.30:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0rc1:*:*:*:*:*:*:*"), "CVE-2020-0041");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:2:*:*:*:*:*:*:*"), "CVE-2020-0042");
	/* a leading v before a digit is dropped on both sides */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:v2.0:*:*:*:*:*:*:*"), "CVE-2020-0042");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:router_os:V5R4M0:*:*:*:*:*:*:*"), "CVE-2020-0043");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:router_os:5r4m0:*:*:*:*:*:*:*"), "CVE-2020-0043");
	match_index_free(ix);
}

static void version_ranges_with_each_kind_of_bound(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2021-44228",
	    VULN("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", .start_incl = "2.0-beta9", .end_excl = "2.15.0"));
	PUT(ix, "CVE-2020-0051", VULN("cpe:2.3:a:acme:widget:*:*:*:*:*:*:*:*", .start_excl = "1.0", .end_incl = "1.4"));
	match_index_commit(ix);
	const char *in[] = { "2.0-beta9", "2.0", "2.14.1", "2.15.0-rc1", "2.0beta9" };
	const char *out[] = { "2.0-beta8", "2.0-alpha1", "1.2.17", "2.15.0", "2.15", "2.16.0" };
	char cpe[128];
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		snprintf(cpe, sizeof cpe, "cpe:2.3:a:apache:log4j:%s:*:*:*:*:*:*:*", in[i]);
		assert_string_equal(HOST(ix, cpe), "CVE-2021-44228");
	}
	for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
		snprintf(cpe, sizeof cpe, "cpe:2.3:a:apache:log4j:%s:*:*:*:*:*:*:*", out[i]);
		assert_string_equal(HOST(ix, cpe), "");
	}
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.0.1:*:*:*:*:*:*:*"), "CVE-2020-0051");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.4.0:*:*:*:*:*:*:*"), "CVE-2020-0051");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:widget:1.4.1:*:*:*:*:*:*:*"), "");
	/* a range needs a concrete version: ANY, NA or a pattern is not inside it */
	assert_string_equal(HOST(ix, "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:apache:log4j:-:*:*:*:*:*:*:*"), "");
	match_index_free(ix);
}

static void patch_levels_dates_and_escaped_bounds(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2023-0001", VULN("cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*", .start_incl = "9.5", .end_excl = "9.5p2"));
	PUT(ix, "CVE-2021-0002", VULN("cpe:2.3:a:acme:dated:*:*:*:*:*:*:*:*", .end_excl = "2021-12-13"));
	PUT(ix, "CVE-2019-0003", VULN("cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*", .start_incl = "15.3\\(1\\)m", .end_incl = "15.3\\(100\\)m"));
	PUT(ix, "CVE-2019-0004", VULN("cpe:2.3:o:cisco:ios:15.2\\(4\\)m1:*:*:*:*:*:*:*"));
	match_index_commit(ix);
	/* 9.5p1 is a patch level of 9.5 (VERSION_FLAG_P_IS_PATCH on both sides) */
	assert_string_equal(HOST(ix, "cpe:2.3:a:openbsd:openssh:9.5p1:*:*:*:*:*:*:*"), "CVE-2023-0001");
	assert_string_equal(HOST(ix, "cpe:2.3:a:openbsd:openssh:9.5:*:*:*:*:*:*:*"), "CVE-2023-0001");
	assert_string_equal(HOST(ix, "cpe:2.3:a:openbsd:openssh:9.5p2:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:openbsd:openssh:9.4p1:*:*:*:*:*:*:*"), "");
	/* a date bound: dates compare as dates, written with or without separators */
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:dated:20211212:*:*:*:*:*:*:*"), "CVE-2021-0002");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:dated:2021.12.12:*:*:*:*:*:*:*"), "CVE-2021-0002");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:dated:2021-12-13:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:dated:20220101:*:*:*:*:*:*:*"), "");
	/* escaped bounds and versions compare as their unescaped text */
	assert_string_equal(HOST(ix, "cpe:2.3:o:cisco:ios:15.3\\(100\\)m:*:*:*:*:*:*:*"), "CVE-2019-0003");
	assert_string_equal(HOST(ix, "cpe:2.3:o:cisco:ios:15.3\\(50\\)m:*:*:*:*:*:*:*"), "CVE-2019-0003");
	assert_string_equal(HOST(ix, "cpe:2.3:o:cisco:ios:15.3\\(101\\)m:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:/o:cisco:ios:15.2%284%29m1"), "CVE-2019-0004");
	struct match_criterion c;
	match_criterion_get(ix, run(ix, NULL, (const char *[]){ "cpe:2.3:o:cisco:ios:15.3\\(50\\)m:*:*:*:*:*:*:*", NULL })->f[0].criterion, &c);
	assert_string_equal(c.start_incl, "15.3(1)m");
	assert_string_equal(c.end_incl, "15.3(100)m");
	assert_null(c.end_excl);
	match_index_free(ix);
}

static void an_empty_bound_says_nothing(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	/* NVD has versionStartIncluding "" (CVE-2016-2031): the other bound still applies */
	PUT(ix, "CVE-2016-2031", VULN("cpe:2.3:a:arubanetworks:airwave:*:*:*:*:*:*:*:*", .start_incl = "", .end_excl = "8.2.0.0"));
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:arubanetworks:airwave:8.0:*:*:*:*:*:*:*"), "CVE-2016-2031");
	assert_string_equal(HOST(ix, "cpe:2.3:a:arubanetworks:airwave:8.2:*:*:*:*:*:*:*"), "");
	match_index_free(ix);
}

/* ---- configurations ------------------------------------------------------------------- */

static void running_on_needs_both_cpes_of_the_same_host(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	/* firmware on a device: configuration AND over two nodes; the device is not vulnerable */
	PUT(ix, "CVE-2020-0100",
	    { .config_and = true, .node = 0, .vulnerable = true, .criteria = "cpe:2.3:o:acme:fw:*:*:*:*:*:*:*:*", .end_excl = "3.0" },
	    { .config_and = true, .node = 1, .vulnerable = false, .criteria = "cpe:2.3:h:acme:box_1:-:*:*:*:*:*:*:*" },
	    { .config_and = true, .node = 1, .vulnerable = false, .criteria = "cpe:2.3:h:acme:box_2:-:*:*:*:*:*:*:*" });
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:o:acme:fw:2.0:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:h:acme:box_1:-:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:o:acme:fw:2.0:*:*:*:*:*:*:*", "cpe:2.3:h:acme:box_2:-:*:*:*:*:*:*:*"),
			    "CVE-2020-0100");
	assert_string_equal(HOST(ix, "cpe:2.3:h:acme:box_1:-:*:*:*:*:*:*:*", "cpe:2.3:o:acme:fw:2.9:*:*:*:*:*:*:*"),
			    "CVE-2020-0100");
	assert_string_equal(HOST(ix, "cpe:2.3:o:acme:fw:3.0:*:*:*:*:*:*:*", "cpe:2.3:h:acme:box_2:-:*:*:*:*:*:*:*"), "");
	/* the finding names the vulnerable criterion and the host CPE that matched it */
	struct result *r = run(ix, NULL, (const char *[]){ "cpe:2.3:h:acme:box_1:-:*:*:*:*:*:*:*",
							   "cpe:2.3:o:acme:fw:2.9:*:*:*:*:*:*:*", NULL });
	assert_int_equal(r->n, 1);
	assert_int_equal(r->f[0].cpe, 1);
	struct match_criterion c;
	match_criterion_get(ix, r->f[0].criterion, &c);
	assert_string_equal(c.criteria, "cpe:2.3:o:acme:fw:*:*:*:*:*:*:*:*");
	assert_true(c.vulnerable);
	match_index_free(ix);
}

static void only_vulnerable_criteria_make_findings(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0110",
	    { .node = 0, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:1.0:*:*:*:*:*:*:*" },
	    { .node = 0, .vulnerable = false, .criteria = "cpe:2.3:o:acme:os:*:*:*:*:*:*:*:*" });
	match_index_commit(ix);
	/* the OR node is true with the OS alone, but nothing vulnerable took part */
	assert_string_equal(HOST(ix, "cpe:2.3:o:acme:os:5:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1.0:*:*:*:*:*:*:*"), "CVE-2020-0110");
	match_index_free(ix);
}

static void and_nodes_need_every_criterion(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0120",
	    { .node_and = true, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*" },
	    { .node_and = true, .vulnerable = true, .criteria = "cpe:2.3:a:acme:plugin:*:*:*:*:*:*:*:*" });
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*", "cpe:2.3:a:acme:plugin:2:*:*:*:*:*:*:*"),
			    "CVE-2020-0120");
	match_index_free(ix);
}

static void negate_inverts_a_node(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	/* the app is vulnerable on any OS but acme's own */
	PUT(ix, "CVE-2020-0130",
	    { .config_and = true, .node = 0, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", .end_excl = "2" },
	    { .config_and = true, .node = 1, .node_negate = true, .vulnerable = false, .criteria = "cpe:2.3:o:acme:os:*:*:*:*:*:*:*:*" });
	/* a negated configuration is true when its criteria are not matched: none took part */
	PUT(ix, "CVE-2020-0131",
	    { .config_negate = true, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*" });
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1.5:*:*:*:*:*:*:*"), "CVE-2020-0130");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1.5:*:*:*:*:*:*:*", "cpe:2.3:o:other:os:1:*:*:*:*:*:*:*"),
			    "CVE-2020-0130");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1.5:*:*:*:*:*:*:*", "cpe:2.3:o:acme:os:1:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:2.5:*:*:*:*:*:*:*"), "");
	match_index_free(ix);
}

static void an_empty_node_is_false(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	/* node 1 has no criteria, so it left no row: the gap in the node numbers */
	PUT(ix, "CVE-2020-0140",
	    { .config_and = true, .node = 0, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*" },
	    { .config_and = true, .node = 2, .vulnerable = false, .criteria = "cpe:2.3:o:acme:os:*:*:*:*:*:*:*:*" });
	PUT(ix, "CVE-2020-0141",
	    { .node = 0, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*" },
	    { .node = 2, .vulnerable = false, .criteria = "cpe:2.3:o:acme:os:*:*:*:*:*:*:*:*" });
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*", "cpe:2.3:o:acme:os:1:*:*:*:*:*:*:*"),
			    "CVE-2020-0141");
	match_index_free(ix);
}

static void criteria_that_do_not_parse_never_match(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0150",
	    { .node_and = true, .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*" },
	    { .node_and = true, .vulnerable = true, .criteria = "cpe:2.3:a:acme:broken" });
	PUT(ix, "CVE-2020-0151",
	    { .vulnerable = true, .criteria = "not a cpe" },
	    { .vulnerable = true, .criteria = "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*" });
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*"), "CVE-2020-0151");
	struct match_stats st;
	match_index_stats(ix, &st);
	assert_int_equal(st.bad_criteria, 2);
	match_index_free(ix);
}

/* ---- CVEs come and go ------------------------------------------------------------------- */

static void rejected_cves_never_match_and_a_newer_version_replaces_the_old(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0200", VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", .end_excl = "2"));
	PUT(ix, "CVE-2020-0201", VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*"));
	const struct match_row rej = { .cve_id = "CVE-2020-0202", .rejected = true, .vulnerable = true,
				       .criteria = "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*" };
	match_index_put_cve(ix, "CVE-2020-0202", true, &rej, 1);
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*"), "CVE-2020-0200 CVE-2020-0201");
	/* CVE-2020-0201 is rejected now, CVE-2020-0200's range moves */
	match_index_put_cve(ix, "CVE-2020-0201", true, NULL, 0);
	PUT(ix, "CVE-2020-0200", VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", .start_incl = "3", .end_excl = "4"));
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:3:*:*:*:*:*:*:*"), "CVE-2020-0200");
	struct match_stats st;
	match_index_stats(ix, &st);
	assert_int_equal(st.cves, 1);
	assert_int_equal(st.criteria, 1);
	match_index_free(ix);
}

static void many_replacements_compact_and_keep_answers(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	char id[32], ver[16];
	for (int round = 0; round < 40; round++) {
		for (int i = 0; i < 300; i++) {
			snprintf(id, sizeof id, "CVE-2020-%04d", i);
			snprintf(ver, sizeof ver, "%d", round + 1);
			PUT(ix, id, VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", .end_excl = ver),
			    { .config = 1, .vulnerable = true, .criteria = "cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*" });
		}
		match_index_commit(ix);
	}
	struct match_stats st;
	match_index_stats(ix, &st);
	assert_int_equal(st.cves, 300);
	assert_int_equal(st.criteria, 600);
	assert_int_equal(st.configs, 600);
	struct result *r = run(ix, NULL, (const char *[]){ "cpe:2.3:a:acme:app:39.5:*:*:*:*:*:*:*", NULL });
	assert_int_equal(r->n, 300);
	assert_string_equal(match_cve_id(ix, r->f[0].cve), "CVE-2020-0000");
	assert_string_equal(match_cve_id(ix, r->f[299].cve), "CVE-2020-0299");
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:40:*:*:*:*:*:*:*"), "");
	assert_int_equal(run(ix, NULL, (const char *[]){ "cpe:2.3:a:acme:tool:1:*:*:*:*:*:*:*", NULL })->n, 300);
	match_index_free(ix);
}

/* ---- findings --------------------------------------------------------------------------- */

static void confidence_follows_how_the_criterion_matched(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	PUT(ix, "CVE-2020-0300", VULN("cpe:2.3:a:acme:app:1.2:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0301", VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", .end_excl = "2"));
	PUT(ix, "CVE-2020-0302", VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*"));
	/* both an exact criterion and a range: the exact one decides, at 100 */
	PUT(ix, "CVE-2020-0303", VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", .end_excl = "2"),
	    VULN("cpe:2.3:a:acme:app:1.2.0:*:*:*:*:*:*:*"));
	PUT(ix, "CVE-2020-0304", VULN("cpe:2.3:h:acme:box:-:*:*:*:*:*:*:*"));
	match_index_commit(ix);
	struct result *r = run(ix, NULL, (const char *[]){ "cpe:2.3:a:acme:app:1.2:*:*:*:*:*:*:*", NULL });
	assert_string_equal(r->ids, "CVE-2020-0300 CVE-2020-0301 CVE-2020-0302 CVE-2020-0303");
	assert_int_equal(r->f[0].confidence, MATCH_CONFIDENCE_EXACT);
	assert_int_equal(r->f[1].confidence, MATCH_CONFIDENCE_RANGE);
	assert_int_equal(r->f[2].confidence, MATCH_CONFIDENCE_RANGE);
	assert_int_equal(r->f[3].confidence, MATCH_CONFIDENCE_EXACT);
	struct match_criterion c;
	match_criterion_get(ix, r->f[3].criterion, &c);
	assert_int_equal(c.seq, 1);
	assert_int_equal(run(ix, NULL, (const char *[]){ "cpe:2.3:h:acme:box:-:*:*:*:*:*:*:*", NULL })->f[0].confidence,
			 MATCH_CONFIDENCE_EXACT);

	/* an accepted suggestion caps at 80 */
	enum match_origin sug[] = { MATCH_ORIGIN_SUGGESTED };
	r = run(ix, sug, (const char *[]){ "cpe:2.3:a:acme:app:1.2:*:*:*:*:*:*:*", NULL });
	assert_int_equal(r->n, 4);
	for (size_t i = 0; i < r->n; i++)
		assert_int_equal(r->f[i].confidence, MATCH_CONFIDENCE_SUGGESTED);
	/* vendor and product only: the version is not checked, 30 */
	enum match_origin po[] = { MATCH_ORIGIN_PRODUCT_ONLY };
	r = run(ix, po, (const char *[]){ "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", NULL });
	assert_string_equal(r->ids, "CVE-2020-0300 CVE-2020-0301 CVE-2020-0302 CVE-2020-0303");
	assert_int_equal(r->f[0].confidence, MATCH_CONFIDENCE_PRODUCT);
	/* the same product from two CPEs of a host: the better one gives the finding */
	enum match_origin two[] = { MATCH_ORIGIN_PRODUCT_ONLY, MATCH_ORIGIN_GIVEN };
	r = run(ix, two, (const char *[]){ "cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", "cpe:2.3:a:acme:app:1.2:*:*:*:*:*:*:*", NULL });
	assert_int_equal(r->f[0].confidence, MATCH_CONFIDENCE_EXACT);
	assert_int_equal(r->f[0].cpe, 1);
	match_index_free(ix);
}

static void findings_are_ordered_by_year_then_number(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	const char *ids[] = { "CVE-2021-10000", "CVE-2021-9999", "CVE-1999-0001", "CVE-2021-44228", "CVE-2002-2000" };
	for (size_t i = 0; i < 5; i++)
		PUT(ix, ids[i], VULN("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*"));
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:acme:app:1:*:*:*:*:*:*:*"),
			    "CVE-1999-0001 CVE-2002-2000 CVE-2021-9999 CVE-2021-10000 CVE-2021-44228");
	match_index_free(ix);
}

static void the_exact_version_table_keeps_products_apart(void **state)
{
	(void)state;
	struct match_index *ix = ix_new();
	char id[32], crit[128];
	for (int i = 0; i < 500; i++) {
		snprintf(id, sizeof id, "CVE-2020-%04d", i);
		snprintf(crit, sizeof crit, "cpe:2.3:a:vendor%d:product%d:1.%d:*:*:*:*:*:*:*", i % 7, i, i % 3);
		PUT(ix, id, VULN(crit));
	}
	match_index_commit(ix);
	assert_string_equal(HOST(ix, "cpe:2.3:a:vendor3:product10:1.1:*:*:*:*:*:*:*"), "CVE-2020-0010");
	assert_string_equal(HOST(ix, "cpe:2.3:a:vendor3:product10:1.1.0.0:*:*:*:*:*:*:*"), "CVE-2020-0010");
	assert_string_equal(HOST(ix, "cpe:2.3:a:vendor3:product10:1.2:*:*:*:*:*:*:*"), "");
	assert_string_equal(HOST(ix, "cpe:2.3:a:vendor4:product10:1.1:*:*:*:*:*:*:*"), "");
	match_index_free(ix);
}

/* ---- from the database ------------------------------------------------------------------ */

struct fixture {
	char dir[64];
	char path[128];
	struct db *db;
};

static int db_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/vans-match-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/kb.db", f->dir);
	char err[256];
	int applied;
	f->db = db_open(f->path, err, sizeof err);
	if (!f->db || db_migrate(f->db, &applied, err, sizeof err) != ERR_OK)
		return -1;
	*state = f;
	return 0;
}

static int db_teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	const char *files[] = { "kb.db", "kb.db-wal", "kb.db-shm", "feed.json" };
	char p[160];
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/%s", f->dir, files[i]);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

#define CVE_JSON(id, modified, status, configs)                                                              \
	"{\"cve\":{\"id\":\"" id "\",\"published\":\"2021-01-01T00:00:00.000\",\"lastModified\":\"" modified "\"," \
	"\"vulnStatus\":\"" status "\",\"descriptions\":[{\"lang\":\"en\",\"value\":\"test\"}],\"metrics\":{},"     \
	"\"references\":[],\"configurations\":[" configs "]}}"
#define NODE(...) "{\"nodes\":[{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":[" __VA_ARGS__ "]}]}"
#define MATCH(crit, extra) "{\"vulnerable\":true,\"criteria\":\"" crit "\"" extra "}"

static void import(struct fixture *f, const char *vulns)
{
	char path[160];
	snprintf(path, sizeof path, "%s/feed.json", f->dir);
	FILE *fp = fopen(path, "w");
	fprintf(fp, "{\"format\":\"NVD_CVE\",\"version\":\"2.0\",\"timestamp\":\"2026-01-01T00:00:00.000\","
		    "\"vulnerabilities\":[%s]}", vulns);
	fclose(fp);
	struct kb_import_stats st = { 0 };
	char err[512] = "";
	if (kb_import_nvd_file(f->db, path, &st, NULL, NULL, err, sizeof err) != ERR_OK)
		fail_msg("import: %s", err);
}

struct collected {
	char lines[4096];
	size_t at;
	const struct match_index *ix;
	const struct match_hosts *h;
};

static int collect(void *ctx, size_t host, const struct match_finding *f, size_t n)
{
	struct collected *c = ctx;
	for (size_t i = 0; i < n; i++)
		c->at += (size_t)snprintf(c->lines + c->at, sizeof c->lines - c->at, "%llu %s\n",
					  (unsigned long long)match_hosts_id(c->h, host), match_cve_id(c->ix, f[i].cve));
	return 0;
}

static void the_index_follows_the_database_and_matches_only_what_changed(void **state)
{
	struct fixture *f = *state;
	import(f, CVE_JSON("CVE-2021-0001", "2021-02-01T00:00:00.000", "Analyzed",
			   NODE(MATCH("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", ",\"versionEndExcluding\":\"2.0\""))) ","
		  CVE_JSON("CVE-2021-0002", "2021-02-01T00:00:00.000", "Analyzed",
			   NODE(MATCH("cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*", ""))) ","
		  CVE_JSON("CVE-2021-0003", "2021-02-01T00:00:00.000", "Analyzed",
			   NODE(MATCH("cpe:2.3:a:other:thing:*:*:*:*:*:*:*:*", ""))));
	struct match_index *ix = match_index_new();
	char err[256];
	assert_int_equal(match_index_load(ix, f->db, err, sizeof err), ERR_OK);
	assert_true(match_index_seq(ix) > 0);

	struct match_hosts *h = match_hosts_new();
	const char *inv[][2] = { { "1", "cpe:2.3:a:acme:app:1.5:*:*:*:*:*:*:*" },
				 { "1", "cpe:2.3:a:acme:tool:1.0:*:*:*:*:*:*:*" },
				 { "2", "cpe:2.3:a:acme:app:2.5:*:*:*:*:*:*:*" },
				 { "3", "cpe:2.3:a:other:thing:7:*:*:*:*:*:*:*" },
				 { "4", "cpe:2.3:a:nobody:nothing:1:*:*:*:*:*:*:*" } };
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(match_hosts_add(h, (uint64_t)(inv[i][0][0] - '0'), inv[i][1], strlen(inv[i][1]),
						 MATCH_ORIGIN_GIVEN, err, sizeof err), ERR_OK);
	assert_int_equal(match_hosts_add(h, 9, "cpe:2.3:nonsense", 16, MATCH_ORIGIN_GIVEN, err, sizeof err), ERR_INVALID);
	match_hosts_commit(h);
	assert_int_equal(match_hosts_count(h), 4);

	struct match_ctx *c = match_ctx_new(ix);
	struct collected col = { .ix = ix, .h = h };
	assert_int_equal(match_hosts_all(c, h, collect, &col), ERR_OK);
	assert_string_equal(col.lines, "1 CVE-2021-0001\n1 CVE-2021-0002\n3 CVE-2021-0003\n");

	/* nothing changed: a refresh does nothing */
	struct match_changes ch;
	assert_int_equal(match_index_refresh(ix, f->db, &ch, err, sizeof err), ERR_OK);
	assert_int_equal(ch.n, 0);
	match_changes_free(&ch);

	/* CVE-2021-0001's range grows, CVE-2021-0003 is rejected, a new CVE arrives */
	import(f, CVE_JSON("CVE-2021-0001", "2021-03-01T00:00:00.000", "Modified",
			   NODE(MATCH("cpe:2.3:a:acme:app:*:*:*:*:*:*:*:*", ",\"versionEndExcluding\":\"3.0\""))) ","
		  CVE_JSON("CVE-2021-0003", "2021-03-01T00:00:00.000", "Rejected", "") ","
		  CVE_JSON("CVE-2021-0004", "2021-03-01T00:00:00.000", "Analyzed",
			   NODE(MATCH("cpe:2.3:a:acme:tool:*:*:*:*:*:*:*:*", ""))));
	assert_int_equal(match_index_refresh(ix, f->db, &ch, err, sizeof err), ERR_OK);
	assert_int_equal(ch.n, 3);
	assert_true(ch.to_seq > ch.from_seq);
	memset(&col, 0, sizeof col);
	col.ix = ix;
	col.h = h;
	size_t checked;
	assert_int_equal(match_hosts_changed(c, h, &ch, collect, &col, &checked), ERR_OK);
	/* every finding of the changed CVEs, and nothing of CVE-2021-0002; host 4 (and host 3,
	 * whose product only a rejected CVE named) were not even looked at */
	assert_string_equal(col.lines, "1 CVE-2021-0001\n1 CVE-2021-0004\n2 CVE-2021-0001\n");
	assert_int_equal(checked, 2);
	match_changes_free(&ch);

	/* and the whole match agrees */
	memset(&col, 0, sizeof col);
	col.ix = ix;
	col.h = h;
	assert_int_equal(match_hosts_all(c, h, collect, &col), ERR_OK);
	assert_string_equal(col.lines, "1 CVE-2021-0001\n1 CVE-2021-0002\n1 CVE-2021-0004\n2 CVE-2021-0001\n");
	match_ctx_free(c);
	match_hosts_free(h);
	match_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(any_matches_everything_and_na_only_na),
		cmocka_unit_test(attributes_compare_without_case_and_a_narrower_criterion_needs_the_value),
		cmocka_unit_test(wildcards_in_criteria_match_by_nistir_7696),
		cmocka_unit_test(an_asset_cpe_with_a_wildcard_matches_nothing),
		cmocka_unit_test(concrete_versions_are_equal_by_version_comparison),
		cmocka_unit_test(version_ranges_with_each_kind_of_bound),
		cmocka_unit_test(patch_levels_dates_and_escaped_bounds),
		cmocka_unit_test(an_empty_bound_says_nothing),
		cmocka_unit_test(running_on_needs_both_cpes_of_the_same_host),
		cmocka_unit_test(only_vulnerable_criteria_make_findings),
		cmocka_unit_test(and_nodes_need_every_criterion),
		cmocka_unit_test(negate_inverts_a_node),
		cmocka_unit_test(an_empty_node_is_false),
		cmocka_unit_test(criteria_that_do_not_parse_never_match),
		cmocka_unit_test(rejected_cves_never_match_and_a_newer_version_replaces_the_old),
		cmocka_unit_test(many_replacements_compact_and_keep_answers),
		cmocka_unit_test(confidence_follows_how_the_criterion_matched),
		cmocka_unit_test(findings_are_ordered_by_year_then_number),
		cmocka_unit_test(the_exact_version_table_keeps_products_apart),
		cmocka_unit_test_setup_teardown(the_index_follows_the_database_and_matches_only_what_changed, db_setup,
						db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
