/* Organisations: identified by a government OID or a 統一編號, with a security-
 * responsibility level A–E, sector, parent organisation and service mailbox. Strings of
 * returned records live in the caller's arena. */
#ifndef VANS_IDENTITY_ORG_H
#define VANS_IDENTITY_ORG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/db.h"

struct org {
	int64_t id;
	const char *kind;         /* "oid" or "ubn" */
	const char *identifier;
	const char *name;
	char level;               /* 'A'…'E' */
	const char *sector;
	int64_t parent_id;        /* 0 when none */
	const char *mailbox;
};

struct org_new {
	const char *identifier, *name, *level, *sector, *mailbox;
	int64_t parent_id;
};

/* Validates and adds; ERR_INVALID with *why set (a short English reason), ERR_EXISTS. */
enum err org_add(struct db *db, const struct org_new *o, int64_t *id, const char **why);
/* By OID or 統一編號 (exact). ERR_NOT_FOUND when there is none. */
enum err org_find(struct db *db, struct arena *a, const char *identifier, struct org *out);
enum err org_get(struct db *db, struct arena *a, int64_t id, struct org *out);
/* Every organisation, ordered by identifier; *n gets the count. */
enum err org_list(struct db *db, struct arena *a, struct org **out, size_t *n);
/* Levels D and E cannot apply for VANS permissions themselves. */
bool org_may_self_apply(const struct org *o);

#endif
