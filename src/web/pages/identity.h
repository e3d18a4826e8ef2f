/* Handlers of identity (web/routes/identity.def): pages in pages/identity_*.c, the JSON
 * API in api/identity.c, and the helpers they share (pages/identity_ui.c). */
#ifndef VANS_WEB_PAGES_IDENTITY_H
#define VANS_WEB_PAGES_IDENTITY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/val.h"
#include "web/http.h"

void page_login(struct request *r, struct response *w);
void page_login_post(struct request *r, struct response *w);
void page_login_verify(struct request *r, struct response *w);
void page_login_verify_post(struct request *r, struct response *w);
void page_login_verify_send(struct request *r, struct response *w);
void page_logout(struct request *r, struct response *w);
void page_setup(struct request *r, struct response *w);
void page_setup_post(struct request *r, struct response *w);
void page_forgot(struct request *r, struct response *w);
void page_forgot_post(struct request *r, struct response *w);
void page_reset(struct request *r, struct response *w);
void page_reset_post(struct request *r, struct response *w);
void page_register(struct request *r, struct response *w);
void page_register_post(struct request *r, struct response *w);
void page_register_contact(struct request *r, struct response *w);
void page_register_contact_post(struct request *r, struct response *w);
void page_register_verify(struct request *r, struct response *w);
void page_register_verify_post(struct request *r, struct response *w);
void page_register_permissions(struct request *r, struct response *w);
void page_register_permissions_post(struct request *r, struct response *w);
void page_register_account(struct request *r, struct response *w);
void page_register_account_post(struct request *r, struct response *w);
void page_register_done(struct request *r, struct response *w);
void page_account(struct request *r, struct response *w);
void page_account_permission_post(struct request *r, struct response *w);
void page_account_form_pdf(struct request *r, struct response *w);
void page_account_scan_post(struct request *r, struct response *w);
void page_security(struct request *r, struct response *w);
void page_security_password_post(struct request *r, struct response *w);
void page_security_totp_post(struct request *r, struct response *w);
void page_security_recovery_post(struct request *r, struct response *w);
void page_org_reviews(struct request *r, struct response *w);
void page_org_review(struct request *r, struct response *w);
void page_org_review_post(struct request *r, struct response *w);
void page_org_permissions(struct request *r, struct response *w);
void page_org_accounts(struct request *r, struct response *w);
void page_org_disabled(struct request *r, struct response *w);
void page_org_account_status_post(struct request *r, struct response *w);
void page_org_apikeys(struct request *r, struct response *w);
void page_org_apikeys_post(struct request *r, struct response *w);
void page_org_apikey_revoke_post(struct request *r, struct response *w);
void page_org_audit(struct request *r, struct response *w);
void page_admin_reviews(struct request *r, struct response *w);
void page_admin_review(struct request *r, struct response *w);
void page_admin_review_post(struct request *r, struct response *w);
void page_admin_review_scan(struct request *r, struct response *w);
void page_admin_orgs(struct request *r, struct response *w);
void page_admin_orgs_post(struct request *r, struct response *w);
void page_admin_grant_post(struct request *r, struct response *w);
void page_admin_audit(struct request *r, struct response *w);
void api_captcha(struct request *r, struct response *w);
void api_me(struct request *r, struct response *w);
void api_org(struct request *r, struct response *w);
void api_org_accounts(struct request *r, struct response *w);
void api_org_apikey_revoke(struct request *r, struct response *w);

/* ---- shared by the identity pages (identity_ui.c) ---- */

/* A form being rendered: fields in order and an error summary (ctx.fields, ctx.errors). */
struct ui_form {
	struct request *r;
	struct val *ctx, *fields, *errors;
};
enum { UI_REQUIRED = 1, UI_READONLY = 2 };

void ui_form_init(struct ui_form *f, struct request *r, struct val *ctx);
/* Adds an input; label_key and hint_key (may be NULL) are message keys. */
struct val *ui_field(struct ui_form *f, const char *name, const char *type, const char *label_key,
		     const char *hint_key, const char *value, unsigned flags, const char *autocomplete);
/* An error next to the field (and in the summary at the top), message key msg_key. */
void ui_error(struct ui_form *f, const char *name, const char *msg_key);
bool ui_has_errors(const struct ui_form *f);
/* The message with "{name}" replaced by value. */
const char *ui_msg(struct request *r, const char *key, const char *name, const char *value);
/* "2026-05-01 14:03" in Taiwan time (UTC+8); "" for 0. */
const char *ui_time(struct request *r, int64_t t);
/* Message key of a permission status (perm.status.pending, …) and of a permission name. */
const char *ui_status_key(const char *status);
const char *ui_perm_key(struct request *r, const char *module, const char *permission);
/* Audit entry for this request's caller. */
void ui_audit(struct request *r, const char *action, const char *target, int64_t org_id, const char *detail);
/* Queues a one-time code by mail (subject/lead by purpose: "register", "login", "reset") or SMS
 * in the request's language. */
enum err ui_send_code_mail(struct request *r, const char *to, const char *purpose, const char *code);
enum err ui_send_code_sms(struct request *r, const char *to, const char *code);
/* Rate limits on sending codes: per address (e-mail or mobile) and per client address. */
bool ui_code_rate_ok(struct request *r, const char *address);
/* 303 See Other to a local path. */
void ui_redirect(struct request *r, struct response *w, const char *path);
/* The id path parameter as a positive integer, 0 when it is not one. */
int64_t ui_param_id(struct request *r, int i);
/* A flash message shown once on the next page (cookie), and reading it into ctx.flash. */
void ui_flash(struct request *r, struct response *w, const char *msg_key);
void ui_take_flash(struct request *r, struct response *w, struct val *ctx);

#endif
