/* The background NVD sync and the overview the operator's feed page shows. The worker uses
 * its own database connection (connections are per thread) and writes progress after each
 * stored page. */
#include "kb/feed_job.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Held by the connection of the running sync (on PostgreSQL a session advisory lock): a job
 * row says "running" truthfully only while the holder lives, so several instances never run
 * two syncs, and a row left "running" by a process that died is recognised as such. "feed"
 * as a number. */
#define FEED_JOB_LOCK 0x66656564

/* A sync of this process is running (SQLite grants the lock to everyone: this is the guard
 * there; on PostgreSQL it saves a connection). */
static atomic_bool running_here;

struct job {
	struct kb_sync_options o;
	int64_t id;
	struct db *db;               /* holds FEED_JOB_LOCK */
};

static void progress(void *ctx, uint64_t stored, int64_t window_total, int64_t window_done)
{
	struct job *j = ctx;
	struct db_stmt *s = db_stmt(j->db, STMT_KB_JOB_PROGRESS);
	db_bind_int(s, ":job", j->id);
	db_bind_int(s, ":stored", (int64_t)stored);
	db_bind_int(s, ":window_done", window_done);
	db_bind_int(s, ":window_total", window_total);
	db_exec(s);
}

static void finish(struct db *db, int64_t id, const char *status, const char *message)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_JOB_FINISH);
	db_bind_int(s, ":job", id);
	db_bind_text(s, ":status", status);
	db_bind_int(s, ":at", clock_now_unix());
	db_bind_text(s, ":message", message);
	db_exec(s);
}

static kb_feed_job_after_fn after_sync;

void kb_feed_job_set_after(kb_feed_job_after_fn fn)
{
	after_sync = fn;
}

static void *run(void *arg)
{
	struct job *j = arg;
	char err[1024] = "";
	struct kb_import_stats st = { 0 };
	j->o.progress = progress;
	j->o.pctx = j;
	enum err e = kb_sync_nvd(j->db, &j->o, &st, err, sizeof err);
	char summary[1024];
	kb_stats_format(&st, summary, 512);
	if (e == ERR_OK && after_sync) {
		char more[500] = "";
		after_sync(j->db, more, sizeof more);
		if (more[0]) {
			size_t at = strlen(summary);
			snprintf(summary + at, sizeof summary - at, "; %s", more);
		}
	}
	finish(j->db, j->id, e == ERR_OK ? "done" : "failed", e == ERR_OK ? summary : err);
	log_info("feed sync job %lld: %s", (long long)j->id, e == ERR_OK ? summary : err);
	db_unlock(j->db, FEED_JOB_LOCK);
	db_close(j->db);
	free(j);
	atomic_store(&running_here, false);
	return NULL;
}

static void abandon(struct db *db)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_JOB_ABANDON);
	db_bind_int(s, ":at", clock_now_unix());
	db_bind_text(s, ":message", "interrupted: the server stopped; the next sync resumes where this one stopped");
	db_exec(s);
}

enum err kb_feed_job_start(struct db *db, const char *db_url, const struct kb_sync_options *o, int64_t account_id,
			   int64_t *job_id)
{
	(void)db;
	bool was = false;
	if (!atomic_compare_exchange_strong(&running_here, &was, true))
		return ERR_CONFLICT;
	char err[512];
	struct db *jdb = db_open(db_url, err, sizeof err);
	if (!jdb) {
		log_error("feed sync: %s", err);
		atomic_store(&running_here, false);
		return ERR_UNAVAILABLE;
	}
	/* the claim: the lock first, then the row, both on the connection the sync will use */
	enum err e = db_try_lock(jdb, FEED_JOB_LOCK);
	if (e != ERR_OK) {
		db_close(jdb);
		atomic_store(&running_here, false);
		return e;
	}
	abandon(jdb); /* a row still "running" now belongs to a process that died */
	struct db_stmt *s = db_stmt(jdb, STMT_KB_JOB_START);
	db_bind_text(s, ":kind", "nvd-sync");
	db_bind_int(s, ":account", account_id);
	db_bind_int(s, ":at", clock_now_unix());
	enum db_step_rc rc = db_step(s);
	int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (!id) {
		db_unlock(jdb, FEED_JOB_LOCK);
		db_close(jdb);
		atomic_store(&running_here, false);
		return rc == DB_ERROR ? ERR_DB : ERR_CONFLICT;
	}
	struct job *j = xcalloc(1, sizeof *j);
	j->o = *o;
	j->id = id;
	j->db = jdb;
	pthread_t th;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int prc = pthread_create(&th, &attr, run, j);
	pthread_attr_destroy(&attr);
	if (prc != 0) {
		finish(jdb, id, "failed", "could not start a thread");
		db_unlock(jdb, FEED_JOB_LOCK);
		db_close(jdb);
		free(j);
		atomic_store(&running_here, false);
		return ERR_INTERNAL;
	}
	*job_id = id;
	return ERR_OK;
}

