/* Loading feeds into the knowledge base: NVD (API 2.0 and 1.1 JSON), CVE JSON 5 records,
 * CISA KEV, FIRST EPSS and the NVD CPE dictionary, with the bookkeeping every importer
 * shares (summary counts, feed status, change sequence). A file imports in one
 * transaction: a malformed file leaves the database as it was. Every importer streams its
 * input, so memory stays flat whatever the file's size. */
#ifndef VANS_KB_IMPORT_H
#define VANS_KB_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/str.h"
#include "store/db.h"

struct feed_input;
struct nvd_feed_info;

#define KB_SKIP_REASONS 8

/* The channel every successful import or sync notifies (db_notify): the instances serving
 * the same PostgreSQL database refresh their matching index at once instead of at their
 * next poll. */
#define KB_CHANGED_CHANNEL "vans_kb"

/* What an import did. "skipped" records were not stored, each counted under its reason.
 * The counts accumulate: zero the struct before the first import. */
struct kb_import_stats {
	uint64_t new_records, updated, unchanged, rejected, skipped;
	uint64_t absent;                      /* stored before, not in this file, kept (KEV, dictionary) */
	uint64_t bytes_in, bytes_json;        /* packaged bytes read, JSON bytes parsed */
	double seconds;
	struct { const char *reason; uint64_t count; } skip[KB_SKIP_REASONS];
	int64_t change_seq;                   /* the sequence number changed records got, 0 if none */
	char about[192];                      /* what the file says of itself ("catalogue 2025.08.25 …") */
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

/* CISA's KEV catalogue, JSON or CSV (plain, .gz or .zip). Every entry is upserted: an entry
 * new to the knowledge base or changed in any field takes the import's change sequence
 * (kev.change_seq) and the catalogue's version; an unchanged one is left alone. An entry
 * stored from a newer catalogue is not replaced by an older catalogue's (skipped). Entries
 * stored earlier but missing from this catalogue are kept and counted (st->absent): CISA
 * has withdrawn entries only by mistake, and a finding should not lose its KEV flag
 * because one copy of the catalogue lacks it. */
enum err kb_import_kev_file(struct db *db, const char *path, struct kb_import_stats *st,
			    kb_progress_fn progress, void *pctx, char *err, size_t errlen);

/* FIRST's daily EPSS CSV (plain, .gz or .zip): score, percentile, score date and model
 * version per CVE. A score from a day older than the stored one is skipped. */
enum err kb_import_epss_file(struct db *db, const char *path, struct kb_import_stats *st,
			     kb_progress_fn progress, void *pctx, char *err, size_t errlen);

/* NVD's official CPE 2.3 dictionary XML (plain, .gz or .zip): every cpe-item by its 2.3
 * name, with its English title and deprecation; then the vendor/product index (cpe_product)
 * is refreshed for the products the import changed. */
enum err kb_import_cpedict_file(struct db *db, const char *path, struct kb_import_stats *st,
				kb_progress_fn progress, void *pctx, char *err, size_t errlen);

/* CVE JSON 5 records: a record file, or a directory walked for *.json files (a cvelistV5
 * tree), in one transaction. A record is stored as the CVE (origin "cve5") only while NVD
 * has none for it; an NVD record is never replaced by a CVE 5 one, but a REJECTED CVE 5
 * record marks it rejected. In a directory, a file that is not a CVE record is skipped and
 * a malformed one is reported through on_bad (may be NULL) and not stored, and the walk
 * goes on; ERR_INVALID is then returned after the commit so the caller knows. */
typedef void (*kb_bad_file_fn)(void *ctx, const char *path, const char *msg);
enum err kb_import_cve5_path(struct db *db, const char *path, struct kb_import_stats *st,
			     kb_progress_fn progress, kb_bad_file_fn on_bad, void *pctx, char *err,
			     size_t errlen);

/* The one shape of KEV, EPSS and dictionary imports: a record of the file is looked up by
 * its key (get), judged against the stored row, and written by insert or update. */
enum kb_verdict {
	KB_WRITE,          /* new or different: insert or update */
	KB_UNCHANGED,      /* identical: left alone, counted unchanged */
	KB_NEWER_STORED,   /* the stored row comes from a newer file: left alone, counted skipped */
};
struct kb_upsert {
	enum stmt_id get, insert, update;
	const char *newer_reason;      /* the skip reason of KB_NEWER_STORED (a literal) */
	void (*bind_key)(struct db_stmt *get, const void *rec);
	/* stored is the get statement on its row; not called when nothing is stored */
	enum kb_verdict (*judge)(struct db_stmt *stored, const void *rec);
	/* binds the insert (exists false) or the update; seq is the change sequence or 0 */
	void (*bind_row)(struct db_stmt *s, const void *rec, bool exists, int64_t seq);
};
/* Upserts one record and counts it (new, updated, unchanged or skipped). seq: NULL when the
 * table has no change sequence, else the import's, taken at the first write (kept in
 * st->change_seq too). *written says whether a row was inserted or updated. ERR_DB when a
 * statement failed. */
enum err kb_upsert(struct db *db, const struct kb_upsert *u, const void *rec, int64_t *seq,
		   struct kb_import_stats *st, bool *written);

/* A CVE's configuration rows (cve_match), as the NVD and CVE 5 importers write them:
 * gathered per CVE, then written in order (seq 0, 1, …) in multi-row batches. Text points
 * into the caller's record and must stay valid until the flush; a NULL p is SQL NULL. */
struct kb_match_row {
	int64_t config, node;
	const char *config_op, *node_op;     /* "AND" or "OR" */
	bool config_negate, node_negate, vulnerable;
	struct slice criteria, part, vendor, product, match_criteria_id;
	struct slice vsi, vse, vei, vee;     /* versionStart/End Including/Excluding */
};
struct kb_matches {
	struct slice cve_id;
	struct kb_match_row *rows;
	size_t n, cap;
};
void kb_matches_add(struct kb_matches *m, const struct kb_match_row *row);
/* Writes the gathered rows of m->cve_id and empties m (its memory is kept for the next CVE). */
enum err kb_matches_flush(struct db *db, struct kb_matches *m);
void kb_matches_free(struct kb_matches *m);

/* Takes the next change sequence number (inside the caller's transaction). */
int64_t kb_next_change_seq(struct db *db);
/* Brings the full-text index up to date for the records that took change sequence seq. */
enum err kb_refresh_search(struct db *db, int64_t seq);
/* Rebuilds the whole full-text index when it does not hold one entry per CVE (a restored
 * or copied database comes without it). Cheap when it is in step. */
enum err kb_search_rebuild_if_needed(struct db *db, bool *rebuilt);
/* Counts a skipped record under a reason (a string literal). */
void kb_stats_skip(struct kb_import_stats *st, const char *reason);
/* Writes "new 1, updated 2, unchanged 3, rejected 4, skipped 5 (reason: n; …)", then
 * ", absent from this file 6 (kept)" when some were. */
void kb_stats_format(const struct kb_import_stats *st, char *out, size_t outlen);

/* feed_import / feed_status bookkeeping shared by every importer; a successful end notifies
 * KB_CHANGED_CHANNEL. */
int64_t kb_import_begin(struct db *db, const char *feed, const char *source);
void kb_import_end(struct db *db, int64_t import_id, const char *feed, const char *source, enum err result,
		   const struct kb_import_stats *st, const char *message);

/* The shape of every single-file import: opens path (capped at max_out unpacked bytes),
 * records the import in feed_import, runs fn in one transaction (commit on ERR_OK, roll
 * back otherwise, stats zeroed when nothing was kept) and writes feed_status. */
typedef enum err (*kb_file_fn)(struct db *db, struct feed_input *in, void *ctx, struct kb_import_stats *st,
			       char *err, size_t errlen);
enum err kb_import_file(struct db *db, const char *feed, const char *path, uint64_t max_out, kb_file_fn fn,
			void *ctx, struct kb_import_stats *st, char *err, size_t errlen);

#endif
