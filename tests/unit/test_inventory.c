/* Tests of the inventory template: zh-TW and English headers matched however they are
 * written, each field checked (category, quantity, CPE, KB IDs, lengths, control
 * characters), errors that say row, column and reason, all-or-nothing and keep-valid, the
 * same file as CSV and as XLSX. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/err.h"
#include "vans/intake/intake.h"

#include "../lib/zipwrite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV(lit) lit, sizeof(lit) - 1

static const char *issue_text(const struct asset_batch *b)
{
	static char all[8192];
	size_t o = 0;
	all[0] = '\0';
	for (size_t i = 0; i < b->n_issues; i++)
		o += (size_t)snprintf(all + o, sizeof(all) - o, "%s %s: %s\n",
		                      b->issues[i].severity == ASSET_SEV_ERROR ? "E" : "W",
		                      asset_issue_code_str(b->issues[i].code), b->issues[i].message);
	return all;
}

/* ---- a clean file ---- */

static const char clean_zh[] =
	"資產類別,資產群組代碼,資產識別碼,資產名稱,廠牌,版本,CPE,CPE 名稱,數量,已安裝KBID列表,負責人,部門,備註\n"
	"資通系統資產,finance01,4044995670156060910,Microsoft Access 2016,Microsoft Corporation,16.0.4266.1001,"
	"cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*,Microsoft Access 2016,1,,王小明,資訊室,\n"
	"使用者電腦資產,,PC-0012,Windows 11,Microsoft,23H2,cpe:/o:microsoft:windows_11:23h2,N/A,25,"
	"\"KB5034441, kb5034123 KB5034441\",,,\"多行\n備註\"\n"
	",,,,,,,,,,,,\n"
	"網通設備,,,FortiGate 60F,Fortinet,7.2.5,N/A,,3,,,,\n"
	"ICS,,,SIMATIC S7-1500,Siemens,2.9,,,,,,,\n";

static void test_inventory_reads_the_zh_tw_template(void **state)
{
	(void)state;
	struct asset_batch b;
	assert_int_equal(intake_read_csv(CSV(clean_zh), NULL, &b), ERR_OK);
	assert_string_equal(issue_text(&b), "");
	assert_int_equal(b.n_rows, 4);
	assert_int_equal(b.rows_read, 4);
	assert_int_equal(b.rows_blank, 1);
	const struct asset_row *r = &b.rows[0];
	assert_int_equal(r->category, ASSET_CATEGORY_SYSTEM);
	assert_string_equal(r->group_code, "finance01");
	assert_string_equal(r->identifier, "4044995670156060910");
	assert_string_equal(r->name, "Microsoft Access 2016");
	assert_string_equal(r->vendor, "Microsoft Corporation");
	assert_string_equal(r->version, "16.0.4266.1001");
	assert_string_equal(r->cpe, "cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*");
	assert_false(r->cpe_from_uri);
	assert_string_equal(r->cpe_title, "Microsoft Access 2016");
	assert_int_equal(r->quantity, 1);
	assert_int_equal(r->n_kb, 0);
	assert_string_equal(r->owner, "王小明");
	assert_string_equal(r->department, "資訊室");
	assert_int_equal(r->src.line, 2);
	assert_int_equal(r->src.col[ASSET_FIELD_NAME], 4);
	r = &b.rows[1];
	assert_int_equal(r->category, ASSET_CATEGORY_ENDPOINT);
	assert_string_equal(r->group_code, "DEFAULT");
	/* a 2.2 URI becomes the 2.3 name; "N/A" is no title */
	assert_string_equal(r->cpe, "cpe:2.3:o:microsoft:windows_11:23h2:*:*:*:*:*:*:*");
	assert_true(r->cpe_from_uri);
	assert_string_equal(r->cpe_title, "");
	assert_int_equal(r->quantity, 25);
	assert_int_equal(r->n_kb, 2);
	assert_string_equal(r->kb_ids[0], "KB5034441");
	assert_string_equal(r->kb_ids[1], "KB5034123");
	assert_string_equal(r->note, "多行\n備註");
	r = &b.rows[2];
	assert_int_equal(r->category, ASSET_CATEGORY_NETWORK);
	assert_string_equal(r->cpe, "");
	assert_int_equal(r->quantity, 3);
	/* the note's line break makes the Windows row lines 3-4; the blank line 5 is
	 * skipped; lines stay the file's */
	assert_int_equal(r->src.line, 6);
	assert_int_equal(b.rows[3].category, ASSET_CATEGORY_ICS);
	assert_int_equal(b.n_cpe, 2);
	assert_int_equal(b.n_cpe_uri, 1);
	asset_batch_free(&b);
}

