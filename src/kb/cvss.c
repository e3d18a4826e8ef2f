/* CVSS v2.0, v3.0, v3.1 and v4.0: the metric tables (abbreviations, official names in
 * English and zh-TW, weights), the vector parser and writer, and the scoring equations of
 * each specification, with each version's own rounding. v4's data tables: cvss4_tables.c. */
#include "kb/cvss.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum group { G_BASE, G_TEMPORAL, G_THREAT, G_ENV, G_SUPP, G__MAX };

struct value_def {
	const char *abbr;
	uint8_t len; /* strlen(abbr): the parser compares lengths before bytes */
	const char *en;
	const char *zh;
};

struct metric_def {
	const char *abbr;
	uint8_t len;
	const char *en;
	const char *zh;
	const struct value_def *values; /* value k (1-based in struct cvss) is values[k-1] */
	uint8_t nvalues;
	uint8_t group; /* enum group; G_BASE metrics are mandatory and have no Not Defined */
};

struct version_def {
	const char *prefix; /* written before the metrics, "" for v2 */
	const char *name;   /* "3.1" */
	const char *nd;     /* the Not Defined value: "ND" in v2, "X" after */
	const struct metric_def *metrics;
	uint8_t count;
};

#define METRIC(abbr, en, zh, vals, group) { abbr, sizeof(abbr) - 1, en, zh, vals, (uint8_t)COUNT(vals), group }
#define VALUE(abbr, en, zh) { abbr, sizeof(abbr) - 1, en, zh }

/* ---- v2.0: names and value order of the v2 guide, section 2 ---- */

static const struct value_def v2_av[] = {
	VALUE("L", "Local", "本機"),
	VALUE("A", "Adjacent Network", "相鄰網路"),
	VALUE("N", "Network", "網路"),
};
static const struct value_def v2_ac[] = {
	VALUE("H", "High", "高"), VALUE("M", "Medium", "中"), VALUE("L", "Low", "低"),
};
static const struct value_def v2_au[] = {
	VALUE("M", "Multiple", "多次"), VALUE("S", "Single", "單次"), VALUE("N", "None", "無"),
};
static const struct value_def v2_cia[] = {
	VALUE("N", "None", "無"), VALUE("P", "Partial", "部分"), VALUE("C", "Complete", "完全"),
};
static const struct value_def v2_e[] = {
	VALUE("U", "Unproven", "未經證實"),
	VALUE("POC", "Proof-of-Concept", "概念驗證"),
	VALUE("F", "Functional", "具功能性"),
	VALUE("H", "High", "高"),
};
static const struct value_def v2_rl[] = {
	VALUE("OF", "Official Fix", "正式修補"),
	VALUE("TF", "Temporary Fix", "暫時修補"),
	VALUE("W", "Workaround", "因應措施"),
	VALUE("U", "Unavailable", "無法取得"),
};
static const struct value_def v2_rc[] = {
	VALUE("UC", "Unconfirmed", "未確認"),
	VALUE("UR", "Uncorroborated", "未經佐證"),
	VALUE("C", "Confirmed", "已確認"),
};
static const struct value_def v2_cdp[] = {
	VALUE("N", "None", "無"),
	VALUE("L", "Low", "低"),
	VALUE("LM", "Low-Medium", "低至中"),
	VALUE("MH", "Medium-High", "中至高"),
	VALUE("H", "High", "高"),
};
static const struct value_def v2_td[] = {
	VALUE("N", "None", "無"), VALUE("L", "Low", "低"), VALUE("M", "Medium", "中"), VALUE("H", "High", "高"),
};
static const struct value_def v2_req[] = {
	VALUE("L", "Low", "低"), VALUE("M", "Medium", "中"), VALUE("H", "High", "高"),
};

static const struct metric_def v2_metrics[CVSS2__MAX] = {
	[CVSS2_AV] = METRIC("AV", "Access Vector", "存取途徑", v2_av, G_BASE),
	[CVSS2_AC] = METRIC("AC", "Access Complexity", "存取複雜度", v2_ac, G_BASE),
	[CVSS2_AU] = METRIC("Au", "Authentication", "身分鑑別", v2_au, G_BASE),
	[CVSS2_C] = METRIC("C", "Confidentiality Impact", "機密性衝擊", v2_cia, G_BASE),
	[CVSS2_I] = METRIC("I", "Integrity Impact", "完整性衝擊", v2_cia, G_BASE),
	[CVSS2_A] = METRIC("A", "Availability Impact", "可用性衝擊", v2_cia, G_BASE),
	[CVSS2_E] = METRIC("E", "Exploitability", "可利用性", v2_e, G_TEMPORAL),
	[CVSS2_RL] = METRIC("RL", "Remediation Level", "修補層級", v2_rl, G_TEMPORAL),
	[CVSS2_RC] = METRIC("RC", "Report Confidence", "報告可信度", v2_rc, G_TEMPORAL),
	[CVSS2_CDP] = METRIC("CDP", "Collateral Damage Potential", "附帶損害潛在性", v2_cdp, G_ENV),
	[CVSS2_TD] = METRIC("TD", "Target Distribution", "目標分布", v2_td, G_ENV),
	[CVSS2_CR] = METRIC("CR", "Confidentiality Requirement", "機密性要求", v2_req, G_ENV),
	[CVSS2_IR] = METRIC("IR", "Integrity Requirement", "完整性要求", v2_req, G_ENV),
	[CVSS2_AR] = METRIC("AR", "Availability Requirement", "可用性要求", v2_req, G_ENV),
};

/* ---- v3.0 and v3.1: names and value order of the v3.1 specification, section 2-4;
 * v3.0 differs only in names (Adjacent Network, Confidentiality Impact, ...) ---- */

