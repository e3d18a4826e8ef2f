/* The asset pages of a VANS user, always scoped to the caller's organisation: 資產清單 with
 * the national system's filters, sorting and paging; 新增資產, one asset (edit, delete, CPE
 * candidates and accepting one); 資產分群管理; CPE清單下載. Upload, templates and history are
 * in vans_asset_upload.c. */
#include "web/handlers.h"
#include "web/form.h"
#include "web/page.h"
#include "store/db.h"
#include "vans/asset.h"

#include <stdio.h>
#include <string.h>

static const char *const categories[] = { "system", "pc", "network", "ics" };
static const char *const cpe_kinds[] = { "with", "without", "a", "o", "h" };
static const char *const sorts[] = { "name", "vendor", "version", "identifier", "category", "cpe", "group", "updated" };

static const char *one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		if (!strcmp(v, list[i]))
			return list[i];
	return NULL;
}
#define ONE_OF(v, list) one_of(v, list, sizeof list / sizeof list[0])

static const char *msg(struct request *r, const char *key)
{
	return i18n_get(r->lang, key);
}

static const char *category_label(struct request *r, const char *code)
{
	return msg(r, arena_printf(&r->arena, "assets.category.%s", ONE_OF(code, categories) ? code : "system"));
}

static struct val *options(struct request *r, const char *const *codes, size_t n, const char *prefix,
			   const char *selected)
{
	struct arena *a = &r->arena;
	struct val *list = val_arr(a);
	for (size_t i = 0; i < n; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "value", codes[i]);
		val_set(a, o, "label", val_str_static(a, msg(r, arena_printf(a, "%s.%s", prefix, codes[i]))));
		val_set_bool(a, o, "selected", selected && !strcmp(selected, codes[i]));
		val_push(a, list, o);
	}
	return list;
}

static struct val *group_options(struct request *r, int64_t selected_id, const char *selected_code)
{
	struct arena *a = &r->arena;
	struct val *list = val_arr(a);
	struct asset_group *g;
	size_t n;
	if (asset_group_list(db_thread(), a, r->user.org_id, &g, &n) != ERR_OK)
		return list;
	for (size_t i = 0; i < n; i++) {
		struct val *o = val_obj(a);
		val_set_int(a, o, "id", g[i].id);
		val_set_str(a, o, "code", g[i].code);
		val_set_str(a, o, "name", g[i].name);
		val_set_bool(a, o, "selected", g[i].id == selected_id || (selected_code && !strcmp(g[i].code, selected_code)));
		val_push(a, list, o);
	}
	return list;
}

/* The section's menu: 資產清單, 新增資產, 上傳資產, 資產分群管理, 檢視上傳紀錄. */
void vans_asset_subnav(struct request *r, struct val *ctx)
{
	struct arena *a = &r->arena;
	static const struct { const char *href, *key; } items[] = {
		{ "/assets", "assets.nav.list" },     { "/assets/new", "assets.nav.new" },
		{ "/assets/upload", "assets.nav.upload" }, { "/assets/groups", "assets.nav.groups" },
		{ "/assets/uploads", "assets.nav.uploads" },
	};
	struct val *list = val_arr(a);
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "href", items[i].href);
		val_set(a, o, "label", val_str_static(a, msg(r, items[i].key)));
		val_set_bool(a, o, "current", !strcmp(r->path, items[i].href));
		val_push(a, list, o);
	}
	val_set(a, ctx, "subnav", list);
	val_set(a, ctx, "subnav_label", val_str_static(a, msg(r, "assets.nav.label")));
}

/* ---- the list ------------------------------------------------------------------------ */

/* /assets?… with the current filters, and sort/dir/page replaced when given. */
static const char *list_link(struct request *r, const char *sort, const char *dir, int64_t page)
{
	static const char *const keep[] = { "name", "vendor", "identifier", "version", "category", "cpe", "group" };
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "/assets?");
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		const char *v = req_query(r, keep[i]);
		if (!v || !*v)
			continue;
		buf_printf(&b, "%s=", keep[i]);
		url_encode(&b, v, strlen(v));
		buf_putc(&b, '&');
	}
	const char *s = sort ? sort : req_query(r, "sort");
	const char *d = dir ? dir : req_query(r, "dir");
	if (s && ONE_OF(s, sorts))
		buf_printf(&b, "sort=%s&", s);
	if (d && !strcmp(d, "desc"))
		buf_puts(&b, "dir=desc&");
	buf_printf(&b, "page=%lld", (long long)page);
	const char *out = arena_strdup(&r->arena, b.data);
	buf_free(&b);
	return out;
}