/* ---- headers ---- */

static void test_inventory_headers_match_however_written(void **state)
{
	(void)state;
	static const char *const files[] = {
		"Category,Asset name,Vendor,Version\nServer,nginx,F5,1.25.3\n",
		"CATEGORY , ASSET  NAME,vendor,VERSION\nservers,nginx,F5,1.25.3\n",
		/* full-width letters and an ideographic space */
		"ＣＡＴＥＧＯＲＹ,Ａｓｓｅｔ　ｎａｍｅ,廠牌,版本\n資通系統資產,nginx,F5,1.25.3\n",
		"asset_category,asset_name,brand,product_version\n資通系統,nginx,F5,1.25.3\n",
		"資產類別(必填),資產名稱（必填）,廠牌 [Vendor],版本 Version\nsystem,nginx,F5,1.25.3\n",
		"\"資產類別\nCategory\",\"資產名稱\nAsset name\",Vendor (廠牌),版本\n資通系統資產,nginx,F5,1.25.3\n",
		/* a title row and an empty row before the header */
		"資產清冊 2024 年第 1 季,,,\n,,,\n類別,名稱,廠商,版本號\n資通系統資產,nginx,F5,1.25.3\n",
		/* the v1 API's field names */
		"category,product_name,product_vendor,product_version\nsystem,nginx,F5,1.25.3\n",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct asset_batch b;
		enum err e = intake_read_csv(files[i], strlen(files[i]), NULL, &b);
		if (e != ERR_OK)
			print_message("file %zu: %s\n", i, issue_text(&b));
		assert_int_equal(e, ERR_OK);
		assert_int_equal(b.n_rows, 1);
		assert_int_equal(b.rows[0].category, ASSET_CATEGORY_SYSTEM);
		assert_string_equal(b.rows[0].name, "nginx");
		assert_string_equal(b.rows[0].vendor, "F5");
		assert_string_equal(b.rows[0].version, "1.25.3");
		asset_batch_free(&b);
	}
}

