/* Bookkeeping shared by every feed importer: the change sequence that tells the matching
 * engine which records an import touched, the feed_import history and feed_status rows,
 * the one-transaction-per-file frame, and the one-line summary printed after an import. */
#include "kb/import.h"
#include "core/clock.h"
#include "kb/feed_input.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t kb_next_change_seq(struct db *db)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_CHANGE_SEQ_NEXT);
	if (!s || db_step(s) != DB_ROW) {
		if (s)
			db_reset(s);
		return -1;
	}
	int64_t v = db_col_int(s, 0);
	db_reset(s);
	return v;
}

enum err kb_upsert(struct db *db, const struct kb_upsert *u, const void *rec, int64_t *seq,
		   struct kb_import_stats *st, bool *written)
{
	*written = false;
	struct db_stmt *q = db_stmt(db, u->get);
	u->bind_key(q, rec);
	enum db_step_rc rc = db_step(q);
	bool exists = rc == DB_ROW;
	enum kb_verdict v = exists ? u->judge(q, rec) : KB_WRITE;
	db_reset(q);
	if (rc == DB_ERROR)
		return ERR_DB;
	if (v == KB_UNCHANGED) {
		st->unchanged++;
		return ERR_OK;
	}
	if (v == KB_NEWER_STORED) {
		kb_stats_skip(st, u->newer_reason);
		return ERR_OK;
	}
	if (seq && !*seq)
		st->change_seq = *seq = kb_next_change_seq(db);
	if (seq && *seq <= 0)
		return ERR_DB;
	struct db_stmt *s = db_stmt(db, exists ? u->update : u->insert);
	u->bind_row(s, rec, exists, seq ? *seq : 0);
	if (db_exec(s) != ERR_OK)
		return ERR_DB;
	if (exists)
		st->updated++;
	else
		st->new_records++;
	*written = true;
	return ERR_OK;
}

void kb_matches_add(struct kb_matches *m, const struct kb_match_row *row)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->rows = xrealloc(m->rows, m->cap * sizeof *m->rows);
	}
	m->rows[m->n++] = *row;
}

void kb_matches_free(struct kb_matches *m)
{
	free(m->rows);
	memset(m, 0, sizeof *m);
}

static void bind_opt(struct db_stmt *s, const char *name, struct slice v)
{
	if (v.p)
		db_bind_textn_static(s, name, v.p, v.len);
	else
		db_bind_null(s, name);
}

/* The parameter names of row k of a batch (kb.def, KB_MATCH_ROW): literals, so the bind
 * cache finds them by address. */
#define MATCH_NAMES(k) { ":seq" #k, ":config" #k, ":config_op" #k, ":config_negate" #k, ":node" #k, \
			 ":node_op" #k, ":node_negate" #k, ":vulnerable" #k, ":criteria" #k, ":part" #k, \
			 ":vendor" #k, ":product" #k, ":match_criteria_id" #k, ":vsi" #k, ":vse" #k, ":vei" #k, \
			 ":vee" #k }
static const char *const match_names[8][17] = { MATCH_NAMES(0), MATCH_NAMES(1), MATCH_NAMES(2), MATCH_NAMES(3),
						 MATCH_NAMES(4), MATCH_NAMES(5), MATCH_NAMES(6), MATCH_NAMES(7) };
#undef MATCH_NAMES

static void bind_match(struct db_stmt *s, int k, int64_t seq, const struct kb_match_row *r)
{
	const char *const *n = match_names[k];
	db_bind_int(s, n[0], seq);
	db_bind_int(s, n[1], r->config);
	db_bind_text(s, n[2], r->config_op);
	db_bind_int(s, n[3], r->config_negate);
	db_bind_int(s, n[4], r->node);
	db_bind_text(s, n[5], r->node_op);
	db_bind_int(s, n[6], r->node_negate);
	db_bind_int(s, n[7], r->vulnerable);
	db_bind_textn_static(s, n[8], r->criteria.p, r->criteria.len);
	db_bind_textn_static(s, n[9], r->part.p, r->part.len);
	db_bind_textn_static(s, n[10], r->vendor.p, r->vendor.len);
	db_bind_textn_static(s, n[11], r->product.p, r->product.len);
	bind_opt(s, n[12], r->match_criteria_id);
	bind_opt(s, n[13], r->vsi);
	bind_opt(s, n[14], r->vse);
	bind_opt(s, n[15], r->vei);
	bind_opt(s, n[16], r->vee);
}

