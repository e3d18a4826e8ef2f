/* The due-date policy table read and written as a level × severity grid, with the checks the
 * page, the CLI and the API share. */
#include "vans/due_policy.h"
#include "store/db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const due_policy_severities[4] = { "CRITICAL", "HIGH", "MEDIUM", "LOW" };

static int severity_index(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (!strcasecmp(s, due_policy_severities[i]))
			return i;
	return -1;
}

static int level_index(const char *l)
{
	if (!l || strlen(l) != 1)
		return -1;
	const char *p = strchr(DUE_POLICY_LEVELS, l[0] & ~0x20);
	return p && *p ? (int)(p - DUE_POLICY_LEVELS) : -1;
}

enum err due_policy_load(struct db *db, struct due_policy *p)
{
	memset(p, 0, sizeof *p);
	struct db_stmt *s = db_stmt(db, STMT_VANS_POLICY_DUE_LIST);
	if (!s)
		return ERR_DB;
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int l = level_index(db_col_text(s, 0)), v = severity_index(db_col_text(s, 1));
		if (l >= 0 && v >= 0)
			p->days[l][v] = db_col_int(s, 2);
	}
	enum err e = rc == DB_ERROR ? db_error(db) : ERR_OK;
	db_reset(s);
	return e;
}

enum err due_policy_check(const char *level, const char *severity, const char *days, int64_t *days_out,
			  char *err, size_t errlen)
{
	if (level_index(level) < 0) {
		snprintf(err, errlen, "level: \"%s\" is not one of A, B, C, D, E", level ? level : "");
		return ERR_INVALID;
	}
	if (!severity || severity_index(severity) < 0) {
		snprintf(err, errlen, "severity: \"%s\" is not one of CRITICAL, HIGH, MEDIUM, LOW", severity ? severity : "");
		return ERR_INVALID;
	}
	char *end;
	errno = 0;
	long long d = days && *days ? strtoll(days, &end, 10) : 0;
	if (!days || !*days || errno || *end || d < 1 || d > DUE_POLICY_MAX_DAYS) {
		snprintf(err, errlen, "days: \"%s\" is not a whole number from 1 to %d", days ? days : "",
			 DUE_POLICY_MAX_DAYS);
		return ERR_INVALID;
	}
	*days_out = d;
	return ERR_OK;
}

enum err due_policy_set(struct db *db, const struct due_policy_entry *e, size_t n)
{
	enum err rc = db_begin(db);
	if (rc != ERR_OK)
		return rc;
	for (size_t i = 0; i < n && rc == ERR_OK; i++) {
		struct db_stmt *s = db_stmt(db, STMT_VANS_POLICY_DUE_SET);
		if (!s) {
			rc = ERR_DB;
			break;
		}
		char level[2] = { e[i].level, 0 };
		db_bind_text(s, ":level", level);
		db_bind_text(s, ":severity", e[i].severity);
		db_bind_int(s, ":days", e[i].days);
		rc = db_exec(s);
	}
	if (rc == ERR_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}
