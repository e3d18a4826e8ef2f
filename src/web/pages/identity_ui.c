/* Helpers shared by the identity pages: form fields with their errors next to them and in
 * a summary, message parameters, times in Taiwan time, the audit trail of the caller,
 * one-time codes by mail and SMS, rate limits, redirects and one-shot flash messages. */
#include "web/pages/identity.h"
#include "web/app.h"
#include "identity/audit.h"
#include "identity/codes.h"
#include "identity/permission.h"
#include "outbox/outbox.h"
#include "core/str.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void ui_form_init(struct ui_form *f, struct request *r, struct val *ctx)
{
	f->r = r;
	f->ctx = ctx;
	f->fields = val_arr(&r->arena);
	f->errors = val_arr(&r->arena);
	val_set(&r->arena, ctx, "fields", f->fields);
	val_set(&r->arena, ctx, "errors", f->errors);
	val_set_bool(&r->arena, ctx, "has_errors", false);
}

struct val *ui_field(struct ui_form *f, const char *name, const char *type, const char *label_key,
		     const char *hint_key, const char *value, unsigned flags, const char *autocomplete)
{
	struct arena *a = &f->r->arena;
	struct val *o = val_obj(a);
	val_set_str(a, o, "name", name);
	val_set_str(a, o, "type", type);
	val_set(a, o, "label", val_str_static(a, i18n_get(f->r->lang, label_key)));
	if (hint_key)
		val_set(a, o, "hint", val_str_static(a, i18n_get(f->r->lang, hint_key)));
	else
		val_set_bool(a, o, "hint", false);
	/* passwords are never sent back */
	val_set_str(a, o, "value", strcmp(type, "password") ? (value ? value : "") : "");
	val_set_bool(a, o, "required", flags & UI_REQUIRED);
	val_set_bool(a, o, "readonly", flags & UI_READONLY);
	val_set_str(a, o, "autocomplete", autocomplete ? autocomplete : "off");
	val_set_bool(a, o, "error", false);
	val_set_str(a, o, "describedby", hint_key ? arena_printf(a, "f-%s-hint", name) : "");
	val_push(a, f->fields, o);
	return o;
}

void ui_error(struct ui_form *f, const char *name, const char *msg_key)
{
	struct arena *a = &f->r->arena;
	const char *msg = i18n_get(f->r->lang, msg_key);
	for (size_t i = 0; i < f->fields->u.a.n; i++) {
		struct val *o = f->fields->u.a.items[i];
		if (strcmp(val_string(val_get(o, "name")), name) != 0)
			continue;
		if (val_truthy(val_get(o, "error")))
			return; /* one message per field */
		val_set(a, o, "error", val_str_static(a, msg));
		const char *d = val_string(val_get(o, "describedby"));
		val_set_str(a, o, "describedby",
			    *d ? arena_printf(a, "%s f-%s-error", d, name) : arena_printf(a, "f-%s-error", name));
		const char *label = val_string(val_get(o, "label"));
		struct val *e = val_obj(a);
		val_set_str(a, e, "field", name);
		val_set_str(a, e, "message", arena_printf(a, "%s%s%s", label, f->r->lang == LANG_EN ? ": " : "：", msg));
		val_push(a, f->errors, e);
		val_set_bool(a, f->ctx, "has_errors", true);
		return;
	}
	struct val *e = val_obj(a);   /* an error of the whole form */
	val_set_str(a, e, "field", name);
	val_set(a, e, "message", val_str_static(a, msg));
	val_push(a, f->errors, e);
	val_set_bool(a, f->ctx, "has_errors", true);
}

bool ui_has_errors(const struct ui_form *f)
{
	return f->errors->u.a.n > 0;
}

const char *ui_msg(struct request *r, const char *key, const char *name, const char *value)
{
	const char *m = i18n_get(r->lang, key);
	char pat[64];
	snprintf(pat, sizeof pat, "{%s}", name);
	const char *at = strstr(m, pat);
	if (!at)
		return m;
	return arena_printf(&r->arena, "%.*s%s%s", (int)(at - m), m, value, at + strlen(pat));
}

