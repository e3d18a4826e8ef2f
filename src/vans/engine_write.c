/* The VANS engine's writer: compares the findings a matching run reported with the stored
 * ones and writes the difference in one transaction (new, reactivated, inactive, events,
 * due dates, triage rules, pending notices), and applies new KEV entries to active findings. */
#include "vans/engine_internal.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/val.h"
#include "kb/cpe.h"
#include "store/db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void eng_reps_push(struct eng_reps *r, const struct eng_rep *e)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 256;
		r->v = xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = *e;
}

/* ---- collecting a host's findings ------------------------------------------------------ */

static void push_rep(struct eng_collect *c, size_t k, uint16_t cpe, const struct match_finding *f)
{
	const struct eng_org *o = c->org;
	if (cpe >= o->cpe_n[k])
		return;
	const struct eng_asset *a = &o->assets[o->cpe_asset[o->cpe_first[k] + cpe]];
	struct match_criterion cr;
	match_criterion_get(c->ix, f->criterion, &cr);
	struct eng_rep r = { .org_id = o->org_id, .asset_id = a->id, .cve = match_cve_id(c->ix, f->cve),
			     .criterion = cr.criteria ? cr.criteria : "", .matched_cpe = a->cpe,
			     .confidence = f->confidence };
	eng_reps_push(c->reps, &r);
}

static int find_cve(const struct match_finding *f, size_t n, uint32_t cve)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].cve == cve)
			return (int)i;
	return -1;
}

int eng_collect_host(void *ctx, size_t host, const struct match_finding *f, size_t n)
{
	struct eng_collect *c = ctx;
	const struct eng_org *o = c->org;
	size_t k = (size_t)match_hosts_id(c->hosts, host);
	if (k >= o->nhosts)
		return 0;
	c->hosts_matched++;
	for (size_t i = 0; i < n; i++)
		push_rep(c, k, f[i].cpe, &f[i]);
	if (o->cpe_n[k] < 2 || !c->single)
		return 0;
	/* several products on one host: each asset whose own CPE matches one of the host's
	 * CVEs has the finding too (the host-level answer names only one of them) */
	struct cpe *parsed = xmalloc(sizeof *parsed);
	for (uint16_t j = 0; j < o->cpe_n[k]; j++) {
		const char *s = match_hosts_cpe(c->hosts, host, j);
		char err[128];
		if (cpe_parse(s, strlen(s), parsed, err, sizeof err) < 0)
			continue;
		struct match_cpe mc = { .cpe = parsed,
					.origin = (enum match_origin)o->assets[o->cpe_asset[o->cpe_first[k] + j]].origin };
		const struct match_finding *g;
		size_t m = match_host(c->single, &mc, 1, &g);
		for (size_t i = 0; i < m; i++) {
			int at = find_cve(f, n, g[i].cve);
			if (at < 0 || f[at].cpe == j)
				continue;   /* not the host's CVE (a negated configuration), or already charged */
			push_rep(c, k, j, &g[i]);
		}
	}
	free(parsed);
	return 0;
}

/* ---- the stored side ------------------------------------------------------------------- */

struct stored {
	int64_t id, org_id, asset_id;
	const char *cve, *matched_cpe, *criterion;
	int confidence;
	bool active;
};

struct cinfo {
	const char *cve;
	char severity[16];
	bool rejected, kev;
	int64_t kev_due;           /* -1 when none */
};

struct policy {
	char level;
	char severity[16];
	int64_t days;
};

struct rule {
	int64_t id, org_id;
	const char *cve, *vendor, *product, *status, *vex, *note;
	int64_t until;
	bool has_until;
};

struct writer {
	struct db *db;
	struct arena a;
	struct eng_diff *d;
	struct stored *st;
	size_t nst, stcap;
	struct cinfo *ci;
	size_t nci;
	struct policy pol[64];
	size_t npol;
	struct rule *rules;
	size_t nrules, rcap;
	struct vans_match_summary *sum;
	bool one_by_one;           /* SQLite: rows one prepared statement at a time, not JSON batches */
};

static int rep_cmp(const void *pa, const void *pb)
{
	const struct eng_rep *a = pa, *b = pb;
	if (a->asset_id != b->asset_id)
		return a->asset_id < b->asset_id ? -1 : 1;
	int c = strcmp(a->cve, b->cve);
	if (c)
		return c;
	return (int)b->confidence - (int)a->confidence;   /* the best first, for deduplication */
}

static int stored_cmp(const void *pa, const void *pb)
{
	const struct stored *a = pa, *b = pb;
	if (a->asset_id != b->asset_id)
		return a->asset_id < b->asset_id ? -1 : 1;
	return strcmp(a->cve, b->cve);
}

static int i64_cmp(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
	return a < b ? -1 : a > b;
}

