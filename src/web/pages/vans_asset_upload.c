/* Uploading an inventory through the page: CSV, XLSX, CycloneDX or SPDX (format detected),
 * all-or-nothing unless the user keeps the valid rows, the result with its error table
 * (line, field, reason) and the matching summary; the templates (範本下載) in zh-TW and
 * English as CSV and XLSX; and the upload history (檢視上傳紀錄). */
#include "web/handlers.h"
#include "web/multipart.h"
#include "web/page.h"
#include "store/db.h"
#include "vans/asset.h"

#include <stdio.h>
#include <string.h>

#define ERROR_ROWS_SHOWN 500

static const char *msg(struct request *r, const char *key)
{
	return i18n_get(r->lang, key);
}

static struct val *upload_ctx(struct request *r)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
	struct asset_group *g;
	size_t n;
	struct val *groups = val_arr(a);
	if (asset_group_list(db_thread(), a, r->user.org_id, &g, &n) == ERR_OK)
		for (size_t i = 0; i < n; i++) {
			struct val *o = val_obj(a);
			val_set_str(a, o, "code", g[i].code);
			val_set_str(a, o, "name", g[i].name);
			val_push(a, groups, o);
		}
	val_set(a, ctx, "groups", groups);
	return ctx;
}

void page_asset_upload(struct request *r, struct response *w)
{
	page_render(r, w, 200, "asset_upload", "assets.upload.title", upload_ctx(r));
}

static const char *source_of(enum intake_format f)
{
	switch (f) {
	case INTAKE_FORMAT_XLSX: return "xlsx";
	case INTAKE_FORMAT_CSV: return "csv";
	case INTAKE_FORMAT_CYCLONEDX_JSON:
	case INTAKE_FORMAT_CYCLONEDX_XML: return "cyclonedx";
	case INTAKE_FORMAT_SPDX_JSON: return "spdx";
	default: return "form";
	}
}

void page_asset_upload_post(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *ctx = upload_ctx(r);
	const struct mp_part *parts = multipart_parse(a, req_header(r, "Content-Type"), r->body.data ? r->body.data : "",
						      r->body.len);
	const struct mp_part *file = multipart_get(parts, "file");
	if (!file || !file->filename || !file->len) {
		val_set(a, ctx, "error", val_str_static(a, msg(r, "assets.upload.no_file")));
		page_render(r, w, 400, "asset_upload", "assets.upload.title", ctx);
		return;
	}
	const char *fname = *file->filename ? file->filename : "upload";
	char why[256] = "";
	enum intake_format fmt = intake_detect(file->data, file->len, why, sizeof why);
	if (fmt == INTAKE_FORMAT_UNKNOWN) {
		val_set_str(a, ctx, "error", arena_printf(a, "%s: %s", fname, why[0] ? why : msg(r, "assets.upload.unknown")));
		page_render(r, w, 422, "asset_upload", "assets.upload.title", ctx);
		return;
	}
	bool keep = req_form(r, "keep_valid") != NULL;
	const char *group = req_form(r, "group");
	if (group && !*group)
		group = NULL;
	struct intake_opts opts = { .mode = keep ? INTAKE_KEEP_VALID : INTAKE_ALL_OR_NOTHING, .group_code = group };
	struct asset_batch b;
	intake_read(file->data, file->len, &opts, &b);
	struct asset_intake in = { .org_id = r->user.org_id, .account_id = r->user.account_id, .source = source_of(fmt),
				   .filename = fname, .mode = opts.mode, .group_code = group, .match = true };
	struct asset_intake_result res;
	char err[256];
	enum err e = asset_intake_store(db_thread(), &in, &b, &res, err, sizeof err);
	if (e != ERR_OK && e != ERR_INVALID) {
		asset_batch_free(&b);
		w->status = 500;
		return;
	}
	struct val *out = val_obj(a);
	val_set_str(a, out, "filename", fname);
	val_set_str(a, out, "format", intake_format_str(fmt));
	val_set_bool(a, out, "stored", e == ERR_OK);
	val_set_bool(a, out, "rejected", e == ERR_INVALID);
	val_set_int(a, out, "total", (int64_t)res.rows_total);
	val_set_int(a, out, "added", (int64_t)res.rows_added);
	val_set_int(a, out, "updated", (int64_t)res.rows_updated);
	val_set_int(a, out, "rejected_rows", (int64_t)res.rows_rejected);
	val_set_int(a, out, "mapped", (int64_t)res.rows_mapped);
	val_set(a, out, "match", vans_match_json(a, &res));
	struct val *errs = val_arr(a), *warns = val_arr(a);
	size_t shown = 0;
	for (size_t i = 0; i < b.n_issues && shown < ERROR_ROWS_SHOWN; i++, shown++) {
		const struct asset_issue *is = &b.issues[i];
		struct val *o = val_obj(a);
		val_set_int(a, o, "line", is->line);
		val_set_str(a, o, "field", is->field < ASSET_FIELD__MAX ? asset_field_key(is->field) : "");
		val_set_str(a, o, "column", is->column ? is->column : "");
		val_set_str(a, o, "value", is->value ? is->value : "");
		val_set_str(a, o, "reason", asset_issue_reason(is));
		/* the parsers' reasons are English: the issue's kind in the reader's language first */
		if (r->lang != LANG_EN)
			val_set(a, o, "kind", val_str_static(a, msg(r, arena_printf(a, "assets.issue.%s",
										   asset_issue_code_str(is->code)))));
		val_push(a, is->severity == ASSET_SEV_ERROR ? errs : warns, o);
	}
	val_set(a, out, "errors", errs);
	val_set(a, out, "warnings", warns);
	val_set_bool(a, out, "has_errors", errs->u.a.n > 0);
	val_set_bool(a, out, "has_warnings", warns->u.a.n > 0);
	val_set_int(a, out, "more", (int64_t)(b.n_issues + b.issues_dropped - shown));
	val_set_bool(a, out, "has_more", b.n_issues + b.issues_dropped > shown);
	val_set(a, ctx, "result", out);
	asset_batch_free(&b);
	page_render(r, w, e == ERR_OK ? 200 : 422, "asset_upload", "assets.upload.title", ctx);
}