static const struct value_def v31_av[] = {
	VALUE("N", "Network", "網路"),
	VALUE("A", "Adjacent", "相鄰"),
	VALUE("L", "Local", "本機"),
	VALUE("P", "Physical", "實體"),
};
static const struct value_def v30_av[] = {
	VALUE("N", "Network", "網路"),
	VALUE("A", "Adjacent Network", "相鄰網路"),
	VALUE("L", "Local", "本機"),
	VALUE("P", "Physical", "實體"),
};
static const struct value_def v3_ac[] = { VALUE("L", "Low", "低"), VALUE("H", "High", "高") };
static const struct value_def v3_pr[] = {
	VALUE("N", "None", "無"), VALUE("L", "Low", "低"), VALUE("H", "High", "高"),
};
static const struct value_def v3_ui[] = { VALUE("N", "None", "無"), VALUE("R", "Required", "需要") };
static const struct value_def v3_s[] = {
	VALUE("U", "Unchanged", "未改變"), VALUE("C", "Changed", "已改變"),
};
static const struct value_def v3_cia[] = {
	VALUE("H", "High", "高"), VALUE("L", "Low", "低"), VALUE("N", "None", "無"),
};
static const struct value_def v3_e[] = {
	VALUE("H", "High", "高"),
	VALUE("F", "Functional", "具功能性"),
	VALUE("P", "Proof-of-Concept", "概念驗證"),
	VALUE("U", "Unproven", "未經證實"),
};
static const struct value_def v3_rl[] = {
	VALUE("U", "Unavailable", "無法取得"),
	VALUE("W", "Workaround", "因應措施"),
	VALUE("T", "Temporary Fix", "暫時修補"),
	VALUE("O", "Official Fix", "正式修補"),
};
static const struct value_def v3_rc[] = {
	VALUE("C", "Confirmed", "已確認"), VALUE("R", "Reasonable", "合理"), VALUE("U", "Unknown", "未知"),
};
static const struct value_def v3_req[] = {
	VALUE("H", "High", "高"), VALUE("M", "Medium", "中"), VALUE("L", "Low", "低"),
};

#define V3_TEMPORAL_ENV_METRICS                                                            \
	[CVSS3_E] = METRIC("E", "Exploit Code Maturity", "漏洞利用程式成熟度", v3_e, G_TEMPORAL), \
	[CVSS3_RL] = METRIC("RL", "Remediation Level", "修補層級", v3_rl, G_TEMPORAL),           \
	[CVSS3_RC] = METRIC("RC", "Report Confidence", "報告可信度", v3_rc, G_TEMPORAL),         \
	[CVSS3_CR] = METRIC("CR", "Confidentiality Requirement", "機密性要求", v3_req, G_ENV),   \
	[CVSS3_IR] = METRIC("IR", "Integrity Requirement", "完整性要求", v3_req, G_ENV),         \
	[CVSS3_AR] = METRIC("AR", "Availability Requirement", "可用性要求", v3_req, G_ENV),      \
	[CVSS3_MAC] = METRIC("MAC", "Modified Attack Complexity", "修正後攻擊複雜度", v3_ac, G_ENV), \
	[CVSS3_MPR] = METRIC("MPR", "Modified Privileges Required", "修正後所需權限", v3_pr, G_ENV), \
	[CVSS3_MUI] = METRIC("MUI", "Modified User Interaction", "修正後使用者互動", v3_ui, G_ENV), \
	[CVSS3_MS] = METRIC("MS", "Modified Scope", "修正後影響範圍", v3_s, G_ENV)

static const struct metric_def v31_metrics[CVSS3__MAX] = {
	[CVSS3_AV] = METRIC("AV", "Attack Vector", "攻擊途徑", v31_av, G_BASE),
	[CVSS3_AC] = METRIC("AC", "Attack Complexity", "攻擊複雜度", v3_ac, G_BASE),
	[CVSS3_PR] = METRIC("PR", "Privileges Required", "所需權限", v3_pr, G_BASE),
	[CVSS3_UI] = METRIC("UI", "User Interaction", "使用者互動", v3_ui, G_BASE),
	[CVSS3_S] = METRIC("S", "Scope", "影響範圍", v3_s, G_BASE),
	[CVSS3_C] = METRIC("C", "Confidentiality", "機密性", v3_cia, G_BASE),
	[CVSS3_I] = METRIC("I", "Integrity", "完整性", v3_cia, G_BASE),
	[CVSS3_A] = METRIC("A", "Availability", "可用性", v3_cia, G_BASE),
	V3_TEMPORAL_ENV_METRICS,
	[CVSS3_MAV] = METRIC("MAV", "Modified Attack Vector", "修正後攻擊途徑", v31_av, G_ENV),
	[CVSS3_MC] = METRIC("MC", "Modified Confidentiality", "修正後機密性", v3_cia, G_ENV),
	[CVSS3_MI] = METRIC("MI", "Modified Integrity", "修正後完整性", v3_cia, G_ENV),
	[CVSS3_MA] = METRIC("MA", "Modified Availability", "修正後可用性", v3_cia, G_ENV),
};

static const struct metric_def v30_metrics[CVSS3__MAX] = {
	[CVSS3_AV] = METRIC("AV", "Attack Vector", "攻擊途徑", v30_av, G_BASE),
	[CVSS3_AC] = METRIC("AC", "Attack Complexity", "攻擊複雜度", v3_ac, G_BASE),
	[CVSS3_PR] = METRIC("PR", "Privileges Required", "所需權限", v3_pr, G_BASE),
	[CVSS3_UI] = METRIC("UI", "User Interaction", "使用者互動", v3_ui, G_BASE),
	[CVSS3_S] = METRIC("S", "Scope", "影響範圍", v3_s, G_BASE),
	[CVSS3_C] = METRIC("C", "Confidentiality Impact", "機密性衝擊", v3_cia, G_BASE),
	[CVSS3_I] = METRIC("I", "Integrity Impact", "完整性衝擊", v3_cia, G_BASE),
	[CVSS3_A] = METRIC("A", "Availability Impact", "可用性衝擊", v3_cia, G_BASE),
	V3_TEMPORAL_ENV_METRICS,
	[CVSS3_MAV] = METRIC("MAV", "Modified Attack Vector", "修正後攻擊途徑", v30_av, G_ENV),
	[CVSS3_MC] = METRIC("MC", "Modified Confidentiality Impact", "修正後機密性衝擊", v3_cia, G_ENV),
	[CVSS3_MI] = METRIC("MI", "Modified Integrity Impact", "修正後完整性衝擊", v3_cia, G_ENV),
	[CVSS3_MA] = METRIC("MA", "Modified Availability Impact", "修正後可用性衝擊", v3_cia, G_ENV),
};