static struct val *asset_row(struct request *r, const struct asset *x)
{
	struct arena *a = &r->arena;
	struct val *o = vans_asset_json(a, x);
	val_set_str(a, o, "category_label", category_label(r, x->category));
	val_set(a, o, "origin_label", val_str_static(a, msg(r, arena_printf(a, "assets.origin.%s", x->cpe_origin))));
	val_set_bool(a, o, "no_cpe", !*x->cpe);
	val_set_bool(a, o, "suggested", !strcmp(x->cpe_origin, "suggested"));
	val_set_str(a, o, "updated", ui_time(r, x->updated_at));
	return o;
}

void page_assets(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
	ui_take_flash(r, w, ctx);
	struct asset_query q;
	vans_asset_query_from(r, &q);
	q.category = ONE_OF(q.category, categories);
	q.cpe_kind = ONE_OF(q.cpe_kind, cpe_kinds);
	q.sort = ONE_OF(q.sort, sorts);
	struct asset *as;
	size_t n;
	int64_t total;
	if (asset_list(db_thread(), a, r->user.org_id, &q, &as, &n, &total) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *form = val_obj(a);
	static const char *const texts[] = { "name", "vendor", "identifier", "version" };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		val_set_str(a, form, texts[i], req_query(r, texts[i]) ? req_query(r, texts[i]) : "");
	val_set(a, form, "categories", options(r, categories, 4, "assets.category", q.category));
	val_set(a, form, "kinds", options(r, cpe_kinds, 5, "assets.kind", q.cpe_kind));
	val_set(a, form, "groups", group_options(r, q.group_id, NULL));
	val_set(a, ctx, "form", form);
	struct val *rows = val_arr(a);
	for (size_t i = 0; i < n; i++)
		val_push(a, rows, asset_row(r, &as[i]));
	val_set(a, ctx, "rows", rows);
	val_set_bool(a, ctx, "has_rows", n > 0);
	val_set_int(a, ctx, "total", total);
	/* sortable headers: a second click reverses */
	struct val *heads = val_arr(a);
	static const char *const cols[] = { "name", "vendor", "version", "identifier", "category", "group", "cpe" };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
		struct val *h = val_obj(a);
		bool cur = q.sort && !strcmp(q.sort, cols[i]);
		val_set(a, h, "label", val_str_static(a, msg(r, arena_printf(a, "assets.col.%s", cols[i]))));
		val_set_str(a, h, "href", list_link(r, cols[i], cur && !q.desc ? "desc" : "asc", 1));
		val_set_str(a, h, "aria_sort", cur ? (q.desc ? "descending" : "ascending") : "none");
		val_set_bool(a, h, "sorted", cur);
		val_set_str(a, h, "arrow", cur ? (q.desc ? "▼" : "▲") : "");
		val_push(a, heads, h);
	}
	val_set(a, ctx, "heads", heads);
	int64_t page = q.offset / q.limit + 1, pages = (total + q.limit - 1) / q.limit;
	val_set_int(a, ctx, "page", page);
	val_set_int(a, ctx, "pages", pages ? pages : 1);
	if (page > 1)
		val_set_str(a, ctx, "prev", list_link(r, NULL, NULL, page - 1));
	if (page < pages)
		val_set_str(a, ctx, "next", list_link(r, NULL, NULL, page + 1));
	page_render(r, w, 200, "assets", "assets.title", ctx);
}

/* ---- one asset ----------------------------------------------------------------------- */

