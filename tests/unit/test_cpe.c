/* Unit tests of the CPE library (src/kb/cpe.c): NISTIR 7695 binding/unbinding examples,
 * the NIST reference implementation's cases, the nilp0inter doctests that concern CPE 2.3
 * naming and matching, NISTIR 7696 Table 6-2, error positions, the CLI, and a round trip
 * of every name of the 2015 NVD dictionary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "cli/cmd_cpe.h"
#include "kb/cpe.h"

/* ---- helpers ------------------------------------------------------------------------ */

static char errbuf[256];

/* Parses name (any notation) or fails the test with the parser's message. */
static void must_parse(const char *name, struct cpe *c)
{
	if (cpe_parse(name, strlen(name), c, errbuf, sizeof(errbuf)) != 0)
		fail_msg("%s: %s", name, errbuf);
}

static bool parses(const char *name)
{
	struct cpe c;

	return cpe_parse(name, strlen(name), &c, errbuf, sizeof(errbuf)) == 0;
}

/* The WFN notation value of attribute a (ANY, NA or "quoted"). */
static const char *attr_of(const struct cpe *c, enum cpe_attr a)
{
	static char buf[CPE_FORMAT_MAX];

	assert_true(cpe_attr_wfn(c, a, buf, sizeof(buf)) >= 0);
	return buf;
}

static const char *fs_of(const struct cpe *c)
{
	static char buf[CPE_FORMAT_MAX];

	assert_true(cpe_format_fs(c, buf, sizeof(buf)) >= 0);
	return buf;
}

static const char *uri_of(const struct cpe *c)
{
	static char buf[CPE_FORMAT_MAX];

	assert_true(cpe_format_uri(c, buf, sizeof(buf)) >= 0);
	return buf;
}

static void assert_fs(const char *name, const char *fs)
{
	struct cpe c;

	must_parse(name, &c);
	assert_string_equal(fs_of(&c), fs);
}

static void assert_uri(const char *name, const char *uri)
{
	struct cpe c;

	must_parse(name, &c);
	assert_string_equal(uri_of(&c), uri);
}

/* Two names in any notation unbind to the same WFN (byte for byte). */
static void assert_same_wfn(const char *a, const char *b)
{
	struct cpe x, y;
	char bx[CPE_FORMAT_MAX], by[CPE_FORMAT_MAX];

	must_parse(a, &x);
	must_parse(b, &y);
	if (!cpe_identical(&x, &y)) {
		cpe_format_wfn(&x, bx, sizeof(bx));
		cpe_format_wfn(&y, by, sizeof(by));
		fail_msg("%s -> %s\n%s -> %s", a, bx, b, by);
	}
}

/* name does not parse, and the message contains want (e.g. "position 17"). */
static void assert_invalid(const char *name, const char *want)
{
	struct cpe c;

	if (cpe_parse(name, strlen(name), &c, errbuf, sizeof(errbuf)) == 0)
		fail_msg("%s: parsed, expected an error", name);
	if (want != NULL && strstr(errbuf, want) == NULL)
		fail_msg("%s: message \"%s\" lacks \"%s\"", name, errbuf, want);
}

static enum cpe_relation rel(const char *s, const char *t)
{
	struct cpe a, b;

	must_parse(s, &a);
	must_parse(t, &b);
	return cpe_compare(&a, &b);
}

/* One attribute relation, values in WFN notation (ANY, NA or "quoted"). */
static enum cpe_relation rel_attr(const char *s, const char *t)
{
	struct cpe a, b;

	cpe_init(&a);
	cpe_init(&b);
	if (cpe_set_wfn(&a, CPE_ATTR_VERSION, s, strlen(s), errbuf, sizeof(errbuf)) != 0)
		fail_msg("%s: %s", s, errbuf);
	if (cpe_set_wfn(&b, CPE_ATTR_VERSION, t, strlen(t), errbuf, sizeof(errbuf)) != 0)
		fail_msg("%s: %s", t, errbuf);
	return cpe_compare_attr(cpe_value(&a, CPE_ATTR_VERSION), cpe_value(&b, CPE_ATTR_VERSION));
}

static const char *testdata_path(const char *rel_path, char *buf, size_t size)
{
	const char *root = getenv("VANS_TESTDATA");

	if (root == NULL || *root == '\0')
		root = "../shared/data";
	if (snprintf(buf, size, "%s/%s", root, rel_path) >= (int)size)
		return NULL;
	return buf;
}

/* ---- NISTIR 7695 worked examples ------------------------------------------------------ */

static void test_bind_to_uri_examples_of_nistir_7695(void **state)
{
	(void)state;
	/* §6.1.2.4 examples 1-5 */
	assert_uri("wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		   "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY]",
		   "cpe:/a:microsoft:internet_explorer:8.0.6001:beta");
	assert_uri("wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		   "version=\"8\\.*\",update=\"sp?\"]",
		   "cpe:/a:microsoft:internet_explorer:8.%02:sp%01");
	assert_uri("wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
		   "version=\"7\\.4\\.0\\.1570\",update=NA,sw_edition=\"online\","
		   "target_sw=\"win2003\",target_hw=\"x64\"]",
		   "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~");
	assert_uri("wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
		   "version=\"7\\.51\",target_sw=\"linux\"]",
		   "cpe:/a:hp:openview_network_manager:7.51::~~~linux~~");
	assert_uri("wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money_manager_2010\","
		   "sw_edition=\"special\",target_sw=\"ipod_touch\",target_hw=\"80gb\"]",
		   "cpe:/a:foo%5cbar:big%24money_manager_2010:::~~special~ipod_touch~80gb~");
	/* trailing ANY components are trimmed, an all-ANY name is just the prefix */
	assert_uri("wfn:[]", "cpe:/");
	assert_uri("wfn:[part=\"o\",language=\"en\\-us\"]", "cpe:/o::::::en-us");
}

static void test_bind_to_fs_examples_of_nistir_7695(void **state)
{
	(void)state;
	/* §6.2.2.3 examples 1-6 */
	assert_fs("wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		  "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY]",
		  "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
	assert_fs("wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		  "version=\"8\\.*\",update=\"sp?\",edition=ANY]",
		  "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*");
	assert_fs("wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
		  "version=\"8\\.\\*\",update=\"sp?\"]",
		  "cpe:2.3:a:microsoft:internet_explorer:8.\\*:sp?:*:*:*:*:*:*");
	assert_fs("wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
		  "version=\"7\\.4\\.0\\.1570\",update=NA,sw_edition=\"online\","
		  "target_sw=\"win2003\",target_hw=\"x64\"]",
		  "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*");
	assert_fs("wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
		  "version=\"7\\.51\",target_sw=\"linux\"]",
		  "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*");
	assert_fs("wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money_2010\","
		  "sw_edition=\"special\",target_sw=\"ipod_touch\",target_hw=\"80gb\"]",
		  "cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*");
}

static void test_unbind_uri_examples_of_nistir_7695(void **state)
{
	(void)state;
	/* §6.1.3.3 examples 1-7 */
	assert_same_wfn("cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
			"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			"version=\"8\\.0\\.6001\",update=\"beta\"]");
	assert_same_wfn("cpe:/a:microsoft:internet_explorer:8.%2a:sp%3f",
			"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			"version=\"8\\.\\*\",update=\"sp\\?\"]");
	assert_same_wfn("cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
			"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			"version=\"8\\.*\",update=\"sp?\"]");
	assert_same_wfn("cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
			"wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
			"version=\"7\\.4\\.0\\.1570\",sw_edition=\"online\",target_sw=\"win2003\","
			"target_hw=\"x64\"]");
	assert_same_wfn("cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
			"wfn:[part=\"a\",vendor=\"hp\",product=\"openview_network_manager\","
			"version=\"7\\.51\",update=NA,target_sw=\"linux\"]");
	assert_same_wfn("cpe:/a:foo%5cbar:big%24money_2010:::~~special~ipod_touch~80gb~",
			"wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money_2010\","
			"sw_edition=\"special\",target_sw=\"ipod_touch\",target_hw=\"80gb\"]");
	assert_same_wfn("cpe:/a:foo~bar:big%7emoney_2010",
			"wfn:[part=\"a\",vendor=\"foo\\~bar\",product=\"big\\~money_2010\"]");
	/* example 8: an embedded %02 is an error */
	assert_invalid("cpe:/a:foo:bar:12.%02.1234", "position 19 (version)");
	/* decode() lower-cases, including the hex digits of a percent-encoding */
	assert_same_wfn("cpe:/A:Microsoft:IE:8.%2A", "cpe:/a:microsoft:ie:8.%2a");
}

