/* CVE JSON 5 records (dataVersion 5.0, 5.1 and 5.2): a reader that turns one record
 * file, or a cvelistV5-style directory tree of them, into flat C structs for import,
 * and a validator for the records vans publishes as a CNA (CVE Record Format 5.1.1). */
#ifndef VANS_KB_CVE5_READER_H
#define VANS_KB_CVE5_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Caps: a bigger file is refused with ERR_TOO_LARGE rather than read. */
#define CVE5_MAX_FILE      (32 * 1024 * 1024)  /* bytes of one record (big ones are ~1 MB) */
#define CVE5_MAX_ITEMS     100000              /* entries of any one array */
#define CVE5_MAX_ADP       64                  /* ADP containers */
#define CVE5_MAX_DEPTH     32                  /* directory levels walked */

enum cve5_state {
	CVE5_STATE_PUBLISHED,
	CVE5_STATE_REJECTED,
	CVE5_STATE_RESERVED,
	CVE5_STATE__MAX
};

enum cve5_cvss {
	CVE5_CVSS_V2_0,
	CVE5_CVSS_V3_0,
	CVE5_CVSS_V3_1,
	CVE5_CVSS_V4_0,
	CVE5_CVSS__MAX
};

/* Strings below are NUL-terminated UTF-8 and NULL when absent. Every pointer in a
 * record (strings and arrays) is valid only during the callback. */

struct cve5_text {              /* descriptions[], rejectedReasons[] */
	const char *lang;
	const char *value;
};

struct cve5_change {            /* versions[].changes[] */
	const char *at;
	const char *status;
};

struct cve5_version {
	const char *version;
	const char *status;             /* "affected", "unaffected", "unknown" */
	const char *version_type;       /* "semver", "git", "custom", … */
	const char *less_than;
	const char *less_than_or_equal;
	const struct cve5_change *changes;
	size_t n_changes;
};

struct cve5_affected {
	const char *vendor;
	const char *product;
	const char *collection_url;
	const char *package_name;
	const char *repo;
	const char *default_status;     /* NULL means "unknown" per the schema */
	const char *const *cpes;        /* 2.2 URIs or 2.3 formatted strings, as written */
	size_t n_cpes;
	const char *const *platforms;
	size_t n_platforms;
	const struct cve5_version *versions;
	size_t n_versions;
};

struct cve5_problem {           /* one problemTypes[].descriptions[] entry */
	const char *lang;
	const char *description;
	const char *cwe_id;             /* "CWE-79", or NULL for text-only entries */
	const char *type;               /* "CWE", "text", … */
};

struct cve5_reference {
	const char *url;
	const char *name;
	const char *const *tags;
	size_t n_tags;
};

struct cve5_metric {            /* a CVSS object of metrics[] */
	enum cve5_cvss version;
	const char *vector;             /* vectorString */
	double base_score;              /* -1 when absent or not a number */
	const char *base_severity;      /* NULL for v2.0 */
	const char *scenario;           /* the first scenarios[].value, e.g. "GENERAL" */
};

/* cpeApplicability (CVE 5.1): NVD's configuration shape, copied by the schema from the NVD
 * CVE API 2.0. One element is a configuration: nodes joined by operator, each node a list
 * of CPE match criteria. */
struct cve5_cpe_match {
	bool vulnerable;
	const char *criteria;           /* a CPE 2.3 formatted string */
	const char *match_criteria_id;
	const char *version_start_including;
	const char *version_start_excluding;
	const char *version_end_including;
	const char *version_end_excluding;
};

struct cve5_cpe_node {
	const char *op;                 /* "AND" or "OR" as written; NULL when absent */
	bool negate;
	const struct cve5_cpe_match *matches;
	size_t n_matches;
};

struct cve5_applicability {
	const char *op;                 /* between the nodes; NULL when absent */
	bool negate;
	const struct cve5_cpe_node *nodes;
	size_t n_nodes;
};

/* metrics[].other of type "ssvc" (CISA-ADP's vulnrichment decision points). */
struct cve5_ssvc {
	const char *exploitation;       /* "none", "poc", "active" */
	const char *automatable;        /* "yes", "no" */
	const char *technical_impact;   /* "partial", "total" */
	const char *version;            /* "2.0.3" */
	const char *role;               /* "CISA Coordinator" */
	const char *timestamp;
};

/* metrics[].other of type "kev" (CISA-ADP's note that the CVE is in the KEV list). */
struct cve5_kev {
	const char *date_added;
	const char *reference;
};