enum err kb_sync_lock(struct db *db)
{
	return db_try_lock(db, FEED_JOB_LOCK);
}

void kb_sync_unlock(struct db *db)
{
	db_unlock(db, FEED_JOB_LOCK);
}

void kb_feed_job_abandon_stale(struct db *db)
{
	/* another instance's sync holds the lock: its row is no orphan */
	if (db_try_lock(db, FEED_JOB_LOCK) != ERR_OK)
		return;
	abandon(db);
	db_unlock(db, FEED_JOB_LOCK);
}

static struct val *text(struct arena *a, struct db_stmt *s, int c)
{
	return db_col_null(s, c) ? val_null(a) : val_strn(a, db_col_text(s, c), db_col_len(s, c));
}

enum err kb_feed_overview(struct db *db, struct arena *a, struct val **out)
{
	struct val *o = val_obj(a);
	struct db_stmt *s = db_stmt(db, STMT_KB_COUNTS);
	if (!s || db_step(s) != DB_ROW) {
		if (s)
			db_reset(s);
		return ERR_DB;
	}
	struct val *counts = val_obj(a);
	static const char *const names[] = { "cves", "rejected", "kev", "epss", "cpe_dictionary", "cpe_matches" };
	for (int i = 0; i < 6; i++)
		val_set_int(a, counts, names[i], db_col_int(s, i));
	db_reset(s);
	val_set(a, o, "counts", counts);

	struct val *feeds = val_arr(a);
	static const char *const counts_names[] = { "new", "updated", "unchanged", "rejected", "skipped" };
	s = db_stmt(db, STMT_KB_FEED_STATUS_OVERVIEW);
	while (db_step(s) == DB_ROW) {
		struct val *f = val_obj(a);
		val_set(a, f, "feed", text(a, s, 0));
		val_set(a, f, "loaded_at", text(a, s, 1));
		val_set_int(a, f, "records", db_col_int(s, 2));
		val_set(a, f, "source", text(a, s, 3));
		val_set(a, f, "detail", text(a, s, 4));
		/* the latest finished import's counts (null for a feed only the sync checkpoint names) */
		struct val *last = val_null(a);
		if (!db_col_null(s, 5)) {
			last = val_obj(a);
			for (int c = 0; c < 5; c++)
				val_set_int(a, last, counts_names[c], db_col_int(s, 5 + c));
		}
		val_set(a, f, "last", last);
		val_push(a, feeds, f);
	}
	db_reset(s);
	val_set(a, o, "feeds", feeds);

	struct val *imports = val_arr(a);
	s = db_stmt(db, STMT_KB_IMPORT_RECENT);
	db_bind_int(s, ":limit", 10);
	static const char *const inames[] = { "feed", "source", "started_at", "finished_at", "status" };
	while (db_step(s) == DB_ROW) {
		struct val *im = val_obj(a);
		for (int c = 0; c < 5; c++)
			val_set(a, im, inames[c], text(a, s, c));
		for (int c = 0; c < 5; c++)
			val_set_int(a, im, counts_names[c], db_col_int(s, 5 + c));
		val_set(a, im, "message", text(a, s, 10));
		val_set_bool(a, im, "failed", strcmp(db_col_text(s, 4), "failed") == 0);
		val_set_bool(a, im, "done", strcmp(db_col_text(s, 4), "done") == 0);
		val_set_bool(a, im, "running", strcmp(db_col_text(s, 4), "running") == 0);
		val_push(a, imports, im);
	}
	db_reset(s);
	val_set(a, o, "imports", imports);

	s = db_stmt(db, STMT_KB_JOB_LATEST);
	struct val *job = val_null(a);
	if (db_step(s) == DB_ROW) {
		job = val_obj(a);
		val_set_int(a, job, "id", db_col_int(s, 0));
		val_set(a, job, "kind", text(a, s, 1));
		val_set(a, job, "status", text(a, s, 2));
		char at[32];
		val_set_str(a, job, "started_at", clock_format_iso8601(db_col_int(s, 3), at, sizeof at));
		val_set(a, job, "finished_at",
			db_col_null(s, 4) ? val_null(a) : val_str(a, clock_format_iso8601(db_col_int(s, 4), at, sizeof at)));
		val_set_int(a, job, "stored", db_col_int(s, 5));
		val_set_int(a, job, "window_done", db_col_int(s, 6));
		val_set_int(a, job, "window_total", db_col_int(s, 7));
		val_set(a, job, "message", text(a, s, 8));
		val_set_bool(a, job, "running", strcmp(db_col_text(s, 2), "running") == 0);
		val_set_bool(a, job, "failed", strcmp(db_col_text(s, 2), "failed") == 0);
	}
	db_reset(s);
	val_set(a, o, "job", job);
	*out = o;
	return ERR_OK;
}
