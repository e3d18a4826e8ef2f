/* NVD feed reader on the streaming JSON parser (core/json_stream.h): a small state machine (one frame per JSON
 * object or array we understand) fills one normalised record per CVE in an arena, hands
 * it to the caller and resets the arena. Unknown keys are skipped without copying. */
#include "kb/nvd_reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/json_stream.h"
#include "kb/feed_input.h"

/* the parser is fed at most this much at a time, so a token that never ends is noticed early */
#define PIECE ((size_t)64 * 1024)
#define ARENA_BLOCK ((size_t)64 * 1024)

enum state {
	ST_START,          /* before the document */
	ST_ROOT,
	ST_VULNS,          /* [] vulnerabilities (2.0) */
	ST_VULN,
	ST_CVE,
	ST_DESCS,          /* [] descriptions / description_data */
	ST_DESC,
	ST_METRICS,
	ST_METRIC_LIST,    /* [] cvssMetricV2 / V30 / V31 / V40 */
	ST_METRIC,
	ST_BM11,           /* 1.1 baseMetricV2 / baseMetricV3 */
	ST_CVSS_DATA,
	ST_WEAKS,          /* [] weaknesses */
	ST_WEAK,
	ST_WEAK_DESCS,     /* [] weakness description */
	ST_WEAK_DESC,
	ST_REFS,           /* [] references / reference_data */
	ST_REF,
	ST_TAGS,           /* [] of strings */
	ST_CONFIGS,        /* [] configurations */
	ST_CONFIG,
	ST_NODES,          /* [] nodes (2.0) */
	ST_NODE,
	ST_MATCHES,        /* [] cpeMatch / cpe_match */
	ST_MATCH,
	ST_ITEMS,          /* [] CVE_Items (1.1) */
	ST_ITEM,
	ST_CVE11,
	ST_META11,
	ST_PROBLEMTYPE,
	ST_PT_LIST,        /* [] problemtype_data */
	ST_PT,
	ST_REFS11,
	ST_DESC11,
	ST_CONFIG11,
	ST_NODES11,        /* [] top-level 1.1 nodes */
	ST_NODE11,
	ST_CHILDREN,       /* [] children of a top-level node */
	ST_CHILD,
	ST_GRANDCHILDREN,  /* [] children of a child: must stay empty */
	ST_IMPACT,
	ST__MAX
};

/* Names of the arrays, for "elements of X must be objects"; NULL for object states. */
static const char *const array_name[ST__MAX] = {
	[ST_VULNS] = "vulnerabilities",
	[ST_DESCS] = "descriptions",
	[ST_METRIC_LIST] = "cvssMetric",
	[ST_WEAKS] = "weaknesses",
	[ST_WEAK_DESCS] = "weakness description",
	[ST_REFS] = "references",
	[ST_TAGS] = "tags",
	[ST_CONFIGS] = "configurations",
	[ST_NODES] = "nodes",
	[ST_MATCHES] = "cpeMatch",
	[ST_ITEMS] = "CVE_Items",
	[ST_PT_LIST] = "problemtype_data",
	[ST_NODES11] = "nodes",
	[ST_CHILDREN] = "children",
	[ST_GRANDCHILDREN] = "children",
};

enum field {
	F_UNKNOWN,
	F_RESULTS_PER_PAGE, F_START_INDEX, F_TOTAL_RESULTS, F_FORMAT, F_VERSION, F_TIMESTAMP,
	F_VULNERABILITIES, F_CVE_DATA_FORMAT, F_CVE_DATA_VERSION, F_NUMBER_OF_CVES,
	F_CVE_DATA_TIMESTAMP, F_CVE_ITEMS,
	F_VULN_CVE,
	F_ID, F_SOURCE_ID, F_PUBLISHED, F_LAST_MODIFIED, F_VULN_STATUS, F_DESCRIPTIONS,
	F_METRICS, F_WEAKNESSES, F_CONFIGURATIONS, F_REFERENCES, F_CISA_ADD, F_CISA_DUE,
	F_CISA_ACTION, F_CISA_NAME,
	F_LANG, F_VALUE,
	F_METRIC_V2, F_METRIC_V30, F_METRIC_V31, F_METRIC_V40,
	F_M_SOURCE, F_M_TYPE, F_M_CVSS_DATA, F_M_SEVERITY, F_M_EXPLOIT, F_M_IMPACT,
	F_CD_VERSION, F_CD_VECTOR, F_CD_SCORE, F_CD_SEVERITY,
	F_W_SOURCE, F_W_TYPE, F_W_DESCRIPTION, F_WD_VALUE,
	F_R_URL, F_R_SOURCE, F_R_TAGS,
	F_CF_OPERATOR, F_CF_NEGATE, F_CF_NODES,
	F_N_OPERATOR, F_N_NEGATE, F_N_MATCHES, F_N_CHILDREN,
	F_MA_VULNERABLE, F_MA_CRITERIA, F_MA_ID, F_MA_SI, F_MA_SE, F_MA_EI, F_MA_EE,
	F_I_CVE, F_I_CONFIGURATIONS, F_I_IMPACT,
	F_C11_META, F_C11_PROBLEMTYPE, F_C11_REFERENCES, F_C11_DESCRIPTION,
	F_PT_DATA, F_REFERENCE_DATA, F_DESCRIPTION_DATA, F_CF11_NODES, F_BM_V3, F_BM_V2,
	F__MAX
};

