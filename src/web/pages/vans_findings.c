/* The findings pages of an organisation — the dashboard (資訊綜整儀表板), the list
 * (資產風險狀態) with filters, sorting, paging and bulk triage, the finding page with its CVE,
 * history and triage form — and the operator's 機關總覽. Everything is read through
 * vans/finding.h with the caller's organisation, so nobody sees another's findings. */
#include "web/pages/vans_findings.h"
#include "web/pages/vans_view.h"
#include "web/pages/identity.h"
#include "web/chart.h"
#include "web/form.h"
#include "web/page.h"
#include "web/principal.h"
#include "core/clock.h"
#include "store/db.h"
#include "vans/finding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the dashboard --- */

static const char *const sev_names[] = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE" };

static const char *trend_svg(struct request *r, const struct val *trend)
{
	struct arena *a = &r->arena;
	size_t nx = trend->u.a.n;
	const char **labels = arena_alloc(a, (nx + 1) * sizeof *labels);
	static const char *const keys[] = { "critical", "high", "medium", "low", "none" };
	struct chart_series series[5];
	for (size_t s = 0; s < 5; s++) {
		int64_t *v = arena_alloc(a, (nx + 1) * sizeof *v);
		for (size_t x = 0; x < nx; x++)
			v[x] = val_get(trend->u.a.items[x], keys[s])->u.i;
		series[s] = (struct chart_series){ vans_severity_label(r, sev_names[s]), vans_severity_color(sev_names[s]), v };
	}
	for (size_t x = 0; x < nx; x++)
		labels[x] = val_string(val_get(trend->u.a.items[x], "date"));
	int64_t first = nx ? val_get(trend->u.a.items[0], "total")->u.i : 0;
	int64_t last = nx ? val_get(trend->u.a.items[nx - 1], "total")->u.i : 0;
	const char *desc = ui_msg(r, "dash.trend.desc", "first", arena_printf(a, "%lld", (long long)first));
	desc = arena_printf(a, "%s %s", desc, ui_msg(r, "dash.trend.desc.last", "last", arena_printf(a, "%lld", (long long)last)));
	struct buf b;
	buf_init(&b, 1 << 20);
	chart_stacked(&b, "trend", i18n_get(r->lang, "dash.trend.heading"), desc, labels, nx, series, 5, 15);
	const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static const char *severity_svg(struct request *r, const struct val *rows)
{
	struct arena *a = &r->arena;
	struct chart_bar bars[5];
	struct buf desc;
	buf_init(&desc, 4096);
	for (size_t i = 0; i < 5 && i < rows->u.a.n; i++) {
		const struct val *row = rows->u.a.items[i];
		const char *name = val_string(val_get(row, "severity"));
		bars[i] = (struct chart_bar){ vans_severity_label(r, name), val_get(row, "count")->u.i,
					      vans_severity_color(name),
					      arena_printf(a, "/findings?severity=%s", name) };
		buf_printf(&desc, "%s%s %lld", i ? "; " : "", bars[i].label, (long long)bars[i].value);
	}
	struct buf b;
	buf_init(&b, 1 << 18);
	chart_bars(&b, "sev", i18n_get(r->lang, "dash.severity.heading"), desc.data ? desc.data : "", bars,
		   rows->u.a.n < 5 ? rows->u.a.n : 5);
	const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	buf_free(&desc);
	return out;
}

void page_vans_dashboard(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	struct val *dash;
	int64_t now = clock_now_unix();
	if (!db || finding_dashboard(db, a, r->user.org_id, now, &dash) != ERR_OK) {
		w->status = 503;
		return;
	}
	struct val *ctx = page_context(r);
	struct val *org;
	if (finding_org_brief(db, a, r->user.org_id, &org) == ERR_OK)
		val_set(a, ctx, "org", org);
	struct val *sev = val_get(dash, "severity");
	for (size_t i = 0; i < sev->u.a.n; i++)
		vans_decorate_severity(r, sev->u.a.items[i]);
	val_set(a, ctx, "severity_svg", val_str_static(a, severity_svg(r, sev)));
	val_set(a, ctx, "trend_svg", val_str_static(a, trend_svg(r, val_get(dash, "trend"))));
	struct val *cves = val_get(dash, "top_cves");
	for (size_t i = 0; i < cves->u.a.n; i++)
		vans_decorate_severity(r, cves->u.a.items[i]);
	struct val *products = val_get(dash, "top_products");
	for (size_t i = 0; i < products->u.a.n; i++) {
		struct val *p = products->u.a.items[i];
		vans_decorate_severity(r, p);
		val_set_str(a, p, "href", arena_printf(a, "/findings?asset=%s", vans_url_encode(r, val_string(val_get(p, "name")))));
	}
	const char *last = val_string(val_get(dash, "last_upload"));
	if (last)
		val_set_str(a, dash, "last_upload_local", vans_local_time(r, last));
	val_set(a, ctx, "dash", dash);
	val_set_bool(a, ctx, "empty", val_get(dash, "findings")->u.i == 0);
	page_render(r, w, 200, "vans_dashboard", "dash.title", ctx);
}

/* --- the list --- */

static const char *qget(void *ctx, const char *name)
{
	return req_query(ctx, name);
}

/* "/findings?<the current filters>&<key>=<value>…" with some parameters replaced. */
static const char *list_link(struct request *r, const char *path, const char *k1, const char *v1, const char *k2,
			     const char *v2)
{
	struct buf b;
	buf_init(&b, 8192);
	buf_puts(&b, path);
	buf_putc(&b, '?');
	for (size_t i = 0; finding_query_params[i]; i++) {
		const char *k = finding_query_params[i];
		if ((k1 && strcmp(k, k1) == 0) || (k2 && strcmp(k, k2) == 0))
			continue;
		const char *v = req_query(r, k);
		if (!v || !*v)
			continue;
		buf_printf(&b, "%s=", k);
		url_encode(&b, v, strlen(v));
		buf_putc(&b, '&');
	}
	if (k1 && v1) {
		buf_printf(&b, "%s=", k1);
		url_encode(&b, v1, strlen(v1));
		buf_putc(&b, '&');
	}
	if (k2 && v2) {
		buf_printf(&b, "%s=", k2);
		url_encode(&b, v2, strlen(v2));
		buf_putc(&b, '&');
	}
	if (b.len && (b.data[b.len - 1] == '&' || b.data[b.len - 1] == '?'))
		b.len--;
	const char *out = arena_strndup(&r->arena, b.data, b.len);
	buf_free(&b);
	return out;
}

static struct val *options(struct request *r, const char *const *values, size_t n, const char *prefix,
			   const char *current)
{
	struct arena *a = &r->arena;
	struct val *arr = val_arr(a);
	for (size_t i = 0; i < n; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "value", values[i]);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, arena_printf(a, "%s%s", prefix, values[i]))));
		val_set_bool(a, o, "selected", current && strcmp(current, values[i]) == 0);
		val_push(a, arr, o);
	}
	return arr;
}

