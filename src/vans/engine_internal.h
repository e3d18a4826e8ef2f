/* Inside the VANS engine: an organisation's hosts as the engine keeps them, the findings one
 * matching run reports, and the writer that turns them into stored findings (engine_write.c). */
#ifndef VANS_VANS_ENGINE_INTERNAL_H
#define VANS_VANS_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "vans/engine.h"
#include "vans/match.h"

struct db;

#define ENG_ORIGIN_NONE 0xff   /* an asset without a CPE the engine can use */

/* One asset. */
struct eng_asset {
	int64_t id;
	const char *cpe;           /* "" when none */
	uint8_t origin;            /* enum match_origin, or ENG_ORIGIN_NONE */
};

/* The assets of one organisation grouped into hosts (one per identifier), and the matching
 * inventory of the hosts' CPEs (host id = host number). Immutable once built. */
struct eng_org {
	int64_t org_id;
	char level;                /* 'A'…'E' */
	struct arena a;
	struct eng_asset *assets;  /* by identifier, then id */
	size_t nassets;
	const char **host_ident;   /* per host */
	uint32_t *host_first, *host_n;     /* the host's assets in assets[] */
	uint32_t *cpe_first, *cpe_n;       /* the host's matched CPEs in cpe_asset[] */
	uint32_t *cpe_asset;       /* the asset (index in assets[]) of each CPE added, in order */
	size_t nhosts;
	struct match_hosts *hosts;
	int64_t sig_count, sig_updated, sig_maxid;   /* what VANS_ENG_ASSET_SIGS said when loaded */
};

void eng_org_free(struct eng_org *o);

/* One (asset, CVE) finding a matching run reported. Strings are borrowed from the index and
 * the organisation, which stay put while the engine's read lock is held. */
struct eng_rep {
	int64_t org_id, asset_id;
	const char *cve;
	const char *criterion;
	const char *matched_cpe;
	uint8_t confidence;
};

struct eng_reps {
	struct eng_rep *v;
	size_t n, cap;
};
void eng_reps_push(struct eng_reps *r, const struct eng_rep *e);

/* Collects the (asset, CVE) findings of one matched host: the host-level findings, each
 * charged to the asset whose CPE matched, and, on a host of several CPEs, every other asset
 * whose own CPE matches one of those CVEs (a CVE can concern two products of one host). */
struct eng_collect {
	const struct match_index *ix;
	const struct eng_org *org;
	const struct match_hosts *hosts;   /* the inventory matched (host id = host number) */
	struct match_ctx *single;          /* for the per-asset check, restricted like the main one */
	struct eng_reps *reps;
	size_t hosts_matched;
};
int eng_collect_host(void *ctx, size_t host, const struct match_finding *f, size_t n);

/* What the writer compares: the reported findings (any order; sorted in place), the scope
 * (asset ids whose stored findings not reported become inactive; sorted in place) and the
 * stored findings it loads with the statement given. */
struct eng_diff {
	struct eng_reps *reps;
	int64_t *scope;
	size_t nscope;
	int64_t now;
	/* how to load the stored findings: of one organisation, or of the CVEs changed in (from, to] */
	int64_t org_id;            /* > 0: VANS_ENG_FINDINGS_ORG */
	int64_t from_seq, to_seq;  /* otherwise: VANS_ENG_FINDINGS_CHANGED */
	/* last_seen is refreshed for the assets in scope (one organisation) or the changed CVEs */
	char (*level_of)(void *ctx, int64_t org_id);
	void *level_ctx;
};

/* Loads the stored findings, writes the difference in one transaction and adds the counts
 * to sum. */
enum err eng_write_diff(struct db *db, struct eng_diff *d, struct vans_match_summary *sum, char *err, size_t errlen);

/* Applies the KEV rows newer than vans_state 'matched_kev_seq': due dates of active findings,
 * one urgent 'kev' notice per finding. *n gets how many findings were touched. */
enum err eng_apply_kev(struct db *db, int64_t now, size_t *n, char *err, size_t errlen);

/* vans_state values. */
enum err eng_state_get(struct db *db, const char *name, int64_t *value);
enum err eng_state_raise(struct db *db, const char *name, int64_t value);

/* "2025-02-13" → that day, 00:00 UTC; -1 when it is not a date. */
int64_t eng_date_unix(const char *s);

#endif