static void test_inventory_header_problems(void **state)
{
	(void)state;
	struct asset_batch b;
	/* no category column: nothing is read */
	assert_int_equal(intake_read_csv(CSV("資產名稱,版本\nnginx,1\n"), NULL, &b), ERR_INVALID);
	assert_string_equal(issue_text(&b),
	                    "E missing_column: line 1: the header has no category column (資產類別 / Category)\n");
	assert_int_equal(b.n_rows, 0);
	asset_batch_free(&b);
	/* two columns for one field */
	assert_int_equal(intake_read_csv(CSV("類別,資產名稱,Asset name\nsystem,a,b\n"), NULL, &b), ERR_INVALID);
	assert_string_equal(issue_text(&b),
	                    "E duplicate_column: line 1, column 3 (Asset name): a second column for name "
	                    "(column 2 is the first)\n");
	asset_batch_free(&b);
	/* an unknown column is a warning; values under no header too, once */
	assert_int_equal(intake_read_csv(CSV("類別,名稱,IP 位址\nsystem,a,10.0.0.1,extra\nsystem,b,,more\n"), NULL, &b),
	                 ERR_OK);
	assert_string_equal(issue_text(&b),
	                    "W unknown_column: line 1, column 3 (IP 位址): not a column of the template; its values are ignored\n"
	                    "W extra_values: line 2, column 4: values under no header are ignored (here and below)\n");
	assert_int_equal(b.n_rows, 2);
	asset_batch_free(&b);
	/* no header at all */
	assert_int_equal(intake_read_csv(CSV("a,b,c\n1,2,3\n"), NULL, &b), ERR_INVALID);
	assert_int_equal(b.n_issues, 1);
	assert_int_equal(b.issues[0].code, ASSET_ISSUE_NO_HEADER);
	assert_non_null(strstr(b.issues[0].message, "no header row in the first 20 rows"));
	asset_batch_free(&b);
	/* a header and nothing else */
	assert_int_equal(intake_read_csv(CSV("類別,名稱\n,\n"), NULL, &b), ERR_INVALID);
	assert_string_equal(issue_text(&b), "E no_rows: the header is there but not one asset follows it\n");
	asset_batch_free(&b);
	/* not CSV at all */
	assert_int_equal(intake_read_csv(CSV("類別,名稱\n\"x\n"), NULL, &b), ERR_INVALID);
	assert_string_equal(issue_text(&b),
	                    "E unreadable: line 2, field 1: a quoted field begins here and never ends\n");
	asset_batch_free(&b);
}

/* ---- field errors ---- */

static const char bad_rows[] =
	"資產類別,資產名稱,版本,CPE,數量,已安裝KBID列表,資產群組代碼\n"
	"資通系統資產,ok one,1,,1,,\n"
	"伺服器,bad quantity,1,,0,,\n"
	"system,bad quantity 2,1,,abc,,\n"
	"system,bad cpe,1,cpe:2.3:a:vendor,1,,\n"
	"printer,bad category,1,,,,\n"
	"system,bad kb,1,,,\"KB5034441, KB12\",\n"
	",no category,,,,,\n"
	"system,,1.0,,,,\n"
	"system,\"line\nbreak\",1,,,,\n"
	"system,bad group,1,,,,a b\n"
	"system,ok two,2,cpe:2.3:a:nginx:nginx:1.25.3:*:*:*:*:*:*:*,１２,KB5034441,\n"
	"system,cpe without product,1,cpe:2.3:a:vendor:*:1:*:*:*:*:*:*:*,,,\n";

static const char bad_issues[] =
	"E quantity: line 3, column 5 (數量): the quantity is a whole number from 1 to 1,000,000\n"
	"E quantity: line 4, column 5 (數量): the quantity is a whole number from 1 to 1,000,000\n"
	"E cpe: line 5, column 4 (CPE): not a CPE 2.3 name or 2.2 URI: "
	"name ends after 2 of 11 attributes at position 17 (product missing)\n"
	"E category: line 6, column 1 (資產類別): not one of the four categories (資通系統資產, "
	"使用者電腦資產, 網通設備資產, 工業控制系統資產)\n"
	"E kb: line 7, column 6 (已安裝KBID列表): \"KB12\" is not a KB ID like KB5034441 (at most 1,024 per asset)\n"
	"E required: line 8, column 1 (資產類別): the category is required (資通系統資產, 使用者電腦資產, "
	"網通設備資產 or 工業控制系統資產)\n"
	"E required: line 9, column 2 (資產名稱): the asset name is required\n"
	"E control_char: line 10, column 2 (資產名稱): line breaks and other control characters are not allowed\n"
	"E group_code: line 12, column 7 (資產群組代碼): a group code has no spaces or control characters\n"
	"E cpe: line 14, column 4 (CPE): not a CPE 2.3 name or 2.2 URI: the CPE names no vendor or no product\n";

