/* Tests of the findings module's pure parts: CSV cells safe against formula injection (and
 * read back by the intake CSV reader), the VEX mapping and document, SVG charts, due dates
 * and overdue, the list's query parsing, triage checks and the product of a CPE. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/val.h"
#include "vans/finding.h"
#include "vans/finding_export.h"
#include "vans/intake/csv.h"
#include "vans/intake/xlsx.h"
#include "web/chart.h"

#include <stdio.h>
#include <string.h>

static const char *cell(struct buf *b, const char *s)
{
	buf_reset(b);
	finding_csv_cell(b, s, strlen(s));
	buf_putc(b, '\0');
	return b->data;
}

static void test_csv_cells_never_start_a_formula(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_string_equal(cell(&b, "Apache HTTP Server"), "Apache HTTP Server");
	assert_string_equal(cell(&b, ""), "");
	assert_string_equal(cell(&b, "=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
	assert_string_equal(cell(&b, "+1"), "\"'+1\"");
	assert_string_equal(cell(&b, "-2+3"), "\"'-2+3\"");
	assert_string_equal(cell(&b, "@SUM(A1)"), "\"'@SUM(A1)\"");
	assert_string_equal(cell(&b, "\tcmd"), "\"'\tcmd\"");
	assert_string_equal(cell(&b, "\rcmd"), "\"'\rcmd\"");
	/* only the first character matters; quotes and separators are quoted */
	assert_string_equal(cell(&b, "a=b"), "a=b");
	assert_string_equal(cell(&b, "Microsoft, Corp."), "\"Microsoft, Corp.\"");
	assert_string_equal(cell(&b, "say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(cell(&b, "line1\nline2"), "\"line1\nline2\"");
	assert_string_equal(cell(&b, "資通系統資產"), "資通系統資產");
	buf_free(&b);
}

static struct val *finding(struct arena *a, int64_t id, const char *cve, const char *status, const char *asset_name,
			   int64_t asset_id)
{
	struct val *f = val_obj(a), *asset = val_obj(a);
	val_set_int(a, f, "id", id);
	val_set_str(a, f, "cve_id", cve);
	val_set_str(a, f, "status", status);
	val_set_str(a, f, "severity", "CRITICAL");
	val_set(a, f, "cvss_score", val_real(a, 9.8));
	val_set_str(a, f, "cvss_version", "3.1");
	val_set_str(a, f, "cvss_vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	val_set_bool(a, f, "kev", true);
	val_set_str(a, f, "kev_due_date", "2021-12-24");
	val_set(a, f, "epss", val_real(a, 0.97));
	val_set_int(a, f, "confidence", 90);
	val_set_bool(a, f, "overdue", true);
	val_set_bool(a, f, "active", true);
	val_set_str(a, f, "first_seen", "2026-01-02T03:04:05Z");
	val_set_str(a, f, "last_seen", "2026-02-02T03:04:05Z");
	val_set(a, f, "due_at", val_null(a));
	val_set_str(a, f, "owner", "");
	val_set_str(a, f, "note", "=cmd|' /C calc'!A0");
	val_set_str(a, f, "vex_justification", strcmp(status, "not_affected") == 0 ? "code_not_reachable" : "");
	val_set_int(a, asset, "id", asset_id);
	val_set_str(a, asset, "identifier", "host-1");
	val_set_str(a, asset, "name", asset_name);
	val_set_str(a, asset, "vendor", "Apache Software Foundation");
	val_set_str(a, asset, "version", "2.14.1");
	val_set_str(a, asset, "group_code", "DEFAULT");
	val_set_str(a, asset, "category", "system");
	val_set_str(a, asset, "cpe", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
	val_set(a, f, "asset", asset);
	return f;
}

struct rows {
	size_t n;
	char note[256], name[256], first[32];
	size_t fields;
};

static int collect(void *ctx, const struct csv_record *r)
{
	struct rows *rows = ctx;
	rows->n++;
	rows->fields = r->n;
	if (rows->n == 1)
		snprintf(rows->first, sizeof rows->first, "%s", r->fields[0].p);
	if (rows->n == 2) {
		snprintf(rows->name, sizeof rows->name, "%s", r->fields[8].p);
		snprintf(rows->note, sizeof rows->note, "%s", r->fields[r->n - 1].p);
	}
	return 0;
}

static void test_csv_export_reads_back_with_bom_and_guarded_cells(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 16);
	struct val *items = val_arr(&a);
	val_push(&a, items, finding(&a, 7, "CVE-2021-44228", "open", "-log4j, \"core\"", 3));
	struct buf out;
	buf_init(&out, 1 << 20);
	finding_export_csv(items, NULL, NULL, NULL, &out);
	assert_memory_equal(out.data, "\xEF\xBB\xBF" "id,cve,", 10);
	assert_non_null(strstr(out.data, "\r\n7,CVE-2021-44228,CRITICAL,9.8,KEV,2021-12-24,0.97000,host-1,"));
	struct rows rows = { 0 };
	char err[200];
	assert_int_equal(csv_read(out.data, out.len, &(struct csv_opts){ .delimiter = ',' }, collect, &rows, err,
				  sizeof err), 0);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.first, "id");   /* the BOM is not part of the first heading */
	assert_string_equal(rows.name, "'-log4j, \"core\"");
	assert_string_equal(rows.note, "'=cmd|' /C calc'!A0");
	size_t cols = 0;
	while (finding_csv_columns[cols])
		cols++;
	assert_int_equal(rows.fields, cols);
	buf_free(&out);
	arena_free(&a);
}

