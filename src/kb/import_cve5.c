/* CVE JSON 5 import. A record fills the gap while NVD has no record of the CVE: it is
 * stored with origin "cve5" (the CNA's descriptions, CVSS metrics, problem types as
 * weaknesses and references, plus ADP metrics, weaknesses and references, marked as
 * secondary), and with configurations only from cpeApplicability, which has NVD's own
 * shape; affected[] (vendor/product/version lists, git ranges, defaultStatus) has no
 * faithful CPE form and is not turned into configurations. An NVD record is never
 * replaced, but a REJECTED record marks it rejected; the NVD importer in turn always
 * replaces a "cve5" record. */
#include "kb/import.h"
#include "kb/cpe_product.h"
#include "kb/cve5_reader.h"
#include "kb/cvss.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/val.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define PROGRESS_EVERY 64

struct ctx {
	struct db *db;
	struct kb_import_stats *st;
	kb_progress_fn progress;
	kb_bad_file_fn on_bad;
	void *pctx;
	int64_t seq;
	struct buf detail;
	struct kb_products *touched;
	struct kb_matches matches;   /* the record's configuration rows, written in batches */
	uint64_t records;
	uint64_t bad;                /* malformed files met in a directory */
	char first_bad[512];
	enum err db_error;
	char db_msg[256];
};

static const char *source_of(const struct cve5_container *c)
{
	return c->short_name ? c->short_name : c->org_id ? c->org_id : "";
}

static const char *english(const struct cve5_text *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].lang && strncasecmp(t[i].lang, "en", 2) == 0)
			return t[i].value;
	return n ? t[0].value : "";
}

static void put_str(struct buf *b, const char *key, const char *v, bool comma)
{
	if (comma)
		buf_putc(b, ',');
	json_write_string(b, key, strlen(key));
	buf_putc(b, ':');
	if (v)
		json_write_string(b, v, strlen(v));
	else
		buf_puts(b, "null");
}

static const char *const severity_upper[CVSS_SEVERITY__MAX] = {
	"NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL",
};

/* One metric as the record gives it; score and severity computed from the vector when
 * the record leaves them out (CVSS 2.0 objects have no severity). */
struct metric {
	const char *version, *vector, *source, *type;
	double score;
	char severity[16];
	int rank;                    /* newer CVSS versions rank higher */
};

static bool fill_metric(struct metric *m, const struct cve5_metric *cm, const char *source, const char *type)
{
	if (!cm->vector || !*cm->vector)
		return false;
	m->version = cve5_cvss_str(cm->version);
	m->vector = cm->vector;
	m->source = source;
	m->type = type;
	m->rank = (int)cm->version;
	m->score = cm->base_score;
	m->severity[0] = '\0';
	if (cm->base_severity) {
		size_t i = 0;
		for (; i < sizeof m->severity - 1 && cm->base_severity[i]; i++)
			m->severity[i] = (char)toupper((unsigned char)cm->base_severity[i]);
		m->severity[i] = '\0';
	}
	if (m->score < 0 || !m->severity[0]) {
		struct cvss c;
		struct cvss_scores sc;
		if (cvss_parse(cm->vector, strlen(cm->vector), &c, NULL, 0) == 0) {
			cvss_score(&c, &sc);
			if (m->score < 0)
				m->score = sc.base;
			if (!m->severity[0] && (unsigned)sc.severity < CVSS_SEVERITY__MAX)
				snprintf(m->severity, sizeof m->severity, "%s", severity_upper[sc.severity]);
		}
	}
	return true;
}

static void put_metric(struct buf *b, const struct metric *m, bool comma)
{
	buf_puts(b, comma ? ",{" : "{");
	put_str(b, "version", m->version, false);
	put_str(b, "source", m->source, true);
	put_str(b, "type", m->type, true);
	put_str(b, "vectorString", m->vector, true);
	if (m->score < 0)
		buf_puts(b, ",\"baseScore\":null");
	else
		buf_printf(b, ",\"baseScore\":%.15g", m->score);
	put_str(b, "baseSeverity", m->severity[0] ? m->severity : NULL, true);
	buf_puts(b, ",\"exploitabilityScore\":null,\"impactScore\":null}");
}

