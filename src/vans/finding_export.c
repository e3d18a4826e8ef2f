/* CSV and CycloneDX VEX exports of findings (finding_export.h). Pure functions over the
 * finding objects, so the unit tests check them byte for byte. */
#include "vans/finding_export.h"
#include "core/clock.h"
#include "core/xlsx_write.h"

#include <stdio.h>
#include <string.h>

void finding_csv_cell(struct buf *out, const char *s, size_t len)
{
	bool guard = len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
				 s[0] == '\r');
	bool quote = guard;
	for (size_t i = 0; i < len && !quote; i++)
		quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
	if (quote)
		buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"')
			buf_putc(out, '"');
		buf_putc(out, s[i]);
	}
	if (quote)
		buf_putc(out, '"');
}

const char *const finding_csv_columns[] = {
	"id", "cve", "severity", "cvss", "kev", "kev_due", "epss", "identifier", "asset", "vendor", "version",
	"group", "category", "cpe", "confidence", "status", "owner", "due", "overdue", "first_seen", "last_seen",
	"active", "note", NULL,
};

static const char *str_of(const struct val *o, const char *key)
{
	const char *s = val_string(val_get(o, key));
	return s ? s : "";
}

static void cell(struct buf *out, const char *s)
{
	finding_csv_cell(out, s, strlen(s));
	buf_putc(out, ',');
}

static void last_cell(struct buf *out, const char *s)
{
	finding_csv_cell(out, s, strlen(s));
	buf_puts(out, "\r\n");
}

/* "2026-11-23" of an ISO time, "" for null. */
static const char *date_of(const struct val *o, const char *key, char *buf)
{
	const char *s = val_string(val_get(o, key));
	snprintf(buf, 11, "%s", s ? s : "");
	return buf;
}

void finding_export_csv(const struct val *items, const char *const *headings,
			const char *(*status_words)(void *ctx, const char *status), void *ctx, struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t i = 0; finding_csv_columns[i]; i++) {
		const char *h = headings && headings[i] ? headings[i] : finding_csv_columns[i];
		if (finding_csv_columns[i + 1])
			cell(out, h);
		else
			last_cell(out, h);
	}
	for (size_t i = 0; items && i < items->u.a.n; i++) {
		const struct val *f = items->u.a.items[i], *asset = val_get(f, "asset");
		char num[64], d1[16], d2[16], d3[16];
		snprintf(num, sizeof num, "%lld", (long long)val_get(f, "id")->u.i);
		cell(out, num);
		cell(out, str_of(f, "cve_id"));
		cell(out, str_of(f, "severity"));
		const struct val *score = val_get(f, "cvss_score");
		snprintf(num, sizeof num, "%.1f", score->u.d);
		cell(out, score->kind == VAL_REAL ? num : "");
		cell(out, val_truthy(val_get(f, "kev")) ? "KEV" : "");
		cell(out, str_of(f, "kev_due_date"));
		const struct val *epss = val_get(f, "epss");
		snprintf(num, sizeof num, "%.5f", epss->u.d);
		cell(out, epss->kind == VAL_REAL ? num : "");
		cell(out, str_of(asset, "identifier"));
		cell(out, str_of(asset, "name"));
		cell(out, str_of(asset, "vendor"));
		cell(out, str_of(asset, "version"));
		cell(out, str_of(asset, "group_code"));
		cell(out, str_of(asset, "category"));
		cell(out, str_of(asset, "cpe"));
		snprintf(num, sizeof num, "%lld", (long long)val_get(f, "confidence")->u.i);
		cell(out, num);
		const char *status = str_of(f, "status");
		const char *words = status_words ? status_words(ctx, status) : NULL;
		cell(out, words ? words : status);
		cell(out, str_of(f, "owner"));
		cell(out, date_of(f, "due_at", d1));
		cell(out, val_truthy(val_get(f, "overdue")) ? "Y" : "");
		cell(out, date_of(f, "first_seen", d2));
		cell(out, date_of(f, "last_seen", d3));
		cell(out, val_truthy(val_get(f, "active")) ? "Y" : "N");
		last_cell(out, str_of(f, "note"));
	}
}