struct sheet_rows {
	size_t n;
	char name[128], note[128], heading[64], sheet[64];
	enum xlsx_cell_type cvss_type, conf_type;
	char cvss[16];
};

static int sheet_row(void *ctx, const struct xlsx_row *row)
{
	struct sheet_rows *s = ctx;
	s->n++;
	snprintf(s->sheet, sizeof s->sheet, "%s", row->sheet_name);
	if (s->n == 1)
		snprintf(s->heading, sizeof s->heading, "%s", row->cells[1].text);
	if (s->n == 2) {
		snprintf(s->name, sizeof s->name, "%s", row->cells[8].text);
		snprintf(s->note, sizeof s->note, "%s", row->cells[row->n - 1].text);
		snprintf(s->cvss, sizeof s->cvss, "%s", row->cells[3].text);
		s->cvss_type = row->cells[3].type;
		s->conf_type = row->cells[14].type;
	}
	return 0;
}

static void test_xlsx_export_reads_back_as_text_and_numbers(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 16);
	struct val *items = val_arr(&a);
	val_push(&a, items, finding(&a, 7, "CVE-2021-44228", "open", "=HYPERLINK(\"http://x\")", 3));
	const char *headings[32] = { "編號", "CVE 編號" };
	struct buf out;
	buf_init(&out, 1 << 22);
	assert_int_equal(finding_export_xlsx(items, headings, "弱點清單", NULL, NULL, &out), ERR_OK);
	struct sheet_rows rows = { 0 };
	char err[200];
	assert_int_equal(xlsx_read(out.data, out.len, NULL, sheet_row, &rows, err, sizeof err), 0);
	assert_int_equal(rows.n, 2);
	assert_string_equal(rows.sheet, "弱點清單");
	assert_string_equal(rows.heading, "CVE 編號");
	assert_string_equal(rows.name, "=HYPERLINK(\"http://x\")");   /* kept as text, not a formula */
	assert_string_equal(rows.note, "=cmd|' /C calc'!A0");
	assert_int_equal(rows.cvss_type, XLSX_CELL_NUMBER);
	assert_string_equal(rows.cvss, "9.8");
	assert_int_equal(rows.conf_type, XLSX_CELL_NUMBER);
	buf_free(&out);
	arena_free(&a);
}