void page_asset_template(struct request *r, struct response *w)
{
	const char *f = req_param(r, 0);
	static const struct {
		const char *file;
		bool english, xlsx;
	} files[] = {
		{ "asset-template.zh-TW.csv", false, false },
		{ "asset-template.zh-TW.xlsx", false, true },
		{ "asset-template.en.csv", true, false },
		{ "asset-template.en.xlsx", true, true },
	};
	for (size_t i = 0; f && i < sizeof files / sizeof files[0]; i++) {
		if (strcmp(f, files[i].file) != 0)
			continue;
		buf_reset(&w->body);
		char err[200];
		enum err e = files[i].xlsx ? asset_template_xlsx(files[i].english, &w->body, err, sizeof err)
					   : asset_template_csv(files[i].english, &w->body);
		if (e != ERR_OK) {
			buf_reset(&w->body);
			w->status = 500;
			return;
		}
		w->status = 200;
		w->content_type = files[i].xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
						: "text/csv; charset=utf-8";
		resp_header(r, w, "Content-Disposition", arena_printf(&r->arena, "attachment; filename=\"%s\"", f));
		return;
	}
	w->status = 404;
}

void page_asset_uploads(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
	struct asset_upload *u;
	size_t n;
	int64_t total;
	if (asset_upload_list(db_thread(), a, r->user.org_id, 100, 0, &u, &n, &total) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *list = val_arr(a);
	for (size_t i = 0; i < n; i++) {
		struct val *o = val_obj(a);
		val_set_int(a, o, "id", u[i].id);
		val_set_str(a, o, "when", ui_time(r, u[i].created_at));
		val_set(a, o, "source", val_str_static(a, msg(r, arena_printf(a, "assets.source.%s", u[i].source))));
		val_set_str(a, o, "filename", u[i].filename);
		val_set_str(a, o, "status", u[i].status);
		val_set(a, o, "status_label", val_str_static(a, msg(r, arena_printf(a, "assets.status.%s", u[i].status))));
		val_set_str(a, o, "by", *u[i].username ? u[i].username : *u[i].key_name ? u[i].key_name : "");
		val_set_int(a, o, "total", u[i].rows_total);
		val_set_int(a, o, "added", u[i].rows_added);
		val_set_int(a, o, "updated", u[i].rows_updated);
		val_set_int(a, o, "rejected", u[i].rows_rejected);
		/* the first errors, from the JSON kept with the upload */
		struct val *errs = NULL;
		char perr[64];
		struct val *list_errs = val_arr(a);
		if (val_parse_json(a, u[i].errors, strlen(u[i].errors), &errs, perr, sizeof perr) == 0 && errs->kind == VAL_ARR)
			for (size_t k = 0; k < errs->u.a.n && k < 20; k++)
				val_push(a, list_errs, errs->u.a.items[k]);
		val_set(a, o, "errors", list_errs);
		val_set_bool(a, o, "has_errors", list_errs->u.a.n > 0);
		val_push(a, list, o);
	}
	val_set(a, ctx, "uploads", list);
	val_set_bool(a, ctx, "has_uploads", n > 0);
	val_set_int(a, ctx, "total", total);
	page_render(r, w, 200, "asset_uploads", "assets.uploads.title", ctx);
}
