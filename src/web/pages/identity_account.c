/* 個人帳號管理 / 權限異動申請 (seed 000 §2.2, §2.4; 圖 10, 12, 17, 18): the account's
 * details, its permission per module with status and actions, the pre-filled application
 * form (PDF) and the upload of its signed scan; and the security settings: password,
 * TOTP enrolment with a server-rendered QR code, recovery codes. */
#include "web/handlers.h"
#include "web/app.h"
#include "web/multipart.h"
#include "web/page.h"
#include "web/principal.h"
#include "identity/account.h"
#include "identity/codes.h"
#include "identity/form_pdf.h"
#include "identity/org.h"
#include "identity/password.h"
#include "identity/permission.h"
#include "identity/qr.h"
#include "identity/totp.h"
#include "core/clock.h"
#include "core/crypto.h"

#include <stdio.h>
#include <string.h>

static const char *form_or(struct request *r, const char *name, const char *def)
{
	const char *v = req_form(r, name);
	return v ? v : def;
}

static const struct perm *find_perm(const struct perm *list, size_t n, const struct perm_def *d)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i].module, d->module) && !strcmp(list[i].permission, d->permission))
			return &list[i];
	return NULL;
}

void page_account(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct arena *a = &r->arena;
	struct account me;
	if (!db || account_get(db, a, r->user.account_id, &me) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct org o = { .name = "", .mailbox = "", .level = 'A' };
	bool has_org = me.org_id && org_get(db, a, me.org_id, &o) == ERR_OK;
	struct val *ctx = page_context(r);
	struct ui_form f;
	ui_form_init(&f, r, ctx);
	struct val *mev = val_obj(a);
	val_set_str(a, mev, "username", me.username);
	val_set_str(a, mev, "name", me.name);
	val_set_str(a, mev, "org", has_org ? arena_printf(a, "%s（%s）", o.name, o.identifier)
				       : i18n_get(r->lang, "account.operator"));
	val_set_str(a, mev, "email", me.email);
	val_set_str(a, mev, "mobile", me.mobile);
	val_set_str(a, mev, "title", me.title);
	val_set(a, ctx, "me", mev);
	val_set_str(a, ctx, "mailbox_note", ui_msg(r, "account.perms.mailbox", "mailbox",
						   *o.mailbox ? o.mailbox : app.cfg->service_mailbox));
	struct perm *held;
	size_t nheld;
	perm_list_account(db, a, me.id, &held, &nheld);
	bool may = has_org && org_may_self_apply(&o);
	struct val *rows = val_arr(a);
	for (size_t i = 0; has_org && i < perm_def_count; i++) {
		const struct perm_def *d = &perm_defs[i];
		const struct perm *p = find_perm(held, nheld, d);
		const char *status = p ? p->status : "none";
		struct val *row = val_obj(a);
		val_set_str(a, row, "key", arena_printf(a, "%s-%s", d->module, d->permission));
		val_set_str(a, row, "module", d->module);
		val_set_str(a, row, "permission", d->permission);
		val_set(a, row, "module_label", val_str_static(a, i18n_get(r->lang, "module.vans")));
		val_set(a, row, "label", val_str_static(a, i18n_get(r->lang, ui_perm_key(r, d->module, d->permission))));
		val_set_str(a, row, "status", status);
		val_set(a, row, "status_label", val_str_static(a, i18n_get(r->lang, ui_status_key(p ? p->status : NULL))));
		bool fresh = !p || !strcmp(status, "removed"), rejected = p && !strcmp(status, "rejected");
		val_set_bool(a, row, "can_apply", may && (fresh || rejected));
		val_set_bool(a, row, "blocked", !may && (fresh || rejected));
		val_set(a, row, "apply_label",
			val_str_static(a, i18n_get(r->lang, rejected ? "perm.action.reapply" : "perm.action.apply")));
		val_set_bool(a, row, "can_remove", p && !strcmp(status, "approved"));
		bool pending = p && !strcmp(status, "pending");
		if (d->needs_form && pending) {
			val_set_str(a, row, "form_url", arena_printf(a, "/account/permissions/%lld/form.pdf", (long long)p->id));
			val_set_str(a, row, "scan_url", arena_printf(a, "/account/permissions/%lld/scan", (long long)p->id));
		} else {
			val_set_bool(a, row, "form_url", false);
			val_set_bool(a, row, "scan_url", false);
		}
		val_set_bool(a, row, "has_scan", p && p->has_scan);
		int64_t n = perm_reviewer_count(db, o.id, d);
		val_set_str(a, row, "reviewers", ui_msg(r, d->operator_reviews ? "perm.reviewers.operator" : "perm.reviewers",
							"n", arena_printf(a, "%lld", (long long)n)));
		val_push(a, rows, row);
	}
	val_set(a, ctx, "perms", rows);
	ui_take_flash(r, w, ctx);
	page_render(r, w, 200, "account", "account.title", ctx);
}

void page_account_permission_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct arena *a = &r->arena;
	const char *module = form_or(r, "module", ""), *permission = form_or(r, "permission", ""),
		   *action = form_or(r, "action", "");
	const struct perm_def *d = perm_def_find(module, permission);
	struct org o;
	if (!db || !d || !r->user.org_id || org_get(db, a, r->user.org_id, &o) != ERR_OK) {
		w->status = 400;
		return;
	}
	const char *target = arena_printf(a, "%s:%s", module, permission);
	if (!strcmp(action, "apply")) {
		if (!org_may_self_apply(&o)) {
			w->status = 403;
			return;
		}
		int64_t id;
		enum err e = perm_request(db, r->user.account_id, module, permission, &id);
		if (e == ERR_OK) {
			ui_audit(r, "permission.request", r->user.username, o.id, target);
			ui_flash(r, w, d->needs_form ? "flash.applied_form" : "flash.applied");
		} else {
			ui_flash(r, w, "flash.not_possible");
		}
	} else if (!strcmp(action, "remove")) {
		struct perm *held;
		size_t n;
		perm_list_account(db, a, r->user.account_id, &held, &n);
		const struct perm *p = find_perm(held, n, d);
		if (p && perm_request_removal(db, r->user.account_id, p->id) == ERR_OK) {
			ui_audit(r, "permission.removal_request", r->user.username, o.id, target);
			ui_flash(r, w, "flash.removal_requested");
		} else {
			ui_flash(r, w, "flash.not_possible");
		}
	} else {
		w->status = 400;
		return;
	}
	ui_redirect(r, w, "/account");
}

