/* The JSON side of assets: the VANS upload API wire-compatible with the national system
 * (POST /vans2/asset/InsertServerUnitproduct, POST /rest/vans/InsertSystemUnitproduct; the API
 * key in the body) and /api/v1/assets (list with the page's filters, one asset, CPE
 * candidates) for sessions and API keys. docs/vans-upload-api.md describes both. */
#include "web/handlers.h"
#include "core/str.h"
#include "identity/apikey.h"
#include "identity/org.h"
#include "store/db.h"
#include "vans/asset.h"
#include "vans/upload_api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json(struct response *w, int status, const struct val *v)
{
	w->status = status;
	w->content_type = "application/json";
	buf_reset(&w->body);
	val_write_json(v, &w->body);
}

struct val *vans_match_json(struct arena *a, const struct asset_intake_result *res)
{
	struct val *m = val_obj(a);
	val_set_bool(a, m, "ran", res->matched);
	val_set_int(a, m, "hosts", (int64_t)res->sum.hosts);
	val_set_int(a, m, "assets", (int64_t)res->sum.assets);
	val_set_int(a, m, "findings_active", (int64_t)res->sum.findings_active);
	val_set_int(a, m, "findings_new", (int64_t)res->sum.findings_new);
	val_set_int(a, m, "findings_reactivated", (int64_t)res->sum.findings_reactivated);
	val_set_int(a, m, "findings_inactive", (int64_t)res->sum.findings_inactive);
	if (!res->matched)
		val_set_str(a, m, "error", res->match_error);
	return m;
}

/* ---- the VANS upload API ------------------------------------------------------------- */

