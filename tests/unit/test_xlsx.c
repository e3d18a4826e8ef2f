/* Tests of the XLSX reader: workbooks built here from XML the way Excel writes it (shared
 * and inline strings, numbers, booleans, dates in date formats, gaps), sheet choice,
 * positions in messages, and hostile files: DOCTYPEs, entity tricks, zip bombs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "vans/intake/xlsx.h"

#include "../lib/zipwrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"
#define SST_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"

/* Styles as Excel writes them: xf 0 General, 1 built-in date (14), 2 custom date-time,
 * 3 a number format with two decimals, 4 a time of day, 5 a zh-TW date "[$-404]e/m/d". */
static const char *const styles =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"4\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\\ h:mm\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"0.00_);[Red]\\(0.00\\)\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"[$-F400]h:mm:ss\\ AM/PM\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[$-404]e/m/d;@\"/></numFmts>"
	"<fonts count=\"1\"><font><sz val=\"11\"/></font></fonts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
	"<cellXfs count=\"6\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"/>"
	"<xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" xfId=\"0\"/>"
	"<xf numFmtId=\"166\" xfId=\"0\"/><xf numFmtId=\"167\" xfId=\"0\"/></cellXfs></styleSheet>";

static char *cat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);
	assert_non_null(s);
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc + 1);
	return s;
}

/* A one-sheet workbook ("Assets") whose sheet data is rows and whose shared strings are
 * sst (NULL: none). */
static unsigned char *book(const char *rows, const char *sst, size_t *len)
{
	struct zw z = { 0 };
	const char *names[] = { "Assets" };
	zw_xlsx_frame(&z, names, 1, styles, 0);
	char *sheet = cat3(SHEET_HEAD, rows, SHEET_TAIL);
	zw_add(&z, "xl/worksheets/sheet1.xml", sheet);
	free(sheet);
	if (sst) {
		char *s = cat3(SST_HEAD, sst, "</sst>");
		zw_add(&z, "xl/sharedStrings.xml", s);
		free(s);
	}
	return zw_finish(&z, len);
}

/* Rows collected as "row N: A=text(type) | C=…" lines. */
struct seen {
	char text[8192];
	size_t len;
	size_t rows;
	uint32_t sheet;
	char sheet_name[64];
	int stop_after;
};

static const char *const type_names[] = { "empty", "s", "n", "b", "d", "e" };

static int collect(void *ctx, const struct xlsx_row *row)
{
	struct seen *s = ctx;
	s->rows++;
	s->sheet = row->sheet;
	snprintf(s->sheet_name, sizeof(s->sheet_name), "%s", row->sheet_name);
	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len, "%u:", row->row);
	for (size_t i = 0; i < row->n; i++) {
		char col[4];
		xlsx_col_name((uint32_t)i, col);
		assert_int_equal(strlen(row->cells[i].text), row->cells[i].len);
		if (row->cells[i].type == XLSX_CELL_EMPTY) {
			assert_int_equal(row->cells[i].len, 0);
			continue;
		}
		s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len, " %s=%s(%s)", col,
		                           row->cells[i].text, type_names[row->cells[i].type]);
	}
	s->len += (size_t)snprintf(s->text + s->len, sizeof(s->text) - s->len, "\n");
	if (s->stop_after && (int)s->rows == s->stop_after)
		return 42;
	return 0;
}

static int read_book(const unsigned char *p, size_t len, const struct xlsx_opts *o, struct seen *s,
		     char *err, size_t errlen)
{
	memset(s, 0, sizeof(*s));
	return xlsx_read(p, len, o, collect, s, err, errlen);
}

/* ---- values ---- */