/* For messages: the key and what its value must be. */
static const struct {
	const char *key;
	const char *want;
} field_info[F__MAX] = {
	[F_UNKNOWN] = { "?", "?" },
	[F_RESULTS_PER_PAGE] = { "resultsPerPage", "a number" },
	[F_START_INDEX] = { "startIndex", "a number" },
	[F_TOTAL_RESULTS] = { "totalResults", "a number" },
	[F_FORMAT] = { "format", "a string" },
	[F_VERSION] = { "version", "a string" },
	[F_TIMESTAMP] = { "timestamp", "a string" },
	[F_VULNERABILITIES] = { "vulnerabilities", "an array" },
	[F_CVE_DATA_FORMAT] = { "CVE_data_format", "a string" },
	[F_CVE_DATA_VERSION] = { "CVE_data_version", "a string" },
	[F_NUMBER_OF_CVES] = { "CVE_data_numberOfCVEs", "a number or a string" },
	[F_CVE_DATA_TIMESTAMP] = { "CVE_data_timestamp", "a string" },
	[F_CVE_ITEMS] = { "CVE_Items", "an array" },
	[F_VULN_CVE] = { "cve", "an object" },
	[F_ID] = { "id", "a string" },
	[F_SOURCE_ID] = { "sourceIdentifier", "a string" },
	[F_PUBLISHED] = { "published", "a string" },
	[F_LAST_MODIFIED] = { "lastModified", "a string" },
	[F_VULN_STATUS] = { "vulnStatus", "a string" },
	[F_DESCRIPTIONS] = { "descriptions", "an array" },
	[F_METRICS] = { "metrics", "an object" },
	[F_WEAKNESSES] = { "weaknesses", "an array" },
	[F_CONFIGURATIONS] = { "configurations", "an array" },
	[F_REFERENCES] = { "references", "an array" },
	[F_CISA_ADD] = { "cisaExploitAdd", "a string" },
	[F_CISA_DUE] = { "cisaActionDue", "a string" },
	[F_CISA_ACTION] = { "cisaRequiredAction", "a string" },
	[F_CISA_NAME] = { "cisaVulnerabilityName", "a string" },
	[F_LANG] = { "lang", "a string" },
	[F_VALUE] = { "value", "a string" },
	[F_METRIC_V2] = { "cvssMetricV2", "an array" },
	[F_METRIC_V30] = { "cvssMetricV30", "an array" },
	[F_METRIC_V31] = { "cvssMetricV31", "an array" },
	[F_METRIC_V40] = { "cvssMetricV40", "an array" },
	[F_M_SOURCE] = { "source", "a string" },
	[F_M_TYPE] = { "type", "a string" },
	[F_M_CVSS_DATA] = { "cvssData", "an object" },
	[F_M_SEVERITY] = { "baseSeverity", "a string" },
	[F_M_EXPLOIT] = { "exploitabilityScore", "a number" },
	[F_M_IMPACT] = { "impactScore", "a number" },
	[F_CD_VERSION] = { "version", "a string" },
	[F_CD_VECTOR] = { "vectorString", "a string" },
	[F_CD_SCORE] = { "baseScore", "a number" },
	[F_CD_SEVERITY] = { "baseSeverity", "a string" },
	[F_W_SOURCE] = { "source", "a string" },
	[F_W_TYPE] = { "type", "a string" },
	[F_W_DESCRIPTION] = { "description", "an array" },
	[F_WD_VALUE] = { "value", "a string" },
	[F_R_URL] = { "url", "a string" },
	[F_R_SOURCE] = { "source", "a string" },
	[F_R_TAGS] = { "tags", "an array" },
	[F_CF_OPERATOR] = { "operator", "a string" },
	[F_CF_NEGATE] = { "negate", "a boolean" },
	[F_CF_NODES] = { "nodes", "an array" },
	[F_N_OPERATOR] = { "operator", "a string" },
	[F_N_NEGATE] = { "negate", "a boolean" },
	[F_N_MATCHES] = { "cpeMatch", "an array" },
	[F_N_CHILDREN] = { "children", "an array" },
	[F_MA_VULNERABLE] = { "vulnerable", "a boolean" },
	[F_MA_CRITERIA] = { "criteria", "a string" },
	[F_MA_ID] = { "matchCriteriaId", "a string" },
	[F_MA_SI] = { "versionStartIncluding", "a string" },
	[F_MA_SE] = { "versionStartExcluding", "a string" },
	[F_MA_EI] = { "versionEndIncluding", "a string" },
	[F_MA_EE] = { "versionEndExcluding", "a string" },
	[F_I_CVE] = { "cve", "an object" },
	[F_I_CONFIGURATIONS] = { "configurations", "an object" },
	[F_I_IMPACT] = { "impact", "an object" },
	[F_C11_META] = { "CVE_data_meta", "an object" },
	[F_C11_PROBLEMTYPE] = { "problemtype", "an object" },
	[F_C11_REFERENCES] = { "references", "an object" },
	[F_C11_DESCRIPTION] = { "description", "an object" },
	[F_PT_DATA] = { "problemtype_data", "an array" },
	[F_REFERENCE_DATA] = { "reference_data", "an array" },
	[F_DESCRIPTION_DATA] = { "description_data", "an array" },
	[F_CF11_NODES] = { "nodes", "an array" },
	[F_BM_V3] = { "baseMetricV3", "an object" },
	[F_BM_V2] = { "baseMetricV2", "an object" },
};

/* Required members seen in the object a frame stands for. */
enum {
	SEEN_OP = 1,       /* node operator */
	SEEN_VULN = 2,     /* cpeMatch vulnerable */
	BM_IS_V3 = 4,      /* a 1.1 baseMetricV3 */
};

struct frame {
	unsigned char state;
	unsigned char field;  /* the key whose value comes next (object frames) */
	unsigned char seen;
};

struct nvd_reader {
	struct json_stream *js;
	nvd_cve_fn on_cve;
	void *ctx;
	struct nvd_limits lim;
	struct arena arena;
	struct nvd_cve cve;
	bool in_record;
	bool saw_records;         /* a vulnerabilities / CVE_Items array was met */
	bool finished;
	struct frame stack[NVD_MAX_DEPTH];
	unsigned depth;
	unsigned skip;            /* >0: inside an unknown value, this many levels deep */
	struct nvd_description *cur_desc;
	struct nvd_metric *cur_metric;
	struct nvd_weakness *cur_weak;
	struct nvd_reference *cur_ref;
	struct nvd_config *cur_conf;
	struct nvd_node *cur_node;
	struct nvd_match *cur_match;
	struct nvd_node pending;  /* a 1.1 top-level node's own matches */
	enum nvd_cvss_version list_version;
	enum nvd_cvss_version cd_version;  /* cvssData.version of the current metric */
	size_t rec_matches;
	uint64_t rec_index;
	uint64_t chunk_base;      /* stream offset of the piece being parsed */
	uint64_t events;          /* callbacks so far: progress marker for the token cap */
	uint64_t quiet;           /* bytes fed since the last piece that produced a callback */
	struct nvd_feed_info info;
	enum err err;
	char msg[512];
};

static const struct slice lit_nvd = { "nvd@nist.gov", 12 };
static const struct slice lit_primary = { "Primary", 7 };
static const struct slice lit_rejected = { "Rejected", 8 };

/* ---- errors ---- */

__attribute__((format(printf, 4, 0)))
static int vfail_at(struct nvd_reader *r, uint64_t off, enum err e, const char *fmt, va_list ap)
{
	if (r->err != ERR_OK)
		return 0;
	char msg[320];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	char who[96] = "";
	if (r->in_record && r->cve.id.p && r->cve.id.len) {
		/* the id is outside input: print it tamed and short */
		size_t n = r->cve.id.len < 64 ? r->cve.id.len : 64, j = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)r->cve.id.p[i];
			who[j++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
		}
		memcpy(who + j, ": ", 3);
	} else if (r->in_record) {
		snprintf(who, sizeof(who), "record #%llu: ", (unsigned long long)r->cve.index + 1);
	}
	snprintf(r->msg, sizeof(r->msg), "offset %llu: %s%s", (unsigned long long)off, who, msg);
	r->err = e;
	return 0;
}

__attribute__((format(printf, 4, 5)))
static int fail_at(struct nvd_reader *r, uint64_t off, enum err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(r, off, e, fmt, ap);
	va_end(ap);
	return 0;
}