/* ---- v4.0: names and value order of the v4.0 specification, sections 2-5 ---- */

static const struct value_def v4_av[] = {
	VALUE("N", "Network", "網路"),
	VALUE("A", "Adjacent", "相鄰"),
	VALUE("L", "Local", "本機"),
	VALUE("P", "Physical", "實體"),
};
static const struct value_def v4_at[] = { VALUE("N", "None", "無"), VALUE("P", "Present", "存在") };
static const struct value_def v4_ui[] = {
	VALUE("N", "None", "無"), VALUE("P", "Passive", "被動"), VALUE("A", "Active", "主動"),
};
static const struct value_def v4_msc[] = {
	VALUE("H", "High", "高"), VALUE("L", "Low", "低"), VALUE("N", "Negligible", "可忽略"),
};
static const struct value_def v4_msi[] = {
	VALUE("H", "High", "高"),
	VALUE("L", "Low", "低"),
	VALUE("N", "Negligible", "可忽略"),
	VALUE("S", "Safety", "人身安全"),
};
static const struct value_def v4_e[] = {
	VALUE("A", "Attacked", "已遭攻擊"), VALUE("P", "POC", "概念驗證"), VALUE("U", "Unreported", "未通報"),
};
static const struct value_def v4_s[] = {
	VALUE("N", "Negligible", "可忽略"), VALUE("P", "Present", "存在"),
};
static const struct value_def v4_au[] = { VALUE("N", "No", "否"), VALUE("Y", "Yes", "是") };
static const struct value_def v4_r[] = {
	VALUE("A", "Automatic", "自動"), VALUE("U", "User", "使用者"), VALUE("I", "Irrecoverable", "無法復原"),
};
static const struct value_def v4_v[] = { VALUE("D", "Diffuse", "分散"), VALUE("C", "Concentrated", "集中") };
static const struct value_def v4_re[] = {
	VALUE("L", "Low", "低"), VALUE("M", "Moderate", "中等"), VALUE("H", "High", "高"),
};
static const struct value_def v4_u[] = {
	VALUE("Clear", "Clear", "無需處理"),
	VALUE("Green", "Green", "綠"),
	VALUE("Amber", "Amber", "琥珀"),
	VALUE("Red", "Red", "紅"),
};

static const struct metric_def v4_metrics[CVSS4__MAX] = {
	[CVSS4_AV] = METRIC("AV", "Attack Vector", "攻擊途徑", v4_av, G_BASE),
	[CVSS4_AC] = METRIC("AC", "Attack Complexity", "攻擊複雜度", v3_ac, G_BASE),
	[CVSS4_AT] = METRIC("AT", "Attack Requirements", "攻擊前提條件", v4_at, G_BASE),
	[CVSS4_PR] = METRIC("PR", "Privileges Required", "所需權限", v3_pr, G_BASE),
	[CVSS4_UI] = METRIC("UI", "User Interaction", "使用者互動", v4_ui, G_BASE),
	[CVSS4_VC] = METRIC("VC", "Vulnerable System Confidentiality Impact", "弱點系統機密性衝擊", v3_cia, G_BASE),
	[CVSS4_VI] = METRIC("VI", "Vulnerable System Integrity Impact", "弱點系統完整性衝擊", v3_cia, G_BASE),
	[CVSS4_VA] = METRIC("VA", "Vulnerable System Availability Impact", "弱點系統可用性衝擊", v3_cia, G_BASE),
	[CVSS4_SC] = METRIC("SC", "Subsequent System Confidentiality Impact", "後續系統機密性衝擊", v3_cia, G_BASE),
	[CVSS4_SI] = METRIC("SI", "Subsequent System Integrity Impact", "後續系統完整性衝擊", v3_cia, G_BASE),
	[CVSS4_SA] = METRIC("SA", "Subsequent System Availability Impact", "後續系統可用性衝擊", v3_cia, G_BASE),
	[CVSS4_E] = METRIC("E", "Exploit Maturity", "漏洞利用成熟度", v4_e, G_THREAT),
	[CVSS4_CR] = METRIC("CR", "Confidentiality Requirement", "機密性要求", v3_req, G_ENV),
	[CVSS4_IR] = METRIC("IR", "Integrity Requirement", "完整性要求", v3_req, G_ENV),
	[CVSS4_AR] = METRIC("AR", "Availability Requirement", "可用性要求", v3_req, G_ENV),
	[CVSS4_MAV] = METRIC("MAV", "Modified Attack Vector", "修正後攻擊途徑", v4_av, G_ENV),
	[CVSS4_MAC] = METRIC("MAC", "Modified Attack Complexity", "修正後攻擊複雜度", v3_ac, G_ENV),
	[CVSS4_MAT] = METRIC("MAT", "Modified Attack Requirements", "修正後攻擊前提條件", v4_at, G_ENV),
	[CVSS4_MPR] = METRIC("MPR", "Modified Privileges Required", "修正後所需權限", v3_pr, G_ENV),
	[CVSS4_MUI] = METRIC("MUI", "Modified User Interaction", "修正後使用者互動", v4_ui, G_ENV),
	[CVSS4_MVC] = METRIC("MVC", "Modified Vulnerable System Confidentiality Impact", "修正後弱點系統機密性衝擊", v3_cia, G_ENV),
	[CVSS4_MVI] = METRIC("MVI", "Modified Vulnerable System Integrity Impact", "修正後弱點系統完整性衝擊", v3_cia, G_ENV),
	[CVSS4_MVA] = METRIC("MVA", "Modified Vulnerable System Availability Impact", "修正後弱點系統可用性衝擊", v3_cia, G_ENV),
	[CVSS4_MSC] = METRIC("MSC", "Modified Subsequent System Confidentiality Impact", "修正後後續系統機密性衝擊", v4_msc, G_ENV),
	[CVSS4_MSI] = METRIC("MSI", "Modified Subsequent System Integrity Impact", "修正後後續系統完整性衝擊", v4_msi, G_ENV),
	[CVSS4_MSA] = METRIC("MSA", "Modified Subsequent System Availability Impact", "修正後後續系統可用性衝擊", v4_msi, G_ENV),
	[CVSS4_S] = METRIC("S", "Safety", "人身安全", v4_s, G_SUPP),
	[CVSS4_AU] = METRIC("AU", "Automatable", "可自動化", v4_au, G_SUPP),
	[CVSS4_R] = METRIC("R", "Recovery", "復原", v4_r, G_SUPP),
	[CVSS4_V] = METRIC("V", "Value Density", "價值密度", v4_v, G_SUPP),
	[CVSS4_RE] = METRIC("RE", "Vulnerability Response Effort", "弱點回應投入程度", v4_re, G_SUPP),
	[CVSS4_U] = METRIC("U", "Provider Urgency", "供應商緊急程度", v4_u, G_SUPP),
};

