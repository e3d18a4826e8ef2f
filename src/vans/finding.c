/* Findings as people read and triage them (see finding.h): the list's filters and paging,
 * one finding with its history, triage with its events and per-product rules. */
#include "vans/finding.h"
#include "core/alloc.h"
#include "core/clock.h"
#include "kb/cpe.h"
#include "store/db.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const finding_status_names[FINDING_STATUS__MAX] = {
	"open", "in_progress", "fixed", "risk_accepted", "false_positive", "not_affected",
};

const char *const finding_vex_justifications[] = {
	"code_not_present", "code_not_reachable", "requires_configuration", "requires_dependency",
	"requires_environment", "protected_by_compiler", "protected_at_runtime", "protected_at_perimeter",
	"protected_by_mitigating_control",
};
const size_t finding_vex_justification_count =
	sizeof finding_vex_justifications / sizeof finding_vex_justifications[0];

const char *const finding_query_params[] = {
	"severity", "status", "kev", "overdue", "cve", "asset", "group", "category", "state", "confidence",
	"sort", "dir", "per_page", NULL,
};

int finding_status_parse(const char *s)
{
	for (int i = 0; s && i < FINDING_STATUS__MAX; i++)
		if (strcmp(s, finding_status_names[i]) == 0)
			return i;
	return -1;
}

bool finding_vex_justification_valid(const char *s)
{
	for (size_t i = 0; s && i < finding_vex_justification_count; i++)
		if (strcmp(s, finding_vex_justifications[i]) == 0)
			return true;
	return false;
}

bool finding_outstanding(const char *status, bool active, int64_t until, bool has_until, int64_t now)
{
	if (!active || !status)
		return false;
	if (strcmp(status, "open") == 0 || strcmp(status, "in_progress") == 0)
		return true;
	return strcmp(status, "risk_accepted") == 0 && has_until && until < now;
}

bool finding_overdue(const char *status, bool active, int64_t until, bool has_until, int64_t due_at, bool has_due,
		     int64_t now)
{
	return has_due && due_at < now && finding_outstanding(status, active, until, has_until, now);
}

int64_t finding_due_at(const char *kev_due_date, int policy_days, int64_t first_seen)
{
	int64_t t;
	if (kev_due_date && strlen(kev_due_date) == 10 && clock_parse_iso8601(kev_due_date, 10, &t) == 0)
		return t + 86400;   /* due by the end of that day */
	if (policy_days > 0)
		return first_seen + (int64_t)policy_days * 86400;
	return 0;
}

int64_t finding_month_start(int64_t t)
{
	char iso[32];
	clock_format_iso8601(t, iso, sizeof iso);
	int64_t start;
	memcpy(iso + 8, "01", 2);
	return clock_parse_iso8601(iso, 10, &start) == 0 ? start : t;
}

/* --- the list --- */

