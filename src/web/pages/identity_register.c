/* Registration as in seed 000 §2.1 (圖 1–8): identifier type and organisation → real name,
 * official e-mail and mobile → captcha → codes by e-mail AND SMS, both required → module
 * permissions → the account form of 圖 7 → "submitted, waiting for review". The browser
 * carries only a random token (cookie vans_reg); every step re-checks the ones before. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/page.h"
#include "identity/account.h"
#include "identity/captcha.h"
#include "identity/org.h"
#include "identity/permission.h"
#include "identity/registration.h"
#include "identity/validate.h"
#include "core/clock.h"

#include <stdio.h>
#include <string.h>

#define REG_COOKIE "vans_reg"

static const char *form_or(struct request *r, const char *name, const char *def)
{
	const char *v = req_form(r, name);
	return v ? v : def;
}

static void steps(struct request *r, struct val *ctx, int current)
{
	static const char *const keys[] = { "register.step.org", "register.step.contact", "register.step.verify",
					    "register.step.perms", "register.step.account", "register.step.done" };
	struct arena *a = &r->arena;
	struct val *list = val_arr(a);
	for (int i = 0; i < 6; i++) {
		struct val *o = val_obj(a);
		val_set_int(a, o, "no", i + 1);
		val_set(a, o, "label", val_str_static(a, i18n_get(r->lang, keys[i])));
		val_set_bool(a, o, "done", i + 1 < current);
		val_set_bool(a, o, "current", i + 1 == current);
		val_push(a, list, o);
	}
	val_set(a, ctx, "steps", list);
}

/* The registration of this browser with its organisation, or a redirect to the start. */
static bool load(struct request *r, struct response *w, struct registration *reg, struct org *org, int need_step)
{
	struct db *db = db_thread();
	const char *tok = req_cookie(r, REG_COOKIE);
	if (!db || registration_get(db, &r->arena, tok, reg) != ERR_OK ||
	    org_get(db, &r->arena, reg->org_id, org) != ERR_OK) {
		ui_flash(r, w, "flash.register_expired");
		ui_redirect(r, w, "/register");
		return false;
	}
	/* 3: codes sent; 4: verified; 5: permissions chosen */
	const char *back = NULL;
	if (need_step >= 3 && !reg->codes_sent)
		back = "/register/contact";
	else if (need_step >= 4 && !reg->verified)
		back = "/register/verify";
	else if (need_step >= 5 && !*reg->wants && org_may_self_apply(org))
		back = "/register/permissions";
	if (back) {
		ui_redirect(r, w, back);
		return false;
	}
	return true;
}

/* ---- 1. organisation ---- */

static void org_form(struct request *r, struct response *w, int status, const char *kind, const char *ident,
		     const char *err_key)
{
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	steps(r, ctx, 1);
	val_set_bool(&r->arena, ctx, "kind_oid", strcmp(kind, "ubn") != 0);
	val_set_bool(&r->arena, ctx, "kind_ubn", strcmp(kind, "ubn") == 0);
	ui_field(&f, "identifier", "text", "field.identifier", "hint.identifier", ident, UI_REQUIRED, "off");
	if (err_key)
		ui_error(&f, "identifier", err_key);
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "register", "register.title", ctx);
}

void page_register(struct request *r, struct response *w)
{
	org_form(r, w, 200, "oid", "", NULL);
}