static void upload(struct request *r, struct response *w, enum upload_api_version v)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	if (!db) {
		resp_json_error(w, 503, "unavailable", "the database is not reachable");
		return;
	}
	struct upload_api_body body;
	char err[256];
	int prc = upload_api_parse(v, r->body.data, r->body.len, a, &body, err, sizeof err);
	/* the key first: a caller without a valid key learns nothing else */
	int64_t org_id = 0, key_id = 0;
	if (!body.api_key || apikey_resolve(db, body.api_key, body.api_key_len, &org_id, &key_id) != ERR_OK) {
		resp_json_error(w, 401, "unauthenticated",
				body.api_key ? "the api_key is not valid (unknown or revoked)" : "the body carries no api_key");
		return;
	}
	if (prc != 0) {
		resp_json_error(w, 400, "bad_request", err);
		return;
	}
	struct org o;
	if (org_get(db, a, org_id, &o) != ERR_OK) {
		resp_json_error(w, 401, "unauthenticated", "the api_key's organisation is gone");
		return;
	}
	/* items refused as they stand or for their oid; the rest are checked as intake rows */
	struct intake_record *recs = arena_alloc(a, (body.n_items ? body.n_items : 1) * sizeof *recs);
	const char **reasons = arena_zalloc(a, (body.n_items ? body.n_items : 1) * sizeof *reasons);
	size_t n_recs = 0;
	for (size_t i = 0; i < body.n_items; i++) {
		struct upload_api_item *it = &body.items[i];
		if (it->reason)
			reasons[i] = it->reason;
		else if (strcmp(it->oid, o.identifier) != 0)
			reasons[i] = arena_printf(a, "oid %s is not the organisation of this api_key (%s)", it->oid,
						  o.identifier);
		else
			recs[n_recs++] = it->rec;
	}
	struct intake_opts opts = { .mode = INTAKE_KEEP_VALID, .category = ASSET_CATEGORY_SYSTEM };
	struct asset_batch b;
	intake_read_records(recs, n_recs, &opts, &b);
	/* the items refused before the row checks go into the batch's issues too, so the upload
	 * record lists them */
	for (size_t i = 0; i < body.n_items; i++)
		if (reasons[i]) {
			b.rows_read++;
			b.rows_rejected++;
			asset_batch_issue(&b, ASSET_ISSUE_REQUIRED, ASSET_SEV_ERROR, ASSET_FIELD__MAX, (uint32_t)(i + 1), 0,
					  NULL, NULL, 0, "item %zu: %s", i + 1, reasons[i]);
		}
	for (size_t i = 0; i < b.n_issues; i++) {
		const struct asset_issue *is = &b.issues[i];
		if (is->severity != ASSET_SEV_ERROR || !is->line || is->line > body.n_items || reasons[is->line - 1])
			continue;
		const char *field = is->field < ASSET_FIELD__MAX ? asset_field_key(is->field) : "";
		reasons[is->line - 1] = *field ? arena_printf(a, "%s: %s", field, asset_issue_reason(is))
					       : asset_issue_reason(is);
	}
	struct asset_intake in = { .org_id = org_id, .api_key_id = key_id,
				   .source = v == UPLOAD_API_V2 ? "api_v2" : "api_v1", .mode = INTAKE_KEEP_VALID,
				   .match = true };
	struct asset_intake_result res;
	enum err e = body.n_items ? asset_intake_store(db, &in, &b, &res, err, sizeof err) : ERR_INVALID;
	if (!body.n_items)
		memset(&res, 0, sizeof res);
	asset_batch_free(&b);
	if (e != ERR_OK && e != ERR_INVALID) {
		resp_json_error(w, 500, "database_error", err[0] ? err : "the assets could not be stored");
		return;
	}
	struct val *root = val_obj(a), *items = val_arr(a);
	size_t ok = 0;
	for (size_t i = 0; i < body.n_items; i++) {
		struct val *it = val_obj(a);
		val_set_int(a, it, "index", (int64_t)i);
		val_set_str(a, it, "status", reasons[i] ? "rejected" : "ok");
		if (reasons[i])
			val_set_str(a, it, "reason", reasons[i]);
		else
			ok++;
		val_push(a, items, it);
	}
	val_set_bool(a, root, "success", ok > 0);
	val_set_str(a, root, "oid", o.identifier);
	val_set_int(a, root, "upload_id", res.upload_id);
	val_set_int(a, root, "total", (int64_t)body.n_items);
	val_set_int(a, root, "accepted", (int64_t)ok);
	val_set_int(a, root, "rejected", (int64_t)(body.n_items - ok));
	val_set_int(a, root, "added", (int64_t)res.rows_added);
	val_set_int(a, root, "updated", (int64_t)res.rows_updated);
	val_set(a, root, "match", vans_match_json(a, &res));
	val_set(a, root, "results", items);
	json(w, 200, root);
}

void api_vans2_insert_server_unitproduct(struct request *r, struct response *w)
{
	upload(r, w, UPLOAD_API_V2);
}

void api_vans1_insert_system_unitproduct(struct request *r, struct response *w)
{
	upload(r, w, UPLOAD_API_V1);
}

/* ---- /api/v1/assets ------------------------------------------------------------------ */

struct val *vans_asset_json(struct arena *a, const struct asset *x)
{
	struct val *e = val_obj(a);
	val_set_int(a, e, "id", x->id);
	val_set_str(a, e, "group", x->group_code);
	val_set_str(a, e, "category", x->category);
	val_set_str(a, e, "identifier", x->identifier);
	val_set_str(a, e, "name", x->name);
	val_set_str(a, e, "vendor", x->vendor);
	val_set_str(a, e, "version", x->version);
	val_set_str(a, e, "cpe", x->cpe);
	val_set_str(a, e, "cpe_title", x->cpe_title);
	val_set_str(a, e, "cpe_origin", x->cpe_origin);
	val_set_str(a, e, "purl", x->purl);
	val_set_int(a, e, "quantity", x->quantity);
	val_set_str(a, e, "kb_ids", x->kb_ids);
	val_set_str(a, e, "owner", x->owner);
	val_set_str(a, e, "department", x->department);
	val_set_str(a, e, "note", x->note);
	val_set_int(a, e, "created_at", x->created_at);
	val_set_int(a, e, "updated_at", x->updated_at);
	return e;
}

