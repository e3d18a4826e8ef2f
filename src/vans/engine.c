/* The VANS engine of one process: the matching index and every organisation's hosts held in
 * memory behind one read-write lock (matching reads, a refresh writes), re-matching after an
 * intake or a feed change, and the serve thread that notices another instance's imports. */
#include "vans/engine_internal.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "core/log.h"
#include "store/db.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct {
	pthread_mutex_t start_mu;      /* loading the index */
	pthread_mutex_t mu;            /* the poll thread's flags */
	pthread_rwlock_t rw;           /* the index and the organisations: matching reads, changes write */
	pthread_mutex_t refresh_mu;    /* one refresh at a time */
	struct match_index *ix;
	struct eng_org **orgs;         /* by org_id */
	size_t norgs, cap;
	/* the serve thread */
	pthread_t thread;
	pthread_cond_t cond;
	bool running, stop, woken;
	int64_t poll_seconds;
} E = { .start_mu = PTHREAD_MUTEX_INITIALIZER, .mu = PTHREAD_MUTEX_INITIALIZER, .rw = PTHREAD_RWLOCK_INITIALIZER,
	.refresh_mu = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

/* ---- organisations ------------------------------------------------------------------------ */

void eng_org_free(struct eng_org *o)
{
	if (!o)
		return;
	match_hosts_free(o->hosts);
	free(o->assets);
	free(o->host_ident);
	free(o->host_first);
	free(o->host_n);
	free(o->cpe_first);
	free(o->cpe_n);
	free(o->cpe_asset);
	arena_free(&o->a);
	free(o);
}

struct org_builder {
	struct eng_org *o;
	size_t cap;
	const char **idents;       /* per asset, until grouped */
};

static struct eng_org *org_begin(struct org_builder *b, int64_t org_id)
{
	memset(b, 0, sizeof *b);
	b->o = xcalloc(1, sizeof *b->o);
	b->o->org_id = org_id;
	b->o->level = 'C';
	arena_init(&b->o->a, 1 << 14);
	return b->o;
}

static void org_add(struct org_builder *b, int64_t id, const char *identifier, const char *cpe, const char *origin,
		    int64_t updated_at)
{
	struct eng_org *o = b->o;
	/* the signature another instance's change would alter */
	o->sig_count++;
	if (updated_at > o->sig_updated)
		o->sig_updated = updated_at;
	if (id > o->sig_maxid)
		o->sig_maxid = id;
	if (o->nassets == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		o->assets = xrealloc(o->assets, b->cap * sizeof *o->assets);
		b->idents = xrealloc(b->idents, b->cap * sizeof *b->idents);
	}
	uint8_t org_origin = ENG_ORIGIN_NONE;
	if (cpe && cpe[0] && origin) {
		if (!strcmp(origin, "given"))
			org_origin = MATCH_ORIGIN_GIVEN;
		else if (!strcmp(origin, "suggested"))
			org_origin = MATCH_ORIGIN_SUGGESTED;
		else if (!strcmp(origin, "product_only"))
			org_origin = MATCH_ORIGIN_PRODUCT_ONLY;
	}
	/* identifiers repeat (one per product of a host): keep one copy per run */
	const char *ident = o->nassets && !strcmp(b->idents[o->nassets - 1], identifier ? identifier : "")
				    ? b->idents[o->nassets - 1]
				    : arena_strdup(&o->a, identifier ? identifier : "");
	b->idents[o->nassets] = ident;
	o->assets[o->nassets++] = (struct eng_asset){ .id = id, .cpe = arena_strdup(&o->a, cpe ? cpe : ""),
						      .origin = org_origin };
}

/* Groups the assets (in identifier order) into hosts and builds the inventory. */
static struct eng_org *org_end(struct org_builder *b)
{
	struct eng_org *o = b->o;
	size_t n = o->nassets, cap = n ? n : 1;
	o->host_ident = xmalloc(cap * sizeof *o->host_ident);
	o->host_first = xmalloc(cap * sizeof *o->host_first);
	o->host_n = xmalloc(cap * sizeof *o->host_n);
	o->cpe_first = xmalloc(cap * sizeof *o->cpe_first);
	o->cpe_n = xmalloc(cap * sizeof *o->cpe_n);
	o->cpe_asset = xmalloc(cap * sizeof *o->cpe_asset);
	o->hosts = match_hosts_new();
	size_t ncpe = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(b->idents[i], b->idents[i - 1])) {
			size_t k = o->nhosts++;
			o->host_ident[k] = b->idents[i];
			o->host_first[k] = (uint32_t)i;
			o->host_n[k] = 0;
			o->cpe_first[k] = (uint32_t)ncpe;
			o->cpe_n[k] = 0;
		}
		size_t k = o->nhosts - 1;
		o->host_n[k]++;
		const struct eng_asset *a = &o->assets[i];
		if (a->origin == ENG_ORIGIN_NONE || o->cpe_n[k] >= MATCH_HOST_MAX_CPES)
			continue;
		char err[256];
		if (match_hosts_add(o->hosts, (uint64_t)k, a->cpe, strlen(a->cpe), (enum match_origin)a->origin, err,
				    sizeof err) != ERR_OK)
			continue;   /* a CPE that does not parse matches nothing */
		o->cpe_asset[ncpe++] = (uint32_t)i;
		o->cpe_n[k]++;
	}
	match_hosts_commit(o->hosts);
	free(b->idents);
	b->idents = NULL;
	return o;
}

