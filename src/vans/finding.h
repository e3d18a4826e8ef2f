/* Findings as people read and triage them: the filtered list, one finding with its CVE facts
 * and history, triage (status, note, owner; one rule for a product across versions and
 * assets of one organisation), the dashboard's figures and the operator's overview. Every
 * function over an organisation's data takes its org_id and never reads past it. */
#ifndef VANS_VANS_FINDING_H
#define VANS_VANS_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/val.h"

struct db;

#define FINDING_PER_PAGE_DEFAULT 50
#define FINDING_PER_PAGE_MAX 500
#define FINDING_EXPORT_MAX 100000   /* rows of one export */
#define FINDING_NOTE_MAX 4000
#define FINDING_OWNER_MAX 200
#define FINDING_TREND_DAYS 90

/* The statuses, in the order people see them. */
enum finding_status {
	FINDING_OPEN,            /* 未處理 */
	FINDING_IN_PROGRESS,     /* 處理中 */
	FINDING_FIXED,           /* 已修補 */
	FINDING_RISK_ACCEPTED,   /* 風險接受, until an expiry date */
	FINDING_FALSE_POSITIVE,  /* 誤判 */
	FINDING_NOT_AFFECTED,    /* 不受影響, with a CycloneDX VEX justification */
	FINDING_STATUS__MAX
};
extern const char *const finding_status_names[FINDING_STATUS__MAX];
/* -1 when s is not a status name. */
int finding_status_parse(const char *s);
/* CycloneDX's impact-analysis justifications (the values not_affected requires). */
extern const char *const finding_vex_justifications[];
extern const size_t finding_vex_justification_count;
bool finding_vex_justification_valid(const char *s);

/* Whether a finding still asks for work at `now`: active, and open, in progress, or a risk
 * acceptance whose expiry (until) has passed. */
bool finding_outstanding(const char *status, bool active, int64_t until, bool has_until, int64_t now);
/* Outstanding and past its due date. */
bool finding_overdue(const char *status, bool active, int64_t until, bool has_until, int64_t due_at, bool has_due,
		     int64_t now);
/* The due time of a finding first seen at first_seen: the end of the KEV due date (UTC) when
 * the CVE is in KEV ("YYYY-MM-DD"), else first_seen + policy_days; 0 when neither applies. */
int64_t finding_due_at(const char *kev_due_date, int policy_days, int64_t first_seen);
/* The start of the calendar month (UTC) holding t. */
int64_t finding_month_start(int64_t t);

/* The list's filters, every one optional. Parsed from query parameters by name. */
struct finding_query {
	int64_t org_id;
	const char *severity;        /* CRITICAL HIGH MEDIUM LOW NONE */
	const char *status;          /* a status name */
	const char *cve;             /* "CVE-2021-44" matches as a prefix */
	const char *asset;           /* part of the asset's name or vendor */
	const char *group_code;
	const char *category;        /* system pc network ics */
	bool kev_only, overdue_only;
	int active;                  /* 1 active (the default), 0 inactive, -1 both */
	int min_confidence;          /* 0: any */
	int64_t finding_id;          /* 0: any */
	const char *sort;            /* severity cvss epss due first_seen confidence cve asset status */
	int dir;                     /* 1 ascending, -1 descending */
	int64_t page, per_page;
	int64_t now;
};
/* Fills q from parameters get(ctx, name) gives (NULL when absent): severity, status, kev,
 * overdue, cve, asset, group, category, state (active|inactive|all), confidence, sort, dir,
 * page, per_page. On ERR_INVALID *bad names the parameter. Strings live in arena. */
enum err finding_query_parse(struct finding_query *q, struct arena *a, int64_t org_id, int64_t now,
			     const char *(*get)(void *ctx, const char *name), void *ctx, const char **bad);
extern const char *const finding_query_params[];   /* the names above, NULL-terminated */

/* The page of findings q asks for: *items an array of finding objects (see finding.c's
 * row_to_val for the keys, which are also the JSON API's), *total the count of all matches. */
enum err finding_list(struct db *db, struct arena *a, const struct finding_query *q, struct val **items,
		      int64_t *total);
/* One finding of the organisation, with "cve" (description, published, KEV and EPSS detail)
 * and "events" (its history, oldest first, with who). ERR_NOT_FOUND when it is another's. */
enum err finding_get(struct db *db, struct arena *a, int64_t org_id, int64_t id, int64_t now, struct val **out);

/* A triage decision. note/owner NULL: unchanged. status_until: the expiry of risk_accepted. */
struct finding_triage {
	const char *status;
	int64_t status_until;
	const char *vex_justification;
	const char *note, *owner;
	bool to_product;             /* also every finding of this CVE on the same product (any
				      * version, any asset) of the organisation, now and later */
};
/* Checks a decision: ERR_INVALID with *why naming the problem ("status", "status_until",
 * "vex_justification", "note", "owner"). */
enum err finding_triage_check(const struct finding_triage *t, int64_t now, const char **why);
/* Applies it to finding id of org_id in one transaction, writing a finding_events row per
 * changed field; account_id 0 for an API key (then the events say so). With to_product, a
 * triage_rules row is written and every finding it covers changes the same way; *changed
 * counts the findings changed. ERR_NOT_FOUND: not this organisation's finding; ERR_INVALID
 * (with *why) when the decision is not valid or to_product and the asset has no CPE. */
enum err finding_triage_apply(struct db *db, int64_t org_id, int64_t id, int64_t account_id,
			      const struct finding_triage *t, int64_t now, size_t *changed, const char **why);
/* The vendor and product of a CPE (2.3 formatted string or 2.2 URI): their literal values,
 * lower-cased, as triage_rules holds them and the engine compares them; false when cpe does
 * not parse or names no concrete vendor and product. */
bool finding_cpe_product(const char *cpe, char *vendor, size_t vlen, char *product, size_t plen);

/* The dashboard of one organisation: "severity" (outstanding findings per severity, with KEV
 * and overdue), totals, "resolved_month", "trend" (FINDING_TREND_DAYS days of active findings
 * per severity), "top_products" and "top_cves". */
enum err finding_dashboard(struct db *db, struct arena *a, int64_t org_id, int64_t now, struct val **out);
/* Every organisation with its last upload, whether it uploaded this month, and its
 * outstanding and overdue findings by severity (the operator's 機關總覽). */
enum err finding_overview(struct db *db, struct arena *a, int64_t now, struct val **out);

/* The organisation's name, identifier and level, for reports. */
enum err finding_org_brief(struct db *db, struct arena *a, int64_t org_id, struct val **out);

#endif