static int64_t query_int(struct request *r, const char *name, int64_t def, int64_t min, int64_t max)
{
	const char *s = req_query(r, name);
	int64_t v;
	if (!s || slice_to_i64(slice_of(s), min, max, &v) < 0)
		return def;
	return v;
}

void vans_asset_query_from(struct request *r, struct asset_query *q)
{
	memset(q, 0, sizeof *q);
	q->name = req_query(r, "name");
	q->vendor = req_query(r, "vendor");
	q->identifier = req_query(r, "identifier");
	q->version = req_query(r, "version");
	q->category = req_query(r, "category");
	q->cpe_kind = req_query(r, "cpe");
	q->group_id = query_int(r, "group", 0, 0, INT64_MAX);
	q->sort = req_query(r, "sort");
	const char *dir = req_query(r, "dir");
	q->desc = dir && !strcmp(dir, "desc");
	q->limit = query_int(r, "per_page", 50, 1, 1000);
	int64_t page = query_int(r, "page", 1, 1, 1000000);
	q->offset = (page - 1) * q->limit;
}

void api_assets(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct asset_query q;
	vans_asset_query_from(r, &q);
	struct asset *as;
	size_t n;
	int64_t total;
	if (asset_list(db_thread(), a, r->user.org_id, &q, &as, &n, &total) != ERR_OK) {
		resp_json_error(w, 500, "database_error", "cannot list assets");
		return;
	}
	struct val *root = val_obj(a), *list = val_arr(a);
	for (size_t i = 0; i < n; i++)
		val_push(a, list, vans_asset_json(a, &as[i]));
	val_set_int(a, root, "total", total);
	val_set_int(a, root, "page", q.offset / q.limit + 1);
	val_set_int(a, root, "per_page", q.limit);
	val_set(a, root, "assets", list);
	json(w, 200, root);
}

static int64_t param_id(struct request *r)
{
	const char *s = req_param(r, 0);
	int64_t id;
	if (!s || slice_to_i64(slice_of(s), 1, INT64_MAX, &id) < 0)
		return 0;
	return id;
}

void api_asset(struct request *r, struct response *w)
{
	struct asset x;
	int64_t id = param_id(r);
	if (!id || asset_get(db_thread(), &r->arena, r->user.org_id, id, &x) != ERR_OK) {
		resp_json_error(w, 404, "not_found", "no such asset");
		return;
	}
	json(w, 200, vans_asset_json(&r->arena, &x));
}

/* A JSON object's fields as an intake record ("quantity" may be a number). */
static int record_from_json(struct request *r, struct intake_record *rec, struct response *w)
{
	struct val *root;
	char perr[160];
	memset(rec, 0, sizeof *rec);
	rec->line = 1;
	if (val_parse_json(&r->arena, r->body.data ? r->body.data : "", r->body.len, &root, perr, sizeof perr) != 0 ||
	    root->kind != VAL_OBJ) {
		resp_json_error(w, 400, "bad_request", "the body is not a JSON object");
		return -1;
	}
	for (int f = 0; f < ASSET_FIELD__MAX; f++) {
		const struct val *v = val_get(root, asset_field_key((enum asset_field)f));
		if (!v || v->kind == VAL_NULL)
			continue;
		if (v->kind == VAL_INT) {
			rec->value[f] = arena_printf(&r->arena, "%lld", (long long)v->u.i);
		} else if (v->kind == VAL_STR && strlen(v->u.s.p) == v->u.s.len) {
			rec->value[f] = v->u.s.p;
		} else {
			char msg[96];
			snprintf(msg, sizeof msg, "%s is not a string", asset_field_key((enum asset_field)f));
			resp_json_error(w, 400, "bad_request", msg);
			return -1;
		}
	}
	return 0;
}