static int str_cmp(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int ci_cmp(const void *pa, const void *pb)
{
	return strcmp(((const struct cinfo *)pa)->cve, ((const struct cinfo *)pb)->cve);
}

static int rule_cmp(const void *pa, const void *pb)
{
	const struct rule *a = pa, *b = pb;
	if (a->org_id != b->org_id)
		return a->org_id < b->org_id ? -1 : 1;
	int c = strcmp(a->cve, b->cve);
	if (!c)
		c = strcmp(a->vendor, b->vendor);
	if (!c)
		c = strcmp(a->product, b->product);
	return c;
}

static const char *col_dup(struct arena *a, struct db_stmt *s, int col)
{
	const char *t = db_col_text(s, col);
	return arena_strdup(a, t ? t : "");
}

static char *lower_dup(struct arena *a, const char *s)
{
	char *d = arena_strdup(a, s ? s : "");
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

#define BATCH 500   /* rows per statement */

static enum err read_stored(struct writer *w, struct db_stmt *s);

/* An intake's scope, when it is a few hosts: their assets' findings, BATCH assets a query. */
static enum err load_stored_of_scope(struct writer *w)
{
	struct buf ids;
	buf_init(&ids, 0);
	enum err e = ERR_OK;
	for (size_t at = 0; at < w->d->nscope && e == ERR_OK; at += BATCH) {
		buf_reset(&ids);
		buf_putc(&ids, '[');
		for (size_t i = at; i < w->d->nscope && i < at + BATCH; i++)
			buf_printf(&ids, "%s%lld", i > at ? "," : "", (long long)w->d->scope[i]);
		buf_putc(&ids, ']');
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_FINDINGS_ASSETS);
		if (!s) {
			e = ERR_DB;
			break;
		}
		db_bind_textn(s, ":assets", ids.data, ids.len);
		e = read_stored(w, s);
	}
	buf_free(&ids);
	return e;
}

/* below this many assets in scope, an organisation's run reads only their findings */
#define SCOPED_LOAD_MAX 4000

static enum err load_stored(struct writer *w)
{
	struct db_stmt *s;
	if (w->d->org_id > 0 && w->d->nscope <= SCOPED_LOAD_MAX)
		return load_stored_of_scope(w);
	if (w->d->org_id > 0) {
		s = db_stmt(w->db, STMT_VANS_ENG_FINDINGS_ORG);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":org", w->d->org_id);
	} else {
		s = db_stmt(w->db, STMT_VANS_ENG_FINDINGS_CHANGED);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":from", w->d->from_seq);
		db_bind_int(s, ":to", w->d->to_seq);
	}
	return read_stored(w, s);
}

static enum err read_stored(struct writer *w, struct db_stmt *s)
{
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (w->nst == w->stcap) {
			w->stcap = w->stcap ? w->stcap * 2 : 256;
			w->st = xrealloc(w->st, w->stcap * sizeof *w->st);
		}
		w->st[w->nst++] = (struct stored){ .id = db_col_int(s, 0), .org_id = db_col_int(s, 1),
						   .asset_id = db_col_int(s, 2), .cve = col_dup(&w->a, s, 3),
						   .active = db_col_int(s, 4) != 0, .confidence = (int)db_col_int(s, 5),
						   .matched_cpe = col_dup(&w->a, s, 6),
						   .criterion = col_dup(&w->a, s, 7) };
	}
	enum err e = rc == DB_ERROR ? db_error(w->db) : ERR_OK;
	db_reset(s);
	return e;
}

static enum err load_policy(struct writer *w)
{
	struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_DUE_POLICY);
	if (!s)
		return ERR_DB;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (w->npol == sizeof w->pol / sizeof w->pol[0])
			continue;
		struct policy *p = &w->pol[w->npol++];
		const char *lv = db_col_text(s, 0), *sev = db_col_text(s, 1);
		p->level = lv ? lv[0] : 0;
		snprintf(p->severity, sizeof p->severity, "%s", sev ? sev : "");
		p->days = db_col_int(s, 2);
	}
	enum err e = rc == DB_ERROR ? db_error(w->db) : ERR_OK;
	db_reset(s);
	return e;
}

static enum err load_rules(struct writer *w)
{
	struct db_stmt *s = db_stmt(w->db, w->d->org_id > 0 ? STMT_VANS_ENG_TRIAGE_ORG : STMT_VANS_ENG_TRIAGE_ALL);
	if (!s)
		return ERR_DB;
	if (w->d->org_id > 0)
		db_bind_int(s, ":org", w->d->org_id);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (w->nrules == w->rcap) {
			w->rcap = w->rcap ? w->rcap * 2 : 16;
			w->rules = xrealloc(w->rules, w->rcap * sizeof *w->rules);
		}
		w->rules[w->nrules++] = (struct rule){ .org_id = db_col_int(s, 0), .cve = col_dup(&w->a, s, 1),
						       .vendor = lower_dup(&w->a, db_col_text(s, 2)),
						       .product = lower_dup(&w->a, db_col_text(s, 3)),
						       .status = col_dup(&w->a, s, 4), .has_until = !db_col_null(s, 5),
						       .until = db_col_int(s, 5), .vex = col_dup(&w->a, s, 6),
						       .note = col_dup(&w->a, s, 7), .id = db_col_int(s, 8) };
	}
	enum err e = rc == DB_ERROR ? db_error(w->db) : ERR_OK;
	db_reset(s);
	if (w->nrules > 1)
		qsort(w->rules, w->nrules, sizeof *w->rules, rule_cmp);
	return e;
}