static void test_unbind_fs_examples_of_nistir_7695(void **state)
{
	(void)state;
	/* §6.2.3.3 examples */
	assert_same_wfn("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
			"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			"version=\"8\\.0\\.6001\",update=\"beta\"]");
	assert_same_wfn("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*",
			"wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			"version=\"8\\.*\",update=\"sp?\"]");
	assert_same_wfn("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*",
			"wfn:[part=\"a\",vendor=\"hp\",product=\"insight_diagnostics\","
			"version=\"7\\.4\\.0\\.1570\",update=NA,sw_edition=\"online\","
			"target_sw=\"win2003\",target_hw=\"x64\"]");
	assert_same_wfn("cpe:2.3:a:foo\\\\bar:big\\$money:2010:*:*:*:special:ipod_touch:80gb:*",
			"wfn:[part=\"a\",vendor=\"foo\\\\bar\",product=\"big\\$money\","
			"version=\"2010\",sw_edition=\"special\",target_sw=\"ipod_touch\","
			"target_hw=\"80gb\"]");
	/* add_quoting: unquoted punctuation gets quoted, a quoted colon stays in the value */
	assert_same_wfn("cpe:2.3:a:at&t:net\\:work:1.0:*:*:*:*:*:*:*",
			"wfn:[part=\"a\",vendor=\"at\\&t\",product=\"net\\:work\",version=\"1\\.0\"]");
	/* an escaped "." or "-" is the same character as an unescaped one */
	assert_same_wfn("cpe:2.3:a:x:y:1\\.0\\-rc1:*:*:*:*:*:*:*",
			"cpe:2.3:a:x:y:1.0-rc1:*:*:*:*:*:*:*");
	/* a quoted letter is the letter: one WFN spelling (see cpe.c) */
	assert_same_wfn("cpe:2.3:a:x:\\y:1:*:*:*:*:*:*:*", "cpe:2.3:a:x:y:1:*:*:*:*:*:*:*");
	/* the FS keeps case (the URI lower-cases); the prefix is case-insensitive */
	assert_fs("CPE:2.3:a:Foo:Bar:*:*:*:*:*:*:*:*", "cpe:2.3:a:Foo:Bar:*:*:*:*:*:*:*:*");
}

/* The WFN the spec cannot send through a URI: a lone quoted hyphen. */
static void test_lone_quoted_hyphen_keeps_its_quote_and_has_no_uri(void **state)
{
	(void)state;
	struct cpe c;
	char buf[CPE_FORMAT_MAX];

	must_parse("cpe:2.3:a:x:\\-:1:*:*:*:*:*:*:*", &c);
	assert_int_equal(cpe_kind_of(&c, CPE_ATTR_PRODUCT), CPE_KIND_VALUE);
	assert_string_equal(attr_of(&c, CPE_ATTR_PRODUCT), "\"\\-\"");
	/* bind_to_fs would write "-", which reads back as NA */
	assert_string_equal(fs_of(&c), "cpe:2.3:a:x:\\-:1:*:*:*:*:*:*:*");
	assert_int_equal(cpe_format_uri(&c, buf, sizeof(buf)), -2);
	/* the unquoted "-" is NA, and a hyphen inside a value is fine in both bindings */
	must_parse("cpe:2.3:a:x:-:1:*:*:*:*:*:*:*", &c);
	assert_int_equal(cpe_kind_of(&c, CPE_ATTR_PRODUCT), CPE_KIND_NA);
	must_parse("cpe:2.3:a:x:a-b:1:*:*:*:*:*:*:*", &c);
	assert_string_equal(uri_of(&c), "cpe:/a:x:a-b:1");
}

/* ---- NIST reference implementation cases (nist_ri_cases.tsv) ------------------------- */

/* Fills c from "part=a,vendor=foo\$bar,...,(rest ANY)" (values in WFN quoting, without
 * double quotes; ANY and NA logical). */
static void wfn_from_list(const char *list, size_t len, struct cpe *c)
{
	size_t i = 0;

	cpe_init(c);
	while (i < len) {
		size_t s = i, eq;
		char name[32], val[256];
		int a;

		while (i < len && list[i] != ',') {
			if (list[i] == '\\')
				i++;
			i++;
		}
		while (s < i && list[s] == ' ')
			s++;
		if (s < i && (list[s] == '(' || strncmp(list + s, "all others", 10) == 0)) {
			i++;
			continue; /* "(rest ANY)" */
		}
		for (eq = s; eq < i && list[eq] != '='; eq++)
			;
		assert_true(eq < i && eq - s < sizeof(name));
		memcpy(name, list + s, eq - s);
		name[eq - s] = '\0';
		for (a = 0; a < CPE_ATTR__MAX; a++)
			if (strcmp(name, cpe_attr_name((enum cpe_attr)a)) == 0)
				break;
		if (a == CPE_ATTR__MAX)
			fail_msg("unknown attribute %s", name);
		if ((i - eq - 1 == 3 && strncmp(list + eq + 1, "ANY", 3) == 0) ||
		    (i - eq - 1 == 2 && strncmp(list + eq + 1, "NA", 2) == 0))
			snprintf(val, sizeof(val), "%.*s", (int)(i - eq - 1), list + eq + 1);
		else
			snprintf(val, sizeof(val), "\"%.*s\"", (int)(i - eq - 1), list + eq + 1);
		if (cpe_set_wfn(c, (enum cpe_attr)a, val, strlen(val), errbuf, sizeof(errbuf)) != 0)
			fail_msg("%s: %s", val, errbuf);
		i++;
	}
}

/* "wfn(...)", "unbindFS(...)" or "unbindURI(...)" starting at p; sets *end after it. */
static void ri_operand(const char *p, struct cpe *c, const char **end)
{
	const char *open = strchr(p, '('), *close = strchr(p, ')');
	struct cpe tmp;

	assert_non_null(open);
	assert_non_null(close);
	if (strncmp(p, "wfn(", 4) == 0) {
		wfn_from_list(open + 1, (size_t)(close - open - 1), c);
	} else if (strncmp(p, "unbindFS(", 9) == 0) {
		assert_int_equal(cpe_parse_fs(open + 1, (size_t)(close - open - 1), c, errbuf,
					      sizeof(errbuf)), 0);
	} else {
		assert_true(strncmp(p, "unbindURI(", 10) == 0);
		assert_int_equal(cpe_parse_uri(open + 1, (size_t)(close - open - 1), c, errbuf,
					       sizeof(errbuf)), 0);
		/* and the generic entry point agrees */
		assert_int_equal(cpe_parse(open + 1, (size_t)(close - open - 1), &tmp, NULL, 0), 0);
		assert_true(cpe_identical(c, &tmp));
	}
	*end = close + 1;
}

static void test_nist_reference_implementation_cases(void **state)
{
	(void)state;
	char path[1024], line[2048];
	FILE *f = NULL;
	int cases = 0;

	if (testdata_path("cpe/tests/nist_ri_cases.tsv", path, sizeof(path)) == NULL ||
	    (f = fopen(path, "r")) == NULL)
		skip();
	while (fgets(line, sizeof(line), f) != NULL) {
		char *kind = line, *input, *expected;
		struct cpe got, want;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		input = strchr(kind, '\t');
		assert_non_null(input);
		*input++ = '\0';
		expected = strchr(input, '\t');
		assert_non_null(expected);
		*expected++ = '\0';
		cases++;
		if (strcmp(kind, "bindToURI") == 0) {
			wfn_from_list(input, strlen(input), &got);
			assert_string_equal(uri_of(&got), expected);
		} else if (strcmp(kind, "bindToFS") == 0) {
			wfn_from_list(input, strlen(input), &got);
			assert_string_equal(fs_of(&got), expected);
		} else if (strcmp(kind, "unbindURI") == 0 || strcmp(kind, "unbindFS") == 0) {
			int r = kind[6] == 'U'
				? cpe_parse_uri(input, strlen(input), &got, errbuf, sizeof(errbuf))
				: cpe_parse_fs(input, strlen(input), &got, errbuf, sizeof(errbuf));
			if (r != 0)
				fail_msg("%s: %s", input, errbuf);
			wfn_from_list(expected, strlen(expected), &want);
			if (!cpe_identical(&got, &want))
				fail_msg("%s %s: got %s", kind, input, fs_of(&got));
		} else if (strcmp(kind, "match") == 0) {
			const char *p = strstr(input, "source=");
			char flags[128];

			assert_non_null(p);
			ri_operand(p + 7, &got, &p);
			p = strstr(p, "target=");
			assert_non_null(p);
			ri_operand(p + 7, &want, &p);
			snprintf(flags, sizeof(flags),
				 "disjoint=%s equal=%s subset=%s superset=%s",
				 cpe_disjoint(&got, &want) ? "true" : "false",
				 cpe_equal(&got, &want) ? "true" : "false",
				 cpe_subset(&got, &want) ? "true" : "false",
				 cpe_superset(&got, &want) ? "true" : "false");
			assert_string_equal(flags, expected);
		} else {
			fail_msg("unknown case kind %s", kind);
		}
	}
	fclose(f);
	assert_int_equal(cases, 9);
	print_message("NIST RI: %d of 9 cases pass\n", cases);
}