static struct val *filter_form(struct request *r)
{
	struct arena *a = &r->arena;
	struct val *form = val_obj(a);
	static const char *const text_params[] = { "cve", "asset", "group", "confidence" };
	for (size_t i = 0; i < 4; i++)
		val_set_str(a, form, text_params[i], req_query(r, text_params[i]));
	val_set(a, form, "severities", options(r, sev_names, 5, "findings.sev.", req_query(r, "severity")));
	val_set(a, form, "statuses", options(r, finding_status_names, FINDING_STATUS__MAX, "findings.status.",
					     req_query(r, "status")));
	static const char *const categories[] = { "system", "pc", "network", "ics" };
	val_set(a, form, "categories", options(r, categories, 4, "findings.category.", req_query(r, "category")));
	static const char *const states[] = { "active", "inactive", "all" };
	const char *state = req_query(r, "state");
	val_set(a, form, "states", options(r, states, 3, "findings.state.", state && *state ? state : "active"));
	static const char *const confidences[] = { "30", "80", "90", "100" };
	val_set(a, form, "confidences", options(r, confidences, 4, "findings.confidence.", req_query(r, "confidence")));
	const char *kev = req_query(r, "kev"), *overdue = req_query(r, "overdue");
	val_set_bool(a, form, "kev", kev && *kev && strcmp(kev, "0") != 0);
	val_set_bool(a, form, "overdue", overdue && *overdue && strcmp(overdue, "0") != 0);
	return form;
}