/* The CVEs the new and reactivated findings name, 500 to a query. */
static enum err load_cve_info(struct writer *w, const char **cves, size_t n)
{
	if (n > 1)
		qsort(cves, n, sizeof *cves, str_cmp);
	w->ci = xcalloc(n ? n : 1, sizeof *w->ci);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(cves[i], cves[i - 1]))
			cves[u++] = cves[i];
	/* not found: rejected, never a finding */
	for (size_t i = 0; i < u; i++)
		w->ci[i] = (struct cinfo){ .cve = cves[i], .rejected = true, .kev_due = -1 };
	w->nci = u;
	struct buf ids;
	buf_init(&ids, 0);
	enum err e = ERR_OK;
	for (size_t at = 0; at < u && e == ERR_OK; at += 500) {
		buf_reset(&ids);
		buf_putc(&ids, '[');
		for (size_t i = at; i < u && i < at + 500; i++) {
			if (i > at)
				buf_putc(&ids, ',');
			json_write_string(&ids, cves[i], strlen(cves[i]));
		}
		buf_putc(&ids, ']');
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_CVE_INFO);
		if (!s) {
			e = ERR_DB;
			break;
		}
		db_bind_textn(s, ":ids", ids.data, ids.len);
		enum db_step_rc rc;
		while ((rc = db_step(s)) == DB_ROW) {
			const char *id = db_col_text(s, 0);
			struct cinfo key = { .cve = id ? id : "" };
			struct cinfo *c = bsearch(&key, w->ci, w->nci, sizeof *w->ci, ci_cmp);
			if (!c)
				continue;
			const char *sev = db_col_text(s, 1), *due = db_col_text(s, 3);
			snprintf(c->severity, sizeof c->severity, "%s", sev ? sev : "");
			c->rejected = db_col_int(s, 2) != 0;
			c->kev = db_col_int(s, 4) != 0;
			if (due)
				c->kev_due = eng_date_unix(due);
		}
		if (rc == DB_ERROR)
			e = db_error(w->db);
		db_reset(s);
	}
	buf_free(&ids);
	return e;
}

static const struct cinfo *cve_info(const struct writer *w, const char *cve)
{
	struct cinfo key = { .cve = cve };
	return bsearch(&key, w->ci, w->nci, sizeof *w->ci, ci_cmp);
}

static const struct rule *rule_for(const struct writer *w, int64_t org, const char *cve, const char *cpe)
{
	if (!w->nrules || !cpe[0])
		return NULL;
	struct cpe *c = xmalloc(sizeof *c);
	char err[64];
	const struct rule *r = NULL;
	if (cpe_parse(cpe, strlen(cpe), c, err, sizeof err) == 0) {
		char vendor[256], product[256];
		const char *v = cpe_text(c, CPE_ATTR_VENDOR, NULL), *p = cpe_text(c, CPE_ATTR_PRODUCT, NULL);
		snprintf(vendor, sizeof vendor, "%s", v ? v : "");
		snprintf(product, sizeof product, "%s", p ? p : "");
		for (char *q = vendor; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		for (char *q = product; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		struct rule key = { .org_id = org, .cve = cve, .vendor = vendor, .product = product };
		r = bsearch(&key, w->rules, w->nrules, sizeof *w->rules, rule_cmp);
	}
	free(c);
	return r;
}

static int64_t due_for(const struct writer *w, const struct cinfo *c, char level)
{
	if (c->kev && c->kev_due >= 0)
		return c->kev_due;
	for (size_t i = 0; i < w->npol; i++)
		if (w->pol[i].level == level && !strcasecmp(w->pol[i].severity, c->severity))
			return w->d->now + w->pol[i].days * 86400;
	return -1;
}

static bool urgent(const struct cinfo *c)
{
	return c->kev || !strcasecmp(c->severity, "CRITICAL");
}

/* ---- writing ----------------------------------------------------------------------------- */

static enum err add_event(struct db *db, int64_t finding, int64_t at, const char *kind, const char *old_value,
			  const char *new_value, const char *detail)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_EVENT_ADD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":finding", finding);
	db_bind_int(s, ":at", at);
	db_bind_text(s, ":kind", kind);
	db_bind_text(s, ":old", old_value);
	db_bind_text(s, ":new", new_value);
	db_bind_text(s, ":detail", detail);
	return db_exec(s);
}

static enum err add_notice(struct db *db, int64_t org, int64_t finding, const char *reason, bool is_urgent, int64_t at)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_NOTICE_ADD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org", org);
	db_bind_int(s, ":finding", finding);
	db_bind_text(s, ":reason", reason);
	db_bind_int(s, ":urgent", is_urgent ? 1 : 0);
	db_bind_int(s, ":at", at);
	return db_exec(s);
}

/* ---- batches ------------------------------------------------------------------------------- */


/* A JSON array of rows, each an array of values, for one statement's :rows. */
struct jrows {
	struct buf b;
	size_t n;                  /* rows */
	int k;                     /* values in the current row */
};

static void jr_reset(struct jrows *j)
{
	buf_reset(&j->b);
	buf_putc(&j->b, '[');
	j->n = 0;
}

static void jr_row(struct jrows *j)
{
	buf_puts(&j->b, j->n++ ? ",[" : "[");
	j->k = 0;
}

static void jr_end(struct jrows *j)
{
	buf_putc(&j->b, ']');
}

static void jr_sep(struct jrows *j)
{
	if (j->k++)
		buf_putc(&j->b, ',');
}

