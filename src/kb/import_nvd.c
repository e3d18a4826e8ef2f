/* NVD import: each record from the streaming reader is compared with the stored one by
 * lastModified — older or equal is left alone, newer replaces it whole — and stored with
 * every description, metric, weakness, reference and configuration row. A record stored
 * from a CVE 5 record (origin "cve5") is always replaced: NVD's is the reference. The
 * products the changed configurations name are recounted in the vendor/product index. */
#include "kb/import.h"
#include "kb/cpe_product.h"
#include "kb/feed_input.h"
#include "kb/nvd_reader.h"
#include "core/clock.h"
#include "core/val.h"

#include <stdio.h>
#include <string.h>

struct ctx {
	struct db *db;
	struct kb_import_stats *st;
	int64_t seq;               /* change sequence, taken on the first change */
	const char *origin;
	struct buf detail;
	struct kb_products *touched;   /* products named by configurations stored or replaced */
	struct kb_matches matches;     /* the record's configuration rows, written in batches */
};

/* The metric that heads a CVE: the newest CVSS version, NVD's own (Primary) first. */
static const struct nvd_metric *headline_metric(const struct nvd_cve *c)
{
	const struct nvd_metric *best = NULL;
	for (size_t i = 0; i < c->n_metrics; i++) {
		const struct nvd_metric *m = &c->metrics[i];
		if (!m->vector.len)
			continue;
		bool primary = m->type.len == 7 && memcmp(m->type.p, "Primary", 7) == 0;
		bool best_primary = best && best->type.len == 7 && memcmp(best->type.p, "Primary", 7) == 0;
		if (!best || m->version > best->version || (m->version == best->version && primary && !best_primary))
			best = m;
	}
	return best;
}

static const struct nvd_description *english(const struct nvd_cve *c)
{
	for (size_t i = 0; i < c->n_descriptions; i++)
		if (c->descriptions[i].lang.len >= 2 && memcmp(c->descriptions[i].lang.p, "en", 2) == 0)
			return &c->descriptions[i];
	return c->n_descriptions ? &c->descriptions[0] : NULL;
}

/* Record slices live in the reader's arena until the next record, longer than the
 * statement that binds them (each is executed and reset at once): no copy needed. */
static void bind_slice(struct db_stmt *s, const char *name, struct slice v)
{
	if (v.p)
		db_bind_textn_static(s, name, v.p, v.len);
	else
		db_bind_null(s, name);
}

static void bind_score(struct db_stmt *s, const char *name, double v)
{
	if (v < 0)
		db_bind_null(s, name);
	else
		db_bind_double(s, name, v);
}

static enum err exec_id(struct db *db, enum stmt_id id, struct slice cve)
{
	struct db_stmt *s = db_stmt(db, id);
	db_bind_textn(s, ":id", cve.p, cve.len);
	return db_exec(s);
}

/* Keys are literals without characters to escape: written as they are. */
static void put_name(struct buf *b, const char *key, bool comma)
{
	if (comma)
		buf_putc(b, ',');
	buf_putc(b, '"');
	buf_append(b, key, strlen(key));
	buf_append(b, "\":", 2);
}

static void put_key(struct buf *b, const char *key, struct slice v, bool comma)
{
	put_name(b, key, comma);
	if (v.p)
		json_write_string(b, v.p, v.len);
	else
		buf_puts(b, "null");
}

/* Scores have one decimal (7.5, 10.0): written without printf when the double is exactly
 * that, as "%.15g" would write it ("7.5", "10"); anything else goes through printf. */
static void put_score(struct buf *b, const char *key, double v)
{
	put_name(b, key, true);
	if (v < 0) {
		buf_puts(b, "null");
		return;
	}
	long tenths = v <= 1000 ? (long)(v * 10 + 0.5) : -1;
	if (tenths >= 0 && (double)tenths / 10 == v) {
		char digits[8];
		size_t n = sizeof digits;
		long whole = tenths / 10;
		do
			digits[--n] = (char)('0' + whole % 10);
		while ((whole /= 10) > 0);
		buf_append(b, digits + n, sizeof digits - n);
		if (tenths % 10) {
			buf_putc(b, '.');
			buf_putc(b, (char)('0' + tenths % 10));
		}
		return;
	}
	buf_printf(b, "%.15g", v);
}

