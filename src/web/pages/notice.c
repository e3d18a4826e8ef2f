/* Notice pages: the signed-in user's notifications (list, mark read, all read) and e-mail
 * choice (immediate, daily digest, off), and the organisation administrator's webhook (URL,
 * a secret shown once, regenerate, disable, send a test). Everything is scoped by the
 * caller's account or organisation. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/page.h"
#include "core/clock.h"
#include "identity/permission.h"
#include "vans/notice.h"

#include <stdio.h>
#include <string.h>

/* "{n}" and "{u}" of a message replaced with numbers. */
static const char *counted(struct request *r, const char *key, size_t n, size_t u)
{
	const char *m = i18n_get(r->lang, key);
	struct buf b;
	buf_init(&b, 4096);
	for (const char *p = m; *p; p++) {
		if (!strncmp(p, "{n}", 3)) {
			buf_printf(&b, "%zu", n);
			p += 2;
		} else if (!strncmp(p, "{u}", 3)) {
			buf_printf(&b, "%zu", u);
			p += 2;
		} else {
			buf_putc(&b, *p);
		}
	}
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static const char *severity_key(const char *s)
{
	if (!strcmp(s, "CRITICAL"))
		return "notice.sev.critical";
	if (!strcmp(s, "HIGH"))
		return "notice.sev.high";
	if (!strcmp(s, "MEDIUM"))
		return "notice.sev.medium";
	if (!strcmp(s, "LOW"))
		return "notice.sev.low";
	return "notice.sev.none";
}

/* The body's lines (urgent TAB cve TAB severity TAB asset TAB finding id [TAB reason]) as
 * list items. */
static struct val *lines(struct request *r, const char *body, size_t *n, size_t *urgent)
{
	struct arena *a = &r->arena;
	struct val *list = val_arr(a);
	*n = *urgent = 0;
	for (const char *p = body; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *f[6];
		size_t fl[6], k = 0;
		const char *q = p;
		while (k < 6) {
			const char *tab = memchr(q, '\t', (size_t)(p + len - q));
			f[k] = q;
			fl[k] = tab ? (size_t)(tab - q) : (size_t)(p + len - q);
			k++;
			if (!tab)
				break;
			q = tab + 1;
		}
		if (k >= 5) {
			struct val *o = val_obj(a);
			bool u = fl[0] == 1 && f[0][0] == '1';
			val_set_bool(a, o, "urgent", u);
			val_set(a, o, "cve", val_strn(a, f[1], fl[1]));
			const char *sev = arena_strndup(a, f[2], fl[2]);
			val_set(a, o, "severity", val_str_static(a, i18n_get(r->lang, severity_key(sev))));
			val_set(a, o, "asset", val_strn(a, f[3], fl[3]));
			val_set_str(a, o, "href", arena_printf(a, "/findings/%.*s", (int)fl[4], f[4]));
			const char *reason = k == 6 ? arena_strndup(a, f[5], fl[5]) : "new";
			bool known = !strcmp(reason, "reactivated") || !strcmp(reason, "kev") || !strcmp(reason, "changed");
			val_set(a, o, "reason",
				val_str_static(a, i18n_get(r->lang, known ? arena_printf(a, "notice.reason.%s", reason)
									  : "notice.reason.new")));
			val_push(a, list, o);
			(*n)++;
			*urgent += u;
		}
		p += len + (end ? 1 : 0);
	}
	return list;
}

void page_notifications(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct arena *a = &r->arena;
	struct notification *list;
	size_t n;
	if (!db || notice_list(db, a, r->user.account_id, 100, &list, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = page_context(r), *items = val_arr(a);
	size_t unread = 0;
	for (size_t i = 0; i < n; i++) {
		struct val *o = val_obj(a);
		size_t count, urgent;
		val_set_int(a, o, "id", list[i].id);
		val_set(a, o, "lines", lines(r, list[i].body, &count, &urgent));
		const char *title = list[i].title;
		if (!strncmp(title, "notice.", 7) && i18n_lookup(r->lang, title, strlen(title)))
			title = counted(r, title, count, urgent);
		val_set_str(a, o, "title", title);
		val_set_bool(a, o, "urgent", list[i].urgent);
		val_set_bool(a, o, "read", list[i].read_at != 0);
		val_set_str(a, o, "time", ui_time(r, list[i].created_at));
		val_set_str(a, o, "link", list[i].link);
		unread += list[i].read_at == 0;
		val_push(a, items, o);
	}
	val_set(a, ctx, "items", items);
	val_set_bool(a, ctx, "has_items", n > 0);
	val_set_int(a, ctx, "unread", (int64_t)unread);
	val_set_bool(a, ctx, "vans_user", r->user.roles & (ROLE_VANS_USER | ROLE_ORG_ADMIN));
	ui_take_flash(r, w, ctx);
	page_render(r, w, 200, "notifications", "notice.list.title", ctx);
}

void page_notification_read_post(struct request *r, struct response *w)
{
	int64_t id = ui_param_id(r, 0);
	if (!id || notice_mark_read(db_thread(), r->user.account_id, id, clock_now_unix()) != ERR_OK) {
		w->status = 404;
		return;
	}
	ui_redirect(r, w, "/notifications");
}

void page_notifications_read_all_post(struct request *r, struct response *w)
{
	if (notice_mark_all_read(db_thread(), r->user.account_id, clock_now_unix()) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_flash(r, w, "flash.notice_all_read");
	ui_redirect(r, w, "/notifications");
}

static void prefs_page(struct request *r, struct response *w, int status, const char *current, bool bad)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r), *choices = val_arr(a);
	static const char *const values[] = { "immediate", "daily", "off" };
	for (size_t i = 0; i < 3; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "value", values[i]);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, arena_printf(a, "notice.prefs.%s", values[i]))));
		val_set(a, o, "hint",
			val_str_static(a, i18n_get(r->lang, arena_printf(a, "notice.prefs.%s.hint", values[i]))));
		val_set_bool(a, o, "checked", !strcmp(current, values[i]));
		val_push(a, choices, o);
	}
	val_set(a, ctx, "choices", choices);
	val_set_bool(a, ctx, "bad", bad);
	val_set_bool(a, ctx, "vans_user", r->user.roles & (ROLE_VANS_USER | ROLE_ORG_ADMIN));
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "notice_prefs", "notice.prefs.title", ctx);
}