enum cve5_container_kind { CVE5_CNA, CVE5_ADP, CVE5_CONTAINER__MAX };

struct cve5_container {
	enum cve5_container_kind kind;
	const char *org_id;             /* providerMetadata */
	const char *short_name;         /* "CISA-ADP", "CVE" (the CVE Program Container), … */
	const char *date_updated;
	const char *title;
	const char *date_public;
	const char *date_assigned;
	const struct cve5_text *descriptions;
	size_t n_descriptions;
	const struct cve5_affected *affected;
	size_t n_affected;
	const struct cve5_problem *problems;
	size_t n_problems;
	const struct cve5_reference *references;
	size_t n_references;
	const struct cve5_metric *metrics;
	size_t n_metrics;
	const struct cve5_applicability *applicability;   /* cpeApplicability[] */
	size_t n_applicability;
	const struct cve5_ssvc *ssvc;   /* NULL when none */
	const struct cve5_kev *kev;     /* NULL when none */
	const struct cve5_text *rejected_reasons;     /* REJECTED records' CNA container */
	size_t n_rejected_reasons;
	const char *const *replaced_by;
	size_t n_replaced_by;
};

struct cve5_record {
	const char *path;               /* the file read, or the name given to cve5_read_mem */
	const char *data_version;       /* "5.0", "5.1", "5.1.1", "5.2" … */
	const char *cve_id;
	enum cve5_state state;
	const char *assigner_org_id;
	const char *assigner_short_name;
	const char *date_reserved;
	const char *date_published;
	const char *date_updated;
	const char *date_rejected;
	bool has_cna;                   /* a RESERVED record may have no containers */
	struct cve5_container cna;
	const struct cve5_container *adp;
	size_t n_adp;
};

/* Returns 0 to go on; any other value stops the reader, which returns it unchanged
 * (by convention an enum err from core/err.h). */
typedef int (*cve5_record_cb)(void *ctx, const struct cve5_record *rec);

/* Reads one record file. The reader is lenient where the schema is not essential to
 * import (a wrongly typed optional field reads as absent) and strict on what a record
 * is: dataType CVE_RECORD, dataVersion 5.x, a well-formed cveId, a known state, and a
 * CNA container unless RESERVED. Returns ERR_OK, an enum err (ERR_IO, ERR_INVALID,
 * ERR_TOO_LARGE) with a message naming the file (and JSON line/column) in err, or the
 * callback's value. */
int cve5_read_file(const char *path, cve5_record_cb cb, void *ctx, char *err, size_t errlen);

/* The same over bytes in memory; name is used in messages and as rec->path. */
int cve5_read_mem(const char *name, const char *p, size_t len, cve5_record_cb cb, void *ctx,
                  char *err, size_t errlen);

struct cve5_walk_stats {
	size_t files;                   /* *.json files seen */
	size_t records;                 /* delivered to the callback */
	size_t skipped;                 /* JSON that is not a CVE record (delta.json, …) */
	size_t failed;                  /* unreadable or invalid records */
};

/* Called for each file that fails; return non-zero to stop the walk (that value is
 * returned). May be NULL: failures are then only counted. */
typedef int (*cve5_error_cb)(void *ctx, const char *path, int code, const char *msg);

/* Walks dir recursively in name order (not following symbolic links), reading every
 * regular file named *.json. A bad file does not stop the walk: it is counted and
 * passed to on_error. Returns ERR_OK, ERR_IO when dir cannot be opened (message in err),
 * ERR_TOO_LARGE past CVE5_MAX_DEPTH, or a callback's non-zero value. */
int cve5_walk_dir(const char *dir, cve5_record_cb cb, cve5_error_cb on_error, void *ctx,
                  struct cve5_walk_stats *stats, char *err, size_t errlen);

/* Checks that a record we publish satisfies the essentials of CVE Record Format
 * 5.1.1: the required fields of each state, and the formats of cveId, UUIDs, dates,
 * URLs, language tags, CWE ids, CPE names, CVSS vectors and the version/status
 * structure of affected[]. Hand-written rules, not a JSON Schema engine; it does not
 * check the enumerated properties inside CVSS objects, cpeApplicability or
 * supportingMedia beyond their shape. Returns ERR_OK, or ERR_INVALID with the first
 * problem and its JSON path (e.g. "containers.cna.affected[0].versions[1]: …") in err. */
int cve5_validate(const char *json, size_t len, char *err, size_t errlen);

const char *cve5_state_str(enum cve5_state s);
const char *cve5_cvss_str(enum cve5_cvss v);

#endif
