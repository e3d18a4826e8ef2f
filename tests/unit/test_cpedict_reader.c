/* Tests of the CPE dictionary reader: the whole 2015 NVD dictionary (counts from its
 * README, items checked field by field), small hand-written documents for the edge cases,
 * and the refusal of DOCTYPEs (entity expansion, external entities). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "kb/cpedict_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

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

/* ---- the whole dictionary ---- */

struct census {
	size_t items, apps, oses, hardware, deprecated, ja_titles, refs, depby, escaped, packed;
	size_t no23, checked;
	size_t stop_at;
};

/* Field-by-field expectations for a few items, as the XML has them. */
static void spot_check(struct census *c, const struct cpedict_item *it)
{
	if (strcmp(it->name, "cpe:/a:%240.99_kindle_books_project:%240.99_kindle_books:6::~~~android~~") == 0) {
		assert_int_equal(it->index, 1);
		assert_int_equal(it->line, 9);
		assert_string_equal(it->name23,
		                    "cpe:2.3:a:\\$0.99_kindle_books_project:\\$0.99_kindle_books:6:*:*:*:*:android:*:*");
		assert_int_equal(it->n_titles, 1);
		assert_string_equal(it->titles[0].lang, "en-US");
		assert_string_equal(it->titles[0].text, "$0.99 Kindle Books project $0.99 Kindle Books "
		                                         "(aka com.kindle.books.for99) for android 6.0");
		assert_int_equal(it->n_refs, 2);
		assert_string_equal(it->refs[1].href,
		                    "https://play.google.com/store/apps/details?id=com.kindle.books.for99");
		assert_string_equal(it->refs[1].text, "Product information");
		assert_false(it->deprecated);
		assert_null(it->deprecation_date);
		assert_int_equal(it->n_deprecated_by, 0);
		c->checked++;
	} else if (strcmp(it->name, "cpe:/a:3com:tippingpoint_ips_tos:2.2.1") == 0) {
		assert_true(it->deprecated);
		assert_string_equal(it->deprecation_date, "2010-12-28T17:36:01.163Z");
		assert_string_equal(it->deprecation_date23, "2010-12-28T12:36:01.163-05:00");
		assert_int_equal(it->n_deprecated_by, 1);
		assert_string_equal(it->deprecated_by[0].name,
		                    "cpe:2.3:o:3com:tippingpoint_ips_tos:2.2.1:*:*:*:*:*:*:*");
		assert_string_equal(it->deprecated_by[0].type, "NAME_CORRECTION");
		assert_int_equal(it->n_refs, 0);
		c->checked++;
	} else if (strcmp(it->name, "cpe:/o:3com:tippingpoint_ips_tos:2.2.1.6506") == 0) {
		assert_int_equal(it->n_titles, 2);
		assert_string_equal(it->titles[0].lang, "ja-JP");
		assert_string_equal(it->titles[0].text, "スリーコム TippingPoint IPS TOS 2.2.1.6506");
		assert_string_equal(it->titles[1].lang, "en-US");
		assert_string_equal(it->titles[1].text, "3Com TippingPoint IPS TOS 2.2.1.6506");
		c->checked++;
	} else if (strcmp(it->name, "cpe:/a:2glux:com_sexypolling:0.9.1:-:~-~-~joomla%21~~") == 0) {
		/* the packed 2.2 edition unpacks into sw_edition/target_sw in 2.3 */
		assert_string_equal(it->name23, "cpe:2.3:a:2glux:com_sexypolling:0.9.1:-:-:*:-:joomla\\!:*:*");
		c->checked++;
	} else if (strcmp(it->name, "cpe:/a:acmailer:acmailer:3.8") == 0) {
		assert_int_equal(it->line, 1999);
		assert_string_equal(it->deprecated_by[0].name, "cpe:2.3:a:seeds:acmailer:3.8.0:*:*:*:*:*:*:*");
		assert_string_equal(it->refs[0].text, "vendor product information");
		c->checked++;
	}
}