static void issues_error(struct request *r, struct response *w, const struct asset_batch *b)
{
	struct arena *a = &r->arena;
	struct val *root = val_obj(a), *err = val_obj(a), *list = val_arr(a);
	val_set_str(a, err, "code", "invalid");
	val_set_str(a, err, "message", "the asset has errors");
	for (size_t i = 0; i < b->n_issues; i++) {
		if (b->issues[i].severity != ASSET_SEV_ERROR)
			continue;
		struct val *e = val_obj(a);
		val_set_str(a, e, "field",
			    b->issues[i].field < ASSET_FIELD__MAX ? asset_field_key(b->issues[i].field) : "");
		val_set_str(a, e, "reason", asset_issue_reason(&b->issues[i]));
		val_push(a, list, e);
	}
	val_set(a, err, "details", list);
	val_set(a, root, "error", err);
	json(w, 422, root);
}

void api_asset_create(struct request *r, struct response *w)
{
	struct intake_record rec;
	if (record_from_json(r, &rec, w) != 0)
		return;
	struct intake_opts opts = { .mode = INTAKE_ALL_OR_NOTHING };
	struct asset_batch b;
	intake_read_records(&rec, 1, &opts, &b);
	struct asset_intake in = { .org_id = r->user.org_id, .account_id = r->user.account_id, .source = "form",
				   .mode = INTAKE_ALL_OR_NOTHING, .match = true };
	struct asset_intake_result res;
	char err[256];
	struct db *db = db_thread();
	enum err e = asset_intake_store(db, &in, &b, &res, err, sizeof err);
	if (e == ERR_INVALID) {
		issues_error(r, w, &b);
	} else if (e != ERR_OK) {
		resp_json_error(w, 500, "database_error", err);
	} else {
		struct asset_query q = { .name = b.rows[0].name, .identifier = b.rows[0].identifier, .limit = 100 };
		struct asset *as;
		size_t n;
		struct val *root = val_obj(&r->arena);
		if (asset_list(db, &r->arena, r->user.org_id, &q, &as, &n, NULL) == ERR_OK)
			for (size_t i = 0; i < n; i++)
				if (!strcmp(as[i].name, b.rows[0].name) && !strcmp(as[i].vendor, b.rows[0].vendor) &&
				    !strcmp(as[i].identifier, b.rows[0].identifier))
					val_set(&r->arena, root, "asset", vans_asset_json(&r->arena, &as[i]));
		val_set_int(&r->arena, root, "upload_id", res.upload_id);
		val_set(&r->arena, root, "match", vans_match_json(&r->arena, &res));
		json(w, res.rows_added ? 201 : 200, root);
	}
	asset_batch_free(&b);
}

void api_asset_update(struct request *r, struct response *w)
{
	int64_t id = param_id(r);
	struct asset x;
	struct db *db = db_thread();
	if (!id || asset_get(db, &r->arena, r->user.org_id, id, &x) != ERR_OK) {
		resp_json_error(w, 404, "not_found", "no such asset");
		return;
	}
	struct intake_record rec;
	if (record_from_json(r, &rec, w) != 0)
		return;
	struct asset_batch b;
	struct vans_match_summary sum;
	enum err e = asset_update(db, r->user.org_id, id, &rec, &b, &sum);
	if (e == ERR_INVALID)
		issues_error(r, w, &b);
	else if (e == ERR_EXISTS)
		resp_json_error(w, 409, "exists", "another asset has this identifier, vendor and name");
	else if (e != ERR_OK)
		resp_json_error(w, 500, "database_error", "the asset could not be saved");
	else if (asset_get(db, &r->arena, r->user.org_id, id, &x) == ERR_OK)
		json(w, 200, vans_asset_json(&r->arena, &x));
	asset_batch_free(&b);
}

