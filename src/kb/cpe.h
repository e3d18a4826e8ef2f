/* CPE 2.3 names: the well-formed name (WFN) and its two bindings, the formatted string
 * and the 2.2 URI (NISTIR 7695), and the set relations between names (NISTIR 7696) that
 * the matching engine asks millions of times. Nothing here allocates or keeps state. */
#ifndef VANS_KB_CPE_H
#define VANS_KB_CPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most content a name holds: value characters plus wildcards, all attributes
 * together. The longest name of the 2015 NVD dictionary is 130 bytes in all. */
#define CPE_CONTENT_MAX 512

/* The longest name (formatted string, URI or WFN notation) the parsers accept, in bytes:
 * room for every binding of CPE_CONTENT_MAX characters (in the URI one character can
 * take three, "%21"), so whatever parses can be written and read back. */
#define CPE_NAME_MAX (3 * CPE_CONTENT_MAX + 64)

/* A buffer this size always holds any binding of any struct cpe, with its NUL. */
#define CPE_FORMAT_MAX (CPE_NAME_MAX + 1)

/* The 11 WFN attributes, in the order of both bindings. */
enum cpe_attr {
	CPE_ATTR_PART,
	CPE_ATTR_VENDOR,
	CPE_ATTR_PRODUCT,
	CPE_ATTR_VERSION,
	CPE_ATTR_UPDATE,
	CPE_ATTR_EDITION,
	CPE_ATTR_LANGUAGE,
	CPE_ATTR_SW_EDITION,
	CPE_ATTR_TARGET_SW,
	CPE_ATTR_TARGET_HW,
	CPE_ATTR_OTHER,
	CPE_ATTR__MAX
};

/* What an attribute holds: a logical value or a character string. ANY is 0, so a zeroed
 * struct cpe is the name that matches everything. */
enum cpe_kind {
	CPE_KIND_ANY,   /* "*" in the formatted string, empty in the URI */
	CPE_KIND_NA,    /* "-" in both bindings */
	CPE_KIND_VALUE, /* a string, possibly with leading/trailing wildcards */
	CPE_KIND__MAX
};

/* NISTIR 7696 relations; for an attribute, "source is a SUPERSET of target" etc. */
enum cpe_relation {
	CPE_REL_DISJOINT,
	CPE_REL_SUBSET,
	CPE_REL_SUPERSET,
	CPE_REL_EQUAL,
	CPE_REL_UNDEFINED, /* a wildcard in the target, or a name-level mix of relations */
	CPE_REL__MAX
};

/* pre/suf value meaning an unquoted '*' (otherwise they count unquoted '?') */
#define CPE_STAR UINT16_MAX

/* flags of a value */
#define CPE_VF_UPPER 0x01u /* the literal text has an upper-case ASCII letter */

/* An attribute value as the matcher sees it. A string value is stored without quoting:
 * the literal characters (an escaped "\." is just "."), plus how many unquoted '?' lead
 * and trail it (or CPE_STAR for an unquoted '*'): WFN "?foo\.bar*" is p="foo.bar",
 * pre=1, suf=CPE_STAR. The spec allows wildcards only there, so nothing is lost.
 * p is NUL-terminated; "" for ANY and NA. BORROWED from the struct cpe it came from. */
struct cpe_av {
	const char *p;
	uint16_t len;
	uint16_t pre;
	uint16_t suf;
	uint8_t kind;  /* enum cpe_kind */
	uint8_t flags; /* CPE_VF_* */
};

/* One attribute inside a struct cpe: text[off .. off+len) followed by a NUL. */
struct cpe_slot {
	uint16_t off;
	uint16_t len;
	uint16_t pre;
	uint16_t suf;
	uint8_t kind;
	uint8_t flags;
};

/* A parsed name: fixed size (636 bytes), no pointers, safe to memcpy. Fill it with
 * cpe_parse*() or cpe_init() + cpe_set_*(); read it with the accessors below. */
struct cpe {
	struct cpe_slot attr[CPE_ATTR__MAX];
	uint16_t used; /* bytes of text[] in use */
	char text[CPE_CONTENT_MAX + CPE_ATTR__MAX];
};

/* ---- parsing ------------------------------------------------------------------------ */

/* Parses a name in any notation, told apart by its prefix: "cpe:2.3:" formatted string,
 * "cpe:/" URI, "wfn:[" WFN notation (prefixes are case-insensitive). p need not be
 * NUL-terminated; at most CPE_NAME_MAX bytes and CPE_CONTENT_MAX characters of content.
 * Returns 0, or -1 with a message in err
 * (when errlen > 0) that says what is wrong and at which character (1-based position),
 * e.g. "unquoted '*' inside a value at position 17 (product)". *out is undefined on
 * error. */
int cpe_parse(const char *p, size_t len, struct cpe *out, char *err, size_t errlen);

/* The same for one notation only (NISTIR 7695 unbind_fs, unbind_uri; WFN §5.4 notation:
 * wfn:[part="a",vendor="microsoft",version=ANY]; omitted attributes are ANY).
 * Where the pseudo-code would build a WFN its own grammar (§5.3.2) forbids, the name is
 * refused or read the one sensible way, never kept half-valid:
 * - '?' only in leading or trailing runs ("h??p" is refused; add_quoting lets it by);
 * - a quoted letter, digit or "_" in a formatted string is that character ("" = "a");
 * - punctuation other than ". - _ ~" in a URI must be %-encoded ("!" is refused);
 * - part is a, o or h; a value that is just '*' (URI "%02") is ANY;
 * - language values are not checked against RFC 5646. */