void page_notice_prefs(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	if (!db) {
		w->status = 500;
		return;
	}
	prefs_page(r, w, 200, notice_pref_get(db, &r->arena, r->user.account_id), false);
}

void page_notice_prefs_post(struct request *r, struct response *w)
{
	const char *email = req_form(r, "email");
	enum err e = notice_pref_set(db_thread(), r->user.account_id, email);
	if (e == ERR_INVALID) {
		prefs_page(r, w, 422, "daily", true);
		return;
	}
	if (e != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_flash(r, w, "flash.notice_prefs_saved");
	ui_redirect(r, w, "/notifications/preferences");
}

/* ---- the organisation's webhook ---- */

void ui_subnav(struct request *r, struct val *ctx, bool operator_pages);

static void webhook_page(struct request *r, struct response *w, int status, const char *url_value,
			 const char *new_secret, const char *err_key)
{
	struct db *db = db_thread();
	struct arena *a = &r->arena;
	struct notice_webhook hook;
	if (!db || notice_webhook_get(db, a, r->user.org_id, &hook) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_subnav(r, ctx, false);
	val_set_bool(a, ctx, "exists", hook.exists);
	val_set_bool(a, ctx, "enabled", hook.exists && hook.enabled);
	val_set_str(a, ctx, "url", hook.url);
	val_set_str(a, ctx, "created", ui_time(r, hook.created_at));
	val_set(a, ctx, "status_label",
		val_str_static(a, i18n_get(r->lang, !hook.exists    ? "notice.webhook.none"
						       : hook.enabled ? "notice.webhook.on"
								      : "notice.webhook.off")));
	ui_field(&f, "url", "url", "notice.webhook.url", "notice.webhook.url_hint", url_value ? url_value : hook.url,
		 UI_REQUIRED, "off");
	if (err_key)
		ui_error(&f, "url", err_key);
	if (new_secret)
		val_set_str(a, ctx, "new_secret", new_secret);
	else
		val_set_bool(a, ctx, "new_secret", false);
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "org_webhook", "notice.webhook.title", ctx);
}

void page_org_webhook(struct request *r, struct response *w)
{
	webhook_page(r, w, 200, NULL, NULL, NULL);
}

static void save(struct request *r, struct response *w, const char *url, bool regenerate)
{
	if (!notice_webhook_url_valid(url)) {
		webhook_page(r, w, 422, url, NULL, "notice.webhook.url_bad");
		return;
	}
	char secret[NOTICE_SECRET_LEN + 1];
	if (notice_webhook_save(db_thread(), r->user.org_id, url, regenerate, clock_now_unix(), secret) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, regenerate ? "webhook.secret" : "webhook.set", url, r->user.org_id, "");
	if (!*secret) {
		ui_flash(r, w, "flash.webhook_saved");
		ui_redirect(r, w, "/org/webhook");
		return;
	}
	/* shown once, in this response only */
	webhook_page(r, w, 201, NULL, arena_strdup(&r->arena, secret), NULL);
}

void page_org_webhook_post(struct request *r, struct response *w)
{
	save(r, w, req_form(r, "url"), false);
}

void page_org_webhook_secret_post(struct request *r, struct response *w)
{
	struct notice_webhook hook;
	if (notice_webhook_get(db_thread(), &r->arena, r->user.org_id, &hook) != ERR_OK || !hook.exists) {
		w->status = 404;
		return;
	}
	save(r, w, hook.url, true);
}

void page_org_webhook_disable_post(struct request *r, struct response *w)
{
	if (notice_webhook_disable(db_thread(), r->user.org_id) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "webhook.disable", "", r->user.org_id, "");
	ui_flash(r, w, "flash.webhook_disabled");
	ui_redirect(r, w, "/org/webhook");
}

void page_org_webhook_test_post(struct request *r, struct response *w)
{
	enum err e = notice_webhook_test(db_thread(), app.cfg, r->user.org_id, clock_now_unix());
	if (e != ERR_OK && e != ERR_NOT_FOUND) {
		w->status = 500;
		return;
	}
	ui_flash(r, w, e == ERR_OK ? "flash.webhook_test_queued" : "flash.webhook_none");
	ui_redirect(r, w, "/org/webhook");
}
