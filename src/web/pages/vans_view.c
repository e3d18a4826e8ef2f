/* Presentation helpers of the findings pages (vans_view.h): one place for the words and
 * colours of severities and statuses, so the pages, the exports and the charts agree. */
#include "web/pages/vans_view.h"
#include "web/form.h"
#include "core/buf.h"
#include "core/clock.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *vans_severity_label(struct request *r, const char *severity)
{
	const char *key = arena_printf(&r->arena, "findings.sev.%s", severity ? severity : "NONE");
	const char *m = i18n_lookup(r->lang, key, strlen(key));
	return m ? m : i18n_get(r->lang, "findings.sev.NONE");
}

const char *vans_severity_color(const char *severity)
{
	if (!severity)
		return "#6b7785";
	if (strcmp(severity, "CRITICAL") == 0)
		return "#7a0010";
	if (strcmp(severity, "HIGH") == 0)
		return "#c2410c";
	if (strcmp(severity, "MEDIUM") == 0)
		return "#b58100";
	if (strcmp(severity, "LOW") == 0)
		return "#1b6e3a";
	return "#6b7785";
}

void vans_decorate_severity(struct request *r, struct val *o)
{
	struct arena *a = &r->arena;
	const char *s = val_string(val_get(o, "severity"));
	char cls[16] = "none";
	if (s && strcmp(s, "NONE") != 0) {
		size_t i = 0;
		for (; i < sizeof cls - 1 && s[i]; i++)
			cls[i] = (char)tolower((unsigned char)s[i]);
		cls[i] = '\0';
	}
	val_set_str(a, o, "severity_class", cls);
	val_set(a, o, "severity_label", val_str_static(a, vans_severity_label(r, s)));
	const struct val *score = val_get(o, "cvss_score");
	if (score && score->kind == VAL_REAL)
		val_set_str(a, o, "cvss_text", arena_printf(a, "%.1f", score->u.d));
	const struct val *epss = val_get(o, "epss");
	if (epss && epss->kind == VAL_REAL)
		val_set_str(a, o, "epss_text", arena_printf(a, "%.1f%%", epss->u.d * 100));
}

static const char *shifted(struct request *r, const char *iso, bool with_time)
{
	int64_t t;
	if (!iso || clock_parse_iso8601(iso, strlen(iso), &t) != 0)
		return "";
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&tt, &tm);
	char buf[32];
	if (with_time)
		strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	else
		strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
	return arena_strdup(&r->arena, buf);
}

const char *vans_local_time(struct request *r, const char *iso)
{
	return shifted(r, iso, true);
}

const char *vans_local_date(struct request *r, const char *iso)
{
	return shifted(r, iso, false);
}

