/* Review of permission requests (seed 000 §2.5, 圖 14–18): an organisation administrator
 * sees and decides the general-permission requests of their own organisation only; the
 * platform operator sees and decides organisation-administrator requests with the signed
 * application form. Every query is scoped by the caller, never by an id from the URL alone. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/page.h"
#include "identity/account.h"
#include "identity/permission.h"
#include "outbox/outbox.h"

#include <stdio.h>
#include <string.h>

/* The menu of the organisation administrator's pages, or of the operator's. */
void ui_subnav(struct request *r, struct val *ctx, bool operator_pages);

void ui_subnav(struct request *r, struct val *ctx, bool operator_pages)
{
	static const struct { const char *href, *key; } org[] = {
		{ "/org/reviews", "org.nav.reviews" }, { "/org/permissions", "org.nav.permissions" },
		{ "/org/accounts", "org.nav.accounts" }, { "/org/disabled", "org.nav.disabled" },
		{ "/org/apikeys", "org.nav.apikeys" }, { "/org/webhook", "org.nav.webhook" },
		{ "/org/audit", "org.nav.audit" },
	}, op[] = {
		{ "/admin/reviews", "admin.nav.reviews" }, { "/admin/orgs", "admin.nav.orgs" },
		{ "/admin/audit", "admin.nav.audit" },
	};
	struct arena *a = &r->arena;
	struct val *list = val_arr(a);
	size_t n = operator_pages ? sizeof op / sizeof op[0] : sizeof org / sizeof org[0];
	for (size_t i = 0; i < n; i++) {
		const char *href = operator_pages ? op[i].href : org[i].href, *key = operator_pages ? op[i].key : org[i].key;
		struct val *o = val_obj(a);
		val_set_str(a, o, "href", href);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, key)));
		val_set_bool(a, o, "current", strncmp(r->path, href, strlen(href)) == 0);
		val_push(a, list, o);
	}
	val_set(a, ctx, "subnav", list);
	val_set(a, ctx, "subnav_label",
		val_str_static(a, i18n_get(r->lang, operator_pages ? "admin.heading" : "org.heading")));
	val_set(a, ctx, "breadcrumb",
		val_str_static(a, i18n_get(r->lang, operator_pages ? "admin.heading" : "org.heading")));
}

static struct val *perm_row(struct request *r, const struct perm *p, const char *base)
{
	struct arena *a = &r->arena;
	struct val *o = val_obj(a);
	val_set_str(a, o, "org_name", p->org_name);
	val_set_str(a, o, "name", p->name);
	val_set_str(a, o, "username", p->username);
	val_set(a, o, "module_label", val_str_static(a, i18n_get(r->lang, "module.vans")));
	val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, ui_perm_key(r, p->module, p->permission))));
	val_set_str(a, o, "requested", ui_time(r, p->requested_at));
	val_set_str(a, o, "href", arena_printf(a, "%s/%lld", base, (long long)p->id));
	val_set_bool(a, o, "has_scan", p->has_scan);
	return o;
}

