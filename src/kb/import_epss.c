/* EPSS import: one score per CVE, from FIRST's daily file. A stored score is replaced by a
 * different one from the same or a later day, left alone when identical, and kept when
 * the file is from an earlier day (importing last week's file after today's changes
 * nothing). The score date is stored normalised, "2025-08-25T00:00:00Z". */
#include "kb/import.h"
#include "kb/epss_reader.h"
#include "kb/feed_input.h"
#include "core/clock.h"

#include <stdio.h>
#include <string.h>

#define PROGRESS_EVERY 4096

struct ctx {
	struct db *db;
	struct feed_input *in;
	struct kb_import_stats *st;
	kb_progress_fn progress;
	void *pctx;
	const struct epss_meta *meta;   /* filled by the reader from the comment line */
	char date[32];                  /* meta's score date, normalised; "" when the file has none */
	bool date_done;
	int db_error;
};

/* One score with the file's date and model, as kb_upsert passes it around. */
struct row {
	const struct epss_score *sc;
	const char *date;
	const char *model_version;
};

static void bind_key(struct db_stmt *s, const void *rec)
{
	db_bind_text(s, ":id", ((const struct row *)rec)->sc->cve_id);
}

static enum kb_verdict judge(struct db_stmt *q, const void *rec)
{
	const struct row *r = rec;
	/* columns: score, percentile, score_date, model_version */
	const char *stored_date = db_col_text(q, 2);
	if (db_col_double(q, 0) == r->sc->epss && db_col_double(q, 1) == r->sc->percentile &&
	    strcmp(stored_date, r->date) == 0 && strcmp(db_col_text(q, 3), r->model_version) == 0)
		return KB_UNCHANGED;
	/* ISO 8601 dates in one form order as strings; an undated file orders as newest */
	return r->date[0] && stored_date[0] && strcmp(stored_date, r->date) > 0 ? KB_NEWER_STORED : KB_WRITE;
}

static void bind_row(struct db_stmt *s, const void *rec, bool exists, int64_t seq)
{
	(void)exists;
	(void)seq;
	const struct row *r = rec;
	db_bind_text(s, ":id", r->sc->cve_id);
	db_bind_double(s, ":score", r->sc->epss);
	db_bind_double(s, ":percentile", r->sc->percentile);   /* -1: the file has no percentile */
	db_bind_text(s, ":score_date", r->date);
	db_bind_text(s, ":model_version", r->model_version);
}

static const struct kb_upsert epss_upsert = {
	.get = STMT_KB_CVE_EPSS,
	.insert = STMT_KB_EPSS_INSERT,
	.update = STMT_KB_EPSS_UPDATE,
	.newer_reason = "a later day's score is already stored",
	.bind_key = bind_key,
	.judge = judge,
	.bind_row = bind_row,
};

static int on_score(void *vctx, const struct epss_score *sc)
{
	struct ctx *x = vctx;
	if (!x->date_done) {
		/* the comment line precedes the header, so the date is known by the first score */
		if (x->meta->score_date_unix >= 0)
			clock_format_iso8601(x->meta->score_date_unix, x->date, sizeof x->date);
		x->date_done = true;
	}
	struct row r = { .sc = sc, .date = x->date, .model_version = x->meta->model_version };
	bool written;
	if (kb_upsert(x->db, &epss_upsert, &r, NULL, x->st, &written) != ERR_OK)
		return x->db_error = ERR_DB;
	if (x->progress && sc->line % PROGRESS_EVERY == 0)
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
	struct epss_meta meta;
	struct ctx x = { .db = db, .in = in, .st = st, .progress = r->progress, .pctx = r->pctx, .meta = &meta };
	int rc = epss_read_input(in, on_score, &x, &meta, err, errlen);
	if (rc != 0) {
		if (x.db_error)
			snprintf(err, errlen, "%s: database error: %s", r->path, db_errmsg(db));
		return x.db_error ? ERR_DB : rc < ERR__MAX ? (enum err)rc : ERR_INVALID;
	}
	snprintf(st->about, sizeof st->about, "scores of %s, model %s, %zu CVEs",
		 x.date[0] ? x.date : "(no date)", meta.model_version[0] ? meta.model_version : "(not stated)",
		 meta.rows);
	return ERR_OK;
}

enum err kb_import_epss_file(struct db *db, const char *path, struct kb_import_stats *st,
			     kb_progress_fn progress, void *pctx, char *err, size_t errlen)
{
	struct run r = { .path = path, .progress = progress, .pctx = pctx };
	return kb_import_file(db, "epss", path, EPSS_MAX_BYTES, run, &r, st, err, errlen);
}
