/* Tests of the two wrappers under the intake parsers: the safe XML pull reader
 * (core/xml_pull.h: events, attributes, DOCTYPE refusal in any encoding, the byte cap) and
 * the zip member reader (core/zip_archive.h: lookup, caps counted while inflating,
 * encrypted members). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xml_pull.h"
#include "core/zip_archive.h"

#include "../lib/zipwrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every event as "S:name@depth", "E:name", "T:text", then "EOF" or "ERR(code):message". */
static void trace(const char *doc, size_t len, char *out, size_t size)
{
	struct xml_pull *x = xml_pull_new_mem(doc, len, 0);
	size_t o = 0;
	out[0] = '\0';
	for (;;) {
		enum xml_event ev = xml_pull_next(x);
		int n = 0;
		if (ev == XML_EV_START)
			n = snprintf(out + o, size - o, "S:%s@%d ", xml_pull_name(x), xml_pull_depth(x));
		else if (ev == XML_EV_END)
			n = snprintf(out + o, size - o, "E:%s ", xml_pull_name(x));
		else if (ev == XML_EV_TEXT)
			n = snprintf(out + o, size - o, "T:%s ", xml_pull_text(x, NULL));
		else if (ev == XML_EV_EOF)
			n = snprintf(out + o, size - o, "EOF");
		else
			n = snprintf(out + o, size - o, "ERR(%s):%s", err_str(xml_pull_status(x)),
			             xml_pull_error(x));
		o += (size_t)n;
		if (ev == XML_EV_EOF || ev == XML_EV_ERROR || o >= size - 1)
			break;
	}
	xml_pull_free(x);
}

static void test_xml_pull_events_and_text(void **state)
{
	(void)state;
	char out[1024];
	const char *doc = "<?xml version=\"1.0\"?>\n<!-- a comment -->\n"
	                  "<a><b x=\"1\"/><c>t&amp;u&#x4E2D;<![CDATA[<raw>]]></c></a>";
	trace(doc, strlen(doc), out, sizeof(out));
	assert_string_equal(out, "S:a@0 S:b@1 E:b S:c@1 T:t&u中 T:<raw> E:c E:a EOF");
}

static void test_xml_pull_attributes(void **state)
{
	(void)state;
	const char *doc = "<r xmlns:r=\"urn:rel\" xmlns=\"urn:main\"><s name=\"A &amp; B\" r:id=\"rId7\"/></r>";
	struct xml_pull *x = xml_pull_new_mem(doc, strlen(doc), 0);
	assert_int_equal(xml_pull_next(x), XML_EV_START);
	assert_string_equal(xml_pull_ns(x), "urn:main");
	assert_int_equal(xml_pull_next(x), XML_EV_START);
	assert_string_equal(xml_pull_attr(x, "name"), "A & B");
	assert_null(xml_pull_attr(x, "id"));   /* it has a namespace */
	assert_string_equal(xml_pull_attr_ns(x, "id", "urn:rel"), "rId7");
	assert_string_equal(xml_pull_attr_ns(x, "id", NULL), "rId7");
	assert_null(xml_pull_attr_ns(x, "name", NULL));
	assert_int_equal(xml_pull_next(x), XML_EV_END);
	assert_int_equal(xml_pull_next(x), XML_EV_END);
	assert_int_equal(xml_pull_next(x), XML_EV_EOF);
	xml_pull_free(x);
}

static void test_xml_pull_refuses_doctype_before_parsing_it(void **state)
{
	(void)state;
	char out[512];
	/* external entity: no file is read, the reader stops at the DOCTYPE */
	const char *xxe = "<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	                  "<a>&x;</a>";
	trace(xxe, strlen(xxe), out, sizeof(out));
	assert_string_equal(out, "ERR(invalid):line 3: a DOCTYPE is not allowed");
	/* the same in UTF-16LE with a byte-order mark */
	char u16[256];
	size_t n = 0;
	u16[n++] = (char)0xFF;
	u16[n++] = (char)0xFE;
	for (const char *c = "<!DOCTYPE a><a/>"; *c; c++) {
		u16[n++] = *c;
		u16[n++] = 0;
	}
	trace(u16, n, out, sizeof(out));
	assert_string_equal(out, "ERR(invalid):line 1: a DOCTYPE is not allowed");
	/* the word elsewhere is fine */
	const char *ok = "<?pi DOCTYPE?><!--<!DOCTYPE--><a>&lt;!DOCTYPE</a>";
	trace(ok, strlen(ok), out, sizeof(out));
	assert_string_equal(out, "S:a@0 T:<!DOCTYPE E:a EOF");
}

static void test_xml_pull_errors_and_cap(void **state)
{
	(void)state;
	char out[512];
	trace("<a>\n<b></a>", 11, out, sizeof(out));
	assert_non_null(strstr(out, "ERR(invalid):line 2: "));
	trace("", 0, out, sizeof(out));
	assert_string_equal(out, "ERR(invalid):line 1: an empty document");
	trace("<a>&undefined;</a>", 18, out, sizeof(out));
	assert_non_null(strstr(out, "ERR(invalid):line 1: Entity 'undefined' not defined"));
	/* the cap counts bytes read */
	struct buf big;
	buf_init(&big, 0);
	buf_puts(&big, "<a>");
	for (int i = 0; i < 10000; i++)
		buf_puts(&big, "<b>0123456789</b>");
	buf_puts(&big, "</a>");
	struct xml_pull *x = xml_pull_new_mem(big.data, big.len, 64 * 1024);
	enum xml_event ev;
	while ((ev = xml_pull_next(x)) != XML_EV_EOF && ev != XML_EV_ERROR)
		;
	assert_int_equal(ev, XML_EV_ERROR);
	assert_int_equal(xml_pull_status(x), ERR_TOO_LARGE);
	assert_string_equal(xml_pull_error(x), "larger than 65536 bytes");
	assert_int_equal(xml_pull_next(x), XML_EV_ERROR);   /* and stays so */
	xml_pull_free(x);
	buf_free(&big);
}

