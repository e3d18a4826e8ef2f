/* Unit tests of src/kb/cvss: the specifications' examples, boundaries and every parse
 * error by hand, then every vector of the metaeffekt validation files and of the scores
 * NVD publishes (VANS_TESTDATA/cvss), which must all agree. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/cvss.h"

static struct cvss parse_ok(const char *vec)
{
	struct cvss c;
	char err[CVSS_ERR_MAX] = "";
	if (cvss_parse(vec, strlen(vec), &c, err, sizeof err) != 0)
		fail_msg("cvss_parse(\"%s\") failed: %s", vec, err);
	return c;
}

static struct cvss_scores score_of(const char *vec)
{
	struct cvss c = parse_ok(vec);
	struct cvss_scores s;
	cvss_score(&c, &s);
	return s;
}

/* scores are compared in tenths: every score is a one-decimal number */
static long tenths(double x)
{
	return lround(x * 10);
}

static void expect_scores(const char *vec, double base, double temporal, double env,
			  const char *severity)
{
	struct cvss c = parse_ok(vec);
	struct cvss_scores s;
	cvss_score(&c, &s);
	if (tenths(s.base) != tenths(base) || tenths(s.temporal) != tenths(temporal) ||
	    tenths(s.environmental) != tenths(env))
		fail_msg("%s: got %.1f/%.1f/%.1f, expected %.1f/%.1f/%.1f", vec, s.base,
			 s.temporal, s.environmental, base, temporal, env);
	assert_string_equal(cvss_severity_str(c.version, s.base), severity);
}

static void expect_v4(const char *vec, double score, const char *macrovector, const char *severity)
{
	struct cvss c = parse_ok(vec);
	struct cvss_scores s;
	cvss_score(&c, &s);
	if (tenths(s.base) != tenths(score) || strcmp(s.macrovector, macrovector) != 0)
		fail_msg("%s: got %.1f (%s), expected %.1f (%s)", vec, s.base, s.macrovector, score,
			 macrovector);
	assert_true(isnan(s.temporal) && isnan(s.environmental));
	assert_string_equal(cvss_severity_str(c.version, s.base), severity);
}

/* The parse must fail and the message must contain want (the offending metric). */
static void expect_error_n(const char *vec, size_t len, const char *want)
{
	struct cvss c;
	char err[CVSS_ERR_MAX] = "";
	if (cvss_parse(vec, len, &c, err, sizeof err) != -1)
		fail_msg("\"%.*s\" parsed but should not", (int)len, vec);
	if (!strstr(err, want))
		fail_msg("error for \"%.*s\" is \"%s\", which does not mention %s", (int)len, vec,
			 err, want);
}

static void expect_error(const char *vec, const char *want)
{
	expect_error_n(vec, strlen(vec), want);
}

/* ---- the specifications' examples ---- */

static void test_v2_guide_examples(void **state)
{
	(void)state;
	/* CVSS v2 guide, section 3.3: CVE-2002-0392, CVE-2003-0818, CVE-2003-0062. Base and
	 * temporal are the guide's. Environmental follows the calculators (metaeffekt's
	 * test vectors, NVD), which do not round AdjustedBase and AdjustedTemporal as the
	 * guide's worked examples do: the guide prints 9.2 and 7.5 for the first and third
	 * (with AdjustedTemporal rounded to 8.3 and 4.9), the unrounded 8.26 and 4.84 give
	 * 9.1 and 7.4. The second agrees either way. */
	expect_scores("AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:H",
		      7.8, 6.4, 9.1, "High");
	expect_scores("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:L",
		      10.0, 8.3, 9.0, "High");
	expect_scores("AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C/CDP:H/TD:H/CR:M/IR:M/AR:M",
		      6.2, 4.9, 7.4, "Medium");
	/* the same in parentheses, as old NVD pages wrote v2 vectors */
	expect_scores("(AV:N/AC:L/Au:N/C:N/I:N/A:C)", 7.8, 7.8, 7.8, "High");
	/* no impact: base 0.0, which v2 rates Low (v2 has no None) */
	expect_scores("AV:N/AC:L/Au:N/C:N/I:N/A:N", 0.0, 0.0, 0.0, "Low");
}

static void test_v3_spec_examples(void **state)
{
	(void)state;
	/* CVSS v3.1 user guide / examples document */
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, 7.5, 7.5, "High");
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8, "Critical");
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, 6.1, 6.1, "Medium");
	expect_scores("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, 7.8, 7.8, "High");
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4, 6.4, 6.4, "Medium");
	/* temporal by hand: 9.8 * 0.94 (E:P) * 0.95 (RL:O) = 8.7514 -> Roundup 8.8 */
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8, 8.8, 8.8,
		      "Critical");
	/* no impact at all scores 0.0, rated None */
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", 0.0, 0.0, 0.0, "None");
	expect_scores("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, 9.8, 9.8, "Critical");
	/* the environment can lower a score. By hand: MISS = 1 - (1 - 0.56*0.5)^3 = 0.626752,
	 * modified impact 6.42 * MISS = 4.0238, modified exploitability
	 * 8.22*0.2*0.44*0.27*0.62 = 0.1211, Roundup(4.1448) = 4.2 */
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:P/MAC:H/MPR:H/MUI:R/CR:L/IR:L/AR:L",
		      9.8, 9.8, 4.2, "Critical");
}