static const struct version_def versions[CVSS__MAX] = {
	[CVSS_V2] = { "", "2.0", "ND", v2_metrics, CVSS2__MAX },
	[CVSS_V3_0] = { "CVSS:3.0/", "3.0", "X", v30_metrics, CVSS3__MAX },
	[CVSS_V3_1] = { "CVSS:3.1/", "3.1", "X", v31_metrics, CVSS3__MAX },
	[CVSS_V4_0] = { "CVSS:4.0/", "4.0", "X", v4_metrics, CVSS4__MAX },
};

static const char *const group_en[G__MAX] = {
	"Base", "Temporal", "Threat", "Environmental", "Supplemental",
};
static const char *const group_zh[G__MAX] = { "基本", "時間", "威脅", "環境", "補充" };

/* ---- parsing ---- */

/* Does the slice s[0..n) spell the NUL-terminated lit? Stops at lit's NUL, so input
 * bytes (even NULs) never make it read past lit. */
static inline bool spells(const char *lit, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lit[i] == '\0' || lit[i] != s[i])
			return false;
	return lit[n] == '\0';
}

/* Is s[0..n) the table abbreviation abbr of length alen? Lengths first: most
 * candidates differ there, and a NUL in the input then simply fails to match. */
static inline bool is(const char *abbr, uint8_t alen, const char *s, size_t n)
{
	if (alen != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (abbr[i] != s[i])
			return false;
	return true;
}

/* Copies untrusted input into an error message: printable ASCII only, cut to fit cap. */
static const char *quote(char *dst, size_t cap, const char *s, size_t n)
{
	size_t max = cap - 4, o = 0;
	for (size_t i = 0; i < n && o < max; i++) {
		unsigned char ch = (unsigned char)s[i];
		dst[o++] = (ch >= 0x20 && ch < 0x7f && ch != '"') ? (char)ch : '?';
	}
	if (n > max) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
	return dst;
}

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen > 0) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static bool is_v3_metric_name(const char *s, size_t n)
{
	for (size_t i = 0; i < CVSS3__MAX; i++)
		if (spells(v31_metrics[i].abbr, s, n))
			return true;
	return false;
}

int cvss_parse(const char *p, size_t len, struct cvss *out, char *err, size_t errlen)
{
	char q1[32], q2[32];
	const char *end = p + len;
	enum cvss_version ver = CVSS_V2;

	memset(out, 0, sizeof *out);
	if (len == 0)
		return fail(err, errlen, "empty vector");
	if (len > CVSS_VECTOR_MAX)
		return fail(err, errlen, "vector longer than %d bytes", CVSS_VECTOR_MAX);

	if (len >= 5 && memcmp(p, "CVSS:", 5) == 0) {
		const char *slash = memchr(p, '/', len);
		const char *v = p + 5;
		size_t vlen = (size_t)((slash ? slash : end) - v);
		if (spells("3.0", v, vlen))
			ver = CVSS_V3_0;
		else if (spells("3.1", v, vlen))
			ver = CVSS_V3_1;
		else if (spells("4.0", v, vlen))
			ver = CVSS_V4_0;
		else
			return fail(err, errlen, "unsupported CVSS version \"%s\" (expected 3.0, 3.1 or 4.0; v2 vectors have no prefix)",
				    quote(q1, sizeof q1, v, vlen));
		if (!slash || slash + 1 == end)
			return fail(err, errlen, "no metrics after CVSS:%s", versions[ver].name);
		p = slash + 1;
	} else if (p[0] == '(') {
		/* old NVD pages and XML feeds wrote v2 vectors as "(AV:N/.../A:P)" */
		if (len < 2 || end[-1] != ')')
			return fail(err, errlen, "unbalanced parenthesis around the vector");
		p++;
		end--;
	}

	const struct version_def *vd = &versions[ver];
	uint64_t seen = 0;
	size_t expect = 0;
	out->version = ver;
	for (;;) {
		/* components are a few bytes long: plain loops beat memchr calls here */
		if (p == end || *p == '/')
			return fail(err, errlen, "empty metric (\"//\" or a leading or trailing \"/\")");
		const char *colon = p;
		while (colon < end && *colon != ':' && *colon != '/')
			colon++;
		if (colon == end || *colon == '/')
			return fail(err, errlen, "metric \"%s\" has no value",
				    quote(q1, sizeof q1, p, (size_t)(colon - p)));
		const char *cend = colon + 1;
		while (cend < end && *cend != '/')
			cend++;
		size_t nlen = (size_t)(colon - p), vlen = (size_t)(cend - colon - 1);
		if (nlen == 0)
			return fail(err, errlen, "value \"%s\" has no metric name",
				    quote(q1, sizeof q1, colon + 1, vlen));

		/* vectors nearly always come in the specification's order: try that first */
		size_t m = expect;
		if (m >= vd->count || !is(vd->metrics[m].abbr, vd->metrics[m].len, p, nlen)) {
			for (m = 0; m < vd->count; m++)
				if (is(vd->metrics[m].abbr, vd->metrics[m].len, p, nlen))
					break;
			if (m == vd->count) {
				if (ver == CVSS_V2 && is_v3_metric_name(p, nlen))
					return fail(err, errlen, "unknown metric \"%s\" (v3 vectors start with \"CVSS:3.1/\")",
						    quote(q1, sizeof q1, p, nlen));
				return fail(err, errlen, "unknown metric \"%s\" in a CVSS %s vector",
					    quote(q1, sizeof q1, p, nlen), vd->name);
			}
		}
		const struct metric_def *md = &vd->metrics[m];
		if (seen & (UINT64_C(1) << m))
			return fail(err, errlen, "duplicate metric \"%s\"", md->abbr);

		const char *val = colon + 1;
		uint8_t k;
		if (md->group != G_BASE && spells(vd->nd, val, vlen)) {
			k = 0;
		} else {
			for (k = 0; k < md->nvalues; k++)
				if (is(md->values[k].abbr, md->values[k].len, val, vlen))
					break;
			if (k == md->nvalues)
				return fail(err, errlen, "invalid value \"%s\" for metric \"%s\"",
					    quote(q2, sizeof q2, val, vlen), md->abbr);
			k++;
		}
		out->v[m] = k;
		seen |= UINT64_C(1) << m;
		expect = m + 1;

		if (cend == end)
			break;
		p = cend + 1;
		if (p == end)
			return fail(err, errlen, "empty metric (\"//\" or a leading or trailing \"/\")");
	}

	for (size_t m = 0; m < vd->count && vd->metrics[m].group == G_BASE; m++)
		if (!(seen & (UINT64_C(1) << m)))
			return fail(err, errlen, "missing mandatory metric \"%s\"", vd->metrics[m].abbr);
	return 0;
}