/* ---- zip ---- */

static void test_zip_archive_reads_members(void **state)
{
	(void)state;
	struct zw z = { 0 };
	zw_add(&z, "[Content_Types].xml", "<Types/>");
	zw_add_ex(&z, "xl/Stored.xml", "stored text", 11, 0, 0);
	size_t len;
	unsigned char *p = zw_finish(&z, &len);
	assert_true(zip_archive_sniff(p, len));
	assert_false(zip_archive_sniff("PK", 2));
	assert_false(zip_archive_sniff("%PDF-1.7", 8));
	struct zip_archive *a;
	char err[256];
	assert_int_equal(zip_archive_open_mem(p, len, NULL, &a, err, sizeof(err)), ERR_OK);
	assert_int_equal(zip_archive_count(a), 2);
	assert_string_equal(zip_archive_name(a, 1), "xl/Stored.xml");
	assert_int_equal(zip_archive_find(a, "XL/stored.XML"), 1);   /* OPC names ignore case */
	assert_int_equal(zip_archive_find(a, "nope"), -1);
	struct buf b;
	buf_init(&b, 0);
	assert_int_equal(zip_archive_read(a, 0, 1024, &b, err, sizeof(err)), ERR_OK);
	assert_string_equal(b.data, "<Types/>");
	assert_int_equal(zip_archive_read(a, 1, 1024, &b, err, sizeof(err)), ERR_OK);
	assert_string_equal(b.data, "stored text");
	assert_int_equal(zip_archive_read(a, 1, 5, &b, err, sizeof(err)), ERR_TOO_LARGE);
	assert_string_equal(err, "xl/Stored.xml: more than 5 bytes");
	buf_free(&b);
	zip_archive_close(a);
	free(p);
}

static void test_zip_archive_caps_count_inflated_bytes(void **state)
{
	(void)state;
	size_t n = 4u << 20;
	char *zeros = calloc(1, n);
	assert_non_null(zeros);
	char err[256];
	struct buf b;
	buf_init(&b, 0);
	for (int lie = 0; lie < 2; lie++) {
		struct zw z = { 0 };
		zw_add_ex(&z, "a.xml", zeros, n, 1, lie ? 10 : 0);
		zw_add_ex(&z, "b.xml", zeros, n, 1, 0);
		size_t len;
		unsigned char *p = zw_finish(&z, &len);
		struct zip_limits lim = { .max_member = 1u << 20 };
		struct zip_archive *a;
		assert_int_equal(zip_archive_open_mem(p, len, &lim, &a, err, sizeof(err)), ERR_OK);
		enum err e = zip_archive_read(a, 0, SIZE_MAX, &b, err, sizeof(err));
		if (lie)
			assert_true(e == ERR_TOO_LARGE || e == ERR_INVALID);   /* libzip may see the lie */
		else
			assert_int_equal(e, ERR_TOO_LARGE);
		assert_true(b.len <= (1u << 20));
		zip_archive_close(a);
		/* the total over members */
		struct zip_limits tot = { .max_total = 6u << 20 };
		assert_int_equal(zip_archive_open_mem(p, len, &tot, &a, err, sizeof(err)), ERR_OK);
		if (!lie) {
			assert_int_equal(zip_archive_read(a, 0, SIZE_MAX, &b, err, sizeof(err)), ERR_OK);
			assert_int_equal(zip_archive_read(a, 1, SIZE_MAX, &b, err, sizeof(err)), ERR_TOO_LARGE);
			assert_string_equal(err, "b.xml: the zip members inflate to more than 6291456 bytes");
		}
		zip_archive_close(a);
		free(p);
	}
	buf_free(&b);
	free(zeros);
}

static void test_zip_archive_refuses_encrypted_members_and_junk(void **state)
{
	(void)state;
	struct zw z = { 0 };
	zw_add_ex(&z, "secret.xml", "0123456789abcdef", 16, 0, 0);
	size_t len;
	unsigned char *p = zw_finish(&z, &len);
	/* set "encrypted" (bit 0 of the flags) in the local and central headers */
	p[6] |= 1;
	for (size_t i = 0; i + 4 < len; i++)
		if (p[i] == 'P' && p[i + 1] == 'K' && p[i + 2] == 1 && p[i + 3] == 2)
			p[i + 8] |= 1;
	struct zip_archive *a;
	char err[256];
	assert_int_equal(zip_archive_open_mem(p, len, NULL, &a, err, sizeof(err)), ERR_OK);
	struct zip_member *m;
	assert_int_equal(zip_member_open(a, 0, &m, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "secret.xml: encrypted zip members are not read");
	zip_archive_close(a);
	free(p);
	assert_int_equal(zip_archive_open_mem("PK\3\4junk", 8, NULL, &a, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "not a readable zip archive"));
	assert_int_equal(zip_archive_open_mem(NULL, 0, NULL, &a, err, sizeof(err)), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_pull_events_and_text),
		cmocka_unit_test(test_xml_pull_attributes),
		cmocka_unit_test(test_xml_pull_refuses_doctype_before_parsing_it),
		cmocka_unit_test(test_xml_pull_errors_and_cap),
		cmocka_unit_test(test_zip_archive_reads_members),
		cmocka_unit_test(test_zip_archive_caps_count_inflated_bytes),
		cmocka_unit_test(test_zip_archive_refuses_encrypted_members_and_junk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
