/* Tests of the XLSX writer (core/xlsx_write.h) and the zip writer under it: workbooks read
 * back with vans's own XLSX reader and zip reader — sheets, text (CJK, XML specials, control
 * characters, formula-looking strings), numbers, bold header style, widths, frozen row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/xlsx_write.h"
#include "core/zip_archive.h"
#include "vans/intake/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct got {
	char cells[16][8][128];
	uint32_t rows[16];
	char sheet[16][64];
	size_t n;
};

static int on_row(void *ctx, const struct xlsx_row *row)
{
	struct got *g = ctx;
	if (g->n == 16)
		return 0;
	g->rows[g->n] = row->row;
	snprintf(g->sheet[g->n], sizeof g->sheet[0], "%s", row->sheet_name);
	for (size_t i = 0; i < row->n && i < 8; i++)
		snprintf(g->cells[g->n][i], sizeof g->cells[0][0], "%.*s", (int)row->cells[i].len, row->cells[i].text);
	g->n++;
	return 0;
}

static void test_zip_writer_round_trip(void **state)
{
	(void)state;
	struct zip_writer *w;
	char err[200];
	assert_int_equal(zip_writer_new(&w, err, sizeof err), ERR_OK);
	assert_int_equal(zip_writer_add(w, "a.txt", "hello", 5, err, sizeof err), ERR_OK);
	assert_int_equal(zip_writer_add(w, "dir/b.xml", "<x/>", 4, err, sizeof err), ERR_OK);
	assert_int_equal(zip_writer_add(w, "a.txt", "again", 5, err, sizeof err), ERR_INVALID);
	assert_int_equal(zip_writer_add(w, "", "x", 1, err, sizeof err), ERR_INVALID);
	struct buf out;
	buf_init(&out, 0);
	assert_int_equal(zip_writer_finish(w, &out, err, sizeof err), ERR_OK);
	assert_true(zip_archive_sniff(out.data, out.len));
	struct zip_archive *z;
	assert_int_equal(zip_archive_open_mem(out.data, out.len, NULL, &z, err, sizeof err), ERR_OK);
	assert_int_equal(zip_archive_count(z), 2);
	struct buf m;
	buf_init(&m, 0);
	assert_int_equal(zip_archive_read(z, (size_t)zip_archive_find(z, "dir/b.xml"), 100, &m, err, sizeof err), ERR_OK);
	assert_string_equal(m.data, "<x/>");
	buf_free(&m);
	zip_archive_close(z);
	buf_free(&out);
	zip_writer_discard(NULL);
}

static void test_xlsx_two_sheets_read_back(void **state)
{
	(void)state;
	struct xlsx_writer *x = xlsx_writer_new();
	xlsx_sheet_begin(x, "資產清單");
	xlsx_sheet_widths(x, (const double[]){ 18, 40, 0, 12 }, 4);
	xlsx_sheet_freeze_first_row(x);
	xlsx_row_begin(x, XLSX_BOLD);
	xlsx_cell_str(x, "資產類別");
	xlsx_cell_str(x, "資產名稱");
	xlsx_cell_str(x, "數量");
	xlsx_row_begin(x, 0);
	xlsx_cell_str(x, "資通系統資產");
	xlsx_cell_str(x, "Tom & Jerry <1.0> \"q\"\x01 ok");
	xlsx_cell_int(x, 42);
	xlsx_row_begin(x, 0);
	xlsx_cell_empty(x);
	xlsx_cell_str(x, "=HYPERLINK(\"http://x\")");
	xlsx_cell_num(x, 2.5);
	xlsx_sheet_begin(x, "a/b:c");   /* forbidden characters replaced */
	xlsx_cell_str(x, "second sheet");   /* a cell without xlsx_row_begin starts a row */
	struct buf out;
	buf_init(&out, 0);
	char err[200];
	assert_int_equal(xlsx_writer_finish(x, &out, err, sizeof err), ERR_OK);

	struct got g = { .n = 0 };
	assert_int_equal(xlsx_read(out.data, out.len, NULL, on_row, &g, err, sizeof err), 0);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.sheet[0], "資產清單");
	assert_string_equal(g.cells[0][1], "資產名稱");
	assert_string_equal(g.cells[1][1], "Tom & Jerry <1.0> \"q\" ok");
	assert_string_equal(g.cells[1][2], "42");
	assert_int_equal(g.rows[2], 3);
	assert_string_equal(g.cells[2][0], "");
	assert_string_equal(g.cells[2][1], "=HYPERLINK(\"http://x\")");
	assert_string_equal(g.cells[2][2], "2.5");
	struct xlsx_opts o = { .sheet = "a_b_c" };
	struct got g2 = { .n = 0 };
	assert_int_equal(xlsx_read(out.data, out.len, &o, on_row, &g2, err, sizeof err), 0);
	assert_int_equal(g2.n, 1);
	assert_string_equal(g2.cells[0][0], "second sheet");

	/* the sheet XML: widths, the frozen pane, bold cells in the header, text never a formula */
	struct zip_archive *z;
	assert_int_equal(zip_archive_open_mem(out.data, out.len, NULL, &z, err, sizeof err), ERR_OK);
	struct buf m;
	buf_init(&m, 0);
	assert_int_equal(zip_archive_read(z, (size_t)zip_archive_find(z, "xl/worksheets/sheet1.xml"), 1 << 20, &m, err,
					  sizeof err), ERR_OK);
	assert_non_null(strstr(m.data, "<col min=\"2\" max=\"2\" width=\"40.00\" customWidth=\"1\"/>"));
	assert_null(strstr(m.data, "<col min=\"3\""));
	assert_non_null(strstr(m.data, "state=\"frozen\""));
	assert_non_null(strstr(m.data, "<c r=\"A1\" s=\"1\" t=\"inlineStr\">"));
	assert_non_null(strstr(m.data, "<c r=\"C2\"><v>42</v></c>"));
	assert_null(strstr(m.data, "<f>"));
	buf_free(&m);
	assert_true(zip_archive_find(z, "xl/styles.xml") >= 0);
	assert_true(zip_archive_find(z, "[Content_Types].xml") >= 0);
	zip_archive_close(z);
	buf_free(&out);
}

