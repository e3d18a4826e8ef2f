/* CVSS v2.0, v3.0, v3.1 and v4.0 vectors: parse and validate, score (base, temporal or
 * threat, environmental), severity, canonical vector, metric names in English and zh-TW.
 * Nothing here allocates or keeps state: safe from any thread; strings returned are static. */
#ifndef VANS_KB_CVSS_H
#define VANS_KB_CVSS_H

#include <stddef.h>
#include <stdint.h>

enum cvss_version {
	CVSS_V2,   /* no prefix: "AV:N/AC:L/Au:N/C:P/I:P/A:P" */
	CVSS_V3_0, /* "CVSS:3.0/..." */
	CVSS_V3_1, /* "CVSS:3.1/..." */
	CVSS_V4_0, /* "CVSS:4.0/..." */
	CVSS__MAX
};

/* Metrics of each version, in the order of the specification's vector-string table (which
 * is also the order cvss_format writes). They index struct cvss.v. */
enum cvss2_metric {
	CVSS2_AV, CVSS2_AC, CVSS2_AU, CVSS2_C, CVSS2_I, CVSS2_A,
	CVSS2_E, CVSS2_RL, CVSS2_RC,
	CVSS2_CDP, CVSS2_TD, CVSS2_CR, CVSS2_IR, CVSS2_AR,
	CVSS2__MAX
};

enum cvss3_metric {
	CVSS3_AV, CVSS3_AC, CVSS3_PR, CVSS3_UI, CVSS3_S, CVSS3_C, CVSS3_I, CVSS3_A,
	CVSS3_E, CVSS3_RL, CVSS3_RC,
	CVSS3_CR, CVSS3_IR, CVSS3_AR,
	CVSS3_MAV, CVSS3_MAC, CVSS3_MPR, CVSS3_MUI, CVSS3_MS, CVSS3_MC, CVSS3_MI, CVSS3_MA,
	CVSS3__MAX
};

enum cvss4_metric {
	CVSS4_AV, CVSS4_AC, CVSS4_AT, CVSS4_PR, CVSS4_UI,
	CVSS4_VC, CVSS4_VI, CVSS4_VA, CVSS4_SC, CVSS4_SI, CVSS4_SA,
	CVSS4_E,
	CVSS4_CR, CVSS4_IR, CVSS4_AR,
	CVSS4_MAV, CVSS4_MAC, CVSS4_MAT, CVSS4_MPR, CVSS4_MUI,
	CVSS4_MVC, CVSS4_MVI, CVSS4_MVA, CVSS4_MSC, CVSS4_MSI, CVSS4_MSA,
	CVSS4_S, CVSS4_AU, CVSS4_R, CVSS4_V, CVSS4_RE, CVSS4_U,
	CVSS4__MAX
};

#define CVSS_METRICS_MAX 32  /* CVSS4__MAX, the most of any version */
/* Longest vector cvss_parse accepts, and a buffer size that always holds cvss_format's
 * output with its NUL (the longest valid vector, v4 with every metric, is 178 bytes). */
#define CVSS_VECTOR_MAX 256
/* An error buffer of this size never truncates cvss_parse's messages. */
#define CVSS_ERR_MAX 128

/* A parsed vector. v[m] is the value of metric m (enum cvssN_metric of the version):
 * 0 = absent or Not Defined (X, or ND in v2); k > 0 = the k-th value in the specification's
 * order for that metric (cvss_metric_info gives its letters and names). Mandatory base
 * metrics are never 0 after a successful parse. Plain data: copy and compare freely. */
struct cvss {
	enum cvss_version version;
	uint8_t v[CVSS_METRICS_MAX];
};

/* Parses the vector p[0..len) (no NUL needed); *out is unspecified after an error. Metrics may come in any order; X (v3, v4)
 * and ND (v2) mean Not Defined and are allowed on every non-base metric, as NVD writes v4
 * vectors. A v2 vector may be wrapped in parentheses as old NVD pages wrote it.
 * Returns 0 and fills *out, or -1 with a message naming the offending metric written to
 * err (NUL-terminated, truncated to errlen; err may be NULL when errlen is 0). Errors:
 * empty or over-long vector, unknown version prefix, empty component, metric without
 * value, unknown metric, duplicate metric, invalid value, missing mandatory base metric. */
int cvss_parse(const char *p, size_t len, struct cvss *out, char *err, size_t errlen);

enum cvss_severity {
	CVSS_SEVERITY_NONE,     /* v3/v4: 0.0 */
	CVSS_SEVERITY_LOW,      /* v2: 0.0-3.9; v3/v4: 0.1-3.9 */
	CVSS_SEVERITY_MEDIUM,   /* 4.0-6.9 */
	CVSS_SEVERITY_HIGH,     /* v2: 7.0-10.0; v3/v4: 7.0-8.9 */
	CVSS_SEVERITY_CRITICAL, /* v3/v4: 9.0-10.0 */
	CVSS_SEVERITY__MAX
};