/* ---- nilp0inter/cpe doctests (CPE 2.3 FS, URI, WFN, components, set matching) -------- */

struct validity {
	const char *name;
	bool valid;
};

static void check_validity(const struct validity *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (parses(v[i].name) != v[i].valid)
			fail_msg("%s: expected %s (%s)", v[i].name, v[i].valid ? "valid" : "invalid",
				 v[i].valid ? errbuf : "it parsed");
}

static void test_nilp0inter_names_accepted_and_refused(void **state)
{
	(void)state;
	static const struct validity v[] = {
		/* testfile_cpe2_3_fs.txt */
		{ "baduri", false },
		{ "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*", true },
		{ "cpe:2.3:o:acme:producto:1.0:update2:pro:en-us:*:*:*:*", true },
		{ "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:online:-:windows_2003:x64:*:*", true },
		{ "cpe:2.3:a:hp:insight_diagnostics:8.*:es?:*:-:-:x32:*:*", true },
		{ "cpe:2.3:a:hp:insight_diagnostics:8.*:es?:*:-:-:x32\\~:*:*", true },
		{ "cpe:2.3:a:hp:insight_diagnostics:*8.*:?es?:*:-:-:x32\\~:*:*", true },
		{ "cpe:2.3:a:???hp**:insight_diagnostics:8.*:es:*:-:-:x32\\~:*:*", false },
		{ "cpe:2.3:a:???hp*:insight_diagnostics:8.*:es:*:-:-:x32\\~:*:*", true },
		{ "cpe:2.3:a:hp:insight_?diagnostics:8.*:es:*:-:-:x32\\~:*:*", false },
		{ "cpe:2.3:h:?*nvidia:*:*:*:*:*:*:*:*:*", false },
		{ "cpe:2.3:a:hp:openview_network_manager:7.51:*:*:*:*:linux:*:*", true },
		/* testfile_cpe2_3_uri.txt */
		{ "cpe con espacios", false },
		{ "cpe:/", true },
		{ "cpe:/::::", true },
		{ "cpe:/b::::", false },
		{ "cpe:/a:1:2:3:4:5:6:7", false },
		{ "cpe:/a:acme:product:1.0:update2:pro:en-us", true },
		{ "cpe:/o:microsoft:windows_xp:::pro", true },
		{ "cpe:/h:nvidia", true },
		{ "cpe:/h:%3Fnvidia", true },
		{ "cpe:/h:nvidia%3F", true },
		{ "cpe:/h:%3Fnvidia%3F", true },
		{ "cpe:/h:%3F%3Fnvidia%3F%3F", true },
		{ "cpe:/h:nvidia.buena_2??pero_rara:11.0", false },
		{ "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~", true },
		/* testfile_cpe2_3_wfn.txt */
		{ "wfn:[]", true },
		{ "wfn:[bad=\"hw\"]", false },
		{ "wfn:[part=\"o\", vendor=\"acme\", product=\"producto\", version=\"1\\.0\", "
		  "update=\"update2\", edition=\"pro\", language=\"en\\-us\"]", true },
		{ "wfn:[part=\"a\", vendor=\"hp\", product=\"insight_diagnostics\", "
		  "version=\"7\\.444\\.0\\.1570\", sw_edition=\"online\", target_sw=\"windows_2003\", "
		  "target_hw=\"x64\", language=ANY, other=NA]", true },
		{ "wfn:[part=\"a\", vendor=\"hp\", product=\"insight_diagnostics\", version=\"8\\.*\", "
		  "sw_edition=\"?\", target_sw=ANY, target_hw=\"x32\"]", true },
		{ "wfn:[part=\"h\", vendor=\"hp\", product=\"insight\\diagnostics\", version=\"8.0~\"]",
		  false },
		{ "wfn:[part=\"a\", vendor=\"hp\", product=\"?insight_diagnostics?\", version=\"8\\.*\", "
		  "sw_edition=\"?\", target_sw=ANY, target_hw=\"x32\"]", true },
		{ "wfn:[part=\"a\", vendor=\"???hp???\", product=\"?insight_diagnostics?\", "
		  "version=\"8\\.*\", sw_edition=\"?\", target_sw=ANY, target_hw=\"x32\"]", true },
		{ "wfn:[part=\"a\", vendor=\"???hp*\", product=\"?insight_diagnostics?\", "
		  "version=\"8\\.*\", sw_edition=\"?\", target_sw=ANY, target_hw=\"x32\"]", true },
		{ "wfn:[part=\"a\", vendor=\"h??p\", product=\"?insight_diagnostics?\", "
		  "version=\"8\\.*\", sw_edition=\"?\", target_sw=ANY, target_hw=\"x32\"]", false },
		/* testfile_cpe2_3.txt */
		{ "wfn:[part=\"a\", vendor=\"foo\\\\bar\", product=\"big\\$money\", version=\"2010\", "
		  "update=ANY, edition=ANY, language=ANY, sw_edition=\"special\", "
		  "target_sw=\"ipod_touch\", target_hw=\"80gb\", other=ANY]", true },
		/* testfile_cpecomp2_3_{fs,uri,wfn}.txt: component values */
		{ "cpe:2.3:j:*:*:*:*:*:*:*:*:*:*", false },
		{ "cpe:2.3:a:micro\\$oft:*:*:*:*:*:*:*:*:*", true },
		{ "cpe:2.3:a:*:*:*:*:pro?:*:*:*:*:*", true },
		{ "cpe:2.3:a:*:?firefox?:*:*:*:*:*:*:*:*", true },
		{ "cpe:/j", false },
		{ "cpe:/a:foo%5cbar", true },
		{ "cpe:/a:x:y:\"xp!vista\"", false },
		{ "cpe:/a:bad||ven~~dor", false },
		{ "cpe:/a:x:y:z:u:pro%01", true },
		{ "cpe:/a:x:y:z:u:v:es-e%02", true },
		{ "cpe:/a:x:y:z:u:v:es-e%01", true },
		{ "cpe:/a:x:y:z:u:v:es%02", true },
		{ "cpe:/a:x:%01firefox%01", true },
		{ "wfn:[part=\"j\"]", false },
		{ "wfn:[vendor=\"foo\\\\bar\"]", true },
		{ "wfn:[version=\"xp!vista\"]", false },
		{ "wfn:[edition=\"pro?\"]", true },
		{ "wfn:[language=\"es\\-es\"]", true },
		{ "wfn:[language=\"es*\"]", true },
		{ "wfn:[language=\"es\\-e?\"]", true },
		{ "wfn:[language=\"es\\-*\"]", true },
		{ "wfn:[language=\"es-*\"]", false },
		{ "wfn:[product=\"?firefox?\"]", true },
		{ "wfn:[vendor=\"bad||ven~~dor\"]", false },
	};

	check_validity(v, sizeof(v) / sizeof(v[0]));
}

/* Where the python library and NISTIR 7695's pseudo-code disagree, vans follows the
 * pseudo-code; these pin that choice. */
