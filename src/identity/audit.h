/* The audit log of every authentication and permission event: who, what, when, from where.
 * Append-only (the table refuses UPDATE and DELETE) and chained: each entry's hash covers
 * the previous entry's hash, so a changed or removed entry is detected by audit_verify. */
#ifndef VANS_IDENTITY_AUDIT_H
#define VANS_IDENTITY_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/db.h"

struct audit_entry {
	int64_t id, at, actor_id, org_id;     /* actor_id, org_id 0 when none */
	const char *actor, *action, *target, *ip, *detail, *prev_hash, *hash;
};

/* Appends one entry in its own transaction (never call it inside another one). */
enum err audit_append(struct db *db, int64_t actor_id, const char *actor, int64_t org_id, const char *action,
		      const char *target, const char *ip, const char *detail);
/* Newest first; org_id 0 lists every organisation's (the operator's view). */
enum err audit_list(struct db *db, struct arena *a, int64_t org_id, int64_t limit, struct audit_entry **out,
		    size_t *n);
/* Walks the whole chain. ERR_OK, or ERR_CONFLICT with *bad_id the first broken entry. */
enum err audit_verify(struct db *db, int64_t *count, int64_t *bad_id);

#endif