static void test_xlsx_strings_numbers_booleans_errors(void **state)
{
	(void)state;
	const char *sst =
		"<si><t>資產名稱</t></si>"
		"<si><t xml:space=\"preserve\"> Microsoft Access 2016 </t></si>"
		/* rich text runs, and a phonetic guide that is not part of the text */
		"<si><r><rPr><b/></rPr><t>Open</t></r><r><t>SSL</t></r><rPh sb=\"0\" eb=\"1\"><t>オープン</t></rPh>"
		"<phoneticPr fontId=\"1\"/></si>"
		"<si><t>line_x000D_\nbreak and _x005F_x0041_</t></si>";
	const char *rows =
		"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>2</v></c></row>"
		"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\"><v>16</v></c>"
		"<c r=\"C2\"><v>4.4000000000000004</v></c><c r=\"D2\"><v>4044995670156060910</v></c>"
		"<c r=\"E2\"><v>1.5E-5</v></c><c r=\"F2\"><v>0.1</v></c><c r=\"G2\"><v>16.0</v></c>"
		"<c r=\"H2\"><v>-3</v></c><c r=\"I2\"><v>123456789012345678</v></c></row>"
		"<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" t=\"b\"><v>0</v></c>"
		"<c r=\"C3\" t=\"e\"><v>#N/A</v></c><c r=\"D3\" t=\"str\"><f>A1&amp;B1</f><v>x&amp;y</v></c>"
		"<c r=\"E3\" t=\"inlineStr\"><is><t>inline &lt;ok&gt;</t></is></c>"
		"<c r=\"F3\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>runs</t></r></is></c>"
		"<c r=\"G3\" t=\"s\"><v>3</v></c></row>";
	size_t len;
	unsigned char *x = book(rows, sst, &len);
	struct seen s;
	char err[256];
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	assert_int_equal(s.rows, 3);
	assert_int_equal(s.sheet, 1);
	assert_string_equal(s.sheet_name, "Assets");
	assert_string_equal(s.text,
	                    "1: A=資產名稱(s) B=OpenSSL(s)\n"
	                    "2: A= Microsoft Access 2016 (s) B=16(n) C=4.4(n) D=4044995670156060910(n)"
	                    " E=1.5E-05(n) F=0.1(n) G=16(n) H=-3(n) I=123456789012345678(n)\n"
	                    "3: A=TRUE(b) B=FALSE(b) C=#N/A(e) D=x&y(s) E=inline <ok>(s) F=inruns(s)"
	                    " G=line\r\nbreak and _x0041_(s)\n");
	free(x);
}

static void test_xlsx_rows_are_dense_and_keep_their_numbers(void **state)
{
	(void)state;
	/* gaps between cells, a row without cells, cells and rows without r= (as some
	 * writers do), a trailing formatted empty cell */
	const char *rows =
		"<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"D2\"><v>2</v></c><c r=\"F2\" s=\"3\"/></row>"
		"<row r=\"5\" spans=\"1:3\"/>"
		"<row><c><v>7</v></c><c><v>8</v></c><c r=\"AA6\"><v>9</v></c></row>";
	size_t len;
	unsigned char *x = book(rows, NULL, &len);
	struct seen s;
	char err[256];
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text, "2: B=1(n) D=2(n)\n5:\n6: A=7(n) B=8(n) AA=9(n)\n");
	free(x);
}

/* Counts cells of the single row and checks the dense layout directly. */
static int dense_check(void *ctx, const struct xlsx_row *row)
{
	(void)ctx;
	assert_int_equal(row->n, 4);   /* A..D, trailing empties trimmed */
	assert_int_equal(row->cells[0].type, XLSX_CELL_EMPTY);
	assert_string_equal(row->cells[1].text, "1");
	assert_int_equal(row->cells[2].type, XLSX_CELL_EMPTY);
	assert_string_equal(row->cells[2].text, "");
	assert_string_equal(row->cells[3].text, "2");
	return 0;
}

static void test_xlsx_cells_array_is_indexed_by_column(void **state)
{
	(void)state;
	size_t len;
	unsigned char *x = book("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"D1\"><v>2</v></c>"
	                        "<c r=\"E1\" t=\"inlineStr\"><is><t></t></is></c></row>", NULL, &len);
	char err[256];
	assert_int_equal(xlsx_read(x, len, NULL, dense_check, NULL, err, sizeof(err)), 0);
	free(x);
}

/* ---- dates ---- */