/* Fails at the parser's position: inside a callback, just after the current token. */
__attribute__((format(printf, 3, 4)))
static int fail(struct nvd_reader *r, enum err e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail_at(r, r->chunk_base + json_stream_consumed(r->js), e, fmt, ap);
	va_end(ap);
	return 0;
}

static int bad_type(struct nvd_reader *r, unsigned field)
{
	return fail(r, ERR_INVALID, "\"%s\" is not %s", field_info[field].key, field_info[field].want);
}

static int bad_element(struct nvd_reader *r, unsigned state)
{
	if (state == ST_START)
		return fail(r, ERR_INVALID, "the document is not a JSON object");
	return fail(r, ERR_INVALID, "elements of \"%s\" must be %s", array_name[state],
		    state == ST_TAGS ? "strings" : "objects");
}

/* ---- record memory ---- */

static void *rec_alloc(struct nvd_reader *r, size_t n)
{
	size_t used = r->arena.used_total, max = r->lim.max_record_bytes;
	if (used > max || n > max - used) {
		fail(r, ERR_TOO_LARGE, "record needs more than %zu bytes", max);
		return NULL;
	}
	return arena_alloc(&r->arena, n);
}

/* Makes room for element n (zeroed). Capacity is implicit: 4, then the power of two
 * above n, so no capacity field is needed in the public structs. */
static void *grow(struct nvd_reader *r, void *arr, size_t n, size_t size, size_t max,
		  const char *what)
{
	if (n >= max) {
		fail(r, ERR_TOO_LARGE, "more than %zu %s", max, what);
		return NULL;
	}
	if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
		size_t cap = n == 0 ? 4 : n * 2;
		if (cap > SIZE_MAX / 2 / size) {
			fail(r, ERR_TOO_LARGE, "too many %s", what);
			return NULL;
		}
		void *na = rec_alloc(r, cap * size);
		if (!na)
			return NULL;
		if (n)
			memcpy(na, arr, n * size);
		arr = na;
	}
	memset((char *)arr + n * size, 0, size);
	return arr;
}

#define APPEND(r, arr, n, max, what) \
	(((arr) = grow((r), (arr), (n), sizeof(*(arr)), (max), (what))) != NULL ? &(arr)[(n)++] : NULL)

static int set_str(struct nvd_reader *r, struct slice *dst, const unsigned char *s, size_t len)
{
	char *p = rec_alloc(r, len + 1);
	if (!p)
		return 0;
	memcpy(p, s, len);
	p[len] = '\0';
	dst->p = p;
	dst->len = len;
	return 1;
}

static int add_str(struct nvd_reader *r, struct slice **arr, size_t *n, const unsigned char *s,
		   size_t len, const char *what)
{
	struct slice *e = APPEND(r, *arr, *n, r->lim.max_list, what);
	return e ? set_str(r, e, s, len) : 0;
}

/* ---- scalar parsing ---- */

/* NVD 2.0 writes "2023-09-12T15:15:24.327", 1.1 "2017-03-17T00:59Z" (no seconds). */
static int parse_time(const unsigned char *s, size_t len, int64_t *out)
{
	if (clock_parse_iso8601((const char *)s, len, out) == 0)
		return 0;
	if (len == 17 && s[10] == 'T' && s[13] == ':' && s[16] == 'Z') {
		char b[20];
		memcpy(b, s, 16);
		memcpy(b + 16, ":00Z", 4);
		return clock_parse_iso8601(b, sizeof(b), out);
	}
	return -1;
}

static const double pow10_tab[16] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

/* Scores are short decimals ("7.5", "10"): exact integer over a power of ten gives the
 * same double as strtod; anything else takes the strtod path. */
static int parse_double(const char *s, size_t len, double *out)
{
	uint64_t v = 0;
	unsigned digits = 0, frac = 0;
	bool dot = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			v = v * 10 + (uint64_t)(c - '0');
			digits++;
			frac += dot;
		} else if (c == '.' && !dot) {
			dot = true;
		} else {
			goto slow;
		}
	}
	if (digits == 0 || digits > 15)
		goto slow;
	*out = (double)v / pow10_tab[frac];
	return 0;
slow:
	if (len == 0 || len > 40)
		return -1;
	char b[48];
	memcpy(b, s, len);
	b[len] = '\0';
	char *end;
	errno = 0;
	double d = strtod(b, &end);
	if (end != b + len || errno != 0)
		return -1;
	*out = d;
	return 0;
}

static int set_count(struct nvd_reader *r, int64_t *dst, const char *s, size_t len,
		     unsigned field)
{
	if (slice_to_i64(slice_make(s, len), 0, INT64_MAX, dst) != 0)
		return fail(r, ERR_INVALID, "\"%s\" is not a count", field_info[field].key);
	return 1;
}

static int set_score(struct nvd_reader *r, double *dst, const char *s, size_t len,
		     unsigned field)
{
	if (parse_double(s, len, dst) != 0)
		return fail(r, ERR_INVALID, "\"%s\" is not a number", field_info[field].key);
	return 1;
}

static int set_info(struct nvd_reader *r, char *dst, size_t cap, const unsigned char *s,
		    size_t len, unsigned field)
{
	if (len >= cap)
		return fail(r, ERR_INVALID, "\"%s\" is too long", field_info[field].key);
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 1;
}

static int set_date(struct nvd_reader *r, struct slice *dst, int64_t *unix_out,
		    const unsigned char *s, size_t len, unsigned field)
{
	if (parse_time(s, len, unix_out) != 0)
		return fail(r, ERR_INVALID, "\"%s\" is not an ISO 8601 time", field_info[field].key);
	return set_str(r, dst, s, len);
}

static int set_operator(struct nvd_reader *r, enum nvd_operator *dst, const unsigned char *s,
			size_t len)
{
	if (len == 2 && s[0] == 'O' && s[1] == 'R')
		*dst = NVD_OP_OR;
	else if (len == 3 && memcmp(s, "AND", 3) == 0)
		*dst = NVD_OP_AND;
	else
		return fail(r, ERR_INVALID, "operator is neither AND nor OR");
	return 1;
}

static enum nvd_cvss_version cvss_version_of(const unsigned char *s, size_t len)
{
	if (len != 3 || s[1] != '.')
		return NVD_CVSS__MAX;
	if (s[0] == '2' && s[2] == '0')
		return NVD_CVSS_V20;
	if (s[0] == '3' && s[2] == '0')
		return NVD_CVSS_V30;
	if (s[0] == '3' && s[2] == '1')
		return NVD_CVSS_V31;
	if (s[0] == '4' && s[2] == '0')
		return NVD_CVSS_V40;
	return NVD_CVSS__MAX;
}

/* ---- key dispatch ---- */

#define KEY(lit, f) \
	do { \
		if (len == sizeof(lit) - 1 && memcmp(k, lit, sizeof(lit) - 1) == 0) \
			return (f); \
	} while (0)

