/* The JSON API of identity: the captcha challenge the ALTCHA widget fetches, the caller
 * (/me), the caller's organisation (also with an API key), its people for administrators,
 * and revoking an API key (with a session: X-CSRF-Token required). */
#include "web/handlers.h"
#include "web/app.h"
#include "identity/account.h"
#include "identity/apikey.h"
#include "identity/captcha.h"
#include "identity/org.h"
#include "identity/permission.h"
#include "core/clock.h"

#include <stdio.h>
#include <string.h>

static void json(struct response *w, int status, const struct val *v)
{
	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	val_write_json(v, &w->body);
}

void api_captcha(struct request *r, struct response *w)
{
	(void)r;
	w->status = 200;
	w->content_type = "application/json";
	buf_reset(&w->body);
	captcha_challenge(app.secret, sizeof app.secret, app.cfg, clock_now_unix(), &w->body);
}

static struct val *org_json(struct request *r, const struct org *o)
{
	struct arena *a = &r->arena;
	struct val *v = val_obj(a);
	char level[2] = { o->level, 0 };
	val_set_str(a, v, "identifier", o->identifier);
	val_set_str(a, v, "kind", o->kind);
	val_set_str(a, v, "name", o->name);
	val_set_str(a, v, "level", level);
	val_set_str(a, v, "sector", o->sector);
	return v;
}

void api_me(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	struct val *v = val_obj(a), *roles = val_arr(a);
	val_set_str(a, v, "username", r->user.username);
	val_set_str(a, v, "name", r->user.name);
	static const struct { unsigned bit; const char *name; } names[] = {
		{ ROLE_VANS_USER, "vans_user" }, { ROLE_ORG_ADMIN, "org_admin" }, { ROLE_OPERATOR, "operator" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (r->user.roles & names[i].bit)
			val_push(a, roles, val_str_static(a, names[i].name));
	val_set(a, v, "roles", roles);
	struct org o;
	if (r->user.org_id && db && org_get(db, a, r->user.org_id, &o) == ERR_OK)
		val_set(a, v, "organisation", org_json(r, &o));
	else
		val_set(a, v, "organisation", val_null(a));
	json(w, 200, v);
}

void api_org(struct request *r, struct response *w)
{
	struct org o;
	struct db *db = db_thread();
	if (!db || org_get(db, &r->arena, r->user.org_id, &o) != ERR_OK) {
		resp_json_error(w, 404, "not_found", "no organisation");
		return;
	}
	json(w, 200, org_json(r, &o));
}

void api_org_accounts(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	struct val *list = val_arr(a);
	for (int pass = 0; pass < 2; pass++) {
		struct account *accts;
		size_t n;
		if (!db || account_list_org(db, a, r->user.org_id, pass ? "disabled" : "active", &accts, &n) != ERR_OK) {
			resp_json_error(w, 500, "database_error", "cannot list accounts");
			return;
		}
		for (size_t i = 0; i < n; i++) {
			struct val *v = val_obj(a);
			val_set_str(a, v, "username", accts[i].username);
			val_set_str(a, v, "name", accts[i].name);
			val_set_str(a, v, "email", accts[i].email);
			val_set_str(a, v, "status", accts[i].status);
			val_push(a, list, v);
		}
	}
	struct val *root = val_obj(a);
	val_set(a, root, "accounts", list);
	json(w, 200, root);
}

void api_org_apikey_revoke(struct request *r, struct response *w)
{
	int64_t id = ui_param_id(r, 0);
	if (!id || apikey_revoke(db_thread(), r->user.org_id, id) != ERR_OK) {
		resp_json_error(w, 404, "not_found", "no such active key in your organisation");
		return;
	}
	ui_audit(r, "apikey.revoke", arena_printf(&r->arena, "%lld", (long long)id), r->user.org_id, "api");
	struct val *v = val_obj(&r->arena);
	val_set_bool(&r->arena, v, "revoked", true);
	json(w, 200, v);
}
