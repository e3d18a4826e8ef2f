/* The due-date policy of findings whose CVE is not in KEV: days to fix by organisation level
 * (A–E) and severity. New findings take it; existing findings keep the due date they got. */
#ifndef VANS_VANS_DUE_POLICY_H
#define VANS_VANS_DUE_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;

#define DUE_POLICY_LEVELS "ABCDE"
#define DUE_POLICY_MAX_DAYS 3650

/* The four severities with a policy, most severe first ("CRITICAL" … "LOW"). */
extern const char *const due_policy_severities[4];

/* days[level 0..4][severity 0..3]; 0 where the table has no row (no due date). */
struct due_policy {
	int64_t days[5][4];
};

enum err due_policy_load(struct db *db, struct due_policy *p);

/* Checks one entry: level one of A–E, severity one of due_policy_severities (any case),
 * days 1..DUE_POLICY_MAX_DAYS. ERR_INVALID with a message naming the field otherwise. */
enum err due_policy_check(const char *level, const char *severity, const char *days, int64_t *days_out,
			  char *err, size_t errlen);

/* Stores the given entries in one transaction (all or none). */
struct due_policy_entry {
	char level;
	const char *severity;   /* upper case, one of due_policy_severities */
	int64_t days;
};
enum err due_policy_set(struct db *db, const struct due_policy_entry *e, size_t n);

#endif