struct cvss_scores {
	/* v2/v3: the base score. v4: the one score v4 has, computed from every metric the
	 * vector gives (CVSS-B, -BT, -BE or -BTE; see cvss4_nomenclature). */
	double base;
	/* v2/v3: temporal score and environmental score. Absent metrics count as Not
	 * Defined, so both always have a value (temporal then equals base; environmental
	 * is what the specification gives for Not Defined, which for v3.1 with scope
	 * changed can differ from base). v4: NAN (v4 has no separate scores). */
	double temporal;
	double environmental;
	/* v2/v3 base impact and exploitability subscores and the v2 adjusted / v3 modified
	 * impact subscore, rounded to one decimal as NVD publishes them; v4: NAN. */
	double impact;
	double exploitability;
	double modified_impact;
	enum cvss_severity severity; /* of base */
	/* v4: EQ1..EQ6 digits of the macrovector ("211200"); "" for v2/v3. */
	char macrovector[8];
};

/* Scores a parsed vector. A hand-built struct with an impossible value (a value index
 * beyond its metric's table, a base metric unset) gets NAN scores, never a wild read. */
void cvss_score(const struct cvss *c, struct cvss_scores *out);

/* Qualitative severity rating of a score in the given version's scale. */
enum cvss_severity cvss_severity(enum cvss_version version, double score);
/* "None", "Low", "Medium", "High", "Critical": the severity of score, in English. */
const char *cvss_severity_str(enum cvss_version version, double score);
/* The rating's name in lang ("zh-TW" or "zh..." for Traditional Chinese, anything else
 * or NULL for English). */
const char *cvss_severity_name(enum cvss_severity severity, const char *lang);

/* "2.0", "3.0", "3.1", "4.0". */
const char *cvss_version_str(enum cvss_version version);

/* v4 nomenclature of the score: "CVSS-B", "CVSS-BT" (threat metric given), "CVSS-BE"
 * (environmental metrics given) or "CVSS-BTE"; NULL for other versions. */
const char *cvss4_nomenclature(const struct cvss *c);

/* Writes the canonical vector of c to buf (NUL-terminated, truncated to buflen): the
 * version prefix, the base metrics, then every metric that is not Not Defined, all in
 * the specification's order. Returns the canonical length (not counting the NUL); a
 * result >= buflen means truncation. CVSS_VECTOR_MAX bytes are always enough. */
size_t cvss_format(const struct cvss *c, char *buf, size_t buflen);

/* Spelling out a vector for people. The metrics shown are the base metrics and every
 * other metric that is not Not Defined, in the specification's order; i counts them. */
struct cvss_metric_info {
	const char *metric;      /* abbreviation as in the vector: "AV" */
	const char *value;       /* "N" */
	const char *metric_name; /* official name: "Attack Vector" / "攻擊途徑" */
	const char *value_name;  /* "Network" / "網路" */
	const char *group;       /* "Base", "Temporal", "Threat", "Environmental",
				  * "Supplemental" / "基本", "時間", "威脅", "環境", "補充" */
};

size_t cvss_metric_count(const struct cvss *c);
/* Fills *out for shown metric i in lang ("zh-TW" or "zh..." for Traditional Chinese,
 * anything else or NULL for English). Returns 0, or -1 when i >= cvss_metric_count(c). */
int cvss_metric_info(const struct cvss *c, size_t i, const char *lang,
		     struct cvss_metric_info *out);
/* The same, for templates that want only the two names. */
int cvss_metric_describe(const struct cvss *c, size_t i, const char *lang,
			 const char **metric_name, const char **value_name);

/* FIRST's CVSS v4.0 tables, generated into cvss4_tables.c by scripts/gen-cvss4-tables.
 * Internal to cvss.c; declared here so that both files agree on their types. */
#define CVSS4_MAX_ALT 5
extern const double cvss4_macro_score[3][2][3][3][3][2];
extern const char cvss4_max_eq1[3][CVSS4_MAX_ALT][4];
extern const char cvss4_max_eq2[2][CVSS4_MAX_ALT][3];
extern const char cvss4_max_eq3[3][2][CVSS4_MAX_ALT][7];
extern const char cvss4_max_eq4[3][CVSS4_MAX_ALT][4];
extern const char cvss4_max_eq5[3][CVSS4_MAX_ALT][2];
extern const unsigned char cvss4_max_severity_eq1[3];
extern const unsigned char cvss4_max_severity_eq2[2];
extern const unsigned char cvss4_max_severity_eq3eq6[3][2];
extern const unsigned char cvss4_max_severity_eq4[3];
extern const unsigned char cvss4_max_severity_eq5[3];

#endif