/* The metric that heads the CVE: the CNA's newest CVSS version, else an ADP's. */
static bool headline(const struct cve5_record *r, struct metric *out)
{
	bool found = false;
	struct metric m;
	for (size_t i = 0; i < r->cna.n_metrics; i++)
		if (fill_metric(&m, &r->cna.metrics[i], source_of(&r->cna), "Primary") && (!found || m.rank > out->rank)) {
			*out = m;
			found = true;
		}
	for (size_t a = 0; !found && a < r->n_adp; a++)
		for (size_t i = 0; i < r->adp[a].n_metrics; i++)
			if (fill_metric(&m, &r->adp[a].metrics[i], source_of(&r->adp[a]), "Secondary") &&
			    (!found || m.rank > out->rank)) {
				*out = m;
				found = true;
			}
	return found;
}

static bool url_seen(const struct cve5_record *r, size_t upto_adp, const char *url)
{
	for (size_t i = 0; i < r->cna.n_references; i++)
		if (strcmp(r->cna.references[i].url, url) == 0)
			return true;
	for (size_t a = 0; a < upto_adp; a++)
		for (size_t i = 0; i < r->adp[a].n_references; i++)
			if (strcmp(r->adp[a].references[i].url, url) == 0)
				return true;
	return false;
}

static void put_weaknesses(struct buf *b, const struct cve5_container *c, const char *type, bool *first)
{
	for (size_t i = 0; i < c->n_problems; i++) {
		const char *cwe = c->problems[i].cwe_id;
		if (!cwe)
			continue;   /* a text-only problem type names no weakness */
		bool dup = false;
		for (size_t k = 0; k < i && !dup; k++)
			dup = c->problems[k].cwe_id && strcmp(c->problems[k].cwe_id, cwe) == 0;
		if (dup)
			continue;
		buf_puts(b, *first ? "{" : ",{");
		*first = false;
		put_str(b, "source", source_of(c), false);
		put_str(b, "type", type, true);
		put_str(b, "cwe", cwe, true);
		buf_putc(b, '}');
	}
}

static void put_references(struct buf *b, const struct cve5_container *c, const struct cve5_record *r,
			   size_t adp_index, bool *first)
{
	for (size_t i = 0; i < c->n_references; i++) {
		const struct cve5_reference *ref = &c->references[i];
		if (c->kind == CVE5_ADP && url_seen(r, adp_index, ref->url))
			continue;   /* the CVE Program Container repeats the CNA's */
		buf_puts(b, *first ? "{" : ",{");
		*first = false;
		put_str(b, "url", ref->url, false);
		put_str(b, "source", source_of(c), true);
		buf_puts(b, ",\"tags\":[");
		for (size_t k = 0; k < ref->n_tags; k++) {
			if (k)
				buf_putc(b, ',');
			json_write_string(b, ref->tags[k], strlen(ref->tags[k]));
		}
		buf_puts(b, "]}");
	}
}

/* The detail document, in the shape the NVD importer writes. */
static void build_detail(struct buf *b, const struct cve5_record *r)
{
	const struct cve5_container *cna = &r->cna;
	bool rejected = r->state == CVE5_STATE_REJECTED;
	const struct cve5_text *texts = rejected ? cna->rejected_reasons : cna->descriptions;
	size_t n_texts = rejected ? cna->n_rejected_reasons : cna->n_descriptions;
	buf_reset(b);
	buf_puts(b, "{\"descriptions\":[");
	for (size_t i = 0; i < n_texts; i++) {
		buf_puts(b, i ? ",{" : "{");
		put_str(b, "lang", texts[i].lang, false);
		put_str(b, "value", texts[i].value, true);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"metrics\":[");
	bool comma = false;
	struct metric m;
	for (size_t i = 0; i < cna->n_metrics; i++)
		if (fill_metric(&m, &cna->metrics[i], source_of(cna), "Primary")) {
			put_metric(b, &m, comma);
			comma = true;
		}
	for (size_t a = 0; a < r->n_adp; a++)
		for (size_t i = 0; i < r->adp[a].n_metrics; i++)
			if (fill_metric(&m, &r->adp[a].metrics[i], source_of(&r->adp[a]), "Secondary")) {
				put_metric(b, &m, comma);
				comma = true;
			}
	buf_puts(b, "],\"weaknesses\":[");
	bool first = true;
	put_weaknesses(b, cna, "Primary", &first);
	for (size_t a = 0; a < r->n_adp; a++)
		put_weaknesses(b, &r->adp[a], "Secondary", &first);
	buf_puts(b, "],\"references\":[");
	first = true;
	put_references(b, cna, r, 0, &first);
	for (size_t a = 0; a < r->n_adp; a++)
		put_references(b, &r->adp[a], r, a, &first);
	buf_puts(b, "]}");
}

