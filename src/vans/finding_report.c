/* The findings report for management (finding_report.h): A4 pages, tables that continue on
 * the next page with their heading repeated, severity bars in the colours of the web pages. */
#include "vans/finding_report.h"
#include "core/clock.h"
#include "core/pdf.h"

#include <stdio.h>
#include <string.h>

#define MARGIN 48.0
#define BOTTOM (PDF_A4_H - 56.0)

struct report {
	struct pdf *pdf;
	double y;
	int page;
	const char *footer;
	/* the heading of the table being drawn, repeated at the top of a new page */
	const double *head_w;
	const char *const *head_cells;
	size_t head_n;
};

static const struct { const char *name, *label; double r, g, b; } severities[] = {
	{ "CRITICAL", "嚴重", 0.478, 0.0, 0.063 },
	{ "HIGH", "高", 0.702, 0.149, 0.118 },
	{ "MEDIUM", "中", 0.541, 0.353, 0.0 },
	{ "LOW", "低", 0.106, 0.431, 0.227 },
	{ "NONE", "未評分", 0.42, 0.467, 0.522 },
};

static const char *severity_label(const char *s)
{
	for (size_t i = 0; i < sizeof severities / sizeof severities[0]; i++)
		if (s && strcmp(s, severities[i].name) == 0)
			return severities[i].label;
	return "未評分";
}

