/* PLACEHOLDER until the engine lands (issue 5): the entry points of vans/engine.h that match
 * nothing, so that intake can call them. Replaced wholesale by the real engine. */
#include "vans/engine.h"

#include <string.h>

enum err vans_engine_start(struct db *db, char *err, size_t errlen)
{
	(void)db, (void)err, (void)errlen;
	return ERR_OK;
}

void vans_engine_stop(void)
{
}

enum err vans_engine_match_org(struct db *db, int64_t org_id, const char *const *identifiers, size_t n,
			       struct vans_match_summary *sum, char *err, size_t errlen)
{
	(void)db, (void)org_id, (void)identifiers, (void)n, (void)err, (void)errlen;
	if (sum)
		memset(sum, 0, sizeof *sum);
	return ERR_OK;
}

enum err vans_engine_refresh(struct db *db, struct vans_match_summary *sum, char *err, size_t errlen)
{
	(void)db, (void)err, (void)errlen;
	if (sum)
		memset(sum, 0, sizeof *sum);
	return ERR_OK;
}