const char *vans_url_encode(struct request *r, const char *s)
{
	struct buf b;
	buf_init(&b, 4096);
	url_encode(&b, s ? s : "", s ? strlen(s) : 0);
	const char *out = arena_strndup(&r->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

const char *vans_status_label(struct request *r, const char *status)
{
	const char *key = arena_printf(&r->arena, "findings.status.%s", status ? status : "");
	const char *m = i18n_lookup(r->lang, key, strlen(key));
	return m ? m : status;
}

void vans_decorate_finding(struct request *r, struct val *f)
{
	struct arena *a = &r->arena;
	vans_decorate_severity(r, f);
	const char *status = val_string(val_get(f, "status"));
	val_set(a, f, "status_label", val_str_static(a, vans_status_label(r, status)));
	val_set_str(a, f, "status_class", status);
	static const char *const times[][2] = { { "due_at", "due_date" }, { "first_seen", "first_seen_date" },
						{ "last_seen", "last_seen_date" }, { "status_until", "status_until_date" },
						{ "inactive_since", "inactive_since_date" } };
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		const char *iso = val_string(val_get(f, times[i][0]));
		if (iso)
			val_set_str(a, f, times[i][1], vans_local_date(r, iso));
	}
	const char *first = val_string(val_get(f, "first_seen")), *last = val_string(val_get(f, "last_seen"));
	if (first)
		val_set_str(a, f, "first_seen_local", vans_local_time(r, first));
	if (last)
		val_set_str(a, f, "last_seen_local", vans_local_time(r, last));
	const char *just = val_string(val_get(f, "vex_justification"));
	if (just && *just)
		val_set(a, f, "justification_label",
			val_str_static(a, i18n_get(r->lang, arena_printf(a, "finding.just.%s", just))));
	struct val *asset = val_get(f, "asset");
	const char *cat = val_string(val_get(asset, "category"));
	if (cat)
		val_set(a, asset, "category_label",
			val_str_static(a, i18n_get(r->lang, arena_printf(a, "findings.category.%s", cat))));
	int64_t conf = val_get(f, "confidence")->u.i;
	val_set_str(a, f, "confidence_class", conf >= 90 ? "high" : conf >= 80 ? "mid" : "low");
	val_set_str(a, f, "href", arena_printf(a, "/findings/%lld", (long long)val_get(f, "id")->u.i));
}

void vans_decorate_event(struct request *r, struct val *e)
{
	struct arena *a = &r->arena;
	const char *at = val_string(val_get(e, "at"));
	val_set_str(a, e, "at_local", vans_local_time(r, at));
	const char *kind = val_string(val_get(e, "kind"));
	const char *key = arena_printf(a, "finding.event.%s", kind ? kind : "");
	const char *m = i18n_lookup(r->lang, key, strlen(key));
	val_set(a, e, "kind_label", val_str_static(a, m ? m : kind));
	const char *detail = val_string(val_get(e, "detail"));
	if (!val_get(e, "by_username"))
		val_set(a, e, "by_system", val_str_static(a, i18n_get(r->lang, detail && strstr(detail, "api_key")
										 ? "finding.by.apikey" : "finding.by.system")));
	/* status values carry their words ("risk_accepted until 2026-…") */
	static const char *const fields[] = { "old_value", "new_value" };
	for (size_t i = 0; kind && strcmp(kind, "status") == 0 && i < 2; i++) {
		const char *v = val_string(val_get(e, fields[i]));
		if (!v)
			continue;
		size_t n = strcspn(v, " :");
		char name[32];
		snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), v);
		const char *rest = v + n, *words = "";
		if (strncmp(rest, ": ", 2) == 0 && finding_vex_justification_valid(rest + 2))
			words = arena_printf(a, "（%s）", i18n_get(r->lang, arena_printf(a, "finding.just.%s", rest + 2)));
		else if (strncmp(rest, " until ", 7) == 0)
			words = arena_printf(a, "（%s %s）", i18n_get(r->lang, "finding.until.short"), rest + 7);
		else
			words = rest;
		val_set_str(a, e, fields[i], arena_printf(a, "%s%s", vans_status_label(r, name), words));
	}
	val_set_bool(a, e, "is_rule", detail && strncmp(detail, "rule ", 5) == 0);
}

struct val *vans_triage_form(struct request *r, const struct val *f)
{
	struct arena *a = &r->arena;
	struct val *form = val_obj(a);
	const char *status = f ? val_string(val_get(f, "status")) : req_form(r, "status");
	const char *just = f ? val_string(val_get(f, "vex_justification")) : req_form(r, "justification");
	struct val *st = val_arr(a);
	for (int i = 0; i < FINDING_STATUS__MAX; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "value", finding_status_names[i]);
		val_set(a, o, "label", val_str_static(a, vans_status_label(r, finding_status_names[i])));
		val_set_bool(a, o, "selected", status && strcmp(status, finding_status_names[i]) == 0);
		val_push(a, st, o);
	}
	val_set(a, form, "statuses", st);
	struct val *js = val_arr(a);
	for (size_t i = 0; i < finding_vex_justification_count; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "value", finding_vex_justifications[i]);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, arena_printf(a, "finding.just.%s",
											finding_vex_justifications[i]))));
		val_set_bool(a, o, "selected", just && strcmp(just, finding_vex_justifications[i]) == 0);
		val_push(a, js, o);
	}
	val_set(a, form, "justifications", js);
	val_set_str(a, form, "note", f ? val_string(val_get(f, "note")) : req_form(r, "note"));
	val_set_str(a, form, "owner", f ? val_string(val_get(f, "owner")) : req_form(r, "owner"));
	const char *until = f ? val_string(val_get(f, "status_until_date")) : req_form(r, "until");
	val_set_str(a, form, "until", until);
	return form;
}

enum err vans_triage_from_form(struct request *r, struct finding_triage *t, const char **why)
{
	memset(t, 0, sizeof *t);
	t->status = req_form(r, "status");
	t->vex_justification = req_form(r, "justification");
	t->note = req_form(r, "note");
	t->owner = req_form(r, "owner");   /* absent: unchanged; empty: cleared */
	const char *tp = req_form(r, "to_product");
	t->to_product = tp && strcmp(tp, "1") == 0;
	const char *until = req_form(r, "until");
	if (t->status && strcmp(t->status, "risk_accepted") == 0) {
		int64_t u;
		if (!until || strlen(until) != 10 || clock_parse_iso8601(until, 10, &u) != 0) {
			*why = "status_until";
			return ERR_INVALID;
		}
		t->status_until = u + 86400 - 8 * 3600;   /* to the end of that day in Taiwan */
	}
	return ERR_OK;
}