/* v3.0 defines Roundup as a plain ceiling to one decimal, which floating-point noise
 * pushes up; v3.1 computes it on integers (specification Appendix A). 10.0 * 0.92 is
 * 9.200000000000001 in doubles: v3.0 gives 9.3 for RC:U on a 10.0, v3.1 gives 9.2. */
static void test_v30_v31_roundup_differ(void **state)
{
	(void)state;
	expect_scores("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 10.0, 9.3, 9.3, "Critical");
	expect_scores("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U", 10.0, 9.2, 9.2, "Critical");
	/* wherever the two versions differ, v3.0 is exactly one tenth higher */
	static const char *const e[] = { "X", "H", "F", "P", "U" };
	static const char *const rl[] = { "X", "U", "W", "T", "O" };
	static const char *const rc[] = { "X", "C", "R", "U" };
	int differ = 0;
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++)
			for (int k = 0; k < 4; k++) {
				char v30[128], v31[128];
				snprintf(v30, sizeof v30, "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:%s/RL:%s/RC:%s", e[i], rl[j], rc[k]);
				snprintf(v31, sizeof v31, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/E:%s/RL:%s/RC:%s", e[i], rl[j], rc[k]);
				long d = tenths(score_of(v30).temporal) - tenths(score_of(v31).temporal);
				assert_true(d == 0 || d == 1);
				differ += d != 0;
			}
	assert_true(differ > 0);
}

static void test_v4_examples(void **state)
{
	(void)state;
	expect_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0, "000100",
		  "Critical");
	expect_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3, "000200",
		  "Critical");
	/* every impact None: 0.0, rated None, whatever the macrovector */
	expect_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0, "002201",
		  "None");
	/* Safety on a modified subsequent-system metric puts EQ4 at 0 */
	expect_v4("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MSI:S", 10.0,
		  "000000", "Critical");
	/* threat: Unreported exploit maturity lowers the score (EQ5 = 2) */
	struct cvss_scores b = score_of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
	struct cvss_scores t = score_of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U");
	assert_string_equal(t.macrovector, "000220");
	assert_true(t.base < b.base);
	/* supplemental metrics never change the score */
	struct cvss_scores su = score_of("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
	assert_int_equal(tenths(su.base), tenths(b.base));
}

/* NVD writes every optional v4 metric as X: that is the same vector as the short form. */
static void test_v4_nvd_all_x(void **state)
{
	(void)state;
	const char *nvd = "CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X";
	const char *shortv = "CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
	struct cvss a = parse_ok(nvd), b = parse_ok(shortv);
	assert_memory_equal(&a, &b, sizeof a);
	struct cvss_scores s;
	cvss_score(&a, &s);
	assert_int_equal(tenths(s.base), 73); /* as NVD publishes it (CVE-2011-10035) */
	assert_string_equal(cvss4_nomenclature(&a), "CVSS-B");
	char buf[CVSS_VECTOR_MAX];
	assert_int_equal(cvss_format(&a, buf, sizeof buf), strlen(shortv));
	assert_string_equal(buf, shortv);
}

static void test_v4_nomenclature(void **state)
{
	(void)state;
	const char *b = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
	char v[CVSS_VECTOR_MAX];
	struct cvss c = parse_ok(b);
	assert_string_equal(cvss4_nomenclature(&c), "CVSS-B");
	snprintf(v, sizeof v, "%s/E:P", b);
	c = parse_ok(v);
	assert_string_equal(cvss4_nomenclature(&c), "CVSS-BT");
	snprintf(v, sizeof v, "%s/CR:L", b);
	c = parse_ok(v);
	assert_string_equal(cvss4_nomenclature(&c), "CVSS-BE");
	snprintf(v, sizeof v, "%s/E:A/MAV:L/U:Red", b);
	c = parse_ok(v);
	assert_string_equal(cvss4_nomenclature(&c), "CVSS-BTE");
	/* supplemental metrics alone keep it CVSS-B */
	snprintf(v, sizeof v, "%s/AU:Y", b);
	c = parse_ok(v);
	assert_string_equal(cvss4_nomenclature(&c), "CVSS-B");
	c = parse_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_null(cvss4_nomenclature(&c));
}

/* ---- parsing ---- */