/* The form's values: from the request (after a failed save) or from the asset. */
static struct val *form_values(struct request *r, const struct asset *x, bool from_request)
{
	struct arena *a = &r->arena;
	struct val *v = val_obj(a);
	for (int f = 0; f < ASSET_FIELD__MAX; f++) {
		const char *key = asset_field_key((enum asset_field)f);
		const char *s = "";
		if (from_request) {
			s = req_form(r, key);
		} else if (x) {
			switch ((enum asset_field)f) {
			case ASSET_FIELD_CATEGORY: s = x->category; break;
			case ASSET_FIELD_GROUP: s = x->group_code; break;
			case ASSET_FIELD_IDENTIFIER: s = x->identifier; break;
			case ASSET_FIELD_NAME: s = x->name; break;
			case ASSET_FIELD_VENDOR: s = x->vendor; break;
			case ASSET_FIELD_VERSION: s = x->version; break;
			case ASSET_FIELD_CPE: s = x->cpe; break;
			case ASSET_FIELD_CPE_TITLE: s = x->cpe_title; break;
			case ASSET_FIELD_QUANTITY: s = arena_printf(a, "%lld", (long long)x->quantity); break;
			case ASSET_FIELD_KB_IDS: s = x->kb_ids; break;
			case ASSET_FIELD_OWNER: s = x->owner; break;
			case ASSET_FIELD_DEPARTMENT: s = x->department; break;
			case ASSET_FIELD_NOTE: s = x->note; break;
			case ASSET_FIELD_PURL: s = x->purl; break;
			default: break;
			}
		}
		val_set_str(a, v, key, s ? s : "");
	}
	if (!x && !from_request)
		val_set_str(a, v, "quantity", "1");
	return v;
}

static void form_ctx(struct request *r, struct val *ctx, struct val *values, const struct asset_batch *b)
{
	struct arena *a = &r->arena;
	const char *cat = val_string(val_get(values, "category"));
	enum asset_category c = cat && *cat ? asset_category_parse(cat, strlen(cat)) : ASSET_CATEGORY_SYSTEM;
	val_set(a, ctx, "values", values);
	val_set(a, ctx, "categories", options(r, categories, 4, "assets.category", asset_category_db(c)));
	val_set(a, ctx, "groups", group_options(r, 0, *val_string(val_get(values, "group")) ?
							       val_string(val_get(values, "group")) : ASSET_DEFAULT_GROUP));
	struct val *errs = val_arr(a), *by_field = val_obj(a);
	for (size_t i = 0; b && i < b->n_issues; i++) {
		const struct asset_issue *is = &b->issues[i];
		if (is->severity != ASSET_SEV_ERROR)
			continue;
		const char *field = is->field < ASSET_FIELD__MAX ? asset_field_key(is->field) : "name";
		struct val *e = val_obj(a);
		val_set_str(a, e, "field", field);
		val_set_str(a, e, "message", asset_issue_reason(is));
		val_push(a, errs, e);
		val_set_str(a, by_field, field, asset_issue_reason(is));
	}
	val_set(a, ctx, "errors", errs);
	val_set(a, ctx, "err", by_field);
	val_set_bool(a, ctx, "has_errors", errs->u.a.n > 0);
}

static void record_from_form(struct request *r, struct intake_record *rec)
{
	memset(rec, 0, sizeof *rec);
	rec->line = 1;
	for (int f = 0; f < ASSET_FIELD__MAX; f++)
		rec->value[f] = req_form(r, asset_field_key((enum asset_field)f));
}

void page_asset_new(struct request *r, struct response *w)
{
	struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
	form_ctx(r, ctx, form_values(r, NULL, false), NULL);
	val_set_str(&r->arena, ctx, "action", "/assets");
	page_render(r, w, 200, "asset_new", "assets.new.title", ctx);
}

void page_asset_create(struct request *r, struct response *w)
{
	struct intake_record rec;
	record_from_form(r, &rec);
	struct intake_opts opts = { .mode = INTAKE_ALL_OR_NOTHING };
	struct asset_batch b;
	intake_read_records(&rec, 1, &opts, &b);
	struct asset_intake in = { .org_id = r->user.org_id, .account_id = r->user.account_id, .source = "form",
				   .mode = INTAKE_ALL_OR_NOTHING, .match = true };
	struct asset_intake_result res;
	char err[256];
	enum err e = asset_intake_store(db_thread(), &in, &b, &res, err, sizeof err);
	if (e == ERR_INVALID) {
		struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
		form_ctx(r, ctx, form_values(r, NULL, true), &b);
		val_set_str(&r->arena, ctx, "action", "/assets");
		page_render(r, w, 422, "asset_new", "assets.new.title", ctx);
	} else if (e != ERR_OK) {
		w->status = 500;
	} else {
		ui_flash(r, w, res.rows_added ? "flash.asset_added" : "flash.asset_updated");
		ui_redirect(r, w, "/assets");
	}
	asset_batch_free(&b);
}