static bool one_of(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static bool parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* "%text%" lower-cased for LIKE, with the pattern characters escaped by '\'. */
static const char *like_pattern(struct arena *a, const char *s, bool prefix_only, bool upper)
{
	size_t n = strlen(s);
	char *p = arena_alloc(a, 2 * n + 3);
	size_t k = 0;
	if (!prefix_only)
		p[k++] = '%';
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%' || c == '_' || c == '\\')
			p[k++] = '\\';
		p[k++] = upper ? (char)toupper((unsigned char)c) : (char)tolower((unsigned char)c);
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

static const char *trimmed(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n ? arena_strndup(a, s, n) : NULL;
}

enum err finding_query_parse(struct finding_query *q, struct arena *a, int64_t org_id, int64_t now,
			     const char *(*get)(void *ctx, const char *name), void *ctx, const char **bad)
{
	static const char *const severities[] = { "CRITICAL", "HIGH", "MEDIUM", "LOW", "NONE", NULL };
	static const char *const categories[] = { "system", "pc", "network", "ics", NULL };
	static const char *const sorts[] = { "severity", "cvss", "epss", "due", "first_seen", "confidence", "cve",
					     "asset", "status", NULL };
	memset(q, 0, sizeof *q);
	q->org_id = org_id;
	q->now = now;
	q->active = 1;
	q->sort = "severity";
	q->dir = -1;
	q->page = 1;
	q->per_page = FINDING_PER_PAGE_DEFAULT;
	const char *v;
#define BAD(name) do { *bad = name; return ERR_INVALID; } while (0)
	if ((v = trimmed(a, get(ctx, "severity")))) {
		char *up = arena_strdup(a, v);
		for (char *p = up; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (!one_of(up, severities))
			BAD("severity");
		q->severity = up;
	}
	if ((v = trimmed(a, get(ctx, "status")))) {
		if (finding_status_parse(v) < 0)
			BAD("status");
		q->status = v;
	}
	if ((v = get(ctx, "kev")) && *v)
		q->kev_only = strcmp(v, "0") != 0;
	if ((v = get(ctx, "overdue")) && *v)
		q->overdue_only = strcmp(v, "0") != 0;
	if ((v = trimmed(a, get(ctx, "cve")))) {
		if (strlen(v) > 30)
			BAD("cve");
		q->cve = like_pattern(a, v, true, true);
	}
	if ((v = trimmed(a, get(ctx, "asset")))) {
		if (strlen(v) > 200)
			BAD("asset");
		q->asset = like_pattern(a, v, false, false);
	}
	if ((v = trimmed(a, get(ctx, "group")))) {
		if (strlen(v) > 100)
			BAD("group");
		q->group_code = v;
	}
	if ((v = trimmed(a, get(ctx, "category")))) {
		if (!one_of(v, categories))
			BAD("category");
		q->category = v;
	}
	if ((v = trimmed(a, get(ctx, "state")))) {
		if (strcmp(v, "active") == 0)
			q->active = 1;
		else if (strcmp(v, "inactive") == 0)
			q->active = 0;
		else if (strcmp(v, "all") == 0)
			q->active = -1;
		else
			BAD("state");
	}
	int64_t n;
	if ((v = trimmed(a, get(ctx, "confidence")))) {
		if (!parse_int(v, 0, 100, &n))
			BAD("confidence");
		q->min_confidence = (int)n;
	}
	if ((v = trimmed(a, get(ctx, "sort")))) {
		if (!one_of(v, sorts))
			BAD("sort");
		q->sort = v;
		/* text keys read naturally A→Z, figures largest first */
		q->dir = strcmp(v, "cve") == 0 || strcmp(v, "asset") == 0 || strcmp(v, "status") == 0 ||
				 strcmp(v, "due") == 0 ? 1 : -1;
	}
	if ((v = trimmed(a, get(ctx, "dir")))) {
		if (strcmp(v, "asc") == 0)
			q->dir = 1;
		else if (strcmp(v, "desc") == 0)
			q->dir = -1;
		else
			BAD("dir");
	}
	if ((v = trimmed(a, get(ctx, "page")))) {
		if (!parse_int(v, 1, 1000000, &n))
			BAD("page");
		q->page = n;
	}
	if ((v = trimmed(a, get(ctx, "per_page")))) {
		if (!parse_int(v, 1, FINDING_PER_PAGE_MAX, &n))
			BAD("per_page");
		q->per_page = n;
	}
#undef BAD
	return ERR_OK;
}

static void bind_query(struct db_stmt *s, const struct finding_query *q)
{
	db_bind_int(s, ":org_id", q->org_id);
	db_bind_text(s, ":severity", q->severity);
	db_bind_text(s, ":status", q->status);
	db_bind_int(s, ":kev_only", q->kev_only);
	db_bind_int(s, ":overdue_only", q->overdue_only);
	db_bind_int(s, ":now", q->now);
	db_bind_text(s, ":cve", q->cve);
	db_bind_text(s, ":asset", q->asset);
	db_bind_text(s, ":group_code", q->group_code);
	db_bind_text(s, ":category", q->category);
	if (q->active >= 0)
		db_bind_int(s, ":active", q->active);
	else
		db_bind_null(s, ":active");
	if (q->min_confidence > 0)
		db_bind_int(s, ":min_confidence", q->min_confidence);
	else
		db_bind_null(s, ":min_confidence");
	if (q->finding_id > 0)
		db_bind_int(s, ":finding_id", q->finding_id);
	else
		db_bind_null(s, ":finding_id");
}

static struct val *text_or_null(struct arena *a, struct db_stmt *s, int col)
{
	return db_col_null(s, col) ? val_null(a) : val_str(a, db_col_text(s, col));
}

static struct val *time_or_null(struct arena *a, struct db_stmt *s, int col)
{
	if (db_col_null(s, col))
		return val_null(a);
	char iso[32];
	return val_str(a, clock_format_iso8601(db_col_int(s, col), iso, sizeof iso));
}

/* The finding object of one row of VANS_FINDING_QUERY (and the start of VANS_FINDING_GET). */
static struct val *row_to_val(struct arena *a, struct db_stmt *s, int64_t now)
{
	struct val *o = val_obj(a);
	val_set_int(a, o, "id", db_col_int(s, 0));
	val_set_str(a, o, "cve_id", db_col_text(s, 1));
	val_set_bool(a, o, "active", db_col_int(s, 2) != 0);
	val_set_str(a, o, "status", db_col_text(s, 3));
	val_set_int(a, o, "confidence", db_col_int(s, 4));
	val_set(a, o, "due_at", time_or_null(a, s, 5));
	val_set(a, o, "first_seen", time_or_null(a, s, 6));
	val_set(a, o, "last_seen", time_or_null(a, s, 7));
	val_set(a, o, "inactive_since", time_or_null(a, s, 29));
	val_set_str(a, o, "owner", db_col_text(s, 8));
	val_set_str(a, o, "note", db_col_text(s, 9));
	val_set(a, o, "status_until", time_or_null(a, s, 10));
	val_set_str(a, o, "vex_justification", db_col_text(s, 11));
	val_set_str(a, o, "matched_cpe", db_col_text(s, 12));
	val_set_str(a, o, "criterion", db_col_text(s, 30));
	/* the same rules as the SQL's filters (VF_OUTSTANDING, VF_OVERDUE) */
	const char *status = db_col_text(s, 3);
	bool active = db_col_int(s, 2) != 0, has_until = !db_col_null(s, 10), has_due = !db_col_null(s, 5);
	int64_t until = db_col_int(s, 10), due = db_col_int(s, 5);
	val_set_bool(a, o, "outstanding", finding_outstanding(status, active, until, has_until, now));
	val_set_bool(a, o, "overdue", finding_overdue(status, active, until, has_until, due, has_due, now));
	val_set_bool(a, o, "acceptance_expired", strcmp(status, "risk_accepted") == 0 && has_until && until < now);
	struct val *asset = val_obj(a);
	val_set_int(a, asset, "id", db_col_int(s, 13));
	val_set_str(a, asset, "identifier", db_col_text(s, 14));
	val_set_str(a, asset, "name", db_col_text(s, 15));
	val_set_str(a, asset, "vendor", db_col_text(s, 16));
	val_set_str(a, asset, "version", db_col_text(s, 17));
	val_set_str(a, asset, "category", db_col_text(s, 18));
	val_set_str(a, asset, "cpe", db_col_text(s, 19));
	val_set_str(a, asset, "group_code", db_col_text(s, 20));
	val_set_str(a, asset, "group_name", db_col_text(s, 21));
	val_set(a, o, "asset", asset);
	val_set(a, o, "severity", text_or_null(a, s, 22));
	val_set(a, o, "cvss_score", db_col_null(s, 23) ? val_null(a) : val_real(a, db_col_double(s, 23)));
	val_set(a, o, "cvss_version", text_or_null(a, s, 24));
	val_set(a, o, "cvss_vector", text_or_null(a, s, 31));
	bool kev = db_col_int(s, 25) != 0;
	val_set_bool(a, o, "kev", kev);
	val_set(a, o, "kev_due_date", text_or_null(a, s, 26));
	val_set(a, o, "kev_ransomware", text_or_null(a, s, 27));
	val_set(a, o, "epss", db_col_null(s, 28) ? val_null(a) : val_real(a, db_col_double(s, 28)));
	return o;
}

enum err finding_list(struct db *db, struct arena *a, const struct finding_query *q, struct val **items,
		      int64_t *total)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_FINDING_QUERY_COUNT);
	if (!s)
		return ERR_DB;
	bind_query(s, q);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return ERR_DB;
	}
	*total = db_col_int(s, 0);
	db_reset(s);
	s = db_stmt(db, STMT_VANS_FINDING_QUERY);
	if (!s)
		return ERR_DB;
	bind_query(s, q);
	db_bind_text(s, ":sort", q->sort);
	db_bind_int(s, ":dir", q->dir >= 0 ? 1 : -1);
	db_bind_int(s, ":limit", q->per_page);
	db_bind_int(s, ":offset", (q->page - 1) * q->per_page);
	*items = val_arr(a);
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW)
		val_push(a, *items, row_to_val(a, s, q->now));
	db_reset(s);
	return rc == DB_DONE ? ERR_OK : ERR_DB;
}