/* ---- scoring helpers ---- */

/* JavaScript's Math.round (halves up), as the calculators whose results are the
 * reference use it; + 0.0 turns -0 into 0. */
static double js_round(double x)
{
	/* truncation is floor for the non-negative scores, and far cheaper than a call */
	double r = (x >= 0 && x < 1e15) ? (double)(int64_t)x : floor(x);
	if (x - r >= 0.5)
		r += 1.0;
	return r + 0.0;
}

static double min(double a, double b)
{
	return a < b ? a : b;
}

/* "round_to_1_decimal" of the v2 guide, and the one-decimal rounding NVD applies to
 * the published subscores. */
static double round1(double x)
{
	return js_round(x * 10.0) / 10.0;
}

/* v3.0 specification section 8.1: the smallest one-decimal number >= x, computed the
 * naive way the v3.0 calculators did, noise included (10.0 * 0.92 -> 9.3); seven of
 * metaeffekt's v3.0 test vectors depend on it. */
static double roundup30(double x)
{
	return ceil(x * 10.0) / 10.0 + 0.0;
}

/* v3.1 specification Appendix A: Roundup on integers, so that 4.000000000000001 and
 * friends (floating-point noise) do not round up to 4.1. */
static double roundup31(double x)
{
	long long i = (long long)js_round(x * 100000.0);
	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (double)(i / 10000 + 1) / 10.0;
}

/* ---- v2.0 (guide section 3.2) ---- */

static void score2(const struct cvss *c, struct cvss_scores *s)
{
	static const double av[] = { 0, 0.395, 0.646, 1.0 };
	static const double ac[] = { 0, 0.35, 0.61, 0.71 };
	static const double au[] = { 0, 0.45, 0.56, 0.704 };
	static const double cia[] = { 0, 0.0, 0.275, 0.660 };
	static const double e[] = { 1.0, 0.85, 0.9, 0.95, 1.0 };
	static const double rl[] = { 1.0, 0.87, 0.90, 0.95, 1.0 };
	static const double rc[] = { 1.0, 0.90, 0.95, 1.0 };
	static const double cdp[] = { 0.0, 0.0, 0.1, 0.3, 0.4, 0.5 };
	static const double td[] = { 1.0, 0.0, 0.25, 0.75, 1.0 };
	static const double req[] = { 1.0, 0.5, 1.0, 1.51 };
	const uint8_t *v = c->v;

	double wc = cia[v[CVSS2_C]], wi = cia[v[CVSS2_I]], wa = cia[v[CVSS2_A]];
	double impact = 10.41 * (1 - (1 - wc) * (1 - wi) * (1 - wa));
	double expl = 20 * av[v[CVSS2_AV]] * ac[v[CVSS2_AC]] * au[v[CVSS2_AU]];
	double f = impact == 0 ? 0 : 1.176;
	double base = round1(((0.6 * impact) + (0.4 * expl) - 1.5) * f);

	/* Environmental as the reference calculators compute it (metaeffekt's, whose 7,956
	 * environmental test vectors we match, and NVD's): the exploitability subscore
	 * rounded to one decimal, AdjustedBase and AdjustedTemporal left unrounded. The
	 * guide's text rounds those two instead, which moves about one score in seven by
	 * 0.1 (its own worked examples print 9.2 and 7.5 where this gives 9.1 and 7.4). */
	double adj = min(10, 10.41 * (1 - (1 - wc * req[v[CVSS2_CR]]) * (1 - wi * req[v[CVSS2_IR]]) *
					 (1 - wa * req[v[CVSS2_AR]])));
	double fadj = adj == 0 ? 0 : 1.176;
	double adj_base = ((0.6 * adj) + (0.4 * round1(expl)) - 1.5) * fadj;
	double adj_temporal = adj_base * e[v[CVSS2_E]] * rl[v[CVSS2_RL]] * rc[v[CVSS2_RC]];
	double w_cdp = cdp[v[CVSS2_CDP]];

	s->base = base;
	s->temporal = round1(base * e[v[CVSS2_E]] * rl[v[CVSS2_RL]] * rc[v[CVSS2_RC]]);
	s->environmental = round1((adj_temporal + (10 - adj_temporal) * w_cdp) * td[v[CVSS2_TD]]);
	s->impact = round1(impact);
	s->exploitability = round1(expl);
	s->modified_impact = round1(adj);
}

/* ---- v3.0 and v3.1 (v3.1 specification section 7) ---- */

