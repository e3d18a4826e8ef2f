/* The operator's due-date policy: a level × severity grid of days, saved all at once (a bad
 * cell keeps every value and names the cell), audited, and the same grid as JSON. */
#include "web/pages/vans_policy.h"
#include "web/pages/identity.h"
#include "web/page.h"
#include "web/i18n.h"
#include "core/arena.h"
#include "core/buf.h"
#include "vans/due_policy.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

/* {"levels": [{"level": "A", "cells": [{"severity", "days", "field", "value"}…]}…],
 *  "severities": [...]}; when form is given its raw values are shown instead. */
static struct val *grid(struct request *r, const struct due_policy *p, bool from_form)
{
	struct arena *a = &r->arena;
	struct val *o = val_obj(a), *levels = val_arr(a), *sev = val_arr(a);
	for (int v = 0; v < 4; v++)
	{
		struct val *o2 = val_obj(a);
		val_set_str(a, o2, "severity", due_policy_severities[v]);
		val_set(a, o2, "label", val_str_static(a, i18n_get(r->lang, arena_printf(a, "policy.sev.%s",
										       due_policy_severities[v]))));
		val_push(a, sev, o2);
	}
	for (int l = 0; l < 5; l++) {
		struct val *row = val_obj(a), *cells = val_arr(a);
		char level[2] = { DUE_POLICY_LEVELS[l], 0 };
		val_set_str(a, row, "level", level);
		for (int v = 0; v < 4; v++) {
			struct val *c = val_obj(a);
			const char *field = arena_printf(a, "days_%s_%s", level, due_policy_severities[v]);
			val_set_str(a, c, "severity", due_policy_severities[v]);
			val_set(a, c, "label", val_str_static(a, i18n_get(r->lang, arena_printf(a, "policy.sev.%s",
											   due_policy_severities[v]))));
			val_set_str(a, c, "field", field);
			const char *raw = from_form ? req_form(r, field) : NULL;
			if (raw)
				val_set_str(a, c, "value", raw);
			else if (p->days[l][v] > 0)
				val_set_str(a, c, "value", arena_printf(a, "%lld", (long long)p->days[l][v]));
			else
				val_set_str(a, c, "value", "");
			if (!from_form)
				val_set_int(a, c, "days", p->days[l][v]);
			val_push(a, cells, c);
		}
		val_set(a, row, "cells", cells);
		val_push(a, levels, row);
	}
	val_set(a, o, "levels", levels);
	val_set(a, o, "severities", sev);
	return o;
}

static void render(struct request *r, struct response *w, int status, const struct due_policy *p, bool from_form,
		   const char *error)
{
	struct val *ctx = page_context(r);
	val_set(&r->arena, ctx, "policy", grid(r, p, from_form));
	if (error)
		val_set_str(&r->arena, ctx, "error", error);
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "admin_due_policy", "policy.title", ctx);
}

void page_admin_due_policy(struct request *r, struct response *w)
{
	struct due_policy p;
	struct db *db = db_thread();
	if (!db || due_policy_load(db, &p) != ERR_OK) {
		page_error(r, w, 503);
		return;
	}
	render(r, w, 200, &p, false, NULL);
}

void page_admin_due_policy_save(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct due_policy p;
	if (!db || due_policy_load(db, &p) != ERR_OK) {
		page_error(r, w, 503);
		return;
	}
	struct due_policy_entry e[20];
	size_t n = 0;
	struct buf detail;
	buf_init(&detail, 4096);
	for (int l = 0; l < 5; l++)
		for (int v = 0; v < 4; v++) {
			char level[2] = { DUE_POLICY_LEVELS[l], 0 };
			const char *field = arena_printf(&r->arena, "days_%s_%s", level, due_policy_severities[v]);
			const char *raw = req_form(r, field);
			char err[200];
			int64_t days;
			if (due_policy_check(level, due_policy_severities[v], raw ? raw : "", &days, err, sizeof err) != ERR_OK) {
				buf_free(&detail);
				const char *sev = i18n_get(r->lang, arena_printf(&r->arena, "policy.sev.%s", due_policy_severities[v]));
				const char *msg = arena_printf(&r->arena, "%s %s / %s (%s): %s", i18n_get(r->lang, "policy.error"),
							       level, sev, due_policy_severities[v], raw && *raw ? raw : "—");
				render(r, w, 422, &p, true, msg);
				return;
			}
			e[n++] = (struct due_policy_entry){ DUE_POLICY_LEVELS[l], due_policy_severities[v], days };
			if (days != p.days[l][v])
				buf_printf(&detail, "%s%s/%s %lld→%lld", detail.len ? ", " : "", level,
					   due_policy_severities[v], (long long)p.days[l][v], (long long)days);
		}
	enum err rc = due_policy_set(db, e, n);
	if (rc != ERR_OK) {
		buf_free(&detail);
		page_error(r, w, 503);
		return;
	}
	if (detail.len)
		ui_audit(r, "due_policy.update", "due_policy", 0, detail.data);
	buf_free(&detail);
	ui_flash(r, w, "policy.saved");
	resp_redirect(r, w, 303, "/admin/due-policy");
}

void api_admin_due_policy(struct request *r, struct response *w)
{
	struct due_policy p;
	struct db *db = db_thread();
	if (!db || due_policy_load(db, &p) != ERR_OK) {
		resp_json_error(w, 503, "unavailable", "the policy cannot be read now");
		return;
	}
	struct arena *a = &r->arena;
	struct val *o = val_obj(a), *levels = val_obj(a);
	for (int l = 0; l < 5; l++) {
		struct val *row = val_obj(a);
		for (int v = 0; v < 4; v++)
			if (p.days[l][v] > 0)
				val_set_int(a, row, due_policy_severities[v], p.days[l][v]);
		char level[2] = { DUE_POLICY_LEVELS[l], 0 };
		val_set(a, levels, level, row);
	}
	val_set(a, o, "days_by_level", levels);
	val_set_str(a, o, "applies_to", "findings found after the change whose CVE is not in KEV");
	w->status = 200;
	w->content_type = "application/json";
	val_write_json(o, &w->body);
}