enum err kb_matches_flush(struct db *db, struct kb_matches *m)
{
	static const struct { size_t rows; enum stmt_id id; } batches[] = {
		{ 8, STMT_KB_MATCH_INSERT_8 }, { 4, STMT_KB_MATCH_INSERT_4 },
		{ 2, STMT_KB_MATCH_INSERT_2 }, { 1, STMT_KB_MATCH_INSERT },
	};
	enum err e = ERR_OK;
	size_t done = 0;
	for (size_t b = 0; b < sizeof batches / sizeof batches[0] && e == ERR_OK; b++) {
		while (m->n - done >= batches[b].rows && e == ERR_OK) {
			struct db_stmt *s = db_stmt(db, batches[b].id);
			db_bind_textn_static(s, ":id", m->cve_id.p, m->cve_id.len);
			for (size_t k = 0; k < batches[b].rows; k++, done++)
				bind_match(s, (int)k, (int64_t)done, &m->rows[done]);
			e = db_exec(s);
		}
	}
	m->n = 0;
	return e;
}

enum err kb_refresh_search(struct db *db, int64_t seq)
{
	static const enum stmt_id steps[] = { STMT_KB_FTS_DELETE_CHANGED, STMT_KB_FTS_INSERT_CHANGED };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		struct db_stmt *s = db_stmt(db, steps[i]);
		db_bind_int(s, ":seq", seq);
		enum err e = db_exec(s);
		if (e != ERR_OK)
			return e;
	}
	return ERR_OK;
}

enum err kb_search_rebuild_if_needed(struct db *db, bool *rebuilt)
{
	*rebuilt = false;
	struct db_stmt *s = db_stmt(db, STMT_KB_FTS_COUNT);
	if (!s || db_step(s) != DB_ROW) {
		if (s)
			db_reset(s);
		return ERR_DB;
	}
	bool in_step = db_col_int(s, 0) == db_col_int(s, 1);
	db_reset(s);
	if (in_step)
		return ERR_OK;
	enum err e = db_begin(db);
	if (e != ERR_OK)
		return e;
	static const enum stmt_id steps[] = { STMT_KB_FTS_CLEAR, STMT_KB_FTS_FILL };
	for (size_t i = 0; i < sizeof steps / sizeof steps[0] && e == ERR_OK; i++)
		e = db_exec(db_stmt(db, steps[i]));
	if (e == ERR_OK)
		e = db_commit(db);
	if (e != ERR_OK)
		db_rollback(db);
	*rebuilt = e == ERR_OK;
	return e;
}

void kb_stats_skip(struct kb_import_stats *st, const char *reason)
{
	st->skipped++;
	for (int i = 0; i < KB_SKIP_REASONS; i++) {
		if (!st->skip[i].reason || strcmp(st->skip[i].reason, reason) == 0) {
			st->skip[i].reason = reason;
			st->skip[i].count++;
			return;
		}
	}
}

void kb_stats_format(const struct kb_import_stats *st, char *out, size_t outlen)
{
	int n = snprintf(out, outlen, "new %llu, updated %llu, unchanged %llu, rejected %llu, skipped %llu",
			 (unsigned long long)st->new_records, (unsigned long long)st->updated,
			 (unsigned long long)st->unchanged, (unsigned long long)st->rejected,
			 (unsigned long long)st->skipped);
	for (int i = 0; i < KB_SKIP_REASONS && st->skip[i].reason && n > 0 && (size_t)n < outlen; i++)
		n += snprintf(out + n, outlen - (size_t)n, "%s%s: %llu", i ? "; " : " (", st->skip[i].reason,
			      (unsigned long long)st->skip[i].count);
	if (st->skip[0].reason && n > 0 && (size_t)n < outlen)
		n += snprintf(out + n, outlen - (size_t)n, ")");
	if (st->absent && n > 0 && (size_t)n < outlen)
		snprintf(out + n, outlen - (size_t)n, ", absent from this file %llu (kept)",
			 (unsigned long long)st->absent);
}

