/* Unit tests of the version comparison (src/kb/version.c): libversion's own case file,
 * OpenSSL's release order, CVE-relevant examples, dates, CPE escapes, the pre-parsed keys
 * and the order laws (antisymmetry, transitivity) over a sample of real versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cmd_version.h"
#include "kb/version.h"

#define FILE_CAP (1u << 20)

/* ---- helpers ---------------------------------------------------------------------- */

static int cmp(const char *a, const char *b)
{
	return version_compare_str(a, b);
}

static int cmp_flags(const char *a, int af, const char *b, int bf)
{
	return version_compare_flags(a, strlen(a), af, b, strlen(b), bf);
}

static int key_cmp_flags(const char *a, int af, const char *b, int bf)
{
	struct version_key ka, kb;

	version_key_parse(&ka, a, strlen(a), af);
	version_key_parse(&kb, b, strlen(b), bf);
	return version_key_compare(&ka, &kb);
}

/* Asserts a < b through every entry point, both ways round. */
static void assert_less(const char *a, const char *b)
{
	if (cmp(a, b) != -1 || cmp(b, a) != 1)
		fail_msg("expected %s < %s, got %d / %d", a, b, cmp(a, b), cmp(b, a));
	assert_int_equal(key_cmp_flags(a, 0, b, 0), -1);
	assert_int_equal(key_cmp_flags(b, 0, a, 0), 1);
}

static void assert_same(const char *a, const char *b)
{
	if (cmp(a, b) != 0 || cmp(b, a) != 0)
		fail_msg("expected %s = %s, got %d / %d", a, b, cmp(a, b), cmp(b, a));
	assert_int_equal(key_cmp_flags(a, 0, b, 0), 0);
	assert_int_equal(key_cmp_flags(b, 0, a, 0), 0);
}

/* Reads $VANS_TESTDATA/rel (default ../shared/data) into a NUL-terminated heap buffer;
 * NULL when absent. */