int cpe_parse_fs(const char *p, size_t len, struct cpe *out, char *err, size_t errlen);
int cpe_parse_uri(const char *p, size_t len, struct cpe *out, char *err, size_t errlen);
int cpe_parse_wfn(const char *p, size_t len, struct cpe *out, char *err, size_t errlen);

/* Building names by hand (CPE suggestions, tests). */
void cpe_init(struct cpe *c); /* every attribute ANY */
/* v is one WFN value as written in WFN notation: ANY, NA or a double-quoted string with
 * backslash quoting ("8\.0\.6001", "sp?"). Returns 0 or -1 with err; c is unchanged on
 * error. */
int cpe_set_wfn(struct cpe *c, enum cpe_attr a, const char *v, size_t len,
		char *err, size_t errlen);
/* v is literal text (no quoting, no wildcards: "8.0" stays 8\.0, "*" is a literal
 * asterisk); printable ASCII without spaces, not empty. */
int cpe_set_plain(struct cpe *c, enum cpe_attr a, const char *v, size_t len,
		  char *err, size_t errlen);
/* kind CPE_KIND_NA sets NA; anything else ANY. */
void cpe_set_logical(struct cpe *c, enum cpe_attr a, enum cpe_kind kind);

/* ---- writing ------------------------------------------------------------------------ */

/* Each writes a NUL-terminated binding into buf and returns its length; -1 when it does
 * not fit in size bytes (CPE_FORMAT_MAX always fits). cpe_format_uri returns -2 for the
 * one WFN the URI cannot express: a value that is a lone quoted hyphen ("\-"), which
 * NISTIR 7695's bind_to_uri writes as "-" and so turns into NA. For that value the
 * formatted string keeps the quote ("\-"), where bind_to_fs would also write "-". */
int cpe_format_fs(const struct cpe *c, char *buf, size_t size);
int cpe_format_uri(const struct cpe *c, char *buf, size_t size);
int cpe_format_wfn(const struct cpe *c, char *buf, size_t size);
/* One attribute in WFN notation: ANY, NA or "quoted\.value". */
int cpe_attr_wfn(const struct cpe *c, enum cpe_attr a, char *buf, size_t size);
/* One attribute for people: the value without quoting, wildcards as '*' and '?', ANY as
 * "*" and NA as "-" (so "8\.*" shows as "8.*"). */
int cpe_attr_display(const struct cpe *c, enum cpe_attr a, char *buf, size_t size);

/* "part", "vendor", … "other"; "?" out of range. */
const char *cpe_attr_name(enum cpe_attr a);
/* "DISJOINT", "SUBSET", "SUPERSET", "EQUAL", "UNDEFINED". */
const char *cpe_relation_str(enum cpe_relation r);

/* ---- reading ------------------------------------------------------------------------ */

/* The view of one attribute that cpe_compare_attr() and cpe_attr_matches() take. */
static inline struct cpe_av cpe_value(const struct cpe *c, enum cpe_attr a)
{
	const struct cpe_slot *s = &c->attr[a];
	struct cpe_av v = { c->text + s->off, s->len, s->pre, s->suf, s->kind, s->flags };
	if (s->kind != CPE_KIND_VALUE)
		v.p = "";
	return v;
}

static inline enum cpe_kind cpe_kind_of(const struct cpe *c, enum cpe_attr a)
{
	return (enum cpe_kind)c->attr[a].kind;
}

/* The literal text of an attribute without quoting or wildcards ("8\.*" gives "8."),
 * NUL-terminated, BORROWED from c; "" for ANY and NA. *len may be NULL. */
const char *cpe_text(const struct cpe *c, enum cpe_attr a, size_t *len);
/* Whether a string value has an unquoted '*' or '?'. */
bool cpe_has_wildcards(const struct cpe *c, enum cpe_attr a);

/* Shorthands for display and for the version library. */
const char *cpe_vendor(const struct cpe *c, size_t *len);
const char *cpe_product(const struct cpe *c, size_t *len);
const char *cpe_version(const struct cpe *c, size_t *len);
/* True when version is a string without wildcards: a value version_compare() can use. */
bool cpe_version_is_concrete(const struct cpe *c);

/* Same WFN, byte for byte (case-sensitive): for round-trip checks. */
bool cpe_identical(const struct cpe *a, const struct cpe *b);

/* ---- matching (NISTIR 7696) --------------------------------------------------------- */

/* Attribute comparison, Table 6-2: ANY/NA/strings, case-insensitive, with the source's
 * leading and trailing wildcards; a wildcard in the target gives UNDEFINED. */
enum cpe_relation cpe_compare_attr(struct cpe_av source, struct cpe_av target);

/* The hot path: cpe_compare_attr(source, target) is SUPERSET or EQUAL. */
bool cpe_attr_matches(struct cpe_av source, struct cpe_av target);

/* Name comparison: DISJOINT if any attribute is disjoint, else EQUAL if all are equal,
 * else SUBSET (all subset or equal), else SUPERSET (all superset or equal), else
 * UNDEFINED. */
enum cpe_relation cpe_compare(const struct cpe *source, const struct cpe *target);

/* NISTIR 7696 §6.2's four name functions. */
bool cpe_disjoint(const struct cpe *source, const struct cpe *target);
bool cpe_equal(const struct cpe *source, const struct cpe *target);
bool cpe_subset(const struct cpe *source, const struct cpe *target);   /* source ⊆ target */
bool cpe_superset(const struct cpe *source, const struct cpe *target); /* source ⊇ target */

/* Every attribute of source is a superset of or equal to target's (cpe_superset, with
 * an early exit): "this criterion matches this asset's name". */
bool cpe_matches(const struct cpe *source, const struct cpe *target);

#endif