static void bind_opt(struct db_stmt *s, const char *name, const char *v)
{
	if (v)
		db_bind_text(s, name, v);
	else
		db_bind_null(s, name);
}

/* An optional field: NULL stays NULL (SQL NULL). */
static struct slice opt(const char *v)
{
	return v ? slice_of(v) : (struct slice){ NULL, 0 };
}

static enum err store_configurations(struct ctx *x, const struct cve5_record *r)
{
	/* the CNA's statement; an ADP's only when the CNA makes none */
	const struct cve5_container *c = &r->cna;
	for (size_t a = 0; !c->n_applicability && a < r->n_adp; a++)
		if (r->adp[a].n_applicability)
			c = &r->adp[a];
	x->matches.cve_id = slice_of(r->cve_id);
	for (size_t ci = 0; ci < c->n_applicability; ci++) {
		const struct cve5_applicability *cfg = &c->applicability[ci];
		for (size_t ni = 0; ni < cfg->n_nodes; ni++) {
			const struct cve5_cpe_node *nd = &cfg->nodes[ni];
			for (size_t mi = 0; mi < nd->n_matches; mi++) {
				const struct cve5_cpe_match *m = &nd->matches[mi];
				const char *f[3];
				size_t fl[3];
				if (kb_cpe_fs_fields(m->criteria, strlen(m->criteria), f, fl, 3) < 0) {
					kb_stats_skip(x->st, "cpeMatch criteria is not a CPE 2.3 name");
					continue;
				}
				kb_products_add(x->touched, f[0], fl[0], f[1], fl[1], f[2], fl[2]);
				struct kb_match_row row = {
					.config = (int64_t)ci,
					.node = (int64_t)ni,
					.config_op = cfg->op && strcmp(cfg->op, "AND") == 0 ? "AND" : "OR",
					.node_op = nd->op && strcmp(nd->op, "AND") == 0 ? "AND" : "OR",
					.config_negate = cfg->negate,
					.node_negate = nd->negate,
					.vulnerable = m->vulnerable,
					.criteria = slice_of(m->criteria),
					.part = { f[0], fl[0] },
					.vendor = { f[1], fl[1] },
					.product = { f[2], fl[2] },
					.match_criteria_id = opt(m->match_criteria_id),
					.vsi = opt(m->version_start_including),
					.vse = opt(m->version_start_excluding),
					.vei = opt(m->version_end_including),
					.vee = opt(m->version_end_excluding),
				};
				kb_matches_add(&x->matches, &row);
			}
		}
	}
	return kb_matches_flush(x->db, &x->matches);
}

static void bind_record(struct ctx *x, struct db_stmt *s, const struct cve5_record *r, const char *published,
			int64_t published_unix, const char *modified, int64_t modified_unix)
{
	bool rejected = r->state == CVE5_STATE_REJECTED;
	const struct cve5_container *cna = &r->cna;
	db_bind_text(s, ":id", r->cve_id);
	bind_opt(s, ":source", r->assigner_short_name ? r->assigner_short_name : r->assigner_org_id);
	db_bind_text(s, ":published", published);
	db_bind_int(s, ":published_unix", published_unix);
	db_bind_text(s, ":last_modified", modified);
	db_bind_int(s, ":last_modified_unix", modified_unix);
	db_bind_text(s, ":vuln_status", rejected ? "Rejected" : "Published");
	db_bind_int(s, ":rejected", rejected);
	db_bind_text(s, ":description", rejected ? english(cna->rejected_reasons, cna->n_rejected_reasons)
						 : english(cna->descriptions, cna->n_descriptions));
	build_detail(&x->detail, r);
	db_bind_textn(s, ":detail", x->detail.data, x->detail.len);
	struct metric m;
	if (!rejected && headline(r, &m)) {
		db_bind_text(s, ":cvss_version", m.version);
		db_bind_text(s, ":cvss_vector", m.vector);
		if (m.score >= 0)
			db_bind_double(s, ":cvss_score", m.score);
		else
			db_bind_null(s, ":cvss_score");
		bind_opt(s, ":severity", m.severity[0] ? m.severity : NULL);
	} else {
		db_bind_null(s, ":cvss_version");
		db_bind_null(s, ":cvss_vector");
		db_bind_null(s, ":cvss_score");
		db_bind_null(s, ":severity");
	}
	db_bind_null(s, ":cisa_exploit_add");
	db_bind_null(s, ":cisa_action_due");
	db_bind_null(s, ":cisa_required_action");
	db_bind_null(s, ":cisa_vulnerability_name");
	db_bind_text(s, ":origin", "cve5");
	db_bind_int(s, ":change_seq", x->seq);
}

