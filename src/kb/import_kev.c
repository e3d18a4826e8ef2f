/* KEV import: each catalogue entry from the streaming reader is compared field by field with
 * the stored one; a new or edited entry takes the import's change sequence (what the notices
 * call "newly added to KEV" or "KEV entry changed"), an identical one is left alone. The IDs
 * seen are kept (the catalogue is small and capped) to count stored entries it no longer
 * lists, which are kept. */
#include "kb/import.h"
#include "kb/feed_input.h"
#include "kb/kev_reader.h"
#include "core/alloc.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRESS_EVERY 64

struct ctx {
	struct db *db;
	struct feed_input *in;
	struct kb_import_stats *st;
	kb_progress_fn progress;
	void *pctx;
	const struct kev_catalog *cat;   /* filled by the reader as it meets the header fields */
	int64_t seq;
	struct buf cwes;
	struct arena ids;          /* every cveID of the file, for the absent count */
	const char **seen;
	size_t n_seen, cap_seen;
	int db_error;
};

/* The entry's CWEs as the CSV writes them: "CWE-59, CWE-436". */
static const char *join_cwes(struct ctx *x, const struct kev_entry *e)
{
	buf_reset(&x->cwes);
	buf_puts(&x->cwes, "");
	for (size_t i = 0; i < e->n_cwes; i++) {
		if (i)
			buf_puts(&x->cwes, ", ");
		buf_puts(&x->cwes, e->cwes[i]);
	}
	return x->cwes.data;
}

/* One entry with its joined CWEs and the catalogue's version, as kb_upsert passes it around. */
struct row {
	const struct kev_entry *e;
	const char *cwes;
	const char *version;
};

static bool same(struct db_stmt *s, int col, const char *v)
{
	return strcmp(db_col_text(s, col), v) == 0;
}

static void bind_key(struct db_stmt *s, const void *rec)
{
	db_bind_text(s, ":id", ((const struct row *)rec)->e->cve_id);
}

static enum kb_verdict judge(struct db_stmt *q, const void *rec)
{
	const struct row *r = rec;
	const struct kev_entry *e = r->e;
	/* columns: vendor_project, product, vulnerability_name, date_added, short_description,
	 * required_action, due_date, ransomware, notes, cwes, catalog_version */
	if (same(q, 0, e->vendor_project) && same(q, 1, e->product) && same(q, 2, e->vulnerability_name) &&
	    same(q, 3, e->date_added) && same(q, 4, e->short_description) && same(q, 5, e->required_action) &&
	    same(q, 6, e->due_date) && same(q, 7, e->known_ransomware) && same(q, 8, e->notes) && same(q, 9, r->cwes))
		return KB_UNCHANGED;
	/* "2025.08.25" versions order as strings; an unknown one (CSV) orders as newest */
	const char *stored = db_col_text(q, 10);
	return r->version[0] && stored[0] && strcmp(stored, r->version) > 0 ? KB_NEWER_STORED : KB_WRITE;
}

static void bind_row(struct db_stmt *s, const void *rec, bool exists, int64_t seq)
{
	(void)exists;
	const struct row *r = rec;
	const struct kev_entry *e = r->e;
	db_bind_text(s, ":id", e->cve_id);
	db_bind_text(s, ":vendor_project", e->vendor_project);
	db_bind_text(s, ":product", e->product);
	db_bind_text(s, ":vulnerability_name", e->vulnerability_name);
	db_bind_text(s, ":date_added", e->date_added);
	db_bind_text(s, ":short_description", e->short_description);
	db_bind_text(s, ":required_action", e->required_action);
	db_bind_text(s, ":due_date", e->due_date);
	db_bind_text(s, ":ransomware", e->known_ransomware);
	db_bind_text(s, ":notes", e->notes);
	db_bind_text(s, ":cwes", r->cwes);
	db_bind_text(s, ":catalog_version", r->version);
	db_bind_int(s, ":change_seq", seq);
}

