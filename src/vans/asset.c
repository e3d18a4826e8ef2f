/* The asset service: groups with their DEFAULT, the intake of a checked batch in one
 * transaction (upload record, group resolution, remembered CPE mappings, one prepared upsert
 * per row), then matching of the hosts it touched; the list, one asset, upload history. */
#include "vans/asset.h"

#include "core/alloc.h"
#include "core/clock.h"
#include "core/val.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_err(char *err, size_t errlen, const char *what, const char *detail)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", what, detail ? detail : "");
}

/* ---- categories -------------------------------------------------------------------- */

static const struct {
	enum asset_category c;
	const char *code, *zh;
} categories[] = {
	{ ASSET_CATEGORY_SYSTEM, "system", "資通系統資產" },
	{ ASSET_CATEGORY_ENDPOINT, "pc", "使用者電腦資產" },
	{ ASSET_CATEGORY_NETWORK, "network", "網通設備資產" },
	{ ASSET_CATEGORY_ICS, "ics", "工業控制系統資產" },
};

const char *asset_category_db(enum asset_category c)
{
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
		if (categories[i].c == c)
			return categories[i].code;
	return "system";
}

const char *asset_category_db_zh(const char *code)
{
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
		if (code && strcmp(categories[i].code, code) == 0)
			return categories[i].zh;
	return "";
}

bool asset_category_db_valid(const char *code)
{
	return *asset_category_db_zh(code) != '\0';
}

/* ---- groups ------------------------------------------------------------------------ */

enum err asset_group_ensure(struct db *db, int64_t org_id, const char *code, int64_t *id)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_ENSURE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":code", code);
	db_bind_text(s, ":name", strcmp(code, ASSET_DEFAULT_GROUP) == 0 ? "預設群組" : code);
	db_bind_int(s, ":now", clock_now_unix());
	enum err e = db_exec(s);
	if (e != ERR_OK)
		return e;
	s = db_stmt(db, STMT_ASSET_GROUP_ID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":code", code);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : ERR_DB;
}

enum err asset_group_default(struct db *db, int64_t org_id, int64_t *id)
{
	return asset_group_ensure(db, org_id, ASSET_DEFAULT_GROUP, id);
}

static void group_row(struct db_stmt *s, struct arena *a, struct asset_group *g)
{
	g->id = db_col_int(s, 0);
	g->code = arena_strdup(a, db_col_text(s, 1));
	g->name = arena_strdup(a, db_col_text(s, 2));
	g->note = arena_strdup(a, db_col_text(s, 3));
	g->created_at = db_col_int(s, 4);
	g->assets = db_col_int(s, 5);
}

enum err asset_group_list(struct db *db, struct arena *a, int64_t org_id, struct asset_group **out, size_t *n)
{
	int64_t def;
	enum err e = asset_group_default(db, org_id, &def);
	if (e != ERR_OK)
		return e;
	struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	size_t cap = 16, k = 0;
	struct asset_group *v = arena_alloc(a, cap * sizeof *v);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = arena_grow(a, v, k, &cap, sizeof *v);
		group_row(s, a, &v[k++]);
	}
	db_reset(s);
	*out = v;
	*n = k;
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

enum err asset_group_get(struct db *db, struct arena *a, int64_t org_id, int64_t id, struct asset_group *out)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":id", id);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		group_row(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
}

static const char *group_fields_check(const char *code, const char *name, const char *note)
{
	if (!code || !*code)
		return "the group code is required";
	if (strlen(code) > ASSET_MAX_GROUP)
		return "the group code is longer than 64 bytes";
	for (const unsigned char *p = (const unsigned char *)code; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return "a group code has no spaces or control characters";
	if (!name || !*name)
		return "the group name is required";
	if (strlen(name) > ASSET_MAX_NAME)
		return "the group name is longer than 256 bytes";
	if (note && strlen(note) > ASSET_MAX_NOTE)
		return "the note is longer than 2000 bytes";
	return NULL;
}

enum err asset_group_create(struct db *db, int64_t org_id, const char *code, const char *name, const char *note,
			    int64_t *id, const char **why)
{
	const char *w = group_fields_check(code, name, note);
	if (w) {
		if (why)
			*why = w;
		return ERR_INVALID;
	}
	int64_t def;
	enum err e = asset_group_default(db, org_id, &def);
	if (e != ERR_OK)
		return e;
	struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_ID);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":code", code);
	enum db_step_rc rc = db_step(s);
	db_reset(s);
	if (rc == DB_ROW) {
		if (why)
			*why = "a group with this code exists";
		return ERR_EXISTS;
	}
	s = db_stmt(db, STMT_ASSET_GROUP_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":code", code);
	db_bind_text(s, ":name", name);
	db_bind_text(s, ":note", note ? note : "");
	db_bind_int(s, ":now", clock_now_unix());
	rc = db_step(s);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	e = rc == DB_ROW ? ERR_OK : db_error(db);
	db_reset(s);
	if (e == ERR_EXISTS && why)
		*why = "a group with this code exists";
	return e;
}