void page_register_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	const char *kind = form_or(r, "kind", "oid"), *ident = form_or(r, "identifier", "");
	if (!*ident) {
		org_form(r, w, 422, kind, ident, "err.required");
		return;
	}
	enum org_id_kind k = org_id_check(ident, strlen(ident), NULL);
	bool want_oid = strcmp(kind, "ubn") != 0;
	if (k == ORG_ID_INVALID) {
		org_form(r, w, 422, kind, ident, want_oid ? "err.identifier.oid" : "err.identifier.ubn");
		return;
	}
	if ((k == ORG_ID_OID) != want_oid) {
		org_form(r, w, 422, kind, ident, want_oid ? "err.identifier.is_ubn" : "err.identifier.is_oid");
		return;
	}
	struct org o;
	if (!db || org_find(db, &r->arena, ident, &o) != ERR_OK) {
		org_form(r, w, 422, kind, ident, "err.identifier.unknown");
		return;
	}
	char tok[LINK_TOKEN_SIZE];
	if (registration_start(db, o.id, tok) != ERR_OK) {
		w->status = 500;
		return;
	}
	resp_cookie(r, w, REG_COOKIE, tok, REGISTRATION_TTL);
	ui_redirect(r, w, "/register/contact");
}

/* ---- 2. contact details and captcha ---- */

static void contact_form(struct request *r, struct response *w, int status, const struct org *o, const char *name,
			 const char *email, const char *mobile, struct ui_form *out)
{
	struct val *ctx = page_context(r);
	struct arena *a = &r->arena;
	ui_form_init(out, r, ctx);
	steps(r, ctx, 2);
	struct val *org = val_obj(a);
	val_set_str(a, org, "identifier", o->identifier);
	val_set_str(a, org, "name", o->name);
	val_set(a, ctx, "org", org);
	val_set(a, ctx, "org_label",
		val_str_static(a, i18n_get(r->lang, !strcmp(o->kind, "oid") ? "register.kind.oid" : "register.kind.ubn")));
	val_set_str(a, ctx, "captcha_lang", r->lang == LANG_EN ? "en" : "zh-tw");
	ui_field(out, "name", "text", "field.name", "hint.name", name, UI_REQUIRED, "name");
	ui_field(out, "email", "email", "field.email", "hint.email", email, UI_REQUIRED, "email");
	ui_field(out, "mobile", "tel", "field.mobile", "hint.mobile", mobile, UI_REQUIRED, "tel");
	(void)status;
	(void)w;
}

void page_register_contact(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (!load(r, w, &reg, &o, 2))
		return;
	struct ui_form f;
	contact_form(r, w, 200, &o, reg.name, reg.email, reg.mobile, &f);
	page_render(r, w, 200, "register_contact", "register.title", f.ctx);
}

void page_register_contact_post(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (!load(r, w, &reg, &o, 2))
		return;
	struct db *db = db_thread();
	const char *name = form_or(r, "name", ""), *email = form_or(r, "email", ""), *mobile = form_or(r, "mobile", "");
	struct ui_form f;
	contact_form(r, w, 422, &o, name, email, mobile, &f);
	char m[11] = "";
	if (!*name)
		ui_error(&f, "name", "err.required");
	else if (!person_name_valid(name, strlen(name)))
		ui_error(&f, "name", "err.name.invalid");
	if (!*email)
		ui_error(&f, "email", "err.required");
	else if (!email_valid(email, strlen(email)))
		ui_error(&f, "email", "err.email.invalid");
	if (!*mobile)
		ui_error(&f, "mobile", "err.required");
	else if (!mobile_valid(mobile, strlen(mobile), m))
		ui_error(&f, "mobile", "err.mobile.invalid");
	const char *altcha = req_form(r, "altcha");
	if (!altcha || !*altcha) {
		val_set(&r->arena, f.ctx, "captcha_error", val_str_static(&r->arena, i18n_get(r->lang, "err.captcha.missing")));
		ui_error(&f, "altcha", "err.captcha.missing");
	} else if (captcha_verify(app.secret, sizeof app.secret, db, altcha, strlen(altcha), clock_now_unix()) != ERR_OK) {
		val_set(&r->arena, f.ctx, "captcha_error", val_str_static(&r->arena, i18n_get(r->lang, "err.captcha.invalid")));
		ui_error(&f, "altcha", "err.captcha.invalid");
	}
	if (ui_has_errors(&f)) {
		page_render(r, w, 422, "register_contact", "register.title", f.ctx);
		return;
	}
	if (!ui_code_rate_ok(r, email) || !ui_code_rate_ok(r, m)) {
		ui_error(&f, "email", "err.code.rate");
		page_render(r, w, 429, "register_contact", "register.title", f.ctx);
		return;
	}
	char ec[CODE_DIGITS + 1], sc[CODE_DIGITS + 1];
	if (registration_set_contact(db, app.cfg, &reg, name, email, m, ec, sc) != ERR_OK ||
	    ui_send_code_mail(r, email, "register", ec) != ERR_OK || ui_send_code_sms(r, m, sc) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "registration.codes_sent", email, o.id, m);
	ui_redirect(r, w, "/register/verify");
}