static char *read_testdata(const char *rel, size_t *len)
{
	const char *root = getenv("VANS_TESTDATA");
	char path[1024];
	char *buf = NULL;
	FILE *f;

	if (root == NULL || *root == '\0')
		root = "../shared/data";
	if (snprintf(path, sizeof(path), "%s/%s", root, rel) >= (int)sizeof(path))
		return NULL;
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	buf = malloc(FILE_CAP + 1);
	if (buf == NULL)
		abort();
	*len = fread(buf, 1, FILE_CAP, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Splits buf in place at '\n' into lines[]; returns how many (at most cap). */
static size_t split_lines(char *buf, char **lines, size_t cap)
{
	size_t n = 0;
	char *p = buf;

	while (*p != '\0' && n < cap) {
		char *nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		lines[n++] = p;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return n;
}

/* "0", "VERSIONFLAG_P_IS_PATCH", or several joined by '|'. */
static int parse_flags(const char *s)
{
	int flags = 0;

	while (*s != '\0') {
		size_t n = strcspn(s, "|");
		if (n == 1 && s[0] == '0')
			;
		else if (n == 22 && strncmp(s, "VERSIONFLAG_P_IS_PATCH", n) == 0)
			flags |= VERSION_FLAG_P_IS_PATCH;
		else if (n == 24 && strncmp(s, "VERSIONFLAG_ANY_IS_PATCH", n) == 0)
			flags |= VERSION_FLAG_ANY_IS_PATCH;
		else if (n == 23 && strncmp(s, "VERSIONFLAG_LOWER_BOUND", n) == 0)
			flags |= VERSION_FLAG_LOWER_BOUND;
		else if (n == 23 && strncmp(s, "VERSIONFLAG_UPPER_BOUND", n) == 0)
			flags |= VERSION_FLAG_UPPER_BOUND;
		else
			fail_msg("unknown flag in case file: %.*s", (int)n, s);
		s += n;
		if (*s == '|')
			s++;
	}
	return flags;
}

/* ---- libversion's case file ---------------------------------------------------------- */

#define MAX_LINES 4096

static void test_libversion_case_file_both_directions(void **state)
{
	(void)state;
	size_t len, nlines, cases = 0;
	char *buf = read_testdata("version/libversion_compare_cases.tsv", &len);
	char **lines;

	if (buf == NULL)
		skip();
	lines = calloc(MAX_LINES, sizeof(*lines));
	if (lines == NULL)
		abort();
	nlines = split_lines(buf, lines, MAX_LINES);
	for (size_t i = 0; i < nlines; i++) {
		char *f[6];
		char *p = lines[i];
		size_t nf = 0;

		if (p[0] == '#' || p[0] == '\0')
			continue;
		while (nf < 6) {
			f[nf++] = p;
			p = strchr(p, '\t');
			if (p == NULL)
				break;
			*p++ = '\0';
		}
		if (nf < 5)
			fail_msg("line %zu: %zu fields", i + 1, nf);
		int af = parse_flags(f[2]), bf = parse_flags(f[3]);
		int expected = (int)strtol(f[4], NULL, 10);

		int got = cmp_flags(f[0], af, f[1], bf);
		int back = cmp_flags(f[1], bf, f[0], af);
		if (got != expected || back != -expected)
			fail_msg("line %zu: '%s' (%s) vs '%s' (%s): expected %d, got %d, reverse %d", i + 1,
				 f[0], f[2], f[1], f[3], expected, got, back);
		/* the pre-parsed keys must agree on every case */
		assert_int_equal(key_cmp_flags(f[0], af, f[1], bf), expected);
		assert_int_equal(key_cmp_flags(f[1], bf, f[0], af), -expected);
		cases++;
	}
	print_message("libversion cases: %zu of %zu pass in both directions\n", cases, cases);
	assert_true(cases >= 228);
	free(lines);
	free(buf);
}

/* ---- OpenSSL --------------------------------------------------------------------------- */

static int qsort_cmp(const void *a, const void *b)
{
	return cmp(*(const char *const *)a, *(const char *const *)b);
}

/* The two development tags that stay pre-release words (libversion's rule) where
 * univers' OpenSSL scheme orders them after their release. */
static const char *const openssl_exceptions[] = { "0.9.6-cvs", "1.0.2zc-dev" };
static const char *const openssl_exception_release[] = { "0.9.6", "1.0.2zc" };

static bool is_openssl_exception(const char *s)
{
	for (size_t i = 0; i < 2; i++)
		if (strcmp(s, openssl_exceptions[i]) == 0)
			return true;
	return false;
}

static size_t index_of(char **list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	fail_msg("%s missing", s);
	return 0;
}

static void test_openssl_order_matches_univers_except_dev_tags(void **state)
{
	(void)state;
	size_t alen, elen;
	char *all = read_testdata("version/univers/openssl/openssl_all_versions.txt", &alen);
	char *exp = read_testdata("version/univers/openssl/openssl_versort_expected.json", &elen);
	char **mine, **want;
	size_t nmine = 0, nwant = 0;

	if (all == NULL || exp == NULL) {
		free(all);
		free(exp);
		skip();
	}
	mine = calloc(MAX_LINES, sizeof(*mine));
	want = calloc(MAX_LINES, sizeof(*want));
	if (mine == NULL || want == NULL)
		abort();

	size_t n = split_lines(all, mine, MAX_LINES);
	for (size_t i = 0; i < n; i++) {
		char *s = mine[i];
		s[strcspn(s, "\r")] = '\0';
		if (*s != '\0')
			mine[nmine++] = s;
	}
	/* the expected order: every "string": "…" value, in file order */
	for (char *p = exp; (p = strstr(p, "\"string\": \"")) != NULL;) {
		p += strlen("\"string\": \"");
		char *q = strchr(p, '"');
		assert_non_null(q);
		*q = '\0';
		assert_true(nwant < MAX_LINES);
		want[nwant++] = p;
		p = q + 1;
	}
	assert_int_equal(nmine, nwant);
	assert_true(nmine > 150);

	qsort(mine, nmine, sizeof(*mine), qsort_cmp);
	/* no two different OpenSSL versions may compare equal (za vs zb) */
	for (size_t i = 0; i + 1 < nmine; i++)
		if (cmp(mine[i], mine[i + 1]) != -1)
			fail_msg("%s and %s are not strictly ordered", mine[i], mine[i + 1]);

	/* outside the two exceptions the orders are identical */
	size_t i = 0, j = 0, agree = 0;
	while (i < nmine || j < nwant) {
		if (i < nmine && is_openssl_exception(mine[i])) {
			i++;
			continue;
		}
		if (j < nwant && is_openssl_exception(want[j])) {
			j++;
			continue;
		}
		assert_true(i < nmine && j < nwant);
		if (strcmp(mine[i], want[j]) != 0)
			fail_msg("position %zu: vans has %s, univers %s", i, mine[i], want[j]);
		agree++;
		i++;
		j++;
	}
	/* and the exceptions are exactly one place apart: before their release in vans,
	 * right after it in univers */
	for (size_t k = 0; k < 2; k++) {
		size_t mi = index_of(mine, nmine, openssl_exceptions[k]);
		size_t wi = index_of(want, nwant, openssl_exceptions[k]);
		assert_true(mi + 1 < nmine);
		assert_string_equal(mine[mi + 1], openssl_exception_release[k]);
		assert_true(wi > 0);
		assert_string_equal(want[wi - 1], openssl_exception_release[k]);
	}
	size_t differ = 0;
	for (size_t k = 0; k < nmine; k++)
		differ += strcmp(mine[k], want[k]) != 0;
	assert_int_equal(differ, 4); /* two swapped pairs, nothing else */
	print_message("OpenSSL: %zu of %zu versions in univers' order; differences only "
		      "0.9.6-cvs and 1.0.2zc-dev (pre-release words)\n", agree, nmine);

	free(mine);
	free(want);
	free(all);
	free(exp);
}

static void test_openssl_two_letter_suffixes_are_ordered(void **state)
{
	(void)state;
	assert_less("0.9.8z", "0.9.8za");
	assert_less("0.9.8za", "0.9.8zb");
	assert_less("0.9.8y", "0.9.8z");
	assert_less("0.9.8zh", "1.0.0");
	assert_less("1.0.2zc", "1.0.2zd");
	assert_same("1.0.2ZA", "1.0.2za");  /* case is ignored */
	assert_less("1.0.2zc-dev", "1.0.2zc"); /* -dev is a pre-release word */
	assert_less("0.9.6-cvs", "0.9.6");
	assert_less("0.9.7-beta5", "0.9.7");
}

/* ---- CVE-relevant examples, equality, flags -------------------------------------------- */

static void test_cve_relevant_examples(void **state)
{
	(void)state;
	assert_less("2.0-beta9", "2.15.0");   /* log4j CVE-2021-44228 range */
	assert_less("2.0-beta9", "2.0");
	assert_less("2.0-rc1", "2.0");
	assert_less("1.0.2k", "1.0.2l");
	assert_less("10.0.19041.1", "10.0.19041.1288");
	assert_less("10.0.19041.1288", "10.0.19042.0");
	assert_less("5.4.0-rc1", "5.4.0");
	assert_less("5.4.0-rc1", "5.4.0-rc2");
	assert_less("5.4.0-rc9", "5.4.1-rc1");
	assert_less("1.2.9", "1.2.10");
	assert_less("1.0.2", "1.0.2a");       /* OpenSSL letter releases follow the release */
	assert_less("1.0.2a", "1.0.3");        /* but libversion puts 1.0.2.1 below 1.0.2a */
	assert_less("1.0.2.1", "1.0.2a");
	assert_less("7.4.3-p1", "7.4.3");     /* without P_IS_PATCH, "p" is "pre" (libversion) */
	/* … so patch-level schemes (OpenSSH 9.5p1, ntp 4.2.8p9, sudo 1.9.17p1, all in NVD
	 * bounds) need VERSION_FLAG_P_IS_PATCH on both sides */
	assert_int_equal(cmp_flags("9.5", VERSION_FLAG_P_IS_PATCH, "9.5p1", VERSION_FLAG_P_IS_PATCH), -1);
	assert_int_equal(cmp_flags("4.2.8p9", VERSION_FLAG_P_IS_PATCH, "4.2.8p10", VERSION_FLAG_P_IS_PATCH), -1);
	assert_int_equal(cmp_flags("4.2.8p15", VERSION_FLAG_P_IS_PATCH, "4.2.9", VERSION_FLAG_P_IS_PATCH), -1);
	assert_int_equal(cmp_flags("1.9.17p1", VERSION_FLAG_P_IS_PATCH, "1.9.17", VERSION_FLAG_P_IS_PATCH), 1);
	assert_less("1.0", "1.0patch1");
	assert_less("1.0-SNAPSHOT", "1.0");    /* unknown words are pre-release */
	assert_less("2.4.49", "2.4.50");
}

static void test_concrete_versions_equal_when_same_release(void **state)
{
	(void)state;
	assert_same("31.3", "31.3.0");
	assert_same("1.0-rc1", "1.0rc1");
	assert_same("1.0-rc1", "1.0.rc.1");
	assert_same("1.0", "1.0.0.0");
	assert_same("v1.2", "v1.2.0");
	assert_same("1.0alpha1", "1.0a1");
	assert_same("1.0beta", "1.0-BETA");
	assert_same("007.01", "7.1");
	assert_same("", "0");
	/* different releases are never equal */
	assert_less("31.3", "31.3.1");
	assert_less("31.3", "31.3.0.0.1");  /* padding runs until both sides end */
	assert_less("1.0.0.0.0alpha", "1");
	assert_less("1.0rc1", "1.0rc2");
}

static void test_flags_change_only_their_side(void **state)
{
	(void)state;
	/* P_IS_PATCH: 1.0p1 is a patch release only for the side carrying the flag */
	assert_int_equal(cmp_flags("1.0p1", 0, "1.0", 0), -1);
	assert_int_equal(cmp_flags("1.0p1", VERSION_FLAG_P_IS_PATCH, "1.0", 0), 1);
	/* ANY_IS_PATCH: unknown words become post-release */
	assert_int_equal(cmp_flags("1.0-foo1", 0, "1.0", 0), -1);
	assert_int_equal(cmp_flags("1.0-foo1", VERSION_FLAG_ANY_IS_PATCH, "1.0", 0), 1);
	/* bounds: [1.0 LOWER, 1.0 UPPER] brackets every 1.0 variant and nothing else */
	const char *inside[] = { "1.0alpha1", "1.0rc2", "1.0", "1.0.0", "1.0patch3", "1.0.5", "1.0a", "1.0.99.1" };
	const char *outside[] = { "0.99", "0.9z", "1.1", "1.1alpha1", "2" };
	for (size_t i = 0; i < sizeof(inside) / sizeof(*inside); i++) {
		assert_int_equal(cmp_flags(inside[i], 0, "1.0", VERSION_FLAG_LOWER_BOUND), 1);
		assert_int_equal(cmp_flags(inside[i], 0, "1.0", VERSION_FLAG_UPPER_BOUND), -1);
		assert_int_equal(key_cmp_flags(inside[i], 0, "1.0", VERSION_FLAG_UPPER_BOUND), -1);
	}
	for (size_t i = 0; i < sizeof(outside) / sizeof(*outside); i++) {
		int lo = cmp_flags(outside[i], 0, "1.0", VERSION_FLAG_LOWER_BOUND);
		int hi = cmp_flags(outside[i], 0, "1.0", VERSION_FLAG_UPPER_BOUND);
		if (!((lo == -1 && hi == -1) || (lo == 1 && hi == 1)))
			fail_msg("%s should be outside 1.0's bounds (%d, %d)", outside[i], lo, hi);
	}
}

/* ---- dates and escapes ------------------------------------------------------------------ */

static void test_dates_compare_chronologically_in_any_spelling(void **state)
{
	(void)state;
	assert_same("2021-12-13", "2021.12.13");
	assert_same("2021-12-13", "20211213");
	assert_same("2021_12_13", "20211213");
	assert_same("2004-02-26", "20040226");
	assert_same("2021-12-13", " 20211213. "); /* separators around it change nothing */
	assert_less("v20211213", "2021-12-13");     /* "v" is a pre-release word: no date */
	assert_less("1.20211213", "2021-12-13");    /* inside a longer version: a number */
	assert_less("2021-12-13", "2021-12-14");
	assert_less("20211213", "2021-12-14");
	assert_less("2021-12-14", "20211215");
	assert_less("2021-02-03", "2021-12-01");
	assert_less("20210203", "20211201");
	assert_less("2021-12-31", "2022-01-01");
	assert_less("20211231", "20220101");
	assert_less("1999-12-31", "20000101");
	/* libversion's long-number case still holds for compact dates */
	assert_less("20160101", "20160102");
	/* a date against an ordinary version: its year is the major number */
	assert_less("2.15.0", "2021-12-13");
	assert_less("2021-12-13", "2022.1");
	/* not a date (month 13): stays one number */
	assert_less("20211213", "20211301");
	assert_less("2021.12.31", "20211301");
}

static void test_cpe_escapes_unquote_and_do_not_change_order(void **state)
{
	(void)state;
	char out[64];
	const char *esc = "15.3\\(100\\)m";

	assert_int_equal(version_cpe_unescape(esc, strlen(esc), out, sizeof(out)), 10);
	assert_string_equal(out, "15.3(100)m");
	assert_int_equal(version_cpe_unescape("a\\\\b", 4, out, sizeof(out)), 3);
	assert_string_equal(out, "a\\b");
	assert_int_equal(version_cpe_unescape("1.91\\+", 6, out, sizeof(out)), 5);
	assert_string_equal(out, "1.91+");
	assert_int_equal(version_cpe_unescape("1.0\\", 4, out, sizeof(out)), 4); /* lone "\" kept */
	assert_string_equal(out, "1.0\\");
	/* truncation: snprintf-like return, always terminated */
	assert_int_equal(version_cpe_unescape(esc, strlen(esc), out, 5), 10);
	assert_string_equal(out, "15.3");
	assert_int_equal(version_cpe_unescape(esc, strlen(esc), out, 0), 10);

	assert_same("15.3\\(100\\)m", "15.3(100)m");
	assert_same("1.34.0-rc1\\+k3s1", "1.34.0-rc1+k3s1");
	assert_less("12.2\\(14\\)sx2", "12.2\\(15\\)zj3");
	assert_less("15.3\\(99\\)", "15.3\\(100\\)m");
}

static void test_slices_need_no_terminator(void **state)
{
	(void)state;
	const char buf[] = { '1', '.', '0', 'r', 'c', '1' }; /* no NUL */
	struct version_key k;

	assert_int_equal(version_compare(buf, 3, "1.0", 3), 0);
	assert_int_equal(version_compare(buf, 6, "1.0", 3), -1);
	assert_int_equal(version_compare(buf, 4, "1.0r", 4), 0);
	assert_int_equal(version_compare(NULL, 0, "0", 1), 0);
	/* a NUL byte inside a slice is a separator like any punctuation */
	assert_int_equal(version_compare("1\0002", 3, "1.2", 3), 0);
	version_key_parse(&k, buf, 6, 0);
	assert_true(k.exact);
	assert_int_equal(k.ncomp, 4);
}

/* ---- keys ------------------------------------------------------------------------------ */

static void test_keys_beyond_capacity_fall_back_to_strings(void **state)
{
	(void)state;
	struct version_key a, b;
	const char *many = "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17";
	const char *many2 = "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.18";
	const char *big = "99999999999999999999999999999999999998";
	const char *big2 = "99999999999999999999999999999999999999";

	assert_false(version_key_parse(&a, many, strlen(many), 0));
	assert_false(version_key_parse(&b, many2, strlen(many2), 0));
	assert_int_equal(b.ncomp, 0); /* 17 components: not exact either */
	assert_false(b.exact);
	assert_int_equal(version_key_compare(&a, &b), -1);
	assert_int_equal(version_key_compare(&b, &a), 1);

	/* exactly the capacity still fits */
	assert_true(version_key_parse(&a, "1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16", 38, 0));
	assert_int_equal(a.ncomp, VERSION_KEY_COMPONENTS);
	assert_int_equal(version_key_compare(&a, &b), -1);

	assert_false(version_key_parse(&a, big, strlen(big), 0));
	assert_false(version_key_parse(&b, big2, strlen(big2), 0));
	assert_int_equal(version_key_compare(&a, &b), -1);
	/* 18 digits fit, 19 do not; both compare right against each other */
	assert_true(version_key_parse(&a, "999999999999999999", 18, 0));
	assert_false(version_key_parse(&b, "1000000000000000000", 19, 0));
	assert_int_equal(version_key_compare(&a, &b), -1);
	/* letter suffixes: 7 letters fit, 8 do not */
	assert_true(version_key_parse(&a, "1.0abcdefg", 10, 0));
	assert_false(version_key_parse(&b, "1.0abcdefgh", 11, 0));
	assert_int_equal(version_key_compare(&a, &b), -1);
	assert_int_equal(version_key_compare(&b, &a), 1);
}

/* A sample of real-looking versions: the case file's, OpenSSL's and these. */
static const char *const sample_extra[] = {
	"", "0", "0.0", "1", "1.0", "1.0.0", "1.0a", "1.0b", "1.0.1", "1.1", "1.0alpha", "1.0alpha1",
	"1.0a1", "1.0beta2", "1.0rc1", "1.0-rc1", "1.0pre1", "1.0p1", "1.0patch1", "1.0post1",
	"1.0pl1", "1.0errata1", "2.0-beta9", "2.15.0", "2.17.1", "10.0.19041.1", "10.0.19041.1288",
	"5.4.0-rc1", "5.4.0", "2021-12-13", "2021.12.13", "20211213", "20211213.", "-19991231", "20211301", "2021-12-13T00", "2022-01-01",
	"15.3\\(100\\)m", "15.3(100)m", "15.3(99)", "12.2(33)sxi7", "1.34.0-rc1+k3s1",
	"0.9.8z", "0.9.8za", "1.0.2zc-dev", "v1.2", "r123", "1.0-SNAPSHOT", "1.0git20190911",
	"1.0.a", "1.0.z", "1.0.p.1", "1.0p.1", "1.0a.1", "1.0ab.1", "1.0abcdefgh",
	"1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17", "99999999999999999999", "1_0", "1..0..",
	"a", "b", "alpha", "zzz", "1.0~beta", "1.0+deb9u1", "1:2.3-4", "7.4.3-p1", "3.0.0-dev",
};

#define SAMPLE_CAP 700

static size_t collect_sample(const char **out, char **bufs)
{
	size_t n = 0, len;

	for (size_t i = 0; i < sizeof(sample_extra) / sizeof(*sample_extra); i++)
		out[n++] = sample_extra[i];
	bufs[0] = read_testdata("version/libversion_compare_cases.tsv", &len);
	if (bufs[0] != NULL) {
		for (char *p = bufs[0]; *p != '\0' && n + 2 < SAMPLE_CAP;) {
			char *nl = strchr(p, '\n');
			if (nl != NULL)
				*nl = '\0';
			if (*p != '#') {
				char *t1 = strchr(p, '\t');
				char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
				if (t1 != NULL && t2 != NULL) {
					*t1 = '\0';
					*t2 = '\0';
					out[n++] = p;
					out[n++] = t1 + 1;
				}
			}
			if (nl == NULL)
				break;
			p = nl + 1;
		}
	}
	bufs[1] = read_testdata("version/univers/openssl/openssl_all_versions.txt", &len);
	if (bufs[1] != NULL) {
		for (char *p = bufs[1]; *p != '\0' && n < SAMPLE_CAP;) {
			char *nl = strchr(p, '\n');
			if (nl != NULL)
				*nl = '\0';
			out[n++] = p;
			if (nl == NULL)
				break;
			p = nl + 1;
		}
	}
	return n;
}

static void test_order_laws_and_keys_over_sample(void **state)
{
	(void)state;
	const char **v = calloc(SAMPLE_CAP, sizeof(*v));
	char *bufs[2] = { NULL, NULL };
	struct version_key *keys;
	signed char *m;
	size_t n, violations = 0;

	if (v == NULL)
		abort();
	n = collect_sample(v, bufs);
	keys = calloc(n, sizeof(*keys));
	m = calloc(n * n, 1);
	if (keys == NULL || m == NULL)
		abort();
	for (size_t i = 0; i < n; i++)
		version_key_parse(&keys[i], v[i], strlen(v[i]), 0);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			int r = cmp(v[i], v[j]);
			m[i * n + j] = (signed char)r;
			if (r < -1 || r > 1)
				fail_msg("%s vs %s returned %d", v[i], v[j], r);
			if (version_key_compare(&keys[i], &keys[j]) != r)
				fail_msg("key and string disagree on %s vs %s", v[i], v[j]);
			if (i == j && r != 0)
				fail_msg("%s is not equal to itself", v[i]);
		}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (m[i * n + j] != -m[j * n + i])
				fail_msg("antisymmetry: %s vs %s", v[i], v[j]);
	/* transitivity of <= : a <= b and b <= c imply a <= c */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			if (m[i * n + j] > 0)
				continue;
			for (size_t k = 0; k < n; k++)
				if (m[j * n + k] <= 0 && m[i * n + k] > 0)
					violations++;
		}
	/* and of = : equal elements compare the same against everything */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (m[i * n + j] == 0)
				for (size_t k = 0; k < n; k++)
					if (m[i * n + k] != m[j * n + k])
						violations++;
	assert_int_equal(violations, 0);
	print_message("order laws hold over %zu versions (%zu pairs, %zu triples)\n", n, n * n, n * n * n);
	assert_true(n >= sizeof(sample_extra) / sizeof(*sample_extra));

	free(m);
	free(keys);
	free(bufs[0]);
	free(bufs[1]);
	free(v);
}

/* ---- CLI ------------------------------------------------------------------------------- */

/* Runs cli_version with stdout and stderr captured into out and err; returns its exit
 * code. */
static int run_cli(char *out, char *err, size_t cap, int argc, const char **args)
{
	char *argv[8];
	FILE *tout = tmpfile(), *terr = tmpfile();
	int saved_out, saved_err, rc;
	size_t n;

	assert_non_null(tout);
	assert_non_null(terr);
	assert_true(argc < 8);
	for (int i = 0; i < argc; i++)
		argv[i] = (char *)args[i];
	argv[argc] = NULL;
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	assert_true(saved_out >= 0 && saved_err >= 0);
	assert_true(dup2(fileno(tout), STDOUT_FILENO) >= 0);
	assert_true(dup2(fileno(terr), STDERR_FILENO) >= 0);
	rc = cli_version(argc, argv);
	fflush(stdout);
	fflush(stderr);
	assert_true(dup2(saved_out, STDOUT_FILENO) >= 0);
	assert_true(dup2(saved_err, STDERR_FILENO) >= 0);
	close(saved_out);
	close(saved_err);
	rewind(tout);
	n = fread(out, 1, cap - 1, tout);
	out[n] = '\0';
	rewind(terr);
	n = fread(err, 1, cap - 1, terr);
	err[n] = '\0';
	fclose(tout);
	fclose(terr);
	return rc;
}

#define RUN(...) run_cli(out, err, sizeof(out), (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *)), \
			 (const char *[]){ __VA_ARGS__ })