static void test_nilp0inter_disagreements_follow_the_spec(void **state)
{
	(void)state;
	struct cpe c;

	/* decode() quotes a bare "~" (NISTIR 7695 §6.1.3.3 example 7); nilp0inter refuses */
	must_parse("cpe:/a:foo~bar:big%7emoney_2010", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VENDOR), "\"foo\\~bar\"");
	/* add_quoting() quotes unquoted punctuation of a formatted string; nilp0inter refuses
	 * "xp!vista" and "bad||ven~~dor" there */
	must_parse("cpe:2.3:a:x:y:xp!vista:*:*:*:*:*:*:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"xp\\!vista\"");
	must_parse("cpe:2.3:a:bad||ven~~dor:*:*:*:*:*:*:*:*:*", &c);
	assert_string_equal(fs_of(&c), "cpe:2.3:a:bad\\|\\|ven\\~\\~dor:*:*:*:*:*:*:*:*:*");
	/* part is a, o or h (§5.3.3.1); nilp0inter also takes a wildcard there */
	assert_invalid("cpe:2.3:?:*:*:*:*:*:*:*:*:*:*", "part must be a, o or h at position 9");
	assert_invalid("cpe:/%01", "part");
}

static void test_nilp0inter_conversions(void **state)
{
	(void)state;
	struct cpe c;

	/* testfile_cpe2_3_fs.txt: as_wfn, as_uri_2_3, as_fs, __str__ */
	must_parse("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*", &c);
	assert_string_equal(uri_of(&c), "cpe:/a:microsoft:internet_explorer:8.0.6001:beta");
	assert_string_equal(fs_of(&c), "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"8\\.0\\.6001\"");
	must_parse("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"8\\.*\"");
	assert_string_equal(attr_of(&c, CPE_ATTR_UPDATE), "\"sp?\"");
	must_parse("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_UPDATE), "NA");
	assert_string_equal(attr_of(&c, CPE_ATTR_TARGET_HW), "\"x64\"");
	must_parse("cpe:2.3:a:foo\\\\bar:big\\$money:2010:*:*:*:special:ipod_touch:80gb:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VENDOR), "\"foo\\\\bar\"");
	assert_string_equal(attr_of(&c, CPE_ATTR_PRODUCT), "\"big\\$money\"");
	assert_fs("cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*",
		  "cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:*:special:ipod_touch:80gb:*");
	/* testfile_cpe2_3_uri.txt */
	must_parse("cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~", &c);
	assert_string_equal(uri_of(&c), "cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~");
	assert_string_equal(fs_of(&c), "cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*");
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"7\\.51\"");
	assert_string_equal(attr_of(&c, CPE_ATTR_TARGET_SW), "\"linux\"");
	assert_uri("cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
		   "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~");
	/* testfile_cpe2_3_wfn.txt */
	assert_uri("wfn:[part=\"a\", vendor=\"hp\", product=\"?insight_diagnostics?\", "
		   "version=\"8\\.*\", sw_edition=\"?\", target_sw=ANY, target_hw=\"x32\"]",
		   "cpe:/a:hp:%01insight_diagnostics%01:8.%02::~~%01~~x32~");
	assert_fs("wfn:[part=\"a\", vendor=\"microsoft\", product=\"internet_explorer\", "
		  "version=\"8\\.0\\.6001\", update=\"beta\", edition=ANY, language=ANY, "
		  "sw_edition=ANY, target_sw=ANY, target_hw=ANY, other=ANY]",
		  "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
	/* testfile_cpecomp2_3_{fs,uri,wfn}.txt: one component in each notation */
	must_parse("cpe:2.3:a:x:y:xp\\%vista:*:*:*:*:*:*:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"xp\\%vista\"");
	must_parse("cpe:2.3:a:x:y:8.?:*:*:*:*:*:*:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"8\\.?\"");
	must_parse("cpe:2.3:a:\\%nvidia:y:*:sp?:*:*:*:*:*:*", &c);
	assert_string_equal(uri_of(&c), "cpe:/a:%25nvidia:y::sp%01");
	must_parse("cpe:2.3:a:x:y:big\\$money_manager_2010:*:*:*:*:*:*:*", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"big\\$money_manager_2010\"");
	must_parse("cpe:/a:x:y:xp%24vista:%01firefox%01", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"xp\\$vista\"");
	assert_string_equal(fs_of(&c), "cpe:2.3:a:x:y:xp\\$vista:?firefox?:*:*:*:*:*:*");
	must_parse("cpe:/a:%24nvidia:y:8.%02:sp%01", &c);
	assert_string_equal(uri_of(&c), "cpe:/a:%24nvidia:y:8.%02:sp%01");
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"8\\.*\"");
	assert_string_equal(attr_of(&c, CPE_ATTR_UPDATE), "\"sp?\"");
	must_parse("cpe:/a:x:y:8.%01:big%24money_manager_2010", &c);
	assert_string_equal(attr_of(&c, CPE_ATTR_VERSION), "\"8\\.?\"");
	assert_string_equal(attr_of(&c, CPE_ATTR_UPDATE), "\"big\\$money_manager_2010\"");
	assert_uri("wfn:[vendor=\"\\%nvidia\",version=\"8\\.0\",update=\"sp?\"]",
		   "cpe:/:%25nvidia::8.0:sp%01");
	assert_fs("wfn:[version=\"8\\.*\",update=\"?firefox?\"]",
		  "cpe:2.3:*:*:*:8.*:?firefox?:*:*:*:*:*:*");
}

/* testfile_cpeset2_3.txt: _compare, _compare_strings, _contains_wildcards, name_match and
 * the four name functions. */
static void test_nilp0inter_set_comparisons(void **state)
{
	(void)state;
	struct cpe c;

	assert_int_equal(rel_attr("\"a\"", "\"a\""), CPE_REL_EQUAL);
	assert_int_equal(rel_attr("\"Adobe\"", "ANY"), CPE_REL_SUBSET);
	assert_int_equal(rel_attr("ANY", "\"Reader\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"9\\.*\"", "\"9\\.3\\.2\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("ANY", "NA"), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"PalmOS\"", "NA"), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"and\"", "\"not\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"mac*\"", "\"not\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"mac*\"", "\"mac\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"1\\.0\\.?\"", "\"1\\.0\\.12\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"1\\.0\\.1\"", "\"1\\.0\\.12\""), CPE_REL_DISJOINT);

	/* _contains_wildcards: only unquoted '*' and '?' count */
	must_parse("wfn:[vendor=\"foo\",product=\"foo\\?\",version=\"foo*\",update=\"\\*bar\","
		   "edition=\"?bar\",language=\"8\\.\\*\"]", &c);
	assert_false(cpe_has_wildcards(&c, CPE_ATTR_VENDOR));
	assert_false(cpe_has_wildcards(&c, CPE_ATTR_PRODUCT));
	assert_true(cpe_has_wildcards(&c, CPE_ATTR_VERSION));
	assert_false(cpe_has_wildcards(&c, CPE_ATTR_UPDATE));
	assert_true(cpe_has_wildcards(&c, CPE_ATTR_EDITION));
	assert_false(cpe_has_wildcards(&c, CPE_ATTR_LANGUAGE));
	assert_false(cpe_has_wildcards(&c, CPE_ATTR_PART)); /* ANY is no wildcard */

	/* name_match(m) over a set = some element N with CPE_SUPERSET(m, N) */
	{
		static const char *const ie_beta = "wfn:[part=\"a\", vendor=\"microsoft\", "
			"product=\"internet_explorer\", version=\"8\\.0\\.6\", update=\"beta\", edition=ANY]";
		static const char *const win = "wfn:[part=\"o\", vendor=\"microsoft\", "
			"product=\"windows\", version=\"6\\.0\\*\", update=\"sp2\", edition=ANY]";
		static const char *const ie_sp9 = "wfn:[part=\"a\", vendor=\"microsoft\", "
			"product=\"internet_explorer\", version=\"8\\.1\\.2\", update=\"sp9\", edition=ANY]";
		static const char *const ie_any = "wfn:[part=\"a\", vendor=\"microsoft\", "
			"product=\"internet_explorer\"]";
		static const char *const ie_80x = "wfn:[part=\"a\", vendor=\"microsoft\", "
			"product=\"internet_explorer\", version=\"8\\.0\\.*\"]";
		static const char *const ie_8x_spx = "wfn:[part=\"a\", vendor=\"microsoft\", "
			"product=\"internet_explorer\", version=\"8\\.*\", update=\"sp?\"]";
		struct cpe m, n1, n2;

		must_parse(ie_80x, &m);
		must_parse(ie_beta, &n1);
		must_parse(win, &n2);
		assert_true(cpe_matches(&m, &n1) || cpe_matches(&m, &n2));
		must_parse(ie_8x_spx, &m);
		must_parse(ie_sp9, &n1);
		assert_true(cpe_matches(&m, &n1) || cpe_matches(&m, &n2));
		must_parse(ie_80x, &m);
		must_parse(ie_any, &n1);
		assert_false(cpe_matches(&m, &n1) || cpe_matches(&m, &n2));
		must_parse(ie_any, &m);
		must_parse(ie_80x, &n1);
		assert_false(cpe_matches(&m, &n1) || cpe_matches(&m, &n2));
		must_parse("wfn:[part=\"h\", vendor=\"hp\", product=\"compact\"]", &m);
		assert_false(cpe_matches(&m, &n1) || cpe_matches(&m, &n2));
	}

	/* operations */
	{
		struct cpe a, o, any;

		must_parse("wfn:[part=\"a\"]", &a);
		must_parse("wfn:[part=\"o\"]", &o);
		must_parse("wfn:[part=ANY]", &any);
		assert_true(cpe_disjoint(&a, &o));
		assert_false(cpe_disjoint(&any, &o));
		assert_true(cpe_superset(&any, &o));
		assert_false(cpe_subset(&any, &o));
		assert_true(cpe_equal(&o, &o));
	}
}