/* An inventory of some of the organisation's hosts (all when sel is NULL). */
static struct match_hosts *org_subset(const struct eng_org *o, const bool *sel)
{
	struct match_hosts *h = match_hosts_new();
	for (size_t k = 0; k < o->nhosts; k++) {
		if (sel && !sel[k])
			continue;
		for (uint32_t j = 0; j < o->cpe_n[k]; j++) {
			const struct eng_asset *a = &o->assets[o->cpe_asset[o->cpe_first[k] + j]];
			char err[256];
			match_hosts_add(h, (uint64_t)k, a->cpe, strlen(a->cpe), (enum match_origin)a->origin, err, sizeof err);
		}
	}
	match_hosts_commit(h);
	return h;
}

static enum err org_level(struct db *db, int64_t org_id, char *level)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_ORG_LEVELS);
	if (!s)
		return ERR_DB;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (db_col_int(s, 0) == org_id) {
			const char *l = db_col_text(s, 1);
			*level = l && l[0] ? l[0] : 'C';
		}
	}
	db_reset(s);
	return rc == DB_ERROR ? db_error(db) : ERR_OK;
}

/* Reads one organisation's assets in one query. */
static enum err org_load(struct db *db, int64_t org_id, struct eng_org **out)
{
	*out = NULL;
	struct org_builder b;
	struct eng_org *o = org_begin(&b, org_id);
	enum err e = org_level(db, org_id, &o->level);
	struct db_stmt *s = e == ERR_OK ? db_stmt(db, STMT_VANS_ENG_ASSETS_ORG) : NULL;
	if (!s) {
		free(b.idents);
		eng_org_free(o);
		return e == ERR_OK ? ERR_DB : e;
	}
	db_bind_int(s, ":org", org_id);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW)
		org_add(&b, db_col_int(s, 0), db_col_text(s, 1), db_col_text(s, 2), db_col_text(s, 3), db_col_int(s, 4));
	db_reset(s);
	org_end(&b);
	if (rc == DB_ERROR) {
		eng_org_free(o);
		return db_error(db);
	}
	*out = o;
	return ERR_OK;
}