enum err finding_get(struct db *db, struct arena *a, int64_t org_id, int64_t id, int64_t now, struct val **out)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_FINDING_GET);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	db_bind_int(s, ":org_id", org_id);
	enum db_step_rc rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		return rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
	}
	struct val *f = row_to_val(a, s, now);
	struct val *cve = val_obj(a);
	val_set(a, cve, "kev_date_added", text_or_null(a, s, 32));
	val_set(a, cve, "kev_required_action", text_or_null(a, s, 33));
	val_set(a, cve, "kev_name", text_or_null(a, s, 34));
	val_set(a, cve, "epss_percentile", db_col_null(s, 35) ? val_null(a) : val_real(a, db_col_double(s, 35)));
	struct val *asset = val_get(f, "asset");
	val_set_str(a, asset, "cpe_origin", db_col_text(s, 36));
	val_set_str(a, asset, "cpe_title", db_col_text(s, 37));
	val_set_str(a, asset, "owner", db_col_text(s, 38));
	val_set_str(a, asset, "department", db_col_text(s, 39));
	val_set(a, f, "updated_at", time_or_null(a, s, 40));
	val_set_str(a, cve, "description", db_col_text(s, 41));
	val_set_str(a, cve, "published", db_col_text(s, 42));
	val_set(a, f, "cve", cve);
	db_reset(s);

	s = db_stmt(db, STMT_VANS_FINDING_EVENTS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	db_bind_int(s, ":org_id", org_id);
	struct val *events = val_arr(a);
	while ((rc = db_step(s)) == DB_ROW) {
		struct val *e = val_obj(a);
		val_set_int(a, e, "id", db_col_int(s, 0));
		val_set(a, e, "at", time_or_null(a, s, 1));
		val_set_str(a, e, "kind", db_col_text(s, 2));
		val_set_str(a, e, "old_value", db_col_text(s, 3));
		val_set_str(a, e, "new_value", db_col_text(s, 4));
		val_set_str(a, e, "detail", db_col_text(s, 5));
		if (!db_col_null(s, 6)) {
			val_set_str(a, e, "by_username", db_col_text(s, 7));
			val_set_str(a, e, "by_name", db_col_text(s, 8));
		}
		val_push(a, events, e);
	}
	db_reset(s);
	if (rc != DB_DONE)
		return ERR_DB;
	val_set(a, f, "events", events);
	*out = f;
	return ERR_OK;
}