enum err asset_group_update(struct db *db, int64_t org_id, int64_t id, const char *code, const char *name,
			    const char *note, const char **why)
{
	struct arena a;
	arena_init(&a, 0);
	struct asset_group g;
	enum err e = asset_group_get(db, &a, org_id, id, &g);
	if (e == ERR_OK && strcmp(g.code, ASSET_DEFAULT_GROUP) == 0)
		code = ASSET_DEFAULT_GROUP;
	const char *w = e == ERR_OK ? group_fields_check(code, name, note) : NULL;
	if (w) {
		if (why)
			*why = w;
		e = ERR_INVALID;
	}
	if (e == ERR_OK && strcmp(code, g.code) != 0) {
		struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_ID);
		db_bind_int(s, ":org_id", org_id);
		db_bind_text(s, ":code", code);
		if (db_step(s) == DB_ROW) {
			e = ERR_EXISTS;
			if (why)
				*why = "a group with this code exists";
		}
		db_reset(s);
	}
	if (e == ERR_OK) {
		struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_UPDATE);
		db_bind_int(s, ":org_id", org_id);
		db_bind_int(s, ":id", id);
		db_bind_text(s, ":code", code);
		db_bind_text(s, ":name", name);
		db_bind_text(s, ":note", note ? note : "");
		e = db_exec(s);
	}
	arena_free(&a);
	return e;
}

struct group_delete_ctx {
	int64_t org_id, id, def;
};

static enum err group_delete_tx(struct db *db, void *ctx)
{
	struct group_delete_ctx *c = ctx;
	struct db_stmt *s = db_stmt(db, STMT_ASSET_GROUP_MOVE_ASSETS);
	db_bind_int(s, ":org_id", c->org_id);
	db_bind_int(s, ":id", c->id);
	db_bind_int(s, ":to_id", c->def);
	enum err e = db_exec(s);
	if (e != ERR_OK)
		return e;
	s = db_stmt(db, STMT_ASSET_GROUP_DELETE);
	db_bind_int(s, ":org_id", c->org_id);
	db_bind_int(s, ":id", c->id);
	return db_exec(s);
}

enum err asset_group_delete(struct db *db, int64_t org_id, int64_t id)
{
	struct arena a;
	arena_init(&a, 0);
	struct asset_group g;
	enum err e = asset_group_get(db, &a, org_id, id, &g);
	if (e == ERR_OK && strcmp(g.code, ASSET_DEFAULT_GROUP) == 0)
		e = ERR_DENIED;
	struct group_delete_ctx c = { org_id, id, 0 };
	if (e == ERR_OK)
		e = asset_group_default(db, org_id, &c.def);
	if (e == ERR_OK)
		e = db_transaction(db, group_delete_tx, &c);
	arena_free(&a);
	return e;
}

/* ---- issues ------------------------------------------------------------------------ */

const char *asset_issue_reason(const struct asset_issue *is)
{
	const char *m = is->message ? is->message : "";
	/* messages start with their position ("sheet 1 (Assets), row 12, column F (數量): ",
	 * "line 3 (name): ", "item 2 (cpe): ", "components[3]: ") */
	static const char *const starts[] = { "line ", "row ", "item ", "sheet ", "components", "packages",
					      "component ", "package " };
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		if (strncmp(m, starts[i], strlen(starts[i])) == 0) {
			const char *c = strstr(m, ": ");
			return c ? c + 2 : m;
		}
	}
	return m;
}

void asset_issues_json(const struct asset_batch *b, size_t max, struct buf *out)
{
	buf_putc(out, '[');
	size_t k = 0;
	for (size_t i = 0; i < b->n_issues && k < max; i++) {
		const struct asset_issue *is = &b->issues[i];
		if (is->severity != ASSET_SEV_ERROR)
			continue;
		if (k++)
			buf_putc(out, ',');
		buf_printf(out, "{\"line\":%u,\"field\":", is->line);
		const char *f = is->field < ASSET_FIELD__MAX ? asset_field_key(is->field) : "";
		json_write_string(out, f, strlen(f));
		buf_puts(out, ",\"reason\":");
		const char *reason = asset_issue_reason(is);
		json_write_string(out, reason, strlen(reason));
		buf_putc(out, '}');
	}
	buf_putc(out, ']');
}