static void asset_page(struct request *r, struct response *w, int status, const struct asset *x,
		       struct val *values, const struct asset_batch *b)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
	ui_take_flash(r, w, ctx);
	val_set(a, ctx, "asset", asset_row(r, x));
	form_ctx(r, ctx, values, b);
	val_set_str(a, ctx, "action", arena_printf(a, "/assets/%lld", (long long)x->id));
	/* CPE candidates: for an asset without a CPE, or with one vans suggested */
	if (!*x->cpe || strcmp(x->cpe_origin, "given") != 0) {
		struct asset_cpe_candidate *c;
		size_t n;
		struct val *list = val_arr(a);
		if (asset_cpe_candidates(db_thread(), a, x->name, x->vendor, x->version, x->purl,
					 ASSET_CPE_MAX_CANDIDATES, &c, &n) == ERR_OK) {
			for (size_t i = 0; i < n; i++) {
				struct val *o = val_obj(a);
				val_set_str(a, o, "cpe", c[i].cpe);
				val_set_str(a, o, "title", c[i].title);
				val_set_int(a, o, "confidence", c[i].confidence);
				val_set_str(a, o, "level", c[i].confidence >= 80 ? "high" : c[i].confidence >= 50 ? "medium" : "low");
				val_set_bool(a, o, "in_dictionary", c[i].in_dictionary);
				val_set_int(a, o, "cve_count", c[i].cve_count);
				val_set_bool(a, o, "current", !strcmp(c[i].cpe, x->cpe));
				val_push(a, list, o);
			}
		}
		val_set(a, ctx, "candidates", list);
		val_set_bool(a, ctx, "show_candidates", true);
		val_set_bool(a, ctx, "has_candidates", list->u.a.n > 0);
	}
	page_render(r, w, status, "asset", "assets.asset.title", ctx);
}

static bool load(struct request *r, struct response *w, struct asset *x)
{
	int64_t id = ui_param_id(r, 0);
	if (!id || asset_get(db_thread(), &r->arena, r->user.org_id, id, x) != ERR_OK) {
		w->status = 404;
		return false;
	}
	return true;
}

void page_asset(struct request *r, struct response *w)
{
	struct asset x;
	if (load(r, w, &x))
		asset_page(r, w, 200, &x, form_values(r, &x, false), NULL);
}

void page_asset_update(struct request *r, struct response *w)
{
	struct asset x;
	if (!load(r, w, &x))
		return;
	struct intake_record rec;
	record_from_form(r, &rec);
	struct asset_batch b;
	struct vans_match_summary sum;
	enum err e = asset_update(db_thread(), r->user.org_id, x.id, &rec, &b, &sum);
	if (e == ERR_INVALID) {
		asset_page(r, w, 422, &x, form_values(r, NULL, true), &b);
	} else if (e == ERR_EXISTS) {
		asset_batch_issue(&b, ASSET_ISSUE_REQUIRED, ASSET_SEV_ERROR, ASSET_FIELD_NAME, 1, 0, NULL, NULL, 0,
				  "item 1 (name): %s", msg(r, "assets.error.exists"));
		asset_page(r, w, 409, &x, form_values(r, NULL, true), &b);
	} else if (e != ERR_OK) {
		w->status = 500;
	} else {
		ui_flash(r, w, "flash.asset_saved");
		ui_redirect(r, w, arena_printf(&r->arena, "/assets/%lld", (long long)x.id));
	}
	asset_batch_free(&b);
}

void page_asset_delete(struct request *r, struct response *w)
{
	int64_t id = ui_param_id(r, 0);
	enum err e = id ? asset_delete(db_thread(), r->user.org_id, id) : ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND) {
		w->status = 404;
		return;
	}
	ui_flash(r, w, e == ERR_OK ? "flash.asset_deleted" : "flash.not_possible");
	ui_redirect(r, w, "/assets");
}

void page_asset_cpe_accept(struct request *r, struct response *w)
{
	struct asset x;
	if (!load(r, w, &x))
		return;
	size_t applied;
	struct vans_match_summary sum;
	char err[200];
	enum err e = asset_cpe_accept(db_thread(), r->user.org_id, r->user.account_id, x.id, req_form(r, "cpe"),
				      req_form(r, "title"), &applied, &sum, err, sizeof err);
	ui_flash(r, w, e == ERR_OK ? "flash.cpe_accepted" : "flash.cpe_refused");
	ui_redirect(r, w, arena_printf(&r->arena, "/assets/%lld", (long long)x.id));
}