void api_asset_delete(struct request *r, struct response *w)
{
	int64_t id = param_id(r);
	enum err e = id ? asset_delete(db_thread(), r->user.org_id, id) : ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND) {
		resp_json_error(w, 404, "not_found", "no such asset");
		return;
	}
	if (e != ERR_OK) {
		resp_json_error(w, 500, "database_error", "the asset could not be deleted");
		return;
	}
	struct val *root = val_obj(&r->arena);
	val_set_bool(&r->arena, root, "deleted", true);
	json(w, 200, root);
}

void api_asset_cpe_candidates(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct db *db = db_thread();
	struct asset x;
	int64_t id = param_id(r);
	if (!id || asset_get(db, a, r->user.org_id, id, &x) != ERR_OK) {
		resp_json_error(w, 404, "not_found", "no such asset");
		return;
	}
	struct asset_cpe_candidate *c;
	size_t n;
	if (asset_cpe_candidates(db, a, x.name, x.vendor, x.version, x.purl, ASSET_CPE_MAX_CANDIDATES, &c, &n) != ERR_OK) {
		resp_json_error(w, 500, "database_error", "cannot look up candidates");
		return;
	}
	struct val *root = val_obj(a), *list = val_arr(a);
	val_set(a, root, "asset", vans_asset_json(a, &x));
	for (size_t i = 0; i < n; i++) {
		struct val *e = val_obj(a);
		val_set_str(a, e, "cpe", c[i].cpe);
		val_set_str(a, e, "title", c[i].title);
		val_set_str(a, e, "vendor", c[i].vendor);
		val_set_str(a, e, "product", c[i].product);
		val_set_int(a, e, "confidence", c[i].confidence);
		val_set_bool(a, e, "in_dictionary", c[i].in_dictionary);
		val_set_int(a, e, "cve_count", c[i].cve_count);
		val_push(a, list, e);
	}
	val_set(a, root, "candidates", list);
	json(w, 200, root);
}

void api_asset_cpe_accept(struct request *r, struct response *w)
{
	struct arena *a = &r->arena;
	struct val *root;
	char perr[160];
	if (val_parse_json(a, r->body.data ? r->body.data : "", r->body.len, &root, perr, sizeof perr) != 0 ||
	    root->kind != VAL_OBJ || !val_string(val_get(root, "cpe"))) {
		resp_json_error(w, 400, "bad_request", "the body is {\"cpe\": \"cpe:2.3:...\", \"title\": \"...\"}");
		return;
	}
	size_t applied;
	struct vans_match_summary sum;
	char err[200];
	enum err e = asset_cpe_accept(db_thread(), r->user.org_id, r->user.account_id, param_id(r),
				      val_string(val_get(root, "cpe")), val_string(val_get(root, "title")), &applied,
				      &sum, err, sizeof err);
	if (e == ERR_NOT_FOUND) {
		resp_json_error(w, 404, "not_found", "no such asset");
		return;
	}
	if (e == ERR_INVALID) {
		resp_json_error(w, 422, "invalid", err);
		return;
	}
	if (e != ERR_OK) {
		resp_json_error(w, 500, "database_error", "the CPE could not be saved");
		return;
	}
	struct val *out = val_obj(a);
	val_set_int(a, out, "applied", (int64_t)applied);
	struct asset_intake_result res = { .matched = true, .sum = sum };
	val_set(a, out, "match", vans_match_json(a, &res));
	json(w, 200, out);
}

void api_assets_cpe_list(struct request *r, struct response *w)
{
	buf_reset(&w->body);
	if (asset_cpe_list_csv(db_thread(), r->user.org_id, &w->body) != ERR_OK) {
		resp_json_error(w, 500, "database_error", "cannot list CPEs");
		return;
	}
	w->status = 200;
	w->content_type = "text/csv; charset=utf-8";
	resp_header(r, w, "Content-Disposition", "attachment; filename=\"cpe-list.csv\"");
}