/* ---- mapping keys and CPE versions ----------------------------------------------------- */

const char *asset_mapping_key(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *o = arena_alloc(a, n + 1);
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t') {
			space = k > 0;
			continue;
		}
		if (space)
			o[k++] = ' ';
		space = false;
		o[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	o[k] = '\0';
	return o;
}

struct mapping {
	const char *vendor_key, *name_key, *cpe, *title;
	bool version_from_asset;
};

static int mapping_cmp(const void *x, const void *y)
{
	const struct mapping *a = x, *b = y;
	int c = strcmp(a->vendor_key, b->vendor_key);
	return c ? c : strcmp(a->name_key, b->name_key);
}

static enum err mappings_load(struct db *db, struct arena *a, int64_t org_id, struct mapping **out, size_t *n)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_MAPPINGS_ORG);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	size_t cap = 0, k = 0;
	struct mapping *v = NULL;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			struct mapping *nv = arena_alloc(a, cap * sizeof *nv);
			if (k)
				memcpy(nv, v, k * sizeof *v);
			v = nv;
		}
		v[k].vendor_key = arena_strdup(a, db_col_text(s, 0));
		v[k].name_key = arena_strdup(a, db_col_text(s, 1));
		v[k].cpe = arena_strdup(a, db_col_text(s, 2));
		v[k].title = arena_strdup(a, db_col_text(s, 3));
		v[k].version_from_asset = db_col_int(s, 4) != 0;
		k++;
	}
	db_reset(s);
	if (k)
		qsort(v, k, sizeof *v, mapping_cmp);
	*out = v;
	*n = k;
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

static const struct mapping *mapping_find(const struct mapping *m, size_t n, struct arena *a, const char *vendor,
					  const char *name)
{
	if (!n)
		return NULL;
	struct mapping key = { asset_mapping_key(a, vendor), asset_mapping_key(a, name), NULL, NULL, false };
	return bsearch(&key, m, n, sizeof *m, mapping_cmp);
}

/* ---- intake ------------------------------------------------------------------------ */

struct group_cache {
	const char *code;
	int64_t id;
};

struct intake_tx {
	const struct asset_intake *in;
	const struct asset_batch *b;
	struct asset_intake_result *res;
	struct arena a;
	struct group_cache *groups;
	size_t n_groups, cap_groups;
	const char **idents;       /* distinct identifiers touched, for matching */
	size_t n_idents;
	char *err;
	size_t errlen;
};

static enum err group_id_cached(struct db *db, struct intake_tx *t, const char *code, int64_t *id)
{
	for (size_t i = 0; i < t->n_groups; i++)
		if (strcmp(t->groups[i].code, code) == 0) {
			*id = t->groups[i].id;
			return ERR_OK;
		}
	enum err e = asset_group_ensure(db, t->in->org_id, code, id);
	if (e != ERR_OK)
		return e;
	if (t->n_groups == t->cap_groups) {
		t->cap_groups = t->cap_groups ? t->cap_groups * 2 : 8;
		t->groups = xrealloc(t->groups, t->cap_groups * sizeof *t->groups);
	}
	t->groups[t->n_groups].code = code;
	t->groups[t->n_groups].id = *id;
	t->n_groups++;
	return ERR_OK;
}

static int str_ptr_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int64_t org_asset_count(struct db *db, int64_t org_id)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_COUNT_ORG);
	if (!s)
		return -1;
	db_bind_int(s, ":org_id", org_id);
	int64_t n = db_step(s) == DB_ROW ? db_col_int(s, 0) : -1;
	db_reset(s);
	return n;
}

static const char *kb_join(struct arena *a, const struct asset_row *r)
{
	if (!r->n_kb)
		return "";
	size_t len = 0;
	for (size_t i = 0; i < r->n_kb; i++)
		len += strlen(r->kb_ids[i]) + 1;
	char *o = arena_alloc(a, len + 1), *p = o;
	for (size_t i = 0; i < r->n_kb; i++) {
		if (i)
			*p++ = ',';
		size_t l = strlen(r->kb_ids[i]);
		memcpy(p, r->kb_ids[i], l);
		p += l;
	}
	*p = '\0';
	return o;
}