static size_t org_pos(int64_t org_id, bool *found)
{
	size_t lo = 0, hi = E.norgs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (E.orgs[mid]->org_id < org_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < E.norgs && E.orgs[lo]->org_id == org_id;
	return lo;
}

/* Puts o in the table in place of the organisation's previous hosts. Write lock held. */
static void org_publish(struct eng_org *o)
{
	bool found;
	size_t at = org_pos(o->org_id, &found);
	if (found) {
		eng_org_free(E.orgs[at]);
		E.orgs[at] = o;
		return;
	}
	if (E.norgs == E.cap) {
		E.cap = E.cap ? E.cap * 2 : 16;
		E.orgs = xrealloc(E.orgs, E.cap * sizeof *E.orgs);
	}
	memmove(E.orgs + at + 1, E.orgs + at, (E.norgs - at) * sizeof *E.orgs);
	E.orgs[at] = o;
	E.norgs++;
}

static void org_drop(size_t at)
{
	eng_org_free(E.orgs[at]);
	memmove(E.orgs + at, E.orgs + at + 1, (E.norgs - at - 1) * sizeof *E.orgs);
	E.norgs--;
}

/* ---- starting -------------------------------------------------------------------------------- */

static enum err ensure_index(struct db *db, char *err, size_t errlen)
{
	pthread_mutex_lock(&E.start_mu);
	enum err e = ERR_OK;
	if (!E.ix) {
		struct match_index *ix = match_index_new();
		uint64_t t0 = clock_mono_ns();
		e = match_index_load(ix, db, err, errlen);
		if (e == ERR_OK) {
			struct match_stats st;
			match_index_stats(ix, &st);
			log_info("vans engine: index of %zu CVEs, %zu criteria loaded in %.2f s (%.0f MB)", st.cves,
				 st.criteria, (double)(clock_mono_ns() - t0) / 1e9, (double)st.bytes / 1e6);
			pthread_rwlock_wrlock(&E.rw);
			E.ix = ix;
			pthread_rwlock_unlock(&E.rw);
		} else {
			match_index_free(ix);
		}
	}
	pthread_mutex_unlock(&E.start_mu);
	return e;
}

enum err vans_engine_start(struct db *db, char *err, size_t errlen)
{
	return ensure_index(db, err, errlen);
}

static int level_of_org(int64_t org_id)
{
	bool found;
	size_t at = org_pos(org_id, &found);
	return found ? E.orgs[at]->level : 'C';
}

static char level_cb(void *ctx, int64_t org_id)
{
	(void)ctx;
	return (char)level_of_org(org_id);
}

static char level_one(void *ctx, int64_t org_id)
{
	(void)org_id;
	return ((const struct eng_org *)ctx)->level;
}

/* ---- one organisation ----------------------------------------------------------------------- */

static int str_ptr_cmp(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

enum err vans_engine_match_org(struct db *db, int64_t org_id, const char *const *identifiers, size_t n,
			       struct vans_match_summary *sum, char *err, size_t errlen)
{
	struct vans_match_summary local;
	if (!sum)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	enum err e = ensure_index(db, err, errlen);
	if (e != ERR_OK)
		return e;
	/* feeds imported since the index was loaded or refreshed (by another process, before
	 * this one's poll noticed): catch up first, so an intake never matches a stale index */
	struct db_stmt *seqs = db_stmt(db, STMT_VANS_ENG_SEQS);
	int64_t stored = 0;
	if (seqs && db_step(seqs) == DB_ROW)
		stored = db_col_int(seqs, 0);
	if (seqs)
		db_reset(seqs);
	pthread_rwlock_rdlock(&E.rw);
	bool behind = match_index_seq(E.ix) < stored;
	pthread_rwlock_unlock(&E.rw);
	if (behind) {
		struct vans_match_summary caught;
		if ((e = vans_engine_refresh(db, &caught, err, errlen)) != ERR_OK)
			return e;
	}
	struct eng_org *o;
	e = org_load(db, org_id, &o);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot read the organisation's assets: %s", db_errmsg(db));
		return e;
	}
	/* the hosts asked for (every host when none is named) */
	bool *sel = NULL;
	const char **want = NULL;
	if (n) {
		want = xmalloc(n * sizeof *want);
		memcpy(want, identifiers, n * sizeof *want);
		qsort(want, n, sizeof *want, str_ptr_cmp);
		sel = xcalloc(o->nhosts ? o->nhosts : 1, sizeof *sel);
		for (size_t k = 0; k < o->nhosts; k++)
			sel[k] = bsearch(&o->host_ident[k], want, n, sizeof *want, str_ptr_cmp) != NULL;
	}
	struct eng_reps reps = { 0 };
	int64_t *scope = xmalloc((o->nassets ? o->nassets : 1) * sizeof *scope);
	size_t nscope = 0;
	for (size_t k = 0; k < o->nhosts; k++) {
		if (sel && !sel[k])
			continue;
		sum->hosts++;
		for (uint32_t i = 0; i < o->host_n[k]; i++)
			scope[nscope++] = o->assets[o->host_first[k] + i].id;
	}
	sum->assets = nscope;
	struct match_hosts *h = sel ? org_subset(o, sel) : o->hosts;

	pthread_rwlock_rdlock(&E.rw);
	struct match_ctx *c = match_ctx_new(E.ix), *single = match_ctx_new(E.ix);
	struct eng_collect col = { .ix = E.ix, .org = o, .hosts = h, .single = single, .reps = &reps };
	e = match_hosts_all(c, h, eng_collect_host, &col);
	match_ctx_free(c);
	match_ctx_free(single);
	sum->cve_seq = match_index_seq(E.ix);
	if (e == ERR_OK) {
		struct eng_diff d = { .reps = &reps, .scope = scope, .nscope = nscope, .now = clock_now_unix(),
				      .org_id = org_id,
				      .level_of = level_one, .level_ctx = o };
		e = eng_write_diff(db, &d, sum, err, errlen);
	} else {
		snprintf(err, errlen, "matching failed: %s", err_str(e));
	}
	pthread_rwlock_unlock(&E.rw);

	if (h != o->hosts)
		match_hosts_free(h);
	free(reps.v);
	free(scope);
	free(sel);
	free(want);
	if (e != ERR_OK) {
		eng_org_free(o);
		return e;
	}
	/* the organisation's hosts as they are now, for the next refresh */
	pthread_rwlock_wrlock(&E.rw);
	org_publish(o);
	pthread_rwlock_unlock(&E.rw);
	return ERR_OK;
}

/* ---- refresh ------------------------------------------------------------------------------------ */

struct sig {
	int64_t org, count, updated, maxid;
};

/* Brings the table of organisations up to date with the stored assets: organisations never
 * loaded or changed by another instance are read again (one query for all of them when
 * there are many, else one per organisation). *any gets whether any asset exists. */
static enum err sync_orgs(struct db *db, bool *any)
{
	struct sig *sigs = NULL;
	size_t nsig = 0, cap = 0;
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_ASSET_SIGS);
	if (!s)
		return ERR_DB;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (nsig == cap) {
			cap = cap ? cap * 2 : 16;
			sigs = xrealloc(sigs, cap * sizeof *sigs);
		}
		sigs[nsig++] = (struct sig){ db_col_int(s, 0), db_col_int(s, 1), db_col_int(s, 2), db_col_int(s, 3) };
	}
	db_reset(s);
	if (rc == DB_ERROR) {
		free(sigs);
		return db_error(db);
	}
	*any = nsig > 0;
	/* which are stale (the table changes only under this thread's refresh lock or an
	 * intake's publish, which replaces whole organisations: reading it needs the lock) */
	bool *stale = xcalloc(nsig ? nsig : 1, sizeof *stale);
	size_t nstale = 0;
	pthread_rwlock_rdlock(&E.rw);
	for (size_t i = 0; i < nsig; i++) {
		bool found;
		size_t at = org_pos(sigs[i].org, &found);
		const struct eng_org *o = found ? E.orgs[at] : NULL;
		stale[i] = !o || o->sig_count != sigs[i].count || o->sig_updated != sigs[i].updated ||
			   o->sig_maxid != sigs[i].maxid;
		nstale += stale[i];
	}
	pthread_rwlock_unlock(&E.rw);

	enum err e = ERR_OK;
	struct eng_org **fresh = xcalloc(nstale ? nstale : 1, sizeof *fresh);
	size_t nfresh = 0;
	if (nstale > 8) {
		/* one scan of every asset */
		s = db_stmt(db, STMT_VANS_ENG_ASSETS_ALL);
		struct org_builder b = { 0 };
		int64_t cur = -1;
		size_t si = 0;
		bool keep = false;
		if (!s)
			e = ERR_DB;
		while (e == ERR_OK && (rc = db_step(s)) == DB_ROW) {
			int64_t org = db_col_int(s, 0);
			if (org != cur) {
				if (b.o && keep)
					fresh[nfresh++] = org_end(&b);
				else if (b.o) {
					org_end(&b);
					eng_org_free(b.o);
				}
				b.o = NULL;
				cur = org;
				while (si < nsig && sigs[si].org < org)
					si++;
				keep = si < nsig && sigs[si].org == org && stale[si] && nfresh < nstale;
				org_begin(&b, org);
			}
			if (keep)
				org_add(&b, db_col_int(s, 1), db_col_text(s, 2), db_col_text(s, 3), db_col_text(s, 4),
					db_col_int(s, 5));
		}
		if (s) {
			if (rc == DB_ERROR)
				e = db_error(db);
			db_reset(s);
		}
		if (b.o && keep && e == ERR_OK)
			fresh[nfresh++] = org_end(&b);
		else if (b.o) {
			org_end(&b);
			eng_org_free(b.o);
		}
		for (size_t i = 0; i < nfresh && e == ERR_OK; i++)
			e = org_level(db, fresh[i]->org_id, &fresh[i]->level);
	} else {
		for (size_t i = 0; i < nsig && e == ERR_OK; i++)
			if (stale[i])
				e = org_load(db, sigs[i].org, &fresh[nfresh++]);
		if (nfresh && !fresh[nfresh - 1])
			nfresh--;
	}
	pthread_rwlock_wrlock(&E.rw);
	if (e == ERR_OK) {
		for (size_t i = 0; i < nfresh; i++)
			org_publish(fresh[i]);
		/* organisations left without assets */
		for (size_t at = 0; at < E.norgs;) {
			bool has = false;
			for (size_t j = 0; j < nsig && !has; j++)
				has = sigs[j].org == E.orgs[at]->org_id;
			if (has)
				at++;
			else
				org_drop(at);
		}
	} else {
		for (size_t i = 0; i < nfresh; i++)
			eng_org_free(fresh[i]);
	}
	pthread_rwlock_unlock(&E.rw);
	free(fresh);
	free(stale);
	free(sigs);
	return e;
}