const char *ui_time(struct request *r, int64_t t)
{
	if (!t)
		return "";
	time_t tt = (time_t)(t + 8 * 3600);
	struct tm tm;
	gmtime_r(&tt, &tm);
	char buf[32];
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	return arena_strdup(&r->arena, buf);
}

const char *ui_status_key(const char *status)
{
	if (!status || !*status)
		return "perm.status.none";
	if (!strcmp(status, "pending"))
		return "perm.status.pending";
	if (!strcmp(status, "approved"))
		return "perm.status.approved";
	if (!strcmp(status, "rejected"))
		return "perm.status.rejected";
	if (!strcmp(status, "removal_pending"))
		return "perm.status.removal_pending";
	if (!strcmp(status, "removed"))
		return "perm.status.removed";
	return "perm.status.none";
}

const char *ui_perm_key(struct request *r, const char *module, const char *permission)
{
	return arena_printf(&r->arena, "perm.%s.%s", module, permission);
}

void ui_audit(struct request *r, const char *action, const char *target, int64_t org_id, const char *detail)
{
	struct db *db = db_thread();
	if (!db)
		return;
	const char *actor = r->user.username ? r->user.username : r->user.via_api_key ? "api-key" : "anonymous";
	audit_append(db, r->user.account_id, actor, org_id, action, target, r->client_ip, detail);
}

enum err ui_send_code_mail(struct request *r, const char *to, const char *purpose, const char *code)
{
	struct db *db = db_thread();
	if (!db)
		return ERR_DB;
	char sk[64], bk[64];
	snprintf(sk, sizeof sk, "mail.%s.subject", purpose);
	snprintf(bk, sizeof bk, "mail.%s.body", purpose);
	const char *body = ui_msg(r, bk, "code", code);
	const char *ttl = arena_printf(&r->arena, "%lld", (long long)(app.cfg->otp_ttl / 60));
	char *full = arena_printf(&r->arena, "%s\n\n%s\n\n%s\n", body, ui_msg(r, "mail.code.expiry", "minutes", ttl),
				  i18n_get(r->lang, "mail.footer"));
	return outbox_enqueue(db, "email", to, i18n_get(r->lang, sk), full, NULL);
}

enum err ui_send_code_sms(struct request *r, const char *to, const char *code)
{
	struct db *db = db_thread();
	if (!db)
		return ERR_DB;
	return outbox_enqueue(db, "sms", to, NULL, ui_msg(r, "sms.code", "code", code), NULL);
}

bool ui_code_rate_ok(struct request *r, const char *address)
{
	struct db *db = db_thread();
	if (!db)
		return false;
	char k1[320], k2[96];
	snprintf(k1, sizeof k1, "otp:addr:%s", address);
	snprintf(k2, sizeof k2, "otp:ip:%s", r->client_ip);
	return rate_allow(db, k2, app.cfg->otp_sends_per_ip, 3600) &&
	       rate_allow(db, k1, app.cfg->otp_sends_per_address, 3600);
}

void ui_redirect(struct request *r, struct response *w, const char *path)
{
	resp_redirect(r, w, 303, path);
}

int64_t ui_param_id(struct request *r, int i)
{
	int64_t id;
	const char *p = req_param(r, i);
	return p && slice_to_i64(slice_of(p), 1, INT64_MAX, &id) == 0 ? id : 0;
}

/* Flash messages carry a message key, never text from the client: only keys of the form
 * flash.* are shown. */
void ui_flash(struct request *r, struct response *w, const char *msg_key)
{
	resp_cookie(r, w, "vans_flash", msg_key, 60);
}

void ui_take_flash(struct request *r, struct response *w, struct val *ctx)
{
	const char *k = req_cookie(r, "vans_flash");
	if (!k || strncmp(k, "flash.", 6) != 0 || !i18n_lookup(r->lang, k, strlen(k)))
		return;
	val_set(&r->arena, ctx, "flash", val_str_static(&r->arena, i18n_get(r->lang, k)));
	resp_cookie(r, w, "vans_flash", "", 0);
}