static int count_item(void *ctx, const struct cpedict_item *it)
{
	struct census *c = ctx;
	if (c->stop_at && it->index == c->stop_at)
		return 5;
	c->items++;
	assert_int_equal(it->index, c->items);
	if (strncmp(it->name, "cpe:/a:", 7) == 0)
		c->apps++;
	else if (strncmp(it->name, "cpe:/o:", 7) == 0)
		c->oses++;
	else if (strncmp(it->name, "cpe:/h:", 7) == 0)
		c->hardware++;
	c->deprecated += it->deprecated;
	for (size_t i = 0; i < it->n_titles; i++)
		c->ja_titles += strcmp(it->titles[i].lang, "ja-JP") == 0;
	c->refs += it->n_refs;
	c->depby += it->n_deprecated_by;
	c->escaped += strchr(it->name, '%') != NULL;
	c->packed += strchr(it->name, '~') != NULL;
	c->no23 += it->name23 == NULL;
	/* a deprecated item always says by what */
	if (it->deprecated)
		assert_true(it->n_deprecated_by >= 1);
	spot_check(c, it);
	return 0;
}

static void test_cpedict_whole_dictionary_matches_its_readme(void **state)
{
	(void)state;
	char path[512], err[256];
	data_path(path, sizeof(path), "cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz");
	struct census c = { 0 };
	struct cpedict_meta m;
	assert_int_equal(cpedict_read_file(path, count_item, &c, &m, err, sizeof(err)), ERR_OK);
	assert_int_equal(m.items, 101371);
	assert_int_equal(c.items, 101371);
	assert_int_equal(c.apps, 86836);
	assert_int_equal(c.oses, 10934);
	assert_int_equal(c.hardware, 3601);
	assert_int_equal(c.deprecated, 1532);
	assert_int_equal(c.escaped, 5339);
	assert_int_equal(c.packed, 6303);
	assert_int_equal(c.ja_titles, 5949);
	assert_int_equal(c.refs, 37461);
	assert_int_equal(c.depby, 2253);
	assert_int_equal(c.no23, 0);
	assert_int_equal(c.checked, 5);
	assert_string_equal(m.product_name, "National Vulnerability Database (NVD)");
	assert_string_equal(m.product_version, "3.0");
	assert_string_equal(m.schema_version, "2.3");
	assert_string_equal(m.timestamp, "2015-10-14T03:50:00.163Z");
}

static void test_cpedict_callback_value_stops_the_reader(void **state)
{
	(void)state;
	char path[512], err[256];
	data_path(path, sizeof(path), "cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz");
	struct census c = { .stop_at = 1000 };
	struct cpedict_meta m;
	assert_int_equal(cpedict_read_file(path, count_item, &c, &m, err, sizeof(err)), 5);
	assert_int_equal(c.items, 999);
	assert_int_equal(m.items, 999);
	assert_non_null(strstr(err, "stopped by the caller at item 1000"));
}

/* ---- small documents ---- */

#define HEAD "<?xml version='1.0' encoding='UTF-8'?>\n" \
	"<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\" " \
	"xmlns:cpe-23=\"http://scap.nist.gov/schema/cpe-extension/2.3\">\n"
#define TAIL "</cpe-list>\n"

struct one {
	char name[128], name23[128], title[128], lang[16], ref_text[64], depby[128];
	size_t n, n_titles, n_refs, n_depby, line;
	int deprecated;
};

static int keep_last(void *ctx, const struct cpedict_item *it)
{
	struct one *o = ctx;
	o->n++;
	snprintf(o->name, sizeof(o->name), "%s", it->name);
	snprintf(o->name23, sizeof(o->name23), "%s", it->name23 ? it->name23 : "(none)");
	o->n_titles = it->n_titles;
	o->n_refs = it->n_refs;
	o->n_depby = it->n_deprecated_by;
	o->deprecated = it->deprecated;
	o->line = it->line;
	snprintf(o->title, sizeof(o->title), "%s", it->n_titles ? it->titles[0].text : "(none)");
	snprintf(o->lang, sizeof(o->lang), "%s",
	         it->n_titles && it->titles[0].lang ? it->titles[0].lang : "(none)");
	snprintf(o->ref_text, sizeof(o->ref_text), "%s", it->n_refs ? it->refs[0].text : "(none)");
	snprintf(o->depby, sizeof(o->depby), "%s", it->n_deprecated_by ? it->deprecated_by[0].name : "(none)");
	return 0;
}