/* The field a key names in the object a state stands for; F_UNKNOWN is skipped. The
 * length test comes first and memcmp of a constant size compiles to a few loads. */
static unsigned lookup(unsigned st, const unsigned char *k, size_t len)
{
	switch (st) {
	case ST_MATCH:
		KEY("vulnerable", F_MA_VULNERABLE);
		KEY("criteria", F_MA_CRITERIA);
		KEY("cpe23Uri", F_MA_CRITERIA);
		KEY("matchCriteriaId", F_MA_ID);
		KEY("versionEndIncluding", F_MA_EI);
		KEY("versionEndExcluding", F_MA_EE);
		KEY("versionStartIncluding", F_MA_SI);
		KEY("versionStartExcluding", F_MA_SE);
		break;
	case ST_REF:
		KEY("url", F_R_URL);
		KEY("source", F_R_SOURCE);
		KEY("tags", F_R_TAGS);
		KEY("refsource", F_R_SOURCE);
		break;
	case ST_DESC:
		KEY("lang", F_LANG);
		KEY("value", F_VALUE);
		break;
	case ST_WEAK_DESC:
		KEY("value", F_WD_VALUE);
		break;
	case ST_NODE:
		KEY("operator", F_N_OPERATOR);
		KEY("negate", F_N_NEGATE);
		KEY("cpeMatch", F_N_MATCHES);
		break;
	case ST_NODE11:
	case ST_CHILD:
		KEY("operator", F_N_OPERATOR);
		KEY("negate", F_N_NEGATE);
		KEY("cpe_match", F_N_MATCHES);
		KEY("children", F_N_CHILDREN);
		break;
	case ST_CONFIG:
		KEY("operator", F_CF_OPERATOR);
		KEY("negate", F_CF_NEGATE);
		KEY("nodes", F_CF_NODES);
		break;
	case ST_METRIC:
		KEY("source", F_M_SOURCE);
		KEY("type", F_M_TYPE);
		KEY("cvssData", F_M_CVSS_DATA);
		KEY("baseSeverity", F_M_SEVERITY);
		KEY("exploitabilityScore", F_M_EXPLOIT);
		KEY("impactScore", F_M_IMPACT);
		break;
	case ST_BM11:
		KEY("cvssV3", F_M_CVSS_DATA);
		KEY("cvssV2", F_M_CVSS_DATA);
		KEY("severity", F_M_SEVERITY);
		KEY("exploitabilityScore", F_M_EXPLOIT);
		KEY("impactScore", F_M_IMPACT);
		break;
	case ST_CVSS_DATA:
		KEY("version", F_CD_VERSION);
		KEY("vectorString", F_CD_VECTOR);
		KEY("baseScore", F_CD_SCORE);
		KEY("baseSeverity", F_CD_SEVERITY);
		break;
	case ST_WEAK:
		KEY("source", F_W_SOURCE);
		KEY("type", F_W_TYPE);
		KEY("description", F_W_DESCRIPTION);
		break;
	case ST_PT:
		KEY("description", F_W_DESCRIPTION);
		break;
	case ST_CVE:
		KEY("id", F_ID);
		KEY("sourceIdentifier", F_SOURCE_ID);
		KEY("published", F_PUBLISHED);
		KEY("lastModified", F_LAST_MODIFIED);
		KEY("vulnStatus", F_VULN_STATUS);
		KEY("descriptions", F_DESCRIPTIONS);
		KEY("metrics", F_METRICS);
		KEY("weaknesses", F_WEAKNESSES);
		KEY("configurations", F_CONFIGURATIONS);
		KEY("references", F_REFERENCES);
		KEY("cisaExploitAdd", F_CISA_ADD);
		KEY("cisaActionDue", F_CISA_DUE);
		KEY("cisaRequiredAction", F_CISA_ACTION);
		KEY("cisaVulnerabilityName", F_CISA_NAME);
		break;
	case ST_METRICS:
		KEY("cvssMetricV2", F_METRIC_V2);
		KEY("cvssMetricV31", F_METRIC_V31);
		KEY("cvssMetricV30", F_METRIC_V30);
		KEY("cvssMetricV40", F_METRIC_V40);
		break;
	case ST_VULN:
		KEY("cve", F_VULN_CVE);
		break;
	case ST_ITEM:
		KEY("cve", F_I_CVE);
		KEY("configurations", F_I_CONFIGURATIONS);
		KEY("impact", F_I_IMPACT);
		KEY("publishedDate", F_PUBLISHED);
		KEY("lastModifiedDate", F_LAST_MODIFIED);
		break;
	case ST_CVE11:
		KEY("CVE_data_meta", F_C11_META);
		KEY("problemtype", F_C11_PROBLEMTYPE);
		KEY("references", F_C11_REFERENCES);
		KEY("description", F_C11_DESCRIPTION);
		break;
	case ST_META11:
		KEY("ID", F_ID);
		KEY("ASSIGNER", F_SOURCE_ID);
		break;
	case ST_PROBLEMTYPE:
		KEY("problemtype_data", F_PT_DATA);
		break;
	case ST_REFS11:
		KEY("reference_data", F_REFERENCE_DATA);
		break;
	case ST_DESC11:
		KEY("description_data", F_DESCRIPTION_DATA);
		break;
	case ST_CONFIG11:
		KEY("nodes", F_CF11_NODES);
		break;
	case ST_IMPACT:
		KEY("baseMetricV3", F_BM_V3);
		KEY("baseMetricV2", F_BM_V2);
		break;
	case ST_ROOT:
		KEY("resultsPerPage", F_RESULTS_PER_PAGE);
		KEY("startIndex", F_START_INDEX);
		KEY("totalResults", F_TOTAL_RESULTS);
		KEY("format", F_FORMAT);
		KEY("version", F_VERSION);
		KEY("timestamp", F_TIMESTAMP);
		KEY("vulnerabilities", F_VULNERABILITIES);
		KEY("CVE_data_format", F_CVE_DATA_FORMAT);
		KEY("CVE_data_version", F_CVE_DATA_VERSION);
		KEY("CVE_data_numberOfCVEs", F_NUMBER_OF_CVES);
		KEY("CVE_data_timestamp", F_CVE_DATA_TIMESTAMP);
		KEY("CVE_Items", F_CVE_ITEMS);
		break;
	default:
		break;
	}
	return F_UNKNOWN;
}

/* ---- frames ---- */

static inline struct frame *top(struct nvd_reader *r)
{
	return &r->stack[r->depth - 1];
}

static int push(struct nvd_reader *r, unsigned st)
{
	if (r->depth >= NVD_MAX_DEPTH)
		return fail(r, ERR_INVALID, "JSON nested deeper than %d levels", NVD_MAX_DEPTH);
	struct frame *f = &r->stack[r->depth++];
	f->state = (unsigned char)st;
	f->field = F_UNKNOWN;
	f->seen = 0;
	return 1;
}

