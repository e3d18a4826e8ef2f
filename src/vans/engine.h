/* The VANS engine of one process: the matching index held in memory, and the code that keeps
 * every organisation's findings current after an intake or a feed change (docs/vans.md). */
#ifndef VANS_VANS_ENGINE_H
#define VANS_VANS_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;

/* What one matching run did. */
struct vans_match_summary {
	size_t hosts;                /* hosts (identifiers) matched */
	size_t assets;               /* assets of those hosts */
	size_t findings_active;      /* active findings of those hosts afterwards */
	size_t findings_new;         /* findings that did not exist before */
	size_t findings_reactivated; /* inactive findings that match again */
	size_t findings_inactive;    /* findings that stopped matching */
	int64_t cve_seq;             /* the knowledge-base change sequence the index was at */
};

/* Loads the index (once per process; later calls only refresh it). `vans serve` calls it at
 * start; the other entry points call it themselves when nobody has. */
enum err vans_engine_start(struct db *db, char *err, size_t errlen);
void vans_engine_stop(void);

/* Re-matches the hosts of one organisation — those with the given identifiers, or all of
 * them when n == 0 — and writes their findings (new, reactivated, inactive, with events,
 * due dates, triage rules and pending notices). Called right after every intake. */
enum err vans_engine_match_org(struct db *db, int64_t org_id, const char *const *identifiers, size_t n,
			       struct vans_match_summary *sum, char *err, size_t errlen);

/* After a feed import or sync: applies the CVEs whose change sequence is newer than the
 * index's, re-matches only the hosts of every organisation those CVEs can concern, and
 * records new KEV entries as urgent notices. A no-op when nothing changed. */
enum err vans_engine_refresh(struct db *db, struct vans_match_summary *sum, char *err, size_t errlen);

#endif
