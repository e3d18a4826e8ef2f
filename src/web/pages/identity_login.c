/* Sign-in (password, then a second factor: TOTP, a code by e-mail or SMS, or a recovery
 * code — required for administrators and operators and for everyone who enrolled TOTP),
 * sign-out, the set-up link of `vans user add`, and password reset by e-mail code. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/page.h"
#include "web/principal.h"
#include "identity/account.h"
#include "identity/codes.h"
#include "identity/password.h"
#include "identity/permission.h"
#include "identity/totp.h"
#include "core/clock.h"

#include <stdio.h>
#include <string.h>

static const char *form_or(struct request *r, const char *name, const char *def)
{
	const char *v = req_form(r, name);
	return v ? v : def;
}

static void login_form(struct request *r, struct response *w, int status, const char *username, const char *error_key,
		       const char *error_field)
{
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	const char *next = r->method == HTTP_POST ? req_form(r, "next") : req_query(r, "next");
	val_set_str(&r->arena, ctx, "next", web_safe_next(next));
	ui_field(&f, "username", "text", "field.username", NULL, username, UI_REQUIRED, "username");
	ui_field(&f, "password", "password", "field.password", NULL, NULL, UI_REQUIRED, "current-password");
	if (error_key)
		ui_error(&f, error_field, error_key);
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "login", "login.title", ctx);
}

void page_login(struct request *r, struct response *w)
{
	if (r->user.roles & ROLE_SIGNED_IN) {
		ui_redirect(r, w, "/account");
		return;
	}
	login_form(r, w, 200, "", NULL, NULL);
}

/* Whether this account must give a second factor, and which one comes first. */
static const char *second_factor(struct db *db, const struct account *a)
{
	if (a->totp_secret && *a->totp_secret)
		return "totp";
	unsigned roles = perm_roles(db, a->id, a->is_operator);
	return roles & (ROLE_ORG_ADMIN | ROLE_OPERATOR) ? "email" : NULL;
}

static void send_login_code(struct request *r, struct db *db, const struct account *a, const char *channel)
{
	if (!ui_code_rate_ok(r, !strcmp(channel, "sms") ? a->mobile : a->email))
		return;
	char code[CODE_DIGITS + 1];
	if (code_issue(db, app.cfg, a->id, "login", code) != ERR_OK)
		return;
	if (!strcmp(channel, "sms") && a->mobile && *a->mobile)
		ui_send_code_sms(r, a->mobile, code);
	else
		ui_send_code_mail(r, a->email, "login", code);
}

void page_login_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	const char *username = form_or(r, "username", ""), *password = form_or(r, "password", "");
	if (!db) {
		w->status = 503;
		return;
	}
	if (!*username || !*password) {
		login_form(r, w, 422, username, !*username ? "err.required" : "err.required",
			   !*username ? "username" : "password");
		return;
	}
	char key[96];
	snprintf(key, sizeof key, "login:ip:%s", r->client_ip);
	if (!rate_allow(db, key, 60, 300)) {
		login_form(r, w, 429, username, "err.login.too_many", "username");
		return;
	}
	struct account a;
	int64_t until;
	enum err e = account_authenticate(db, app.cfg, &r->arena, username, password, &a, &until);
	if (e == ERR_RATE_LIMITED || (e == ERR_UNAUTHENTICATED && until)) {
		ui_audit(r, "login.locked", username, 0, "");
		login_form(r, w, 429, username, "err.login.locked", "username");
		return;
	}
	if (e == ERR_DENIED) {
		ui_audit(r, "login.disabled", username, a.org_id, "");
		login_form(r, w, 403, username, "err.login.disabled", "username");
		return;
	}
	if (e != ERR_OK) {
		ui_audit(r, "login.failed", username, 0, "");
		login_form(r, w, 401, username, "err.login.wrong", "password");
		return;
	}
	const char *factor = second_factor(db, &a);
	if (web_sign_in(r, w, a.id, factor == NULL) != ERR_OK) {
		w->status = 500;
		return;
	}
	r->user.username = a.username;
	r->user.account_id = a.id;
	const char *next = web_safe_next(req_form(r, "next"));
	if (!factor) {
		ui_audit(r, "login", a.username, a.org_id, "password");
		ui_redirect(r, w, next);
		return;
	}
	ui_audit(r, "login.password", a.username, a.org_id, factor);
	if (!strcmp(factor, "email"))
		send_login_code(r, db, &a, "email");
	ui_redirect(r, w, arena_printf(&r->arena, "/login/verify?method=%s&next=%s", factor, next));
}

