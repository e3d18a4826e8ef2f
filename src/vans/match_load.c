/* Loading the matching index from the stored configurations (one ordered scan of cve_match)
 * and refreshing it after an import: only the CVEs stamped with a change sequence above the
 * one the index has seen are read again and replaced. */
#include "vans/match_internal.h"
#include "core/alloc.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col_text_or_null(struct db_stmt *s, int col)
{
	return db_col_null(s, col) ? NULL : db_col_text(s, col);
}

enum err match_rows_scan(struct db *db, int64_t since, match_row_fn fn, void *ctx)
{
	struct db_stmt *s = db_stmt(db, since > 0 ? STMT_VANS_MATCH_ROWS_SINCE : STMT_VANS_MATCH_ROWS_ALL);
	if (!s)
		return ERR_DB;
	if (since > 0)
		db_bind_int(s, ":since", since);
	enum db_step_rc rc;
	int stop = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *config_op = db_col_text(s, 4), *node_op = db_col_text(s, 7);
		struct match_row r = {
			.cve_id = db_col_text(s, 0),
			.rejected = db_col_int(s, 1) != 0,
			.seq = db_col_int(s, 2),
			.config = db_col_int(s, 3),
			.config_and = config_op && strcmp(config_op, "AND") == 0,
			.config_negate = db_col_int(s, 5) != 0,
			.node = db_col_int(s, 6),
			.node_and = node_op && strcmp(node_op, "AND") == 0,
			.node_negate = db_col_int(s, 8) != 0,
			.vulnerable = db_col_int(s, 9) != 0,
			.criteria = db_col_text(s, 10),
			.start_incl = col_text_or_null(s, 11),
			.start_excl = col_text_or_null(s, 12),
			.end_incl = col_text_or_null(s, 13),
			.end_excl = col_text_or_null(s, 14),
		};
		if (!r.cve_id || !r.criteria)
			continue;
		if ((stop = fn(ctx, &r)) != 0)
			break;
	}
	enum err e = rc == DB_ERROR ? db_error(db) : ERR_OK;
	db_reset(s);
	if (stop)
		return stop > 0 && stop < ERR__MAX ? (enum err)stop : ERR_INTERNAL;
	return e;
}

/* Rows of one CVE are collected (copied: a row's text lives until the next step), then put
 * whole. */
struct loader {
	struct match_index *ix;
	struct arena a;
	struct match_row *rows;
	size_t n, cap;
	char *cur;                 /* the CVE being collected, in a */
	bool rejected;
	struct strmap *changed;    /* refresh: the changed CVEs, and which had rows */
	uint8_t *seen;
	size_t seen_cap;
	struct match_changes *ch;  /* refresh: every CVE put */
	size_t ch_cap;
};

static void add_change(struct match_changes *ch, size_t *cap, uint32_t cve)
{
	if (ch->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		ch->cves = xrealloc(ch->cves, *cap * sizeof *ch->cves);
	}
	ch->cves[ch->n++] = cve;
}

static const char *dup_or_null(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static void flush(struct loader *l)
{
	if (!l->cur)
		return;
	match_index_put_cve(l->ix, l->cur, l->rejected, l->rows, l->n);
	if (l->changed) {
		size_t len = strlen(l->cur);
		uint32_t k = strmap_find(l->changed, l->cur, len, match_hash(l->cur, len));
		if (k != M_NONE && k < l->seen_cap)
			l->seen[k] = 1;
		add_change(l->ch, &l->ch_cap, strmap_find(&l->ix->cve_ids, l->cur, len, match_hash(l->cur, len)));
	}
	arena_reset(&l->a);
	l->cur = NULL;
	l->n = 0;
}

static int on_row(void *ctx, const struct match_row *r)
{
	struct loader *l = ctx;
	if (l->cur && strcmp(l->cur, r->cve_id) != 0)
		flush(l);
	if (!l->cur) {
		l->cur = arena_strdup(&l->a, r->cve_id);
		l->rejected = r->rejected;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->rows = xrealloc(l->rows, l->cap * sizeof *l->rows);
	}
	struct match_row *c = &l->rows[l->n++];
	*c = *r;
	c->cve_id = l->cur;
	c->criteria = arena_strdup(&l->a, r->criteria);
	c->start_incl = dup_or_null(&l->a, r->start_incl);
	c->start_excl = dup_or_null(&l->a, r->start_excl);
	c->end_incl = dup_or_null(&l->a, r->end_incl);
	c->end_excl = dup_or_null(&l->a, r->end_excl);
	return 0;
}

static enum err read_seq(struct db *db, int64_t *seq)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_MATCH_SEQ);
	if (!s)
		return ERR_DB;
	enum db_step_rc rc = db_step(s);
	*seq = rc == DB_ROW ? db_col_int(s, 0) : 0;
	enum err e = rc == DB_ERROR ? db_error(db) : ERR_OK;
	db_reset(s);
	return e;
}