static void jr_str(struct jrows *j, const char *s)
{
	jr_sep(j);
	json_write_string(&j->b, s ? s : "", s ? strlen(s) : 0);
}

static void jr_int(struct jrows *j, int64_t v)
{
	jr_sep(j);
	buf_printf(&j->b, "%lld", (long long)v);
}

static void jr_null(struct jrows *j)
{
	jr_sep(j);
	buf_puts(&j->b, "null");
}

/* Binds the rows (closing the array) to the statement's :rows or :ids. */
static void jr_bind(struct jrows *j, struct db_stmt *s, const char *name)
{
	buf_putc(&j->b, ']');
	db_bind_textn(s, name, j->b.data, j->b.len);
}

/* Events and notices gather here and go out BATCH at a time. */
struct outq {
	struct jrows ev, no;
};

static enum err flush_events(struct writer *w, struct outq *q)
{
	enum err e = ERR_OK;
	if (q->ev.n) {
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_EVENTS_ADD);
		if (!s)
			return ERR_DB;
		jr_bind(&q->ev, s, ":rows");
		db_bind_int(s, ":at", w->d->now);
		e = db_exec(s);
		jr_reset(&q->ev);
	}
	if (e == ERR_OK && q->no.n) {
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_NOTICES_ADD);
		if (!s)
			return ERR_DB;
		jr_bind(&q->no, s, ":rows");
		db_bind_int(s, ":at", w->d->now);
		e = db_exec(s);
		jr_reset(&q->no);
	}
	return e;
}

static enum err queue_event(struct writer *w, struct outq *q, int64_t finding, const char *kind, const char *old_value,
			    const char *new_value, const char *detail)
{
	if (w->one_by_one) {
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_EVENT_ADD);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":finding", finding);
		db_bind_int(s, ":at", w->d->now);
		db_bind_text(s, ":kind", kind);
		db_bind_text(s, ":old", old_value ? old_value : "");
		db_bind_text(s, ":new", new_value ? new_value : "");
		db_bind_text(s, ":detail", detail ? detail : "");
		return db_exec(s);
	}
	jr_row(&q->ev);
	jr_int(&q->ev, finding);
	jr_str(&q->ev, kind);
	jr_str(&q->ev, old_value);
	jr_str(&q->ev, new_value);
	jr_str(&q->ev, detail);
	jr_end(&q->ev);
	return q->ev.n >= BATCH ? flush_events(w, q) : ERR_OK;
}

static enum err queue_notice(struct writer *w, struct outq *q, int64_t org, int64_t finding, const char *reason,
			     bool is_urgent)
{
	if (w->one_by_one) {
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_NOTICE_ADD);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":org", org);
		db_bind_int(s, ":finding", finding);
		db_bind_text(s, ":reason", reason);
		db_bind_int(s, ":urgent", is_urgent ? 1 : 0);
		db_bind_int(s, ":at", w->d->now);
		return db_exec(s);
	}
	jr_row(&q->no);
	jr_int(&q->no, org);
	jr_int(&q->no, finding);
	jr_str(&q->no, reason);
	jr_int(&q->no, is_urgent ? 1 : 0);
	jr_end(&q->no);
	return q->no.n >= BATCH ? flush_events(w, q) : ERR_OK;
}

/* Runs a batch statement and collects the first column of what it returns. */
static enum err run_returning(struct writer *w, struct db_stmt *s, int64_t **ids, size_t *n, size_t *cap,
			      int64_t **assets, const char ***cves)
{
	*n = 0;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : BATCH;
			*ids = xrealloc(*ids, *cap * sizeof **ids);
			if (assets) {
				*assets = xrealloc(*assets, *cap * sizeof **assets);
				*cves = xrealloc(*cves, *cap * sizeof **cves);
			}
		}
		(*ids)[*n] = db_col_int(s, 0);
		if (assets) {
			(*assets)[*n] = db_col_int(s, 1);
			(*cves)[*n] = col_dup(&w->a, s, 2);
		}
		(*n)++;
	}
	enum err e = rc == DB_ERROR ? db_error(w->db) : ERR_OK;
	db_reset(s);
	return e;
}

static int rep_key_cmp(const void *pa, const void *pb)
{
	const struct eng_rep *a = *(const struct eng_rep *const *)pa, *b = *(const struct eng_rep *const *)pb;
	if (a->asset_id != b->asset_id)
		return a->asset_id < b->asset_id ? -1 : 1;
	return strcmp(a->cve, b->cve);
}

/* New findings: inserted BATCH at a time; those this instance inserted get their events and
 * notice (the rows are in (asset, CVE) order, so each returned row is found by bsearch). */
