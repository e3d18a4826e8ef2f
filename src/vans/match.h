/* The VANS matching engine: an in-memory index of every stored NVD configuration criterion,
 * keyed by (part, vendor, product), that decides which CVEs apply to a host (the CPEs of one
 * asset identifier) with exactly the semantics of DESIGN §2; docs/matching.md says how. */
#ifndef VANS_VANS_MATCH_H
#define VANS_VANS_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "kb/cpe.h"
#include "kb/version.h"

struct db;
struct match_index;
struct match_ctx;
struct match_hosts;

/* ---- confidence --------------------------------------------------------------------- */

/* How one CPE of a host was obtained; it caps the confidence of the findings it causes. */
enum match_origin {
	MATCH_ORIGIN_GIVEN,        /* the asset's own CPE: exact 100, range 90 */
	MATCH_ORIGIN_SUGGESTED,    /* suggested by vans and accepted by the user: at most 80 */
	MATCH_ORIGIN_PRODUCT_ONLY, /* vendor and product known, version unknown: the version
				    * and its bounds are not checked, confidence 30 */
	MATCH_ORIGIN__MAX
};

#define MATCH_CONFIDENCE_EXACT 100     /* the criterion names this very version */
#define MATCH_CONFIDENCE_RANGE 90      /* a version range, a pattern or "every version" */
#define MATCH_CONFIDENCE_SUGGESTED 80
#define MATCH_CONFIDENCE_PRODUCT 30

/* The version comparison flags both sides of every version check use (docs/matching.md). */
#define MATCH_VERSION_FLAGS VERSION_FLAG_P_IS_PATCH

/* ---- building the index ------------------------------------------------------------- */

/* One stored cpeMatch row (a row of cve_match) with its node and configuration context.
 * Strings are borrowed for the duration of the call they are passed to. */
struct match_row {
	const char *cve_id;
	bool rejected;             /* of the CVE */
	int64_t seq;               /* position in the CVE, from 0 */
	int64_t config;            /* configuration number, from 0 */
	bool config_and;           /* configuration operator AND ("running on/with") */
	bool config_negate;
	int64_t node;              /* node number inside the configuration, from 0 */
	bool node_and;
	bool node_negate;
	bool vulnerable;
	const char *criteria;      /* CPE 2.3 formatted string */
	const char *start_incl;    /* version bounds as stored, NULL when absent */
	const char *start_excl;
	const char *end_incl;
	const char *end_excl;
};

/* An empty index. Free with match_index_free (NULL is a no-op). */
struct match_index *match_index_new(void);
void match_index_free(struct match_index *ix);

/* Puts one CVE with all its rows (in seq order), replacing whatever the index held for it.
 * A rejected CVE, or one without rows, is removed. Rows whose criteria do not parse are
 * kept as criteria that never match. id and rows are copied. Between the first put and
 * match_index_commit the index is half-built: nothing may match against it. */
void match_index_put_cve(struct match_index *ix, const char *id, bool rejected,
			 const struct match_row *rows, size_t n);
/* Makes the puts since the last commit matchable: rebuilds the lookup tables (linear in
 * the size of the index) and compacts away replaced CVEs when they take more room than
 * the live ones. Invalidates criterion indices of earlier findings. */
void match_index_commit(struct match_index *ix);

/* ---- from the database --------------------------------------------------------------- */

/* Calls fn for every stored row of every CVE (since == 0) or of the CVEs an import
 * stamped with a change sequence above since, grouped by CVE and in seq order. Rows of
 * rejected CVEs are included with rejected set. fn returns 0 to go on. */
typedef int (*match_row_fn)(void *ctx, const struct match_row *row);
enum err match_rows_scan(struct db *db, int64_t since, match_row_fn fn, void *ctx);

/* Builds the index from every stored configuration and commits it. */
enum err match_index_load(struct match_index *ix, struct db *db, char *err, size_t errlen);

/* The CVEs one refresh changed: indices for match_cve_id and match_hosts_changed. */
struct match_changes {
	uint32_t *cves;            /* owned; free with match_changes_free */
	size_t n;
	int64_t from_seq, to_seq;  /* the change sequences covered: (from, to] */
};
void match_changes_free(struct match_changes *ch);

/* Applies every CVE an import changed since the last load or refresh (the change_seq of
 * kb_next_change_seq) and commits; ch (may be NULL) receives the changed CVEs, including
 * those that were removed (rejected). Not concurrent with matching on the same index. */
enum err match_index_refresh(struct match_index *ix, struct db *db, struct match_changes *ch,
			     char *err, size_t errlen);

/* The change sequence the index is up to date with. */
int64_t match_index_seq(const struct match_index *ix);
/* Makes the next refresh apply and report every CVE changed after seq again, when seq is
 * below the index's: for findings that are current only up to seq. */
void match_index_rewind(struct match_index *ix, int64_t seq);

/* ---- what the index holds ------------------------------------------------------------ */