/* testfile_cpecomp2_3_{fs,uri,wfn}.txt __contains__: "x in y" is y ⊇ x. */
static void test_nilp0inter_component_containment(void **state)
{
	(void)state;
	struct {
		const char *inner, *outer;
		bool in;
	} t[] = {
		{ "\"xp\"", "ANY", true },      { "ANY", "\"xp\"", false },
		{ "NA", "\"xp\"", false },      { "\"xp\"", "NA", false },
		{ "\"7\\.4\\.0\"", "\"7\\.4\\.0\"", true },
		{ "\"vista\"", "\"xp\"", false },
		{ "NA", "ANY", true },          { "ANY", "NA", false },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct cpe a, b;

		cpe_init(&a);
		cpe_init(&b);
		assert_int_equal(cpe_set_wfn(&a, CPE_ATTR_VERSION, t[i].inner, strlen(t[i].inner),
					     NULL, 0), 0);
		assert_int_equal(cpe_set_wfn(&b, CPE_ATTR_VERSION, t[i].outer, strlen(t[i].outer),
					     NULL, 0), 0);
		if (cpe_attr_matches(cpe_value(&b, CPE_ATTR_VERSION), cpe_value(&a, CPE_ATTR_VERSION))
		    != t[i].in)
			fail_msg("%s in %s: expected %d", t[i].inner, t[i].outer, t[i].in);
	}
}

/* ---- NISTIR 7696 ------------------------------------------------------------------------ */

/* Table 6-2, all 18 rows (i and k different strings, m a string with wildcards). */
static void test_table_6_2_of_nistir_7696(void **state)
{
	(void)state;
	static const struct {
		const char *s, *t;
		enum cpe_relation r;
	} rows[] = {
		{ "ANY", "ANY", CPE_REL_EQUAL },                     /* 1 */
		{ "ANY", "NA", CPE_REL_SUPERSET },                   /* 2 */
		{ "ANY", "\"i\"", CPE_REL_SUPERSET },                /* 3 */
		{ "ANY", "\"m*\"", CPE_REL_UNDEFINED },              /* 4 */
		{ "NA", "ANY", CPE_REL_SUBSET },                     /* 5 */
		{ "NA", "NA", CPE_REL_EQUAL },                       /* 6 */
		{ "NA", "\"i\"", CPE_REL_DISJOINT },                 /* 7 */
		{ "NA", "\"m*\"", CPE_REL_UNDEFINED },               /* 8 */
		{ "\"i\"", "ANY", CPE_REL_SUBSET },                  /* 9 */
		{ "\"i\"", "NA", CPE_REL_DISJOINT },                 /* 10 */
		{ "\"i\"", "\"i\"", CPE_REL_EQUAL },                 /* 11 */
		{ "\"i\"", "\"k\"", CPE_REL_DISJOINT },              /* 12 */
		{ "\"i\"", "\"m*\"", CPE_REL_UNDEFINED },            /* 13 */
		{ "\"m*\"", "ANY", CPE_REL_SUBSET },                 /* 14 */
		{ "\"m*\"", "NA", CPE_REL_DISJOINT },                /* 15 */
		{ "\"m*\"", "\"mate\"", CPE_REL_SUPERSET },          /* 16 */
		{ "\"m*\"", "\"kate\"", CPE_REL_DISJOINT },          /* 17 */
		{ "\"m*\"", "\"m*\"", CPE_REL_UNDEFINED },           /* 18 */
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct cpe a, b;
		enum cpe_relation r = rel_attr(rows[i].s, rows[i].t);
		bool m;

		if (r != rows[i].r)
			fail_msg("row %zu: %s vs %s gave %s, expected %s", i + 1, rows[i].s,
				 rows[i].t, cpe_relation_str(r), cpe_relation_str(rows[i].r));
		/* the fast boolean agrees with the relation */
		cpe_init(&a);
		cpe_init(&b);
		cpe_set_wfn(&a, CPE_ATTR_PRODUCT, rows[i].s, strlen(rows[i].s), NULL, 0);
		cpe_set_wfn(&b, CPE_ATTR_PRODUCT, rows[i].t, strlen(rows[i].t), NULL, 0);
		m = cpe_attr_matches(cpe_value(&a, CPE_ATTR_PRODUCT), cpe_value(&b, CPE_ATTR_PRODUCT));
		assert_int_equal(m, r == CPE_REL_SUPERSET || r == CPE_REL_EQUAL);
	}
}

static void test_wildcards_match_per_compare_strings(void **state)
{
	(void)state;
	/* '*' anything (also nothing) on its side */
	assert_int_equal(rel_attr("\"8\\.*\"", "\"8\\.\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"8\\.*\"", "\"8\\.0\\.1\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"8\\.*\"", "\"18\\.0\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"*soft\"", "\"microsoft\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"*soft\"", "\"softer\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"*net*\"", "\"dotnetfx\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"*net*\"", "\"ne\""), CPE_REL_DISJOINT);
	/* '?' runs: at most one character each, as compare_strings' bounds say */
	assert_int_equal(rel_attr("\"sp?\"", "\"sp1\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"sp?\"", "\"sp\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"sp?\"", "\"sp12\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"??b\"", "\"aab\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"??b\"", "\"aaab\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"?b?\"", "\"abc\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"*b?\"", "\"aaabc\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"*b?\"", "\"aaabcd\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"???\"", "\"abc\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"???\"", "\"abcd\""), CPE_REL_DISJOINT);
	/* a quoted character counts once, quoted wildcards are literal */
	assert_int_equal(rel_attr("\"?1\\.0\"", "\"\\!1\\.0\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"a\\*\"", "\"ab\""), CPE_REL_DISJOINT);
	assert_int_equal(rel_attr("\"a\\*\"", "\"a\\*\""), CPE_REL_EQUAL);
	assert_int_equal(rel_attr("\"\\?*\"", "\"\\?x\""), CPE_REL_SUPERSET);
	/* case-insensitive, in both directions */
	assert_int_equal(rel_attr("\"Microsoft\"", "\"microsoft\""), CPE_REL_EQUAL);
	assert_int_equal(rel_attr("\"MICRO*\"", "\"microsoft\""), CPE_REL_SUPERSET);
	assert_int_equal(rel_attr("\"micro*\"", "\"MicroSoft\""), CPE_REL_SUPERSET);
}

