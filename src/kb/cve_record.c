/* Assembles a CVE from its rows: the record, descriptions, metrics, weaknesses, references,
 * configurations (nested back into configuration → node → match), KEV and EPSS. */
#include "kb/cve_record.h"

#include <ctype.h>
#include <string.h>

int kb_cve_id_valid(const char *id)
{
	if (strncmp(id, "CVE-", 4) != 0)
		return 0;
	const char *p = id + 4;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)p[i]))
			return 0;
	if (p[4] != '-')
		return 0;
	size_t n = strlen(p + 5);
	if (n < 4 || n > 19)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)p[5 + i]))
			return 0;
	return 1;
}

static struct val *col_str(struct arena *a, struct db_stmt *s, int c)
{
	return db_col_null(s, c) ? val_null(a) : val_strn(a, db_col_text(s, c), db_col_len(s, c));
}

static struct val *col_real(struct arena *a, struct db_stmt *s, int c)
{
	return db_col_null(s, c) ? val_null(a) : val_real(a, db_col_double(s, c));
}

/* Runs a per-CVE query and builds one object per row from the column names given. */
static struct val *rows(struct db *db, struct arena *a, enum stmt_id id, const char *cve, const char *const *names,
			const char *kinds)
{
	struct val *arr = val_arr(a);
	struct db_stmt *s = db_stmt(db, id);
	db_bind_text(s, ":id", cve);
	while (db_step(s) == DB_ROW) {
		struct val *o = val_obj(a);
		for (int c = 0; names[c]; c++) {
			struct val *v = kinds[c] == 'r' ? col_real(a, s, c)
				      : kinds[c] == 'i' ? val_int(a, db_col_int(s, c))
				      : kinds[c] == 'b' ? val_bool(a, db_col_int(s, c) != 0)
				      : col_str(a, s, c);
			val_set(a, o, names[c], v);
		}
		val_push(a, arr, o);
	}
	db_reset(s);
	return arr;
}

static struct val *configurations(struct db *db, struct arena *a, const char *cve)
{
	struct val *configs = val_arr(a), *cfg = NULL, *node = NULL;
	int64_t cur_cfg = -1, cur_node = -1;
	struct db_stmt *s = db_stmt(db, STMT_KB_CVE_MATCHES);
	db_bind_text(s, ":id", cve);
	while (db_step(s) == DB_ROW) {
		int64_t ci = db_col_int(s, 0), ni = db_col_int(s, 3);
		if (ci != cur_cfg) {
			cfg = val_obj(a);
			val_set(a, cfg, "operator", col_str(a, s, 1));
			val_set_bool(a, cfg, "negate", db_col_int(s, 2) != 0);
			val_set(a, cfg, "nodes", val_arr(a));
			val_push(a, configs, cfg);
			cur_cfg = ci;
			cur_node = -1;
		}
		if (ni != cur_node) {
			node = val_obj(a);
			val_set(a, node, "operator", col_str(a, s, 4));
			val_set_bool(a, node, "negate", db_col_int(s, 5) != 0);
			val_set(a, node, "cpeMatch", val_arr(a));
			val_push(a, val_get(cfg, "nodes"), node);
			cur_node = ni;
		}
		struct val *m = val_obj(a);
		val_set_bool(a, m, "vulnerable", db_col_int(s, 6) != 0);
		val_set(a, m, "criteria", col_str(a, s, 7));
		static const char *const bounds[] = { "matchCriteriaId", "versionStartIncluding", "versionStartExcluding",
						      "versionEndIncluding", "versionEndExcluding" };
		for (int b = 0; b < 5; b++)
			if (!db_col_null(s, 8 + b))
				val_set(a, m, bounds[b], col_str(a, s, 8 + b));
		val_push(a, val_get(node, "cpeMatch"), m);
	}
	db_reset(s);
	return configs;
}

enum err kb_cve_load(struct db *db, struct arena *a, const char *id, struct val **out)
{
	struct db_stmt *s = db_stmt(db, STMT_KB_CVE_GET);
	db_bind_text(s, ":id", id);
	enum db_step_rc rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		return rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
	}
	static const char *const fields[] = { "id", "sourceIdentifier", "published", "lastModified", "vulnStatus" };
	struct val *o = val_obj(a);
	for (int c = 0; c < 5; c++)
		val_set(a, o, fields[c], col_str(a, s, c));
	val_set_bool(a, o, "rejected", db_col_int(s, 5) != 0);
	val_set(a, o, "description", col_str(a, s, 6));
	struct val *cvss = val_obj(a);
	val_set(a, cvss, "version", col_str(a, s, 7));
	val_set(a, cvss, "vector", col_str(a, s, 8));
	val_set(a, cvss, "score", col_real(a, s, 9));
	val_set(a, cvss, "severity", col_str(a, s, 10));
	val_set(a, o, "cvss", db_col_null(s, 8) ? val_null(a) : cvss);
	if (!db_col_null(s, 11)) {
		struct val *cisa = val_obj(a);
		val_set(a, cisa, "exploitAdd", col_str(a, s, 11));
		val_set(a, cisa, "actionDue", col_str(a, s, 12));
		val_set(a, cisa, "requiredAction", col_str(a, s, 13));
		val_set(a, cisa, "vulnerabilityName", col_str(a, s, 14));
		val_set(a, o, "cisa", cisa);
	}
	val_set(a, o, "origin", col_str(a, s, 15));
	struct val *detail = NULL;
	char err[128];
	if (val_parse_json(a, db_col_text(s, 16), db_col_len(s, 16), &detail, err, sizeof err) < 0 ||
	    detail->kind != VAL_OBJ) {
		db_reset(s);
		return ERR_INTERNAL;
	}
	db_reset(s);
	static const char *const parts[] = { "descriptions", "metrics", "weaknesses", "references" };
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		struct val *v = val_get(detail, parts[i]);
		val_set(a, o, parts[i], v ? v : val_arr(a));
	}
	val_set(a, o, "configurations", configurations(db, a, id));
	static const char *const kev[] = { "vendorProject", "product", "vulnerabilityName", "dateAdded",
					   "shortDescription", "requiredAction", "dueDate", "knownRansomwareCampaignUse",
					   "notes", "cwes", "catalogVersion", NULL };
	struct val *k = rows(db, a, STMT_KB_CVE_KEV, id, kev, "sssssssssss");
	val_set(a, o, "kev", k->u.a.n ? k->u.a.items[0] : val_null(a));
	static const char *const epss[] = { "score", "percentile", "date", "modelVersion", NULL };
	struct val *e = rows(db, a, STMT_KB_CVE_EPSS, id, epss, "rrss");
	if (e->u.a.n) {
		/* -1: the file had no percentile column (FIRST's first files) */
		struct val *pct = val_get(e->u.a.items[0], "percentile");
		if (pct && pct->kind == VAL_REAL && pct->u.d < 0)
			val_set(a, e->u.a.items[0], "percentile", val_null(a));
	}
	val_set(a, o, "epss", e->u.a.n ? e->u.a.items[0] : val_null(a));
	*out = o;
	return ERR_OK;
}
