/* Tests of the CSV reader: RFC 4180 quoting with "" and line breaks in fields, the line a
 * record starts on, byte-order marks, comma/semicolon detection, and the errors a user
 * gets for UTF-16, Big5, NUL bytes, unterminated quotes and caps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "vans/intake/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Records as "L<line>[a|b|c]" with quoted fields marked by a leading '*'. */
struct got {
	char text[4096];
	size_t len;
	size_t records;
	char delimiter;
	size_t stop_at;
};

static int collect(void *ctx, const struct csv_record *r)
{
	struct got *g = ctx;
	g->records++;
	g->delimiter = r->delimiter;
	assert_int_equal(r->number, g->records);
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "L%zu[", r->line);
	for (size_t i = 0; i < r->n; i++) {
		assert_int_equal(strlen(r->fields[i].p), r->fields[i].len);
		g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "%s%s%s",
		                           i ? "|" : "", r->fields[i].quoted ? "*" : "", r->fields[i].p);
	}
	g->len += (size_t)snprintf(g->text + g->len, sizeof(g->text) - g->len, "]");
	if (g->stop_at && g->records == g->stop_at)
		return 7;
	return 0;
}

static int read_csv(const char *s, size_t len, const struct csv_opts *o, struct got *g, char *err)
{
	memset(g, 0, sizeof(*g));
	return csv_read(s, len, o, collect, g, err, 256);
}

#define READ(lit, g, err) read_csv(lit, sizeof(lit) - 1, NULL, g, err)

static void test_csv_plain_and_quoted_fields(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	assert_int_equal(READ("a,b,c\r\n1,\"two, three\",\"say \"\"hi\"\"\"\r\n,,\r\n", &g, err), 0);
	assert_string_equal(g.text, "L1[a|b|c]L2[1|*two, three|*say \"hi\"]L3[||]");
	assert_int_equal(g.delimiter, ',');
}

static void test_csv_line_breaks_inside_quotes_keep_line_numbers(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	/* LF, CRLF and a lone CR all end lines, inside quotes too */
	assert_int_equal(READ("name,note\n\"A\",\"first\nsecond\r\nthird\"\nB,x\rC,\"\"\n", &g, err), 0);
	assert_string_equal(g.text, "L1[name|note]L2[*A|*first\nsecond\r\nthird]L5[B|x]L6[C|*]");
}

static void test_csv_bom_and_last_line_without_newline(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	assert_int_equal(READ("\xEF\xBB\xBF資產名稱,版本\n" "Office,2016", &g, err), 0);
	assert_string_equal(g.text, "L1[資產名稱|版本]L2[Office|2016]");
	assert_int_equal(READ("", &g, err), 0);
	assert_int_equal(g.records, 0);
	assert_int_equal(READ("\xEF\xBB\xBF", &g, err), 0);
	assert_int_equal(g.records, 0);
	/* an empty line is a record of one empty field */
	assert_int_equal(READ("a\n\nb\n", &g, err), 0);
	assert_string_equal(g.text, "L1[a]L2[]L3[b]");
}

static void test_csv_semicolons_are_detected(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	/* European Excel saves with semicolons; commas in values stay values */
	assert_int_equal(READ("資產名稱;版本;\"a;b\"\nNginx, web;1,2;x\n", &g, err), 0);
	assert_string_equal(g.text, "L1[資產名稱|版本|*a;b]L2[Nginx, web|1,2|x]");
	assert_int_equal(g.delimiter, ';');
	assert_int_equal(csv_detect_delimiter("\"a;b;c\",d\n", 10), ',');
	assert_int_equal(csv_detect_delimiter("a,b;c;d\nx,y,z,w,v", 17), ';');
	assert_int_equal(csv_detect_delimiter("abc", 3), ',');
	/* Excel's hint line names it and is not a record */
	assert_int_equal(READ("sep=;\r\na,b;c\n", &g, err), 0);
	assert_string_equal(g.text, "L2[a,b|c]");
	assert_int_equal(g.delimiter, ';');
	/* a forced delimiter wins */
	struct csv_opts o = { .delimiter = ',' };
	assert_int_equal(read_csv("a;b;c\n", 6, &o, &g, err), 0);
	assert_string_equal(g.text, "L1[a;b;c]");
}

static void test_csv_stray_quote_in_unquoted_field_is_kept(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	assert_int_equal(READ("Monitor 27\" 4K,1\n", &g, err), 0);
	assert_string_equal(g.text, "L1[Monitor 27\" 4K|1]");
}

static void test_csv_errors_say_the_line(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	assert_int_equal(READ("a,b\n1,\"open\n2,3\n", &g, err), ERR_INVALID);
	assert_string_equal(err, "line 2, field 2: a quoted field begins here and never ends");
	assert_int_equal(g.records, 1);
	assert_int_equal(READ("a,b\n\"x\"y,2\n", &g, err), ERR_INVALID);
	assert_string_equal(err, "line 2, field 1: text after the closing quote of a quoted field");
	assert_int_equal(READ("\xFF\xFE" "a\0,\0", &g, err), ERR_INVALID);
	assert_string_equal(err, "line 1: the file is UTF-16 text; save it as CSV in UTF-8");
	/* 資產 in Big5 */
	assert_int_equal(READ("name\nok\n\xB8\xEA\xB2\xA3\n", &g, err), ERR_INVALID);
	assert_string_equal(err, "line 3: not UTF-8 text (saved as Big5?); save it as CSV in UTF-8");
	assert_int_equal(g.records, 0);   /* nothing was delivered */
	assert_int_equal(READ("a\nb\0c\n", &g, err), ERR_INVALID);
	assert_string_equal(err, "line 2: a NUL byte; this is not a text file");
}

static void test_csv_caps(void **state)
{
	(void)state;
	struct got g;
	char err[256];
	struct csv_opts o = { .max_field = 4, .max_fields = 3, .max_records = 2 };
	assert_int_equal(read_csv("abcd,efgh\n", 10, &o, &g, err), 0);
	assert_int_equal(read_csv("abcde\n", 6, &o, &g, err), ERR_TOO_LARGE);
	assert_string_equal(err, "line 1, field 1: longer than 4 bytes");
	assert_int_equal(read_csv("a,b,c,d\n", 8, &o, &g, err), ERR_TOO_LARGE);
	assert_string_equal(err, "line 1: more than 3 fields");
	assert_int_equal(read_csv("a\nb\nc\n", 6, &o, &g, err), ERR_TOO_LARGE);
	assert_string_equal(err, "line 3: more than 2 records");
	assert_int_equal(g.records, 2);
}

static void test_csv_callback_value_stops_the_reader(void **state)
{
	(void)state;
	struct got g;
	memset(&g, 0, sizeof(g));
	g.stop_at = 2;
	char err[256];
	assert_int_equal(csv_read("a\nb\nc\n", 6, NULL, collect, &g, err, sizeof(err)), 7);
	assert_int_equal(g.records, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain_and_quoted_fields),
		cmocka_unit_test(test_csv_line_breaks_inside_quotes_keep_line_numbers),
		cmocka_unit_test(test_csv_bom_and_last_line_without_newline),
		cmocka_unit_test(test_csv_semicolons_are_detected),
		cmocka_unit_test(test_csv_stray_quote_in_unquoted_field_is_kept),
		cmocka_unit_test(test_csv_errors_say_the_line),
		cmocka_unit_test(test_csv_caps),
		cmocka_unit_test(test_csv_callback_value_stops_the_reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
