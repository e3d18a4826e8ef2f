/* Knowledge-base pages and API. Both read through kb/cve_search and kb/cve_record, so the
 * page and the JSON always agree; the page adds the configurations in words, badges and
 * paging links. */
#include "web/pages/kb.h"
#include "web/form.h"
#include "web/page.h"
#include "kb/config_text.h"
#include "kb/cvss.h"
#include "kb/cve_record.h"
#include "kb/cve_search.h"
#include "store/db.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const search_params[] = { "q", "vendor", "product", "severity", "kev", "from", "to", "per_page" };
#define NPARAMS (sizeof search_params / sizeof search_params[0])

static enum err parse_query(struct request *r, struct kb_cve_query *q, const char **bad)
{
	return kb_cve_query_parse(q, req_query(r, "q"), req_query(r, "vendor"), req_query(r, "product"),
				  req_query(r, "severity"), req_query(r, "kev"), req_query(r, "from"), req_query(r, "to"),
				  req_query(r, "page"), req_query(r, "per_page"), bad);
}

static bool looks_like_cve_id(const char *q, char *id, size_t idlen)
{
	if (!q)
		return false;
	while (isspace((unsigned char)*q))
		q++;
	size_t n = strlen(q);
	while (n && isspace((unsigned char)q[n - 1]))
		n--;
	if (n >= idlen)
		return false;
	for (size_t i = 0; i < n; i++)
		id[i] = (char)toupper((unsigned char)q[i]);
	id[n] = '\0';
	return kb_cve_id_valid(id);
}

static int64_t kb_cve_count(struct db *db)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_COUNTS);
	int64_t n = s && db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	if (s)
		db_reset(s);
	return n;
}

/* "/cves?q=log4j&page=3": the current filters with another page number. */
static const char *page_link(struct request *r, int64_t page)
{
	struct buf b;
	buf_init(&b, 8192);
	buf_puts(&b, "/cves?");
	for (size_t i = 0; i < NPARAMS; i++) {
		const char *v = req_query(r, search_params[i]);
		if (!v || !*v)
			continue;
		buf_printf(&b, "%s=", search_params[i]);
		url_encode(&b, v, strlen(v));
		buf_putc(&b, '&');
	}
	buf_printf(&b, "page=%lld", (long long)page);
	const char *out = arena_strndup(&r->arena, b.data, b.len);
	buf_free(&b);
	return out;
}

/* Adds the badge's CSS class and its words in the reader's language. */
static void severity_class(struct request *r, struct val *o, const char *severity)
{
	struct arena *a = &r->arena;
	char cls[24] = "none";
	if (severity) {
		size_t i = 0;
		for (; i < sizeof cls - 1 && severity[i]; i++)
			cls[i] = (char)tolower((unsigned char)severity[i]);
		cls[i] = '\0';
	}
	val_set_str(a, o, "severity_class", cls);
	const char *label = severity;
	if (severity) {
		const char *key = arena_printf(a, "severity.%s", severity);
		const char *m = i18n_lookup(r->lang, key, strlen(key));
		if (m)
			label = m;
	}
	val_set(a, o, "severity_label", label ? val_str_static(a, label) : val_null(a));
}

void page_cves(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	char id[40];
	if (looks_like_cve_id(req_query(r, "q"), id, sizeof id)) {
		resp_redirect(r, w, 303, arena_printf(a, "/cves/%s", id));
		return;
	}
	struct val *ctx = page_context(r);
	struct val *form = val_obj(a);
	for (size_t i = 0; i < NPARAMS; i++)
		val_set_str(a, form, search_params[i], req_query(r, search_params[i]));
	const char *sev = req_query(r, "severity");
	static const char *const levels[] = { "CRITICAL", "HIGH", "MEDIUM", "LOW" };
	struct val *options = val_arr(a);
	for (size_t i = 0; i < 4; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "value", levels[i]);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, arena_printf(a, "severity.%s", levels[i]))));
		val_set_bool(a, o, "selected", sev && strcasecmp(sev, levels[i]) == 0);
		val_push(a, options, o);
	}
	val_set(a, form, "severities", options);
	val_set_bool(a, form, "kev_checked", req_query(r, "kev") && strcmp(req_query(r, "kev"), "0") != 0);
	val_set(a, ctx, "form", form);

	struct db *db = db_thread();
	if (!db) {
		w->status = 503;
		return;
	}
	val_set_bool(a, ctx, "empty_kb", kb_cve_count(db) == 0);
	struct kb_cve_query q;
	const char *bad;
	if (parse_query(r, &q, &bad) != ERR_OK) {
		val_set_str(a, ctx, "error_field", bad);
		val_set(a, ctx, "error", val_str_static(a, i18n_get(r->lang, arena_printf(a, "cves.bad.%s", bad))));
		page_render(r, w, 400, "cve_search", "cves.title", ctx);
		return;
	}
	struct val *res;
	if (kb_cve_search(db, a, &q, &res) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *items = val_get(res, "items");
	for (size_t i = 0; i < items->u.a.n; i++) {
		struct val *it = items->u.a.items[i];
		severity_class(r, it, val_string(val_get(val_get(it, "cvss"), "severity")));
		const char *pub = val_string(val_get(it, "published"));
		if (pub && strlen(pub) >= 10)
			val_set(a, it, "published_date", val_strn(a, pub, 10));
	}
	int64_t total = val_get(res, "total")->u.i, pages = (total + q.per_page - 1) / q.per_page;
	val_set(a, ctx, "result", res);
	val_set_bool(a, ctx, "has_items", items->u.a.n > 0);
	val_set_int(a, ctx, "pages", pages);
	val_set_bool(a, ctx, "searched", req_query(r, "q") || req_query(r, "vendor") || req_query(r, "severity") ||
					      req_query(r, "kev") || req_query(r, "from") || req_query(r, "to"));
	if (q.page > 1)
		val_set_str(a, ctx, "prev", page_link(r, q.page - 1));
	if (q.page < pages)
		val_set_str(a, ctx, "next", page_link(r, q.page + 1));
	page_render(r, w, 200, "cve_search", "cves.title", ctx);
}