static void verify_form(struct request *r, struct response *w, int status, const char *method, const char *error_key)
{
	struct db *db = db_thread();
	struct account a;
	if (!db || account_get(db, &r->arena, r->user.account_id, &a) != ERR_OK) {
		w->status = 500;
		return;
	}
	bool has_totp = a.totp_secret && *a.totp_secret;
	if (strcmp(method, "totp") && strcmp(method, "email") && strcmp(method, "sms") && strcmp(method, "recovery"))
		method = has_totp ? "totp" : "email";
	if (!strcmp(method, "totp") && !has_totp)
		method = "email";
	struct val *ctx = page_context(r);
	struct arena *ar = &r->arena;
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	const char *next = r->method == HTTP_POST ? req_form(r, "next") : req_query(r, "next");
	val_set_str(ar, ctx, "next", web_safe_next(next));
	val_set_str(ar, ctx, "method", method);
	val_set_bool(ar, ctx, "has_totp", has_totp);
	const char *lead;
	if (!strcmp(method, "totp"))
		lead = i18n_get(r->lang, "login.verify.lead_totp");
	else if (!strcmp(method, "recovery"))
		lead = i18n_get(r->lang, "login.verify.lead_recovery");
	else
		lead = ui_msg(r, !strcmp(method, "sms") ? "login.verify.lead_sms" : "login.verify.lead_email", "minutes",
			      arena_printf(ar, "%lld", (long long)(app.cfg->otp_ttl / 60)));
	val_set_str(ar, ctx, "lead", lead);
	ui_field(&f, "code", "text", !strcmp(method, "recovery") ? "field.recovery_code" : "field.code", NULL, NULL,
		 UI_REQUIRED, "one-time-code");
	if (error_key)
		ui_error(&f, "code", error_key);
	page_render(r, w, status, "login_verify", "login.verify.title", ctx);
}

void page_login_verify(struct request *r, struct response *w)
{
	const char *m = req_query(r, "method");
	verify_form(r, w, 200, m ? m : "", NULL);
}

void page_login_verify_send(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct account a;
	if (!db || account_get(db, &r->arena, r->user.account_id, &a) != ERR_OK) {
		w->status = 500;
		return;
	}
	const char *channel = form_or(r, "channel", "email");
	if (strcmp(channel, "sms"))
		channel = "email";
	send_login_code(r, db, &a, channel);
	ui_redirect(r, w, arena_printf(&r->arena, "/login/verify?method=%s&next=%s", channel,
				       web_safe_next(req_form(r, "next"))));
}

void page_login_verify_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct account a;
	if (!db || account_get(db, &r->arena, r->user.account_id, &a) != ERR_OK) {
		w->status = 500;
		return;
	}
	const char *method = form_or(r, "method", "email"), *code = form_or(r, "code", "");
	char key[64];
	snprintf(key, sizeof key, "mfa:%lld", (long long)a.id);
	if (!rate_allow(db, key, 10, 600)) {
		verify_form(r, w, 429, method, "err.code.too_many");
		return;
	}
	enum err e = ERR_INVALID;
	if (!strcmp(method, "totp") && a.totp_secret && *a.totp_secret) {
		int64_t step;
		e = totp_verify(a.totp_secret, code, clock_now_unix(), a.totp_last_step, &step);
		if (e == ERR_OK) {
			/* conditional update: the same code cannot pass twice, even at once */
			struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_TOTP_STEP);
			db_bind_int(s, ":step", step);
			db_bind_int(s, ":id", a.id);
			if (db_exec(s) != ERR_OK || db_changes(db) != 1)
				e = ERR_INVALID;
		}
	} else if (!strcmp(method, "recovery")) {
		e = recovery_use(db, a.id, code);
	} else {
		e = code_check(db, app.cfg, a.id, "login", code);
	}
	if (e != ERR_OK) {
		ui_audit(r, "login.second_factor_failed", a.username, a.org_id, method);
		verify_form(r, w, 422, method, e == ERR_NOT_FOUND ? "err.code.expired" : "err.code.wrong");
		return;
	}
	/* a new session id once fully signed in */
	if (web_sign_in(r, w, a.id, true) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "login", a.username, a.org_id, method);
	ui_redirect(r, w, web_safe_next(req_form(r, "next")));
}

