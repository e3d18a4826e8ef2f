/* Page layout: every HTML response passes through page_render, which wraps the page's
 * own template in templates/layout.html and fills the shared parts from one place. */
#include "web/page.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/csrf.h"
#include "identity/permission.h"

#include <stdio.h>
#include <string.h>

struct val *page_context(struct request *r)
{
	struct arena *a = &r->arena;
	struct val *ctx = val_obj(a);
	val_set_str(a, ctx, "lang", lang_code(r->lang));
	val_set_str(a, ctx, "csrf", csrf_token(r));
	val_set_str(a, ctx, "path", r->path);
	val_set_str(a, ctx, "csrf_field", CSRF_FIELD);
	return ctx;
}

static struct val *language_switch(struct request *r)
{
	struct arena *a = &r->arena;
	struct val *langs = val_arr(a);
	for (int l = 0; l < LANG__MAX; l++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "code", lang_code((enum lang)l));
		val_set(a, o, "label", val_str_static(a, i18n_get((enum lang)l, "lang.self")));
		val_set_bool(a, o, "current", (int)r->lang == l);
		val_push(a, langs, o);
	}
	return langs;
}

/* Who sees a menu entry: N(href, key) entries everyone, NV(href, key, when) some. */
enum nav_when { NAV_ALWAYS, NAV_ANON, NAV_SIGNED_IN, NAV_VANS_USER, NAV_ORG_ADMIN, NAV_OPERATOR };

static bool nav_visible(const struct request *r, enum nav_when when)
{
	switch (when) {
	case NAV_ANON: return !(r->user.roles & ROLE_SIGNED_IN);
	case NAV_SIGNED_IN: return r->user.roles & ROLE_SIGNED_IN;
	case NAV_VANS_USER: return r->user.roles & ROLE_VANS_USER;
	case NAV_ORG_ADMIN: return r->user.roles & ROLE_ORG_ADMIN;
	case NAV_OPERATOR: return r->user.roles & ROLE_OPERATOR;
	default: return true;
	}
}

static struct val *navigation(struct request *r)
{
	struct arena *a = &r->arena;
	static const struct { const char *href, *key; enum nav_when when; } items[] = {
#define N(href, key) { href, key, NAV_ALWAYS },
#define NV(href, key, when) { href, key, when },
#include "web/nav/all.def"
#undef NV
#undef N
	};
	struct val *nav = val_arr(a);
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		if (!nav_visible(r, items[i].when))
			continue;
		struct val *o = val_obj(a);
		val_set_str(a, o, "href", items[i].href);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, items[i].key)));
		size_t n = strlen(items[i].href);
		bool current = strcmp(items[i].href, "/") == 0 ? strcmp(r->path, "/") == 0
			       : strncmp(r->path, items[i].href, n) == 0 && (r->path[n] == '\0' || r->path[n] == '/');
		val_set_bool(a, o, "current", current);
		val_push(a, nav, o);
	}
	return nav;
}

void page_render(struct request *r, struct response *w, int status, const char *name,
		 const char *title_key, struct val *ctx)
{
	struct arena *a = &r->arena;
	if (!ctx)
		ctx = page_context(r);
	struct tmpl_env env = { .lang = r->lang, .asset_url = assets_url };
	struct buf body;
	buf_init(&body, 8 * 1024 * 1024);
	if (tmpl_render(app.tmpl, name, ctx, &env, &body) < 0) {
		buf_free(&body);
		w->status = 500;
		resp_text(w, 500, "text/plain; charset=utf-8", "template error\n", 15);
		return;
	}
	val_set(a, ctx, "title", val_str_static(a, i18n_get(r->lang, title_key)));
	val_set(a, ctx, "body", val_strn(a, body.data ? body.data : "", body.len));
	buf_free(&body);
	val_set(a, ctx, "languages", language_switch(r));
	val_set(a, ctx, "nav", navigation(r));
	if (r->user.roles & ROLE_SIGNED_IN) {
		struct val *u = val_obj(a);
		val_set_str(a, u, "name", r->user.name);
		val_set_str(a, u, "username", r->user.username);
		val_set(a, ctx, "signed_in", u);
	}
	val_set_bool(a, ctx, "anonymous", !(r->user.roles & ROLE_SIGNED_IN) && !r->user.mfa_pending);
	val_set_str(a, ctx, "version", app.version);
	w->status = status;
	w->content_type = "text/html; charset=utf-8";
	buf_reset(&w->body);
	if (tmpl_render(app.tmpl, "layout", ctx, &env, &w->body) < 0)
		resp_text(w, 500, "text/plain; charset=utf-8", "template error\n", 15);
}

void page_error(struct request *r, struct response *w, int status)
{
	struct arena *a = &r->arena;
	int known = status == 400 || status == 401 || status == 403 || status == 404 || status == 405 ||
		    status == 413 || status == 429 || status == 503;
	int shown = known ? status : 500;
	char title[32], message[32];
	snprintf(title, sizeof title, "error.%d.title", shown);
	snprintf(message, sizeof message, "error.%d.message", shown);
	struct val *ctx = page_context(r);
	val_set_int(a, ctx, "status", status);
	val_set(a, ctx, "heading", val_str_static(a, i18n_get(r->lang, title)));
	val_set(a, ctx, "message", val_str_static(a, i18n_get(r->lang, message)));
	val_set_str(a, ctx, "request_id", r->id);
	page_render(r, w, status, "error", title, ctx);
}