static enum err take_seq(struct ctx *x)
{
	if (!x->seq)
		x->st->change_seq = x->seq = kb_next_change_seq(x->db);
	return x->seq > 0 ? ERR_OK : ERR_DB;
}

static enum err note_old_products(struct ctx *x, const char *id)
{
	struct db_stmt *s = db_stmt(x->db, STMT_KB_CVE_MATCH_PRODUCTS);
	db_bind_text(s, ":id", id);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW)
		kb_products_add(x->touched, db_col_text(s, 0), db_col_len(s, 0), db_col_text(s, 1), db_col_len(s, 1),
				db_col_text(s, 2), db_col_len(s, 2));
	db_reset(s);
	return rc == DB_ERROR ? ERR_DB : ERR_OK;
}

static enum err store(struct ctx *x, const struct cve5_record *r)
{
	struct db *db = x->db;
	if (r->state == CVE5_STATE_RESERVED) {
		kb_stats_skip(x->st, "reserved: nothing published yet");
		return ERR_OK;
	}
	bool rejected = r->state == CVE5_STATE_REJECTED;
	/* records written by hand or by older tools may lack cveMetadata's dates: fall back on
	 * what the CNA container says */
	const char *published = r->date_published ? r->date_published
			      : r->cna.date_public ? r->cna.date_public
			      : r->date_reserved ? r->date_reserved
			      : r->date_rejected ? r->date_rejected
			      : r->date_updated ? r->date_updated : r->cna.date_updated;
	const char *modified = r->date_updated ? r->date_updated
			     : r->cna.date_updated ? r->cna.date_updated
			     : rejected && r->date_rejected ? r->date_rejected : published;
	int64_t pu, mu;
	if (!published || clock_parse_iso8601(published, strlen(published), &pu) < 0 ||
	    clock_parse_iso8601(modified, strlen(modified), &mu) < 0) {
		kb_stats_skip(x->st, "no readable publication or update date");
		return ERR_OK;
	}

	struct db_stmt *q = db_stmt(db, STMT_KB_CVE_LAST_MODIFIED);
	db_bind_text(q, ":id", r->cve_id);
	enum db_step_rc rc = db_step(q);
	bool exists = rc == DB_ROW;
	int64_t stored = exists ? db_col_int(q, 0) : 0;
	bool from_nvd = exists && strcmp(db_col_text(q, 1), "cve5") != 0;
	bool stored_rejected = exists && db_col_int(q, 2) != 0;
	db_reset(q);
	if (rc == DB_ERROR)
		return ERR_DB;
	enum err e;
	if (from_nvd) {
		if (!rejected) {
			kb_stats_skip(x->st, "NVD's record is stored (a CVE 5 record never replaces it)");
			return ERR_OK;
		}
		if (stored_rejected) {
			x->st->unchanged++;
			return ERR_OK;
		}
		/* the CVE Program rejected it before NVD caught up: the matcher must drop it now */
		if ((e = take_seq(x)) != ERR_OK)
			return e;
		struct db_stmt *s = db_stmt(db, STMT_KB_CVE_MARK_REJECTED);
		db_bind_text(s, ":id", r->cve_id);
		db_bind_int(s, ":change_seq", x->seq);
		if ((e = db_exec(s)) != ERR_OK)
			return e;
		x->st->updated++;
		x->st->rejected++;
		return ERR_OK;
	}
	if (exists && stored >= mu) {
		if (stored == mu)
			x->st->unchanged++;
		else
			kb_stats_skip(x->st, "a newer version is already stored");
		return ERR_OK;
	}
	if ((e = take_seq(x)) != ERR_OK)
		return e;
	if (exists) {
		if ((e = note_old_products(x, r->cve_id)) != ERR_OK)
			return e;
		struct db_stmt *d = db_stmt(db, STMT_KB_CVE_DELETE_MATCHES);
		db_bind_text(d, ":id", r->cve_id);
		if ((e = db_exec(d)) != ERR_OK)
			return e;
	}
	struct db_stmt *s = db_stmt(db, exists ? STMT_KB_CVE_UPDATE : STMT_KB_CVE_INSERT);
	bind_record(x, s, r, published, pu, modified, mu);
	if ((e = db_exec(s)) != ERR_OK)
		return e;
	if (exists)
		x->st->updated++;
	else
		x->st->new_records++;
	if (rejected)
		x->st->rejected++;
	return rejected ? ERR_OK : store_configurations(x, r);
}

