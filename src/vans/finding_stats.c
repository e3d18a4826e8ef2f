/* The figures of the dashboard (資訊綜整儀表板) of one organisation and of the operator's
 * 機關總覽: counts by severity, KEV, overdue, resolved this month, the 90-day trend of active
 * findings added up per day from when each appeared and stopped matching, top lists. */
#include "vans/finding.h"
#include "core/clock.h"
#include "store/db.h"

#include <string.h>

static const char *const severity_order[] = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE" };
#define NSEV 5

static int severity_index(const char *s)
{
	for (int i = 0; i < NSEV; i++)
		if (s && strcmp(s, severity_order[i]) == 0)
			return i;
	return NSEV - 1;
}

static struct val *severity_row(struct arena *a, int i, int64_t count, int64_t kev, int64_t overdue)
{
	struct val *o = val_obj(a);
	val_set_str(a, o, "severity", severity_order[i]);
	val_set_int(a, o, "count", count);
	val_set_int(a, o, "kev", kev);
	val_set_int(a, o, "overdue", overdue);
	return o;
}

static enum err dash_severity(struct db *db, struct arena *a, int64_t org_id, int64_t now, struct val *out)
{
	int64_t count[NSEV] = { 0 }, kev[NSEV] = { 0 }, overdue[NSEV] = { 0 };
	struct db_stmt *s = db_stmt(db, STMT_VANS_DASH_SEVERITY);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":now", now);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int i = severity_index(db_col_text(s, 0));
		count[i] += db_col_int(s, 1);
		kev[i] += db_col_int(s, 2);
		overdue[i] += db_col_int(s, 3);
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	struct val *rows = val_arr(a);
	int64_t total = 0, total_kev = 0, total_overdue = 0;
	for (int i = 0; i < NSEV; i++) {
		val_push(a, rows, severity_row(a, i, count[i], kev[i], overdue[i]));
		total += count[i];
		total_kev += kev[i];
		total_overdue += overdue[i];
	}
	val_set(a, out, "severity", rows);
	val_set_int(a, out, "outstanding", total);
	val_set_int(a, out, "kev", total_kev);
	val_set_int(a, out, "overdue", total_overdue);
	val_set_int(a, out, "critical", count[0]);
	val_set_int(a, out, "high", count[1]);
	return ERR_OK;
}

static enum err dash_totals(struct db *db, struct arena *a, int64_t org_id, int64_t now, struct val *out)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_DASH_TOTALS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return ERR_DB;
	}
	val_set_int(a, out, "findings", db_col_int(s, 0));
	val_set_int(a, out, "active", db_col_int(s, 1));
	val_set_int(a, out, "assets_affected", db_col_int(s, 2));
	val_set_int(a, out, "assets", db_col_int(s, 3));
	if (db_col_null(s, 4)) {
		val_set(a, out, "last_upload", val_null(a));
	} else {
		char iso[32];
		val_set_str(a, out, "last_upload", clock_format_iso8601(db_col_int(s, 4), iso, sizeof iso));
	}
	db_reset(s);

	int64_t month = finding_month_start(now);
	s = db_stmt(db, STMT_VANS_DASH_RESOLVED);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":since", month);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return ERR_DB;
	}
	val_set_int(a, out, "resolved_month", db_col_int(s, 0));
	db_reset(s);
	return ERR_OK;
}

/* Day d (d = 0 the oldest) counts a finding that appeared by the end of the day and had not
 * stopped matching by then. */
static enum err dash_trend(struct db *db, struct arena *a, int64_t org_id, int64_t now, struct val *out)
{
	enum { DAYS = FINDING_TREND_DAYS };
	int64_t today = now / 86400, first_day = today - DAYS + 1;
	int64_t counts[NSEV][DAYS];
	memset(counts, 0, sizeof counts);
	struct db_stmt *s = db_stmt(db, STMT_VANS_DASH_TREND);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":since", first_day * 86400);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int i = severity_index(db_col_text(s, 0));
		int64_t from = db_col_int(s, 1), until = db_col_int(s, 2), n = db_col_int(s, 3);
		/* alive on days [from, until) — until -1: still active */
		int64_t lo = from < first_day ? first_day : from;
		int64_t hi = until < 0 || until > today ? today + 1 : until;
		for (int64_t d = lo; d < hi; d++)
			counts[i][d - first_day] += n;
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	struct val *days = val_arr(a);
	for (int d = 0; d < DAYS; d++) {
		char iso[32];
		clock_format_iso8601((first_day + d) * 86400, iso, sizeof iso);
		struct val *o = val_obj(a);
		val_set(a, o, "date", val_strn(a, iso, 10));
		int64_t total = 0;
		for (int i = 0; i < NSEV; i++) {
			char key[16];
			size_t k = 0;
			for (const char *p = severity_order[i]; *p && k < sizeof key - 1; p++)
				key[k++] = (char)(*p - 'A' + 'a');
			key[k] = '\0';
			val_set_int(a, o, key, counts[i][d]);
			total += counts[i][d];
		}
		val_set_int(a, o, "total", total);
		val_push(a, days, o);
	}
	val_set(a, out, "trend", days);
	return ERR_OK;
}

static const char *rank_severity(int64_t rank)
{
	static const char *const by_rank[] = { NULL, "LOW", "MEDIUM", "HIGH", "CRITICAL" };
	return rank >= 1 && rank <= 4 ? by_rank[rank] : NULL;
}