static int read_str(const char *xml, struct one *o, char *err, size_t errlen)
{
	memset(o, 0, sizeof(*o));
	return cpedict_read_mem("d.xml", xml, strlen(xml), keep_last, o, NULL, err, errlen);
}

static void test_cpedict_text_entities_cdata_and_empty_elements(void **state)
{
	(void)state;
	const char *xml = HEAD
		"  <cpe-item name=\"cpe:/a:at%26t:connect\">\n"
		"    <title xml:lang=\"en-US\">AT&amp;T <![CDATA[Connect <beta>]]> &#x2122;</title>\n"
		"    <references><reference href=\"http://example.com/?a=1&amp;b=2\"/></references>\n"
		"    <cpe-23:cpe23-item name=\"cpe:2.3:a:at\\&amp;t:connect:*:*:*:*:*:*:*:*\"/>\n"
		"  </cpe-item>\n"
		"  <cpe-item name=\"cpe:/a:vendor:empty\"><title/></cpe-item>\n"
		"  <cpe-item name=\"cpe:/a:vendor:bare\"/>\n"
		TAIL;
	struct one o;
	char err[256];
	struct cpedict_meta m;
	memset(&o, 0, sizeof(o));
	assert_int_equal(cpedict_read_mem("d.xml", xml, strlen(xml), keep_last, &o, &m, err,
	                                  sizeof(err)), ERR_OK);
	assert_int_equal(m.items, 3);
	/* the last item: no title, no 2.3 name */
	assert_string_equal(o.name, "cpe:/a:vendor:bare");
	assert_string_equal(o.name23, "(none)");
	assert_int_equal(o.n_titles, 0);
	/* the first item, read alone */
	const char *first = HEAD
		"  <cpe-item name=\"cpe:/a:at%26t:connect\">\n"
		"    <title xml:lang=\"en-US\">AT&amp;T <![CDATA[Connect <beta>]]> &#x2122;</title>\n"
		"    <references><reference href=\"http://example.com/?a=1&amp;b=2\"/></references>\n"
		"    <cpe-23:cpe23-item name=\"cpe:2.3:a:at\\&amp;t:connect:*:*:*:*:*:*:*:*\"/>\n"
		"  </cpe-item>\n" TAIL;
	assert_int_equal(read_str(first, &o, err, sizeof(err)), ERR_OK);
	assert_string_equal(o.title, "AT&T Connect <beta> \xe2\x84\xa2");
	assert_string_equal(o.lang, "en-US");
	assert_string_equal(o.name23, "cpe:2.3:a:at\\&t:connect:*:*:*:*:*:*:*:*");
	assert_string_equal(o.ref_text, "");
	assert_int_equal(o.line, 3);
	/* an empty title still counts, with empty text */
	const char *empty = HEAD "<cpe-item name=\"cpe:/a:v:p\"><title xml:lang=\"fr\"/></cpe-item>" TAIL;
	assert_int_equal(read_str(empty, &o, err, sizeof(err)), ERR_OK);
	assert_int_equal(o.n_titles, 1);
	assert_string_equal(o.title, "");
	assert_string_equal(o.lang, "fr");
}

static void test_cpedict_cpe22_deprecated_by_attribute_and_gzip_memory(void **state)
{
	(void)state;
	/* the CPE 2.2 dictionary names the replacement in an attribute */
	const char *xml = HEAD
		"<cpe-item name=\"cpe:/a:old:name:1.0\" deprecated=\"true\" "
		"deprecated_by=\"cpe:/a:new:name:1.0\" deprecation_date=\"2011-01-01T00:00:00.000Z\">"
		"<title xml:lang=\"en-US\">Old Name 1.0</title></cpe-item>" TAIL;
	unsigned char gz[1024];
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)(uintptr_t)xml;
	zs.avail_in = (uInt)strlen(xml);
	zs.next_out = gz;
	zs.avail_out = sizeof(gz);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	size_t n = sizeof(gz) - zs.avail_out;
	deflateEnd(&zs);
	struct one o;
	memset(&o, 0, sizeof(o));
	char err[256];
	assert_int_equal(cpedict_read_mem("d.xml.gz", gz, n, keep_last, &o, NULL, err, sizeof(err)),
	                 ERR_OK);
	assert_int_equal(o.n, 1);
	assert_true(o.deprecated);
	assert_int_equal(o.n_depby, 1);
	assert_string_equal(o.depby, "cpe:/a:new:name:1.0");
	assert_string_equal(o.title, "Old Name 1.0");
	/* cut short: the gzip stream is incomplete */
	memset(&o, 0, sizeof(o));
	assert_int_equal(cpedict_read_mem("d.xml.gz", gz, n - 20, keep_last, &o, NULL, err,
	                                  sizeof(err)), ERR_IO);
	assert_int_equal(o.n, 0);
}