static int start_skip(struct nvd_reader *r)
{
	if (r->depth >= NVD_MAX_DEPTH)
		return fail(r, ERR_INVALID, "JSON nested deeper than %d levels", NVD_MAX_DEPTH);
	r->skip = 1;
	return 1;
}

/* ---- records ---- */

static void begin_record(struct nvd_reader *r, enum nvd_format fmt)
{
	arena_reset(&r->arena);
	memset(&r->cve, 0, sizeof(r->cve));
	r->cve.format = fmt;
	r->cve.index = r->rec_index++;
	uint64_t at = r->chunk_base + json_stream_consumed(r->js);
	r->cve.offset = at ? at - 1 : 0;    /* the '{' just consumed */
	r->rec_matches = 0;
	r->in_record = true;
	r->cur_desc = NULL;
	r->cur_metric = NULL;
	r->cur_weak = NULL;
	r->cur_ref = NULL;
	r->cur_conf = NULL;
	r->cur_node = NULL;
	r->cur_match = NULL;
}

static int end_record(struct nvd_reader *r)
{
	struct nvd_cve *c = &r->cve;
	if (!c->id.p || c->id.len == 0)
		return fail(r, ERR_INVALID, "record without an id");
	if (!c->published.p)
		return fail(r, ERR_INVALID, "record without a published time");
	if (!c->last_modified.p)
		return fail(r, ERR_INVALID, "record without a lastModified time");
	if (c->format == NVD_FORMAT_API2) {
		c->rejected = c->vuln_status.len == 8 && memcmp(c->vuln_status.p, "Rejected", 8) == 0;
	} else {
		for (size_t i = 0; i < c->n_descriptions; i++) {
			/* the older marker, and the one NVD's last 1.1 files use */
			if (slice_starts_with(c->descriptions[i].value, "** REJECT **") ||
			    slice_starts_with(c->descriptions[i].value, "Rejected reason:")) {
				c->rejected = true;
				c->status_derived = true;
				c->vuln_status = lit_rejected;
				break;
			}
		}
	}
	r->info.records++;
	if (r->on_cve) {
		int rc = r->on_cve(r->ctx, c);
		if (rc != 0) {
			fail(r, ERR_INTERNAL, "stopped by the caller");
			r->err = rc > 0 && rc < ERR__MAX ? (enum err)rc : ERR_INTERNAL;
			r->in_record = false;
			return 0;
		}
	}
	r->in_record = false;
	return 1;
}

static int end_metric(struct nvd_reader *r, const struct frame *f)
{
	struct nvd_metric *m = r->cur_metric;
	if (!m->vector.p)
		return fail(r, ERR_INVALID, "CVSS metric without vectorString");
	if (f->seen & BM_IS_V3) {
		enum nvd_cvss_version v = r->cd_version;
		if (v != NVD_CVSS_V30 && v != NVD_CVSS_V31) {
			if (slice_starts_with(m->vector, "CVSS:3.0/"))
				v = NVD_CVSS_V30;
			else if (slice_starts_with(m->vector, "CVSS:3.1/"))
				v = NVD_CVSS_V31;
			else
				return fail(r, ERR_INVALID, "baseMetricV3 is neither CVSS 3.0 nor 3.1");
		}
		m->version = v;
	}
	return 1;
}

/* A 1.1 top-level node is done: make its configuration (see nvd_reader.h). */
static int end_node11(struct nvd_reader *r)
{
	struct nvd_config *cf = r->cur_conf;
	struct nvd_node *pn = &r->pending;
	if (cf->n_nodes == 0) {
		struct nvd_node *n = APPEND(r, cf->nodes, cf->n_nodes, r->lim.max_list, "nodes");
		if (!n)
			return 0;
		*n = *pn;
		return 1;
	}
	cf->op = pn->op;
	cf->negate = pn->negate;
	for (size_t i = 0; i < pn->n_matches; i++) {
		struct nvd_node *n = APPEND(r, cf->nodes, cf->n_nodes, r->lim.max_list, "nodes");
		if (!n)
			return 0;
		n->op = NVD_OP_OR;
		n->matches = &pn->matches[i];
		n->n_matches = 1;
	}
	return 1;
}

static struct nvd_metric *new_metric(struct nvd_reader *r, enum nvd_cvss_version v)
{
	struct nvd_cve *c = &r->cve;
	struct nvd_metric *m = APPEND(r, c->metrics, c->n_metrics, r->lim.max_list, "metrics");
	if (!m)
		return NULL;
	m->version = v;
	m->base_score = -1;
	m->exploitability_score = -1;
	m->impact_score = -1;
	r->cd_version = NVD_CVSS__MAX;
	r->cur_metric = m;
	return m;
}

/* ---- parser handlers ---- */

static int cb_null(void *ctx)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip)
		return 1;
	if (top(r)->state == ST_START)
		return bad_element(r, ST_START);
	return 1;    /* null stands for an absent value */
}

static int cb_boolean(void *ctx, int v)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip)
		return 1;
	struct frame *f = top(r);
	if (array_name[f->state] || f->state == ST_START)
		return bad_element(r, f->state);
	switch (f->field) {
	case F_UNKNOWN:
		return 1;
	case F_MA_VULNERABLE:
		r->cur_match->vulnerable = v != 0;
		f->seen |= SEEN_VULN;
		return 1;
	case F_N_NEGATE:
		r->cur_node->negate = v != 0;
		return 1;
	case F_CF_NEGATE:
		r->cur_conf->negate = v != 0;
		return 1;
	default:
		return bad_type(r, f->field);
	}
}

static int cb_number(void *ctx, const char *s, size_t len)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip)
		return 1;
	struct frame *f = top(r);
	if (array_name[f->state] || f->state == ST_START)
		return bad_element(r, f->state);
	switch (f->field) {
	case F_UNKNOWN:
		return 1;
	case F_CD_SCORE:
		return set_score(r, &r->cur_metric->base_score, s, len, f->field);
	case F_M_EXPLOIT:
		return set_score(r, &r->cur_metric->exploitability_score, s, len, f->field);
	case F_M_IMPACT:
		return set_score(r, &r->cur_metric->impact_score, s, len, f->field);
	case F_RESULTS_PER_PAGE:
		return set_count(r, &r->info.results_per_page, s, len, f->field);
	case F_START_INDEX:
		return set_count(r, &r->info.start_index, s, len, f->field);
	case F_TOTAL_RESULTS:
	case F_NUMBER_OF_CVES:
		return set_count(r, &r->info.total_results, s, len, f->field);
	default:
		return bad_type(r, f->field);
	}
}