static void test_vex_maps_every_status(void **state)
{
	(void)state;
	static const char *const want[][3] = {
		{ "open", "in_triage", NULL }, { "in_progress", "exploitable", "update" },
		{ "fixed", "resolved", "update" }, { "risk_accepted", "exploitable", "will_not_fix" },
		{ "false_positive", "false_positive", NULL }, { "not_affected", "not_affected", NULL },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct finding_vex_analysis m = finding_vex_map(want[i][0]);
		assert_string_equal(m.state, want[i][1]);
		if (want[i][2])
			assert_string_equal(m.response, want[i][2]);
		else
			assert_null(m.response);
	}
	assert_int_equal(FINDING_STATUS__MAX, 6);
	for (int i = 0; i < FINDING_STATUS__MAX; i++)
		assert_int_equal(finding_status_parse(finding_status_names[i]), i);
	assert_int_equal(finding_status_parse("closed"), -1);
}

static void test_vex_document_has_the_cyclonedx_shape(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 16);
	struct val *items = val_arr(&a);
	val_push(&a, items, finding(&a, 1, "CVE-2021-44228", "not_affected", "Log4j", 5));
	val_push(&a, items, finding(&a, 2, "CVE-2021-45046", "fixed", "Log4j", 5));
	val_push(&a, items, finding(&a, 3, "CVE-2021-45046", "open", "Log4j on host 2", 6));
	struct buf out;
	buf_init(&out, 1 << 20);
	finding_export_vex(&a, items, "行政院", "6f1c2a9e-1111-4222-8333-444455556666", 1767225600, &out);
	struct val *doc;
	char err[200];
	assert_int_equal(val_parse_json(&a, out.data, out.len, &doc, err, sizeof err), 0);
	assert_string_equal(val_string(val_get(doc, "bomFormat")), "CycloneDX");
	assert_string_equal(val_string(val_get(doc, "specVersion")), "1.5");
	assert_string_equal(val_string(val_get(doc, "serialNumber")), "urn:uuid:6f1c2a9e-1111-4222-8333-444455556666");
	assert_string_equal(val_string(val_get(val_get(doc, "metadata"), "timestamp")), "2026-01-01T00:00:00Z");
	struct val *components = val_get(doc, "components"), *vulns = val_get(doc, "vulnerabilities");
	assert_int_equal(components->u.a.n, 2);   /* two assets, each once */
	assert_string_equal(val_string(val_get(components->u.a.items[0], "bom-ref")), "asset-5");
	assert_string_equal(val_string(val_get(components->u.a.items[0], "cpe")), "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
	assert_int_equal(vulns->u.a.n, 3);
	struct val *v0 = vulns->u.a.items[0], *an = val_get(v0, "analysis");
	assert_string_equal(val_string(val_get(v0, "id")), "CVE-2021-44228");
	assert_string_equal(val_string(val_get(an, "state")), "not_affected");
	assert_string_equal(val_string(val_get(an, "justification")), "code_not_reachable");
	struct val *rating = val_get(v0, "ratings")->u.a.items[0];
	assert_string_equal(val_string(val_get(rating, "severity")), "critical");
	assert_string_equal(val_string(val_get(rating, "method")), "CVSSv31");
	assert_string_equal(val_string(val_get(val_get(v0, "affects")->u.a.items[0], "ref")), "asset-5");
	struct val *an1 = val_get(vulns->u.a.items[1], "analysis");
	assert_string_equal(val_string(val_get(an1, "state")), "resolved");
	assert_null(val_get(an1, "justification"));
	assert_string_equal(val_string(val_get(val_get(vulns->u.a.items[2], "affects")->u.a.items[0], "ref")), "asset-6");
	/* every affects ref names a component */
	for (size_t i = 0; i < vulns->u.a.n; i++) {
		const char *ref = val_string(val_get(val_get(vulns->u.a.items[i], "affects")->u.a.items[0], "ref"));
		bool found = false;
		for (size_t k = 0; k < components->u.a.n; k++)
			found |= strcmp(ref, val_string(val_get(components->u.a.items[k], "bom-ref"))) == 0;
		assert_true(found);
	}
	buf_free(&out);
	arena_free(&a);
}