static struct val *sort_headers(struct request *r, const struct finding_query *q)
{
	struct arena *a = &r->arena;
	static const struct { const char *key, *msg; } cols[] = {
		{ "cve", "findings.col.cve" }, { "severity", "findings.col.severity" }, { "epss", "findings.col.epss" },
		{ "asset", "findings.col.asset" }, { "confidence", "findings.col.confidence" },
		{ "status", "findings.col.status" }, { "due", "findings.col.due" }, { "first_seen", "findings.col.first_seen" },
	};
	struct val *arr = val_arr(a);
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		struct val *o = val_obj(a);
		bool current = strcmp(q->sort, cols[i].key) == 0;
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, cols[i].msg)));
		const char *dir = current ? (q->dir > 0 ? "desc" : "asc") : NULL;
		val_set_str(a, o, "href", list_link(r, "/findings", "sort", cols[i].key, "dir", dir));
		if (current) {
			val_set_str(a, o, "aria_sort", q->dir > 0 ? "ascending" : "descending");
			val_set_str(a, o, "arrow", q->dir > 0 ? "▲" : "▼");
		}
		val_push(a, arr, o);
	}
	return arr;
}

static void list_page(struct request *r, struct response *w, const char *error_key)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	if (!db) {
		w->status = 503;
		return;
	}
	struct val *ctx = page_context(r);
	ui_take_flash(r, w, ctx);
	val_set(a, ctx, "form", filter_form(r));
	struct finding_query q;
	const char *bad;
	if (finding_query_parse(&q, a, r->user.org_id, clock_now_unix(), qget, r, &bad) != ERR_OK) {
		val_set(a, ctx, "error", val_str_static(a, i18n_get(r->lang, arena_printf(a, "findings.bad.%s", bad))));
		page_render(r, w, 400, "vans_findings", "findings.title", ctx);
		return;
	}
	if (error_key)
		val_set(a, ctx, "error", val_str_static(a, i18n_get(r->lang, error_key)));
	struct val *items;
	int64_t total;
	if (finding_list(db, a, &q, &items, &total) != ERR_OK) {
		w->status = 500;
		return;
	}
	for (size_t i = 0; i < items->u.a.n; i++)
		vans_decorate_finding(r, items->u.a.items[i]);
	int64_t pages = (total + q.per_page - 1) / q.per_page;
	val_set(a, ctx, "items", items);
	val_set_bool(a, ctx, "has_items", items->u.a.n > 0);
	val_set_int(a, ctx, "total", total);
	val_set_int(a, ctx, "page", q.page);
	val_set_int(a, ctx, "pages", pages ? pages : 1);
	val_set(a, ctx, "headers", sort_headers(r, &q));
	char pn[32];
	if (q.page > 1) {
		snprintf(pn, sizeof pn, "%lld", (long long)(q.page - 1));
		val_set_str(a, ctx, "prev", list_link(r, "/findings", "page", pn, NULL, NULL));
	}
	if (q.page < pages) {
		snprintf(pn, sizeof pn, "%lld", (long long)(q.page + 1));
		val_set_str(a, ctx, "next", list_link(r, "/findings", "page", pn, NULL, NULL));
	}
	struct val *ex = val_obj(a);
	val_set_str(a, ex, "csv", list_link(r, "/findings/export.csv", "page", NULL, NULL, NULL));
	val_set_str(a, ex, "xlsx", list_link(r, "/findings/export.xlsx", "page", NULL, NULL, NULL));
	val_set_str(a, ex, "vex", list_link(r, "/findings/vex.json", "page", NULL, NULL, NULL));
	val_set(a, ctx, "exports", ex);
	val_set_str(a, ctx, "back", list_link(r, "/findings", NULL, NULL, NULL, NULL));
	val_set(a, ctx, "triage", vans_triage_form(r, NULL));
	page_render(r, w, 200, "vans_findings", "findings.title", ctx);
}