static const struct kb_upsert kev_upsert = {
	.get = STMT_KB_CVE_KEV,
	.insert = STMT_KB_KEV_INSERT,
	.update = STMT_KB_KEV_UPDATE,
	.newer_reason = "a newer catalogue's entry is already stored",
	.bind_key = bind_key,
	.judge = judge,
	.bind_row = bind_row,
};

static void remember(struct ctx *x, const char *id)
{
	if (x->n_seen == x->cap_seen) {
		x->cap_seen = x->cap_seen ? x->cap_seen * 2 : 2048;
		x->seen = xrealloc(x->seen, x->cap_seen * sizeof(*x->seen));
	}
	x->seen[x->n_seen++] = arena_strdup(&x->ids, id);
}

static int on_entry(void *vctx, const struct kev_entry *e)
{
	struct ctx *x = vctx;
	remember(x, e->cve_id);
	/* CISA's JSON states its version before the entries; the CSV never does */
	struct row r = { .e = e, .cwes = join_cwes(x, e), .version = x->cat->catalog_version };
	bool written;
	if (kb_upsert(x->db, &kev_upsert, &r, &x->seq, x->st, &written) != ERR_OK)
		return x->db_error = ERR_DB;
	if (x->progress && e->index % PROGRESS_EVERY == 0)
		x->progress(x->pctx, feed_input_bytes_in(x->in), feed_input_size_in(x->in));
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Stored entries this catalogue does not list. */
static enum err count_absent(struct ctx *x)
{
	qsort(x->seen, x->n_seen, sizeof(*x->seen), cmp_id);
	struct db_stmt *s = db_stmt(x->db, STMT_KB_KEV_IDS);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *id = db_col_text(s, 0);
		if (!x->n_seen || !bsearch(&id, x->seen, x->n_seen, sizeof(*x->seen), cmp_id))
			x->st->absent++;
	}
	db_reset(s);
	return rc == DB_ERROR ? ERR_DB : ERR_OK;
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
	struct kev_catalog cat;
	struct ctx x = { .db = db, .in = in, .st = st, .progress = r->progress, .pctx = r->pctx, .cat = &cat };
	buf_init(&x.cwes, 64 * 1024);
	arena_init(&x.ids, 64 * 1024);
	int rc = kev_read_input(in, KEV_FORMAT_AUTO, on_entry, &x, &cat, err, errlen);
	enum err e = ERR_OK;
	if (rc != 0) {
		e = x.db_error ? ERR_DB : rc < ERR__MAX ? (enum err)rc : ERR_INVALID;
		if (x.db_error)
			snprintf(err, errlen, "%s: database error: %s", r->path, db_errmsg(db));
	} else {
		e = count_absent(&x);
		/* a catalogue that states its version after its entries: stamp them now */
		if (e == ERR_OK && x.seq > 0 && cat.catalog_version[0]) {
			struct db_stmt *s = db_stmt(db, STMT_KB_KEV_SET_VERSION);
			db_bind_text(s, ":catalog_version", cat.catalog_version);
			db_bind_int(s, ":seq", x.seq);
			e = db_exec(s);
		}
	}
	if (e == ERR_OK) {
		if (cat.format == KEV_FORMAT_JSON)
			snprintf(st->about, sizeof st->about, "catalogue %s released %s, %zu entries (JSON)",
				 cat.catalog_version[0] ? cat.catalog_version : "(no version)",
				 cat.date_released[0] ? cat.date_released : "(no date)", cat.entries);
		else
			snprintf(st->about, sizeof st->about, "catalogue of %zu entries (CSV: no version)", cat.entries);
	}
	buf_free(&x.cwes);
	arena_free(&x.ids);
	free(x.seen);
	return e;
}

enum err kb_import_kev_file(struct db *db, const char *path, struct kb_import_stats *st,
			    kb_progress_fn progress, void *pctx, char *err, size_t errlen)
{
	struct run r = { .path = path, .progress = progress, .pctx = pctx };
	return kb_import_file(db, "kev", path, KEV_MAX_BYTES, run, &r, st, err, errlen);
}