/* The same, one prepared row at a time (SQLite). */
static enum err write_news_one_by_one(struct writer *w, struct outq *q, const struct eng_rep **news, size_t n)
{
	enum err e = ERR_OK;
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		const struct eng_rep *r = news[i];
		const struct cinfo *c = cve_info(w, r->cve);
		char level = w->d->level_of ? w->d->level_of(w->d->level_ctx, r->org_id) : 'C';
		int64_t due = due_for(w, c, level);
		const struct rule *rule = rule_for(w, r->org_id, r->cve, r->matched_cpe);
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_FINDING_INSERT_ONE);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":org", r->org_id);
		db_bind_int(s, ":asset", r->asset_id);
		db_bind_text(s, ":cve", r->cve);
		db_bind_int(s, ":now", w->d->now);
		db_bind_int(s, ":confidence", r->confidence);
		db_bind_text(s, ":matched_cpe", r->matched_cpe ? r->matched_cpe : "");
		db_bind_text(s, ":criterion", r->criterion ? r->criterion : "");
		db_bind_text(s, ":status", rule ? rule->status : "open");
		if (rule && rule->has_until)
			db_bind_int(s, ":status_until", rule->until);
		else
			db_bind_null(s, ":status_until");
		db_bind_text(s, ":vex", rule ? rule->vex : "");
		db_bind_text(s, ":note", rule ? rule->note : "");
		if (due >= 0)
			db_bind_int(s, ":due_at", due);
		else
			db_bind_null(s, ":due_at");
		enum db_step_rc rc = db_step(s);
		int64_t id = rc == DB_ROW ? db_col_int(s, 0) : 0;
		if (rc == DB_ROW)
			rc = db_step(s);
		e = rc == DB_ERROR ? db_error(w->db) : ERR_OK;
		db_reset(s);
		if (e != ERR_OK || !id)
			continue;   /* another instance inserted it: its events and notice are theirs */
		e = queue_event(w, q, id, "found", "", r->matched_cpe, r->criterion);
		if (e == ERR_OK && rule) {
			char detail[64];
			snprintf(detail, sizeof detail, "triage rule %lld", (long long)rule->id);
			e = queue_event(w, q, id, "status", "open", rule->status, detail);
		}
		if (e == ERR_OK)
			e = queue_notice(w, q, r->org_id, id, "new", urgent(c));
		w->sum->findings_new++;
	}
	return e;
}

static enum err write_news(struct writer *w, struct outq *q, const struct eng_rep **news, size_t n)
{
	if (w->one_by_one)
		return write_news_one_by_one(w, q, news, n);
	struct jrows rows = { 0 };
	buf_init(&rows.b, 0);
	const struct rule **rules = xmalloc(BATCH * sizeof *rules);
	int64_t *ids = NULL, *assets = NULL;
	const char **cves = NULL;
	size_t nret = 0, cap = 0;
	enum err e = ERR_OK;
	for (size_t at = 0; at < n && e == ERR_OK; at += BATCH) {
		size_t m = n - at < BATCH ? n - at : BATCH;
		jr_reset(&rows);
		for (size_t i = 0; i < m; i++) {
			const struct eng_rep *r = news[at + i];
			const struct cinfo *c = cve_info(w, r->cve);
			char level = w->d->level_of ? w->d->level_of(w->d->level_ctx, r->org_id) : 'C';
			int64_t due = due_for(w, c, level);
			const struct rule *rule = rules[i] = rule_for(w, r->org_id, r->cve, r->matched_cpe);
			jr_row(&rows);
			jr_int(&rows, r->org_id);
			jr_int(&rows, r->asset_id);
			jr_str(&rows, r->cve);
			jr_int(&rows, r->confidence);
			jr_str(&rows, r->matched_cpe);
			jr_str(&rows, r->criterion);
			jr_str(&rows, rule ? rule->status : "open");
			if (rule && rule->has_until)
				jr_int(&rows, rule->until);
			else
				jr_null(&rows);
			jr_str(&rows, rule ? rule->vex : "");
			jr_str(&rows, rule ? rule->note : "");
			if (due >= 0)
				jr_int(&rows, due);
			else
				jr_null(&rows);
			jr_end(&rows);
		}
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_FINDINGS_INSERT);
		if (!s) {
			e = ERR_DB;
			break;
		}
		jr_bind(&rows, s, ":rows");
		db_bind_int(s, ":now", w->d->now);
		e = run_returning(w, s, &ids, &nret, &cap, &assets, &cves);
		for (size_t k = 0; k < nret && e == ERR_OK; k++) {
			struct eng_rep key = { .asset_id = assets[k], .cve = cves[k] };
			const struct eng_rep *kp = &key;
			const struct eng_rep **hit = bsearch(&kp, news + at, m, sizeof *news, rep_key_cmp);
			if (!hit)
				continue;
			const struct eng_rep *r = *hit;
			const struct rule *rule = rules[hit - (news + at)];
			e = queue_event(w, q, ids[k], "found", "", r->matched_cpe, r->criterion);
			if (e == ERR_OK && rule) {
				char detail[64];
				snprintf(detail, sizeof detail, "triage rule %lld", (long long)rule->id);
				e = queue_event(w, q, ids[k], "status", "open", rule->status, detail);
			}
			if (e == ERR_OK)
				e = queue_notice(w, q, r->org_id, ids[k], "new", urgent(cve_info(w, r->cve)));
			w->sum->findings_new++;
		}
	}
	free(ids);
	free(assets);
	free(cves);
	free(rules);
	buf_free(&rows.b);
	return e;
}

struct pair {
	const struct eng_rep *r;
	const struct stored *st;
};

static int pair_id_cmp(const void *pa, const void *pb)
{
	int64_t a = ((const struct pair *)pa)->st->id, b = ((const struct pair *)pb)->st->id;
	return a < b ? -1 : a > b;
}