void page_vans_findings(struct request *r, struct response *w)
{
	list_page(r, w, NULL);
}

/* --- one finding --- */

static void finding_page(struct request *r, struct response *w, int status, const char *error_key,
			 const char *error_field)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	int64_t id = ui_param_id(r, 0);
	struct val *f;
	enum err e = db ? finding_get(db, a, r->user.org_id, id, clock_now_unix(), &f) : ERR_UNAVAILABLE;
	if (e != ERR_OK) {
		w->status = e == ERR_NOT_FOUND ? 404 : 503;
		return;
	}
	vans_decorate_finding(r, f);
	struct val *cve = val_get(f, "cve");
	const struct val *pct = val_get(cve, "epss_percentile");
	if (pct && pct->kind == VAL_REAL)
		val_set_str(a, cve, "epss_percentile_text", arena_printf(a, "%.1f", pct->u.d * 100));
	const char *pub = val_string(val_get(cve, "published"));
	if (pub)
		val_set(a, cve, "published_date", val_strn(a, pub, strlen(pub) >= 10 ? 10 : strlen(pub)));
	const char *ransom = val_string(val_get(f, "kev_ransomware"));
	val_set_bool(a, f, "ransomware_known", ransom && strcmp(ransom, "Known") == 0);
	struct val *events = val_get(f, "events");
	for (size_t i = 0; i < events->u.a.n; i++)
		vans_decorate_event(r, events->u.a.items[i]);
	val_set_bool(a, f, "has_events", events->u.a.n > 0);
	const char *origin = val_string(val_get(val_get(f, "asset"), "cpe_origin"));
	if (origin)
		val_set(a, val_get(f, "asset"), "cpe_origin_label",
			val_str_static(a, i18n_get(r->lang, arena_printf(a, "finding.origin.%s", origin))));
	struct val *ctx = page_context(r);
	ui_take_flash(r, w, ctx);
	val_set(a, ctx, "f", f);
	val_set(a, ctx, "triage", vans_triage_form(r, status == 200 ? f : NULL));
	if (error_key) {
		val_set(a, ctx, "error", val_str_static(a, i18n_get(r->lang, error_key)));
		val_set_str(a, ctx, "error_field", error_field);
	}
	val_set_str(a, ctx, "heading", arena_printf(a, "%s · %s", val_string(val_get(f, "cve_id")),
						     val_string(val_get(val_get(f, "asset"), "name"))));
	page_render(r, w, status, "vans_finding", "finding.title", ctx);
}

void page_vans_finding(struct request *r, struct response *w)
{
	finding_page(r, w, 200, NULL, NULL);
}