enum err vans_engine_refresh(struct db *db, struct vans_match_summary *sum, char *err, size_t errlen)
{
	struct vans_match_summary local;
	if (!sum)
		sum = &local;
	memset(sum, 0, sizeof *sum);
	pthread_mutex_lock(&E.refresh_mu);
	int64_t now = clock_now_unix();
	bool any = false;
	enum err e = sync_orgs(db, &any);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot read the assets: %s", db_errmsg(db));
		goto out;
	}
	if (!any) {
		/* no assets, no findings to keep current: only remember how far the feeds are */
		struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_SEQS);
		int64_t cve_seq = 0, kev_seq = 0;
		if (s && db_step(s) == DB_ROW) {
			cve_seq = db_col_int(s, 0);
			kev_seq = db_col_int(s, 1);
		}
		if (s)
			db_reset(s);
		e = eng_state_raise(db, "matched_cve_seq", cve_seq);
		if (e == ERR_OK)
			e = eng_state_raise(db, "matched_kev_seq", kev_seq);
		if (e != ERR_OK)
			snprintf(err, errlen, "cannot record the change sequences: %s", db_errmsg(db));
		/* an index this process holds follows the feeds all the same, so that the next
		 * intake matches against what is stored now */
		pthread_rwlock_rdlock(&E.rw);
		bool held = E.ix != NULL && match_index_seq(E.ix) < cve_seq;
		pthread_rwlock_unlock(&E.rw);
		if (e == ERR_OK && held) {
			struct match_changes none = { 0 };
			pthread_rwlock_wrlock(&E.rw);
			e = match_index_refresh(E.ix, db, &none, err, errlen);
			pthread_rwlock_unlock(&E.rw);
			match_changes_free(&none);
		}
		sum->cve_seq = cve_seq;
		sum->no_assets = true;
		goto out;
	}
	sum->refresh = true;
	/* the index follows the database; findings are current up to matched_cve_seq, which
	 * may be behind the index (a process that loaded the index after an import) */
	int64_t matched, top = 0;
	e = eng_state_get(db, "matched_cve_seq", &matched);
	struct db_stmt *s = e == ERR_OK ? db_stmt(db, STMT_VANS_ENG_SEQS) : NULL;
	if (s) {
		if (db_step(s) == DB_ROW)
			top = db_col_int(s, 0);
		db_reset(s);
	}
	if (e != ERR_OK || !s) {
		e = e == ERR_OK ? ERR_DB : e;
		snprintf(err, errlen, "cannot read the matching state: %s", db_errmsg(db));
		goto out;
	}
	struct match_changes ch = { 0 };
	pthread_rwlock_rdlock(&E.rw);
	bool loaded = E.ix != NULL;
	pthread_rwlock_unlock(&E.rw);
	if (matched >= top && !loaded) {
		/* nothing changed for this process to catch up with: KEV only */
		sum->cve_seq = matched;
		goto kev;
	}
	e = ensure_index(db, err, errlen);
	if (e != ERR_OK)
		goto out;
	pthread_rwlock_wrlock(&E.rw);
	if (matched < match_index_seq(E.ix))
		match_index_rewind(E.ix, matched);
	e = match_index_refresh(E.ix, db, &ch, err, errlen);
	pthread_rwlock_unlock(&E.rw);
	if (e != ERR_OK)
		goto out;
	sum->cve_seq = ch.to_seq;
	sum->cves_changed = ch.n;
	if (ch.to_seq > ch.from_seq) {
		struct eng_reps reps = { 0 };
		pthread_rwlock_rdlock(&E.rw);
		size_t nscope = 0;
		for (size_t i = 0; i < E.norgs; i++)
			nscope += E.orgs[i]->nassets;
		int64_t *scope = xmalloc((nscope ? nscope : 1) * sizeof *scope);
		nscope = 0;
		struct match_ctx *c = match_ctx_new(E.ix), *single = match_ctx_new(E.ix);
		match_ctx_only(single, &ch);
		for (size_t i = 0; i < E.norgs && e == ERR_OK; i++) {
			const struct eng_org *o = E.orgs[i];
			for (size_t k = 0; k < o->nassets; k++)
				scope[nscope++] = o->assets[k].id;
			sum->hosts += o->nhosts;
			sum->assets += o->nassets;
			struct eng_collect col = { .ix = E.ix, .org = o, .hosts = o->hosts, .single = single, .reps = &reps };
			size_t checked = 0;
			e = match_hosts_changed(c, o->hosts, &ch, eng_collect_host, &col, &checked);
			sum->hosts_checked += checked;
		}
		match_ctx_free(c);
		match_ctx_free(single);
		if (e == ERR_OK) {
			struct eng_diff d = { .reps = &reps, .scope = scope, .nscope = nscope, .now = now,
					      .from_seq = ch.from_seq, .to_seq = ch.to_seq, .level_of = level_cb };
			e = eng_write_diff(db, &d, sum, err, errlen);
		} else {
			snprintf(err, errlen, "matching failed: %s", err_str(e));
		}
		pthread_rwlock_unlock(&E.rw);
		free(scope);
		free(reps.v);
	}
	if (e == ERR_OK && eng_state_raise(db, "matched_cve_seq", ch.to_seq) != ERR_OK) {
		e = ERR_DB;
		snprintf(err, errlen, "cannot record the change sequence: %s", db_errmsg(db));
	}
	match_changes_free(&ch);