static void test_xlsx_dates_in_date_formats_become_iso(void **state)
{
	(void)state;
	const char *rows =
		"<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45292</v></c><c r=\"B1\" s=\"2\"><v>45292.5729166667</v></c>"
		"<c r=\"C1\" s=\"3\"><v>45292</v></c><c r=\"D1\" s=\"4\"><v>0.75</v></c>"
		"<c r=\"E1\" s=\"5\"><v>45351</v></c><c r=\"F1\" s=\"1\"><v>60</v></c>"
		"<c r=\"G1\" s=\"1\"><v>61</v></c><c r=\"H1\" s=\"1\"><v>1</v></c>"
		"<c r=\"I1\" t=\"d\"><v>2024-03-01T00:00:00</v></c><c r=\"J1\" s=\"1\"><v>-5</v></c></row>";
	size_t len;
	unsigned char *x = book(rows, NULL, &len);
	struct seen s;
	char err[256];
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	/* C1 is a number format, not a date; J1 cannot be a date and stays a number */
	assert_string_equal(s.text,
	                    "1: A=2024-01-01(d) B=2024-01-01 13:45:00(d) C=45292(n) D=18:00:00(d)"
	                    " E=2024-02-29(d) F=1900-02-29(d) G=1900-03-01(d) H=1900-01-01(d)"
	                    " I=2024-03-01(d) J=-5(n)\n");
	/* asked to, dates stay serial numbers */
	struct xlsx_opts o = { .dates_as_serial = true };
	assert_int_equal(read_book(x, len, &o, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text,
	                    "1: A=45292(n) B=45292.5729166667(n) C=45292(n) D=0.75(n) E=45351(n)"
	                    " F=60(n) G=61(n) H=1(n) I=2024-03-01(d) J=-5(n)\n");
	free(x);
}

static void test_xlsx_1904_workbooks_count_from_1904(void **state)
{
	(void)state;
	struct zw z = { 0 };
	const char *names[] = { "Mac" };
	zw_xlsx_frame(&z, names, 1, styles, 1);
	zw_add(&z, "xl/worksheets/sheet1.xml",
	       SHEET_HEAD "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43830</v></c></row>" SHEET_TAIL);
	size_t len;
	unsigned char *x = zw_finish(&z, &len);
	struct seen s;
	char err[256];
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text, "1: A=1904-01-01(d) B=2024-01-01(d)\n");
	free(x);
}