struct bad {
	const char *xml;
	int code;
	const char *msg;
};

static void test_cpedict_refuses_doctype_and_reports_errors_by_line(void **state)
{
	(void)state;
	static const struct bad cases[] = {
		/* billion laughs */
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		  "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n"
		  "<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\"><cpe-item name=\"&lol2;\"/>"
		  "</cpe-list>", ERR_INVALID, "a DOCTYPE is not allowed" },
		/* an external entity (XXE) */
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		  "<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\"><cpe-item name=\"a\">"
		  "<title>&xxe;</title></cpe-item></cpe-list>", ERR_INVALID, "a DOCTYPE is not allowed" },
		{ HEAD "<cpe-item name=\"cpe:/a:v:p\">\n<title>unclosed\n</cpe-item>" TAIL, ERR_INVALID,
		  "d.xml: line 5: Opening and ending tag mismatch: title line 4 and cpe-item" },
		{ "<cpe-list xmlns=\"urn:other\"/>", ERR_INVALID, "not a CPE dictionary (root is <cpe-list>)" },
		{ "<html/>", ERR_INVALID, "not a CPE dictionary" },
		{ HEAD "<cpe-item><title>no name</title></cpe-item>" TAIL, ERR_INVALID,
		  "item 1: cpe-item without a name" },
		{ HEAD "<cpe-item name=\"cpe:/a:v:p\">" "<cpe-23:cpe23-item name=\"x\"><cpe-23:deprecation>"
		  "<cpe-23:deprecated-by/></cpe-23:deprecation></cpe-23:cpe23-item></cpe-item>" TAIL,
		  ERR_INVALID, "deprecated-by without a name" },
		{ "", ERR_INVALID, "d.xml" },
		{ HEAD "<cpe-item name=\"cpe:/a:v:p\">", ERR_INVALID, "(inside a cpe-item)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct one o;
		char err[256];
		int rc = read_str(cases[i].xml, &o, err, sizeof(err));
		if (rc != cases[i].code || !strstr(err, cases[i].msg))
			fail_msg("case %zu: rc %d, error \"%s\"; wanted %d and \"%s\"", i, rc, err,
			         cases[i].code, cases[i].msg);
		assert_int_equal(o.n, 0);
	}
}

static void test_cpedict_text_cap(void **state)
{
	(void)state;
	size_t big = CPEDICT_MAX_TEXT + 100;
	const char *a = HEAD "<cpe-item name=\"cpe:/a:v:p\"><title>";
	const char *b = "</title></cpe-item>" TAIL;
	char *xml = malloc(strlen(a) + big + strlen(b) + 1);
	memcpy(xml, a, strlen(a));
	memset(xml + strlen(a), 'x', big);
	memcpy(xml + strlen(a) + big, b, strlen(b) + 1);
	struct one o;
	char err[256];
	assert_int_equal(read_str(xml, &o, err, sizeof(err)), ERR_TOO_LARGE);
	assert_non_null(strstr(err, "text longer than"));
	free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpedict_whole_dictionary_matches_its_readme),
		cmocka_unit_test(test_cpedict_callback_value_stops_the_reader),
		cmocka_unit_test(test_cpedict_text_entities_cdata_and_empty_elements),
		cmocka_unit_test(test_cpedict_cpe22_deprecated_by_attribute_and_gzip_memory),
		cmocka_unit_test(test_cpedict_refuses_doctype_and_reports_errors_by_line),
		cmocka_unit_test(test_cpedict_text_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