/* The caller's own request for a permission that needs the form; NULL otherwise. */
static bool own_form_request(struct request *r, struct perm *p)
{
	struct db *db = db_thread();
	int64_t id = ui_param_id(r, 0);
	if (!db || !id || perm_get(db, &r->arena, id, p) != ERR_OK || p->account_id != r->user.account_id)
		return false;
	const struct perm_def *d = perm_def_find(p->module, p->permission);
	return d && d->needs_form;
}

void page_account_form_pdf(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct perm p;
	struct account me;
	struct org o;
	if (!own_form_request(r, &p) || account_get(db, &r->arena, p.account_id, &me) != ERR_OK ||
	    org_get(db, &r->arena, me.org_id, &o) != ERR_OK) {
		w->status = 404;
		return;
	}
	char level[2] = { o.level, 0 }, date[32];
	clock_format_iso8601(clock_now_unix() + 8 * 3600, date, sizeof date);
	date[10] = '\0';
	struct form_fields f = {
		.org_name = o.name, .org_identifier = o.identifier, .org_level = level, .name = me.name,
		.username = me.username, .title = me.title, .department = me.department, .email = me.email,
		.mobile = me.mobile, .phone = me.phone, .extension = me.extension, .fax = me.fax, .address = me.address,
		.permission = "機關管理者", .date = date,
		.reference = arena_printf(&r->arena, "VANS-P%06lld", (long long)p.id),
	};
	buf_reset(&w->body);
	if (form_pdf_write(&f, &w->body) != ERR_OK) {
		w->status = 500;
		return;
	}
	w->status = 200;
	w->content_type = "application/pdf";
	resp_header(r, w, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"vans-org-admin-form-%lld.pdf\"", (long long)p.id));
	ui_audit(r, "permission.form_download", r->user.username, me.org_id, arena_printf(&r->arena, "%lld", (long long)p.id));
}

