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

static int on_score(void *vctx, const struct epss_score *sc)
{
	struct ctx *x = vctx;
	struct db *db = x->db;
	if (!x->date_done) {
		/* the comment line precedes the header, so the date is known by the first score */
		if (x->meta->score_date_unix >= 0)
			clock_format_iso8601(x->meta->score_date_unix, x->date, sizeof x->date);
		x->date_done = true;
	}
	struct db_stmt *q = db_stmt(db, STMT_KB_CVE_EPSS);
	db_bind_text(q, ":id", sc->cve_id);
	enum db_step_rc rc = db_step(q);
	if (rc == DB_ERROR) {
		db_reset(q);
		return x->db_error = ERR_DB;
	}
	bool exists = rc == DB_ROW;
	if (exists) {
		/* columns: score, percentile, score_date, model_version */
		const char *stored_date = db_col_text(q, 2);
		bool unchanged = db_col_double(q, 0) == sc->epss && db_col_double(q, 1) == sc->percentile &&
				 strcmp(stored_date, x->date) == 0 &&
				 strcmp(db_col_text(q, 3), x->meta->model_version) == 0;
		/* ISO 8601 dates in one form order as strings; an undated file orders as newest */
		bool older = x->date[0] && stored_date[0] && strcmp(stored_date, x->date) > 0;
		db_reset(q);
		if (unchanged) {
			x->st->unchanged++;
			goto progress;
		}
		if (older) {
			kb_stats_skip(x->st, "a later day's score is already stored");
			goto progress;
		}
	} else {
		db_reset(q);
	}
	struct db_stmt *s = db_stmt(db, exists ? STMT_KB_EPSS_UPDATE : STMT_KB_EPSS_INSERT);
	db_bind_text(s, ":id", sc->cve_id);
	db_bind_double(s, ":score", sc->epss);
	db_bind_double(s, ":percentile", sc->percentile);   /* -1: the file has no percentile */
	db_bind_text(s, ":score_date", x->date);
	db_bind_text(s, ":model_version", x->meta->model_version);
	if (db_exec(s) != ERR_OK)
		return x->db_error = ERR_DB;
	if (exists)
		x->st->updated++;
	else
		x->st->new_records++;
progress:
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
