/* CPE dictionary import: each cpe-item from the streaming reader is stored under its 2.3
 * formatted name (as NVD's configurations write names, so the two join), with the 2.2 URI,
 * the English title and the deprecation; identical items are left alone. The products of
 * new and changed items are then recounted in the vendor/product index. */
#include "kb/import.h"
#include "kb/cpe.h"
#include "kb/cpe_product.h"
#include "kb/cpedict_reader.h"
#include "kb/feed_input.h"
#include "core/buf.h"
#include "core/val.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define PROGRESS_EVERY 1024

struct ctx {
	struct db *db;
	struct feed_input *in;
	struct kb_import_stats *st;
	kb_progress_fn progress;
	void *pctx;
	struct kb_products *touched;
	struct buf depby;
	int db_error;
};

/* The title people read: American English, then any English, then the first. */
static const char *english_title(const struct cpedict_item *it)
{
	const char *any_en = NULL;
	for (size_t i = 0; i < it->n_titles; i++) {
		const char *lang = it->titles[i].lang;
		if (lang && strcasecmp(lang, "en-US") == 0)
			return it->titles[i].text;
		if (!any_en && lang && strncasecmp(lang, "en", 2) == 0)
			any_en = it->titles[i].text;
	}
	if (any_en)
		return any_en;
	return it->n_titles ? it->titles[0].text : "";
}

/* The replacements as a JSON array of names ("" when none): names may hold any escaped
 * character, so no separator would be safe. */
static const char *deprecated_by(struct ctx *x, const struct cpedict_item *it)
{
	buf_reset(&x->depby);
	buf_puts(&x->depby, "");
	if (!it->n_deprecated_by)
		return x->depby.data;
	buf_putc(&x->depby, '[');
	for (size_t i = 0; i < it->n_deprecated_by; i++) {
		if (i)
			buf_putc(&x->depby, ',');
		const char *n = it->deprecated_by[i].name;
		json_write_string(&x->depby, n, strlen(n));
	}
	buf_putc(&x->depby, ']');
	return x->depby.data;
}

static bool same_text(struct db_stmt *s, int col, const char *v)
{
	if (db_col_null(s, col))
		return v == NULL;
	return v && strcmp(db_col_text(s, col), v) == 0;
}

/* One item as stored, as kb_upsert passes it around. */
struct row {
	const char *name, *uri, *title, *dep_date, *dep_by;   /* dep_by: NULL when none */
	bool deprecated;
	const char *f[4];                                     /* part, vendor, product, version */
	size_t fl[4];
};

static void bind_key(struct db_stmt *s, const void *rec)
{
	db_bind_text(s, ":name", ((const struct row *)rec)->name);
}

static enum kb_verdict judge(struct db_stmt *q, const void *rec)
{
	const struct row *r = rec;
	/* columns: uri, title, deprecated, deprecation_date, deprecated_by */
	bool unchanged = same_text(q, 0, r->uri) && same_text(q, 1, r->title) &&
			 db_col_int(q, 2) == (r->deprecated ? 1 : 0) && same_text(q, 3, r->dep_date) &&
			 same_text(q, 4, r->dep_by);
	return unchanged ? KB_UNCHANGED : KB_WRITE;
}

static void bind_row(struct db_stmt *s, const void *rec, bool exists, int64_t seq)
{
	(void)seq;
	const struct row *r = rec;
	db_bind_text(s, ":name", r->name);
	db_bind_text(s, ":uri", r->uri);
	db_bind_text(s, ":title", r->title);
	db_bind_int(s, ":deprecated", r->deprecated);
	db_bind_text(s, ":deprecation_date", r->dep_date);
	db_bind_text(s, ":deprecated_by", r->dep_by);
	if (!exists) {
		db_bind_textn(s, ":part", r->f[0], r->fl[0]);
		db_bind_textn(s, ":vendor", r->f[1], r->fl[1]);
		db_bind_textn(s, ":product", r->f[2], r->fl[2]);
		db_bind_textn(s, ":version", r->f[3], r->fl[3]);
	}
}

static const struct kb_upsert cpedict_upsert = {
	.get = STMT_KB_CPEDICT_GET,
	.insert = STMT_KB_CPEDICT_INSERT,
	.update = STMT_KB_CPEDICT_UPDATE,
	.newer_reason = "",
	.bind_key = bind_key,
	.judge = judge,
	.bind_row = bind_row,
};