static void test_charts_are_accessible_svg(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	struct chart_bar bars[] = { { "嚴重", 12, "#7a0010", "/findings?severity=CRITICAL" },
				    { "<高>", 0, "#c2410c", NULL } };
	chart_bars(&b, "sev", "Findings by severity", "Critical 12; High 0", bars, 2);
	buf_putc(&b, '\0');
	assert_non_null(strstr(b.data, "role=\"img\""));
	assert_non_null(strstr(b.data, "aria-labelledby=\"sev-title sev-desc\""));
	assert_non_null(strstr(b.data, "<title id=\"sev-title\">Findings by severity</title>"));
	assert_non_null(strstr(b.data, "<desc id=\"sev-desc\">Critical 12; High 0</desc>"));
	assert_non_null(strstr(b.data, ">嚴重</text>"));
	assert_non_null(strstr(b.data, "&lt;高&gt;"));   /* labels are escaped */
	assert_null(strstr(b.data, "<高>"));
	assert_non_null(strstr(b.data, ">12</text>"));
	assert_non_null(strstr(b.data, "<a href=\"/findings?severity=CRITICAL\">"));
	assert_null(strstr(b.data, "style="));   /* the CSP allows no inline style */
	assert_memory_equal(b.data + b.len - 7, "</svg>", 6);

	buf_reset(&b);
	const char *days[] = { "2026-11-01", "2026-11-02", "2026-11-03" };
	int64_t crit[] = { 1, 2, 3 }, high[] = { 0, 5, 4 };
	struct chart_series s[] = { { "Critical", "#7a0010", crit }, { "High", "#c2410c", high } };
	chart_stacked(&b, "trend", "Trend", "from 1 to 7", days, 3, s, 2, 1);
	buf_putc(&b, '\0');
	assert_int_equal(chart_nice_max(7), 10);
	assert_non_null(strstr(b.data, ">10</text>"));   /* the axis tops at a round 10 */
	assert_non_null(strstr(b.data, ">11-03</text>"));
	assert_non_null(strstr(b.data, "Critical 3</text>"));   /* the legend gives today's figure */
	assert_non_null(strstr(b.data, "High 4</text>"));
	/* one rectangle per day and series with findings: 1+0, 2+5, 3+4 → 5 (no empty ones) */
	size_t rects = 0;
	for (const char *p = b.data; (p = strstr(p, "<rect x=")); p++)
		rects++;
	assert_int_equal(rects, 5 + 2);   /* and the two legend swatches */
	buf_free(&b);

	assert_int_equal(chart_nice_max(0), 1);
	assert_int_equal(chart_nice_max(1), 1);
	assert_int_equal(chart_nice_max(11), 20);
	assert_int_equal(chart_nice_max(20), 20);
	assert_int_equal(chart_nice_max(21), 50);
	assert_int_equal(chart_nice_max(51), 100);
	assert_int_equal(chart_nice_max(1000), 1000);
}