static void score3(const struct cvss *c, struct cvss_scores *s)
{
	static const double av[] = { 0, 0.85, 0.62, 0.55, 0.2 };
	static const double ac[] = { 0, 0.77, 0.44 };
	static const double pr_u[] = { 0, 0.85, 0.62, 0.27 };
	static const double pr_c[] = { 0, 0.85, 0.68, 0.5 };
	static const double ui[] = { 0, 0.85, 0.62 };
	static const double cia[] = { 0, 0.56, 0.22, 0.0 };
	static const double e[] = { 1, 1, 0.97, 0.94, 0.91 };
	static const double rl[] = { 1, 1, 0.97, 0.96, 0.95 };
	static const double rc[] = { 1, 1, 0.96, 0.92 };
	static const double req[] = { 1, 1.5, 1.0, 0.5 };
	const uint8_t *v = c->v;
	bool v31 = c->version == CVSS_V3_1;
	double (*roundup)(double) = v31 ? roundup31 : roundup30;

	/* base */
	bool changed = v[CVSS3_S] == 2;
	double iss = 1 - ((1 - cia[v[CVSS3_C]]) * (1 - cia[v[CVSS3_I]]) * (1 - cia[v[CVSS3_A]]));
	double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss;
	double expl = 8.22 * av[v[CVSS3_AV]] * ac[v[CVSS3_AC]] *
		      (changed ? pr_c : pr_u)[v[CVSS3_PR]] * ui[v[CVSS3_UI]];
	double base;
	if (impact <= 0)
		base = 0;
	else if (changed)
		base = roundup(min(1.08 * (impact + expl), 10));
	else
		base = roundup(min(impact + expl, 10));

	/* temporal: multiplied left to right, as the specification writes it */
	double we = e[v[CVSS3_E]], wrl = rl[v[CVSS3_RL]], wrc = rc[v[CVSS3_RC]];

	/* environmental: each modified metric falls back on its base metric */
#define MOD(m) (v[CVSS3_M##m] ? v[CVSS3_M##m] : v[CVSS3_##m])
	bool mchanged = MOD(S) == 2;
	double miss = min(1 - ((1 - cia[MOD(C)] * req[v[CVSS3_CR]]) *
				(1 - cia[MOD(I)] * req[v[CVSS3_IR]]) *
				(1 - cia[MOD(A)] * req[v[CVSS3_AR]])),
			   0.915);
	double mimpact;
	if (!mchanged)
		mimpact = 6.42 * miss;
	else if (v31)
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss * 0.9731 - 0.02, 13);
	else
		mimpact = 7.52 * (miss - 0.029) - 3.25 * pow(miss - 0.02, 15);
	double mexpl = 8.22 * av[MOD(AV)] * ac[MOD(AC)] * (mchanged ? pr_c : pr_u)[MOD(PR)] * ui[MOD(UI)];
#undef MOD
	double env;
	if (mimpact <= 0)
		env = 0;
	else if (mchanged)
		env = roundup(roundup(min(1.08 * (mimpact + mexpl), 10)) * we * wrl * wrc);
	else
		env = roundup(roundup(min(mimpact + mexpl, 10)) * we * wrl * wrc);

	s->base = base;
	s->temporal = roundup(base * we * wrl * wrc);
	s->environmental = env;
	s->impact = impact <= 0 ? 0.0 : round1(impact);
	s->exploitability = round1(expl);
	s->modified_impact = mimpact <= 0 ? 0.0 : round1(mimpact);
}

/* ---- v4.0 (specification section 8 and FIRST's reference calculator) ----
 * The score is the macrovector's score from FIRST's table, lowered by the mean of the
 * vector's normalised severity distances to the highest-severity vectors of its EQ
 * levels. Arithmetic is done in the same order, in doubles, as the reference
 * calculator, so that scores agree to the last bit before rounding. */

/* Severity levels of FIRST's calculator, in tenths (the distances are in 0.1 steps). */
static double level(char metric, char value)
{
	switch (metric) {
	case 'V': /* AV */
		return value == 'N' ? 0.0 : value == 'A' ? 0.1 : value == 'L' ? 0.2 : 0.3;
	case 'P': /* PR */
		return value == 'N' ? 0.0 : value == 'L' ? 0.1 : 0.2;
	case 'U': /* UI */
		return value == 'N' ? 0.0 : value == 'P' ? 0.1 : 0.2;
	case 'C': /* AC */
		return value == 'L' ? 0.0 : 0.1;
	case 'T': /* AT */
		return value == 'N' ? 0.0 : 0.1;
	case 'v': /* VC VI VA */
		return value == 'H' ? 0.0 : value == 'L' ? 0.1 : 0.2;
	case 's': /* SC SI SA (S: only MSI, MSA) */
		return value == 'S' ? 0.0 : value == 'H' ? 0.1 : value == 'L' ? 0.2 : 0.3;
	default: /* 'r': CR IR AR */
		return value == 'H' ? 0.0 : value == 'M' ? 0.1 : 0.2;
	}
}

/* Picks the first of the EQ level's highest-severity vectors that the vector does not
 * exceed (all distances >= 0), and returns the distance in d[]. FIRST's calculator scans
 * the cartesian product of all EQs for the first vector valid in every EQ, which is
 * the first valid one of each EQ. kinds[] gives level()'s metric key per letter. */
static void distances(const char *alts, size_t stride, const char *kinds, const char *eff,
		      size_t n, double *d)
{
	const char *last = NULL;
	for (size_t a = 0; a < CVSS4_MAX_ALT; a++) {
		const char *alt = alts + a * stride;
		if (alt[0] == '\0')
			break;
		last = alt;
		bool ok = true;
		for (size_t i = 0; i < n; i++) {
			d[i] = level(kinds[i], eff[i]) - level(kinds[i], alt[i]);
			if (d[i] < 0)
				ok = false;
		}
		if (ok)
			return;
	}
	/* none valid (the tables rule this out; the unit test checks): keep the last
	 * alternative's distances, as the reference calculator would */
	if (last)
		for (size_t i = 0; i < n; i++)
			d[i] = level(kinds[i], eff[i]) - level(kinds[i], last[i]);
}

static double macro_score(int e1, int e2, int e3, int e4, int e5, int e6)
{
	if (e1 > 2 || e2 > 1 || e3 > 2 || e4 > 2 || e5 > 2 || e6 > 1)
		return NAN;
	double x = cvss4_macro_score[e1][e2][e3][e4][e5][e6];
	return x < 0 ? NAN : x;
}

static char letter(const struct cvss *c, int m)
{
	return v4_metrics[m].values[c->v[m] - 1].abbr[0];
}

/* The value scoring uses: the modified metric when given, else the base metric. */
static char effective(const struct cvss *c, int base, int mod)
{
	return c->v[mod] ? letter(c, mod) : letter(c, base);
}