kev:
	if (e == ERR_OK)
		e = eng_apply_kev(db, now, &sum->kev_findings, err, errlen);
out:
	pthread_mutex_unlock(&E.refresh_mu);
	return e;
}

void vans_match_summary_format(const struct vans_match_summary *s, char *out, size_t outlen)
{
	if (s->no_assets) {
		snprintf(out, outlen, "no assets to match");
		return;
	}
	int w = s->refresh && !s->cves_changed
			? snprintf(out, outlen, "no CVE changed")
		: s->refresh ? snprintf(out, outlen, "%zu changed CVEs, %zu of %zu hosts checked", s->cves_changed,
					s->hosts_checked, s->hosts)
			     : snprintf(out, outlen, "%zu hosts, %zu assets", s->hosts, s->assets);
	if (w < 0 || (size_t)w >= outlen)
		return;
	size_t at = (size_t)w;
	if (at < outlen)
		at += (size_t)snprintf(out + at, outlen - at,
				       "; findings: %zu active, %zu new, %zu reactivated, %zu inactive", s->findings_active,
				       s->findings_new, s->findings_reactivated, s->findings_inactive);
	if (at < outlen && s->kev_findings)
		snprintf(out + at, outlen - at, ", %zu newly in KEV", s->kev_findings);
}

