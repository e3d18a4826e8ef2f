/* NVD sync as a background job of `vans serve`, started from the operator's feed page: one
 * at a time, progress written to the feed_job table so every page view (on any instance)
 * shows it, and resumable like the command-line sync. */
#ifndef VANS_KB_FEED_JOB_H
#define VANS_KB_FEED_JOB_H

#include "core/val.h"
#include "kb/nvd_sync.h"

/* Starts a sync on a thread of its own with its own connection to db_url. ERR_CONFLICT when
 * one is already running, in this instance or in another on the same database (the sync's
 * connection holds a lock for as long as it runs). The options are copied (their strings must outlive the server). */
enum err kb_feed_job_start(struct db *db, const char *db_url, const struct kb_sync_options *o, int64_t account_id,
			   int64_t *job_id);
/* What runs after a sync succeeded, on the job's connection (the server refreshes findings);
 * it may write a line for the job's message into out. Set once before the first job. */
typedef void (*kb_feed_job_after_fn)(struct db *db, char *out, size_t outlen);
void kb_feed_job_set_after(kb_feed_job_after_fn fn);
/* At start-up: a job a stopped server left "running" is marked failed (the next sync
 * resumes from the NVD checkpoint) — unless another instance's sync holds the lock. */
void kb_feed_job_abandon_stale(struct db *db);
/* {"counts": {...}, "feeds": [...], "imports": [...], "job": {...} | null} for the page and
 * its JSON. */
enum err kb_feed_overview(struct db *db, struct arena *a, struct val **out);

#endif