static int cb_string(void *ctx, const unsigned char *s, size_t len)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip)
		return 1;
	if (len > r->lim.max_string)
		return fail(r, ERR_TOO_LARGE, "a string of %zu bytes (the cap is %zu)", len,
			    r->lim.max_string);
	struct frame *f = top(r);
	struct nvd_cve *c = &r->cve;
	if (f->state == ST_TAGS)
		return add_str(r, &r->cur_ref->tags, &r->cur_ref->n_tags, s, len, "tags");
	if (array_name[f->state] || f->state == ST_START)
		return bad_element(r, f->state);
	switch (f->field) {
	case F_UNKNOWN:
		return 1;
	case F_MA_CRITERIA:
		return set_str(r, &r->cur_match->criteria, s, len);
	case F_MA_ID:
		return set_str(r, &r->cur_match->match_criteria_id, s, len);
	case F_MA_SI:
		return set_str(r, &r->cur_match->version_start_including, s, len);
	case F_MA_SE:
		return set_str(r, &r->cur_match->version_start_excluding, s, len);
	case F_MA_EI:
		return set_str(r, &r->cur_match->version_end_including, s, len);
	case F_MA_EE:
		return set_str(r, &r->cur_match->version_end_excluding, s, len);
	case F_R_URL:
		return set_str(r, &r->cur_ref->url, s, len);
	case F_R_SOURCE:
		return set_str(r, &r->cur_ref->source, s, len);
	case F_LANG:
		return set_str(r, &r->cur_desc->lang, s, len);
	case F_VALUE:
		return set_str(r, &r->cur_desc->value, s, len);
	case F_WD_VALUE:
		return add_str(r, &r->cur_weak->cwes, &r->cur_weak->n_cwes, s, len, "CWEs");
	case F_W_SOURCE:
		return set_str(r, &r->cur_weak->source, s, len);
	case F_W_TYPE:
		return set_str(r, &r->cur_weak->type, s, len);
	case F_N_OPERATOR:
		f->seen |= SEEN_OP;
		return set_operator(r, &r->cur_node->op, s, len);
	case F_CF_OPERATOR:
		return set_operator(r, &r->cur_conf->op, s, len);
	case F_M_SOURCE:
		return set_str(r, &r->cur_metric->source, s, len);
	case F_M_TYPE:
		return set_str(r, &r->cur_metric->type, s, len);
	case F_M_SEVERITY:
	case F_CD_SEVERITY:
		return set_str(r, &r->cur_metric->base_severity, s, len);
	case F_CD_VECTOR:
		return set_str(r, &r->cur_metric->vector, s, len);
	case F_CD_VERSION:
		r->cd_version = cvss_version_of(s, len);
		return 1;
	case F_ID:
		return set_str(r, &c->id, s, len);
	case F_SOURCE_ID:
		return set_str(r, &c->source_identifier, s, len);
	case F_PUBLISHED:
		return set_date(r, &c->published, &c->published_unix, s, len, f->field);
	case F_LAST_MODIFIED:
		return set_date(r, &c->last_modified, &c->last_modified_unix, s, len, f->field);
	case F_VULN_STATUS:
		return set_str(r, &c->vuln_status, s, len);
	case F_CISA_ADD:
		return set_str(r, &c->cisa_exploit_add, s, len);
	case F_CISA_DUE:
		return set_str(r, &c->cisa_action_due, s, len);
	case F_CISA_ACTION:
		return set_str(r, &c->cisa_required_action, s, len);
	case F_CISA_NAME:
		return set_str(r, &c->cisa_vulnerability_name, s, len);
	case F_FORMAT:
		if (!set_info(r, r->info.format_name, sizeof(r->info.format_name), s, len, f->field))
			return 0;
		if (len != 7 || memcmp(s, "NVD_CVE", 7) != 0)
			return fail(r, ERR_INVALID, "format is not NVD_CVE (a CPE or match-criteria page?)");
		return 1;
	case F_CVE_DATA_FORMAT:
		return set_info(r, r->info.format_name, sizeof(r->info.format_name), s, len, f->field);
	case F_VERSION:
	case F_CVE_DATA_VERSION:
		return set_info(r, r->info.version, sizeof(r->info.version), s, len, f->field);
	case F_TIMESTAMP:
	case F_CVE_DATA_TIMESTAMP:
		if (parse_time(s, len, &r->info.timestamp_unix) != 0)
			return fail(r, ERR_INVALID, "\"%s\" is not an ISO 8601 time", field_info[f->field].key);
		return set_info(r, r->info.timestamp, sizeof(r->info.timestamp), s, len, f->field);
	case F_NUMBER_OF_CVES:
		return set_count(r, &r->info.total_results, (const char *)s, len, f->field);
	default:
		return bad_type(r, f->field);
	}
}

static int cb_map_key(void *ctx, const unsigned char *k, size_t len)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip)
		return 1;
	struct frame *f = top(r);
	f->field = (unsigned char)lookup(f->state, k, len);
	return 1;
}