void page_vans_finding_triage(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	int64_t id = ui_param_id(r, 0);
	if (!db || !id) {
		w->status = db ? 404 : 503;
		return;
	}
	struct finding_triage t;
	const char *why = NULL;
	int64_t now = clock_now_unix();
	enum err e = vans_triage_from_form(r, &t, &why);
	size_t changed = 0;
	if (e == ERR_OK)
		e = finding_triage_apply(db, r->user.org_id, id, r->user.account_id, &t, now, &changed, &why);
	if (e == ERR_NOT_FOUND) {
		w->status = 404;
		return;
	}
	if (e == ERR_INVALID) {
		finding_page(r, w, 400, arena_printf(&r->arena, "finding.bad.%s", why ? why : "status"), why);
		return;
	}
	if (e != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "finding.triage", arena_printf(&r->arena, "%lld", (long long)id), r->user.org_id,
		 arena_printf(&r->arena, "%s%s; %zu changed", t.status, t.to_product ? " (product)" : "", changed));
	ui_flash(r, w, t.to_product ? "flash.finding.product" : "flash.finding.saved");
	ui_redirect(r, w, arena_printf(&r->arena, "/findings/%lld", (long long)id));
}

void page_vans_findings_bulk(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	if (!db) {
		w->status = 503;
		return;
	}
	struct finding_triage t;
	const char *why = NULL;
	int64_t now = clock_now_unix();
	enum err e = vans_triage_from_form(r, &t, &why);
	t.to_product = false;
	t.note = NULL;   /* the list's form sets status (and owner when given); notes are per finding */
	if (e == ERR_OK)
		e = finding_triage_check(&t, now, &why);
	size_t n = 0, total = 0;
	for (const struct kv *kv = r->form; e == ERR_OK && kv; kv = kv->next) {
		if (strcmp(kv->key, "id") != 0)
			continue;
		char *end;
		long long id = strtoll(kv->value, &end, 10);
		if (*end || id <= 0)
			continue;
		size_t changed;
		enum err one = finding_triage_apply(db, r->user.org_id, id, r->user.account_id, &t, now, &changed, &why);
		if (one == ERR_OK) {
			n++;
			total += changed;
		} else if (one != ERR_NOT_FOUND) {
			e = one;   /* another organisation's id is skipped as if it did not exist */
		}
	}
	const char *back = web_safe_next(req_form(r, "back"));
	if (strncmp(back, "/findings", 9) != 0)
		back = "/findings";
	if (e == ERR_INVALID || (e == ERR_OK && n == 0)) {
		ui_flash(r, w, e == ERR_INVALID ? arena_printf(&r->arena, "flash.finding.bad.%s", why ? why : "status")
						: "flash.finding.none");
		ui_redirect(r, w, back);
		return;
	}
	if (e != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "finding.triage.bulk", arena_printf(&r->arena, "%zu", n), r->user.org_id, t.status);
	ui_flash(r, w, "flash.finding.bulk");
	ui_redirect(r, w, back);
}

/* --- the operator's overview --- */

void page_vans_overview(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	struct val *ov;
	if (!db || finding_overview(db, a, clock_now_unix(), &ov) != ERR_OK) {
		w->status = 503;
		return;
	}
	struct val *orgs = val_get(ov, "organisations");
	for (size_t i = 0; i < orgs->u.a.n; i++) {
		struct val *o = orgs->u.a.items[i];
		const char *last = val_string(val_get(o, "last_upload"));
		if (last)
			val_set_str(a, o, "last_upload_local", vans_local_time(r, last));
		struct val *sev = val_get(o, "severity");
		val_set_int(a, o, "critical", val_get(sev, "CRITICAL")->u.i);
		val_set_int(a, o, "high", val_get(sev, "HIGH")->u.i);
		val_set_int(a, o, "medium", val_get(sev, "MEDIUM")->u.i);
		val_set_int(a, o, "low", val_get(sev, "LOW")->u.i + val_get(sev, "NONE")->u.i);
		val_set_bool(a, o, "missing", val_truthy(val_get(o, "monthly_required")) &&
					      !val_truthy(val_get(o, "uploaded_this_month")));
	}
	struct val *ctx = page_context(r);
	val_set(a, ctx, "ov", ov);
	val_set_bool(a, ctx, "has_orgs", orgs->u.a.n > 0);
	page_render(r, w, 200, "vans_overview", "overview.title", ctx);
}
