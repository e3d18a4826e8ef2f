/* Streaming reader of NVD CVE feeds: the CVE API 2.0 format (feed files and API response
 * pages) and the legacy 1.1 feeds, normalised into one record per CVE handed to a callback.
 * Memory stays flat: each record lives in an arena that is reset before the next one. */
#ifndef VANS_KB_NVD_READER_H
#define VANS_KB_NVD_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/str.h"

struct feed_input;

enum nvd_format {
	NVD_FORMAT_UNKNOWN,
	NVD_FORMAT_API2,       /* {"vulnerabilities":[{"cve":{...}}]} */
	NVD_FORMAT_V11,        /* {"CVE_Items":[{"cve":{...},"configurations":..}]} */
	NVD_FORMAT__MAX
};

enum nvd_cvss_version {
	NVD_CVSS_V20,
	NVD_CVSS_V30,
	NVD_CVSS_V31,
	NVD_CVSS_V40,
	NVD_CVSS__MAX
};

enum nvd_operator {
	NVD_OP_OR,
	NVD_OP_AND,
	NVD_OP__MAX
};

/* Every string below is a slice into the record's arena and is also NUL-terminated. An
 * absent value is {NULL, 0}; a value given as "" is a non-NULL pointer of length 0.
 * JSON escapes are already decoded (a CPE's "\\(" arrives as "\(", as NVD means it). */

struct nvd_description {
	struct slice lang;
	struct slice value;
};

struct nvd_metric {
	enum nvd_cvss_version version;  /* from the list it came in (cvssMetricV31 ...); 1.1:
					   baseMetricV2 → 2.0, baseMetricV3 → cvssV3.version */
	struct slice source;            /* "nvd@nist.gov", a CNA's address or UUID */
	struct slice type;              /* "Primary" or "Secondary" */
	struct slice vector;            /* vectorString as given, e.g. "CVSS:3.1/AV:N/..." */
	struct slice base_severity;     /* v2: the metric's baseSeverity (1.1: "severity");
					   v3/v4: cvssData.baseSeverity; absent for some v2 */
	double base_score;              /* -1 when absent */
	double exploitability_score;    /* -1 when absent (never present for v4) */
	double impact_score;            /* -1 when absent */
};

/* 1.1 problemtype entries become weaknesses of source "nvd@nist.gov", type "Primary";
 * entries without any CWE are dropped. */
struct nvd_weakness {
	struct slice source;
	struct slice type;              /* "Primary" / "Secondary" */
	struct slice *cwes;             /* "CWE-79", "NVD-CWE-Other", "NVD-CWE-noinfo" */
	size_t n_cwes;
};

struct nvd_reference {
	struct slice url;
	struct slice source;            /* 2.0: who added it ("cve@mitre.org");
					   1.1: the refsource ("MISC", "CONFIRM", sometimes "") */
	struct slice *tags;             /* "Patch", "Vendor Advisory", ... */
	size_t n_tags;
};

struct nvd_match {
	bool vulnerable;
	struct slice criteria;          /* the CPE 2.3 string as given (1.1: cpe23Uri) */
	struct slice match_criteria_id; /* 2.0 matchCriteriaId; absent in 1.1 */
	struct slice version_start_including;
	struct slice version_start_excluding;
	struct slice version_end_including;
	struct slice version_end_excluding;
};

struct nvd_node {
	enum nvd_operator op;
	bool negate;
	struct nvd_match *matches;
	size_t n_matches;
};

/* A configuration is true when op over its nodes is (then negated if negate). 1.1 trees
 * are mapped as: a top-level node with children → a configuration with the parent's
 * operator and negate whose nodes are the children (any own matches of such a parent
 * become one extra single-match node each, which keeps AND and OR meaning); a top-level
 * node without children → a configuration (OR, not negated) holding that node. */
struct nvd_config {
	enum nvd_operator op;           /* 2.0 default when absent: OR */
	bool negate;
	struct nvd_node *nodes;
	size_t n_nodes;
};

struct nvd_cve {
	enum nvd_format format;
	uint64_t index;                 /* 0-based position in the stream */
	uint64_t offset;                /* byte offset of the record in the JSON stream */
	struct slice id;                /* "CVE-2021-44228"; always present */
	struct slice source_identifier; /* 2.0 sourceIdentifier; 1.1 CVE_data_meta.ASSIGNER */
	struct slice published;         /* ISO 8601 as given; always present */
	struct slice last_modified;     /* always present */
	int64_t published_unix;
	int64_t last_modified_unix;
	struct slice vuln_status;       /* 2.0 vulnStatus; 1.1: "Rejected" when derived, else absent */
	bool status_derived;            /* vuln_status was derived from a 1.1 description */
	bool rejected;                  /* 2.0: vulnStatus "Rejected"; 1.1: a description that
					   starts "** REJECT **" or (NVD's last 1.1 files)
					   "Rejected reason:" */
	struct slice cisa_exploit_add;  /* KEV fields when 2.0 carries them, else absent */
	struct slice cisa_action_due;
	struct slice cisa_required_action;
	struct slice cisa_vulnerability_name;
	struct nvd_description *descriptions;
	size_t n_descriptions;
	struct nvd_metric *metrics;     /* every CVSS metric from every source */
	size_t n_metrics;
	struct nvd_weakness *weaknesses;
	size_t n_weaknesses;
	struct nvd_reference *references;
	size_t n_references;
	struct nvd_config *configs;
	size_t n_configs;
};