static void test_name_comparison(void **state)
{
	(void)state;
	/* NISTIR 7696 §7 examples (the RI's two matcher tests) */
	assert_int_equal(rel("wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			     "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY,language=\"sp2\"]",
			     "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\"]"),
			 CPE_REL_SUBSET);
	assert_int_equal(rel("cpe:2.3:a:adobe:*:9.*:*:PalmOS:*:*:*:*:*", "cpe:/a::Reader:9.3.2:-:-"),
			 CPE_REL_DISJOINT);
	/* an NVD criterion and an asset */
	assert_int_equal(rel("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			     "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*"), CPE_REL_EQUAL);
	assert_int_equal(rel("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
			     "cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*"), CPE_REL_SUPERSET);
	assert_int_equal(rel("cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*",
			     "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*"), CPE_REL_SUBSET);
	assert_int_equal(rel("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			     "cpe:2.3:a:apache:log4j:2.15.0:*:*:*:*:*:*:*"), CPE_REL_DISJOINT);
	/* superset in one attribute, subset in another: no name relation */
	assert_int_equal(rel("cpe:2.3:a:apache:*:2.14.1:*:*:*:*:*:*:*",
			     "cpe:2.3:a:*:log4j:2.14.1:*:*:*:*:*:*:*"), CPE_REL_UNDEFINED);
	/* a wildcard in the target: undefined, never a match */
	assert_int_equal(rel("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
			     "cpe:2.3:a:apache:log4j:2.*:*:*:*:*:*:*:*"), CPE_REL_UNDEFINED);
	/* ... but a disjoint attribute still makes the names disjoint */
	assert_int_equal(rel("cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*",
			     "cpe:2.3:a:apache:log4j:2.*:*:*:*:*:*:*:*"), CPE_REL_DISJOINT);
	assert_string_equal(cpe_relation_str(CPE_REL_SUPERSET), "SUPERSET");
	assert_string_equal(cpe_relation_str(CPE_REL__MAX), "?");
}

static void test_cpe_matches_is_superset_or_equal(void **state)
{
	(void)state;
	static const char *const names[] = {
		"cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
		"cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
		"cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*",
		"cpe:2.3:a:apache:log4j:2.*:*:*:*:*:*:*:*",
		"cpe:2.3:a:apache:log4?:*:*:*:*:*:*:*:*",
		"cpe:2.3:a:Apache:Log4j:2.14.1:*:*:*:*:*:*:*",
		"cpe:2.3:o:apache:log4j:*:*:*:*:*:*:*:*",
		"cpe:2.3:a:apache:log4j:*:*:*:*:*:*:x64:*",
		"cpe:2.3:a:apache:log4j:*:*:*:*:*:*:-:*",
		"cpe:2.3:*:*:*:*:*:*:*:*:*:*:*",
		"cpe:2.3:a:*apache:*log4j*:?.14.1:*:*:*:*:*:*:*",
	};
	int supersets = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (size_t j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
			struct cpe s, t;
			enum cpe_relation r;

			must_parse(names[i], &s);
			must_parse(names[j], &t);
			r = cpe_compare(&s, &t);
			assert_int_equal(cpe_matches(&s, &t),
					 r == CPE_REL_SUPERSET || r == CPE_REL_EQUAL);
			assert_int_equal(cpe_superset(&s, &t), cpe_matches(&s, &t));
			supersets += cpe_matches(&s, &t);
			/* without wildcards (a name with one does not match itself) the
			 * relation mirrors when swapped */
			if (!cpe_matches(&s, &s) || !cpe_matches(&t, &t))
				continue;
			switch (r) {
			case CPE_REL_SUBSET:
				assert_int_equal(cpe_compare(&t, &s), CPE_REL_SUPERSET);
				break;
			case CPE_REL_SUPERSET:
				assert_int_equal(cpe_compare(&t, &s), CPE_REL_SUBSET);
				break;
			case CPE_REL_EQUAL:
			case CPE_REL_DISJOINT:
			case CPE_REL_UNDEFINED:
				assert_int_equal(cpe_compare(&t, &s), r);
				break;
			default:
				break;
			}
		}
	/* counted by hand, source by source: 6+3+1+3+6+3+1+1+1+8+3 (no name with a wildcard
	 * is ever matched, the all-ANY name matches the other 8); a fixed count guards
	 * against a matcher that says yes, or no, too often */
	assert_int_equal(supersets, 36);
}

/* ---- errors ----------------------------------------------------------------------------- */

static void test_errors_say_what_and_where(void **state)
{
	(void)state;
	assert_invalid("", "position 1");
	assert_invalid("cpe:2.4:a:x:y:*:*:*:*:*:*:*:*", "position 1");
	assert_invalid("cpe:2.3:a:x:y:*:*:*:*:*:*:*", "after 10 of 11 attributes at position 28");
	assert_invalid("cpe:2.3:a:x:y:*:*:*:*:*:*:*:*:*", "unexpected ':' at position 30");
	assert_invalid("cpe:2.3:a::y:*:*:*:*:*:*:*:*", "empty value at position 11 (vendor)");
	assert_invalid("cpe:2.3:a:x:y:1.*.2:*:*:*:*:*:*:*", "'*' not at the start or end");
	assert_invalid("cpe:2.3:a:x:y:1.*.2:*:*:*:*:*:*:*", "position 17 (version)");
	assert_invalid("cpe:2.3:a:x:y:1?2:*:*:*:*:*:*:*", "'?' not at the start or end of a value at position 16 (version)");
	assert_invalid("cpe:2.3:a:x:y:1 2:*:*:*:*:*:*:*", "invalid character 0x20 at position 16");
	assert_invalid("cpe:2.3:a:x:y:*:*:*:*:*:*:*:x\\", "backslash quotes nothing at position 30");
	assert_invalid("cpe:2.3:a:x:y:\xc3\xa9:*:*:*:*:*:*:*", "invalid character 0xc3 at position 15");
	assert_invalid("cpe:/a:x:y:1%", "bad percent-encoding at position 13 (version)");
	assert_invalid("cpe:/a:x:y:1%zz", "bad percent-encoding at position 13");
	assert_invalid("cpe:/a:x:y:1%2e", "invalid percent-encoding %2e at position 13");
	assert_invalid("cpe:/a:x:y:1%41", "invalid percent-encoding");
	assert_invalid("cpe:/a:x:y:1%01.0", "%01 ('?') inside a value at position 13 (version)");
	assert_invalid("cpe:/a:x:y:1%01%01.0", "%01 ('?') inside a value at position 16");
	assert_invalid("cpe:/a:x:y:1:2:~a~b", "packed edition has 2 of 5");
	assert_invalid("cpe:/a:x:y:1:2:~a~b~c~d~e~f", "more than 5 fields: '~' at position 26");
	assert_invalid("cpe:/a:x:y:1:2:3:4:5", "more than 7 components");
	assert_invalid("cpe:/a:x:y:1.0+", "'+' must be percent-encoded at position 15");
	assert_invalid("cpe:/x", "part must be a, o or h at position 6");
	assert_invalid("wfn:[vendor=\"x\",vendor=\"y\"]", "vendor given twice at position 17");
	assert_invalid("wfn:[vendor=x]", "double-quoted string at position 13");
	assert_invalid("wfn:[vendor=\"a.b\"]", "'.' must be quoted with a backslash at position 15");
	assert_invalid("wfn:[vendor=\"\\a\"]", "only punctuation may be quoted");
	assert_invalid("wfn:[vendor=\"\"]", "empty value");
	assert_invalid("wfn:[vendor=\"x\"] ", "text after ']'");
	assert_invalid("wfn:[vendor=\"x\"", "expected ',' or ']' at position 16");
	assert_invalid("wfn:[vendor=\"x", "unterminated string at position 13 (vendor)");
	assert_invalid("http://example.com", "not a CPE name");

	/* the caps, and no read past len (the slice is not NUL-terminated) */
	{
		char big[CPE_NAME_MAX + 1];
		struct cpe c;

		memset(big, 'a', sizeof(big));
		memcpy(big, "cpe:/a:", 7);
		assert_int_equal(cpe_parse(big, sizeof(big), &c, errbuf, sizeof(errbuf)), -1);
		assert_non_null(strstr(errbuf, "longer than 1600 bytes"));
		/* content: part "a" and its NUL, the vendor and its NUL, 523 bytes in all */
		assert_int_equal(cpe_parse(big, 7 + 520, &c, errbuf, sizeof(errbuf)), 0);
		assert_int_equal(strlen(cpe_vendor(&c, NULL)), 520);
		assert_int_equal(cpe_parse(big, 7 + 521, &c, errbuf, sizeof(errbuf)), -1);
		assert_non_null(strstr(errbuf, "too much content for one name at position 528 (vendor)"));
		assert_int_equal(cpe_parse("cpe:2.3:a:x:y:*:*:*:*:*:*:*:*XYZ", 29, &c, NULL, 0), 0);
		assert_int_equal(cpe_parse("cpe:/a:x:y%01", 10, &c, NULL, 0), 0);
		assert_string_equal(cpe_product(&c, NULL), "y");
		assert_int_equal(cpe_parse("cpe:/a:x:y%01", 11, &c, NULL, 0), -1);
	}
	/* a short error buffer is truncated, never overrun */
	{
		char small[8];
		struct cpe c;

		assert_int_equal(cpe_parse("nope", 4, &c, small, sizeof(small)), -1);
		assert_int_equal(strlen(small), 7);
	}
}

/* ---- building, writing, reading ------------------------------------------------------ */

static void test_build_and_read_accessors(void **state)
{
	(void)state;
	struct cpe c, zero;
	size_t len;
	char buf[64];

	cpe_init(&c);
	memset(&zero, 0, sizeof(zero));
	assert_true(cpe_identical(&c, &zero)); /* a zeroed struct is the all-ANY name */
	assert_string_equal(fs_of(&zero), "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*");

	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_PART, "a", 1, NULL, 0), 0);
	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_VENDOR, "at&t", 4, NULL, 0), 0);
	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_PRODUCT, "a*b?", 4, NULL, 0), 0);
	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_VERSION, "15.3(100)m", 10, NULL, 0), 0);
	assert_string_equal(fs_of(&c), "cpe:2.3:a:at\\&t:a\\*b\\?:15.3\\(100\\)m:*:*:*:*:*:*:*");
	assert_string_equal(uri_of(&c), "cpe:/a:at%26t:a%2ab%3f:15.3%28100%29m");
	assert_string_equal(cpe_vendor(&c, &len), "at&t");
	assert_int_equal(len, 4);
	assert_string_equal(cpe_product(&c, NULL), "a*b?");
	assert_string_equal(cpe_version(&c, &len), "15.3(100)m");
	assert_true(cpe_version_is_concrete(&c));
	assert_false(cpe_has_wildcards(&c, CPE_ATTR_PRODUCT));

	/* replacing values many times reuses the text buffer */
	for (int i = 0; i < 200; i++)
		assert_int_equal(cpe_set_wfn(&c, CPE_ATTR_VERSION, "\"8\\.*\"", 6, NULL, 0), 0);
	assert_string_equal(cpe_version(&c, &len), "8.");
	assert_false(cpe_version_is_concrete(&c));
	assert_true(cpe_has_wildcards(&c, CPE_ATTR_VERSION));
	assert_int_equal(cpe_attr_display(&c, CPE_ATTR_VERSION, buf, sizeof(buf)), 3);
	assert_string_equal(buf, "8.*");
	assert_string_equal(cpe_vendor(&c, NULL), "at&t");

	/* a failed set leaves the name as it was */
	assert_int_equal(cpe_set_wfn(&c, CPE_ATTR_VERSION, "\"1.0\"", 5, errbuf, sizeof(errbuf)), -1);
	assert_string_equal(cpe_version(&c, NULL), "8.");
	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_PART, "x", 1, errbuf, sizeof(errbuf)), -1);
	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_VENDOR, "a b", 3, errbuf, sizeof(errbuf)), -1);
	assert_int_equal(cpe_set_plain(&c, CPE_ATTR_VENDOR, "", 0, errbuf, sizeof(errbuf)), -1);
	assert_string_equal(cpe_vendor(&c, NULL), "at&t");

	cpe_set_logical(&c, CPE_ATTR_VERSION, CPE_KIND_NA);
	assert_int_equal(cpe_kind_of(&c, CPE_ATTR_VERSION), CPE_KIND_NA);
	assert_string_equal(cpe_version(&c, &len), "");
	assert_int_equal(len, 0);
	assert_false(cpe_version_is_concrete(&c));
	assert_int_equal(cpe_attr_display(&c, CPE_ATTR_VERSION, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "-");
	assert_string_equal(cpe_attr_name(CPE_ATTR_TARGET_HW), "target_hw");
	assert_string_equal(cpe_attr_name(CPE_ATTR__MAX), "?");
}