struct match_stats {
	size_t cves;               /* live (not rejected) CVEs with at least one configuration */
	size_t configs, nodes, criteria;     /* live */
	size_t matchers;           /* distinct criteria (criteria string + bounds) */
	size_t products;           /* distinct (part, vendor, product) keys */
	size_t versions;           /* distinct pre-parsed version strings */
	size_t bad_criteria;       /* distinct criteria that do not parse (never match) */
	size_t unkeyed;            /* matchers without a concrete part, vendor and product */
	size_t bytes;              /* memory the index holds */
};
void match_index_stats(const struct match_index *ix, struct match_stats *st);

/* "CVE-2021-44228" for an index from a finding or a change list; BORROWED from ix. */
const char *match_cve_id(const struct match_index *ix, uint32_t cve);

/* The stored row a finding's criterion came from; strings BORROWED from ix and valid until
 * the next commit. Bounds are unescaped ("15.3\(100\)m" → "15.3(100)m"), NULL when absent. */
struct match_criterion {
	const char *criteria;
	const char *start_incl, *start_excl, *end_incl, *end_excl;
	int64_t seq;
	bool vulnerable;
};
void match_criterion_get(const struct match_index *ix, uint32_t criterion, struct match_criterion *out);

/* ---- matching ------------------------------------------------------------------------ */

/* One CPE of a host. The cpe must stay alive and unchanged during match_host. */
struct match_cpe {
	const struct cpe *cpe;
	enum match_origin origin;
};

/* At most this many CPEs per host (the CPE index in a finding is 16 bits). */
#define MATCH_HOST_MAX_CPES 65535

/* One (host, CVE) finding: the criterion that decided it (the one with the highest
 * confidence, then the first in the CVE), which of the host's CPEs matched it, and the
 * confidence. */
struct match_finding {
	uint32_t cve;
	uint32_t criterion;
	uint16_t cpe;
	uint8_t confidence;
};

/* Scratch memory for matching: one per thread. Matching only reads the index, so several
 * contexts may match at once; refresh and commit need them all idle. */
struct match_ctx *match_ctx_new(const struct match_index *ix);
void match_ctx_free(struct match_ctx *c);

/* Matches one host: every CVE with a true configuration in which a vulnerable criterion
 * that made it true matches one of the host's CPEs. Returns the number of findings, one per
 * CVE, ordered by CVE ID (year, then number); *out is valid until the next call on c. More
 * than MATCH_HOST_MAX_CPES CPEs: only the first are used. */
size_t match_host(struct match_ctx *c, const struct match_cpe *cpes, size_t n,
		  const struct match_finding **out);

/* Restricts the following match_host calls on c to the CVEs of ch (NULL: every CVE again):
 * incremental matching. ch must stay alive while it is in effect. */
void match_ctx_only(struct match_ctx *c, const struct match_changes *ch);

/* ---- an inventory of hosts ------------------------------------------------------------- */

/* The CPEs of many hosts, indexed by product so that a feed change finds the hosts it may
 * concern without looking at the others. host is the caller's identifier (an asset
 * identifier's row id, a line number). CPE strings are copied. */
struct match_hosts *match_hosts_new(void);
void match_hosts_free(struct match_hosts *h);
/* Adds one CPE (any notation) of host; ERR_INVALID with a message when it does not parse. */
enum err match_hosts_add(struct match_hosts *h, uint64_t host, const char *cpe, size_t len,
			 enum match_origin origin, char *err, size_t errlen);
/* Groups the CPEs by host and builds the product index; call after the last add. */
void match_hosts_commit(struct match_hosts *h);
size_t match_hosts_count(const struct match_hosts *h);   /* hosts */
size_t match_hosts_cpes(const struct match_hosts *h);    /* CPEs */
size_t match_hosts_bytes(const struct match_hosts *h);

/* Called once per host that has findings (n > 0); host is its position among
 * match_hosts_count, for match_hosts_id and match_hosts_cpe. Return 0 to go on. */
typedef int (*match_host_fn)(void *ctx, size_t host, const struct match_finding *f, size_t n);

/* The caller's identifier of host, and the string of its i-th CPE as it was added (the
 * finding's cpe); BORROWED. */
uint64_t match_hosts_id(const struct match_hosts *h, size_t host);
const char *match_hosts_cpe(const struct match_hosts *h, size_t host, uint16_t i);

/* Matches every host against the whole index. */
enum err match_hosts_all(struct match_ctx *c, const struct match_hosts *h, match_host_fn fn, void *ctx);

/* Incremental matching after a refresh: matches only the hosts that have a CPE a vulnerable
 * criterion of a changed CVE could match, and only against the changed CVEs. The findings
 * reported are every (host, CVE) finding of those CVEs: a stored finding of a changed CVE
 * that is not reported has stopped matching. hosts_checked (may be NULL) receives how
 * many hosts were matched. */
enum err match_hosts_changed(struct match_ctx *c, const struct match_hosts *h, const struct match_changes *ch,
			     match_host_fn fn, void *ctx, size_t *hosts_checked);

#endif