static enum err finish_upload(struct db *db, struct intake_tx *t, const char *status)
{
	struct buf errors;
	buf_init(&errors, 0);
	asset_issues_json(t->b, ASSET_UPLOAD_MAX_ERRORS, &errors);
	struct db_stmt *s = db_stmt(db, STMT_ASSET_UPLOAD_FINISH);
	enum err e = ERR_DB;
	if (s) {
		db_bind_int(s, ":id", t->res->upload_id);
		db_bind_text(s, ":status", status);
		db_bind_int(s, ":rows_total", (int64_t)t->res->rows_total);
		db_bind_int(s, ":rows_added", (int64_t)t->res->rows_added);
		db_bind_int(s, ":rows_updated", (int64_t)t->res->rows_updated);
		db_bind_int(s, ":rows_rejected", (int64_t)t->res->rows_rejected);
		db_bind_textn(s, ":errors", errors.data ? errors.data : "[]", errors.len);
		e = db_exec(s);
	}
	buf_free(&errors);
	return e;
}

static enum err upload_insert(struct db *db, struct intake_tx *t)
{
	const struct asset_intake *in = t->in;
	struct db_stmt *s = db_stmt(db, STMT_ASSET_UPLOAD_INSERT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", in->org_id);
	if (in->account_id)
		db_bind_int(s, ":account_id", in->account_id);
	else
		db_bind_null(s, ":account_id");
	if (in->api_key_id)
		db_bind_int(s, ":api_key_id", in->api_key_id);
	else
		db_bind_null(s, ":api_key_id");
	db_bind_text(s, ":source", in->source);
	db_bind_text(s, ":filename", in->filename ? in->filename : "");
	db_bind_int(s, ":rows_total", (int64_t)t->res->rows_total);
	db_bind_int(s, ":now", clock_now_unix());
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		t->res->upload_id = db_col_int(s, 0);
	enum err e = rc == DB_ROW ? ERR_OK : db_error(db);
	db_reset(s);
	return e;
}

static enum err rejected_tx(struct db *db, void *ctx)
{
	struct intake_tx *t = ctx;
	enum err e = upload_insert(db, t);
	return e == ERR_OK ? finish_upload(db, t, "rejected") : e;
}

/* Row values live in the batch (or the row arena) until the statement is executed. */
static void bind_static(struct db_stmt *s, const char *name, const char *v)
{
	db_bind_textn_static(s, name, v, strlen(v));
}

/* One row ready to be stored: the values bound to the upsert. */
struct pending {
	int64_t group_id, quantity;
	const char *category, *identifier, *name, *vendor, *version, *cpe, *cpe_title, *cpe_origin, *purl, *kb_ids,
		*owner, *department, *note;
};

#define UPSERT_CHUNK 32   /* rows of STMT_ASSET_UPSERT_32 */

/* Parameter names of the upserts: db.c caches parameter indexes by the name's address, so
 * every name is a literal. Row 0 of the table is the single-row statement's; row 1 + i is
 * row i of the 32-row one (":name_XY", X = i / 8, Y = i % 8). */
enum { P_GROUP, P_CATEGORY, P_IDENTIFIER, P_NAME, P_VENDOR, P_VERSION, P_CPE, P_CPE_TITLE, P_CPE_ORIGIN, P_PURL,
       P_QUANTITY, P_KB_IDS, P_OWNER, P_DEPARTMENT, P_NOTE, P__MAX };
#define ROW_NAMES(sfx) \
	{ ":group_id" sfx, ":category" sfx, ":identifier" sfx, ":name" sfx, ":vendor" sfx, ":version" sfx, ":cpe" sfx, \
	  ":cpe_title" sfx, ":cpe_origin" sfx, ":purl" sfx, ":quantity" sfx, ":kb_ids" sfx, ":owner" sfx, \
	  ":department" sfx, ":note" sfx }
#define ROW_NAMES_8(x) \
	ROW_NAMES("_" #x "0"), ROW_NAMES("_" #x "1"), ROW_NAMES("_" #x "2"), ROW_NAMES("_" #x "3"), \
	ROW_NAMES("_" #x "4"), ROW_NAMES("_" #x "5"), ROW_NAMES("_" #x "6"), ROW_NAMES("_" #x "7")
static const char *const param_names[1 + UPSERT_CHUNK][P__MAX] = {
	ROW_NAMES(""), ROW_NAMES_8(0), ROW_NAMES_8(1), ROW_NAMES_8(2), ROW_NAMES_8(3),
};
#undef ROW_NAMES_8
#undef ROW_NAMES

/* Binds one row's values under the names of param_names[k]. */
static void bind_row(struct db_stmt *s, size_t k, const struct pending *p)
{
	const char *const *n = param_names[k];
	db_bind_int(s, n[P_GROUP], p->group_id);
	bind_static(s, n[P_CATEGORY], p->category);
	bind_static(s, n[P_IDENTIFIER], p->identifier);
	bind_static(s, n[P_NAME], p->name);
	bind_static(s, n[P_VENDOR], p->vendor);
	bind_static(s, n[P_VERSION], p->version);
	bind_static(s, n[P_CPE], p->cpe);
	bind_static(s, n[P_CPE_TITLE], p->cpe_title);
	bind_static(s, n[P_CPE_ORIGIN], p->cpe_origin);
	bind_static(s, n[P_PURL], p->purl);
	db_bind_int(s, n[P_QUANTITY], p->quantity);
	bind_static(s, n[P_KB_IDS], p->kb_ids);
	bind_static(s, n[P_OWNER], p->owner);
	bind_static(s, n[P_DEPARTMENT], p->department);
	bind_static(s, n[P_NOTE], p->note);
}

/* Stores the pending rows: 32 at a time in one statement, fewer one by one. */
static enum err flush_rows(struct db *db, struct intake_tx *t, const struct pending *p, size_t n, int64_t now)
{
	enum err e = ERR_OK;
	if (n == UPSERT_CHUNK) {
		struct db_stmt *s = db_stmt(db, STMT_ASSET_UPSERT_32);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":org_id", t->in->org_id);
		db_bind_int(s, ":upload_id", t->res->upload_id);
		db_bind_int(s, ":now", now);
		for (size_t i = 0; i < n; i++)
			bind_row(s, 1 + i, &p[i]);
		e = db_exec(s);
	} else {
		for (size_t i = 0; i < n && e == ERR_OK; i++) {
			struct db_stmt *s = db_stmt(db, STMT_ASSET_UPSERT);
			if (!s)
				return ERR_DB;
			db_bind_int(s, ":org_id", t->in->org_id);
			db_bind_int(s, ":upload_id", t->res->upload_id);
			db_bind_int(s, ":now", now);
			bind_row(s, 0, &p[i]);
			e = db_exec(s);
		}
	}
	if (e != ERR_OK)
		set_err(t->err, t->errlen, "storing an asset failed", db_errmsg(db));
	return e;
}

/* identifier: the row's host as it will be stored (an SBOM's rows get the SBOM's host) */
static bool same_key(const struct pending *a, const struct asset_row *r, const char *identifier)
{
	return !strcmp(a->identifier, identifier) && !strcmp(a->vendor, r->vendor) && !strcmp(a->name, r->name);
}


/* The host of an SBOM's components: an SBOM describes one system, so its components share
 * one identifier — the rows' own when they have one, else the SBOM's subject as
 * "name@version", else the file name. NULL for other sources (their rows name their host). */
static const char *sbom_host_identifier(struct arena *a, const struct asset_intake *in, const struct asset_batch *b)
{
	if (!in->source || (strcmp(in->source, "cyclonedx") != 0 && strcmp(in->source, "spdx") != 0))
		return NULL;
	for (size_t i = 0; i < b->n_rows; i++) {
		const struct asset_row *r = &b->rows[i];
		if (r->sbom_subject && *r->name) {
			if (!*r->version)
				return r->name;
			size_t n = strlen(r->name) + strlen(r->version) + 2;
			char *id = arena_alloc(a, n);
			snprintf(id, n, "%s@%s", r->name, r->version);
			return id;
		}
	}
	return in->filename && *in->filename ? in->filename : NULL;
}

static enum err intake_tx_run(struct db *db, void *ctx)
{
	struct intake_tx *t = ctx;
	const struct asset_intake *in = t->in;
	const struct asset_batch *b = t->b;
	struct asset_intake_result *res = t->res;
	enum err e = upload_insert(db, t);
	if (e != ERR_OK)
		return e;
	int64_t before = org_asset_count(db, in->org_id);
	if (before < 0)
		return ERR_DB;
	struct mapping *maps;
	size_t n_maps;
	if ((e = mappings_load(db, &t->a, in->org_id, &maps, &n_maps)) != ERR_OK)
		return e;
	int64_t now = clock_now_unix();
	struct arena row_arena;   /* what the pending rows add to the batch's strings */
	arena_init(&row_arena, 0);
	struct pending chunk[UPSERT_CHUNK];
	size_t n_chunk = 0;
	/* PostgreSQL: 32 rows a statement spare 31 round trips; SQLite has none to spare and
	 * finds a single row's parameters faster */
	size_t chunk_max = strcmp(db_engine(db), "postgres") == 0 ? UPSERT_CHUNK : 1;
	t->idents = arena_alloc(&t->a, (b->n_rows + 1) * sizeof *t->idents);
	const char *sbom_host = sbom_host_identifier(&t->a, in, b);
	for (size_t i = 0; i < b->n_rows && e == ERR_OK; i++) {
		const struct asset_row *r = &b->rows[i];
		const char *ident = *r->identifier ? r->identifier : sbom_host ? sbom_host : "";
		/* a row with the natural key of one already pending goes into the next statement */
		for (size_t k = 0; k < n_chunk; k++)
			if (same_key(&chunk[k], r, ident)) {
				e = flush_rows(db, t, chunk, n_chunk, now);
				n_chunk = 0;
				arena_reset(&row_arena);
				break;
			}
		if (e != ERR_OK)
			break;
		const char *code = in->group_code && *in->group_code ? in->group_code
				   : *r->group_code ? r->group_code : ASSET_DEFAULT_GROUP;
		struct pending *p = &chunk[n_chunk];
		if ((e = group_id_cached(db, t, code, &p->group_id)) != ERR_OK)
			break;
		p->cpe = r->cpe;
		p->cpe_title = r->cpe_title;
		p->cpe_origin = *r->cpe ? "given" : "none";
		if (!*p->cpe) {
			const struct mapping *m = mapping_find(maps, n_maps, &row_arena, r->vendor, r->name);
			if (m) {
				p->cpe = m->version_from_asset ? asset_cpe_with_version(&row_arena, m->cpe, r->version) : m->cpe;
				if (!*p->cpe_title)
					p->cpe_title = m->title;
				p->cpe_origin = "suggested";
				res->rows_mapped++;
			}
		}
		p->category = asset_category_db(r->category);
		p->identifier = ident;
		p->name = r->name;
		p->vendor = r->vendor;
		p->version = r->version;
		p->purl = r->purl;
		p->quantity = r->quantity < 1 ? 1 : r->quantity;
		p->kb_ids = kb_join(&row_arena, r);
		p->owner = r->owner;
		p->department = r->department;
		p->note = r->note;
		t->idents[t->n_idents++] = p->identifier;
		if (++n_chunk == chunk_max) {
			e = flush_rows(db, t, chunk, n_chunk, now);
			n_chunk = 0;
			arena_reset(&row_arena);
		}
	}
	if (e == ERR_OK && n_chunk)
		e = flush_rows(db, t, chunk, n_chunk, now);
	arena_free(&row_arena);
	if (e != ERR_OK)
		return e;
	int64_t after = org_asset_count(db, in->org_id);
	if (after < 0)
		return ERR_DB;
	res->rows_added = (size_t)(after - before);
	res->rows_updated = b->n_rows - res->rows_added;
	res->stored = b->n_rows > 0;
	res->status = res->rows_rejected ? "partial" : "done";
	return finish_upload(db, t, res->status);
}

enum err asset_intake_store(struct db *db, const struct asset_intake *in, const struct asset_batch *b,
			    struct asset_intake_result *res, char *err, size_t errlen)
{
	memset(res, 0, sizeof *res);
	if (err && errlen)
		err[0] = '\0';
	struct intake_tx t = { .in = in, .b = b, .res = res, .err = err, .errlen = errlen };
	arena_init(&t.a, 0);
	res->rows_total = b->rows_read;
	res->rows_rejected = b->rows_rejected;
	if (b->rows_read < b->n_rows + b->rows_rejected)
		res->rows_total = b->n_rows + b->rows_rejected;
	enum err e;
	bool reject = b->n_errors > 0 && (in->mode == INTAKE_ALL_OR_NOTHING || b->n_rows == 0);
	if (reject) {
		res->status = "rejected";
		res->rows_rejected = res->rows_total;
		e = db_transaction(db, rejected_tx, &t);
		if (e == ERR_OK)
			e = ERR_INVALID;
	} else {
		e = db_transaction(db, intake_tx_run, &t);
		if (e != ERR_OK) {
			res->stored = false;
			res->rows_added = res->rows_updated = 0;
			if (err && errlen && !err[0])
				snprintf(err, errlen, "the database refused the intake: %s", db_errmsg(db));
			if (e != ERR_INVALID)
				e = ERR_DB;
		}
	}
	if (e == ERR_OK && in->match && t.n_idents) {
		qsort(t.idents, t.n_idents, sizeof *t.idents, str_ptr_cmp);
		size_t k = 0;
		for (size_t i = 0; i < t.n_idents; i++)
			if (!k || strcmp(t.idents[k - 1], t.idents[i]) != 0)
				t.idents[k++] = t.idents[i];
		enum err me = vans_engine_match_org(db, in->org_id, t.idents, k, &res->sum, res->match_error,
						    sizeof res->match_error);
		res->matched = me == ERR_OK;
		if (me != ERR_OK && !res->match_error[0])
			snprintf(res->match_error, sizeof res->match_error, "%s", err_str(me));
	}
	free(t.groups);
	arena_free(&t.a);
	return e;
}

/* ---- reading ----------------------------------------------------------------------- */

static void asset_row_read(struct db_stmt *s, struct arena *a, struct asset *o)
{
	int c = 0;
	o->id = db_col_int(s, c++);
	o->group_id = db_col_int(s, c++);
	o->group_code = arena_strdup(a, db_col_text(s, c++));
	o->category = arena_strdup(a, db_col_text(s, c++));
	o->identifier = arena_strdup(a, db_col_text(s, c++));
	o->name = arena_strdup(a, db_col_text(s, c++));
	o->vendor = arena_strdup(a, db_col_text(s, c++));
	o->version = arena_strdup(a, db_col_text(s, c++));
	o->cpe = arena_strdup(a, db_col_text(s, c++));
	o->cpe_title = arena_strdup(a, db_col_text(s, c++));
	o->cpe_origin = arena_strdup(a, db_col_text(s, c++));
	o->purl = arena_strdup(a, db_col_text(s, c++));
	o->quantity = db_col_int(s, c++);
	o->kb_ids = arena_strdup(a, db_col_text(s, c++));
	o->owner = arena_strdup(a, db_col_text(s, c++));
	o->department = arena_strdup(a, db_col_text(s, c++));
	o->note = arena_strdup(a, db_col_text(s, c++));
	o->upload_id = db_col_null(s, c) ? 0 : db_col_int(s, c);
	c++;
	o->created_at = db_col_int(s, c++);
	o->updated_at = db_col_int(s, c++);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void bind_filters(struct db_stmt *s, int64_t org_id, const struct asset_query *q)
{
	db_bind_int(s, ":org_id", org_id);
	db_bind_text(s, ":name", nz(q->name));
	db_bind_text(s, ":vendor", nz(q->vendor));
	db_bind_text(s, ":identifier", nz(q->identifier));
	db_bind_text(s, ":version", nz(q->version));
	db_bind_text(s, ":category", nz(q->category));
	db_bind_text(s, ":kind", nz(q->cpe_kind));
	db_bind_int(s, ":group_id", q->group_id);
}

enum err asset_list(struct db *db, struct arena *a, int64_t org_id, const struct asset_query *q,
		    struct asset **out, size_t *n, int64_t *total)
{
	static const struct asset_query none;
	if (!q)
		q = &none;
	int64_t limit = q->limit <= 0 ? 50 : q->limit > 10000 ? 10000 : q->limit;
	int64_t offset = q->offset < 0 ? 0 : q->offset;
	if (total) {
		struct db_stmt *s = db_stmt(db, STMT_ASSET_LIST_COUNT);
		if (!s)
			return ERR_DB;
		bind_filters(s, org_id, q);
		enum db_step_rc rc = db_step(s);
		*total = rc == DB_ROW ? db_col_int(s, 0) : 0;
		db_reset(s);
		if (rc != DB_ROW)
			return ERR_DB;
	}
	struct db_stmt *s = db_stmt(db, q->desc ? STMT_ASSET_LIST_DESC : STMT_ASSET_LIST);
	if (!s)
		return ERR_DB;
	bind_filters(s, org_id, q);
	db_bind_text(s, ":sort", nz(q->sort));
	db_bind_int(s, ":limit", limit);
	db_bind_int(s, ":offset", offset);
	size_t cap = 64, k = 0;
	struct asset *v = arena_alloc(a, cap * sizeof *v);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		v = arena_grow(a, v, k, &cap, sizeof *v);
		asset_row_read(s, a, &v[k++]);
	}
	db_reset(s);
	*out = v;
	*n = k;
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

enum err asset_get(struct db *db, struct arena *a, int64_t org_id, int64_t id, struct asset *out)
{
	struct db_stmt *s = db_stmt(db, STMT_ASSET_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":id", id);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		asset_row_read(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? ERR_OK : rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
}

static void match_host(struct db *db, int64_t org_id, const char *identifier, struct vans_match_summary *sum)
{
	struct vans_match_summary tmp;
	char err[200];
	const char *ids[1] = { identifier };
	vans_engine_match_org(db, org_id, ids, 1, sum ? sum : &tmp, err, sizeof err);
}

enum err asset_update(struct db *db, int64_t org_id, int64_t id, const struct intake_record *rec,
		      struct asset_batch *b, struct vans_match_summary *sum)
{
	struct intake_opts o = { .mode = INTAKE_ALL_OR_NOTHING };
	enum err e = intake_read_records(rec, 1, &o, b);
	if (e != ERR_OK)
		return e;
	if (b->n_rows != 1)
		return ERR_INVALID;
	struct arena a;
	arena_init(&a, 0);
	struct asset old;
	e = asset_get(db, &a, org_id, id, &old);
	const struct asset_row *r = &b->rows[0];
	int64_t gid = 0;
	if (e == ERR_OK)
		e = asset_group_ensure(db, org_id, *r->group_code ? r->group_code : ASSET_DEFAULT_GROUP, &gid);
	if (e == ERR_OK) {
		struct db_stmt *s = db_stmt(db, STMT_ASSET_UPDATE);
		db_bind_int(s, ":org_id", org_id);
		db_bind_int(s, ":id", id);
		db_bind_int(s, ":group_id", gid);
		db_bind_text(s, ":category", asset_category_db(r->category));
		db_bind_text(s, ":identifier", r->identifier);
		db_bind_text(s, ":name", r->name);
		db_bind_text(s, ":vendor", r->vendor);
		db_bind_text(s, ":version", r->version);
		/* an unchanged suggested CPE stays suggested */
		bool same = strcmp(r->cpe, old.cpe) == 0 && *r->cpe;
		db_bind_text(s, ":cpe", r->cpe);
		db_bind_text(s, ":cpe_title", r->cpe_title);
		db_bind_text(s, ":cpe_origin", same ? old.cpe_origin : *r->cpe ? "given" : "none");
		db_bind_text(s, ":purl", r->purl);
		db_bind_int(s, ":quantity", r->quantity);
		db_bind_text(s, ":kb_ids", kb_join(&a, r));
		db_bind_text(s, ":owner", r->owner);
		db_bind_text(s, ":department", r->department);
		db_bind_text(s, ":note", r->note);
		db_bind_int(s, ":now", clock_now_unix());
		e = db_exec(s);
	}
	if (e == ERR_OK) {
		match_host(db, org_id, r->identifier, sum);
		if (strcmp(old.identifier, r->identifier) != 0)
			match_host(db, org_id, old.identifier, NULL);
	}
	arena_free(&a);
	return e;
}

struct delete_ctx {
	int64_t org_id, id;
};

static enum err delete_tx(struct db *db, void *ctx)
{
	struct delete_ctx *c = ctx;
	static const enum stmt_id steps[] = { STMT_ASSET_DELETE_EVENTS, STMT_ASSET_DELETE_NOTICES,
					      STMT_ASSET_DELETE_FINDINGS, STMT_ASSET_DELETE };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct db_stmt *s = db_stmt(db, steps[i]);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":org_id", c->org_id);
		db_bind_int(s, ":id", c->id);
		enum err e = db_exec(s);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err asset_delete(struct db *db, int64_t org_id, int64_t id)
{
	struct arena a;
	arena_init(&a, 0);
	struct asset old;
	enum err e = asset_get(db, &a, org_id, id, &old);
	struct delete_ctx c = { org_id, id };
	if (e == ERR_OK)
		e = db_transaction(db, delete_tx, &c);
	if (e == ERR_OK)
		match_host(db, org_id, old.identifier, NULL);
	arena_free(&a);
	return e;
}

enum err asset_upload_list(struct db *db, struct arena *a, int64_t org_id, int64_t limit, int64_t offset,
			   struct asset_upload **out, size_t *n, int64_t *total)
{
	if (limit <= 0 || limit > 1000)
		limit = 50;
	if (total) {
		struct db_stmt *s = db_stmt(db, STMT_ASSET_UPLOAD_COUNT);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":org_id", org_id);
		*total = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
		db_reset(s);
	}
	struct db_stmt *s = db_stmt(db, STMT_ASSET_UPLOAD_LIST);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":limit", limit);
	db_bind_int(s, ":offset", offset < 0 ? 0 : offset);
	struct asset_upload *v = arena_alloc(a, (size_t)limit * sizeof *v);
	size_t k = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW && k < (size_t)limit) {
		struct asset_upload *u = &v[k++];
		u->id = db_col_int(s, 0);
		u->source = arena_strdup(a, db_col_text(s, 1));
		u->filename = arena_strdup(a, db_col_text(s, 2));
		u->status = arena_strdup(a, db_col_text(s, 3));
		u->rows_total = db_col_int(s, 4);
		u->rows_added = db_col_int(s, 5);
		u->rows_updated = db_col_int(s, 6);
		u->rows_rejected = db_col_int(s, 7);
		u->errors = arena_strdup(a, db_col_text(s, 8));
		u->created_at = db_col_int(s, 9);
		u->username = arena_strdup(a, db_col_text(s, 10));
		u->key_name = arena_strdup(a, db_col_text(s, 11));
	}
	db_reset(s);
	*out = v;
	*n = k;
	return rc == DB_ERROR ? ERR_DB : ERR_OK;
}