static void test_inventory_all_or_nothing_lists_every_error(void **state)
{
	(void)state;
	struct asset_batch b;
	assert_int_equal(intake_read_csv(CSV(bad_rows), NULL, &b), ERR_INVALID);
	const char *got = issue_text(&b);
	assert_string_equal(got, bad_issues);
	assert_int_equal(b.n_rows, 0);
	assert_true(b.all_or_nothing_dropped);
	assert_int_equal(b.n_errors, 10);
	assert_int_equal(b.rows_read, 12);
	assert_int_equal(b.rows_rejected, 10);
	/* each issue points at its row, field and value */
	const struct asset_issue *is = &b.issues[0];
	assert_int_equal(is->line, 3);
	assert_int_equal(is->col, 5);
	assert_int_equal(is->field, ASSET_FIELD_QUANTITY);
	assert_string_equal(is->column, "數量");
	assert_string_equal(is->value, "0");
	asset_batch_free(&b);
}

static void test_inventory_keep_valid_keeps_the_good_rows(void **state)
{
	(void)state;
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID };
	assert_int_equal(intake_read_csv(CSV(bad_rows), &o, &b), ERR_OK);
	assert_string_equal(issue_text(&b), bad_issues);
	assert_int_equal(b.n_rows, 2);
	assert_string_equal(b.rows[0].name, "ok one");
	assert_string_equal(b.rows[1].name, "ok two");
	assert_int_equal(b.rows[1].quantity, 12);   /* full-width digits */
	assert_int_equal(b.rows[1].src.line, 13);
	assert_int_equal(b.rows[1].n_kb, 1);
	assert_int_equal(b.rows_rejected, 10);
	assert_false(b.all_or_nothing_dropped);
	asset_batch_free(&b);
}

static void test_inventory_caps_rows_and_issues(void **state)
{
	(void)state;
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID, .max_rows = 2 };
	assert_int_equal(intake_read_csv(CSV("類別,名稱\nsystem,a\nsystem,b\nsystem,c\nsystem,d\n"), &o, &b), ERR_TOO_LARGE);
	assert_string_equal(issue_text(&b), "E too_many_rows: line 4: more than 2 assets; the rest is not read\n");
	assert_int_equal(b.n_rows, 0);
	asset_batch_free(&b);
	struct intake_opts few = { .mode = INTAKE_KEEP_VALID, .max_issues = 2 };
	assert_int_equal(intake_read_csv(CSV("類別,名稱\nx,a\nx,b\nx,c\nsystem,d\n"), &few, &b), ERR_OK);
	assert_int_equal(b.n_issues, 2);
	assert_int_equal(b.issues_dropped, 1);
	assert_int_equal(b.n_errors, 3);
	assert_int_equal(b.n_rows, 1);
	asset_batch_free(&b);
}

static void test_inventory_lengths_and_purl_names(void **state)
{
	(void)state;
	char file[1024];
	char longname[300];
	memset(longname, 'x', 257);
	longname[257] = '\0';
	snprintf(file, sizeof(file), "類別,名稱,版本\nsystem,%s,1\nsystem,pkg:npm/lodash@4.17.20,\n"
	         "system,pkg:not a purl,\n", longname);
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID };
	assert_int_equal(intake_read_csv(file, strlen(file), &o, &b), ERR_OK);
	assert_int_equal(b.n_errors, 1);
	assert_int_equal(b.issues[0].code, ASSET_ISSUE_TOO_LONG);
	assert_non_null(strstr(b.issues[0].message, "line 2, column 2 (名稱): longer than 256 bytes"));
	assert_int_equal(b.n_rows, 2);
	/* a tool's package URL in the name: kept as the name, read as a purl */
	const struct asset_row *r = &b.rows[0];
	assert_string_equal(r->name, "pkg:npm/lodash@4.17.20");
	assert_string_equal(r->purl, "pkg:npm/lodash@4.17.20");
	assert_string_equal(r->version, "4.17.20");
	assert_string_equal(r->guess.vendor, "lodash");
	assert_string_equal(r->guess.cpe, "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*");
	assert_int_equal(r->guess.confidence, 40);
	/* a name that only looks like one stays a name */
	assert_string_equal(b.rows[1].name, "pkg:not a purl");
	assert_string_equal(b.rows[1].purl, "");
	asset_batch_free(&b);
	/* in the purl column, a bad one is an error */
	assert_int_equal(intake_read_csv(CSV("類別,名稱,Package URL\nsystem,x,pkg:maven/io@1\n"), NULL, &b),
	                 ERR_INVALID);
	assert_string_equal(issue_text(&b),
	                    "E purl: line 2, column 3 (Package URL): not a package URL: a Maven package URL "
	                    "needs a namespace (the group ID)\n");
	asset_batch_free(&b);
}