/* The detail document: every description, metric, weakness and reference, in the names the
 * API uses. Stored as one JSON value so a record costs one row, not dozens. */
static void build_detail(struct buf *b, const struct nvd_cve *c)
{
	buf_reset(b);
	buf_puts(b, "{\"descriptions\":[");
	for (size_t i = 0; i < c->n_descriptions; i++) {
		buf_puts(b, i ? ",{" : "{");
		put_key(b, "lang", c->descriptions[i].lang, false);
		put_key(b, "value", c->descriptions[i].value, true);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"metrics\":[");
	for (size_t i = 0; i < c->n_metrics; i++) {
		const struct nvd_metric *m = &c->metrics[i];
		buf_puts(b, i ? ",{" : "{");
		put_key(b, "version", slice_of(nvd_cvss_version_str(m->version)), false);
		put_key(b, "source", m->source, true);
		put_key(b, "type", m->type, true);
		put_key(b, "vectorString", m->vector, true);
		put_score(b, "baseScore", m->base_score);
		put_key(b, "baseSeverity", m->base_severity, true);
		put_score(b, "exploitabilityScore", m->exploitability_score);
		put_score(b, "impactScore", m->impact_score);
		buf_putc(b, '}');
	}
	buf_puts(b, "],\"weaknesses\":[");
	bool first = true;
	for (size_t i = 0; i < c->n_weaknesses; i++) {
		const struct nvd_weakness *w = &c->weaknesses[i];
		for (size_t k = 0; k < w->n_cwes; k++) {
			buf_puts(b, first ? "{" : ",{");
			first = false;
			put_key(b, "source", w->source, false);
			put_key(b, "type", w->type, true);
			put_key(b, "cwe", w->cwes[k], true);
			buf_putc(b, '}');
		}
	}
	buf_puts(b, "],\"references\":[");
	for (size_t i = 0; i < c->n_references; i++) {
		const struct nvd_reference *r = &c->references[i];
		buf_puts(b, i ? ",{" : "{");
		put_key(b, "url", r->url, false);
		put_key(b, "source", r->source, true);
		buf_puts(b, ",\"tags\":[");
		for (size_t k = 0; k < r->n_tags; k++) {
			if (k)
				buf_putc(b, ',');
			json_write_string(b, r->tags[k].p, r->tags[k].len);
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, "]}");
}

static enum err store_matches(struct ctx *x, const struct nvd_cve *c)
{
	x->matches.cve_id = c->id;
	for (size_t ci = 0; ci < c->n_configs; ci++) {
		const struct nvd_config *cfg = &c->configs[ci];
		for (size_t ni = 0; ni < cfg->n_nodes; ni++) {
			const struct nvd_node *nd = &cfg->nodes[ni];
			for (size_t mi = 0; mi < nd->n_matches; mi++) {
				const struct nvd_match *m = &nd->matches[mi];
				const char *f[3];
				size_t fl[3];
				if (kb_cpe_fs_fields(m->criteria.p, m->criteria.len, f, fl, 3) < 0) {
					kb_stats_skip(x->st, "cpeMatch criteria is not a CPE 2.3 name");
					continue;
				}
				kb_products_add(x->touched, f[0], fl[0], f[1], fl[1], f[2], fl[2]);
				struct kb_match_row row = {
					.config = (int64_t)ci,
					.node = (int64_t)ni,
					.config_op = nvd_operator_str(cfg->op),
					.node_op = nvd_operator_str(nd->op),
					.config_negate = cfg->negate,
					.node_negate = nd->negate,
					.vulnerable = m->vulnerable,
					.criteria = m->criteria,
					.part = { f[0], fl[0] },
					.vendor = { f[1], fl[1] },
					.product = { f[2], fl[2] },
					.match_criteria_id = m->match_criteria_id,
					.vsi = m->version_start_including,
					.vse = m->version_start_excluding,
					.vei = m->version_end_including,
					.vee = m->version_end_excluding,
				};
				kb_matches_add(&x->matches, &row);
			}
		}
	}
	return kb_matches_flush(x->db, &x->matches);
}

static void bind_record(struct ctx *x, struct db_stmt *s, const struct nvd_cve *c)
{
	const struct nvd_metric *m = headline_metric(c);
	const struct nvd_description *d = english(c);
	db_bind_textn_static(s, ":id", c->id.p, c->id.len);
	bind_slice(s, ":source", c->source_identifier);
	bind_slice(s, ":published", c->published);
	db_bind_int(s, ":published_unix", c->published_unix);
	bind_slice(s, ":last_modified", c->last_modified);
	db_bind_int(s, ":last_modified_unix", c->last_modified_unix);
	bind_slice(s, ":vuln_status", c->vuln_status);
	db_bind_int(s, ":rejected", c->rejected);
	bind_slice(s, ":description", d && d->value.p ? d->value : slice_of(""));
	build_detail(&x->detail, c);
	db_bind_textn_static(s, ":detail", x->detail.data, x->detail.len);
	if (m) {
		db_bind_text(s, ":cvss_version", nvd_cvss_version_str(m->version));
		bind_slice(s, ":cvss_vector", m->vector);
		bind_score(s, ":cvss_score", m->base_score);
		bind_slice(s, ":severity", m->base_severity);
	} else {
		db_bind_null(s, ":cvss_version");
		db_bind_null(s, ":cvss_vector");
		db_bind_null(s, ":cvss_score");
		db_bind_null(s, ":severity");
	}
	bind_slice(s, ":cisa_exploit_add", c->cisa_exploit_add);
	bind_slice(s, ":cisa_action_due", c->cisa_action_due);
	bind_slice(s, ":cisa_required_action", c->cisa_required_action);
	bind_slice(s, ":cisa_vulnerability_name", c->cisa_vulnerability_name);
	db_bind_text(s, ":origin", x->origin);
	db_bind_int(s, ":change_seq", x->seq);
}

/* The products a record's stored configurations name, before they are replaced: a product
 * it no longer names must be recounted too. */
static enum err note_old_products(struct ctx *x, struct slice id)
{
	struct db_stmt *s = db_stmt(x->db, STMT_KB_CVE_MATCH_PRODUCTS);
	db_bind_textn(s, ":id", id.p, id.len);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW)
		kb_products_add(x->touched, db_col_text(s, 0), db_col_len(s, 0), db_col_text(s, 1), db_col_len(s, 1),
				db_col_text(s, 2), db_col_len(s, 2));
	db_reset(s);
	return rc == DB_ERROR ? ERR_DB : ERR_OK;
}