static int cb_start_map(void *ctx)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip) {
		if (r->depth + r->skip >= NVD_MAX_DEPTH)
			return fail(r, ERR_INVALID, "JSON nested deeper than %d levels", NVD_MAX_DEPTH);
		r->skip++;
		return 1;
	}
	struct frame *f = top(r);
	struct nvd_cve *c = &r->cve;
	switch (f->state) {
	case ST_START:
		return push(r, ST_ROOT);
	case ST_MATCHES:
		if (r->rec_matches >= r->lim.max_matches)
			return fail(r, ERR_TOO_LARGE, "more than %zu cpeMatch entries", r->lim.max_matches);
		r->rec_matches++;
		r->cur_match = APPEND(r, r->cur_node->matches, r->cur_node->n_matches, SIZE_MAX, "matches");
		return r->cur_match ? push(r, ST_MATCH) : 0;
	case ST_REFS:
		r->cur_ref = APPEND(r, c->references, c->n_references, r->lim.max_list, "references");
		return r->cur_ref ? push(r, ST_REF) : 0;
	case ST_DESCS:
		r->cur_desc = APPEND(r, c->descriptions, c->n_descriptions, r->lim.max_list,
				     "descriptions");
		return r->cur_desc ? push(r, ST_DESC) : 0;
	case ST_WEAK_DESCS:
		return push(r, ST_WEAK_DESC);
	case ST_NODES:
	case ST_CHILDREN:
		r->cur_node = APPEND(r, r->cur_conf->nodes, r->cur_conf->n_nodes, r->lim.max_list,
				     "nodes");
		return r->cur_node ? push(r, f->state == ST_NODES ? ST_NODE : ST_CHILD) : 0;
	case ST_CONFIGS:
		r->cur_conf = APPEND(r, c->configs, c->n_configs, r->lim.max_list, "configurations");
		return r->cur_conf ? push(r, ST_CONFIG) : 0;
	case ST_NODES11:
		r->cur_conf = APPEND(r, c->configs, c->n_configs, r->lim.max_list, "configurations");
		if (!r->cur_conf)
			return 0;
		memset(&r->pending, 0, sizeof(r->pending));
		r->cur_node = &r->pending;
		return push(r, ST_NODE11);
	case ST_METRIC_LIST:
		return new_metric(r, r->list_version) ? push(r, ST_METRIC) : 0;
	case ST_WEAKS:
		r->cur_weak = APPEND(r, c->weaknesses, c->n_weaknesses, r->lim.max_list, "weaknesses");
		return r->cur_weak ? push(r, ST_WEAK) : 0;
	case ST_PT_LIST:
		r->cur_weak = APPEND(r, c->weaknesses, c->n_weaknesses, r->lim.max_list, "weaknesses");
		if (!r->cur_weak)
			return 0;
		r->cur_weak->source = lit_nvd;
		r->cur_weak->type = lit_primary;
		return push(r, ST_PT);
	case ST_VULNS:
		begin_record(r, NVD_FORMAT_API2);
		return push(r, ST_VULN);
	case ST_ITEMS:
		begin_record(r, NVD_FORMAT_V11);
		return push(r, ST_ITEM);
	case ST_GRANDCHILDREN:
		return fail(r, ERR_INVALID, "1.1 nodes nested deeper than parent and children");
	case ST_TAGS:
		return bad_element(r, f->state);
	default:
		break;
	}
	switch (f->field) {
	case F_UNKNOWN:
		return start_skip(r);
	case F_M_CVSS_DATA:
		return push(r, ST_CVSS_DATA);
	case F_VULN_CVE:
		return push(r, ST_CVE);
	case F_METRICS:
		return push(r, ST_METRICS);
	case F_I_CVE:
		return push(r, ST_CVE11);
	case F_I_CONFIGURATIONS:
		return push(r, ST_CONFIG11);
	case F_I_IMPACT:
		return push(r, ST_IMPACT);
	case F_C11_META:
		return push(r, ST_META11);
	case F_C11_PROBLEMTYPE:
		return push(r, ST_PROBLEMTYPE);
	case F_C11_REFERENCES:
		return push(r, ST_REFS11);
	case F_C11_DESCRIPTION:
		return push(r, ST_DESC11);
	case F_BM_V2:
	case F_BM_V3: {
		/* 1.1 impact blocks are NVD's own scores */
		struct nvd_metric *m = new_metric(r, f->field == F_BM_V2 ? NVD_CVSS_V20 : NVD_CVSS_V31);
		if (!m || !push(r, ST_BM11))
			return 0;
		m->source = lit_nvd;
		m->type = lit_primary;
		if (f->field == F_BM_V3)
			top(r)->seen |= BM_IS_V3;
		return 1;
	}
	default:
		return bad_type(r, f->field);
	}
}

static int cb_start_array(void *ctx)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip) {
		if (r->depth + r->skip >= NVD_MAX_DEPTH)
			return fail(r, ERR_INVALID, "JSON nested deeper than %d levels", NVD_MAX_DEPTH);
		r->skip++;
		return 1;
	}
	struct frame *f = top(r);
	if (array_name[f->state] || f->state == ST_START)
		return bad_element(r, f->state);
	switch (f->field) {
	case F_UNKNOWN:
		return start_skip(r);
	case F_N_MATCHES:
		return push(r, ST_MATCHES);
	case F_R_TAGS:
		return push(r, ST_TAGS);
	case F_REFERENCES:
	case F_REFERENCE_DATA:
		return push(r, ST_REFS);
	case F_DESCRIPTIONS:
	case F_DESCRIPTION_DATA:
		return push(r, ST_DESCS);
	case F_W_DESCRIPTION:
		return push(r, ST_WEAK_DESCS);
	case F_CF_NODES:
		return push(r, ST_NODES);
	case F_CF11_NODES:
		return push(r, ST_NODES11);
	case F_N_CHILDREN:
		return push(r, f->state == ST_NODE11 ? ST_CHILDREN : ST_GRANDCHILDREN);
	case F_CONFIGURATIONS:
		return push(r, ST_CONFIGS);
	case F_WEAKNESSES:
		return push(r, ST_WEAKS);
	case F_PT_DATA:
		return push(r, ST_PT_LIST);
	case F_METRIC_V2:
	case F_METRIC_V30:
	case F_METRIC_V31:
	case F_METRIC_V40:
		r->list_version = f->field == F_METRIC_V2 ? NVD_CVSS_V20
				: f->field == F_METRIC_V30 ? NVD_CVSS_V30
				: f->field == F_METRIC_V31 ? NVD_CVSS_V31 : NVD_CVSS_V40;
		return push(r, ST_METRIC_LIST);
	case F_VULNERABILITIES:
	case F_CVE_ITEMS:
		if (r->info.format == NVD_FORMAT_UNKNOWN)
			r->info.format = f->field == F_CVE_ITEMS ? NVD_FORMAT_V11 : NVD_FORMAT_API2;
		r->saw_records = true;
		return push(r, f->field == F_CVE_ITEMS ? ST_ITEMS : ST_VULNS);
	default:
		return bad_type(r, f->field);
	}
}

static int cb_end_array(void *ctx)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip) {
		r->skip--;
		return 1;
	}
	r->depth--;
	return 1;
}

static int cb_end_map(void *ctx)
{
	struct nvd_reader *r = ctx;
	r->events++;
	if (r->skip) {
		r->skip--;
		return 1;
	}
	struct frame *f = top(r);
	switch (f->state) {
	case ST_MATCH:
		if (!(f->seen & SEEN_VULN))
			return fail(r, ERR_INVALID, "cpeMatch without \"vulnerable\"");
		if (!r->cur_match->criteria.p)
			return fail(r, ERR_INVALID, "cpeMatch without criteria");
		break;
	case ST_REF:
		if (!r->cur_ref->url.p)
			return fail(r, ERR_INVALID, "reference without url");
		break;
	case ST_DESC:
		if (!r->cur_desc->value.p)
			return fail(r, ERR_INVALID, "description without value");
		break;
	case ST_NODE:
	case ST_CHILD:
		if (!(f->seen & SEEN_OP))
			return fail(r, ERR_INVALID, "configuration node without operator");
		if (f->state == ST_CHILD)
			r->cur_node = &r->pending;
		break;
	case ST_NODE11:
		if (!(f->seen & SEEN_OP))
			return fail(r, ERR_INVALID, "configuration node without operator");
		if (!end_node11(r))
			return 0;
		break;
	case ST_METRIC:
	case ST_BM11:
		if (!end_metric(r, f))
			return 0;
		break;
	case ST_PT:
		/* 1.1 writes empty problemtype entries; they carry nothing */
		if (r->cur_weak->n_cwes == 0)
			r->cve.n_weaknesses--;
		break;
	case ST_VULN:
	case ST_ITEM:
		if (!end_record(r))
			return 0;
		break;
	default:
		break;
	}
	r->depth--;
	return 1;
}

