/* Loading feeds into the knowledge base: NVD (API 2.0 and 1.1 JSON), with the bookkeeping
 * every importer shares (summary counts, feed status, change sequence). A file imports in one
 * transaction: a malformed file leaves the database as it was. */
#ifndef VANS_KB_IMPORT_H
#define VANS_KB_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/db.h"

struct feed_input;
struct nvd_feed_info;

#define KB_SKIP_REASONS 8

/* What an import did. "skipped" records were not stored, each counted under its reason.
 * The counts accumulate: zero the struct before the first import. */
struct kb_import_stats {
	uint64_t new_records, updated, unchanged, rejected, skipped;
	uint64_t bytes_in, bytes_json;        /* packaged bytes read, JSON bytes parsed */
	double seconds;
	struct { const char *reason; uint64_t count; } skip[KB_SKIP_REASONS];
	int64_t change_seq;                   /* the sequence number changed records got, 0 if none */
};

/* Progress: packaged bytes consumed so far out of the total (0 when unknown). */
typedef void (*kb_progress_fn)(void *ctx, uint64_t done, uint64_t total);

/* Imports one NVD file (.json, .json.gz, .zip; API 2.0 or 1.1) in its own transaction and
 * records it in feed_import and feed_status. On error nothing of the file is kept and err
 * names the file and the byte offset or record. */
enum err kb_import_nvd_file(struct db *db, const char *path, struct kb_import_stats *st,
			    kb_progress_fn progress, void *pctx, char *err, size_t errlen);

/* Stores the records of an already-open NVD stream; the caller holds the transaction (the
 * sync client uses it per API page). info, when not NULL, receives the stream's header. */
enum err kb_store_nvd_stream(struct db *db, struct feed_input *in, struct kb_import_stats *st,
			     struct nvd_feed_info *info, kb_progress_fn progress, void *pctx, char *err,
			     size_t errlen);

/* Takes the next change sequence number (inside the caller's transaction). */
int64_t kb_next_change_seq(struct db *db);
/* Brings the full-text index up to date for the records that took change sequence seq. */
enum err kb_refresh_search(struct db *db, int64_t seq);
/* Rebuilds the whole full-text index when it does not hold one entry per CVE (a restored
 * or copied database comes without it). Cheap when it is in step. */
enum err kb_search_rebuild_if_needed(struct db *db, bool *rebuilt);
/* Counts a skipped record under a reason (a string literal). */
void kb_stats_skip(struct kb_import_stats *st, const char *reason);
/* Writes "new 1, updated 2, unchanged 3, rejected 4, skipped 5 (reason: n; …)". */
void kb_stats_format(const struct kb_import_stats *st, char *out, size_t outlen);

/* feed_import / feed_status bookkeeping shared by every importer. */
int64_t kb_import_begin(struct db *db, const char *feed, const char *source);
void kb_import_end(struct db *db, int64_t import_id, const char *feed, const char *source, enum err result,
		   const struct kb_import_stats *st, const char *message);

#endif
