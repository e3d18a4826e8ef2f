/* A stored CVE read back as a value tree: the shape of `vans cve show`, of
 * GET /api/v1/cves/{id} and of what the CVE page renders. */
#ifndef VANS_KB_CVE_RECORD_H
#define VANS_KB_CVE_RECORD_H

#include "core/err.h"
#include "core/val.h"
#include "store/db.h"

/* ERR_NOT_FOUND when the CVE is not stored. Everything lives in the arena. */
enum err kb_cve_load(struct db *db, struct arena *a, const char *id, struct val **out);
/* True for "CVE-YYYY-NNNN…" (4 or more digits). */
int kb_cve_id_valid(const char *id);

#endif
