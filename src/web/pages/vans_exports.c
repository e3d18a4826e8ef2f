/* Exports of the organisation's findings: CSV and XLSX (the list's filters applied), CycloneDX VEX
 * and the PDF report for management. Downloads carry a dated file name. */
#include "web/pages/vans_findings.h"
#include "web/pages/vans_view.h"
#include "web/pages/identity.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "store/db.h"
#include "vans/finding.h"
#include "vans/finding_export.h"
#include "vans/finding_report.h"

#include <stdio.h>
#include <string.h>

static const char *qget(void *ctx, const char *name)
{
	return req_query(ctx, name);
}

/* Every finding the list's filters select (up to FINDING_EXPORT_MAX); false after answering. */
static bool export_items(struct request *r, struct response *w, struct val **items)
{
	struct db *db = db_thread();
	struct finding_query q;
	const char *bad;
	if (!db) {
		w->status = 503;
		return false;
	}
	if (finding_query_parse(&q, &r->arena, r->user.org_id, clock_now_unix(), qget, r, &bad) != ERR_OK) {
		w->status = 400;
		return false;
	}
	q.page = 1;
	q.per_page = FINDING_EXPORT_MAX;
	int64_t total;
	if (finding_list(db, &r->arena, &q, items, &total) != ERR_OK) {
		w->status = 500;
		return false;
	}
	return true;
}

static void attachment(struct request *r, struct response *w, const char *type, const char *stem, const char *ext)
{
	char iso[32];
	clock_format_iso8601(clock_now_unix() + 8 * 3600, iso, sizeof iso);
	w->status = 200;
	w->content_type = type;
	resp_header(r, w, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s-%.10s.%s\"", stem, iso, ext));
}

static const char *status_words(void *ctx, const char *status)
{
	return vans_status_label(ctx, status);
}

/* The column headings of the exports in the reader's language. */
static const char *const *headings(struct request *r)
{
	size_t n = 0;
	while (finding_csv_columns[n])
		n++;
	const char **h = arena_alloc(&r->arena, (n + 1) * sizeof *h);
	for (size_t i = 0; i < n; i++)
		h[i] = i18n_get(r->lang, arena_printf(&r->arena, "findings.csv.%s", finding_csv_columns[i]));
	h[n] = NULL;
	return h;
}

void page_vans_export_csv(struct request *r, struct response *w)
{
	struct val *items;
	if (!export_items(r, w, &items))
		return;
	attachment(r, w, "text/csv; charset=utf-8", "findings", "csv");
	finding_export_csv(items, headings(r), status_words, r, &w->body);
}

void page_vans_export_xlsx(struct request *r, struct response *w)
{
	struct val *items;
	if (!export_items(r, w, &items))
		return;
	attachment(r, w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "findings", "xlsx");
	if (finding_export_xlsx(items, headings(r), i18n_get(r->lang, "findings.xlsx.sheet"), status_words, r,
				&w->body) != ERR_OK) {
		buf_reset(&w->body);
		w->status = 500;
		w->content_type = "text/plain; charset=utf-8";
	}
}

void page_vans_export_vex(struct request *r, struct response *w)
{
	struct val *items, *org;
	if (!export_items(r, w, &items))
		return;
	if (finding_org_brief(db_thread(), &r->arena, r->user.org_id, &org) != ERR_OK) {
		w->status = 500;
		return;
	}
	unsigned char u[16];
	crypto_random(u, sizeof u);
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);   /* version 4 */
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
	char serial[40];
	snprintf(serial, sizeof serial, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1],
		 u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	attachment(r, w, "application/vnd.cyclonedx+json", "vex", "cdx.json");
	finding_export_vex(&r->arena, items, val_string(val_get(org, "name")), serial, clock_now_unix(), &w->body);
}

static const char *none(void *ctx, const char *name)
{
	(void)ctx, (void)name;
	return NULL;
}

/* The outstanding findings of a kind for the report: KEV ones, or overdue ones. */
static enum err report_list(struct request *r, bool kev, int64_t now, struct val **out)
{
	struct finding_query q;
	const char *bad;
	enum err e = finding_query_parse(&q, &r->arena, r->user.org_id, now, none, NULL, &bad);
	if (e != ERR_OK)
		return e;
	q.kev_only = kev;
	q.overdue_only = !kev;
	q.per_page = 300;
	q.sort = kev ? "severity" : "due";
	q.dir = kev ? -1 : 1;
	int64_t total;
	struct val *all;
	e = finding_list(db_thread(), &r->arena, &q, &all, &total);
	if (e != ERR_OK)
		return e;
	*out = val_arr(&r->arena);
	for (size_t i = 0; i < all->u.a.n; i++) {
		const char *st = val_string(val_get(all->u.a.items[i], "status"));
		if (st && (strcmp(st, "open") == 0 || strcmp(st, "in_progress") == 0))
			val_push(&r->arena, *out, all->u.a.items[i]);
	}
	return ERR_OK;
}

void page_vans_export_pdf(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	int64_t now = clock_now_unix();
	struct val *org, *dash, *kev, *overdue;
	if (!db || finding_org_brief(db, &r->arena, r->user.org_id, &org) != ERR_OK ||
	    finding_dashboard(db, &r->arena, r->user.org_id, now, &dash) != ERR_OK ||
	    report_list(r, true, now, &kev) != ERR_OK || report_list(r, false, now, &overdue) != ERR_OK) {
		w->status = 503;
		return;
	}
	attachment(r, w, "application/pdf", "findings-report", "pdf");
	if (finding_report_pdf(org, dash, kev, overdue, now, &w->body) != ERR_OK) {
		buf_reset(&w->body);
		w->status = 500;
		return;
	}
	ui_audit(r, "finding.report", "pdf", r->user.org_id, "");
}