/* ---- 3. both codes ---- */

/* "wang@agency.gov.tw" → "wa***@agency.gov.tw"; "0912345678" → "0912***678" */
static const char *mask(struct request *r, const char *s, bool email)
{
	size_t n = strlen(s);
	if (email) {
		const char *at = strchr(s, '@');
		size_t keep = at && at - s > 2 ? 2 : 1;
		return arena_printf(&r->arena, "%.*s***%s", (int)keep, s, at ? at : "");
	}
	return n == 10 ? arena_printf(&r->arena, "%.4s***%s", s, s + 7) : s;
}

static void verify_form(struct request *r, struct response *w, int status, const struct registration *reg,
			const char *e_key, const char *s_key, const char *form_key)
{
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	steps(r, ctx, 3);
	const char *lead = ui_msg(r, "register.verify.lead", "email", mask(r, reg->email, true));
	lead = arena_printf(&r->arena, "%s", lead);
	const char *at = strstr(lead, "{mobile}");
	if (at)
		lead = arena_printf(&r->arena, "%.*s%s%s", (int)(at - lead), lead, mask(r, reg->mobile, false), at + 8);
	val_set_str(&r->arena, ctx, "lead", lead);
	ui_field(&f, "email_code", "text", "field.email_code", NULL, NULL, UI_REQUIRED, "one-time-code");
	ui_field(&f, "sms_code", "text", "field.sms_code", NULL, NULL, UI_REQUIRED, "one-time-code");
	if (form_key)
		ui_error(&f, "email_code", form_key);
	if (e_key)
		ui_error(&f, "email_code", e_key);
	if (s_key)
		ui_error(&f, "sms_code", s_key);
	page_render(r, w, status, "register_verify", "register.title", ctx);
}

void page_register_verify(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (load(r, w, &reg, &o, 3))
		verify_form(r, w, 200, &reg, NULL, NULL, NULL);
}

void page_register_verify_post(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (!load(r, w, &reg, &o, 3))
		return;
	const char *ec = form_or(r, "email_code", ""), *sc = form_or(r, "sms_code", "");
	if (!*ec || !*sc) {
		verify_form(r, w, 422, &reg, *ec ? NULL : "err.required", *sc ? NULL : "err.required", NULL);
		return;
	}
	bool eok, sok;
	enum err e = registration_verify(db_thread(), app.cfg, &reg, ec, sc, &eok, &sok);
	if (e == ERR_NOT_FOUND) {
		verify_form(r, w, 422, &reg, NULL, NULL, "err.code.expired_both");
		return;
	}
	if (e != ERR_OK) {
		verify_form(r, w, 422, &reg, eok ? NULL : "err.code.wrong", sok ? NULL : "err.code.wrong", NULL);
		return;
	}
	ui_audit(r, "registration.verified", reg.email, o.id, "email+sms");
	ui_redirect(r, w, "/register/permissions");
}

/* ---- 4. permissions ---- */