static void score4(const struct cvss *c, struct cvss_scores *s)
{
	const uint8_t *v = c->v;
	char av = effective(c, CVSS4_AV, CVSS4_MAV), ac = effective(c, CVSS4_AC, CVSS4_MAC);
	char at = effective(c, CVSS4_AT, CVSS4_MAT), pr = effective(c, CVSS4_PR, CVSS4_MPR);
	char ui = effective(c, CVSS4_UI, CVSS4_MUI);
	char vc = effective(c, CVSS4_VC, CVSS4_MVC), vi = effective(c, CVSS4_VI, CVSS4_MVI);
	char va = effective(c, CVSS4_VA, CVSS4_MVA), sc = effective(c, CVSS4_SC, CVSS4_MSC);
	char si = effective(c, CVSS4_SI, CVSS4_MSI), sa = effective(c, CVSS4_SA, CVSS4_MSA);
	/* Not Defined threat and requirement metrics score as their worst case */
	char e = v[CVSS4_E] ? letter(c, CVSS4_E) : 'A';
	char cr = v[CVSS4_CR] ? letter(c, CVSS4_CR) : 'H';
	char ir = v[CVSS4_IR] ? letter(c, CVSS4_IR) : 'H';
	char ar = v[CVSS4_AR] ? letter(c, CVSS4_AR) : 'H';

	int eq1 = (av == 'N' && pr == 'N' && ui == 'N') ? 0
		  : ((av == 'N' || pr == 'N' || ui == 'N') && av != 'P') ? 1 : 2;
	int eq2 = (ac == 'L' && at == 'N') ? 0 : 1;
	int eq3 = (vc == 'H' && vi == 'H') ? 0 : (vc == 'H' || vi == 'H' || va == 'H') ? 1 : 2;
	int eq4 = (si == 'S' || sa == 'S') ? 0 : (sc == 'H' || si == 'H' || sa == 'H') ? 1 : 2;
	int eq5 = e == 'A' ? 0 : e == 'P' ? 1 : 2;
	int eq6 = ((cr == 'H' && vc == 'H') || (ir == 'H' && vi == 'H') || (ar == 'H' && va == 'H')) ? 0 : 1;

	s->macrovector[0] = (char)('0' + eq1);
	s->macrovector[1] = (char)('0' + eq2);
	s->macrovector[2] = (char)('0' + eq3);
	s->macrovector[3] = (char)('0' + eq4);
	s->macrovector[4] = (char)('0' + eq5);
	s->macrovector[5] = (char)('0' + eq6);
	s->macrovector[6] = '\0';
	s->temporal = s->environmental = NAN;
	s->impact = s->exploitability = s->modified_impact = NAN;

	if (vc == 'N' && vi == 'N' && va == 'N' && sc == 'N' && si == 'N' && sa == 'N') {
		s->base = 0.0;
		return;
	}

	double value = macro_score(eq1, eq2, eq3, eq4, eq5, eq6);
	double lower1 = macro_score(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
	double lower2 = macro_score(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
	double lower36;
	if (eq3 == 0 && eq6 == 0) {
		/* two ways down; the higher one, compared as the calculator does */
		double left = macro_score(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
		double right = macro_score(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
		lower36 = left > right ? left : right;
	} else if (eq3 == 1 && eq6 == 0) {
		lower36 = macro_score(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
	} else {
		lower36 = macro_score(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
	}
	double lower4 = macro_score(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
	double lower5 = macro_score(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

	double d1[3], d2[2], d3[6], d4[3];
	const char eff1[3] = { av, pr, ui }, eff2[2] = { ac, at };
	const char eff3[6] = { vc, vi, va, cr, ir, ar }, eff4[3] = { sc, si, sa };
	distances(cvss4_max_eq1[eq1][0], sizeof cvss4_max_eq1[0][0], "VPU", eff1, 3, d1);
	distances(cvss4_max_eq2[eq2][0], sizeof cvss4_max_eq2[0][0], "CT", eff2, 2, d2);
	distances(cvss4_max_eq3[eq3][eq6][0], sizeof cvss4_max_eq3[0][0][0], "vvvrrr", eff3, 6, d3);
	distances(cvss4_max_eq4[eq4][0], sizeof cvss4_max_eq4[0][0], "sss", eff4, 3, d4);

	double cur1 = d1[0] + d1[1] + d1[2];
	double cur2 = d2[0] + d2[1];
	double cur36 = d3[0] + d3[1] + d3[2] + d3[3] + d3[4] + d3[5];
	double cur4 = d4[0] + d4[1] + d4[2];
	const double step = 0.1;
	double max1 = cvss4_max_severity_eq1[eq1] * step;
	double max2 = cvss4_max_severity_eq2[eq2] * step;
	double max36 = cvss4_max_severity_eq3eq6[eq3][eq6] * step;
	double max4 = cvss4_max_severity_eq4[eq4] * step;

	int n = 0;
	double norm1 = 0, norm2 = 0, norm36 = 0, norm4 = 0, norm5 = 0;
	if (!isnan(lower1)) {
		n++;
		norm1 = (value - lower1) * (cur1 / max1);
	}
	if (!isnan(lower2)) {
		n++;
		norm2 = (value - lower2) * (cur2 / max2);
	}
	if (!isnan(lower36)) {
		n++;
		norm36 = (value - lower36) * (cur36 / max36);
	}
	if (!isnan(lower4)) {
		n++;
		norm4 = (value - lower4) * (cur4 / max4);
	}
	if (!isnan(lower5)) {
		/* EQ5 has a single vector per level: its distance is always 0 */
		n++;
		norm5 = (value - lower5) * 0;
	}
	double mean = n == 0 ? 0 : (norm1 + norm2 + norm36 + norm4 + norm5) / n;
	value -= mean;
	if (value < 0)
		value = 0.0;
	if (value > 10)
		value = 10.0;
	/* FIRST's calculator lifts the value by 1e-6 before rounding half up: the
	 * interpolation can land one ulp below an x.x5 tie (5.6499999999999995 for 5.65) */
	s->base = js_round((value + 1e-6) * 10.0) / 10.0;
}

/* Does every value index exist in its metric's table, and is every base metric set?
 * Always true after cvss_parse; checked so that a hand-built struct cannot make the
 * scoring tables be read out of bounds. */
static bool valid(const struct cvss *c)
{
	if ((unsigned)c->version >= CVSS__MAX)
		return false;
	const struct version_def *vd = &versions[c->version];
	for (size_t m = 0; m < CVSS_METRICS_MAX; m++) {
		if (m >= vd->count) {
			if (c->v[m] != 0)
				return false;
		} else if (c->v[m] > vd->metrics[m].nvalues ||
			   (c->v[m] == 0 && vd->metrics[m].group == G_BASE)) {
			return false;
		}
	}
	return true;
}

void cvss_score(const struct cvss *c, struct cvss_scores *out)
{
	out->macrovector[0] = '\0';
	if (!valid(c)) {
		out->base = out->temporal = out->environmental = NAN;
		out->impact = out->exploitability = out->modified_impact = NAN;
		out->severity = CVSS_SEVERITY_NONE;
		return;
	}
	switch (c->version) {
	case CVSS_V2:
		score2(c, out);
		break;
	case CVSS_V3_0:
	case CVSS_V3_1:
		score3(c, out);
		break;
	default:
		score4(c, out);
		break;
	}
	out->severity = cvss_severity(c->version, out->base);
}

/* ---- severity, names ---- */

enum cvss_severity cvss_severity(enum cvss_version version, double score)
{
	/* compared in tenths so that 3.9 vs 4.0 cannot be a floating-point question */
	if (!(score > 0))
		return version == CVSS_V2 ? CVSS_SEVERITY_LOW : CVSS_SEVERITY_NONE;
	long t = lround(min(score, 10) * 10);
	if (version == CVSS_V2)
		return t < 40 ? CVSS_SEVERITY_LOW : t < 70 ? CVSS_SEVERITY_MEDIUM : CVSS_SEVERITY_HIGH;
	if (t <= 0)
		return CVSS_SEVERITY_NONE;
	return t < 40 ? CVSS_SEVERITY_LOW
	       : t < 70 ? CVSS_SEVERITY_MEDIUM
	       : t < 90 ? CVSS_SEVERITY_HIGH : CVSS_SEVERITY_CRITICAL;
}

static const char *const severity_en[CVSS_SEVERITY__MAX] = {
	"None", "Low", "Medium", "High", "Critical",
};
static const char *const severity_zh[CVSS_SEVERITY__MAX] = { "無", "低", "中", "高", "嚴重" };

static bool is_zh(const char *lang)
{
	return lang && (lang[0] == 'z' || lang[0] == 'Z') && (lang[1] == 'h' || lang[1] == 'H');
}

const char *cvss_severity_str(enum cvss_version version, double score)
{
	return severity_en[cvss_severity(version, score)];
}

const char *cvss_severity_name(enum cvss_severity severity, const char *lang)
{
	if ((unsigned)severity >= CVSS_SEVERITY__MAX)
		return "?";
	return is_zh(lang) ? severity_zh[severity] : severity_en[severity];
}

const char *cvss_version_str(enum cvss_version version)
{
	return (unsigned)version < CVSS__MAX ? versions[version].name : "?";
}

const char *cvss4_nomenclature(const struct cvss *c)
{
	if (c->version != CVSS_V4_0)
		return NULL;
	bool t = c->v[CVSS4_E] != 0, e = false;
	for (int m = CVSS4_CR; m <= CVSS4_MSA; m++)
		e = e || c->v[m] != 0;
	return t ? (e ? "CVSS-BTE" : "CVSS-BT") : (e ? "CVSS-BE" : "CVSS-B");
}

/* ---- writing and describing ---- */

static const struct version_def *version_of(const struct cvss *c)
{
	return &versions[(unsigned)c->version < CVSS__MAX ? c->version : CVSS_V2];
}

/* A metric is shown (and written) when it is a base metric or has a defined value that
 * exists in its table (a hand-built struct with a bad value is treated as Not Defined). */
static bool shown(const struct metric_def *md, uint8_t k)
{
	return k > 0 && k <= md->nvalues;
}

size_t cvss_format(const struct cvss *c, char *buf, size_t buflen)
{
	const struct version_def *vd = version_of(c);
	size_t o = 0;

#define PUT(s)                                                  \
	do {                                                    \
		for (const char *q_ = (s); *q_; q_++, o++)      \
			if (o + 1 < buflen)                     \
				buf[o] = *q_;                   \
	} while (0)

	PUT(vd->prefix);
	bool first = true;
	for (size_t m = 0; m < vd->count; m++) {
		const struct metric_def *md = &vd->metrics[m];
		if (!shown(md, c->v[m]))
			continue;
		if (!first)
			PUT("/");
		first = false;
		PUT(md->abbr);
		PUT(":");
		PUT(md->values[c->v[m] - 1].abbr);
	}
#undef PUT
	if (buflen > 0)
		buf[o < buflen ? o : buflen - 1] = '\0';
	return o;
}

size_t cvss_metric_count(const struct cvss *c)
{
	const struct version_def *vd = version_of(c);
	size_t n = 0;
	for (size_t m = 0; m < vd->count; m++)
		n += shown(&vd->metrics[m], c->v[m]);
	return n;
}

int cvss_metric_info(const struct cvss *c, size_t i, const char *lang,
		     struct cvss_metric_info *out)
{
	const struct version_def *vd = version_of(c);
	bool zh = is_zh(lang);
	for (size_t m = 0; m < vd->count; m++) {
		const struct metric_def *md = &vd->metrics[m];
		if (!shown(md, c->v[m]) || i-- > 0)
			continue;
		const struct value_def *val = &md->values[c->v[m] - 1];
		out->metric = md->abbr;
		out->value = val->abbr;
		out->metric_name = zh ? md->zh : md->en;
		out->value_name = zh ? val->zh : val->en;
		out->group = zh ? group_zh[md->group] : group_en[md->group];
		return 0;
	}
	return -1;
}

int cvss_metric_describe(const struct cvss *c, size_t i, const char *lang,
			 const char **metric_name, const char **value_name)
{
	struct cvss_metric_info info;
	if (cvss_metric_info(c, i, lang, &info) < 0)
		return -1;
	*metric_name = info.metric_name;
	*value_name = info.value_name;
	return 0;
}