static int on_item(void *vctx, const struct cpedict_item *it)
{
	struct ctx *x = vctx;
	struct db *db = x->db;
	/* the 2.3 name; a 2.2-only dictionary's URI is converted */
	char converted[CPE_FORMAT_MAX];
	const char *name = it->name23;
	if (!name) {
		struct cpe c;
		if (cpe_parse_uri(it->name, strlen(it->name), &c, NULL, 0) < 0 ||
		    cpe_format_fs(&c, converted, sizeof converted) < 0) {
			kb_stats_skip(x->st, "the name is not a CPE");
			return 0;
		}
		name = converted;
	}
	struct row r = { .name = name, .uri = it->name, .title = english_title(it), .deprecated = it->deprecated,
			 .dep_date = it->deprecation_date23 ? it->deprecation_date23 : it->deprecation_date };
	if (kb_cpe_fs_fields(name, strlen(name), r.f, r.fl, 4) < 0) {
		kb_stats_skip(x->st, "the name is not a CPE");
		return 0;
	}
	const char *dep_by = deprecated_by(x, it);
	r.dep_by = dep_by[0] ? dep_by : NULL;
	bool written;
	if (kb_upsert(db, &cpedict_upsert, &r, NULL, x->st, &written) != ERR_OK)
		return x->db_error = ERR_DB;
	if (written)
		kb_products_add(x->touched, r.f[0], r.fl[0], r.f[1], r.fl[1], r.f[2], r.fl[2]);
	if (x->progress && it->index % PROGRESS_EVERY == 0)
		x->progress(x->pctx, feed_input_bytes_in(x->in), feed_input_size_in(x->in));
	return 0;
}

struct run {
	const char *path;
	kb_progress_fn progress;
	void *pctx;
};

static enum err run(struct db *db, struct feed_input *in, void *vrun, struct kb_import_stats *st, char *err,
		    size_t errlen)
{
	struct run *r = vrun;
	struct ctx x = { .db = db, .in = in, .st = st, .progress = r->progress, .pctx = r->pctx };
	x.touched = kb_products_new();
	buf_init(&x.depby, 1024 * 1024);
	struct cpedict_meta meta;
	enum err e = ERR_OK;
	uint64_t before = st->new_records + st->updated + st->unchanged;
	int rc = cpedict_read_input(in, on_item, &x, &meta, err, errlen);
	if (rc != 0) {
		if (x.db_error)
			snprintf(err, errlen, "%s: database error: %s", r->path, db_errmsg(db));
		e = x.db_error ? ERR_DB : rc < ERR__MAX ? (enum err)rc : ERR_INVALID;
		goto out;
	}
	e = kb_cpe_product_refresh(db, x.touched);
	if (e != ERR_OK) {
		snprintf(err, errlen, "%s: updating the vendor/product index failed: %s", r->path, db_errmsg(db));
		goto out;
	}
	/* names stored earlier that this dictionary no longer has (kept: NVD deprecates names
	 * rather than removing them, so these come from another source or a later file) */
	struct db_stmt *s = db_stmt(db, STMT_KB_CPEDICT_COUNT);
	int64_t total = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	uint64_t in_file = st->new_records + st->updated + st->unchanged - before;
	st->absent = total > 0 && (uint64_t)total > in_file ? (uint64_t)total - in_file : 0;
	snprintf(st->about, sizeof st->about, "dictionary of %.40s (%.60s %.16s, schema %.8s), %zu names",
		 meta.timestamp[0] ? meta.timestamp : "(no date)",
		 meta.product_name[0] ? meta.product_name : "(no generator)", meta.product_version,
		 meta.schema_version, meta.items);
out:
	buf_free(&x.depby);
	kb_products_free(x.touched);
	return e;
}

enum err kb_import_cpedict_file(struct db *db, const char *path, struct kb_import_stats *st,
				kb_progress_fn progress, void *pctx, char *err, size_t errlen)
{
	struct run r = { .path = path, .progress = progress, .pctx = pctx };
	return kb_import_file(db, "cpedict", path, CPEDICT_MAX_BYTES, run, &r, st, err, errlen);
}