static void perms_form(struct request *r, struct response *w, int status, const struct registration *reg,
		       const struct org *o, const char *err_key)
{
	struct db *db = db_thread();
	struct val *ctx = page_context(r);
	struct arena *a = &r->arena;
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	steps(r, ctx, 4);
	bool may = org_may_self_apply(o);
	if (!may)
		val_set_str(a, ctx, "blocked", ui_msg(r, "register.perms.blocked", "mailbox",
						      *o->mailbox ? o->mailbox : app.cfg->service_mailbox));
	struct val *list = val_arr(a);
	for (size_t i = 0; i < perm_def_count; i++) {
		const struct perm_def *d = &perm_defs[i];
		struct val *p = val_obj(a);
		val_set(a, p, "module_label", val_str_static(a, i18n_get(r->lang, "module.vans")));
		val_set(a, p, "label", val_str_static(a, i18n_get(r->lang, ui_perm_key(r, d->module, d->permission))));
		val_set(a, p, "purpose", val_str_static(a, i18n_get(r->lang, arena_printf(a, "perm.%s.%s.purpose", d->module,
										      d->permission))));
		val_set_str(a, p, "field", arena_printf(a, "perm_%s_%s", d->module, d->permission));
		char want[64];
		snprintf(want, sizeof want, "%s:%s", d->module, d->permission);
		val_set_bool(a, p, "checked", strstr(reg->wants, want) != NULL);
		val_set_bool(a, p, "disabled", !may);
		int64_t n = perm_reviewer_count(db, o->id, d);
		val_set_str(a, p, "reviewers", ui_msg(r, d->operator_reviews ? "perm.reviewers.operator" : "perm.reviewers",
						      "n", arena_printf(a, "%lld", (long long)n)));
		val_push(a, list, p);
	}
	val_set(a, ctx, "perms", list);
	if (err_key)
		ui_error(&f, "perms", err_key);
	page_render(r, w, status, "register_permissions", "register.title", ctx);
}

void page_register_permissions(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (load(r, w, &reg, &o, 4))
		perms_form(r, w, 200, &reg, &o, NULL);
}

void page_register_permissions_post(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (!load(r, w, &reg, &o, 4))
		return;
	char wants[256] = "";
	size_t used = 0;
	if (org_may_self_apply(&o)) {
		for (size_t i = 0; i < perm_def_count; i++) {
			char field[64];
			snprintf(field, sizeof field, "perm_%s_%s", perm_defs[i].module, perm_defs[i].permission);
			if (req_form(r, field))
				used += (size_t)snprintf(wants + used, sizeof wants - used, "%s%s:%s", used ? "," : "",
							 perm_defs[i].module, perm_defs[i].permission);
		}
		if (!used) {
			perms_form(r, w, 422, &reg, &o, "err.perms.none");
			return;
		}
	} else {
		snprintf(wants, sizeof wants, "none");
	}
	if (registration_set_wants(db_thread(), &reg, wants) != ERR_OK) {
		w->status = 409;
		return;
	}
	ui_redirect(r, w, "/register/account");
}

/* ---- 5. the account form (圖 7) ---- */

static void account_fields(struct ui_form *f, const struct registration *reg, struct request *r)
{
	ui_field(f, "username", "text", "field.username", "hint.username", form_or(r, "username", ""), UI_REQUIRED,
		 "username");
	ui_field(f, "password", "password", "field.password", "hint.password", NULL, UI_REQUIRED, "new-password");
	ui_field(f, "password_confirm", "password", "field.password_confirm", NULL, NULL, UI_REQUIRED, "new-password");
	ui_field(f, "name", "text", "field.name", "hint.prefilled", reg->name, UI_REQUIRED | UI_READONLY, "name");
	ui_field(f, "email", "email", "field.email", "hint.prefilled", reg->email, UI_REQUIRED | UI_READONLY, "email");
	ui_field(f, "mobile", "tel", "field.mobile", "hint.prefilled", reg->mobile, UI_REQUIRED | UI_READONLY, "tel");
	ui_field(f, "title", "text", "field.title", "hint.title", form_or(r, "title", ""), UI_REQUIRED,
		 "organization-title");
	ui_field(f, "department", "text", "field.department", "hint.department", form_or(r, "department", ""), 0, "off");
	ui_field(f, "address", "text", "field.address", "hint.address", form_or(r, "address", ""), UI_REQUIRED,
		 "street-address");
	ui_field(f, "phone", "tel", "field.phone", "hint.phone", form_or(r, "phone", ""), UI_REQUIRED, "tel");
	ui_field(f, "extension", "text", "field.extension", NULL, form_or(r, "extension", ""), 0, "tel-extension");
	ui_field(f, "fax", "tel", "field.fax", "hint.phone", form_or(r, "fax", ""), 0, "off");
}