static void list_page(struct request *r, struct response *w, bool op)
{
	struct db *db = db_thread();
	struct arena *a = &r->arena;
	struct perm *list;
	size_t n;
	/* administrators: general permissions of their organisation; the operator: every
	 * organisation-administrator request */
	if (!db || perm_pending(db, a, op ? 0 : r->user.org_id, "vans", op ? "org_admin" : "general", &list, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_subnav(r, ctx, op);
	val_set(a, ctx, "heading", val_str_static(a, i18n_get(r->lang, op ? "admin.reviews.heading" : "org.reviews.heading")));
	struct val *pending = val_arr(a), *removal = val_arr(a);
	for (size_t i = 0; i < n; i++)
		val_push(a, strcmp(list[i].status, "pending") ? removal : pending,
			 perm_row(r, &list[i], op ? "/admin/reviews" : "/org/reviews"));
	val_set(a, ctx, "pending", pending);
	val_set(a, ctx, "removal", removal);
	val_set_bool(a, ctx, "has_pending", pending->u.a.n > 0);
	val_set_bool(a, ctx, "has_removal", removal->u.a.n > 0);
	ui_take_flash(r, w, ctx);
	page_render(r, w, 200, "reviews", op ? "admin.reviews.title" : "org.reviews.title", ctx);
}

void page_org_reviews(struct request *r, struct response *w)
{
	list_page(r, w, false);
}

void page_admin_reviews(struct request *r, struct response *w)
{
	list_page(r, w, true);
}

/* The request of the URL if this caller may review it: administrators only general
 * permissions of their own organisation, the operator only administrator requests. */
static bool reviewable(struct request *r, bool op, struct perm *p)
{
	struct db *db = db_thread();
	int64_t id = ui_param_id(r, 0);
	if (!db || !id || perm_get(db, &r->arena, id, p) != ERR_OK)
		return false;
	const struct perm_def *d = perm_def_find(p->module, p->permission);
	if (!d || p->account_id == r->user.account_id)
		return false; /* nobody reviews their own request */
	if (op)
		return d->operator_reviews;
	return !d->operator_reviews && p->org_id == r->user.org_id && r->user.org_id != 0;
}

static void detail_page(struct request *r, struct response *w, bool op)
{
	struct perm p;
	struct account app_acct;
	struct db *db = db_thread();
	if (!reviewable(r, op, &p) || account_get(db, &r->arena, p.account_id, &app_acct) != ERR_OK) {
		w->status = 404;
		return;
	}
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_subnav(r, ctx, op);
	const char *base = op ? "/admin/reviews" : "/org/reviews";
	val_set_str(a, ctx, "back", base);
	val_set_str(a, ctx, "action", arena_printf(a, "%s/%lld", base, (long long)p.id));
	val_set_str(a, ctx, "status", p.status);
	val_set(a, ctx, "status_label", val_str_static(a, i18n_get(r->lang, ui_status_key(p.status))));
	val_set(a, ctx, "kind_label", val_str_static(a, i18n_get(r->lang, strcmp(p.status, "removal_pending")
										  ? "review.kind.apply"
										  : "review.kind.remove")));
	val_set(a, ctx, "module_label", val_str_static(a, i18n_get(r->lang, "module.vans")));
	val_set(a, ctx, "label", val_str_static(a, i18n_get(r->lang, ui_perm_key(r, p.module, p.permission))));
	val_set_str(a, ctx, "requested", ui_time(r, p.requested_at));
	struct val *ap = val_obj(a);
	val_set_str(a, ap, "org_identifier", p.org_identifier);
	val_set_str(a, ap, "org_name", p.org_name);
	val_set_str(a, ap, "username", app_acct.username);
	val_set_str(a, ap, "name", app_acct.name);
	val_set_str(a, ap, "mobile", app_acct.mobile);
	val_set_str(a, ap, "email", app_acct.email);
	val_set_str(a, ap, "department", app_acct.department);
	val_set_str(a, ap, "title", app_acct.title);
	val_set_str(a, ap, "address", app_acct.address);
	val_set_str(a, ap, "phone", app_acct.phone);
	val_set_str(a, ap, "extension", app_acct.extension);
	val_set_str(a, ap, "fax", app_acct.fax);
	val_set(a, ctx, "app", ap);
	val_set_bool(a, ctx, "open", !strcmp(p.status, "pending") || !strcmp(p.status, "removal_pending"));
	const struct perm_def *d = perm_def_find(p.module, p.permission);
	val_set_bool(a, ctx, "needs_form", d->needs_form);
	if (p.has_scan)
		val_set_str(a, ctx, "scan_url", arena_printf(a, "/admin/reviews/%lld/scan", (long long)p.id));
	else
		val_set_bool(a, ctx, "scan_url", false);
	page_render(r, w, 200, "review", op ? "admin.reviews.title" : "org.reviews.title", ctx);
}

void page_org_review(struct request *r, struct response *w)
{
	detail_page(r, w, false);
}

void page_admin_review(struct request *r, struct response *w)
{
	detail_page(r, w, true);
}

/* The applicant's e-mail about a decision, in the reviewer's language. */
static void notify(struct request *r, const struct account *to, const struct perm *p, const char *new_status)
{
	const char *perm = i18n_get(r->lang, ui_perm_key(r, p->module, p->permission));
	const char *what = i18n_get(r->lang, ui_status_key(new_status));
	const char *body = ui_msg(r, "mail.decision.body", "name", to->name);
	const char *at = strstr(body, "{permission}");
	if (at)
		body = arena_printf(&r->arena, "%.*s%s%s", (int)(at - body), body, perm, at + 12);
	at = strstr(body, "{status}");
	if (at)
		body = arena_printf(&r->arena, "%.*s%s%s", (int)(at - body), body, what, at + 8);
	body = arena_printf(&r->arena, "%s\n\n%s/account\n\n%s\n", body, app.cfg->base_url, i18n_get(r->lang, "mail.footer"));
	outbox_enqueue(db_thread(), "email", to->email, ui_msg(r, "mail.decision.subject", "status", what), body, NULL);
}

static void decide(struct request *r, struct response *w, bool op)
{
	struct perm p;
	struct account applicant;
	struct db *db = db_thread();
	if (!reviewable(r, op, &p) || account_get(db, &r->arena, p.account_id, &applicant) != ERR_OK) {
		w->status = 404;
		return;
	}
	const char *decision = req_form(r, "decision");
	if (!decision || (strcmp(decision, "accept") && strcmp(decision, "reject"))) {
		w->status = 400;
		return;
	}
	bool accept = !strcmp(decision, "accept");
	const char *to;
	enum err e = perm_decide(db, &p, accept, r->user.account_id, &to);
	const char *base = op ? "/admin/reviews" : "/org/reviews";
	if (e != ERR_OK) {
		ui_flash(r, w, "flash.already_decided");
		ui_redirect(r, w, base);
		return;
	}
	ui_audit(r, accept ? "permission.accept" : "permission.reject", applicant.username, p.org_id,
		 arena_printf(&r->arena, "%s:%s %s→%s", p.module, p.permission, p.status, to));
	/* the seed: an accepted request is mailed, a rejected one not (review_reject_mail) */
	if (accept || app.cfg->review_reject_mail)
		notify(r, &applicant, &p, to);
	ui_flash(r, w, accept ? "flash.accepted" : "flash.rejected");
	ui_redirect(r, w, base);
}

void page_org_review_post(struct request *r, struct response *w)
{
	decide(r, w, false);
}

void page_admin_review_post(struct request *r, struct response *w)
{
	decide(r, w, true);
}

void page_admin_review_scan(struct request *r, struct response *w)
{
	struct perm p;
	const char *name, *type;
	const void *data;
	size_t len;
	if (!reviewable(r, true, &p) || perm_scan(db_thread(), &r->arena, p.id, &name, &type, &data, &len) != ERR_OK) {
		w->status = 404;
		return;
	}
	resp_text(w, 200, type, data, len);
	/* the type is the one its first bytes showed (PDF, PNG, JPEG), sent with nosniff */
	resp_header(r, w, "Content-Disposition", "inline; filename=\"scan\"");
}