static void test_xlsx_serial_and_format_helpers(void **state)
{
	(void)state;
	char buf[32];
	assert_int_equal(xlsx_serial_to_iso(45292, false, true, false, buf, sizeof(buf)), 10);
	assert_string_equal(buf, "2024-01-01");
	assert_true(xlsx_serial_to_iso(2958465, false, true, false, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "9999-12-31");
	assert_int_equal(xlsx_serial_to_iso(2958466, false, true, false, buf, sizeof(buf)), -1);
	assert_int_equal(xlsx_serial_to_iso(0, false, true, false, buf, sizeof(buf)), -1);
	assert_true(xlsx_serial_to_iso(0.999999999, false, false, true, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "00:00:00");   /* rounds to the next midnight */
	bool d, t;
	assert_true(xlsx_format_is_date("yyyy/m/d", &d, &t) && d && !t);
	assert_true(xlsx_format_is_date("h:mm", &d, &t) && !d && t);
	assert_true(xlsx_format_is_date("[h]:mm:ss", &d, &t) && t);
	assert_true(xlsx_format_is_date("mm:ss.0", &d, &t) && t && !d);
	assert_true(xlsx_format_is_date("[$-404]e\"年\"m\"月\"d\"日\"", &d, &t) && d);
	assert_true(xlsx_format_is_date("mmm-yy", &d, &t) && d);
	assert_false(xlsx_format_is_date("General", &d, &t));
	assert_false(xlsx_format_is_date("0.00E+00", &d, &t));
	assert_false(xlsx_format_is_date("#,##0.00_);[Red]\\(#,##0.00\\)", &d, &t));
	assert_false(xlsx_format_is_date("\"day \"0", &d, &t));
	assert_false(xlsx_format_is_date("@", &d, &t));
	assert_false(xlsx_format_is_date("0%;[Blue]\\-0%", &d, &t));
}

static void test_xlsx_column_names(void **state)
{
	(void)state;
	char c[4];
	const struct {
		uint32_t col;
		const char *name;
	} cases[] = { { 0, "A" }, { 25, "Z" }, { 26, "AA" }, { 51, "AZ" }, { 701, "ZZ" },
	              { 702, "AAA" }, { 16383, "XFD" } };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		xlsx_col_name(cases[i].col, c);
		assert_string_equal(c, cases[i].name);
	}
}

/* ---- sheets ---- */

static unsigned char *three_sheets(size_t *len, bool first_hidden)
{
	struct zw z = { 0 };
	zw_add(&z, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
	zw_add(&z, "_rels/.rels",
	       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/xl/workbook.xml\"/>"
	       "</Relationships>");
	char wb[2048];
	snprintf(wb, sizeof(wb),
	         "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
	         "<sheet name=\"清單選項\" sheetId=\"1\" %s r:id=\"rId1\"/>"
	         "<sheet name=\"Chart\" sheetId=\"2\" r:id=\"rId2\"/>"
	         "<sheet name=\"資產清冊\" sheetId=\"3\" r:id=\"rId3\"/></sheets></workbook>",
	         first_hidden ? "state=\"hidden\"" : "");
	zw_add(&z, "xl/workbook.xml", wb);
	zw_add(&z, "xl/_rels/workbook.xml.rels",
	       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	       "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/lists.xml\"/>"
	       "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
	       "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"./worksheets/../worksheets/main.xml\"/>"
	       "</Relationships>");
	zw_add(&z, "xl/worksheets/lists.xml",
	       SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>lists</t></is></c></row>" SHEET_TAIL);
	zw_add(&z, "xl/chartsheets/sheet1.xml", "<chartsheet/>");
	zw_add(&z, "xl/worksheets/main.xml",
	       SHEET_HEAD "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>main</t></is></c></row>" SHEET_TAIL);
	return zw_finish(&z, len);
}

static void test_xlsx_first_visible_worksheet_or_a_named_one(void **state)
{
	(void)state;
	size_t len;
	unsigned char *x = three_sheets(&len, true);
	struct seen s;
	char err[256];
	/* the hidden lists sheet and the chart sheet are passed over */
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text, "1: A=main(s)\n");
	assert_int_equal(s.sheet, 3);
	assert_string_equal(s.sheet_name, "資產清冊");
	/* by name, hidden or not */
	struct xlsx_opts o = { .sheet = "清單選項" };
	assert_int_equal(read_book(x, len, &o, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text, "1: A=lists(s)\n");
	assert_int_equal(s.sheet, 1);
	o.sheet = "chart";
	assert_int_equal(read_book(x, len, &o, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "sheet \"chart\" is not a worksheet");
	o.sheet = "Nope";
	assert_int_equal(read_book(x, len, &o, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "the workbook has no sheet named \"Nope\"");
	free(x);
	/* when the first is visible, it is the one */
	x = three_sheets(&len, false);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text, "1: A=lists(s)\n");
	free(x);
}

struct names {
	char list[256];
};

static int on_sheet(void *ctx, const char *name, uint32_t pos, bool worksheet, bool visible)
{
	struct names *n = ctx;
	size_t l = strlen(n->list);
	snprintf(n->list + l, sizeof(n->list) - l, "%u:%s:%s:%s ", pos, name, worksheet ? "ws" : "other",
	         visible ? "visible" : "hidden");
	return 0;
}

static void test_xlsx_lists_sheets(void **state)
{
	(void)state;
	size_t len;
	unsigned char *x = three_sheets(&len, true);
	struct names n = { "" };
	char err[256];
	assert_int_equal(xlsx_sheets(x, len, NULL, on_sheet, &n, err, sizeof(err)), 0);
	assert_string_equal(n.list, "1:清單選項:ws:hidden 2:Chart:other:visible 3:資產清冊:ws:visible ");
	free(x);
}

static void test_xlsx_strict_ooxml_reads_like_transitional(void **state)
{
	(void)state;
	struct zw z = { 0 };
	zw_add(&z, "_rels/.rels",
	       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	       "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	       "</Relationships>");
	zw_add(&z, "xl/workbook.xml",
	       "<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\" "
	       "xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
	       "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
	zw_add(&z, "xl/_rels/workbook.xml.rels",
	       "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	       "<Relationship Id=\"rId1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	       "</Relationships>");
	zw_add(&z, "xl/worksheets/sheet1.xml",
	       "<worksheet xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"><sheetData>"
	       "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>strict</t></is></c></row></sheetData></worksheet>");
	size_t len;
	unsigned char *x = zw_finish(&z, &len);
	struct seen s;
	char err[256];
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), 0);
	assert_string_equal(s.text, "1: A=strict(s)\n");
	free(x);
}

/* ---- errors with positions ---- */

static void test_xlsx_errors_name_sheet_row_and_column(void **state)
{
	(void)state;
	size_t len;
	char err[256];
	struct seen s;
	unsigned char *x = book("<row r=\"12\"><c r=\"A12\" t=\"s\"><v>0</v></c><c r=\"F12\" t=\"s\"><v>9</v></c></row>",
	                        "<si><t>ok</t></si>", &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "sheet 1 (Assets), row 12, column F: shared string 9 does not exist");
	free(x);
	x = book("<row r=\"3\"><c r=\"B3\"><v>12abc</v></c></row>", NULL, &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "sheet 1 (Assets), row 3, column B: \"12abc\" is not a number");
	free(x);
	x = book("<row r=\"3\"><c r=\"C3\"><v>1</v></c><c r=\"B3\"><v>2</v></c></row>", NULL, &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "sheet 1 (Assets), row 3, column B: cells out of order");
	free(x);
	x = book("<row r=\"3\"/><row r=\"2\"/>", NULL, &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "sheet 1 (Assets), row 2: rows out of order");
	free(x);
	/* malformed XML says the part and the line */
	x = book("<row r=\"1\"><c r=\"A1\"><v>1</v></row>", NULL, &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "sheet 1 (Assets): xl/worksheets/sheet1.xml: line 2: "));
	free(x);
}

static void test_xlsx_refuses_what_is_not_a_workbook(void **state)
{
	(void)state;
	char err[256];
	struct seen s;
	assert_int_equal(read_book((const unsigned char *)"a,b\n1,2\n", 8, NULL, &s, err, sizeof(err)),
	                 ERR_INVALID);
	assert_string_equal(err, "not an XLSX workbook: not a zip archive");
	struct zw z = { 0 };
	zw_add(&z, "word/document.xml", "<w:document/>");
	size_t len;
	unsigned char *x = zw_finish(&z, &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_string_equal(err, "not an XLSX workbook: xl/workbook.xml is missing");
	free(x);
	/* truncated: the central directory is gone */
	x = book("<row r=\"1\"/>", NULL, &len);
	assert_int_equal(read_book(x, len / 2, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "not an XLSX workbook: not a readable zip archive"));
	free(x);
}

static void test_xlsx_callback_value_stops_the_reader(void **state)
{
	(void)state;
	size_t len;
	unsigned char *x = book("<row r=\"1\"/><row r=\"2\"/><row r=\"3\"/>", NULL, &len);
	struct seen s;
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	char err[256];
	assert_int_equal(xlsx_read(x, len, NULL, collect, &s, err, sizeof(err)), 42);
	assert_int_equal(s.rows, 2);
	assert_string_equal(err, "sheet 1 (Assets), row 2: stopped by the caller");
	free(x);
}

/* ---- hostile input ---- */

static void test_xlsx_refuses_doctype_and_entities(void **state)
{
	(void)state;
	const char *laughs =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
		"<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
		"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol3;</t></si></sst>";
	const char *xxe =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
		"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData></worksheet>";
	char err[256];
	struct seen s;
	for (int k = 0; k < 2; k++) {
		struct zw z = { 0 };
		const char *names[] = { "Assets" };
		zw_xlsx_frame(&z, names, 1, NULL, 0);
		if (k == 0) {
			zw_add(&z, "xl/sharedStrings.xml", laughs);
			zw_add(&z, "xl/worksheets/sheet1.xml", SHEET_HEAD SHEET_TAIL);
		} else {
			zw_add(&z, "xl/worksheets/sheet1.xml", xxe);
		}
		size_t len;
		unsigned char *x = zw_finish(&z, &len);
		assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
		assert_non_null(strstr(err, "line 2: a DOCTYPE is not allowed"));
		assert_null(strstr(s.text, "root:"));
		assert_int_equal(s.rows, 0);
		free(x);
	}
	/* an entity without a DOCTYPE is not well-formed */
	size_t len;
	unsigned char *x = book("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row>", NULL, &len);
	assert_int_equal(read_book(x, len, NULL, &s, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "Entity 'x' not defined"));
	free(x);
}

static void test_xlsx_caps_stop_zip_bombs(void **state)
{
	(void)state;
	/* a 16 MB sheet of one repeated row deflates to a few KB */
	const char *row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>";
	size_t rl = strlen(row), n = (16u << 20) / rl;
	char *big = malloc(strlen(SHEET_HEAD) + n * rl + strlen(SHEET_TAIL) + 1);
	assert_non_null(big);
	size_t o = 0;
	memcpy(big, SHEET_HEAD, strlen(SHEET_HEAD));
	o += strlen(SHEET_HEAD);
	for (size_t i = 0; i < n; i++, o += rl)
		memcpy(big + o, row, rl);
	memcpy(big + o, SHEET_TAIL, strlen(SHEET_TAIL) + 1);
	o += strlen(SHEET_TAIL);
	char err[256];
	struct seen s;
	struct xlsx_limits lim = { .max_part = 1u << 20 };
	struct xlsx_opts opts = { .limits = &lim };
	for (int lie = 0; lie < 2; lie++) {
		struct zw z = { 0 };
		const char *names[] = { "Bomb" };
		zw_xlsx_frame(&z, names, 1, NULL, 0);
		/* honest: refused from the declared size; lying (declares 100 bytes): stopped while
		 * inflating */
		zw_add_ex(&z, "xl/worksheets/sheet1.xml", big, o, 1, lie ? 100 : 0);
		size_t len;
		unsigned char *x = zw_finish(&z, &len);
		assert_true(len < 200 * 1024);
		memset(&s, 0, sizeof(s));
		int rc = xlsx_read(x, len, &opts, NULL, NULL, err, sizeof(err));
		/* libzip may itself refuse a member whose size disagrees with its header */
		assert_true(rc == ERR_TOO_LARGE || (lie && rc == ERR_INVALID));
		if (!lie)
			assert_non_null(strstr(err, "more than 1048576"));
		free(x);
	}
	free(big);
	/* too many entries */
	struct zw z = { 0 };
	const char *names[] = { "S" };
	zw_xlsx_frame(&z, names, 1, NULL, 0);
	for (int i = 0; i < 20; i++) {
		char nm[32];
		snprintf(nm, sizeof(nm), "xl/media/x%d.bin", i);
		zw_add(&z, nm, "x");
	}
	size_t len;
	unsigned char *x = zw_finish(&z, &len);
	struct xlsx_limits few = { .max_entries = 10 };
	opts.limits = &few;
	assert_int_equal(xlsx_read(x, len, &opts, NULL, NULL, err, sizeof(err)), ERR_TOO_LARGE);
	assert_non_null(strstr(err, "entries, more than 10"));
	free(x);
}

static void test_xlsx_caps_shared_strings_and_cells(void **state)
{
	(void)state;
	size_t len;
	char err[256];
	unsigned char *x = book("<row r=\"1\"/>", "<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si>", &len);
	struct xlsx_limits lim = { .max_shared = 2 };
	struct xlsx_opts o = { .limits = &lim };
	assert_int_equal(xlsx_read(x, len, &o, NULL, NULL, err, sizeof(err)), ERR_TOO_LARGE);
	assert_non_null(strstr(err, "more than 2 shared strings"));
	free(x);
	x = book("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>0123456789abcdef</t></is></c></row>", NULL, &len);
	struct xlsx_limits cell = { .max_cell = 8 };
	o.limits = &cell;
	assert_int_equal(xlsx_read(x, len, &o, NULL, NULL, err, sizeof(err)), ERR_TOO_LARGE);
	assert_string_equal(err, "sheet 1 (Assets), row 1, column A: a cell longer than the cap");
	free(x);
	x = book("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", NULL, &len);
	assert_int_equal(xlsx_read(x, len, NULL, NULL, NULL, err, sizeof(err)), ERR_TOO_LARGE);
	assert_string_equal(err, "sheet 1 (Assets), row 1, column XFE: beyond the last column");
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xlsx_strings_numbers_booleans_errors),
		cmocka_unit_test(test_xlsx_rows_are_dense_and_keep_their_numbers),
		cmocka_unit_test(test_xlsx_cells_array_is_indexed_by_column),
		cmocka_unit_test(test_xlsx_dates_in_date_formats_become_iso),
		cmocka_unit_test(test_xlsx_1904_workbooks_count_from_1904),
		cmocka_unit_test(test_xlsx_serial_and_format_helpers),
		cmocka_unit_test(test_xlsx_column_names),
		cmocka_unit_test(test_xlsx_first_visible_worksheet_or_a_named_one),
		cmocka_unit_test(test_xlsx_lists_sheets),
		cmocka_unit_test(test_xlsx_strict_ooxml_reads_like_transitional),
		cmocka_unit_test(test_xlsx_errors_name_sheet_row_and_column),
		cmocka_unit_test(test_xlsx_refuses_what_is_not_a_workbook),
		cmocka_unit_test(test_xlsx_callback_value_stops_the_reader),
		cmocka_unit_test(test_xlsx_refuses_doctype_and_entities),
		cmocka_unit_test(test_xlsx_caps_stop_zip_bombs),
		cmocka_unit_test(test_xlsx_caps_shared_strings_and_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