static int on_cve(void *vctx, const struct nvd_cve *c)
{
	struct ctx *x = vctx;
	struct db *db = x->db;
	struct db_stmt *q = db_stmt(db, STMT_KB_CVE_LAST_MODIFIED);
	db_bind_textn(q, ":id", c->id.p, c->id.len);
	enum db_step_rc rc = db_step(q);
	bool exists = rc == DB_ROW;
	int64_t stored = exists ? db_col_int(q, 0) : 0;
	bool from_cve5 = exists && strcmp(db_col_text(q, 1), "cve5") == 0;
	db_reset(q);
	if (rc == DB_ERROR)
		return ERR_DB;
	if (exists && stored >= c->last_modified_unix && !from_cve5) {
		if (stored == c->last_modified_unix)
			x->st->unchanged++;
		else
			kb_stats_skip(x->st, "a newer version is already stored");
		return ERR_OK;
	}
	if (!x->seq)
		x->st->change_seq = x->seq = kb_next_change_seq(db);
	if (x->seq <= 0)
		return ERR_DB;
	enum err e;
	if (exists) {
		if ((e = note_old_products(x, c->id)) != ERR_OK)
			return e;
		if ((e = exec_id(db, STMT_KB_CVE_DELETE_MATCHES, c->id)) != ERR_OK)
			return e;
		struct db_stmt *s = db_stmt(db, STMT_KB_CVE_UPDATE);
		bind_record(x, s, c);
		e = db_exec(s);
		x->st->updated++;
	} else {
		struct db_stmt *s = db_stmt(db, STMT_KB_CVE_INSERT);
		bind_record(x, s, c);
		e = db_exec(s);
		x->st->new_records++;
	}
	if (c->rejected)
		x->st->rejected++;
	if (e == ERR_OK)
		e = store_matches(x, c);
	return e;
}

