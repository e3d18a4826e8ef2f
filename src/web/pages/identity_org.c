/* The organisation administrator's lists (系統權限列表, accounts, 已停用帳號列表 with
 * re-enable, API Key管理, audit log) and the operator's (organisations with add and grant,
 * the whole audit log). Lists of an organisation always use the caller's organisation. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/page.h"
#include "identity/account.h"
#include "identity/apikey.h"
#include "identity/audit.h"
#include "identity/org.h"
#include "identity/permission.h"

#include <stdio.h>
#include <string.h>

void ui_subnav(struct request *r, struct val *ctx, bool operator_pages);

struct table {
	struct request *r;
	struct val *ctx, *rows;
};

static void table_init(struct table *t, struct request *r, struct val *ctx, const char *const *col_keys, size_t ncols,
		       const char *empty_key)
{
	struct arena *a = &r->arena;
	t->r = r;
	t->ctx = ctx;
	t->rows = val_arr(a);
	struct val *cols = val_arr(a);
	for (size_t i = 0; i < ncols; i++)
		val_push(a, cols, val_str_static(a, i18n_get(r->lang, col_keys[i])));
	val_set(a, ctx, "columns", cols);
	val_set(a, ctx, "rows", t->rows);
	val_set_bool(a, ctx, "has_rows", false);
	val_set(a, ctx, "empty", val_str_static(a, i18n_get(r->lang, empty_key)));
	val_set_bool(a, ctx, "create_form", false);
	val_set_bool(a, ctx, "new_key", false);
}

/* A row of cells (NULL-terminated), with an optional action button. */
static struct val *table_row(struct table *t, const char *const *cells)
{
	struct arena *a = &t->r->arena;
	struct val *row = val_obj(a), *c = val_arr(a);
	for (size_t i = 0; cells[i]; i++)
		val_push(a, c, val_str(a, cells[i]));
	val_set(a, row, "cells", c);
	val_set_bool(a, row, "action", false);
	val_push(a, t->rows, row);
	val_set_bool(a, t->ctx, "has_rows", true);
	return row;
}

static void row_action(struct table *t, struct val *row, const char *action, const char *op, const char *label_key,
		       const char *style)
{
	struct arena *a = &t->r->arena;
	val_set_str(a, row, "action", action);
	val_set_str(a, row, "op", op);
	val_set(a, row, "action_label", val_str_static(a, i18n_get(t->r->lang, label_key)));
	val_set_str(a, row, "style", style);
}

static struct val *list_ctx(struct request *r, bool op, const char *heading_key)
{
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_subnav(r, ctx, op);
	val_set(&r->arena, ctx, "heading", val_str_static(&r->arena, i18n_get(r->lang, heading_key)));
	return ctx;
}