void page_logout(struct request *r, struct response *w)
{
	if (r->user.account_id)
		ui_audit(r, "logout", r->user.username, r->user.org_id, "");
	web_sign_out(r, w);
	ui_flash(r, w, "flash.signed_out");
	ui_redirect(r, w, "/login");
}

/* ---- set-up link ---- */

static void setup_form(struct request *r, struct response *w, int status, struct ui_form *f, struct val *ctx)
{
	page_render(r, w, status, "setup", "setup.title", ctx);
	(void)f;
}

static struct val *setup_ctx(struct request *r, struct ui_form *f, bool *valid)
{
	struct db *db = db_thread();
	struct val *ctx = page_context(r);
	ui_form_init(f, r, ctx);
	const char *token = req_param(r, 0);
	int64_t id;
	struct account a;
	*valid = db && link_check(db, token, "setup", false, &id) == ERR_OK &&
		 account_get(db, &r->arena, id, &a) == ERR_OK && !a.disabled;
	val_set_bool(&r->arena, ctx, "valid", *valid);
	val_set_str(&r->arena, ctx, "token", token);
	if (*valid) {
		val_set_str(&r->arena, ctx, "lead", ui_msg(r, "setup.lead", "username", a.username));
		ui_field(f, "username", "text", "field.username", NULL, a.username, UI_READONLY, "username");
		ui_field(f, "password", "password", "field.password", "hint.password", NULL, UI_REQUIRED, "new-password");
		ui_field(f, "password_confirm", "password", "field.password_confirm", NULL, NULL, UI_REQUIRED,
			 "new-password");
	}
	return ctx;
}

void page_setup(struct request *r, struct response *w)
{
	struct ui_form f;
	bool valid;
	struct val *ctx = setup_ctx(r, &f, &valid);
	setup_form(r, w, valid ? 200 : 404, &f, ctx);
}

/* Adds the password policy's problems to the form; true when the password may be used. */
static bool check_password(struct ui_form *f, const char *pw, const char *confirm, const char *username)
{
	unsigned p = password_check(app.cfg, pw, strlen(pw), username);
	static const struct { unsigned bit; const char *key; } msgs[] = {
		{ PW_TOO_SHORT, "err.pw_too_short" }, { PW_TOO_LONG, "err.pw_too_long" },
		{ PW_NEEDS_MIXED, "err.pw_needs_mixed" }, { PW_BAD_CHARS, "err.pw_bad_chars" },
		{ PW_COMMON, "err.pw_common" }, { PW_HAS_USERNAME, "err.pw_has_username" },
	};
	if (!*pw) {
		ui_error(f, "password", "err.required");
		return false;
	}
	for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++)
		if (p & msgs[i].bit) {
			ui_error(f, "password", msgs[i].key);
			break;
		}
	if (strcmp(pw, confirm))
		ui_error(f, "password_confirm", "err.mismatch");
	return !ui_has_errors(f);
}

void page_setup_post(struct request *r, struct response *w)
{
	struct ui_form f;
	bool valid;
	struct val *ctx = setup_ctx(r, &f, &valid);
	if (!valid) {
		setup_form(r, w, 404, &f, ctx);
		return;
	}
	struct db *db = db_thread();
	int64_t id;
	struct account a;
	link_check(db, req_param(r, 0), "setup", false, &id);
	account_get(db, &r->arena, id, &a);
	const char *pw = form_or(r, "password", ""), *confirm = form_or(r, "password_confirm", "");
	if (!check_password(&f, pw, confirm, a.username)) {
		setup_form(r, w, 422, &f, ctx);
		return;
	}
	if (link_check(db, req_param(r, 0), "setup", true, &id) != ERR_OK ||
	    account_set_password(db, app.cfg, id, pw) != ERR_OK) {
		w->status = 409;
		return;
	}
	r->user.username = a.username;
	ui_audit(r, "account.setup", a.username, a.org_id, "");
	ui_flash(r, w, "flash.password_set");
	ui_redirect(r, w, "/login");
}