static void test_due_and_overdue(void **state)
{
	(void)state;
	int64_t first = 1767225600;   /* 2026-01-01T00:00:00Z */
	/* KEV: the end of the due day; otherwise the policy's days after first seen */
	int64_t kev_due;
	assert_int_equal(clock_parse_iso8601("2026-01-15", 10, &kev_due), 0);
	assert_int_equal(finding_due_at("2026-01-15", 7, first), kev_due + 86400);
	assert_int_equal(finding_due_at(NULL, 7, first), first + 7 * 86400);
	assert_int_equal(finding_due_at("", 30, first), first + 30 * 86400);
	assert_int_equal(finding_due_at("not a date", 14, first), first + 14 * 86400);
	assert_int_equal(finding_due_at(NULL, 0, first), 0);

	int64_t due = first + 7 * 86400;
	assert_false(finding_overdue("open", true, 0, false, due, true, due - 1));
	assert_false(finding_overdue("open", true, 0, false, due, true, due));
	assert_true(finding_overdue("open", true, 0, false, due, true, due + 1));
	assert_true(finding_overdue("in_progress", true, 0, false, due, true, due + 1));
	assert_false(finding_overdue("fixed", true, 0, false, due, true, due + 1));
	assert_false(finding_overdue("false_positive", true, 0, false, due, true, due + 1));
	assert_false(finding_overdue("not_affected", true, 0, false, due, true, due + 1));
	assert_false(finding_overdue("open", false, 0, false, due, true, due + 1));   /* inactive */
	assert_false(finding_overdue("open", true, 0, false, 0, false, due + 1));     /* no due date */
	/* a risk acceptance counts again once its expiry has passed */
	int64_t until = due + 30 * 86400;
	assert_false(finding_outstanding("risk_accepted", true, until, true, until - 1));
	assert_false(finding_overdue("risk_accepted", true, until, true, due, true, until - 1));
	assert_true(finding_outstanding("risk_accepted", true, until, true, until + 1));
	assert_true(finding_overdue("risk_accepted", true, until, true, due, true, until + 1));
	assert_false(finding_outstanding("risk_accepted", true, 0, false, until + 1));
	assert_false(finding_outstanding("risk_accepted", false, until, true, until + 1));

	int64_t t, start;
	assert_int_equal(clock_parse_iso8601("2026-11-23T18:10:02Z", 20, &t), 0);
	assert_int_equal(clock_parse_iso8601("2026-11-01", 10, &start), 0);
	assert_int_equal(finding_month_start(t), start);
	assert_int_equal(finding_month_start(start), start);
}

struct params {
	const char *const *kv;
};

static const char *get(void *ctx, const char *name)
{
	const struct params *p = ctx;
	for (size_t i = 0; p->kv[i]; i += 2)
		if (strcmp(p->kv[i], name) == 0)
			return p->kv[i + 1];
	return NULL;
}

static void test_query_parsing(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 1 << 14);
	struct finding_query q;
	const char *bad = NULL;
	const char *none[] = { NULL };
	assert_int_equal(finding_query_parse(&q, &a, 5, 100, get, &(struct params){ none }, &bad), ERR_OK);
	assert_int_equal(q.org_id, 5);
	assert_int_equal(q.active, 1);
	assert_string_equal(q.sort, "severity");
	assert_int_equal(q.dir, -1);
	assert_int_equal(q.per_page, FINDING_PER_PAGE_DEFAULT);

	const char *some[] = { "severity", "high", "cve", "cve-2021_4", "asset", " Apache 50% ", "kev", "1",
			       "state", "all", "sort", "cve", "page", "3", "confidence", "90", NULL };
	assert_int_equal(finding_query_parse(&q, &a, 5, 100, get, &(struct params){ some }, &bad), ERR_OK);
	assert_string_equal(q.severity, "HIGH");
	assert_string_equal(q.cve, "CVE-2021\\_4%");          /* a prefix, LIKE characters escaped */
	assert_string_equal(q.asset, "%apache 50\\%%");       /* trimmed, lower-cased, anywhere */
	assert_true(q.kev_only);
	assert_int_equal(q.active, -1);
	assert_string_equal(q.sort, "cve");
	assert_int_equal(q.dir, 1);
	assert_int_equal(q.page, 3);
	assert_int_equal(q.min_confidence, 90);

	static const char *const wrong[][2] = { { "severity", "urgent" }, { "status", "closed" }, { "category", "cloud" },
						{ "state", "gone" }, { "confidence", "101" }, { "sort", "name; drop" },
						{ "dir", "up" }, { "page", "0" }, { "per_page", "501" } };
	for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
		const char *kv[] = { wrong[i][0], wrong[i][1], NULL };
		assert_int_equal(finding_query_parse(&q, &a, 5, 100, get, &(struct params){ kv }, &bad), ERR_INVALID);
		assert_string_equal(bad, wrong[i][0]);
	}
	arena_free(&a);
}