/* PDF, PNG or JPEG by their first bytes, whatever the client claims. */
static const char *scan_type(const char *d, size_t n)
{
	if (n >= 5 && !memcmp(d, "%PDF-", 5))
		return "application/pdf";
	if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (n >= 3 && !memcmp(d, "\xff\xd8\xff", 3))
		return "image/jpeg";
	return NULL;
}

void page_account_scan_post(struct request *r, struct response *w)
{
	struct perm p;
	if (!own_form_request(r, &p)) {
		w->status = 404;
		return;
	}
	const struct mp_part *parts = multipart_parse(&r->arena, req_header(r, "Content-Type"), r->body.data,
						      r->body.len);
	const struct mp_part *scan = multipart_get(parts, "scan");
	const char *type = scan ? scan_type(scan->data, scan->len) : NULL;
	if (!type) {
		ui_flash(r, w, "flash.scan_bad");
		ui_redirect(r, w, "/account");
		return;
	}
	const char *name = scan->filename && *scan->filename ? scan->filename : "scan";
	if (perm_set_scan(db_thread(), r->user.account_id, p.id, name, type, scan->data, scan->len) != ERR_OK) {
		ui_flash(r, w, "flash.not_possible");
	} else {
		ui_audit(r, "permission.scan_upload", r->user.username, r->user.org_id, name);
		ui_flash(r, w, "flash.scan_ok");
	}
	ui_redirect(r, w, "/account");
}

/* ---- security ---- */

static struct val *security_ctx(struct request *r, struct ui_form *f, const struct account *me)
{
	struct val *ctx = page_context(r);
	ui_form_init(f, r, ctx);
	ui_field(f, "current_password", "password", "field.current_password", NULL, NULL, UI_REQUIRED, "current-password");
	ui_field(f, "password", "password", "field.new_password", "hint.password", NULL, UI_REQUIRED, "new-password");
	ui_field(f, "password_confirm", "password", "field.password_confirm", NULL, NULL, UI_REQUIRED, "new-password");
	val_set_bool(&r->arena, ctx, "totp_on", me->totp_secret && *me->totp_secret);
	val_set_bool(&r->arena, ctx, "enrol", false);
	val_set_bool(&r->arena, ctx, "has_codes", false);
	int64_t left = recovery_left(db_thread(), me->id);
	val_set_str(&r->arena, ctx, "recovery_left",
		    ui_msg(r, "security.recovery.left", "n", arena_printf(&r->arena, "%lld", (long long)left)));
	return ctx;
}

static bool load_me(struct request *r, struct response *w, struct account *me)
{
	struct db *db = db_thread();
	if (!db || account_get(db, &r->arena, r->user.account_id, me) != ERR_OK) {
		w->status = 500;
		return false;
	}
	return true;
}

void page_security(struct request *r, struct response *w)
{
	struct account me;
	if (!load_me(r, w, &me))
		return;
	struct ui_form f;
	struct val *ctx = security_ctx(r, &f, &me);
	ui_take_flash(r, w, ctx);
	page_render(r, w, 200, "security", "security.title", ctx);
}