/* Reactivated (events and notices for the rows this instance changed) or rematched. */
static enum err write_pairs(struct writer *w, struct outq *q, struct pair *p, size_t n, bool reactivate)
{
	struct jrows rows = { 0 };
	buf_init(&rows.b, 0);
	int64_t *ids = NULL;
	size_t nret = 0, cap = 0;
	enum err e = ERR_OK;
	if (n > 1)
		qsort(p, n, sizeof *p, pair_id_cmp);
	for (size_t at = 0; at < n && e == ERR_OK; at += BATCH) {
		size_t m = n - at < BATCH ? n - at : BATCH;
		jr_reset(&rows);
		for (size_t i = 0; i < m; i++) {
			const struct eng_rep *r = p[at + i].r;
			jr_row(&rows);
			jr_int(&rows, p[at + i].st->id);
			jr_int(&rows, r->confidence);
			jr_str(&rows, r->matched_cpe);
			jr_str(&rows, r->criterion);
			jr_end(&rows);
		}
		struct db_stmt *s = db_stmt(w->db, reactivate ? STMT_VANS_ENG_FINDINGS_REACTIVATE : STMT_VANS_ENG_FINDINGS_REMATCH);
		if (!s) {
			e = ERR_DB;
			break;
		}
		jr_bind(&rows, s, ":rows");
		db_bind_int(s, ":now", w->d->now);
		if (!reactivate) {
			e = db_exec(s);
			continue;
		}
		e = run_returning(w, s, &ids, &nret, &cap, NULL, NULL);
		for (size_t k = 0; k < nret && e == ERR_OK; k++) {
			struct stored key_st = { .id = ids[k] };
			struct pair key = { .st = &key_st };
			const struct pair *hit = bsearch(&key, p + at, m, sizeof *p, pair_id_cmp);
			if (!hit)
				continue;
			e = queue_event(w, q, ids[k], "reactivated", "inactive", "active", hit->r->criterion);
			if (e == ERR_OK)
				e = queue_notice(w, q, hit->r->org_id, ids[k], "reactivated", urgent(cve_info(w, hit->r->cve)));
			w->sum->findings_reactivated++;
		}
	}
	free(ids);
	buf_free(&rows.b);
	return e;
}

static enum err write_inactives(struct writer *w, struct outq *q, const struct stored **st, size_t n)
{
	struct jrows rows = { 0 };
	buf_init(&rows.b, 0);
	int64_t *ids = NULL;
	size_t nret = 0, cap = 0;
	enum err e = ERR_OK;
	for (size_t at = 0; at < n && e == ERR_OK; at += BATCH) {
		size_t m = n - at < BATCH ? n - at : BATCH;
		jr_reset(&rows);
		rows.k = 0;
		for (size_t i = 0; i < m; i++) {
			jr_sep(&rows);
			buf_printf(&rows.b, "%lld", (long long)st[at + i]->id);
		}
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_FINDINGS_DEACTIVATE);
		if (!s) {
			e = ERR_DB;
			break;
		}
		jr_bind(&rows, s, ":ids");
		db_bind_int(s, ":now", w->d->now);
		e = run_returning(w, s, &ids, &nret, &cap, NULL, NULL);
		for (size_t k = 0; k < nret && e == ERR_OK; k++) {
			e = queue_event(w, q, ids[k], "inactive", "active", "inactive", "no longer matches");
			w->sum->findings_inactive++;
		}
	}
	free(ids);
	buf_free(&rows.b);
	return e;
}

static bool in_scope(const struct eng_diff *d, int64_t asset)
{
	return bsearch(&asset, d->scope, d->nscope, sizeof *d->scope, i64_cmp) != NULL;
}

/* last_seen says when matching last confirmed a finding, to the hour: refreshing every row
 * at every intake would rewrite a large organisation's findings each time. */
#define SEEN_PRECISION 3600

static enum err write_seen(struct writer *w)
{
	const struct eng_diff *d = w->d;
	if (d->org_id <= 0) {
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_SEEN_CHANGED);
		if (!s)
			return ERR_DB;
		db_bind_int(s, ":now", d->now);
		db_bind_int(s, ":stale", d->now - SEEN_PRECISION);
		db_bind_int(s, ":from", d->from_seq);
		db_bind_int(s, ":to", d->to_seq);
		return db_exec(s);
	}
	struct jrows ids = { 0 };
	buf_init(&ids.b, 0);
	enum err e = ERR_OK;
	for (size_t at = 0; at < d->nscope && e == ERR_OK; at += BATCH) {
		jr_reset(&ids);
		ids.k = 0;
		for (size_t i = at; i < d->nscope && i < at + BATCH; i++)
			jr_int(&ids, d->scope[i]);
		struct db_stmt *s = db_stmt(w->db, STMT_VANS_ENG_SEEN_ASSETS);
		if (!s) {
			e = ERR_DB;
			break;
		}
		jr_bind(&ids, s, ":ids");
		db_bind_int(s, ":now", d->now);
		db_bind_int(s, ":stale", d->now - SEEN_PRECISION);
		e = db_exec(s);
	}
	buf_free(&ids.b);
	return e;
}