enum err kb_store_nvd_stream(struct db *db, struct feed_input *in, struct kb_import_stats *st,
			     struct nvd_feed_info *info, kb_progress_fn progress, void *pctx, char *err,
			     size_t errlen)
{
	struct ctx x = { .db = db, .st = st, .origin = "nvd", .touched = kb_products_new() };
	buf_init(&x.detail, 64 * 1024 * 1024);
	struct nvd_reader *r = nvd_reader_new(on_cve, &x, NULL);
	uint64_t t0 = clock_mono_ns();
	enum err e = ERR_OK;
	for (;;) {
		const unsigned char *data;
		size_t len;
		e = feed_input_read(in, &data, &len);
		if (e != ERR_OK) {
			snprintf(err, errlen, "%s", feed_input_error(in));
			break;
		}
		if (len == 0) {
			e = nvd_reader_finish(r);
			break;
		}
		e = nvd_reader_feed(r, data, len);
		if (e != ERR_OK)
			break;
		if (progress)
			progress(pctx, feed_input_bytes_in(in), feed_input_size_in(in));
	}
	if (e != ERR_OK && !*err)
		snprintf(err, errlen, "%s: %s", feed_input_name(in),
			 *nvd_reader_error(r) ? nvd_reader_error(r) : err_str(e));
	if (e == ERR_OK && x.seq > 0)
		e = kb_refresh_search(db, x.seq);
	if (e == ERR_OK && (e = kb_cpe_product_refresh(db, x.touched)) != ERR_OK)
		snprintf(err, errlen, "%s: updating the vendor/product index failed: %s", feed_input_name(in),
			 db_errmsg(db));
	if (info)
		*info = *nvd_reader_info(r);
	st->bytes_in += feed_input_bytes_in(in);
	st->bytes_json += feed_input_bytes_out(in);
	st->seconds += (double)(clock_mono_ns() - t0) / 1e9;
	nvd_reader_free(r);
	buf_free(&x.detail);
	kb_products_free(x.touched);
	kb_matches_free(&x.matches);
	return e;
}

enum err kb_import_nvd_file(struct db *db, const char *path, struct kb_import_stats *st,
			    kb_progress_fn progress, void *pctx, char *err, size_t errlen)
{
	struct feed_input *in = NULL;
	if (errlen)
		err[0] = '\0';
	enum err e = feed_input_open_file(path, 0, &in, err, errlen);
	if (e != ERR_OK)
		return e;
	int64_t import_id = kb_import_begin(db, "nvd", path);
	/* bulk: every cve row is written before its cve_match rows (db_begin_bulk) */
	e = db_begin_bulk(db);
	if (e == ERR_OK) {
		e = kb_store_nvd_stream(db, in, st, NULL, progress, pctx, err, errlen);
		if (e == ERR_OK)
			e = db_commit(db);
		if (e != ERR_OK)
			db_rollback(db);
	} else {
		snprintf(err, errlen, "%s: cannot begin a transaction: %s", path, db_errmsg(db));
	}
	feed_input_close(in);
	if (e != ERR_OK)
		memset(st, 0, sizeof *st); /* nothing of the file was kept */
	kb_import_end(db, import_id, "nvd", path, e, st, e == ERR_OK ? "" : err);
	return e;
}