/* ---- password reset ---- */

void page_forgot(struct request *r, struct response *w)
{
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_field(&f, "username", "text", "field.username", "hint.forgot", "", UI_REQUIRED, "username");
	page_render(r, w, 200, "forgot", "forgot.title", ctx);
}

void page_forgot_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	const char *username = form_or(r, "username", "");
	struct account a;
	/* the same answer whether or not the account exists */
	if (db && *username && account_by_username(db, &r->arena, username, &a) == ERR_OK && !a.disabled &&
	    ui_code_rate_ok(r, a.email)) {
		char code[CODE_DIGITS + 1];
		if (code_issue(db, app.cfg, a.id, "reset", code) == ERR_OK)
			ui_send_code_mail(r, a.email, "reset", code);
		ui_audit(r, "password.reset_requested", username, a.org_id, "");
	}
	ui_flash(r, w, "flash.reset_sent");
	ui_redirect(r, w, "/password/reset");
}

static void reset_form(struct request *r, struct response *w, int status, const char *username, const char *error_key,
		       const char *field, struct ui_form *prev)
{
	struct val *ctx = prev ? prev->ctx : page_context(r);
	struct ui_form f;
	if (!prev) {
		ui_form_init(&f, r, ctx);
		prev = &f;
		ui_field(prev, "username", "text", "field.username", NULL, username, UI_REQUIRED, "username");
		ui_field(prev, "code", "text", "field.code", "hint.reset_code", NULL, UI_REQUIRED, "one-time-code");
		ui_field(prev, "password", "password", "field.new_password", "hint.password", NULL, UI_REQUIRED,
			 "new-password");
		ui_field(prev, "password_confirm", "password", "field.password_confirm", NULL, NULL, UI_REQUIRED,
			 "new-password");
	}
	if (error_key)
		ui_error(prev, field, error_key);
	ui_take_flash(r, w, ctx);
	page_render(r, w, status, "reset", "reset.title", ctx);
}

void page_reset(struct request *r, struct response *w)
{
	reset_form(r, w, 200, "", NULL, NULL, NULL);
}

void page_reset_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	const char *username = form_or(r, "username", ""), *code = form_or(r, "code", ""),
		   *pw = form_or(r, "password", ""), *confirm = form_or(r, "password_confirm", "");
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	ui_field(&f, "username", "text", "field.username", NULL, username, UI_REQUIRED, "username");
	ui_field(&f, "code", "text", "field.code", "hint.reset_code", NULL, UI_REQUIRED, "one-time-code");
	ui_field(&f, "password", "password", "field.new_password", "hint.password", NULL, UI_REQUIRED, "new-password");
	ui_field(&f, "password_confirm", "password", "field.password_confirm", NULL, NULL, UI_REQUIRED, "new-password");
	struct account a;
	if (!db || account_by_username(db, &r->arena, username, &a) != ERR_OK || a.disabled) {
		reset_form(r, w, 422, username, "err.code.wrong", "code", &f);
		return;
	}
	if (!check_password(&f, pw, confirm, username)) {
		reset_form(r, w, 422, username, NULL, NULL, &f);
		return;
	}
	enum err e = code_check(db, app.cfg, a.id, "reset", code);
	if (e != ERR_OK) {
		reset_form(r, w, 422, username, e == ERR_NOT_FOUND ? "err.code.expired" : "err.code.wrong", "code", &f);
		return;
	}
	account_set_password(db, app.cfg, a.id, pw);
	r->user.username = a.username;
	ui_audit(r, "password.reset", a.username, a.org_id, "");
	ui_flash(r, w, "flash.password_set");
	ui_redirect(r, w, "/login");
}