enum err finding_export_xlsx(const struct val *items, const char *const *headings, const char *sheet,
			     const char *(*status_words)(void *ctx, const char *status), void *ctx, struct buf *out)
{
	static const double widths[] = { 8, 16, 10, 7, 6, 12, 8, 16, 30, 22, 12, 12, 10, 44, 8, 10, 14, 12, 7, 12, 12, 7, 40 };
	struct xlsx_writer *x = xlsx_writer_new();
	xlsx_sheet_begin(x, sheet ? sheet : "Findings");
	xlsx_sheet_widths(x, widths, sizeof widths / sizeof widths[0]);
	xlsx_sheet_freeze_first_row(x);
	xlsx_row_begin(x, XLSX_BOLD);
	for (size_t i = 0; finding_csv_columns[i]; i++)
		xlsx_cell_str(x, headings && headings[i] ? headings[i] : finding_csv_columns[i]);
	for (size_t i = 0; items && i < items->u.a.n; i++) {
		const struct val *f = items->u.a.items[i], *asset = val_get(f, "asset");
		char d1[16], d2[16], d3[16];
		xlsx_row_begin(x, 0);
		xlsx_cell_int(x, val_get(f, "id")->u.i);
		xlsx_cell_str(x, str_of(f, "cve_id"));
		xlsx_cell_str(x, str_of(f, "severity"));
		const struct val *score = val_get(f, "cvss_score"), *epss = val_get(f, "epss");
		if (score && score->kind == VAL_REAL)
			xlsx_cell_num(x, score->u.d);
		else
			xlsx_cell_empty(x);
		xlsx_cell_str(x, val_truthy(val_get(f, "kev")) ? "KEV" : "");
		xlsx_cell_str(x, str_of(f, "kev_due_date"));
		if (epss && epss->kind == VAL_REAL)
			xlsx_cell_num(x, epss->u.d);
		else
			xlsx_cell_empty(x);
		xlsx_cell_str(x, str_of(asset, "identifier"));
		xlsx_cell_str(x, str_of(asset, "name"));
		xlsx_cell_str(x, str_of(asset, "vendor"));
		xlsx_cell_str(x, str_of(asset, "version"));
		xlsx_cell_str(x, str_of(asset, "group_code"));
		xlsx_cell_str(x, str_of(asset, "category"));
		xlsx_cell_str(x, str_of(asset, "cpe"));
		xlsx_cell_int(x, val_get(f, "confidence")->u.i);
		const char *status = str_of(f, "status");
		const char *words = status_words ? status_words(ctx, status) : NULL;
		xlsx_cell_str(x, words ? words : status);
		xlsx_cell_str(x, str_of(f, "owner"));
		xlsx_cell_str(x, date_of(f, "due_at", d1));
		xlsx_cell_str(x, val_truthy(val_get(f, "overdue")) ? "Y" : "");
		xlsx_cell_str(x, date_of(f, "first_seen", d2));
		xlsx_cell_str(x, date_of(f, "last_seen", d3));
		xlsx_cell_str(x, val_truthy(val_get(f, "active")) ? "Y" : "N");
		xlsx_cell_str(x, str_of(f, "note"));
	}
	char err[200];
	return xlsx_writer_finish(x, out, err, sizeof err);
}

struct finding_vex_analysis finding_vex_map(const char *status)
{
	static const struct { const char *status; struct finding_vex_analysis a; } map[] = {
		{ "open", { "in_triage", NULL } },
		{ "in_progress", { "exploitable", "update" } },
		{ "fixed", { "resolved", "update" } },
		{ "risk_accepted", { "exploitable", "will_not_fix" } },
		{ "false_positive", { "false_positive", NULL } },
		{ "not_affected", { "not_affected", NULL } },
	};
	for (size_t i = 0; status && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(status, map[i].status) == 0)
			return map[i].a;
	return (struct finding_vex_analysis){ "in_triage", NULL };
}

static const char *cvss_method(const char *version)
{
	if (!version)
		return "other";
	if (strcmp(version, "4.0") == 0)
		return "CVSSv4";
	if (strcmp(version, "3.1") == 0)
		return "CVSSv31";
	if (strcmp(version, "3.0") == 0)
		return "CVSSv3";
	if (strcmp(version, "2.0") == 0)
		return "CVSSv2";
	return "other";
}

static void lower_into(struct arena *a, struct val *o, const char *key, const char *s)
{
	char buf[32];
	size_t k = 0;
	for (; s && k < sizeof buf - 1 && s[k]; k++)
		buf[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] - 'A' + 'a' : s[k]);
	buf[k] = '\0';
	val_set_str(a, o, key, buf);
}