enum err match_index_load(struct match_index *ix, struct db *db, char *err, size_t errlen)
{
	int64_t seq;
	/* the sequence first: what an import commits during the scan is read again by the
	 * next refresh, which replaces it with itself */
	enum err e = read_seq(db, &seq);
	struct loader l = { .ix = ix };
	arena_init(&l.a, 1 << 16);
	if (e == ERR_OK)
		e = match_rows_scan(db, 0, on_row, &l);
	if (e == ERR_OK)
		flush(&l);
	arena_free(&l.a);
	free(l.rows);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot read the stored configurations: %s", db_errmsg(db));
		return e;
	}
	match_index_commit(ix);
	ix->seq = seq;
	return ERR_OK;
}

void match_changes_free(struct match_changes *ch)
{
	if (!ch)
		return;
	free(ch->cves);
	memset(ch, 0, sizeof *ch);
}

enum err match_index_refresh(struct match_index *ix, struct db *db, struct match_changes *ch, char *err,
			     size_t errlen)
{
	struct match_changes local = { 0 };
	if (!ch)
		ch = &local;
	memset(ch, 0, sizeof *ch);
	ch->from_seq = ch->to_seq = ix->seq;
	int64_t to;
	enum err e = read_seq(db, &to);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot read the change sequence: %s", db_errmsg(db));
		return e;
	}
	if (to <= ix->seq)
		return ERR_OK;

	/* the changed CVEs, with or without rows: a CVE rejected since has none */
	struct arena a;
	arena_init(&a, 1 << 16);
	struct strmap changed;
	strmap_init(&changed, &a);
	struct buf_rej { uint8_t *v; size_t cap; } rej = { 0 };
	struct db_stmt *s = db_stmt(db, STMT_VANS_MATCH_CHANGED);
	if (!s)
		e = ERR_DB;
	else {
		db_bind_int(s, ":since", ix->seq);
		enum db_step_rc rc;
		while ((rc = db_step(s)) == DB_ROW) {
			const char *id = db_col_text(s, 0);
			if (!id)
				continue;
			uint32_t k = strmap_put(&changed, id, strlen(id), NULL);
			if (k >= rej.cap) {
				size_t old = rej.cap;
				rej.cap = rej.cap ? rej.cap * 2 : 256;
				while (rej.cap <= k)
					rej.cap *= 2;
				rej.v = xrealloc(rej.v, rej.cap);
				memset(rej.v + old, 0, rej.cap - old);
			}
			rej.v[k] = db_col_int(s, 1) != 0;
		}
		if (rc == DB_ERROR)
			e = db_error(db);
		db_reset(s);
	}

	struct loader l = { .ix = ix, .changed = &changed, .ch = ch };
	arena_init(&l.a, 1 << 16);
	l.seen_cap = changed.n;
	l.seen = xcalloc(l.seen_cap ? l.seen_cap : 1, 1);
	if (e == ERR_OK) {
		/* CVEs the rows name; a CVE the list missed (changed meanwhile) counts too */
		e = match_rows_scan(db, ix->seq, on_row, &l);
		if (e == ERR_OK)
			flush(&l);
	}
	if (e == ERR_OK) {
		/* the changed CVEs without rows lost their configurations (or were rejected) */
		for (uint32_t k = 0; k < changed.n; k++) {
			const struct strent *c = &changed.ents[k];
			if (l.seen[k])
				continue;
			uint32_t id = strmap_find(&ix->cve_ids, c->p, c->len, match_hash(c->p, c->len));
			if (id == M_NONE)
				continue; /* never had configurations: nothing to remove */
			match_index_put_cve(ix, c->p, rej.v[k], NULL, 0);
			add_change(ch, &l.ch_cap, id);
		}
	}
	free(l.seen);
	free(l.rows);
	arena_free(&l.a);
	strmap_free(&changed);
	free(rej.v);
	arena_free(&a);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot read the changed configurations: %s", db_errmsg(db));
		match_changes_free(ch);
		match_index_commit(ix);
		return e;
	}
	match_index_commit(ix);
	ch->to_seq = ix->seq = to;
	if (ch == &local)
		match_changes_free(&local);
	return ERR_OK;
}