static const struct json_stream_handlers handlers = {
	.null = cb_null,
	.boolean = cb_boolean,
	.number = cb_number,
	.string = cb_string,
	.start_map = cb_start_map,
	.map_key = cb_map_key,
	.end_map = cb_end_map,
	.start_array = cb_start_array,
	.end_array = cb_end_array,
};

/* ---- public ---- */

struct nvd_reader *nvd_reader_new(nvd_cve_fn on_cve, void *ctx, const struct nvd_limits *limits)
{
	struct nvd_reader *r = xcalloc(1, sizeof(*r));
	r->on_cve = on_cve;
	r->ctx = ctx;
	if (limits)
		r->lim = *limits;
	if (!r->lim.max_string)
		r->lim.max_string = NVD_DEFAULT_MAX_STRING;
	if (!r->lim.max_list)
		r->lim.max_list = NVD_DEFAULT_MAX_LIST;
	if (!r->lim.max_matches)
		r->lim.max_matches = NVD_DEFAULT_MAX_MATCHES;
	if (!r->lim.max_record_bytes)
		r->lim.max_record_bytes = NVD_DEFAULT_MAX_RECORD_BYTES;
	r->js = json_stream_new(&handlers, r);
	arena_init(&r->arena, ARENA_BLOCK);
	r->stack[0].state = ST_START;
	r->depth = 1;
	r->info.results_per_page = -1;
	r->info.start_index = -1;
	r->info.total_results = -1;
	r->info.timestamp_unix = -1;
	return r;
}

void nvd_reader_free(struct nvd_reader *r)
{
	if (!r)
		return;
	json_stream_free(r->js);
	arena_free(&r->arena);
	free(r);
}

static enum err parse_failed(struct nvd_reader *r, enum json_stream_status st, uint64_t off)
{
	if (st == JSON_STREAM_STOPPED || r->err != ERR_OK)
		return r->err != ERR_OK ? r->err : ERR_INTERNAL;
	char m[160];
	json_stream_error(r->js, m, sizeof(m));
	fail_at(r, off, ERR_INVALID, "malformed JSON: %s", m);
	return r->err;
}

enum err nvd_reader_feed(struct nvd_reader *r, const void *p, size_t len)
{
	if (r->err != ERR_OK)
		return r->err;
	if (r->finished) {
		fail_at(r, r->chunk_base, ERR_INVALID, "data after the end of the stream");
		return r->err;
	}
	/* the parser keeps a token that spans pieces in its own buffer: bound it (escaped text
	 * may take six bytes per decoded one) */
	uint64_t quiet_cap = (uint64_t)r->lim.max_string * 6 + 2 * PIECE;
	const unsigned char *b = p;
	while (len > 0) {
		size_t n = len < PIECE ? len : PIECE;
		uint64_t ev = r->events;
		enum json_stream_status st = json_stream_parse(r->js, b, n);
		if (st != JSON_STREAM_OK)
			return parse_failed(r, st, r->chunk_base + json_stream_consumed(r->js));
		r->chunk_base += n;
		r->info.bytes += n;
		r->quiet = r->events == ev ? r->quiet + n : n;
		if (r->quiet > quiet_cap) {
			fail_at(r, r->chunk_base, ERR_TOO_LARGE,
				"more than %llu bytes without a complete JSON token",
				(unsigned long long)quiet_cap);
			return r->err;
		}
		b += n;
		len -= n;
	}
	return ERR_OK;
}

enum err nvd_reader_finish(struct nvd_reader *r)
{
	if (r->err != ERR_OK)
		return r->err;
	if (r->finished)
		return ERR_OK;
	enum json_stream_status st = json_stream_finish(r->js);
	if (st != JSON_STREAM_OK)
		return parse_failed(r, st, r->chunk_base);
	r->finished = true;
	if (!r->saw_records) {
		fail_at(r, r->chunk_base, ERR_INVALID,
			"not an NVD CVE feed: no \"vulnerabilities\" or \"CVE_Items\" array");
		return r->err;
	}
	return ERR_OK;
}

enum err nvd_reader_run(struct nvd_reader *r, struct feed_input *in)
{
	for (;;) {
		const unsigned char *p;
		size_t n;
		enum err e = feed_input_read(in, &p, &n);
		if (e != ERR_OK) {
			if (r->err == ERR_OK) {
				r->err = e;
				snprintf(r->msg, sizeof(r->msg), "%s", feed_input_error(in));
			}
			return r->err;
		}
		if (n == 0)
			break;
		if (nvd_reader_feed(r, p, n) != ERR_OK)
			goto named;
	}
	if (nvd_reader_finish(r) != ERR_OK)
		goto named;
	return ERR_OK;
named:;
	/* "<name>: <message>", the name shortened if it must be */
	char tmp[sizeof(r->msg)];
	memcpy(tmp, r->msg, sizeof(tmp));
	const char *name = feed_input_name(in);
	size_t nl = strnlen(name, 200), ml = strnlen(tmp, sizeof(tmp) - 1);
	size_t room = sizeof(r->msg) - 1 - nl - 2;
	memcpy(r->msg, name, nl);
	memcpy(r->msg + nl, ": ", 2);
	memcpy(r->msg + nl + 2, tmp, ml < room ? ml : room);
	r->msg[nl + 2 + (ml < room ? ml : room)] = '\0';
	return r->err;
}

const char *nvd_reader_error(const struct nvd_reader *r)
{
	return r->msg;
}

const struct nvd_feed_info *nvd_reader_info(const struct nvd_reader *r)
{
	return &r->info;
}

enum err nvd_read_file(const char *path, uint64_t max_out, nvd_cve_fn on_cve, void *ctx,
		       struct nvd_feed_info *info, char *err, size_t errlen)
{
	struct feed_input *in;
	enum err e = feed_input_open_file(path, max_out, &in, err, errlen);
	if (e != ERR_OK)
		return e;
	struct nvd_reader *r = nvd_reader_new(on_cve, ctx, NULL);
	e = nvd_reader_run(r, in);
	if (e != ERR_OK && errlen)
		snprintf(err, errlen, "%s", nvd_reader_error(r));
	else if (errlen)
		err[0] = '\0';
	if (info)
		*info = r->info;
	nvd_reader_free(r);
	feed_input_close(in);
	return e;
}

const char *nvd_format_str(enum nvd_format f)
{
	switch (f) {
	case NVD_FORMAT_API2:
		return "api2";
	case NVD_FORMAT_V11:
		return "1.1";
	default:
		return "unknown";
	}
}

const char *nvd_cvss_version_str(enum nvd_cvss_version v)
{
	static const char *const names[NVD_CVSS__MAX] = { "2.0", "3.0", "3.1", "4.0" };
	return (unsigned)v < NVD_CVSS__MAX ? names[v] : "?";
}

const char *nvd_operator_str(enum nvd_operator op)
{
	return op == NVD_OP_AND ? "AND" : "OR";
}