/* ---- the serve thread ---------------------------------------------------------------------------- */

static void *poll_main(void *arg)
{
	(void)arg;
	struct db *db = db_thread();
	char err[1024];
	if (!db) {
		log_error("vans engine: no database connection; findings will not follow feed changes");
		return NULL;
	}
	if (vans_engine_start(db, err, sizeof err) != ERR_OK)
		log_error("vans engine: %s", err);
	int64_t seen_cve = -1, seen_kev = -1;
	pthread_mutex_lock(&E.mu);
	while (!E.stop) {
		pthread_mutex_unlock(&E.mu);
		int64_t cve_seq = -1, kev_seq = -1;
		struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_SEQS);
		if (s && db_step(s) == DB_ROW) {
			cve_seq = db_col_int(s, 0);
			kev_seq = db_col_int(s, 1);
		}
		if (s)
			db_reset(s);
		if (cve_seq >= 0 && (cve_seq != seen_cve || kev_seq != seen_kev)) {
			struct vans_match_summary sum;
			uint64_t t0 = clock_mono_ns();
			if (vans_engine_refresh(db, &sum, err, sizeof err) == ERR_OK) {
				seen_cve = cve_seq;
				seen_kev = kev_seq;
				char text[512];
				vans_match_summary_format(&sum, text, sizeof text);
				if (sum.cves_changed || sum.kev_findings || seen_cve < 0)
					log_info("vans engine: refresh to change %lld in %.2f s: %s", (long long)sum.cve_seq,
						 (double)(clock_mono_ns() - t0) / 1e9, text);
			} else {
				log_error("vans engine: refresh failed: %s", err);
			}
		}
		pthread_mutex_lock(&E.mu);
		if (!E.stop && !E.woken) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += E.poll_seconds;
			while (!E.stop && !E.woken)
				if (pthread_cond_timedwait(&E.cond, &E.mu, &until) == ETIMEDOUT)
					break;
		}
		E.woken = false;
	}
	pthread_mutex_unlock(&E.mu);
	db_thread_release();
	return NULL;
}

