/* The findings JSON API under /api/v1: the list with the page's filters and paging, one
 * finding with its history, triage by PATCH, the dashboard's figures and, for the operator,
 * the overview. Sessions and the organisation's API keys alike; always the caller's org. */
#include "web/pages/vans_findings.h"
#include "web/pages/identity.h"
#include "core/clock.h"
#include "store/db.h"
#include "vans/finding.h"

#include <string.h>

static const char *qget(void *ctx, const char *name)
{
	return req_query(ctx, name);
}

static void json(struct response *w, const struct val *v)
{
	w->status = 200;
	w->content_type = "application/json";
	val_write_json(v, &w->body);
}

void api_vans_findings(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	struct finding_query q;
	const char *bad;
	if (finding_query_parse(&q, a, r->user.org_id, clock_now_unix(), qget, r, &bad) != ERR_OK) {
		resp_json_error(w, 400, "invalid", arena_printf(a, "query parameter %s is not valid", bad));
		return;
	}
	struct val *items;
	int64_t total;
	if (!db || finding_list(db, a, &q, &items, &total) != ERR_OK) {
		resp_json_error(w, 503, "unavailable", "the findings cannot be read now");
		return;
	}
	struct val *out = val_obj(a);
	val_set_int(a, out, "total", total);
	val_set_int(a, out, "page", q.page);
	val_set_int(a, out, "per_page", q.per_page);
	val_set(a, out, "items", items);
	json(w, out);
}

static bool finding_id(struct request *r, struct response *w, int64_t *id)
{
	*id = ui_param_id(r, 0);
	if (!*id) {
		resp_json_error(w, 404, "not_found", "no such finding");
		return false;
	}
	return true;
}

static void answer_finding(struct request *r, struct response *w, int64_t id, int64_t changed)
{
	struct db *db = db_thread();
	struct val *f;
	enum err e = db ? finding_get(db, &r->arena, r->user.org_id, id, clock_now_unix(), &f) : ERR_UNAVAILABLE;
	if (e != ERR_OK) {
		resp_json_error(w, e == ERR_NOT_FOUND ? 404 : 503, e == ERR_NOT_FOUND ? "not_found" : "unavailable",
				e == ERR_NOT_FOUND ? "no such finding" : "the finding cannot be read now");
		return;
	}
	if (changed >= 0)
		val_set_int(&r->arena, f, "changed", changed);
	json(w, f);
}

void api_vans_finding(struct request *r, struct response *w)
{
	int64_t id;
	if (finding_id(r, w, &id))
		answer_finding(r, w, id, -1);
}

static const char *member(const struct val *o, const char *key)
{
	const struct val *v = val_get(o, key);
	return v && v->kind == VAL_STR ? val_string(v) : NULL;
}

void api_vans_finding_triage(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	int64_t id;
	if (!finding_id(r, w, &id))
		return;
	struct val *body;
	char err[160];
	if (val_parse_json(a, r->body.data ? r->body.data : "", r->body.len, &body, err, sizeof err) != 0 ||
	    body->kind != VAL_OBJ) {
		resp_json_error(w, 400, "invalid", "the body must be a JSON object");
		return;
	}
	static const char *const known[] = { "status", "status_until", "vex_justification", "note", "owner", "to_product" };
	for (size_t i = 0; i < body->u.o.n; i++) {
		bool ok = false;
		for (size_t k = 0; k < sizeof known / sizeof known[0] && !ok; k++)
			ok = strcmp(body->u.o.m[i].key, known[k]) == 0;
		if (!ok) {
			resp_json_error(w, 400, "invalid", arena_printf(a, "unknown member %s", body->u.o.m[i].key));
			return;
		}
	}
	struct finding_triage t = { 0 };
	t.status = member(body, "status");
	t.vex_justification = member(body, "vex_justification");
	t.note = member(body, "note");
	t.owner = member(body, "owner");
	const struct val *tp = val_get(body, "to_product");
	t.to_product = tp && tp->kind == VAL_BOOL && tp->u.b;
	const char *until = member(body, "status_until");
	if (until && clock_parse_iso8601(until, strlen(until), &t.status_until) != 0) {
		resp_json_error(w, 400, "invalid", "status_until must be a date (YYYY-MM-DD) or an ISO 8601 time");
		return;
	}
	if (until && strlen(until) == 10)
		t.status_until += 86400 - 8 * 3600;   /* the end of that day in Taiwan, as the page does */
	struct db *db = db_thread();
	size_t changed = 0;
	const char *why = NULL;
	enum err e = db ? finding_triage_apply(db, r->user.org_id, id, r->user.account_id, &t, clock_now_unix(), &changed, &why)
			: ERR_UNAVAILABLE;
	if (e == ERR_NOT_FOUND) {
		resp_json_error(w, 404, "not_found", "no such finding");
		return;
	}
	if (e == ERR_INVALID) {
		static const struct { const char *why, *message; } reasons[] = {
			{ "status", "status must be one of open, in_progress, fixed, risk_accepted, false_positive, not_affected" },
			{ "status_until", "risk_accepted needs status_until in the future" },
			{ "vex_justification", "not_affected needs a CycloneDX vex_justification" },
			{ "note", "note is too long" }, { "owner", "owner is too long" },
			{ "to_product", "the asset has no CPE naming its product" },
		};
		const char *msg = "the decision is not valid";
		for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
			if (why && strcmp(why, reasons[i].why) == 0)
				msg = reasons[i].message;
		resp_json_error(w, 422, "invalid", msg);
		return;
	}
	if (e != ERR_OK) {
		resp_json_error(w, 503, "unavailable", "the finding cannot be changed now");
		return;
	}
	ui_audit(r, "finding.triage", arena_printf(a, "%lld", (long long)id), r->user.org_id,
		 arena_printf(a, "%s%s; %zu changed (api)", t.status, t.to_product ? " (product)" : "", changed));
	answer_finding(r, w, id, (int64_t)changed);
}

void api_vans_dashboard(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct val *dash;
	if (!db || finding_dashboard(db, &r->arena, r->user.org_id, clock_now_unix(), &dash) != ERR_OK) {
		resp_json_error(w, 503, "unavailable", "the dashboard cannot be read now");
		return;
	}
	json(w, dash);
}

void api_vans_overview(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct val *ov;
	if (!db || finding_overview(db, &r->arena, clock_now_unix(), &ov) != ERR_OK) {
		resp_json_error(w, 503, "unavailable", "the overview cannot be read now");
		return;
	}
	json(w, ov);
}