static int on_record(void *vctx, const struct cve5_record *r)
{
	struct ctx *x = vctx;
	enum err e = store(x, r);
	if (e != ERR_OK) {
		x->db_error = e;
		snprintf(x->db_msg, sizeof x->db_msg, "%s", db_errmsg(x->db));
		return e;
	}
	if (x->progress && ++x->records % PROGRESS_EVERY == 0)
		x->progress(x->pctx, x->records, 0);
	return 0;
}

static int on_bad_file(void *vctx, const char *path, int code, const char *msg)
{
	struct ctx *x = vctx;
	(void)code;
	if (!x->bad++)
		snprintf(x->first_bad, sizeof x->first_bad, "%s", msg);
	if (x->on_bad)
		x->on_bad(x->pctx, path, msg);
	kb_stats_skip(x->st, "unreadable or invalid record file");
	return 0;
}

enum err kb_import_cve5_path(struct db *db, const char *path, struct kb_import_stats *st,
			     kb_progress_fn progress, kb_bad_file_fn on_bad, void *pctx, char *err,
			     size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	struct stat sb;
	if (stat(path, &sb) != 0) {
		snprintf(err, errlen, "%s: cannot open: no such file or directory", path);
		return ERR_IO;
	}
	bool dir = S_ISDIR(sb.st_mode);
	struct ctx x = { .db = db, .st = st, .progress = progress, .on_bad = on_bad, .pctx = pctx };
	buf_init(&x.detail, 64 * 1024 * 1024);
	x.touched = kb_products_new();
	int64_t import_id = kb_import_begin(db, "cve5", path);
	uint64_t t0 = clock_mono_ns();
	enum err e = db_begin(db);
	if (e != ERR_OK) {
		snprintf(err, errlen, "%s: cannot begin a transaction: %s", path, db_errmsg(db));
		goto out;
	}
	int rc;
	struct cve5_walk_stats ws = { 0 };
	if (dir) {
		rc = cve5_walk_dir(path, on_record, on_bad_file, &x, &ws, err, errlen);
		for (size_t i = 0; rc == 0 && i < ws.skipped; i++)
			kb_stats_skip(st, "not a CVE 5 record (NVD, OSV or other JSON)");
	} else {
		rc = cve5_read_file(path, on_record, &x, err, errlen);
	}
	if (rc != 0)
		e = x.db_error ? x.db_error : rc < ERR__MAX ? (enum err)rc : ERR_INVALID;
	if (x.db_error)
		snprintf(err, errlen, "%s: database error: %s", path, x.db_msg);
	if (e == ERR_OK && x.seq > 0)
		e = kb_refresh_search(db, x.seq);
	if (e == ERR_OK && (e = kb_cpe_product_refresh(db, x.touched)) != ERR_OK)
		snprintf(err, errlen, "%s: updating the vendor/product index failed: %s", path, db_errmsg(db));
	if (e == ERR_OK) {
		e = db_commit(db);
		if (e != ERR_OK)
			snprintf(err, errlen, "%s: commit failed: %s", path, db_errmsg(db));
	}
	if (e != ERR_OK)
		db_rollback(db);
	else if (dir)
		snprintf(st->about, sizeof st->about, "%zu files, %zu CVE 5 records", ws.files, ws.records);
out:
	st->seconds += (double)(clock_mono_ns() - t0) / 1e9;
	if (e != ERR_OK)
		memset(st, 0, sizeof *st); /* nothing of it was kept */
	kb_import_end(db, import_id, "cve5", path, e, st, e == ERR_OK ? "" : err);
	buf_free(&x.detail);
	kb_products_free(x.touched);
	kb_matches_free(&x.matches);
	/* a directory's bad files were left out and the rest kept: say so to the caller */
	if (e == ERR_OK && x.bad) {
		snprintf(err, errlen, "%llu file%s could not be read and %s not stored (the first: %s)",
			 (unsigned long long)x.bad, x.bad == 1 ? "" : "s", x.bad == 1 ? "was" : "were", x.first_bad);
		return ERR_INVALID;
	}
	return e;
}