static void test_writers_respect_the_buffer_size(void **state)
{
	(void)state;
	struct cpe c;
	char buf[CPE_FORMAT_MAX];
	int n;

	must_parse("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*", &c);
	n = cpe_format_fs(&c, buf, sizeof(buf));
	assert_int_equal(n, 63);
	assert_int_equal(cpe_format_fs(&c, buf, (size_t)n + 1), n);
	memset(buf, 'X', sizeof(buf));
	assert_int_equal(cpe_format_fs(&c, buf, (size_t)n), -1);
	assert_int_equal(strlen(buf), (size_t)n - 1); /* truncated, terminated */
	assert_int_equal(buf[n], 'X');                /* and nothing written past size */
	assert_int_equal(cpe_format_uri(&c, buf, 10), -1);
	assert_int_equal(cpe_format_wfn(&c, buf, 10), -1);
	assert_int_equal(cpe_format_fs(&c, buf, 0), -1);
	n = cpe_format_wfn(&c, buf, sizeof(buf));
	assert_string_equal(buf, "wfn:[part=\"a\",vendor=\"microsoft\",product=\"internet_explorer\","
			    "version=\"8\\.0\\.6001\",update=\"beta\",edition=ANY,language=ANY,"
			    "sw_edition=ANY,target_sw=ANY,target_hw=ANY,other=ANY]");

	/* the widest name: the most content, every character %-encoded in the URI; all its
	 * bindings fit CPE_FORMAT_MAX and read back */
	{
		char name[1024];
		struct cpe back;
		size_t k = 0, v;

		for (v = 600; v > 0; v--) {
			k = (size_t)snprintf(name, sizeof(name), "cpe:2.3:a:");
			memset(name + k, '!', v);
			k += v;
			memcpy(name + k, ":*:*:*:*:*:*:*:*:!!!!", 21);
			k += 21;
			if (cpe_parse(name, k, &c, NULL, 0) == 0)
				break;
		}
		/* 523 bytes: "a" NUL, v '!' NUL, "!!!!" NUL */
		assert_int_equal(v, 515);
		n = cpe_format_uri(&c, buf, sizeof(buf));
		/* "cpe:/a:", the vendor, "::::" to the edition, "~~~~~" and other */
		assert_int_equal(n, 7 + 3 * 515 + 4 + 5 + 3 * 4);
		assert_int_equal(cpe_parse(buf, (size_t)n, &back, errbuf, sizeof(errbuf)), 0);
		assert_true(cpe_identical(&c, &back));
		n = cpe_format_wfn(&c, buf, sizeof(buf));
		assert_true(n > 0);
		assert_int_equal(cpe_parse(buf, (size_t)n, &back, errbuf, sizeof(errbuf)), 0);
		assert_true(cpe_identical(&c, &back));
	}
}

/* ---- the 2015 NVD dictionary ------------------------------------------------------------ */

/* XML attribute value → text: the five predefined entities and numeric references. */
static size_t xml_unescape(const char *s, size_t n, char *out, size_t cap)
{
	static const struct {
		const char *e;
		char c;
	} ent[] = { { "&amp;", '&' }, { "&quot;", '"' }, { "&lt;", '<' }, { "&gt;", '>' },
		    { "&apos;", '\'' } };
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < cap; i++) {
		bool hit = false;

		if (s[i] == '&') {
			for (size_t e = 0; e < sizeof(ent) / sizeof(ent[0]) && !hit; e++) {
				size_t l = strlen(ent[e].e);

				if (n - i >= l && memcmp(s + i, ent[e].e, l) == 0) {
					out[k++] = ent[e].c;
					i += l - 1;
					hit = true;
				}
			}
			if (!hit && n - i > 3 && s[i + 1] == '#') {
				char *end;
				long v = strtol(s + i + 2, &end, s[i + 2] == 'x' ? 0 : 10);

				if (s[i + 2] == 'x')
					v = strtol(s + i + 3, &end, 16);
				if (end < s + n && *end == ';' && v > 0 && v < 128) {
					out[k++] = (char)v;
					i = (size_t)(end - s);
					hit = true;
				}
			}
		}
		if (!hit)
			out[k++] = s[i];
	}
	out[k] = '\0';
	return k;
}