static void test_triage_checks(void **state)
{
	(void)state;
	const char *why;
	int64_t now = 1767225600;
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "fixed" }, now, &why), ERR_OK);
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "closed" }, now, &why), ERR_INVALID);
	assert_string_equal(why, "status");
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = NULL }, now, &why), ERR_INVALID);
	/* risk acceptance needs an expiry in the future */
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "risk_accepted" }, now, &why), ERR_INVALID);
	assert_string_equal(why, "status_until");
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "risk_accepted", .status_until = now - 1 },
					      now, &why), ERR_INVALID);
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "risk_accepted", .status_until = now + 86400 },
					      now, &why), ERR_OK);
	/* not affected needs one of CycloneDX's justifications */
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "not_affected" }, now, &why), ERR_INVALID);
	assert_string_equal(why, "vex_justification");
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "not_affected", .vex_justification = "because" },
					      now, &why), ERR_INVALID);
	for (size_t i = 0; i < finding_vex_justification_count; i++)
		assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "not_affected",
										 .vex_justification = finding_vex_justifications[i] },
						      now, &why), ERR_OK);
	char long_note[FINDING_NOTE_MAX + 2];
	memset(long_note, 'x', sizeof long_note - 1);
	long_note[sizeof long_note - 1] = '\0';
	assert_int_equal(finding_triage_check(&(struct finding_triage){ .status = "open", .note = long_note }, now, &why),
			 ERR_INVALID);
	assert_string_equal(why, "note");
}

static void test_cpe_product(void **state)
{
	(void)state;
	char v[64], p[64];
	assert_true(finding_cpe_product("cpe:2.3:a:Apache:Log4j:2.14.1:*:*:*:*:*:*:*", v, sizeof v, p, sizeof p));
	assert_string_equal(v, "apache");
	assert_string_equal(p, "log4j");
	assert_true(finding_cpe_product("cpe:2.3:a:acme\\:corp:widget\\:pro:1.0:*:*:*:*:*:*:*", v, sizeof v, p, sizeof p));
	assert_string_equal(v, "acme:corp");
	assert_string_equal(p, "widget:pro");
	assert_false(finding_cpe_product("", v, sizeof v, p, sizeof p));
	assert_true(finding_cpe_product("cpe:/a:apache:log4j:2.14.1", v, sizeof v, p, sizeof p));
	assert_string_equal(p, "log4j");
	assert_false(finding_cpe_product("cpe:2.3:a:apache:log4*:2.14.1:*:*:*:*:*:*:*", v, sizeof v, p, sizeof p));
	assert_false(finding_cpe_product("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*", v, sizeof v, p, sizeof p));
	assert_false(finding_cpe_product("cpe:2.3:a:apache", v, sizeof v, p, sizeof p));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_cells_never_start_a_formula),
		cmocka_unit_test(test_csv_export_reads_back_with_bom_and_guarded_cells),
		cmocka_unit_test(test_xlsx_export_reads_back_as_text_and_numbers),
		cmocka_unit_test(test_vex_maps_every_status),
		cmocka_unit_test(test_vex_document_has_the_cyclonedx_shape),
		cmocka_unit_test(test_charts_are_accessible_svg),
		cmocka_unit_test(test_due_and_overdue),
		cmocka_unit_test(test_query_parsing),
		cmocka_unit_test(test_triage_checks),
		cmocka_unit_test(test_cpe_product),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