static enum err write_all(struct writer *w)
{
	struct eng_reps *R = w->d->reps;
	const struct eng_rep **news = xmalloc((R->n ? R->n : 1) * sizeof *news);
	struct pair *react = xmalloc((R->n ? R->n : 1) * sizeof *react);
	struct pair *rematch = xmalloc((R->n ? R->n : 1) * sizeof *rematch);
	const struct stored **gone = xmalloc((w->nst ? w->nst : 1) * sizeof *gone);
	size_t nnew = 0, nreact = 0, nrematch = 0, ngone = 0;
	size_t i = 0, j = 0;
	while (i < R->n || j < w->nst) {
		int c;
		if (i == R->n)
			c = 1;
		else if (j == w->nst)
			c = -1;
		else if (R->v[i].asset_id != w->st[j].asset_id)
			c = R->v[i].asset_id < w->st[j].asset_id ? -1 : 1;
		else
			c = strcmp(R->v[i].cve, w->st[j].cve);
		if (c < 0) {
			const struct cinfo *ci = cve_info(w, R->v[i].cve);
			if (ci && !ci->rejected)
				news[nnew++] = &R->v[i];
			i++;
		} else if (c > 0) {
			if (w->st[j].active && in_scope(w->d, w->st[j].asset_id))
				gone[ngone++] = &w->st[j];
			j++;
		} else {
			const struct eng_rep *r = &R->v[i++];
			const struct stored *st = &w->st[j++];
			if (!st->active) {
				const struct cinfo *ci = cve_info(w, r->cve);
				if (ci && !ci->rejected)
					react[nreact++] = (struct pair){ r, st };
			} else if (st->confidence != r->confidence || strcmp(st->matched_cpe, r->matched_cpe) ||
				   strcmp(st->criterion, r->criterion)) {
				rematch[nrematch++] = (struct pair){ r, st };
			}
		}
	}
	struct outq q = { 0 };
	buf_init(&q.ev.b, 0);
	buf_init(&q.no.b, 0);
	jr_reset(&q.ev);
	jr_reset(&q.no);
	enum err e = write_news(w, &q, news, nnew);
	if (e == ERR_OK)
		e = write_pairs(w, &q, react, nreact, true);
	if (e == ERR_OK)
		e = write_pairs(w, &q, rematch, nrematch, false);
	if (e == ERR_OK)
		e = write_inactives(w, &q, gone, ngone);
	if (e == ERR_OK)
		e = flush_events(w, &q);
	if (e == ERR_OK)
		e = write_seen(w);
	buf_free(&q.ev.b);
	buf_free(&q.no.b);
	free(news);
	free(react);
	free(rematch);
	free(gone);
	return e;
}

enum err eng_write_diff(struct db *db, struct eng_diff *d, struct vans_match_summary *sum, char *err, size_t errlen)
{
	struct writer w = { .db = db, .d = d, .sum = sum, .one_by_one = strcmp(db_engine(db), "sqlite") == 0 };
	arena_init(&w.a, 1 << 16);
	struct eng_reps *R = d->reps;
	/* sorted by (asset, CVE), one per pair (the best) */
	if (R->n > 1)
		qsort(R->v, R->n, sizeof *R->v, rep_cmp);
	size_t n = 0;
	for (size_t i = 0; i < R->n; i++)
		if (n == 0 || R->v[i].asset_id != R->v[n - 1].asset_id || strcmp(R->v[i].cve, R->v[n - 1].cve))
			R->v[n++] = R->v[i];
	R->n = n;
	if (d->nscope > 1)
		qsort(d->scope, d->nscope, sizeof *d->scope, i64_cmp);

	enum err e = db_begin(db);
	const char *what = "cannot start the transaction";
	if (e == ERR_OK) {
		what = "cannot read the stored findings";
		e = load_stored(&w);
	}
	if (e == ERR_OK) {
		if (w.nst > 1)
			qsort(w.st, w.nst, sizeof *w.st, stored_cmp);
		what = "cannot read the due-date policy and triage rules";
		e = load_policy(&w);
		if (e == ERR_OK)
			e = load_rules(&w);
	}
	if (e == ERR_OK) {
		/* the CVEs of what is new or reactivated */
		const char **cves = xmalloc((R->n ? R->n : 1) * sizeof *cves);
		size_t nc = 0, j = 0;
		for (size_t i = 0; i < R->n; i++) {
			while (j < w.nst && stored_cmp(&w.st[j], &(struct stored){ .asset_id = R->v[i].asset_id,
										   .cve = R->v[i].cve }) < 0)
				j++;
			bool same = j < w.nst && w.st[j].asset_id == R->v[i].asset_id && !strcmp(w.st[j].cve, R->v[i].cve);
			if (!same || !w.st[j].active)
				cves[nc++] = R->v[i].cve;
		}
		what = "cannot read the CVEs";
		e = load_cve_info(&w, cves, nc);
		free(cves);
	}
	if (e == ERR_OK) {
		what = "cannot write the findings";
		e = write_all(&w);
	}
	if (e == ERR_OK) {
		e = db_commit(db);
		what = "cannot commit the findings";
	}
	if (e != ERR_OK) {
		snprintf(err, errlen, "%s: %s", what, db_errmsg(db));
		db_rollback(db);
	}
	sum->findings_active += R->n;
	free(w.st);
	free(w.ci);
	free(w.rules);
	arena_free(&w.a);
	return e;
}

/* ---- KEV ----------------------------------------------------------------------------------- */

struct kev_row {
	const char *cve;
	int64_t due;
};