void page_security_password_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct account me;
	if (!load_me(r, w, &me))
		return;
	struct ui_form f;
	struct val *ctx = security_ctx(r, &f, &me);
	const char *cur = form_or(r, "current_password", ""), *pw = form_or(r, "password", ""),
		   *confirm = form_or(r, "password_confirm", "");
	struct account check;
	int64_t until;
	if (account_authenticate(db, app.cfg, &r->arena, me.username, cur, &check, &until) != ERR_OK)
		ui_error(&f, "current_password", "err.login.wrong");
	unsigned p = password_check(app.cfg, pw, strlen(pw), me.username);
	if (!*pw)
		ui_error(&f, "password", "err.required");
	else if (p & PW_TOO_SHORT)
		ui_error(&f, "password", "err.pw_too_short");
	else if (p & PW_NEEDS_MIXED)
		ui_error(&f, "password", "err.pw_needs_mixed");
	else if (p & PW_BAD_CHARS)
		ui_error(&f, "password", "err.pw_bad_chars");
	else if (p & PW_COMMON)
		ui_error(&f, "password", "err.pw_common");
	else if (p)
		ui_error(&f, "password", "err.pw_has_username");
	if (strcmp(pw, confirm))
		ui_error(&f, "password_confirm", "err.mismatch");
	if (ui_has_errors(&f)) {
		page_render(r, w, 422, "security", "security.title", ctx);
		return;
	}
	/* every session ends, this one included: sign in again with a new session */
	account_set_password(db, app.cfg, me.id, pw);
	ui_audit(r, "password.change", me.username, me.org_id, "");
	web_sign_out(r, w);
	ui_flash(r, w, "flash.password_changed");
	ui_redirect(r, w, "/login");
}

void page_security_totp_post(struct request *r, struct response *w)
{
	struct db *db = db_thread();
	struct account me;
	if (!load_me(r, w, &me))
		return;
	struct ui_form f;
	struct val *ctx = security_ctx(r, &f, &me);
	struct arena *a = &r->arena;
	const char *action = form_or(r, "action", "");
	const char *secret = form_or(r, "secret", "");
	char fresh[TOTP_SECRET_B32];
	if (!strcmp(action, "confirm")) {
		int64_t step;
		if (strlen(secret) == 32 && totp_verify(secret, form_or(r, "code", ""), clock_now_unix(), 0, &step) == ERR_OK) {
			struct db_stmt *s = db_stmt(db, STMT_ACCOUNT_SET_TOTP);
			db_bind_text(s, ":secret", secret);
			db_bind_int(s, ":id", me.id);
			db_exec(s);
			s = db_stmt(db, STMT_ACCOUNT_TOTP_STEP);
			db_bind_int(s, ":step", step);
			db_bind_int(s, ":id", me.id);
			db_exec(s);
			ui_audit(r, "totp.enrol", me.username, me.org_id, "");
			ui_flash(r, w, "flash.totp_on");
			ui_redirect(r, w, "/account/security");
			return;
		}
		val_set(a, ctx, "totp_error", val_str_static(a, i18n_get(r->lang, "err.code.wrong")));
		ui_error(&f, "totp", "err.code.wrong");
	} else {
		totp_new_secret(fresh);
		secret = fresh;
	}
	const char *uri = totp_uri(a, "vans", me.username, secret);
	const char *svg = qr_svg(a, uri);
	size_t n = strlen(svg);
	char *b64 = arena_alloc(a, 4 * ((n + 2) / 3) + 1);
	crypto_b64_encode(svg, n, b64, 4 * ((n + 2) / 3) + 1);
	val_set_bool(a, ctx, "enrol", true);
	val_set_str(a, ctx, "secret", secret);
	val_set_str(a, ctx, "qr", arena_printf(a, "data:image/svg+xml;base64,%s", b64));
	page_render(r, w, ui_has_errors(&f) ? 422 : 200, "security", "security.title", ctx);
}

void page_security_recovery_post(struct request *r, struct response *w)
{
	struct account me;
	if (!load_me(r, w, &me))
		return;
	char codes[RECOVERY_CODES][RECOVERY_CODE_SIZE];
	if (recovery_generate(db_thread(), me.id, codes) != ERR_OK) {
		w->status = 500;
		return;
	}
	ui_audit(r, "recovery.generate", me.username, me.org_id, "");
	struct ui_form f;
	struct val *ctx = security_ctx(r, &f, &me);
	struct val *list = val_arr(&r->arena);
	for (int i = 0; i < RECOVERY_CODES; i++)
		val_push(&r->arena, list, val_str(&r->arena, codes[i]));
	val_set(&r->arena, ctx, "codes", list);
	val_set_bool(&r->arena, ctx, "has_codes", true);
	crypto_wipe(codes, sizeof codes);
	page_render(r, w, 200, "security", "security.title", ctx);
}