/* --- triage --- */

enum err finding_triage_check(const struct finding_triage *t, int64_t now, const char **why)
{
	int st = finding_status_parse(t->status);
	if (st < 0) {
		*why = "status";
		return ERR_INVALID;
	}
	if (st == FINDING_RISK_ACCEPTED && t->status_until <= now) {
		*why = "status_until";   /* an acceptance needs an expiry, and a future one */
		return ERR_INVALID;
	}
	if (st == FINDING_NOT_AFFECTED && !finding_vex_justification_valid(t->vex_justification)) {
		*why = "vex_justification";
		return ERR_INVALID;
	}
	if (t->note && strlen(t->note) > FINDING_NOTE_MAX) {
		*why = "note";
		return ERR_INVALID;
	}
	if (t->owner && strlen(t->owner) > FINDING_OWNER_MAX) {
		*why = "owner";
		return ERR_INVALID;
	}
	return ERR_OK;
}

bool finding_cpe_product(const char *cpe, char *vendor, size_t vlen, char *product, size_t plen)
{
	if (!cpe || !*cpe)
		return false;
	struct cpe *c = xmalloc(sizeof *c);
	char err[64];
	bool ok = false;
	if (cpe_parse(cpe, strlen(cpe), c, err, sizeof err) == 0 && cpe_kind_of(c, CPE_ATTR_VENDOR) == CPE_KIND_VALUE &&
	    cpe_kind_of(c, CPE_ATTR_PRODUCT) == CPE_KIND_VALUE) {
		/* the literal values, lower-cased: what the engine compares triage rules with */
		const char *v = cpe_text(c, CPE_ATTR_VENDOR, NULL), *p = cpe_text(c, CPE_ATTR_PRODUCT, NULL);
		snprintf(vendor, vlen, "%s", v ? v : "");
		snprintf(product, plen, "%s", p ? p : "");
		for (char *q = vendor; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		for (char *q = product; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		ok = *vendor && *product && !cpe_has_wildcards(c, CPE_ATTR_VENDOR) && !cpe_has_wildcards(c, CPE_ATTR_PRODUCT);
	}
	free(c);
	return ok;
}

struct triage_run {
	int64_t org_id, id, account_id, now;
	const struct finding_triage *t;
	size_t changed;
	const char *why;
};

static enum err add_event(struct db *db, int64_t finding_id, const struct triage_run *run, const char *kind,
			  const char *old_value, const char *new_value, const char *detail)
{
	struct db_stmt *s = db_stmt(db, STMT_VANS_FINDING_EVENT_ADD);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":finding_id", finding_id);
	db_bind_int(s, ":at", run->now);
	if (run->account_id > 0)
		db_bind_int(s, ":account_id", run->account_id);
	else
		db_bind_null(s, ":account_id");
	db_bind_text(s, ":kind", kind);
	db_bind_text(s, ":old_value", old_value ? old_value : "");
	db_bind_text(s, ":new_value", new_value ? new_value : "");
	db_bind_text(s, ":detail", detail ? detail : "");
	return db_exec(s);
}

/* The status as the history shows it: "risk_accepted" carries its expiry date and
 * "not_affected" its justification, so a change of either is a change of status. */
static const char *status_text(char *buf, size_t n, const char *status, int64_t until, bool has_until,
			       const char *just)
{
	if (strcmp(status, "risk_accepted") == 0 && has_until) {
		char iso[32];
		clock_format_iso8601(until, iso, sizeof iso);
		snprintf(buf, n, "%s until %.10s", status, iso);
	} else if (strcmp(status, "not_affected") == 0 && just && *just) {
		snprintf(buf, n, "%s: %s", status, just);
	} else {
		snprintf(buf, n, "%s", status);
	}
	return buf;
}

/* Changes one finding; counts it when anything changed. */
static enum err triage_one(struct db *db, struct triage_run *run, int64_t id, const char *detail)
{
	const struct finding_triage *t = run->t;
	struct db_stmt *s = db_stmt(db, STMT_VANS_FINDING_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", id);
	db_bind_int(s, ":org_id", run->org_id);
	enum db_step_rc rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		return rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
	}
	char old_status[300], new_status[300];
	bool had_until = !db_col_null(s, 1);
	status_text(old_status, sizeof old_status, db_col_text(s, 0), db_col_int(s, 1), had_until, db_col_text(s, 2));
	char *old_note = xstrdup(db_col_text(s, 3)), *old_owner = xstrdup(db_col_text(s, 4));
	db_reset(s);
	int st = finding_status_parse(t->status);
	bool until = st == FINDING_RISK_ACCEPTED;
	const char *just = st == FINDING_NOT_AFFECTED ? t->vex_justification : "";
	status_text(new_status, sizeof new_status, t->status, t->status_until, until, just);
	const char *note = t->note ? t->note : old_note, *owner = t->owner ? t->owner : old_owner;
	enum err e = ERR_OK;
	bool changed = false;
	if (strcmp(old_status, new_status) != 0) {
		changed = true;
		e = add_event(db, id, run, "status", old_status, new_status, detail);
	}
	if (e == ERR_OK && strcmp(old_note, note) != 0) {
		changed = true;
		e = add_event(db, id, run, "note", old_note, note, detail);
	}
	if (e == ERR_OK && strcmp(old_owner, owner) != 0) {
		changed = true;
		e = add_event(db, id, run, "owner", old_owner, owner, detail);
	}
	if (e == ERR_OK && changed) {
		s = db_stmt(db, STMT_VANS_FINDING_TRIAGE);
		if (!s) {
			e = ERR_DB;
			goto out;
		}
		db_bind_text(s, ":status", t->status);
		if (until)
			db_bind_int(s, ":status_until", t->status_until);
		else
			db_bind_null(s, ":status_until");
		db_bind_text(s, ":vex_justification", just);
		db_bind_text(s, ":note", note);
		db_bind_text(s, ":owner", owner);
		db_bind_int(s, ":now", run->now);
		db_bind_int(s, ":id", id);
		db_bind_int(s, ":org_id", run->org_id);
		e = db_exec(s);
		if (e == ERR_OK)
			run->changed++;
	}
out:
	free(old_note);
	free(old_owner);
	return e;
}

static enum err triage_tx(struct db *db, void *ctx)
{
	struct triage_run *run = ctx;
	const struct finding_triage *t = run->t;
	const char *by = run->account_id > 0 ? "" : "api_key";
	if (!t->to_product)
		return triage_one(db, run, run->id, by);

	/* which product: the CPE that matched (as the engine reads rules), else the asset's */
	struct db_stmt *s = db_stmt(db, STMT_VANS_FINDING_STATE);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":id", run->id);
	db_bind_int(s, ":org_id", run->org_id);
	enum db_step_rc rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		return rc == DB_DONE ? ERR_NOT_FOUND : ERR_DB;
	}
	char cve[64], vendor[256], product[256];
	snprintf(cve, sizeof cve, "%s", db_col_text(s, 5));
	bool ok = finding_cpe_product(db_col_text(s, 7), vendor, sizeof vendor, product, sizeof product) ||
		  finding_cpe_product(db_col_text(s, 6), vendor, sizeof vendor, product, sizeof product);
	db_reset(s);
	if (!ok) {
		run->why = "to_product";
		return ERR_INVALID;
	}
	int st = finding_status_parse(t->status);
	s = db_stmt(db, STMT_VANS_TRIAGE_RULE_PUT);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", run->org_id);
	db_bind_text(s, ":cve_id", cve);
	db_bind_text(s, ":vendor", vendor);
	db_bind_text(s, ":product", product);
	db_bind_text(s, ":status", t->status);
	if (st == FINDING_RISK_ACCEPTED)
		db_bind_int(s, ":status_until", t->status_until);
	else
		db_bind_null(s, ":status_until");
	db_bind_text(s, ":vex_justification", st == FINDING_NOT_AFFECTED ? t->vex_justification : "");
	db_bind_text(s, ":note", t->note ? t->note : "");
	if (run->account_id > 0)
		db_bind_int(s, ":created_by", run->account_id);
	else
		db_bind_null(s, ":created_by");
	db_bind_int(s, ":now", run->now);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return ERR_DB;
	}
	int64_t rule = db_col_int(s, 0);
	db_reset(s);

	/* the organisation's findings of this CVE, kept when their product is the rule's */
	s = db_stmt(db, STMT_VANS_TRIAGE_RULE_TARGETS);
	if (!s)
		return ERR_DB;
	db_bind_int(s, ":org_id", run->org_id);
	db_bind_text(s, ":cve_id", cve);
	size_t n = 0, cap = 16;
	int64_t *ids = xmalloc(cap * sizeof *ids);
	while ((rc = db_step(s)) == DB_ROW) {
		char v[256], p[256];
		bool same = (finding_cpe_product(db_col_text(s, 2), v, sizeof v, p, sizeof p) ||
			     finding_cpe_product(db_col_text(s, 1), v, sizeof v, p, sizeof p)) &&
			    strcmp(v, vendor) == 0 && strcmp(p, product) == 0;
		if (!same)
			continue;
		if (n == cap) {
			cap *= 2;
			ids = xrealloc(ids, cap * sizeof *ids);
		}
		ids[n++] = db_col_int(s, 0);
	}
	db_reset(s);
	enum err e = rc == DB_DONE ? ERR_OK : ERR_DB;
	char detail[600];
	snprintf(detail, sizeof detail, "rule %lld: %s:%s%s", (long long)rule, vendor, product,
		 run->account_id > 0 ? "" : " (api_key)");
	for (size_t i = 0; e == ERR_OK && i < n; i++)
		e = triage_one(db, run, ids[i], ids[i] == run->id ? (run->account_id > 0 ? "" : "api_key") : detail);
	free(ids);
	return e;
}

enum err finding_triage_apply(struct db *db, int64_t org_id, int64_t id, int64_t account_id,
			      const struct finding_triage *t, int64_t now, size_t *changed, const char **why)
{
	*changed = 0;
	*why = NULL;
	enum err e = finding_triage_check(t, now, why);
	if (e != ERR_OK)
		return e;
	struct triage_run run = { .org_id = org_id, .id = id, .account_id = account_id, .now = now, .t = t };
	e = db_transaction(db, triage_tx, &run);
	*changed = e == ERR_OK ? run.changed : 0;
	*why = run.why;
	return e;
}