/* What the stream says about itself. Header keys come before the records in NVD's
 * output, so inside a callback these are already set; otherwise after nvd_reader_finish. */
struct nvd_feed_info {
	enum nvd_format format;         /* of the first record array met */
	int64_t results_per_page;       /* -1 when absent (always for 1.1) */
	int64_t start_index;            /* -1 when absent */
	int64_t total_results;          /* totalResults, or 1.1 CVE_data_numberOfCVEs; -1 if absent */
	char format_name[24];           /* "NVD_CVE" (2.0 format) or 1.1 CVE_data_format ("MITRE") */
	char version[16];               /* "2.0", or 1.1 CVE_data_version ("4.0") */
	char timestamp[40];             /* timestamp / CVE_data_timestamp as given, "" if absent */
	int64_t timestamp_unix;         /* -1 when absent */
	uint64_t records;               /* records handed to the callback */
	uint64_t bytes;                 /* JSON bytes fed so far */
};

/* Caps; a zero field picks the default. Crossing one is ERR_TOO_LARGE naming the record. */
struct nvd_limits {
	size_t max_string;              /* one string value: 1 MiB */
	size_t max_list;                /* descriptions, metrics, weaknesses, CWEs of one weakness,
					   references, tags of one reference, configurations, nodes
					   of one configuration, per record: 100,000 each */
	size_t max_matches;             /* cpeMatch entries of one record, all nodes: 100,000 */
	size_t max_record_bytes;        /* memory one record may take: 256 MiB */
};

#define NVD_DEFAULT_MAX_STRING ((size_t)1 << 20)
#define NVD_DEFAULT_MAX_LIST ((size_t)100000)
#define NVD_DEFAULT_MAX_MATCHES ((size_t)100000)
#define NVD_DEFAULT_MAX_RECORD_BYTES ((size_t)256 << 20)
/* Deepest JSON nesting accepted (NVD's own goes to about 10). */
#define NVD_MAX_DEPTH 64

/* Called once per CVE. The record and everything it points to are valid only during the
 * call. Return 0 to go on, or a non-zero enum err value to stop: the reader then returns
 * that value (or ERR_INTERNAL if it is not an enum err). */
typedef int (*nvd_cve_fn)(void *ctx, const struct nvd_cve *cve);

struct nvd_reader;

/* limits may be NULL. Free with nvd_reader_free. One reader parses one stream. */
struct nvd_reader *nvd_reader_new(nvd_cve_fn on_cve, void *ctx, const struct nvd_limits *limits);
void nvd_reader_free(struct nvd_reader *r);

/* Feeds the next bytes of the JSON stream (any chunking). Returns ERR_OK, ERR_INVALID
 * (malformed JSON or a structurally wrong record), ERR_TOO_LARGE (a cap), or the callback's
 * code. After an error every call returns the same error. */
enum err nvd_reader_feed(struct nvd_reader *r, const void *p, size_t len);
/* Ends the stream: a truncated document, or one that is not an NVD CVE feed, is an error. */
enum err nvd_reader_finish(struct nvd_reader *r);
/* Feeds a whole input and finishes; input errors are reported as the reader's. Messages
 * then start with the input's name. */
enum err nvd_reader_run(struct nvd_reader *r, struct feed_input *in);

/* "offset 1234: CVE-2021-44228: cpeMatch without criteria"; "" when there is no error. */
const char *nvd_reader_error(const struct nvd_reader *r);
const struct nvd_feed_info *nvd_reader_info(const struct nvd_reader *r);

/* One call for a file of any packaging (see feed_input.h): info may be NULL; on failure
 * the message is written into err. max_out 0 picks the default decompression cap. */
enum err nvd_read_file(const char *path, uint64_t max_out, nvd_cve_fn on_cve, void *ctx,
		       struct nvd_feed_info *info, char *err, size_t errlen);

const char *nvd_format_str(enum nvd_format f);          /* "unknown", "api2", "1.1" */
const char *nvd_cvss_version_str(enum nvd_cvss_version v); /* "2.0", "3.0", "3.1", "4.0" */
const char *nvd_operator_str(enum nvd_operator op);     /* "OR", "AND" */

#endif