static void test_any_order_same_vector(void **state)
{
	(void)state;
	struct cvss a = parse_ok("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N/E:F/MAV:A/CR:H");
	struct cvss b = parse_ok("CVSS:3.1/CR:H/A:N/I:L/C:H/S:U/MAV:A/UI:N/PR:L/E:F/AC:L/AV:N");
	assert_memory_equal(&a, &b, sizeof a);
	struct cvss c = parse_ok("Au:N/A:P/AV:N/I:P/C:P/AC:L");
	struct cvss d = parse_ok("AV:N/AC:L/Au:N/C:P/I:P/A:P");
	assert_memory_equal(&c, &d, sizeof c);
	struct cvss e = parse_ok("CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N");
	struct cvss f = parse_ok("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
	assert_memory_equal(&e, &f, sizeof e);
}

static void test_versions_detected(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("AV:N/AC:L/Au:N/C:P/I:P/A:P").version, CVSS_V2);
	assert_int_equal(parse_ok("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").version, CVSS_V3_0);
	assert_int_equal(parse_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").version, CVSS_V3_1);
	assert_int_equal(parse_ok("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").version,
			 CVSS_V4_0);
	assert_string_equal(cvss_version_str(CVSS_V2), "2.0");
	assert_string_equal(cvss_version_str(CVSS_V4_0), "4.0");
}

/* The parser reads exactly len bytes: what follows in memory is not part of the vector. */
static void test_slice_not_nul_terminated(void **state)
{
	(void)state;
	const char buf[] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L garbage";
	size_t len = strlen("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	struct cvss c;
	char err[CVSS_ERR_MAX];
	assert_int_equal(cvss_parse(buf, len, &c, err, sizeof err), 0);
	struct cvss_scores s;
	cvss_score(&c, &s);
	assert_int_equal(tenths(s.base), 98);
	/* one byte more takes in the "/" and fails */
	assert_int_equal(cvss_parse(buf, len + 1, &c, err, sizeof err), -1);
	/* a heap copy with no NUL at all: ASan catches any read past it */
	char *exact = malloc(len);
	assert_non_null(exact);
	memcpy(exact, buf, len);
	assert_int_equal(cvss_parse(exact, len, &c, NULL, 0), 0);
	free(exact);
}

static void test_parse_errors_name_the_metric(void **state)
{
	(void)state;
	const char *ok31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
	expect_error("", "empty vector");
	char longv[CVSS_VECTOR_MAX + 40];
	snprintf(longv, sizeof longv, "%s", ok31);
	for (size_t n = strlen(longv); n + 1 < sizeof longv; n++)
		longv[n] = 'X';
	longv[sizeof longv - 1] = '\0';
	expect_error(longv, "longer than");
	expect_error("CVSS:5.0/AV:N", "unsupported CVSS version \"5.0\"");
	expect_error("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "\"2.0\"");
	expect_error("CVSS:3.1", "no metrics");
	expect_error("CVSS:3.1/", "no metrics");
	expect_error("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "empty metric");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "empty metric");
	expect_error("CVSS:3.1/AV:N/AC/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric \"AC\" has no value");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/:H", "no metric name");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:H", "unknown metric \"XX\"");
	expect_error("CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric \"av\"");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", "unknown metric \"AT\"");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L", "duplicate metric \"AV\"");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:X", "duplicate metric \"E\"");
	expect_error("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value \"Q\" for metric \"AV\"");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:", "invalid value \"\" for metric \"A\"");
	expect_error("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value \"X\" for metric \"AV\"");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:S", "invalid value \"S\" for metric \"MS\"");
	expect_error("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", "missing mandatory metric \"PR\"");
	expect_error("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "missing mandatory metric \"A\"");
	/* v2 says ND, not X; and v3 metrics in a vector without prefix get a hint */
	expect_error("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:X", "invalid value \"X\" for metric \"E\"");
	expect_error("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric \"PR\" (v3 vectors");
	expect_error("AV:N/AC:L/Au:N/C:P/I:P", "missing mandatory metric \"A\"");
	expect_error("(AV:N/AC:L/Au:N/C:P/I:P/A:P", "parenthesis");
	expect_error("()", "empty metric");
	/* v4: Safety is a value of MSI and MSA only; a base metric given as X */
	expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S",
		     "invalid value \"S\" for metric \"MSC\"");
	expect_error("CVSS:4.0/AV:N/AC:L/AT:X/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		     "invalid value \"X\" for metric \"AT\"");
	expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red",
		     "invalid value \"red\" for metric \"U\"");
	expect_error("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
		     "missing mandatory metric \"SA\"");
	/* bytes that are not printable are not copied into the message */
	const char nul[] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/\x01\n\0:H";
	expect_error_n(nul, sizeof nul - 1, "unknown metric \"???\"");
}

static void test_error_buffer_handling(void **state)
{
	(void)state;
	struct cvss c;
	/* no buffer at all */
	assert_int_equal(cvss_parse("AV:Z", 4, &c, NULL, 0), -1);
	/* a tiny buffer is truncated and still terminated */
	char small[8];
	memset(small, 'z', sizeof small);
	assert_int_equal(cvss_parse("AV:Z", 4, &c, small, sizeof small), -1);
	assert_int_equal(strlen(small), sizeof small - 1);
	/* the longest message fits CVSS_ERR_MAX */
	char err[CVSS_ERR_MAX];
	const char *v = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	assert_int_equal(cvss_parse(v, strlen(v), &c, err, sizeof err), -1);
	assert_true(strlen(err) < sizeof err - 1);
	assert_non_null(strstr(err, "...\" for metric \"MAV\""));
}

/* ---- severity ---- */