static void test_xlsx_empty_workbook_and_name_clash(void **state)
{
	(void)state;
	char err[200];
	struct buf out;
	buf_init(&out, 0);
	assert_int_equal(xlsx_writer_finish(xlsx_writer_new(), &out, err, sizeof err), ERR_OK);
	struct got g = { .n = 0 };
	assert_int_equal(xlsx_read(out.data, out.len, NULL, on_row, &g, err, sizeof err), 0);
	assert_int_equal(g.n, 0);
	buf_reset(&out);
	struct xlsx_writer *x = xlsx_writer_new();
	xlsx_sheet_begin(x, "Data");
	xlsx_cell_str(x, "one");
	xlsx_sheet_begin(x, "DATA");
	xlsx_cell_str(x, "two");
	assert_int_equal(xlsx_writer_finish(x, &out, err, sizeof err), ERR_OK);
	struct xlsx_opts o = { .sheet = "DATA (2)" };
	assert_int_equal(xlsx_read(out.data, out.len, &o, on_row, &g, err, sizeof err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.cells[0][0], "two");
	buf_free(&out);
	xlsx_writer_free(NULL);
}

static void test_xlsx_many_rows(void **state)
{
	(void)state;
	struct xlsx_writer *x = xlsx_writer_new();
	for (int i = 0; i < 20000; i++) {
		xlsx_row_begin(x, 0);
		xlsx_cell_int(x, i);
		xlsx_cell_str(x, "Microsoft Office LTSC Professional Plus 2021 - zh-tw");
	}
	struct buf out;
	buf_init(&out, 0);
	char err[200];
	assert_int_equal(xlsx_writer_finish(x, &out, err, sizeof err), ERR_OK);
	assert_true(out.len < 400000);   /* deflated */
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zip_writer_round_trip),
		cmocka_unit_test(test_xlsx_two_sheets_read_back),
		cmocka_unit_test(test_xlsx_empty_workbook_and_name_clash),
		cmocka_unit_test(test_xlsx_many_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