void page_org_permissions(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct perm *list;
	size_t n;
	if (!db || perm_list_org(db, &r->arena, r->user.org_id, &list, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = list_ctx(r, false, "org.permissions.heading");
	static const char *const cols[] = { "field.name", "field.username", "perm.col.module", "perm.col.permission",
					    "perm.col.status", "review.col.decided", "perm.col.action" };
	struct table t;
	table_init(&t, r, ctx, cols, 7, "org.permissions.none");
	for (size_t i = 0; i < n; i++) {
		const char *cells[] = { list[i].name, list[i].username, i18n_get(r->lang, "module.vans"),
					i18n_get(r->lang, ui_perm_key(r, list[i].module, list[i].permission)),
					i18n_get(r->lang, ui_status_key(list[i].status)), ui_time(r, list[i].decided_at), NULL };
		table_row(&t, cells);
	}
	page_render(r, w, 200, "org_list", "org.permissions.title", ctx);
}

static void accounts_page(struct request *r, struct response *w, bool disabled)
{
	struct db *db = db_thread();
	struct account *list;
	size_t n;
	if (!db || account_list_org(db, &r->arena, r->user.org_id, disabled ? "disabled" : "active", &list, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = list_ctx(r, false, disabled ? "org.disabled.heading" : "org.accounts.heading");
	static const char *const cols[] = { "field.name", "field.username", "field.email", "field.department",
					    "field.title", "perm.col.action" };
	struct table t;
	table_init(&t, r, ctx, cols, 6, disabled ? "org.disabled.none" : "org.accounts.none");
	for (size_t i = 0; i < n; i++) {
		const char *cells[] = { list[i].name, list[i].username, list[i].email, list[i].department, list[i].title,
					NULL };
		struct val *row = table_row(&t, cells);
		if (list[i].id != r->user.account_id)
			row_action(&t, row, arena_printf(&r->arena, "/org/accounts/%lld/status", (long long)list[i].id),
				   disabled ? "enable" : "disable", disabled ? "org.enable" : "org.disable",
				   disabled ? "" : "danger");
	}
	ui_take_flash(r, w, ctx);
	page_render(r, w, 200, "org_list", disabled ? "org.disabled.title" : "org.accounts.title", ctx);
}

void page_org_accounts(struct request *r, struct response *w)
{
	accounts_page(r, w, false);
}

void page_org_disabled(struct request *r, struct response *w)
{
	accounts_page(r, w, true);
}

void page_org_account_status_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct account target;
	int64_t id = ui_param_id(r, 0);
	const char *op = req_form(r, "op");
	/* only accounts of the caller's own organisation, and never the caller */
	if (!db || !id || account_get(db, &r->arena, id, &target) != ERR_OK || target.org_id != r->user.org_id ||
	    id == r->user.account_id || !op || (strcmp(op, "disable") && strcmp(op, "enable"))) {
		w->status = 404;
		return;
	}
	bool disable = !strcmp(op, "disable");
	if (account_set_disabled(db, id, disable) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, disable ? "account.disable" : "account.enable", target.username, target.org_id, "");
	ui_flash(r, w, disable ? "flash.disabled" : "flash.enabled");
	ui_redirect(r, w, disable ? "/org/disabled" : "/org/accounts");
}

static void apikeys_page(struct request *r, struct response *w, int status, const char *new_key, const char *err_key)
{
	struct db *db = db_thread();
	struct apikey *keys;
	size_t n;
	if (!db || apikey_list(db, &r->arena, r->user.org_id, &keys, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = list_ctx(r, false, "org.apikeys.heading");
	static const char *const cols[] = { "apikey.col.name", "apikey.col.prefix", "apikey.col.created",
					    "apikey.col.last_used", "apikey.col.revoked", "perm.col.action" };
	struct table t;
	table_init(&t, r, ctx, cols, 6, "org.apikeys.none");
	for (size_t i = 0; i < n; i++) {
		const char *cells[] = { keys[i].name, arena_printf(&r->arena, "%s…", keys[i].prefix),
					ui_time(r, keys[i].created_at),
					keys[i].last_used_at ? ui_time(r, keys[i].last_used_at) : i18n_get(r->lang, "apikey.never"),
					keys[i].revoked_at ? ui_time(r, keys[i].revoked_at) : "", NULL };
		struct val *row = table_row(&t, cells);
		if (!keys[i].revoked_at)
			row_action(&t, row, arena_printf(&r->arena, "/org/apikeys/%lld/revoke", (long long)keys[i].id),
				   "revoke", "apikey.revoke", "danger");
	}
	struct arena *a = &r->arena;
	val_set_bool(a, ctx, "create_form", true);
	val_set_str(a, ctx, "create_action", "/org/apikeys");
	val_set(a, ctx, "create_label", val_str_static(a, i18n_get(r->lang, "apikey.create")));
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_field(&f, "name", "text", "apikey.col.name", "hint.apikey_name", "", 0, "off");
	if (err_key)
		ui_error(&f, "name", err_key);
	if (new_key)
		val_set_str(a, ctx, "new_key", new_key);
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "org_list", "org.apikeys.title", ctx);
}

void page_org_apikeys(struct request *r, struct response *w)
{
	apikeys_page(r, w, 200, NULL, NULL);
}

void page_org_apikeys_post(struct request *r, struct response *w)
{
	const char *name = req_form(r, "name");
	if (name && strlen(name) > 100) {
		apikeys_page(r, w, 422, NULL, "err.too_long");
		return;
	}
	char key[APIKEY_LEN + 1];
	int64_t id;
	if (apikey_create(db_thread(), r->user.org_id, name ? name : "", r->user.account_id, key, &id) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "apikey.create", name ? name : "", r->user.org_id, arena_printf(&r->arena, "%lld", (long long)id));
	/* shown once, in this response only */
	apikeys_page(r, w, 201, arena_strdup(&r->arena, key), NULL);
}

void page_org_apikey_revoke_post(struct request *r, struct response *w)
{
	int64_t id = ui_param_id(r, 0);
	if (!id || apikey_revoke(db_thread(), r->user.org_id, id) != ERR_OK) {
		w->status = 404;
		return;
	}
	ui_audit(r, "apikey.revoke", arena_printf(&r->arena, "%lld", (long long)id), r->user.org_id, "");
	ui_flash(r, w, "flash.revoked");
	ui_redirect(r, w, "/org/apikeys");
}

static void audit_page(struct request *r, struct response *w, bool op)
{
	struct db *db = db_thread();
	struct audit_entry *e;
	size_t n;
	/* the operator sees every organisation's entries; an administrator their own only */
	if (!db || audit_list(db, &r->arena, op ? 0 : r->user.org_id, 200, &e, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = list_ctx(r, op, op ? "admin.audit.heading" : "org.audit.heading");
	static const char *const cols[] = { "audit.col.at", "audit.col.actor", "audit.col.action", "audit.col.target",
					    "audit.col.ip", "audit.col.detail", "audit.col.chain" };
	struct table t;
	table_init(&t, r, ctx, cols, 7, "audit.none");
	for (size_t i = 0; i < n; i++) {
		const char *cells[] = { ui_time(r, e[i].at), e[i].actor, e[i].action, e[i].target, e[i].ip, e[i].detail,
					arena_printf(&r->arena, "%.12s…", e[i].hash), NULL };
		table_row(&t, cells);
	}
	page_render(r, w, 200, "org_list", op ? "admin.audit.title" : "org.audit.title", ctx);
}

void page_org_audit(struct request *r, struct response *w)
{
	audit_page(r, w, false);
}

void page_admin_audit(struct request *r, struct response *w)
{
	audit_page(r, w, true);
}

/* ---- operator: organisations, grants ---- */

static void orgs_page(struct request *r, struct response *w, int status, struct ui_form *prev)
{
	struct db *db = db_thread();
	struct org *orgs;
	size_t n;
	if (!db || org_list(db, &r->arena, &orgs, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *ctx = prev ? prev->ctx : list_ctx(r, true, "admin.orgs.heading");
	static const char *const cols[] = { "field.identifier", "field.org_name", "field.level", "field.mailbox",
					    "perm.col.action" };
	struct table t;
	table_init(&t, r, ctx, cols, 5, "admin.orgs.none");
	for (size_t i = 0; i < n; i++) {
		char level[2] = { orgs[i].level, 0 };
		const char *cells[] = { orgs[i].identifier, orgs[i].name, arena_strdup(&r->arena, level), orgs[i].mailbox,
					NULL };
		table_row(&t, cells);
	}
	struct arena *a = &r->arena;
	val_set_bool(a, ctx, "create_form", true);
	val_set_str(a, ctx, "create_action", "/admin/orgs");
	val_set(a, ctx, "create_label", val_str_static(a, i18n_get(r->lang, "admin.orgs.add")));
	if (!prev) {
		struct ui_form f;
		ui_form_init(&f, r, ctx);
		ui_field(&f, "identifier", "text", "field.identifier", "hint.identifier", "", UI_REQUIRED, "off");
		ui_field(&f, "name", "text", "field.org_name", NULL, "", UI_REQUIRED, "organization");
		ui_field(&f, "level", "text", "field.level", "hint.level", "", UI_REQUIRED, "off");
		ui_field(&f, "mailbox", "email", "field.mailbox", NULL, "", 0, "email");
	}
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "admin_orgs", "admin.orgs.title", ctx);
}

void page_admin_orgs(struct request *r, struct response *w)
{
	orgs_page(r, w, 200, NULL);
}

void page_admin_orgs_post(struct request *r, struct response *w)
{
	const char *ident = req_form(r, "identifier"), *name = req_form(r, "name"), *level = req_form(r, "level"),
		   *mailbox = req_form(r, "mailbox");
	struct val *ctx = list_ctx(r, true, "admin.orgs.heading");
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_field(&f, "identifier", "text", "field.identifier", "hint.identifier", ident, UI_REQUIRED, "off");
	ui_field(&f, "name", "text", "field.org_name", NULL, name, UI_REQUIRED, "organization");
	ui_field(&f, "level", "text", "field.level", "hint.level", level, UI_REQUIRED, "off");
	ui_field(&f, "mailbox", "email", "field.mailbox", NULL, mailbox, 0, "email");
	struct org_new o = { .identifier = ident, .name = name, .level = level, .mailbox = mailbox };
	int64_t id;
	const char *why;
	enum err e = org_add(db_thread(), &o, &id, &why);
	if (e != ERR_OK) {
		const char *field = why && strstr(why, "name") ? "name" : why && strstr(why, "level") ? "level"
				  : why && strstr(why, "mailbox") ? "mailbox" : "identifier";
		ui_error(&f, field, e == ERR_EXISTS ? "err.identifier.exists" : arena_printf(&r->arena, "err.org.%s", field));
		orgs_page(r, w, 422, &f);
		return;
	}
	ui_audit(r, "org.create", ident, id, name);
	ui_flash(r, w, "flash.org_added");
	ui_redirect(r, w, "/admin/orgs");
}

void page_admin_grant_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	const char *username = req_form(r, "username"), *permission = req_form(r, "permission");
	struct account a;
	if (!db || !username || account_by_username(db, &r->arena, username, &a) != ERR_OK || !a.org_id ||
	    !perm_def_find("vans", permission ? permission : "")) {
		ui_flash(r, w, "flash.grant_failed");
		ui_redirect(r, w, "/admin/orgs");
		return;
	}
	perm_grant(db, a.id, "vans", permission, r->user.account_id);
	ui_audit(r, "permission.grant", username, a.org_id, arena_printf(&r->arena, "vans:%s", permission));
	ui_flash(r, w, "flash.granted");
	ui_redirect(r, w, "/admin/orgs");
}