void finding_export_vex(struct arena *a, const struct val *items, const char *org_name, const char *serial,
			int64_t now, struct buf *out)
{
	struct val *doc = val_obj(a);
	val_set_str(a, doc, "bomFormat", "CycloneDX");
	val_set_str(a, doc, "specVersion", "1.5");
	val_set_str(a, doc, "serialNumber", arena_printf(a, "urn:uuid:%s", serial));
	val_set_int(a, doc, "version", 1);
	struct val *meta = val_obj(a), *tool = val_obj(a), *tools = val_obj(a), *tool_list = val_arr(a);
	char iso[32];
	val_set_str(a, meta, "timestamp", clock_format_iso8601(now, iso, sizeof iso));
	val_set_str(a, tool, "type", "application");
	val_set_str(a, tool, "name", "vans");
	val_push(a, tool_list, tool);
	val_set(a, tools, "components", tool_list);
	val_set(a, meta, "tools", tools);
	struct val *subject = val_obj(a);
	val_set_str(a, subject, "type", "application");
	val_set_str(a, subject, "name", org_name ? org_name : "");
	val_set_str(a, subject, "bom-ref", "organisation");
	val_set(a, meta, "component", subject);
	val_set(a, doc, "metadata", meta);

	struct val *components = val_arr(a), *vulns = val_arr(a);
	/* the assets already written, in an open-addressing set (ids are > 0) */
	size_t cap = 16;
	while (items && cap < 2 * items->u.a.n)
		cap *= 2;
	int64_t *seen = arena_zalloc(a, cap * sizeof *seen);
	for (size_t i = 0; items && i < items->u.a.n; i++) {
		const struct val *f = items->u.a.items[i], *asset = val_get(f, "asset");
		int64_t asset_id = val_get(asset, "id")->u.i;
		const char *ref = arena_printf(a, "asset-%lld", (long long)asset_id);
		size_t slot = (size_t)((uint64_t)asset_id * 0x9E3779B97F4A7C15ull >> 20) & (cap - 1);
		while (seen[slot] && seen[slot] != asset_id)
			slot = (slot + 1) & (cap - 1);
		if (!seen[slot]) {
			seen[slot] = asset_id;
			struct val *c = val_obj(a);
			val_set_str(a, c, "bom-ref", ref);
			val_set_str(a, c, "type", "application");
			const char *vendor = str_of(asset, "vendor");
			if (*vendor)
				val_set_str(a, c, "publisher", vendor);
			val_set_str(a, c, "name", str_of(asset, "name"));
			const char *version = str_of(asset, "version");
			if (*version)
				val_set_str(a, c, "version", version);
			const char *cpe = str_of(asset, "cpe");
			if (*cpe)
				val_set_str(a, c, "cpe", cpe);
			struct val *props = val_arr(a), *p = val_obj(a);
			val_set_str(a, p, "name", "vans:identifier");
			val_set_str(a, p, "value", str_of(asset, "identifier"));
			val_push(a, props, p);
			val_set(a, c, "properties", props);
			val_push(a, components, c);
		}
		struct val *v = val_obj(a);
		const char *cve = str_of(f, "cve_id");
		val_set_str(a, v, "bom-ref", arena_printf(a, "finding-%lld", (long long)val_get(f, "id")->u.i));
		val_set_str(a, v, "id", cve);
		struct val *source = val_obj(a);
		val_set_str(a, source, "name", "NVD");
		val_set_str(a, source, "url", arena_printf(a, "https://nvd.nist.gov/vuln/detail/%s", cve));
		val_set(a, v, "source", source);
		const struct val *score = val_get(f, "cvss_score");
		if (score && score->kind == VAL_REAL) {
			struct val *ratings = val_arr(a), *r = val_obj(a), *rs = val_obj(a);
			val_set_str(a, rs, "name", "NVD");
			val_set(a, r, "source", rs);
			val_set(a, r, "score", val_real(a, score->u.d));
			lower_into(a, r, "severity", val_string(val_get(f, "severity")));
			val_set_str(a, r, "method", cvss_method(val_string(val_get(f, "cvss_version"))));
			const char *vector = val_string(val_get(f, "cvss_vector"));
			if (vector)
				val_set_str(a, r, "vector", vector);
			val_push(a, ratings, r);
			val_set(a, v, "ratings", ratings);
		}
		struct finding_vex_analysis m = finding_vex_map(str_of(f, "status"));
		struct val *analysis = val_obj(a);
		val_set_str(a, analysis, "state", m.state);
		const char *just = str_of(f, "vex_justification");
		if (strcmp(m.state, "not_affected") == 0 && *just)
			val_set_str(a, analysis, "justification", just);
		if (m.response) {
			struct val *resp = val_arr(a);
			val_push(a, resp, val_str_static(a, m.response));
			val_set(a, analysis, "response", resp);
		}
		const char *note = str_of(f, "note");
		if (*note)
			val_set_str(a, analysis, "detail", note);
		const char *first = val_string(val_get(f, "first_seen"));
		if (first)
			val_set_str(a, analysis, "firstIssued", first);
		const char *updated = val_string(val_get(f, "last_seen"));
		if (updated)
			val_set_str(a, analysis, "lastUpdated", updated);
		val_set(a, v, "analysis", analysis);
		struct val *affects = val_arr(a), *af = val_obj(a);
		val_set_str(a, af, "ref", ref);
		val_push(a, affects, af);
		val_set(a, v, "affects", affects);
		val_push(a, vulns, v);
	}
	val_set(a, doc, "components", components);
	val_set(a, doc, "vulnerabilities", vulns);
	val_write_json(doc, out);
}