/* ---- the same as XLSX ---- */

static void test_inventory_reads_xlsx_with_positions(void **state)
{
	(void)state;
	struct zw z = { 0 };
	const char *names[] = { "資產清冊" };
	zw_xlsx_frame(&z, names, 1, NULL, 0);
	zw_add(&z, "xl/sharedStrings.xml",
	       "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	       "<si><t>資產類別</t></si><si><t>資產名稱</t></si><si><t>版本</t></si><si><t>數量</t></si>"
	       "<si><t>資通系統資產</t></si><si><t>Microsoft Access 2016</t></si><si><t>16.0.4266.1001</t></si>"
	       "<si><t>已安裝KBID列表</t></si><si><t>KB5034441、KB5034442</t></si></sst>");
	zw_add(&z, "xl/worksheets/sheet1.xml",
	       "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	       "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	       "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>7</v></c></row>"
	       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>5</v></c>"
	       "<c r=\"C2\" t=\"s\"><v>6</v></c><c r=\"D2\"><v>2</v></c><c r=\"E2\" t=\"s\"><v>8</v></c></row>"
	       "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>Visio</t></is></c>"
	       "<c r=\"C5\"><v>16</v></c><c r=\"D5\"><v>2.5</v></c></row>"
	       "</sheetData></worksheet>");
	size_t len;
	unsigned char *x = zw_finish(&z, &len);
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID };
	assert_int_equal(intake_read_xlsx(x, len, &o, &b), ERR_OK);
	assert_string_equal(issue_text(&b),
	                    "E quantity: sheet 1 (資產清冊), row 5, column D (數量): the quantity is a whole "
	                    "number from 1 to 1,000,000\n");
	assert_int_equal(b.n_rows, 1);
	assert_int_equal(b.sheet, 1);
	assert_string_equal(b.sheet_name, "資產清冊");
	const struct asset_row *r = &b.rows[0];
	assert_string_equal(r->name, "Microsoft Access 2016");
	assert_string_equal(r->version, "16.0.4266.1001");
	assert_int_equal(r->quantity, 2);
	assert_int_equal(r->n_kb, 2);
	assert_string_equal(r->kb_ids[1], "KB5034442");
	assert_int_equal(r->src.line, 2);
	assert_int_equal(r->src.col[ASSET_FIELD_QUANTITY], 4);
	asset_batch_free(&b);
	/* a workbook that does not open says why, as an issue */
	assert_int_equal(intake_read_xlsx(x, len / 3, &o, &b), ERR_INVALID);
	assert_int_equal(b.issues[0].code, ASSET_ISSUE_UNREADABLE);
	assert_non_null(strstr(b.issues[0].message, "not an XLSX workbook"));
	asset_batch_free(&b);
	free(x);
}

/* ---- helpers ---- */