static void test_severity_boundaries(void **state)
{
	(void)state;
	static const struct {
		enum cvss_version v;
		double score;
		const char *want;
	} cases[] = {
		{ CVSS_V3_1, 0.0, "None" },   { CVSS_V3_1, 0.1, "Low" },
		{ CVSS_V3_1, 3.9, "Low" },    { CVSS_V3_1, 4.0, "Medium" },
		{ CVSS_V3_1, 6.9, "Medium" }, { CVSS_V3_1, 7.0, "High" },
		{ CVSS_V3_1, 8.9, "High" },   { CVSS_V3_1, 9.0, "Critical" },
		{ CVSS_V3_1, 10.0, "Critical" }, { CVSS_V3_0, 0.0, "None" },
		{ CVSS_V4_0, 0.0, "None" },   { CVSS_V4_0, 0.1, "Low" },
		{ CVSS_V4_0, 6.9, "Medium" }, { CVSS_V4_0, 9.0, "Critical" },
		{ CVSS_V2, 0.0, "Low" },      { CVSS_V2, 3.9, "Low" },
		{ CVSS_V2, 4.0, "Medium" },   { CVSS_V2, 6.9, "Medium" },
		{ CVSS_V2, 7.0, "High" },     { CVSS_V2, 10.0, "High" },
		/* 0.1 * 39 is 3.9000000000000004: still Low */
		{ CVSS_V3_1, 0.1 * 39, "Low" }, { CVSS_V3_1, 0.7 * 10, "High" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strcmp(cvss_severity_str(cases[i].v, cases[i].score), cases[i].want) != 0)
			fail_msg("v%s %.17g: %s, expected %s", cvss_version_str(cases[i].v), cases[i].score,
				 cvss_severity_str(cases[i].v, cases[i].score), cases[i].want);
	assert_string_equal(cvss_severity_name(CVSS_SEVERITY_CRITICAL, "zh-TW"), "嚴重");
	assert_string_equal(cvss_severity_name(CVSS_SEVERITY_CRITICAL, "en"), "Critical");
	assert_string_equal(cvss_severity_name(CVSS_SEVERITY_MEDIUM, NULL), "Medium");
	assert_int_equal(score_of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").severity,
			 CVSS_SEVERITY_CRITICAL);
}

/* ---- temporal and environmental when not given ---- */

static void test_not_defined_scores(void **state)
{
	(void)state;
	/* no temporal metric: temporal equals base in v2 and v3 */
	struct cvss_scores s = score_of("AV:N/AC:M/Au:S/C:P/I:N/A:C");
	assert_int_equal(tenths(s.temporal), tenths(s.base));
	s = score_of("CVSS:3.0/AV:A/AC:H/PR:L/UI:R/S:C/C:L/I:H/A:N");
	assert_int_equal(tenths(s.temporal), tenths(s.base));
	/* explicit X and ND are the same as absent */
	struct cvss a = parse_ok("AV:N/AC:M/Au:S/C:P/I:N/A:C/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND");
	struct cvss b = parse_ok("AV:N/AC:M/Au:S/C:P/I:N/A:C");
	assert_memory_equal(&a, &b, sizeof a);
	/* v3.1 changed the modified impact for scope changed to 7.52 (MISS - 0.029) -
	 * 3.25 (0.9731 MISS - 0.02)^13, so with nothing defined it can differ from base.
	 * By hand, ISS = 1 - 0.44^3 = 0.914816, exploitability 2.8353: base impact 6.0477,
	 * 1.08 * 8.8830 = 9.594 -> 9.6; modified impact 6.1280, 1.08 * 8.9633 = 9.680 -> 9.7.
	 * v3.0 kept the base equation there: 9.6. */
	s = score_of("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
	struct cvss_scores s30 = score_of("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
	assert_int_equal(tenths(s.base), 96);
	assert_int_equal(tenths(s.temporal), 96);
	assert_int_equal(tenths(s.environmental), 97);
	assert_int_equal(tenths(s30.base), 96);
	assert_int_equal(tenths(s30.environmental), 96);
}

/* A struct not made by cvss_parse with an impossible value scores NAN instead of reading
 * past the weight tables (ASan would catch such a read). */
static void test_hand_built_struct(void **state)
{
	(void)state;
	struct cvss c = parse_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	struct cvss_scores s;
	c.v[CVSS3_AV] = 200;
	cvss_score(&c, &s);
	assert_true(isnan(s.base) && isnan(s.temporal) && isnan(s.environmental));
	c = parse_ok("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
	c.v[CVSS4_SA] = 0; /* a base metric unset */
	cvss_score(&c, &s);
	assert_true(isnan(s.base));
	c = parse_ok("AV:N/AC:L/Au:N/C:P/I:P/A:P");
	c.v[CVSS2__MAX] = 1; /* beyond v2's metrics */
	cvss_score(&c, &s);
	assert_true(isnan(s.base));
	c.version = (enum cvss_version)CVSS__MAX;
	cvss_score(&c, &s);
	assert_true(isnan(s.base));
	/* format and describe skip what they cannot name */
	c = parse_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:F");
	c.v[CVSS3_E] = 99;
	char buf[CVSS_VECTOR_MAX];
	cvss_format(&c, buf, sizeof buf);
	assert_string_equal(buf, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	assert_int_equal(cvss_metric_count(&c), 8);
}

/* ---- writing and describing ---- */

static void test_format_canonical(void **state)
{
	(void)state;
	char buf[CVSS_VECTOR_MAX];
	struct cvss c = parse_ok("CVSS:3.1/E:X/A:N/I:L/C:H/S:U/UI:N/PR:L/AC:L/AV:N/MAV:A/CR:H/RL:X");
	const char *want = "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N/CR:H/MAV:A";
	assert_int_equal(cvss_format(&c, buf, sizeof buf), strlen(want));
	assert_string_equal(buf, want);
	c = parse_ok("(AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/TD:H)");
	cvss_format(&c, buf, sizeof buf);
	assert_string_equal(buf, "AV:N/AC:L/Au:N/C:P/I:P/A:P/TD:H");
	c = parse_ok("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Amber/E:P");
	cvss_format(&c, buf, sizeof buf);
	assert_string_equal(buf, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/U:Amber");

	/* truncation: returns the full length, writes what fits, always terminated */
	char small[12];
	size_t n = cvss_format(&c, small, sizeof small);
	assert_int_equal(n, strlen(buf));
	assert_string_equal(small, "CVSS:4.0/AV");
	assert_int_equal(cvss_format(&c, NULL, 0), strlen(buf));

	/* the longest canonical vector (every v4 metric, longest values) fits CVSS_VECTOR_MAX */
	const char *longest = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Amber";
	c = parse_ok(longest);
	assert_int_equal(cvss_format(&c, buf, sizeof buf), strlen(longest));
	assert_string_equal(buf, longest);
	assert_true(strlen(longest) < CVSS_VECTOR_MAX);
}

static void test_describe_en_zh(void **state)
{
	(void)state;
	struct cvss c = parse_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:X/RL:O/MAV:L");
	/* 8 base metrics + RL + MAV; E:X is not shown */
	assert_int_equal(cvss_metric_count(&c), 10);
	const char *m, *v;
	assert_int_equal(cvss_metric_describe(&c, 0, "en", &m, &v), 0);
	assert_string_equal(m, "Attack Vector");
	assert_string_equal(v, "Network");
	assert_int_equal(cvss_metric_describe(&c, 0, "zh-TW", &m, &v), 0);
	assert_string_equal(m, "攻擊途徑");
	assert_string_equal(v, "網路");
	struct cvss_metric_info info;
	assert_int_equal(cvss_metric_info(&c, 8, "en", &info), 0);
	assert_string_equal(info.metric, "RL");
	assert_string_equal(info.value, "O");
	assert_string_equal(info.metric_name, "Remediation Level");
	assert_string_equal(info.value_name, "Official Fix");
	assert_string_equal(info.group, "Temporal");
	assert_int_equal(cvss_metric_info(&c, 9, "zh-TW", &info), 0);
	assert_string_equal(info.metric, "MAV");
	assert_string_equal(info.value_name, "本機");
	assert_string_equal(info.group, "環境");
	assert_int_equal(cvss_metric_info(&c, 10, "en", &info), -1);
	/* unknown language: English */
	assert_int_equal(cvss_metric_describe(&c, 4, "fr", &m, &v), 0);
	assert_string_equal(m, "Scope");
	assert_string_equal(v, "Changed");

	c = parse_ok("AV:A/AC:M/Au:M/C:C/I:N/A:N/CDP:LM");
	assert_int_equal(cvss_metric_count(&c), 7);
	assert_int_equal(cvss_metric_describe(&c, 2, "en", &m, &v), 0);
	assert_string_equal(m, "Authentication");
	assert_string_equal(v, "Multiple");
	assert_int_equal(cvss_metric_describe(&c, 6, "en", &m, &v), 0);
	assert_string_equal(m, "Collateral Damage Potential");
	assert_string_equal(v, "Low-Medium");

	c = parse_ok("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MSI:S/U:Clear");
	assert_int_equal(cvss_metric_count(&c), 14);
	assert_int_equal(cvss_metric_describe(&c, 2, "en", &m, &v), 0);
	assert_string_equal(m, "Attack Requirements");
	assert_string_equal(v, "Present");
	assert_int_equal(cvss_metric_info(&c, 11, "en", &info), 0);
	assert_string_equal(info.metric_name, "Exploit Maturity");
	assert_string_equal(info.value_name, "Attacked");
	assert_string_equal(info.group, "Threat");
	assert_int_equal(cvss_metric_info(&c, 12, "en", &info), 0);
	assert_string_equal(info.value_name, "Safety");
	assert_int_equal(cvss_metric_info(&c, 13, "zh-TW", &info), 0);
	assert_string_equal(info.metric_name, "供應商緊急程度");
	assert_string_equal(info.group, "補充");

	/* every value of every version has both names */
	const char *all[] = {
		"AV:L/AC:H/Au:S/C:N/I:P/A:C/E:POC/RL:TF/RC:UR/CDP:MH/TD:M/CR:L/IR:M/AR:H",
		"CVSS:3.0/AV:A/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:H/E:F/RL:W/RC:R/CR:M/IR:L/AR:H/MAV:P/MAC:L/MPR:L/MUI:N/MS:U/MC:N/MI:L/MA:H",
		"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:H/SC:L/SI:H/SA:N/E:U/CR:M/IR:L/AR:H/MAV:A/MAC:H/MAT:P/MPR:L/MUI:A/MVC:N/MVI:L/MVA:H/MSC:N/MSI:N/MSA:L/S:N/AU:N/R:U/V:D/RE:M/U:Green",
	};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		c = parse_ok(all[i]);
		for (size_t j = 0; j < cvss_metric_count(&c); j++)
			for (int zh = 0; zh < 2; zh++) {
				assert_int_equal(cvss_metric_info(&c, j, zh ? "zh-TW" : "en", &info), 0);
				assert_true(strlen(info.metric_name) > 0 && strlen(info.value_name) > 0);
			}
	}
}

/* ---- v4 tables: FIRST's highest-severity vectors must dominate every vector of their
 * EQ level, or the scorer's fallback (keep the last alternative) would be used. ---- */

static double lvl(const char *order, char value)
{
	return (double)(strchr(order, value) - order);
}

static int dominated(const char *eff, const char *alt, const char *const orders[], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lvl(orders[i], eff[i]) < lvl(orders[i], alt[i]))
			return 0;
	return 1;
}

static int first_valid(const char *alts, size_t stride, const char *eff, const char *const orders[],
		       size_t n)
{
	for (size_t a = 0; a < CVSS4_MAX_ALT && alts[a * stride]; a++)
		if (dominated(eff, alts + a * stride, orders, n))
			return 1;
	return 0;
}

static void test_v4_tables_dominate(void **state)
{
	(void)state;
	/* severity order, most severe first, as the specification ranks the values */
	static const char *const o1[] = { "NALP", "NLH", "NPA" };
	static const char *const o2[] = { "LH", "NP" };
	static const char *const o3[] = { "HLN", "HLN", "HLN", "HML", "HML", "HML" };
	static const char *const o4[] = { "HLN", "SHLN", "SHLN" };
	int checked = 0;
	for (int i = 0; i < 36; i++) {
		char e[3] = { "NALP"[i / 9], "NLH"[i / 3 % 3], "NPA"[i % 3] };
		int eq1 = (e[0] == 'N' && e[1] == 'N' && e[2] == 'N') ? 0
			  : ((e[0] == 'N' || e[1] == 'N' || e[2] == 'N') && e[0] != 'P') ? 1 : 2;
		assert_true(first_valid(cvss4_max_eq1[eq1][0], 4, e, o1, 3));
		checked++;
	}
	for (int i = 0; i < 4; i++) {
		char e[2] = { "LH"[i / 2], "NP"[i % 2] };
		int eq2 = (e[0] == 'L' && e[1] == 'N') ? 0 : 1;
		assert_true(first_valid(cvss4_max_eq2[eq2][0], 3, e, o2, 2));
		checked++;
	}
	for (int i = 0; i < 729; i++) {
		char e[6];
		int r = i;
		for (int k = 5; k >= 0; k--, r /= 3)
			e[k] = o3[k][r % 3];
		int eq3 = (e[0] == 'H' && e[1] == 'H') ? 0 : (e[0] == 'H' || e[1] == 'H' || e[2] == 'H') ? 1 : 2;
		int eq6 = ((e[3] == 'H' && e[0] == 'H') || (e[4] == 'H' && e[1] == 'H') ||
			   (e[5] == 'H' && e[2] == 'H')) ? 0 : 1;
		if (!first_valid(cvss4_max_eq3[eq3][eq6][0], 7, e, o3, 6))
			fail_msg("EQ3=%d EQ6=%d: nothing dominates %.6s", eq3, eq6, e);
		checked++;
	}
	for (int i = 0; i < 48; i++) {
		char e[3] = { "HLN"[i / 16], "SHLN"[i / 4 % 4], "SHLN"[i % 4] };
		int eq4 = (e[1] == 'S' || e[2] == 'S') ? 0 : (e[0] == 'H' || e[1] == 'H' || e[2] == 'H') ? 1 : 2;
		assert_true(first_valid(cvss4_max_eq4[eq4][0], 4, e, o4, 3));
		checked++;
	}
	assert_int_equal(checked, 36 + 4 + 729 + 48);
	/* and the lookup table has its 270 macrovectors, all within 0..10 */
	int n = 0;
	const double *t = &cvss4_macro_score[0][0][0][0][0][0];
	for (size_t i = 0; i < sizeof cvss4_macro_score / sizeof(double); i++)
		if (t[i] >= 0) {
			assert_true(t[i] <= 10.0);
			n++;
		}
	assert_int_equal(n, 270);
}

/* ---- the real data ---- */

#define SHOW_MAX 5

struct tally {
	const char *name;
	long agree, disagree, not_compared;
	char shown[SHOW_MAX][320];
	int nshown;
};

__attribute__((format(printf, 2, 3)))
static void disagree(struct tally *t, const char *fmt, ...)
{
	if (t->nshown < SHOW_MAX) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(t->shown[t->nshown++], sizeof t->shown[0], fmt, ap);
		va_end(ap);
	}
	t->disagree++;
}

static void report(struct tally *t)
{
	print_message("# %s: %ld of %ld vectors agree", t->name, t->agree, t->agree + t->disagree);
	if (t->not_compared)
		print_message(" (%ld rows not compared)", t->not_compared);
	print_message("\n");
	if (t->disagree || t->agree == 0) {
		char all[SHOW_MAX * 330] = "";
		size_t o = 0;
		for (int i = 0; i < t->nshown; i++)
			o += (size_t)snprintf(all + o, sizeof all - o, "\n  %s", t->shown[i]);
		fail_msg("%s: %ld of %ld vectors disagree; first ones:%s", t->name, t->disagree,
			 t->agree + t->disagree, all);
	}
}

static FILE *open_data(const char *rel)
{
	const char *root = getenv("VANS_TESTDATA");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", root && *root ? root : "../shared/data", rel);
	return fopen(path, "r");
}

/* Splits line at sep into at most max fields (empty fields kept); strips the newline. */
static int split(char *line, char sep, char **f, int max)
{
	line[strcspn(line, "\r\n")] = '\0';
	int n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *q = strchr(p, sep);
		if (!q)
			break;
		*q = '\0';
		p = q + 1;
	}
	return n;
}

/* Compares a score with an expected field: "NaN" (not defined) is skipped. */
static int same(double got, const char *want)
{
	if (strcmp(want, "NaN") == 0 || strcmp(want, "None") == 0)
		return 1;
	char *end;
	double w = strtod(want, &end);
	return *end == '\0' && tenths(got) == tenths(w);
}

static int parse_row(struct tally *t, const char *vec, struct cvss *c, struct cvss_scores *s)
{
	char err[CVSS_ERR_MAX];
	if (cvss_parse(vec, strlen(vec), c, err, sizeof err) != 0) {
		disagree(t, "%s: parse error: %s", vec, err);
		return -1;
	}
	cvss_score(c, s);
	return 0;
}

static int has_temporal(const struct cvss *c)
{
	if (c->version == CVSS_V2)
		return c->v[CVSS2_E] || c->v[CVSS2_RL] || c->v[CVSS2_RC];
	return c->v[CVSS3_E] || c->v[CVSS3_RL] || c->v[CVSS3_RC];
}

/* "<vector> overall base impact exploitability temporal environmental adjustedImpact" */
static void check_8col(struct tally *t, char **f, int n)
{
	struct cvss c;
	struct cvss_scores s;
	if (n != 8) {
		disagree(t, "malformed line (%d fields)", n);
		return;
	}
	if (parse_row(t, f[0], &c, &s) != 0)
		return;
	double overall = strcmp(f[6], "NaN") ? s.environmental : strcmp(f[5], "NaN") ? s.temporal : s.base;
	int ok = same(s.base, f[2]) && same(s.impact, f[3]) && same(s.exploitability, f[4]) &&
		 same(s.temporal, f[5]) && same(s.environmental, f[6]) &&
		 same(s.modified_impact, f[7]) && same(overall, f[1]);
	/* not defined in the file: with no temporal metric our temporal must equal base */
	if (strcmp(f[5], "NaN") == 0 && !has_temporal(&c) && tenths(s.temporal) != tenths(s.base))
		ok = 0;
	if (ok)
		t->agree++;
	else
		disagree(t, "%s: expected overall %s base %s impact %s expl %s temporal %s env %s adjImpact %s; "
			 "got %.1f %.1f %.1f %.1f %.1f %.1f %.1f", f[0], f[1], f[2], f[3], f[4], f[5], f[6],
			 f[7], overall, s.base, s.impact, s.exploitability, s.temporal, s.environmental,
			 s.modified_impact);
}

/* metaeffekt's v3.0 files: "<vector without prefix> base temporal environmental" */
static void check_v30(struct tally *t, char **f, int n)
{
	struct cvss c;
	struct cvss_scores s;
	char vec[CVSS_VECTOR_MAX + 16];
	if (n != 4) {
		disagree(t, "malformed line (%d fields)", n);
		return;
	}
	/* the files leave out the prefix; the version is known from the file */
	snprintf(vec, sizeof vec, "CVSS:3.0/%s", f[0]);
	if (parse_row(t, vec, &c, &s) != 0)
		return;
	if (same(s.base, f[1]) && same(s.temporal, f[2]) && same(s.environmental, f[3]))
		t->agree++;
	else
		disagree(t, "%s: expected %s %s %s, got %.1f %.1f %.1f", vec, f[1], f[2], f[3], s.base,
			 s.temporal, s.environmental);
}

/* "<vector> <macrovector> <score>" */
static void check_v4(struct tally *t, char **f, int n)
{
	struct cvss c;
	struct cvss_scores s;
	if (n != 3) {
		disagree(t, "malformed line (%d fields)", n);
		return;
	}
	if (parse_row(t, f[0], &c, &s) != 0)
		return;
	if (same(s.base, f[2]) && strcmp(s.macrovector, f[1]) == 0)
		t->agree++;
	else
		disagree(t, "%s: expected %s %s, got %s %.1f", f[0], f[1], f[2], s.macrovector, s.base);
}

/* nvd_cvss_observed.tsv: version vector baseScore exploitabilityScore impactScore cves
 * conflict. A row flagged as a conflict (NVD published different scores for the same
 * vector) has no single expected score: it is counted apart, never as agreement. */
static void check_nvd(struct tally *t, char **f, int n)
{
	struct cvss c;
	struct cvss_scores s;
	if (n != 7) {
		disagree(t, "malformed line (%d fields)", n);
		return;
	}
	if (f[6][0] != '\0') {
		t->not_compared++;
		return;
	}
	if (parse_row(t, f[1], &c, &s) != 0)
		return;
	if (strcmp(cvss_version_str(c.version), f[0]) != 0)
		disagree(t, "%s: version %s, file says %s", f[1], cvss_version_str(c.version), f[0]);
	else if (same(s.base, f[2]) && same(s.exploitability, f[3]) && same(s.impact, f[4]))
		t->agree++;
	else
		disagree(t, "%s: NVD %s (expl %s, impact %s), got %.1f (%.1f, %.1f)", f[1], f[2], f[3],
			 f[4], s.base, s.exploitability, s.impact);
}

enum data_kind { D_8COL, D_V30, D_V4, D_NVD };

static void run_file(const char *rel, enum data_kind kind)
{
	FILE *fp = open_data(rel);
	if (!fp) {
		print_message("# %s: not found (set VANS_TESTDATA), skipped\n", rel);
		skip();
	}
	struct tally *t = calloc(1, sizeof *t);
	assert_non_null(t);
	t->name = rel;
	char line[1024];
	char *f[10];
	while (fgets(line, sizeof line, fp)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		int n = split(line, kind == D_NVD ? '\t' : ' ', f, 10);
		switch (kind) {
		case D_8COL:
			check_8col(t, f, n);
			break;
		case D_V30:
			check_v30(t, f, n);
			break;
		case D_V4:
			check_v4(t, f, n);
			break;
		case D_NVD:
			check_nvd(t, f, n);
			break;
		}
	}
	fclose(fp);
	struct tally copy = *t;
	free(t);
	report(&copy);
}

static void test_metaeffekt_v2_0(void **state)
{
	(void)state;
	run_file("cvss/metaeffekt/cvss-2.0-validation-vectors-001.txt", D_8COL);
}

static void test_metaeffekt_v3_0_001(void **state)
{
	(void)state;
	run_file("cvss/metaeffekt/cvss-3.0-validation-vectors-001.txt", D_V30);
}

static void test_metaeffekt_v3_0_002(void **state)
{
	(void)state;
	run_file("cvss/metaeffekt/cvss-3.0-validation-vectors-002.txt", D_V30);
}

static void test_metaeffekt_v3_1(void **state)
{
	(void)state;
	run_file("cvss/metaeffekt/cvss-3.1-validation-vectors-001.txt", D_8COL);
}

static void test_metaeffekt_v4_0_001(void **state)
{
	(void)state;
	run_file("cvss/metaeffekt/cvss-4.0-validation-vectors-001.txt", D_V4);
}

static void test_metaeffekt_v4_0_002(void **state)
{
	(void)state;
	run_file("cvss/metaeffekt/cvss-4.0-validation-vectors-002.txt", D_V4);
}

static void test_nvd_observed(void **state)
{
	(void)state;
	run_file("cvss/nvd-observed/nvd_cvss_observed.tsv", D_NVD);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2_guide_examples),
		cmocka_unit_test(test_v3_spec_examples),
		cmocka_unit_test(test_v30_v31_roundup_differ),
		cmocka_unit_test(test_v4_examples),
		cmocka_unit_test(test_v4_nvd_all_x),
		cmocka_unit_test(test_v4_nomenclature),
		cmocka_unit_test(test_any_order_same_vector),
		cmocka_unit_test(test_versions_detected),
		cmocka_unit_test(test_slice_not_nul_terminated),
		cmocka_unit_test(test_parse_errors_name_the_metric),
		cmocka_unit_test(test_error_buffer_handling),
		cmocka_unit_test(test_severity_boundaries),
		cmocka_unit_test(test_not_defined_scores),
		cmocka_unit_test(test_hand_built_struct),
		cmocka_unit_test(test_format_canonical),
		cmocka_unit_test(test_describe_en_zh),
		cmocka_unit_test(test_v4_tables_dominate),
		cmocka_unit_test(test_metaeffekt_v2_0),
		cmocka_unit_test(test_metaeffekt_v3_0_001),
		cmocka_unit_test(test_metaeffekt_v3_0_002),
		cmocka_unit_test(test_metaeffekt_v3_1),
		cmocka_unit_test(test_metaeffekt_v4_0_001),
		cmocka_unit_test(test_metaeffekt_v4_0_002),
		cmocka_unit_test(test_nvd_observed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