static void test_cli_compare_prints_order_and_rejects_bad_usage(void **state)
{
	(void)state;
	char out[2048], err[2048];

	assert_int_equal(RUN("version", "compare", "1.0", "1.0.0"), 0);
	assert_string_equal(out, "=\n");
	assert_string_equal(err, "");
	assert_int_equal(RUN("version", "compare", "1.0.2k", "1.0.2l"), 0);
	assert_string_equal(out, "<\n");
	assert_int_equal(RUN("version", "compare", "2.15.0", "2.0-beta9"), 0);
	assert_string_equal(out, ">\n");
	assert_int_equal(RUN("version", "compare", "--", "-1", "2"), 0);
	assert_string_equal(out, "<\n");

	assert_int_equal(RUN("version", "--help"), 0);
	assert_non_null(strstr(out, "usage: vans version compare A B"));
	assert_string_equal(err, "");
	assert_int_equal(RUN("version", "compare", "--help"), 0);
	assert_non_null(strstr(out, "usage:"));

	/* wrong arguments: exit 2, usage on stderr, nothing on stdout */
	assert_int_equal(RUN("version"), 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "usage:"));
	assert_int_equal(RUN("version", "compare", "1.0"), 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "usage:"));
	assert_int_equal(RUN("version", "compare", "1", "2", "3"), 2);
	assert_string_equal(out, "");
	assert_int_equal(RUN("version", "sort", "1", "2"), 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "usage:"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libversion_case_file_both_directions),
		cmocka_unit_test(test_openssl_order_matches_univers_except_dev_tags),
		cmocka_unit_test(test_openssl_two_letter_suffixes_are_ordered),
		cmocka_unit_test(test_cve_relevant_examples),
		cmocka_unit_test(test_concrete_versions_equal_when_same_release),
		cmocka_unit_test(test_flags_change_only_their_side),
		cmocka_unit_test(test_dates_compare_chronologically_in_any_spelling),
		cmocka_unit_test(test_cpe_escapes_unquote_and_do_not_change_order),
		cmocka_unit_test(test_slices_need_no_terminator),
		cmocka_unit_test(test_keys_beyond_capacity_fall_back_to_strings),
		cmocka_unit_test(test_order_laws_and_keys_over_sample),
		cmocka_unit_test(test_cli_compare_prints_order_and_rejects_bad_usage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