void page_assets_cpe_list(struct request *r, struct response *w)
{
	buf_reset(&w->body);
	if (asset_cpe_list_csv(db_thread(), r->user.org_id, &w->body) != ERR_OK) {
		w->status = 500;
		buf_reset(&w->body);
		return;
	}
	w->status = 200;
	w->content_type = "text/csv; charset=utf-8";
	resp_header(r, w, "Content-Disposition", "attachment; filename=\"cpe-list.csv\"");
}

/* ---- groups (資產分群管理) -------------------------------------------------------------- */

static void groups_page(struct request *r, struct response *w, int status, const char *error)
{
	struct arena *a = &r->arena;
	struct val *ctx = page_context(r);
	vans_asset_subnav(r, ctx);
	ui_take_flash(r, w, ctx);
	struct asset_group *g;
	size_t n;
	if (asset_group_list(db_thread(), a, r->user.org_id, &g, &n) != ERR_OK) {
		w->status = 500;
		return;
	}
	struct val *list = val_arr(a);
	for (size_t i = 0; i < n; i++) {
		struct val *o = val_obj(a);
		val_set_int(a, o, "id", g[i].id);
		val_set_str(a, o, "code", g[i].code);
		val_set_str(a, o, "name", g[i].name);
		val_set_str(a, o, "note", g[i].note);
		val_set_int(a, o, "assets", g[i].assets);
		val_set_bool(a, o, "is_default", !strcmp(g[i].code, ASSET_DEFAULT_GROUP));
		val_push(a, list, o);
	}
	val_set(a, ctx, "groups", list);
	if (error)
		val_set_str(a, ctx, "error", error);
	struct val *nf = val_obj(a);
	val_set_str(a, nf, "code", error && req_form(r, "code") && !req_form(r, "id") ? req_form(r, "code") : "");
	val_set_str(a, nf, "name", error && req_form(r, "name") && !req_form(r, "id") ? req_form(r, "name") : "");
	val_set_str(a, nf, "note", error && req_form(r, "note") && !req_form(r, "id") ? req_form(r, "note") : "");
	val_set(a, ctx, "new", nf);
	page_render(r, w, status, "asset_groups", "assets.groups.title", ctx);
}

void page_asset_groups(struct request *r, struct response *w)
{
	groups_page(r, w, 200, NULL);
}

static const char *group_error(struct request *r, enum err e, const char *why)
{
	if (e == ERR_EXISTS)
		return msg(r, "assets.groups.exists");
	if (e == ERR_INVALID && why) {
		if (strstr(why, "code is required"))
			return msg(r, "assets.groups.code_required");
		if (strstr(why, "name is required"))
			return msg(r, "assets.groups.name_required");
		if (strstr(why, "spaces"))
			return msg(r, "assets.groups.code_spaces");
		return msg(r, "assets.groups.too_long");
	}
	return msg(r, "assets.groups.failed");
}

void page_asset_group_create(struct request *r, struct response *w)
{
	const char *why = NULL;
	int64_t id;
	enum err e = asset_group_create(db_thread(), r->user.org_id, req_form(r, "code"), req_form(r, "name"),
					req_form(r, "note"), &id, &why);
	if (e != ERR_OK) {
		groups_page(r, w, e == ERR_EXISTS ? 409 : 422, group_error(r, e, why));
		return;
	}
	ui_flash(r, w, "flash.group_added");
	ui_redirect(r, w, "/assets/groups");
}

void page_asset_group_update(struct request *r, struct response *w)
{
	int64_t id = ui_param_id(r, 0);
	const char *why = NULL;
	enum err e = id ? asset_group_update(db_thread(), r->user.org_id, id, req_form(r, "code"), req_form(r, "name"),
					     req_form(r, "note"), &why)
			: ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND) {
		w->status = 404;
		return;
	}
	if (e != ERR_OK) {
		groups_page(r, w, e == ERR_EXISTS ? 409 : 422, group_error(r, e, why));
		return;
	}
	ui_flash(r, w, "flash.group_saved");
	ui_redirect(r, w, "/assets/groups");
}

void page_asset_group_delete(struct request *r, struct response *w)
{
	int64_t id = ui_param_id(r, 0);
	enum err e = id ? asset_group_delete(db_thread(), r->user.org_id, id) : ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND) {
		w->status = 404;
		return;
	}
	if (e == ERR_DENIED) {
		groups_page(r, w, 409, msg(r, "assets.groups.default_kept"));
		return;
	}
	ui_flash(r, w, e == ERR_OK ? "flash.group_deleted" : "flash.not_possible");
	ui_redirect(r, w, "/assets/groups");
}
