/* The VANS engine of one process: the matching index held in memory, and the code that keeps
 * every organisation's findings current after an intake or a feed change (docs/vans.md). */
#ifndef VANS_VANS_ENGINE_H
#define VANS_VANS_ENGINE_H

#include <stdbool.h>
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
	/* a refresh only */
	size_t cves_changed;         /* CVEs whose configurations changed */
	size_t hosts_checked;        /* hosts matched again because a changed CVE may concern them */
	size_t kev_findings;         /* active findings whose CVE is newly in KEV */
	bool no_assets;              /* nothing to match: only the change sequences were recorded */
	bool refresh;                /* a refresh (not a match of one organisation) */
};

/* "12 hosts, 30 assets; findings: 41 active, 3 new, 0 reactivated, 1 inactive", for logs
 * and command output. */
void vans_match_summary_format(const struct vans_match_summary *s, char *out, size_t outlen);

/* Loads the index (once per process; later calls only refresh it). `vans serve` calls it at
 * start; the other entry points call it themselves when nobody has. */
enum err vans_engine_start(struct db *db, char *err, size_t errlen);
/* Stops the serve thread (waiting for a refresh under way) and frees the index and hosts. */
void vans_engine_stop(void);

/* `vans serve`: a thread of its own (its connection from db_thread) that starts the engine,
 * catches up with feed changes made while no engine ran, then checks MAX(cve.change_seq)
 * and MAX(kev.change_seq) every poll_seconds and refreshes when either moved, so that
 * another instance's import is picked up. */
enum err vans_engine_run(int64_t poll_seconds);
/* Makes the serve thread check at once (after a NOTIFY, say). Safe from any thread. */
void vans_engine_wake(void);

/* Re-matches the hosts of one organisation — those with the given identifiers, or all of
 * them when n == 0 — and writes their findings (new, reactivated, inactive, with events,
 * due dates, triage rules and pending notices). Called right after every intake. */
enum err vans_engine_match_org(struct db *db, int64_t org_id, const char *const *identifiers, size_t n,
			       struct vans_match_summary *sum, char *err, size_t errlen);

/* After a feed import or sync: applies the CVEs whose change sequence is newer than what
 * findings are current with (vans_state 'matched_cve_seq'), re-matches only the hosts of
 * every organisation those CVEs can concern and writes the difference for those CVEs; then
 * gives the active findings of CVEs newly in KEV (vans_state 'matched_kev_seq') the KEV due
 * date and an urgent notice. Without assets it only records the change sequences (the
 * index is not even loaded). A no-op when nothing changed. */
enum err vans_engine_refresh(struct db *db, struct vans_match_summary *sum, char *err, size_t errlen);

#endif