/* Every metric of a vector spelled out in the reader's language ("Attack Vector: Network"),
 * the way the specification names them; empty when the vector does not parse. */
static struct val *metric_words(struct request *r, const char *vector)
{
	struct arena *a = &r->arena;
	struct val *list = val_arr(a);
	struct cvss c;
	char err[CVSS_ERR_MAX];
	if (!vector || cvss_parse(vector, strlen(vector), &c, err, sizeof err) < 0)
		return list;
	const char *lang = lang_code(r->lang);
	for (size_t i = 0; i < cvss_metric_count(&c); i++) {
		struct cvss_metric_info mi;
		if (cvss_metric_info(&c, i, lang, &mi) < 0)
			continue;
		struct val *o = val_obj(a);
		val_set(a, o, "name", val_str_static(a, mi.metric_name));
		val_set(a, o, "value", val_str_static(a, mi.value_name));
		val_push(a, list, o);
	}
	return list;
}

void page_cve(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	const char *id = req_param(r, 0);
	struct db *db = db_thread();
	if (!db) {
		w->status = 503;
		return;
	}
	struct val *cve;
	if (!kb_cve_id_valid(id) || kb_cve_load(db, a, id, &cve) != ERR_OK) {
		w->status = 404;
		return;
	}
	struct val *ctx = page_context(r);
	severity_class(r, cve, val_string(val_get(val_get(cve, "cvss"), "severity")));
	struct val *metrics = val_get(cve, "metrics");
	for (size_t i = 0; metrics && i < metrics->u.a.n; i++) {
		struct val *m = metrics->u.a.items[i];
		severity_class(r, m, val_string(val_get(m, "baseSeverity")));
		val_set(a, m, "words", metric_words(r, val_string(val_get(m, "vectorString"))));
	}
	struct val *epss = val_get(cve, "epss");
	if (epss && epss->kind == VAL_OBJ) {
		val_set_str(a, epss, "score_pct", arena_printf(a, "%.2f%%", val_get(epss, "score")->u.d * 100));
		const struct val *pct = val_get(epss, "percentile");
		if (pct && pct->kind == VAL_REAL)   /* null: the day's file had no percentile */
			val_set_str(a, epss, "percentile_pct", arena_printf(a, "%.1f", pct->u.d * 100));
	}
	const char *origin = val_string(val_get(cve, "origin"));
	val_set_bool(a, cve, "from_cve5", origin && strcmp(origin, "cve5") == 0);
	val_set(a, ctx, "cve", cve);
	val_set(a, ctx, "configs", kb_config_phrases(db, a, val_get(cve, "configurations")));
	page_render(r, w, 200, "cve", "cve.title", ctx);
}

void api_cves(struct request *r, struct response *w)
{
	struct kb_cve_query q;
	const char *bad;
	if (parse_query(r, &q, &bad) != ERR_OK) {
		resp_json_error(w, 400, "invalid", arena_printf(&r->arena, "query parameter %s is not valid", bad));
		return;
	}
	struct db *db = db_thread();
	struct val *res;
	if (!db || kb_cve_search(db, &r->arena, &q, &res) != ERR_OK) {
		resp_json_error(w, 503, "unavailable", "the knowledge base cannot be read now");
		return;
	}
	w->status = 200;
	w->content_type = "application/json";
	val_write_json(res, &w->body);
}

void api_cve(struct request *r, struct response *w)
{
	const char *id = req_param(r, 0);
	if (!kb_cve_id_valid(id)) {
		resp_json_error(w, 400, "invalid", "not a CVE ID (CVE-YYYY-NNNN)");
		return;
	}
	struct db *db = db_thread();
	struct val *cve;
	enum err e = db ? kb_cve_load(db, &r->arena, id, &cve) : ERR_UNAVAILABLE;
	if (e != ERR_OK) {
		resp_json_error(w, http_status_for(e), err_str(e),
				e == ERR_NOT_FOUND ? "this CVE is not in the knowledge base" : "cannot read the CVE");
		return;
	}
	w->status = 200;
	w->content_type = "application/json";
	val_write_json(cve, &w->body);
}