/* The value of attribute key="..." in line, unescaped into out; false when absent. */
static bool xml_attr(const char *line, const char *key, char *out, size_t cap)
{
	const char *p = strstr(line, key), *q;

	if (p == NULL)
		return false;
	p += strlen(key);
	q = strchr(p, '"');
	if (q == NULL)
		return false;
	xml_unescape(p, (size_t)(q - p), out, cap);
	return true;
}

static void test_xml_unescape(void **state)
{
	(void)state;
	char out[64];

	assert_int_equal(xml_unescape("a\\&amp;b&quot;&#33;&#x24;&bogus;", 31, out, sizeof(out)), 13);
	assert_string_equal(out, "a\\&b\"!$&bogus");
}

static void test_dictionary_2015_round_trips(void **state)
{
	(void)state;
	char path[1024], line[65536], uri[1024] = "", fs[1024];
	char b1[CPE_FORMAT_MAX], b2[CPE_FORMAT_MAX];
	long items = 0, round_trip = 0, uri_agrees = 0, uri_verbatim = 0;
	gzFile f = NULL;

	if (testdata_path("cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz", path,
			  sizeof(path)) == NULL || (f = gzopen(path, "rb")) == NULL)
		skip();
	while (gzgets(f, line, sizeof(line)) != NULL) {
		struct cpe w1, w2, w3;
		int n;

		if (xml_attr(line, "<cpe-item name=\"", uri, sizeof(uri)))
			continue;
		if (!xml_attr(line, "cpe-23:cpe23-item name=\"", fs, sizeof(fs)))
			continue;
		items++;
		/* formatted string → WFN → URI → WFN → formatted string */
		if (cpe_parse_fs(fs, strlen(fs), &w1, errbuf, sizeof(errbuf)) != 0) {
			print_message("FS does not parse: %s: %s\n", fs, errbuf);
			continue;
		}
		n = cpe_format_uri(&w1, b1, sizeof(b1));
		if (n < 0 || cpe_parse_uri(b1, (size_t)n, &w2, errbuf, sizeof(errbuf)) != 0) {
			print_message("URI of %s does not parse back: %s\n", fs, b1);
			continue;
		}
		cpe_format_fs(&w2, b2, sizeof(b2));
		if (strcmp(b2, fs) == 0 && cpe_identical(&w1, &w2))
			round_trip++;
		else
			print_message("round trip %s -> %s -> %s\n", fs, b1, b2);
		/* the dictionary's own URI for the item is the same WFN */
		if (cpe_parse_uri(uri, strlen(uri), &w3, errbuf, sizeof(errbuf)) == 0 &&
		    cpe_identical(&w3, &w1))
			uri_agrees++;
		else
			print_message("dictionary URI %s differs from %s\n", uri, fs);
		uri_verbatim += strcmp(b1, uri) == 0;
	}
	gzclose(f);
	print_message("dictionary 2015: %ld items, %ld round-trip, %ld URIs unbind to the FS's WFN, "
		      "%ld bind to the dictionary's URI verbatim\n",
		      items, round_trip, uri_agrees, uri_verbatim);
	assert_int_equal(items, 101371);
	assert_int_equal(round_trip, items);
	assert_int_equal(uri_agrees, items);
	assert_int_equal(uri_verbatim, items);
}

/* ---- CLI ---------------------------------------------------------------------------------- */

/* Runs cli_cpe with stdout and stderr captured; returns its exit code. */
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
	rc = cli_cpe(argc, argv);
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

#define RUN(...) run_cli(out, err, sizeof(out), \
			 (int)(sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *)), \
			 (const char *[]){ __VA_ARGS__ })

static void test_cli_parse_prints_attributes_and_bindings(void **state)
{
	(void)state;
	char out[4096], err[4096];

	assert_int_equal(RUN("cpe", "parse", "cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~"), 0);
	assert_string_equal(out,
			    "part\t\"a\"\n"
			    "vendor\t\"hp\"\n"
			    "product\t\"insight_diagnostics\"\n"
			    "version\t\"7\\.4\\.0\\.1570\"\n"
			    "update\tNA\n"
			    "edition\tANY\n"
			    "language\tANY\n"
			    "sw_edition\t\"online\"\n"
			    "target_sw\t\"win2003\"\n"
			    "target_hw\t\"x64\"\n"
			    "other\tANY\n"
			    "fs\tcpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*\n"
			    "uri\tcpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~\n");
	assert_string_equal(err, "");

	assert_int_equal(RUN("cpe", "parse", "cpe:2.3:a:x:y:1.*.2:*:*:*:*:*:*:*"), 1);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "position 17 (version)"));

	assert_int_equal(RUN("cpe", "parse", "cpe:2.3:a:x:\\-:*:*:*:*:*:*:*:*"), 1);
	assert_non_null(strstr(out, "fs\tcpe:2.3:a:x:\\-:*:*:*:*:*:*:*:*\n"));
	assert_null(strstr(out, "uri\t"));
	assert_non_null(strstr(err, "no 2.2 URI"));
}

static void test_cli_compare_and_usage(void **state)
{
	(void)state;
	char out[4096], err[4096];

	assert_int_equal(RUN("cpe", "compare", "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
			     "cpe:/a:apache:log4j:2.14.1"), 0);
	assert_string_equal(out, "SUPERSET\n");
	assert_int_equal(RUN("cpe", "compare", "cpe:/a:apache:log4j:2.14.1",
			     "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*"), 0);
	assert_string_equal(out, "SUBSET\n");
	assert_int_equal(RUN("cpe", "compare", "cpe:/a:apache:log4j:2.14.1",
			     "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*"), 0);
	assert_string_equal(out, "EQUAL\n");
	assert_int_equal(RUN("cpe", "compare", "cpe:/a:apache:log4j:2.14.1",
			     "cpe:/a:apache:log4j:2.15.0"), 0);
	assert_string_equal(out, "DISJOINT\n");
	assert_int_equal(RUN("cpe", "compare", "cpe:/a:apache:log4j", "cpe:/a:apache:log4j:2.15.%"), 1);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "TARGET"));
	assert_non_null(strstr(err, "position 26"));

	assert_int_equal(RUN("cpe", "--help"), 0);
	assert_non_null(strstr(out, "usage: vans cpe parse NAME"));
	assert_string_equal(err, "");
	assert_int_equal(RUN("cpe"), 2);
	assert_non_null(strstr(err, "usage:"));
	assert_int_equal(RUN("cpe", "parse"), 2);
	assert_int_equal(RUN("cpe", "compare", "cpe:/a"), 2);
	assert_int_equal(RUN("cpe", "frobnicate", "cpe:/a"), 2);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bind_to_uri_examples_of_nistir_7695),
		cmocka_unit_test(test_bind_to_fs_examples_of_nistir_7695),
		cmocka_unit_test(test_unbind_uri_examples_of_nistir_7695),
		cmocka_unit_test(test_unbind_fs_examples_of_nistir_7695),
		cmocka_unit_test(test_lone_quoted_hyphen_keeps_its_quote_and_has_no_uri),
		cmocka_unit_test(test_nist_reference_implementation_cases),
		cmocka_unit_test(test_nilp0inter_names_accepted_and_refused),
		cmocka_unit_test(test_nilp0inter_disagreements_follow_the_spec),
		cmocka_unit_test(test_nilp0inter_conversions),
		cmocka_unit_test(test_nilp0inter_set_comparisons),
		cmocka_unit_test(test_nilp0inter_component_containment),
		cmocka_unit_test(test_table_6_2_of_nistir_7696),
		cmocka_unit_test(test_wildcards_match_per_compare_strings),
		cmocka_unit_test(test_name_comparison),
		cmocka_unit_test(test_cpe_matches_is_superset_or_equal),
		cmocka_unit_test(test_errors_say_what_and_where),
		cmocka_unit_test(test_build_and_read_accessors),
		cmocka_unit_test(test_writers_respect_the_buffer_size),
		cmocka_unit_test(test_xml_unescape),
		cmocka_unit_test(test_dictionary_2015_round_trips),
		cmocka_unit_test(test_cli_parse_prints_attributes_and_bindings),
		cmocka_unit_test(test_cli_compare_and_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