static const char *status_label(const char *s)
{
	static const char *const map[][2] = {
		{ "open", "未處理" }, { "in_progress", "處理中" }, { "fixed", "已修補" },
		{ "risk_accepted", "風險接受" }, { "false_positive", "誤判" }, { "not_affected", "不受影響" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (s && strcmp(s, map[i][0]) == 0)
			return map[i][1];
	return s ? s : "";
}

static void footer(struct report *r)
{
	char line[200];
	snprintf(line, sizeof line, "%s　第 %d 頁", r->footer, r->page);
	pdf_color(r->pdf, 0.3, 0.33, 0.38);
	pdf_text(r->pdf, MARGIN, PDF_A4_H - 40, PDF_A4_W - 2 * MARGIN, line, 8.5, false, PDF_RIGHT);
	pdf_color(r->pdf, 0, 0, 0);
}

static void new_page(struct report *r)
{
	footer(r);
	pdf_next_page(r->pdf);
	r->page++;
	r->y = MARGIN;
}

static void need(struct report *r, double h)
{
	if (r->y + h > BOTTOM)
		new_page(r);
}

static void heading(struct report *r, const char *s)
{
	r->head_cells = NULL;   /* a new section ends the previous table */
	need(r, 60);
	r->y += 8;
	pdf_color(r->pdf, 0.043, 0.227, 0.4);
	r->y += pdf_text(r->pdf, MARGIN, r->y, PDF_A4_W - 2 * MARGIN, s, 13, true, PDF_LEFT) + 2;
	pdf_line_width(r->pdf, 1.2);
	pdf_line(r->pdf, MARGIN, r->y, PDF_A4_W - MARGIN, r->y);
	pdf_line_width(r->pdf, 0.6);
	pdf_color(r->pdf, 0, 0, 0);
	r->y += 8;
}

/* A table row: cells of the given widths; head rows shaded. Returns nothing; advances y. */
static void table_row(struct report *r, const double *w, size_t n, const char *const *cells, bool head)
{
	double h = 0;
	for (size_t i = 0; i < n; i++) {
		double t = pdf_text_height(r->pdf, w[i] - 8, cells[i], 8.5, head);
		if (t > h)
			h = t;
	}
	h += 8;
	if (!head && r->head_cells && r->y + h > BOTTOM) {
		new_page(r);
		table_row(r, r->head_w, r->head_n, r->head_cells, true);
	}
	need(r, h);
	if (head) {
		r->head_w = w;
		r->head_cells = cells;
		r->head_n = n;
	}
	double x = MARGIN;
	if (head) {
		pdf_color(r->pdf, 0.043, 0.227, 0.4);
		double tw = 0;
		for (size_t i = 0; i < n; i++)
			tw += w[i];
		pdf_fill_rect(r->pdf, MARGIN, r->y, tw, h);
	}
	for (size_t i = 0; i < n; i++) {
		pdf_color(r->pdf, 0.81, 0.85, 0.89);
		pdf_stroke_rect(r->pdf, x, r->y, w[i], h);
		if (head)
			pdf_color(r->pdf, 1, 1, 1);
		else
			pdf_color(r->pdf, 0, 0, 0);
		pdf_text(r->pdf, x + 4, r->y + 4, w[i] - 8, cells[i], 8.5, head, PDF_LEFT);
		x += w[i];
	}
	pdf_color(r->pdf, 0, 0, 0);
	r->y += h;
}

static const char *str(const struct val *o, const char *key)
{
	const char *s = val_string(val_get(o, key));
	return s ? s : "";
}

static int64_t num(const struct val *o, const char *key)
{
	const struct val *v = val_get(o, key);
	return v && v->kind == VAL_INT ? v->u.i : 0;
}

static void finding_table(struct report *r, const struct val *items, const char *empty)
{
	static const double w[] = { 92, 50, 40, 150, 60, 58, 49 };
	static const char *const head[] = { "CVE 編號", "嚴重度", "CVSS", "資產（名稱／版本）", "狀態", "修補期限", "信心度" };
	if (!items || items->u.a.n == 0) {
		need(r, 20);
		r->y += pdf_text(r->pdf, MARGIN, r->y, PDF_A4_W - 2 * MARGIN, empty, 10, false, PDF_LEFT) + 6;
		return;
	}
	table_row(r, w, 7, head, true);
	for (size_t i = 0; i < items->u.a.n; i++) {
		const struct val *f = items->u.a.items[i], *asset = val_get(f, "asset");
		char score[16] = "", asset_text[400], due[16] = "", conf[16];
		const struct val *sc = val_get(f, "cvss_score");
		if (sc && sc->kind == VAL_REAL)
			snprintf(score, sizeof score, "%.1f", sc->u.d);
		snprintf(asset_text, sizeof asset_text, "%s %s（%s）", str(asset, "name"), str(asset, "version"),
			 str(asset, "identifier"));
		snprintf(due, 11, "%s", str(f, "due_at"));
		snprintf(conf, sizeof conf, "%lld", (long long)num(f, "confidence"));
		const char *cells[] = { str(f, "cve_id"), severity_label(val_string(val_get(f, "severity"))), score,
					asset_text, status_label(str(f, "status")), due, conf };
		table_row(r, w, 7, cells, false);
	}
}

enum err finding_report_pdf(const struct val *org, const struct val *dash, const struct val *kev,
			    const struct val *overdue, int64_t now, struct buf *out)
{
	char date[32], iso[32], foot[300];
	clock_format_iso8601(now, iso, sizeof iso);
	snprintf(date, sizeof date, "%.10s", iso);
	struct report r = { .pdf = pdf_new(out, PDF_A4_W, PDF_A4_H, "資產弱點風險報告"), .y = MARGIN, .page = 1 };
	snprintf(foot, sizeof foot, "vans 資通安全弱點通報系統．%s．產製日期 %s", str(org, "name"), date);
	r.footer = foot;
	double w = PDF_A4_W - 2 * MARGIN;

	pdf_color(r.pdf, 0.043, 0.227, 0.4);
	pdf_fill_rect(r.pdf, 0, 0, PDF_A4_W, 8);
	r.y += pdf_text(r.pdf, MARGIN, r.y, w, "資產弱點風險報告", 22, true, PDF_LEFT) + 4;
	pdf_color(r.pdf, 0.29, 0.33, 0.38);
	char sub[400];
	snprintf(sub, sizeof sub, "%s（%s，資安責任等級 %s 級）　報告日期：%s", str(org, "name"), str(org, "identifier"),
		 str(org, "level"), date);
	r.y += pdf_text(r.pdf, MARGIN, r.y, w, sub, 10.5, false, PDF_LEFT) + 14;
	pdf_color(r.pdf, 0, 0, 0);

	heading(&r, "一、摘要");
	struct { const char *label; int64_t v; } boxes[] = {
		{ "待處理弱點", num(dash, "outstanding") }, { "嚴重／高風險", num(dash, "critical") + num(dash, "high") },
		{ "KEV 已知遭利用", num(dash, "kev") }, { "逾期未修補", num(dash, "overdue") },
		{ "本月已修補", num(dash, "resolved_month") },
	};
	double bw = (w - 4 * 8) / 5;
	for (size_t i = 0; i < 5; i++) {
		double x = MARGIN + i * (bw + 8);
		pdf_color(r.pdf, 0.953, 0.965, 0.976);
		pdf_fill_rect(r.pdf, x, r.y, bw, 58);
		pdf_color(r.pdf, i == 2 || i == 3 ? 0.643 : 0.043, i == 2 || i == 3 ? 0.086 : 0.227,
			  i == 2 || i == 3 ? 0.102 : 0.4);
		pdf_fill_rect(r.pdf, x, r.y, bw, 3);
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)boxes[i].v);
		pdf_text(r.pdf, x + 8, r.y + 8, bw - 16, n, 20, true, PDF_LEFT);
		pdf_color(r.pdf, 0.29, 0.33, 0.38);
		pdf_text(r.pdf, x + 8, r.y + 38, bw - 16, boxes[i].label, 9, false, PDF_LEFT);
	}
	pdf_color(r.pdf, 0, 0, 0);
	r.y += 70;
	char para[600];
	snprintf(para, sizeof para,
		 "本機關共登錄資產 %lld 項，其中 %lld 項有相符之弱點；目前有效（仍相符）弱點 %lld 筆，"
		 "待處理（未處理或處理中）%lld 筆，其中列於 CISA KEV（已知遭利用弱點）者 %lld 筆、已逾修補期限者 %lld 筆。",
		 (long long)num(dash, "assets"), (long long)num(dash, "assets_affected"), (long long)num(dash, "active"),
		 (long long)num(dash, "outstanding"), (long long)num(dash, "kev"), (long long)num(dash, "overdue"));
	r.y += pdf_text(r.pdf, MARGIN, r.y, w, para, 10, false, PDF_LEFT) + 10;

	heading(&r, "二、待處理弱點（依嚴重度）");
	const struct val *sev = val_get(dash, "severity");
	int64_t max = 1;
	for (size_t i = 0; sev && i < sev->u.a.n; i++)
		if (num(sev->u.a.items[i], "count") > max)
			max = num(sev->u.a.items[i], "count");
	for (size_t i = 0; sev && i < sev->u.a.n && i < 5; i++) {
		const struct val *row = sev->u.a.items[i];
		need(&r, 24);
		pdf_text(r.pdf, MARGIN, r.y + 3, 60, severities[i].label, 10, true, PDF_RIGHT);
		double track = w - 140, len = track * (double)num(row, "count") / (double)max;
		pdf_color(r.pdf, 0.933, 0.949, 0.965);
		pdf_fill_rect(r.pdf, MARGIN + 70, r.y, track, 18);
		pdf_color(r.pdf, severities[i].r, severities[i].g, severities[i].b);
		pdf_fill_rect(r.pdf, MARGIN + 70, r.y, len, 18);
		pdf_color(r.pdf, 0, 0, 0);
		char n[32];
		snprintf(n, sizeof n, "%lld", (long long)num(row, "count"));
		pdf_text(r.pdf, MARGIN + 76 + len, r.y + 2, 60, n, 10, true, PDF_LEFT);
		r.y += 24;
	}
	r.y += 6;
	static const double sw[] = { 125, 125, 125, 124 };
	static const char *const shead[] = { "嚴重度", "待處理", "KEV", "逾期" };
	table_row(&r, sw, 4, shead, true);
	for (size_t i = 0; sev && i < sev->u.a.n && i < 5; i++) {
		const struct val *row = sev->u.a.items[i];
		char c[32], k[32], o[32];
		snprintf(c, sizeof c, "%lld", (long long)num(row, "count"));
		snprintf(k, sizeof k, "%lld", (long long)num(row, "kev"));
		snprintf(o, sizeof o, "%lld", (long long)num(row, "overdue"));
		const char *cells[] = { severities[i].label, c, k, o };
		table_row(&r, sw, 4, cells, false);
	}

	heading(&r, "三、弱點最多之產品");
	const struct val *top = val_get(dash, "top_products");
	if (top && top->u.a.n) {
		static const double tw[] = { 200, 120, 60, 60, 59 };
		static const char *const thead[] = { "產品", "廠牌", "待處理", "CVE 數", "KEV" };
		table_row(&r, tw, 5, thead, true);
		for (size_t i = 0; i < top->u.a.n; i++) {
			const struct val *p = top->u.a.items[i];
			char a[32], b[32], c[32];
			snprintf(a, sizeof a, "%lld", (long long)num(p, "findings"));
			snprintf(b, sizeof b, "%lld", (long long)num(p, "cves"));
			snprintf(c, sizeof c, "%lld", (long long)num(p, "kev"));
			const char *cells[] = { str(p, "name"), str(p, "vendor"), a, b, c };
			table_row(&r, tw, 5, cells, false);
		}
	} else {
		r.y += pdf_text(r.pdf, MARGIN, r.y, w, "目前沒有待處理之弱點。", 10, false, PDF_LEFT) + 6;
	}

	heading(&r, "四、CISA KEV 已知遭利用弱點（應優先修補）");
	finding_table(&r, kev, "目前沒有列於 KEV 之待處理弱點。");
	heading(&r, "五、逾期未修補弱點");
	finding_table(&r, overdue, "目前沒有逾期之弱點。");
	need(&r, 40);
	r.y += 12;
	pdf_color(r.pdf, 0.29, 0.33, 0.38);
	pdf_text(r.pdf, MARGIN, r.y, w,
		 "說明：修補期限依 CISA KEV 之期限，否則依機關資安責任等級與弱點嚴重度之政策計算。"
		 "信心度：CPE 與版本完全相符 100、版本範圍 90、採用系統建議之 CPE 80、僅廠牌與產品相符 30。",
		 8.5, false, PDF_LEFT);
	footer(&r);
	return pdf_finish(r.pdf);
}