void page_register_account(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (!load(r, w, &reg, &o, 5))
		return;
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	steps(r, ctx, 5);
	account_fields(&f, &reg, r);
	page_render(r, w, 200, "register_account", "register.title", ctx);
}

void page_register_account_post(struct request *r, struct response *w)
{
	struct registration reg;
	struct org o;
	if (!load(r, w, &reg, &o, 5))
		return;
	struct db *db = db_thread();
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	steps(r, ctx, 5);
	account_fields(&f, &reg, r);
	struct account_new n = {
		.org_id = o.id, .username = form_or(r, "username", ""), .password = form_or(r, "password", ""),
		.password_confirm = form_or(r, "password_confirm", ""), .name = reg.name, .email = reg.email,
		.mobile = reg.mobile, .title = form_or(r, "title", ""), .department = form_or(r, "department", ""),
		.address = form_or(r, "address", ""), .phone = form_or(r, "phone", ""),
		.extension = form_or(r, "extension", ""), .fax = form_or(r, "fax", ""),
	};
	struct field_problem p[ACCOUNT_MAX_PROBLEMS];
	size_t np;
	int64_t id;
	enum err e = account_create(db, app.cfg, &n, &id, p, &np);
	if (e != ERR_OK) {
		for (size_t i = 0; i < np; i++) {
			const char *c = p[i].code;
			const char *key = !strcmp(c, "required") ? "err.required"
					  : !strcmp(c, "mismatch") ? "err.mismatch"
					  : !strncmp(c, "pw_", 3)  ? arena_printf(&r->arena, "err.%s", c)
					  : arena_printf(&r->arena, "err.%s.%s", p[i].field, c);
			ui_error(&f, p[i].field, key);
		}
		if (!np)
			ui_error(&f, "username", "err.unexpected");
		page_render(r, w, 422, "register_account", "register.title", ctx);
		return;
	}
	r->user.username = n.username;
	r->user.account_id = id;
	ui_audit(r, "account.register", n.username, o.id, reg.wants);
	bool admin = false, general = false;
	for (size_t i = 0; i < perm_def_count; i++) {
		char want[64];
		snprintf(want, sizeof want, "%s:%s", perm_defs[i].module, perm_defs[i].permission);
		if (!strstr(reg.wants, want))
			continue;
		int64_t pid;
		if (perm_request(db, id, perm_defs[i].module, perm_defs[i].permission, &pid) == ERR_OK)
			ui_audit(r, "permission.request", n.username, o.id, want);
		admin |= !strcmp(perm_defs[i].permission, "org_admin");
		general |= !strcmp(perm_defs[i].permission, "general");
	}
	registration_finish(db, &reg);
	resp_cookie(r, w, REG_COOKIE, "", 0);
	ui_redirect(r, w, arena_printf(&r->arena, "/register/done?admin=%d&general=%d", admin, general));
}

void page_register_done(struct request *r, struct response *w)
{
	struct val *ctx = page_context(r);
	steps(r, ctx, 6);
	const char *admin = req_query(r, "admin"), *general = req_query(r, "general");
	val_set_bool(&r->arena, ctx, "org_admin", admin && !strcmp(admin, "1"));
	val_set_bool(&r->arena, ctx, "general", general && !strcmp(general, "1"));
	page_render(r, w, 200, "register_done", "register.title", ctx);
}