static enum err dash_tops(struct db *db, struct arena *a, int64_t org_id, int64_t now, struct val *out)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_DASH_TOP_PRODUCTS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":now", now);
	db_bind_int(s, ":limit", 10);
	struct val *products = val_arr(a);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "vendor", db_col_text(s, 0));
		val_set_str(a, o, "name", db_col_text(s, 1));
		val_set_int(a, o, "findings", db_col_int(s, 2));
		val_set_int(a, o, "cves", db_col_int(s, 3));
		val_set_str(a, o, "severity", rank_severity(db_col_int(s, 4)));
		val_set_int(a, o, "kev", db_col_int(s, 5));
		val_push(a, products, o);
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	val_set(a, out, "top_products", products);

	s = db_stmt(db, STMT_VANS_DASH_TOP_CVES);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	db_bind_int(s, ":now", now);
	db_bind_int(s, ":limit", 10);
	struct val *cves = val_arr(a);
	while ((rc = db_step(s)) == DB_ROW) {
		struct val *o = val_obj(a);
		val_set_str(a, o, "cve_id", db_col_text(s, 0));
		val_set(a, o, "severity", db_col_null(s, 1) ? val_null(a) : val_str(a, db_col_text(s, 1)));
		val_set(a, o, "cvss_score", db_col_null(s, 2) ? val_null(a) : val_real(a, db_col_double(s, 2)));
		val_set_bool(a, o, "kev", db_col_int(s, 3) != 0);
		val_set_int(a, o, "assets", db_col_int(s, 4));
		val_set(a, o, "epss", db_col_null(s, 5) ? val_null(a) : val_real(a, db_col_double(s, 5)));
		val_push(a, cves, o);
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	val_set(a, out, "top_cves", cves);
	return ERR_OK;
}

enum err finding_dashboard(struct db *db, struct arena *a, int64_t org_id, int64_t now, struct val **out)
{
	struct val *d = val_obj(a);
	enum err e = dash_severity(db, a, org_id, now, d);
	if (e == ERR_OK)
		e = dash_totals(db, a, org_id, now, d);
	if (e == ERR_OK)
		e = dash_trend(db, a, org_id, now, d);
	if (e == ERR_OK)
		e = dash_tops(db, a, org_id, now, d);
	char iso[32];
	val_set_str(a, d, "generated_at", clock_format_iso8601(now, iso, sizeof iso));
	*out = d;
	return e;
}

enum err finding_org_brief(struct db *db, struct arena *a, int64_t org_id, struct val **out)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_ORG_BRIEF);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", org_id);
	enum db_step_rc rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		return rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
	}
	struct val *o = val_obj(a);
	val_set_str(a, o, "name", db_col_text(s, 0));
	val_set_str(a, o, "identifier", db_col_text(s, 1));
	val_set_str(a, o, "level", db_col_text(s, 2));
	db_reset(s);
	*out = o;
	return ERR_OK;
}

enum err finding_overview(struct db *db, struct arena *a, int64_t now, struct val **out)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_OVERVIEW_ORGS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":month_start", finding_month_start(now));
	struct val *orgs = val_arr(a);
	enum db_step_rc rc;
	int64_t expected = 0, missing = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		struct val *o = val_obj(a);
		val_set_int(a, o, "id", db_col_int(s, 0));
		val_set_str(a, o, "identifier", db_col_text(s, 1));
		val_set_str(a, o, "name", db_col_text(s, 2));
		const char *level = db_col_text(s, 3);
		val_set_str(a, o, "level", level);
		if (db_col_null(s, 4)) {
			val_set(a, o, "last_upload", val_null(a));
		} else {
			char iso[32];
			val_set_str(a, o, "last_upload", clock_format_iso8601(db_col_int(s, 4), iso, sizeof iso));
		}
		bool monthly = level && (strcmp(level, "A") == 0 || strcmp(level, "B") == 0 || strcmp(level, "C") == 0);
		bool uploaded = db_col_int(s, 5) > 0;
		val_set_bool(a, o, "monthly_required", monthly);
		val_set_bool(a, o, "uploaded_this_month", uploaded);
		val_set_int(a, o, "assets", db_col_int(s, 6));
		if (monthly) {
			expected++;
			missing += !uploaded;
		}
		struct val *sev = val_obj(a);
		for (int i = 0; i < NSEV; i++)
			val_set_int(a, sev, severity_order[i], 0);
		val_set(a, o, "severity", sev);
		val_set_int(a, o, "outstanding", 0);
		val_set_int(a, o, "overdue", 0);
		val_set_int(a, o, "kev", 0);
		val_push(a, orgs, o);
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;

	s = db_stmt(db, STMT_VANS_OVERVIEW_FINDINGS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":now", now);
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t org = db_col_int(s, 0);
		for (size_t i = 0; i < orgs->u.a.n; i++) {
			struct val *o = orgs->u.a.items[i];
			if (val_get(o, "id")->u.i != org)
				continue;
			struct val *sev = val_get(o, "severity");
			const char *name = severity_order[severity_index(db_col_text(s, 1))];
			val_get(sev, name)->u.i += db_col_int(s, 2);
			val_get(o, "outstanding")->u.i += db_col_int(s, 2);
			val_get(o, "overdue")->u.i += db_col_int(s, 3);
			val_get(o, "kev")->u.i += db_col_int(s, 4);
			break;
		}
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	struct val *res = val_obj(a);
	val_set(a, res, "organisations", orgs);
	val_set_int(a, res, "monthly_expected", expected);
	val_set_int(a, res, "monthly_missing", missing);
	char iso[32];
	val_set(a, res, "month", val_strn(a, clock_format_iso8601(now, iso, sizeof iso), 7));
	*out = res;
	return ERR_OK;
}