enum err vans_engine_run(int64_t poll_seconds)
{
	pthread_mutex_lock(&E.mu);
	if (E.running) {
		pthread_mutex_unlock(&E.mu);
		return ERR_OK;
	}
	E.poll_seconds = poll_seconds > 0 ? poll_seconds : 30;
	E.stop = E.woken = false;
	int rc = pthread_create(&E.thread, NULL, poll_main, NULL);
	E.running = rc == 0;
	pthread_mutex_unlock(&E.mu);
	return rc == 0 ? ERR_OK : ERR_INTERNAL;
}

void vans_engine_wake(void)
{
	pthread_mutex_lock(&E.mu);
	E.woken = true;
	pthread_cond_signal(&E.cond);
	pthread_mutex_unlock(&E.mu);
}

void vans_engine_stop(void)
{
	pthread_mutex_lock(&E.mu);
	bool running = E.running;
	E.stop = true;
	pthread_cond_signal(&E.cond);
	pthread_mutex_unlock(&E.mu);
	if (running)
		pthread_join(E.thread, NULL);
	pthread_mutex_lock(&E.refresh_mu);
	pthread_rwlock_wrlock(&E.rw);
	for (size_t i = 0; i < E.norgs; i++)
		eng_org_free(E.orgs[i]);
	free(E.orgs);
	E.orgs = NULL;
	E.norgs = E.cap = 0;
	match_index_free(E.ix);
	E.ix = NULL;
	pthread_rwlock_unlock(&E.rw);
	pthread_mutex_unlock(&E.refresh_mu);
	pthread_mutex_lock(&E.mu);
	E.running = E.stop = false;
	pthread_mutex_unlock(&E.mu);
}