int64_t kb_import_begin(struct db *db, const char *feed, const char *source)
{
	char at[32];
	struct db_stmt *s = db_stmt(db, STMT_KB_IMPORT_START);
	db_bind_text(s, ":feed", feed);
	db_bind_text(s, ":source", source);
	db_bind_text(s, ":at", clock_format_iso8601(clock_now_unix(), at, sizeof at));
	int64_t id = db_step(s) == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	return id;
}

void kb_import_end(struct db *db, int64_t import_id, const char *feed, const char *source, enum err result,
		   const struct kb_import_stats *st, const char *message)
{
	char at[32], summary[768];
	clock_format_iso8601(clock_now_unix(), at, sizeof at);
	/* feed_status.detail says what was loaded ("catalogue 2025.08.25 …") before the counts */
	size_t n = 0;
	if (st->about[0])
		n = (size_t)snprintf(summary, sizeof summary, "%s; ", st->about);
	kb_stats_format(st, summary + n, sizeof summary - n);
	struct db_stmt *s = db_stmt(db, STMT_KB_IMPORT_FINISH);
	db_bind_int(s, ":import_id", import_id);
	db_bind_text(s, ":at", at);
	db_bind_text(s, ":status", result == ERR_OK ? "done" : "failed");
	db_bind_int(s, ":new", (int64_t)st->new_records);
	db_bind_int(s, ":updated", (int64_t)st->updated);
	db_bind_int(s, ":unchanged", (int64_t)st->unchanged);
	db_bind_int(s, ":rejected", (int64_t)st->rejected);
	db_bind_int(s, ":skipped", (int64_t)st->skipped);
	db_bind_text(s, ":message", result == ERR_OK ? summary : message);
	db_exec(s);
	if (result != ERR_OK)
		return;
	s = db_stmt(db, STMT_KB_FEED_STATUS_PUT);
	db_bind_text(s, ":feed", feed);
	db_bind_text(s, ":at", at);
	db_bind_int(s, ":records", (int64_t)(st->new_records + st->updated + st->unchanged));
	db_bind_text(s, ":source", source);
	db_bind_text(s, ":detail", summary);
	db_exec(s);
	db_notify(db, KB_CHANGED_CHANNEL);
}

enum err kb_import_file(struct db *db, const char *feed, const char *path, uint64_t max_out, kb_file_fn fn,
			void *ctx, struct kb_import_stats *st, char *err, size_t errlen)
{
	struct feed_input *in = NULL;
	if (errlen)
		err[0] = '\0';
	enum err e = feed_input_open_file(path, max_out, &in, err, errlen);
	if (e != ERR_OK)
		return e;
	int64_t import_id = kb_import_begin(db, feed, path);
	uint64_t t0 = clock_mono_ns();
	e = db_begin(db);
	if (e == ERR_OK) {
		e = fn(db, in, ctx, st, err, errlen);
		if (e == ERR_OK)
			e = db_commit(db);
		if (e != ERR_OK) {
			if (errlen && !*err)
				snprintf(err, errlen, "%s: %s: %s", path, err_str(e), db_errmsg(db));
			db_rollback(db);
		}
	} else {
		snprintf(err, errlen, "%s: cannot begin a transaction: %s", path, db_errmsg(db));
	}
	st->bytes_in += feed_input_bytes_in(in);
	st->bytes_json += feed_input_bytes_out(in);
	st->seconds += (double)(clock_mono_ns() - t0) / 1e9;
	feed_input_close(in);
	if (e != ERR_OK)
		memset(st, 0, sizeof *st); /* nothing of the file was kept */
	kb_import_end(db, import_id, feed, path, e, st, e == ERR_OK ? "" : err);
	return e;
}