enum err eng_apply_kev(struct db *db, int64_t now, size_t *n, char *err, size_t errlen)
{
	*n = 0;
	struct arena a;
	arena_init(&a, 1 << 14);
	struct kev_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	int64_t since = 0, top;
	enum err e = db_begin(db);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot start the transaction: %s", db_errmsg(db));
		arena_free(&a);
		return e;
	}
	/* take the state row: a second instance waits here, then finds nothing left to do */
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_STATE_LOCK);
	if (!s) {
		e = ERR_DB;
		goto out;
	}
	db_bind_text(s, ":name", "matched_kev_seq");
	if (db_step(s) == DB_ROW)
		since = db_col_int(s, 0);
	db_reset(s);
	s = db_stmt(db, STMT_VANS_ENG_SEQS);
	if (!s || db_step(s) != DB_ROW) {
		if (s)
			db_reset(s);
		e = ERR_DB;
		goto out;
	}
	top = db_col_int(s, 1);
	db_reset(s);
	if (top <= since)
		goto out;
	s = db_stmt(db, STMT_VANS_ENG_KEV_SINCE);
	if (!s) {
		e = ERR_DB;
		goto out;
	}
	db_bind_int(s, ":since", since);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *due = db_col_text(s, 1);
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[nrows++] = (struct kev_row){ .cve = col_dup(&a, s, 0), .due = due ? eng_date_unix(due) : -1 };
	}
	db_reset(s);
	if (rc == DB_ERROR) {
		e = db_error(db);
		goto out;
	}
	for (size_t i = 0; i < nrows && e == ERR_OK; i++) {
		/* the active findings of the CVE that do not have its due date yet */
		struct { int64_t id, org, due; bool has_due; } *f = NULL;
		size_t nf = 0, fcap = 0;
		s = db_stmt(db, STMT_VANS_ENG_FINDINGS_OF_CVE);
		if (!s) {
			e = ERR_DB;
			break;
		}
		db_bind_text(s, ":cve", rows[i].cve);
		while ((rc = db_step(s)) == DB_ROW) {
			if (nf == fcap) {
				fcap = fcap ? fcap * 2 : 16;
				f = xrealloc(f, fcap * sizeof *f);
			}
			f[nf].id = db_col_int(s, 0);
			f[nf].org = db_col_int(s, 1);
			f[nf].has_due = !db_col_null(s, 2);
			f[nf].due = db_col_int(s, 2);
			nf++;
		}
		db_reset(s);
		if (rc == DB_ERROR)
			e = db_error(db);
		for (size_t k = 0; k < nf && e == ERR_OK; k++) {
			if (rows[i].due < 0 || (f[k].has_due && f[k].due == rows[i].due))
				continue;   /* already knew it (found after the CVE entered KEV) */
			s = db_stmt(db, STMT_VANS_ENG_FINDING_DUE);
			if (!s) {
				e = ERR_DB;
				break;
			}
			db_bind_int(s, ":id", f[k].id);
			db_bind_int(s, ":due_at", rows[i].due);
			db_bind_int(s, ":now", now);
			e = db_exec(s);
			char old_v[32] = "", new_v[32];
			if (f[k].has_due)
				snprintf(old_v, sizeof old_v, "%lld", (long long)f[k].due);
			snprintf(new_v, sizeof new_v, "%lld", (long long)rows[i].due);
			if (e == ERR_OK)
				e = add_event(db, f[k].id, now, "due", old_v, new_v, "KEV");
			if (e != ERR_OK)
				break;
			s = db_stmt(db, STMT_VANS_ENG_NOTICE_EXISTS);
			if (!s) {
				e = ERR_DB;
				break;
			}
			db_bind_int(s, ":finding", f[k].id);
			db_bind_text(s, ":reason", "kev");
			rc = db_step(s);
			db_reset(s);
			if (rc == DB_ERROR) {
				e = db_error(db);
				break;
			}
			if (rc == DB_DONE)
				e = add_notice(db, f[k].org, f[k].id, "kev", true, now);
			(*n)++;
		}
		free(f);
	}
	if (e == ERR_OK)
		e = eng_state_raise(db, "matched_kev_seq", top);
out:
	if (e == ERR_OK)
		e = db_commit(db);
	if (e != ERR_OK) {
		snprintf(err, errlen, "cannot apply the KEV catalogue to the findings: %s", db_errmsg(db));
		db_rollback(db);
		*n = 0;
	}
	free(rows);
	arena_free(&a);
	return e;
}

/* ---- small things ------------------------------------------------------------------------- */

enum err eng_state_get(struct db *db, const char *name, int64_t *value)
{
	*value = 0;
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_STATE_GET);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":name", name);
	enum db_step_rc rc = db_step(s);
	if (rc == DB_ROW)
		*value = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ERROR ? db_error(db) : ERR_OK;
}

enum err eng_state_raise(struct db *db, const char *name, int64_t value)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_ENG_STATE_SET);
	if (!s)
		return ERR_DB;
	db_bind_text(s, ":name", name);
	db_bind_int(s, ":value", value);
	return db_exec(s);
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int64_t eng_date_unix(const char *s)
{
	unsigned y, m, d;
	char tail;
	if (!s || sscanf(s, "%4u-%2u-%2u%c", &y, &m, &d, &tail) < 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	return days_from_civil((int64_t)y, m, d) * 86400;
}
