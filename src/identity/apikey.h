/* API keys of an organisation (VANS 系統管理 › API Key管理): 88 printable characters like
 * the national system's, shown once, stored as SHA-256, revocable, last use recorded.
 * apikey_resolve is what the legacy upload endpoints call with the key from a JSON body. */
#ifndef VANS_IDENTITY_APIKEY_H
#define VANS_IDENTITY_APIKEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/db.h"

#define APIKEY_LEN 88

struct apikey {
	int64_t id;
	const char *name, *prefix;
	int64_t created_at, last_used_at, revoked_at;   /* 0 when never / not */
};

enum err apikey_create(struct db *db, int64_t org_id, const char *name, int64_t created_by,
		       char key[APIKEY_LEN + 1], int64_t *id);
/* The organisation of a presented key (hash compared in constant time); records the use.
 * ERR_UNAUTHENTICATED for an unknown or revoked key. */
enum err apikey_resolve(struct db *db, const char *key, size_t len, int64_t *org_id, int64_t *key_id);
enum err apikey_list(struct db *db, struct arena *a, int64_t org_id, struct apikey **out, size_t *n);
/* ERR_NOT_FOUND unless the key belongs to org_id and is not revoked yet. */
enum err apikey_revoke(struct db *db, int64_t org_id, int64_t id);

#endif