static void test_inventory_kb_ids(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	const char **ids, *bad;
	size_t bad_len;
	const char *in = "KB5034441, kb5034442；ＫＢ５０３４４４３ 5034444 KB5034441|KB5034445、KB5034446\n";
	assert_int_equal(intake_parse_kb_ids(in, strlen(in), &a, &ids, &bad, &bad_len), 6);
	assert_string_equal(ids[0], "KB5034441");
	assert_string_equal(ids[2], "KB5034443");
	assert_string_equal(ids[3], "KB5034444");
	assert_string_equal(ids[5], "KB5034446");
	assert_int_equal(intake_parse_kb_ids("KB1234567,KB12", 14, &a, &ids, &bad, &bad_len), -1);
	assert_int_equal(bad_len, 4);
	assert_memory_equal(bad, "KB12", 4);
	assert_int_equal(intake_parse_kb_ids("KBabcd", 6, &a, &ids, &bad, &bad_len), -1);
	assert_int_equal(intake_parse_kb_ids("KB5034.441", 10, &a, &ids, &bad, &bad_len), -1);
	assert_int_equal(intake_parse_kb_ids("  ", 2, &a, &ids, &bad, &bad_len), 0);
	arena_free(&a);
}

static void test_inventory_categories(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		enum asset_category c;
	} cases[] = {
		{ "資通系統資產", ASSET_CATEGORY_SYSTEM }, { "資通系統", ASSET_CATEGORY_SYSTEM },
		{ "Servers and information systems", ASSET_CATEGORY_SYSTEM },
		{ "system", ASSET_CATEGORY_SYSTEM }, { "Information System Assets", ASSET_CATEGORY_SYSTEM },
		{ "使用者電腦資產", ASSET_CATEGORY_ENDPOINT }, { "End-user computers", ASSET_CATEGORY_ENDPOINT },
		{ "PC", ASSET_CATEGORY_ENDPOINT }, { "ｅｎｄｐｏｉｎｔ", ASSET_CATEGORY_ENDPOINT },
		{ "網通設備資產", ASSET_CATEGORY_NETWORK }, { "Network devices", ASSET_CATEGORY_NETWORK },
		{ "網路設備", ASSET_CATEGORY_NETWORK },
		{ "工業控制系統資產", ASSET_CATEGORY_ICS }, { "工控", ASSET_CATEGORY_ICS },
		{ "Industrial control systems", ASSET_CATEGORY_ICS }, { "ics", ASSET_CATEGORY_ICS },
		{ "printer", ASSET_CATEGORY_NONE }, { "", ASSET_CATEGORY_NONE }, { "資產", ASSET_CATEGORY_NONE },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(asset_category_parse(cases[i].in, strlen(cases[i].in)), cases[i].c);
	assert_string_equal(asset_category_code(ASSET_CATEGORY_ICS), "ics");
	assert_string_equal(asset_category_zh(ASSET_CATEGORY_NETWORK), "網通設備資產");
}

static void test_inventory_columns_are_listed_for_templates(void **state)
{
	(void)state;
	size_t n;
	const struct intake_column *c = intake_columns(&n);
	assert_int_equal(n, ASSET_FIELD__MAX);
	size_t required = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(c[i].field, (enum asset_field)i);
		assert_non_null(c[i].zh);
		assert_non_null(c[i].en);
		required += c[i].required;
	}
	assert_int_equal(required, 2);
	assert_string_equal(c[ASSET_FIELD_KB_IDS].zh, "已安裝KBID列表");
	assert_string_equal(c[ASSET_FIELD_NAME].en, "Asset name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inventory_reads_the_zh_tw_template),
		cmocka_unit_test(test_inventory_headers_match_however_written),
		cmocka_unit_test(test_inventory_header_problems),
		cmocka_unit_test(test_inventory_all_or_nothing_lists_every_error),
		cmocka_unit_test(test_inventory_keep_valid_keeps_the_good_rows),
		cmocka_unit_test(test_inventory_caps_rows_and_issues),
		cmocka_unit_test(test_inventory_lengths_and_purl_names),
		cmocka_unit_test(test_inventory_reads_xlsx_with_positions),
		cmocka_unit_test(test_inventory_kb_ids),
		cmocka_unit_test(test_inventory_categories),
		cmocka_unit_test(test_inventory_columns_are_listed_for_templates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
