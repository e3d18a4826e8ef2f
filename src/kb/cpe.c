/* CPE 2.3 naming (NISTIR 7695: WFN, formatted-string and URI binding/unbinding) and
 * name matching (NISTIR 7696: attribute and name comparison). Values are kept unquoted
 * with their wildcard runs counted apart, so matching never has to skip backslashes. */
#include "kb/cpe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TEXT_CAP (sizeof(((struct cpe *)0)->text))

static const char *const attr_names[CPE_ATTR__MAX] = {
	"part", "vendor", "product", "version", "update", "edition",
	"language", "sw_edition", "target_sw", "target_hw", "other",
};

static const char *const relation_names[CPE_REL__MAX] = {
	"DISJOINT", "SUBSET", "SUPERSET", "EQUAL", "UNDEFINED",
};

const char *cpe_attr_name(enum cpe_attr a)
{
	return (unsigned)a < CPE_ATTR__MAX ? attr_names[a] : "?";
}

const char *cpe_relation_str(enum cpe_relation r)
{
	return (unsigned)r < CPE_REL__MAX ? relation_names[r] : "?";
}

/* ---- characters --------------------------------------------------------------------- */

static bool is_alnum(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* The characters a WFN leaves unquoted (NISTIR 7695 §5.3.2 "unreserved"). */
static bool is_unreserved(unsigned char ch)
{
	return is_alnum(ch) || ch == '_';
}

/* Attribute values are printable ASCII without spaces. */
static bool is_printable(unsigned char ch)
{
	return ch > 0x20 && ch < 0x7f;
}

static unsigned char lower(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

static int hex_digit(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch = lower(ch);
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* The percent-encodings NISTIR 7695 decode() accepts besides %01 and %02: exactly the
 * punctuation its pct_encode() produces (not "-", "." or "_", which are bound as is). */
static bool is_pct_punct(int v)
{
	return (v >= 0x21 && v <= 0x2c) || v == 0x2f || (v >= 0x3a && v <= 0x40) ||
	       (v >= 0x5b && v <= 0x5e) || v == 0x60 || (v >= 0x7b && v <= 0x7e);
}

static bool prefix_ci(const char *p, size_t len, const char *pre)
{
	size_t n = strlen(pre);

	if (len < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)p[i]) != (unsigned char)pre[i])
			return false;
	return true;
}

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* ---- value builder ------------------------------------------------------------------ */

/* Where a value is in its run of tokens: leading wildcards, literal middle, trailing
 * '?' run, after a trailing '*'. The spec allows wildcards only at the two ends (a single
 * '*' or a run of '?' each), which is exactly what these four states accept. */
enum phase { PH_LEAD, PH_MID, PH_TRAIL, PH_DONE };

struct vb {
	struct cpe *c;
	enum cpe_attr a;
	size_t start;       /* offset of the value's text in c->text */
	size_t len;
	unsigned pre, suf;
	enum phase ph;
	size_t qpos, spos;  /* input positions of the first trailing '?' and of a trailing '*' */
	size_t epos;        /* position of the error */
	const char *emsg;
	size_t budget;      /* c->used + wildcards may grow to this (CPE_CONTENT_MAX) */
	size_t wild;        /* this value's wildcards */
	bool upper;
};

static unsigned wild_cost(unsigned count)
{
	return count == CPE_STAR ? 1 : count;
}

/* The wildcards of a name's values, which count against its content budget: a name's
 * bindings must stay within CPE_NAME_MAX, and a '?' takes as much room there as a
 * character. */
static size_t wild_total(const struct cpe *c)
{
	size_t n = 0;

	for (int k = 0; k < CPE_ATTR__MAX; k++)
		if (c->attr[k].kind == CPE_KIND_VALUE)
			n += wild_cost(c->attr[k].pre) + wild_cost(c->attr[k].suf);
	return n;
}

/* Starts a value of attribute a (whose slot must not hold a value); wild is
 * wild_total(c), which the parsers keep as they go. */
static void vb_begin(struct vb *b, struct cpe *c, enum cpe_attr a, size_t wild)
{
	b->c = c;
	b->a = a;
	b->start = c->used;
	b->len = 0;
	b->pre = b->suf = 0;
	b->ph = PH_LEAD;
	b->wild = 0;
	b->upper = false;
	/* one byte stays free for the value's NUL */
	b->budget = wild < TEXT_CAP - 1 ? TEXT_CAP - 1 - wild : 0;
}

static int vb_error(struct vb *b, size_t pos, const char *msg)
{
	b->epos = pos;
	b->emsg = msg;
	return -1;
}

static int vb_misplaced(struct vb *b)
{
	if (b->ph == PH_TRAIL)
		return vb_error(b, b->qpos, "unquoted '?' not at the start or end of a value");
	return vb_error(b, b->spos, "unquoted '*' not at the start or end of a value");
}

/* A literal character at input position pos. */
static int vb_lit(struct vb *b, unsigned char ch, size_t pos)
{
	if (b->ph == PH_TRAIL || b->ph == PH_DONE)
		return vb_misplaced(b);
	b->ph = PH_MID;
	if ((size_t)b->c->used + b->wild + 1 > b->budget)
		return vb_error(b, pos, "too much content for one name");
	b->c->text[b->c->used++] = (char)ch;
	b->len++;
	if (ch >= 'A' && ch <= 'Z')
		b->upper = true;
	return 0;
}

/* An unquoted wildcard ('?' or '*') at input position pos. */
static int vb_wild(struct vb *b, char w, size_t pos)
{
	if ((size_t)b->c->used + b->wild + 1 > b->budget)
		return vb_error(b, pos, "too much content for one name");
	b->wild++;
	switch (b->ph) {
	case PH_LEAD:
		if (w == '*') {
			if (b->pre == 0) {
				b->pre = CPE_STAR;
			} else {
				b->suf = CPE_STAR;
				b->spos = pos;
				b->ph = PH_DONE;
			}
		} else if (b->pre == CPE_STAR) {
			b->suf = 1;
			b->qpos = pos;
			b->ph = PH_TRAIL;
		} else {
			b->pre++;
		}
		return 0;
	case PH_MID:
		if (w == '*') {
			b->suf = CPE_STAR;
			b->spos = pos;
			b->ph = PH_DONE;
		} else {
			b->suf = 1;
			b->qpos = pos;
			b->ph = PH_TRAIL;
		}
		return 0;
	case PH_TRAIL:
		if (w == '?') {
			b->suf++;
			return 0;
		}
		return vb_misplaced(b);
	case PH_DONE:
		break;
	}
	return vb_misplaced(b);
}

static void set_slot(struct cpe *c, enum cpe_attr a, enum cpe_kind kind, size_t off,
		     size_t len, unsigned pre, unsigned suf, unsigned flags)
{
	struct cpe_slot *s = &c->attr[a];

	s->kind = (uint8_t)kind;
	s->off = (uint16_t)off;
	s->len = (uint16_t)len;
	s->pre = (uint16_t)pre;
	s->suf = (uint16_t)suf;
	s->flags = (uint8_t)flags;
}

/* Ends a string value. A lone '*' (the URI's "%02") is ANY, as "*" is in the formatted
 * string. */
static int vb_end(struct vb *b, size_t pos)
{
	struct cpe *c = b->c;

	if (b->len == 0 && b->pre == CPE_STAR && b->suf == 0) {
		c->used = b->start;
		set_slot(c, b->a, CPE_KIND_ANY, 0, 0, 0, 0, 0);
		return 0;
	}
	if (b->len == 0 && b->pre == 0 && b->suf == 0)
		return vb_error(b, pos, "empty value");
	c->text[c->used++] = '\0'; /* the budget kept this byte */
	set_slot(c, b->a, CPE_KIND_VALUE, b->start, b->len, b->pre, b->suf,
		 b->upper ? CPE_VF_UPPER : 0);
	return 0;
}

/* NISTIR 7695 §5.3.3.1: part is "a", "o" or "h" (or a logical value). */
static bool part_ok(const struct cpe *c)
{
	const struct cpe_slot *s = &c->attr[CPE_ATTR_PART];
	unsigned char ch;

	if (s->kind != CPE_KIND_VALUE)
		return true;
	if (s->len != 1 || s->pre != 0 || s->suf != 0)
		return false;
	ch = lower((unsigned char)c->text[s->off]);
	return ch == 'a' || ch == 'o' || ch == 'h';
}

static int vb_fail(const struct vb *b, char *err, size_t errlen)
{
	return fail(err, errlen, "%s at position %zu (%s)", b->emsg, b->epos + 1,
		    attr_names[b->a]);
}

/* ---- formatted string --------------------------------------------------------------- */

/* One component of a formatted string, p[s..e), the colons already split off (a quoted
 * colon stays inside). NISTIR 7695 unbind_value_fs + add_quoting. */
static int fs_component(struct cpe *c, enum cpe_attr a, const char *p, size_t s, size_t e,
			size_t *wild, char *err, size_t errlen)
{
	struct vb b;

	if (e - s == 1 && p[s] == '*') {
		set_slot(c, a, CPE_KIND_ANY, 0, 0, 0, 0, 0);
		return 0;
	}
	if (e - s == 1 && p[s] == '-') {
		set_slot(c, a, CPE_KIND_NA, 0, 0, 0, 0, 0);
		return 0;
	}
	vb_begin(&b, c, a, *wild);
	for (size_t j = s; j < e; j++) {
		unsigned char ch = (unsigned char)p[j];
		int r;

		if (!is_printable(ch))
			return fail(err, errlen, "invalid character 0x%02x at position %zu (%s)",
				    ch, j + 1, attr_names[a]);
		if (ch == '\\') {
			/* the splitter guarantees a character after the backslash */
			unsigned char q = (unsigned char)p[++j];

			if (!is_printable(q))
				return fail(err, errlen,
					    "invalid character 0x%02x at position %zu (%s)",
					    q, j + 1, attr_names[a]);
			/* A quoted letter, digit or "_" is the character itself; the WFN
			 * has one spelling for it. */
			r = vb_lit(&b, q, j);
		} else if (ch == '*' || ch == '?') {
			r = vb_wild(&b, (char)ch, j);
		} else {
			/* add_quoting: every other character is a literal (quoted in the
			 * WFN); this includes unquoted punctuation such as "!" */
			r = vb_lit(&b, ch, j);
		}
		if (r != 0)
			return vb_fail(&b, err, errlen);
	}
	if (vb_end(&b, s) != 0)
		return vb_fail(&b, err, errlen);
	*wild += b.wild;
	return 0;
}

int cpe_parse_fs(const char *p, size_t len, struct cpe *out, char *err, size_t errlen)
{
	size_t i, wild = 0;

	if (len > CPE_NAME_MAX)
		return fail(err, errlen, "name is longer than %d bytes", CPE_NAME_MAX);
	if (!prefix_ci(p, len, "cpe:2.3:"))
		return fail(err, errlen, "expected \"cpe:2.3:\" at position 1");
	cpe_init(out);
	i = 8;
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		size_t s = i;

		while (i < len && p[i] != ':') {
			if (p[i] == '\\') {
				if (i + 1 >= len)
					return fail(err, errlen,
						    "backslash quotes nothing at position %zu (%s)",
						    i + 1, attr_names[a]);
				i += 2;
			} else {
				i++;
			}
		}
		if (i == s) {
			if (s >= len)
				return fail(err, errlen,
					    "name ends after %d of 11 attributes at position %zu "
					    "(%s missing)", a, s + 1, attr_names[a]);
			return fail(err, errlen, "empty value at position %zu (%s)", s + 1,
				    attr_names[a]);
		}
		if (fs_component(out, (enum cpe_attr)a, p, s, i, &wild, err, errlen) != 0)
			return -1;
		if (a == CPE_ATTR_PART && !part_ok(out))
			return fail(err, errlen, "part must be a, o or h at position %zu", s + 1);
		if (a + 1 < CPE_ATTR__MAX) {
			if (i >= len)
				return fail(err, errlen,
					    "name ends after %d of 11 attributes at position %zu "
					    "(%s missing)", a + 1, i + 1, attr_names[a + 1]);
			i++; /* the colon */
		}
	}
	if (i < len)
		return fail(err, errlen, "more than 11 attributes: unexpected ':' at position %zu",
			    i + 1);
	return 0;
}

/* ---- URI ---------------------------------------------------------------------------- */

/* NISTIR 7695 decode(): one URI component (or one packed edition field), p[s..e). */
static int uri_decode(struct cpe *c, enum cpe_attr a, const char *p, size_t s, size_t e,
		      size_t *wild, char *err, size_t errlen)
{
	struct vb b;
	size_t n = e - s;
	bool embedded = false;

	if (n == 0) {
		set_slot(c, a, CPE_KIND_ANY, 0, 0, 0, 0, 0);
		return 0;
	}
	if (n == 1 && p[s] == '-') {
		set_slot(c, a, CPE_KIND_NA, 0, 0, 0, 0, 0);
		return 0;
	}
	vb_begin(&b, c, a, *wild);
	for (size_t idx = 0; idx < n;) {
		size_t j = s + idx;
		unsigned char ch = (unsigned char)p[j];
		int r, h1, h2, v;

		if (!is_printable(ch))
			return fail(err, errlen, "invalid character 0x%02x at position %zu (%s)",
				    ch, j + 1, attr_names[a]);
		if (ch != '%') {
			if (is_alnum(ch) || ch == '_' || ch == '.' || ch == '-' || ch == '~') {
				/* decode() lower-cases the whole component */
				r = vb_lit(&b, lower(ch), j);
			} else if (ch == '?' || ch == '*') {
				/* decode() passes these through: unquoted in the WFN */
				r = vb_wild(&b, (char)ch, j);
			} else {
				/* decode() would copy it unquoted into the WFN, which the
				 * WFN grammar forbids; the URI grammar wants it encoded */
				return fail(err, errlen,
					    "character '%c' must be percent-encoded at position %zu (%s)",
					    ch, j + 1, attr_names[a]);
			}
			if (r != 0)
				return vb_fail(&b, err, errlen);
			embedded = true;
			idx++;
			continue;
		}
		if (n - idx < 3 || (h1 = hex_digit((unsigned char)p[j + 1])) < 0 ||
		    (h2 = hex_digit((unsigned char)p[j + 2])) < 0)
			return fail(err, errlen, "bad percent-encoding at position %zu (%s)",
				    j + 1, attr_names[a]);
		v = h1 * 16 + h2;
		if (v == 0x01) {
			/* '?' at either end, or in a leading run (not embedded: the
			 * previous form was %01) or a trailing run (embedded: the next
			 * one is %01) */
			bool ok = idx == 0 || idx == n - 3 ||
				  (!embedded && idx >= 3 && memcmp(p + j - 3, "%01", 3) == 0) ||
				  (embedded && n >= idx + 6 && memcmp(p + j + 3, "%01", 3) == 0);
			if (!ok)
				return fail(err, errlen,
					    "%%01 ('?') inside a value at position %zu (%s)",
					    j + 1, attr_names[a]);
			r = vb_wild(&b, '?', j);
			idx += 3;
			if (r != 0)
				return vb_fail(&b, err, errlen);
			continue;
		}
		if (v == 0x02) {
			if (!(idx == 0 || idx == n - 3))
				return fail(err, errlen,
					    "%%02 ('*') inside a value at position %zu (%s)",
					    j + 1, attr_names[a]);
			r = vb_wild(&b, '*', j);
		} else if (is_pct_punct(v)) {
			r = vb_lit(&b, (unsigned char)v, j);
		} else {
			return fail(err, errlen, "invalid percent-encoding %%%c%c at position %zu (%s)",
				    p[j + 1], p[j + 2], j + 1, attr_names[a]);
		}
		if (r != 0)
			return vb_fail(&b, err, errlen);
		idx += 3;
		embedded = true;
	}
	if (vb_end(&b, s) != 0)
		return vb_fail(&b, err, errlen);
	*wild += b.wild;
	return 0;
}

/* NISTIR 7695 unpack(): "~edition~sw_edition~target_sw~target_hw~other". */
static int uri_unpack(struct cpe *c, const char *p, size_t s, size_t e, size_t *wild,
		      char *err, size_t errlen)
{
	static const enum cpe_attr packed[5] = {
		CPE_ATTR_EDITION, CPE_ATTR_SW_EDITION, CPE_ATTR_TARGET_SW,
		CPE_ATTR_TARGET_HW, CPE_ATTR_OTHER,
	};
	size_t i = s + 1;

	for (int k = 0; k < 5; k++) {
		size_t fs = i;

		while (i < e && p[i] != '~')
			i++;
		if (k < 4 && i >= e)
			return fail(err, errlen,
				    "packed edition has %d of 5 '~'-separated fields at position %zu",
				    k + 1, s + 1);
		if (k == 4 && i < e)
			return fail(err, errlen,
				    "packed edition has more than 5 fields: '~' at position %zu",
				    i + 1);
		if (uri_decode(c, packed[k], p, fs, i, wild, err, errlen) != 0)
			return -1;
		i++; /* the tilde */
	}
	return 0;
}

int cpe_parse_uri(const char *p, size_t len, struct cpe *out, char *err, size_t errlen)
{
	size_t i, wild = 0;
	bool more = true;

	if (len > CPE_NAME_MAX)
		return fail(err, errlen, "name is longer than %d bytes", CPE_NAME_MAX);
	if (!prefix_ci(p, len, "cpe:/"))
		return fail(err, errlen, "expected \"cpe:/\" at position 1");
	cpe_init(out);
	i = 5;
	for (int k = 0; k < 7 && more; k++) {
		enum cpe_attr a = (enum cpe_attr)k;
		size_t s = i;

		while (i < len && p[i] != ':')
			i++;
		if (a == CPE_ATTR_EDITION && i > s && p[s] == '~') {
			if (uri_unpack(out, p, s, i, &wild, err, errlen) != 0)
				return -1;
		} else if (uri_decode(out, a, p, s, i, &wild, err, errlen) != 0) {
			return -1;
		}
		if (a == CPE_ATTR_PART && !part_ok(out))
			return fail(err, errlen, "part must be a, o or h at position %zu", s + 1);
		if (i < len)
			i++; /* the colon */
		else
			more = false;
	}
	if (more)
		return fail(err, errlen,
			    "more than 7 components: unexpected ':' at position %zu", i);
	return 0;
}

/* ---- WFN notation ------------------------------------------------------------------- */

/* One value in WFN notation at p[s..e): ANY, NA or "quoted" (NISTIR 7695 §5.3.2: only
 * letters, digits and "_" go unquoted, wildcards only at the ends). */
static int wfn_value(struct cpe *c, enum cpe_attr a, const char *p, size_t s, size_t e,
		     size_t *wild, char *err, size_t errlen)
{
	struct vb b;
	size_t j;

	if (e - s == 3 && memcmp(p + s, "ANY", 3) == 0) {
		set_slot(c, a, CPE_KIND_ANY, 0, 0, 0, 0, 0);
		return 0;
	}
	if (e - s == 2 && memcmp(p + s, "NA", 2) == 0) {
		set_slot(c, a, CPE_KIND_NA, 0, 0, 0, 0, 0);
		return 0;
	}
	if (e - s < 2 || p[s] != '"' || p[e - 1] != '"')
		return fail(err, errlen,
			    "expected ANY, NA or a double-quoted string at position %zu (%s)",
			    s + 1, attr_names[a]);
	vb_begin(&b, c, a, *wild);
	for (j = s + 1; j < e - 1; j++) {
		unsigned char ch = (unsigned char)p[j];
		int r;

		if (!is_printable(ch))
			return fail(err, errlen, "invalid character 0x%02x at position %zu (%s)",
				    ch, j + 1, attr_names[a]);
		if (ch == '\\') {
			unsigned char q;

			if (j + 1 >= e - 1)
				return fail(err, errlen,
					    "backslash quotes nothing at position %zu (%s)",
					    j + 1, attr_names[a]);
			q = (unsigned char)p[++j];
			if (!is_printable(q) || is_unreserved(q))
				return fail(err, errlen,
					    "only punctuation may be quoted, not '%c', at position %zu (%s)",
					    is_printable(q) ? q : '?', j + 1, attr_names[a]);
			r = vb_lit(&b, q, j);
		} else if (ch == '*' || ch == '?') {
			r = vb_wild(&b, (char)ch, j);
		} else if (is_unreserved(ch)) {
			r = vb_lit(&b, ch, j);
		} else {
			return fail(err, errlen,
				    "'%c' must be quoted with a backslash at position %zu (%s)",
				    ch, j + 1, attr_names[a]);
		}
		if (r != 0)
			return vb_fail(&b, err, errlen);
	}
	if (vb_end(&b, s) != 0)
		return vb_fail(&b, err, errlen);
	*wild += b.wild;
	if (a == CPE_ATTR_PART && !part_ok(c))
		return fail(err, errlen, "part must be a, o or h at position %zu", s + 1);
	return 0;
}

static size_t skip_spaces(const char *p, size_t i, size_t len)
{
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

int cpe_parse_wfn(const char *p, size_t len, struct cpe *out, char *err, size_t errlen)
{
	unsigned seen = 0;
	size_t i, wild = 0;

	if (len > CPE_NAME_MAX)
		return fail(err, errlen, "name is longer than %d bytes", CPE_NAME_MAX);
	if (!prefix_ci(p, len, "wfn:["))
		return fail(err, errlen, "expected \"wfn:[\" at position 1");
	cpe_init(out);
	i = skip_spaces(p, 5, len);
	if (i < len && p[i] == ']')
		goto close;
	for (;;) {
		size_t s = i, vs;
		int a;

		while (i < len && ((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_'))
			i++;
		for (a = 0; a < CPE_ATTR__MAX; a++)
			if (strlen(attr_names[a]) == i - s && memcmp(p + s, attr_names[a], i - s) == 0)
				break;
		if (a == CPE_ATTR__MAX)
			return fail(err, errlen, "expected an attribute name at position %zu", s + 1);
		if (seen & (1u << a))
			return fail(err, errlen, "%s given twice at position %zu", attr_names[a], s + 1);
		seen |= 1u << a;
		i = skip_spaces(p, i, len);
		if (i >= len || p[i] != '=')
			return fail(err, errlen, "expected '=' at position %zu", i + 1);
		i = skip_spaces(p, i + 1, len);
		vs = i;
		if (i < len && p[i] == '"') {
			/* to the closing unquoted double quote */
			for (i++; i < len && p[i] != '"'; i++)
				if (p[i] == '\\' && i + 1 < len)
					i++;
			if (i >= len)
				return fail(err, errlen, "unterminated string at position %zu (%s)",
					    vs + 1, attr_names[a]);
			i++;
		} else {
			while (i < len && p[i] >= 'A' && p[i] <= 'Z')
				i++;
		}
		if (wfn_value(out, (enum cpe_attr)a, p, vs, i, &wild, err, errlen) != 0)
			return -1;
		i = skip_spaces(p, i, len);
		if (i < len && p[i] == ',') {
			i = skip_spaces(p, i + 1, len);
			continue;
		}
		if (i < len && p[i] == ']')
			break;
		return fail(err, errlen, "expected ',' or ']' at position %zu", i + 1);
	}
close:
	if (i + 1 != len)
		return fail(err, errlen, "text after ']' at position %zu", i + 2);
	return 0;
}

int cpe_parse(const char *p, size_t len, struct cpe *out, char *err, size_t errlen)
{
	if (prefix_ci(p, len, "cpe:2.3:"))
		return cpe_parse_fs(p, len, out, err, errlen);
	if (prefix_ci(p, len, "cpe:/"))
		return cpe_parse_uri(p, len, out, err, errlen);
	if (prefix_ci(p, len, "wfn:["))
		return cpe_parse_wfn(p, len, out, err, errlen);
	return fail(err, errlen,
		    "not a CPE name: expected \"cpe:2.3:\", \"cpe:/\" or \"wfn:[\" at position 1");
}

/* ---- building ----------------------------------------------------------------------- */

void cpe_init(struct cpe *c)
{
	memset(c->attr, 0, sizeof(c->attr));
	c->used = 0;
	c->text[0] = '\0';
}

void cpe_set_logical(struct cpe *c, enum cpe_attr a, enum cpe_kind kind)
{
	set_slot(c, a, kind == CPE_KIND_NA ? CPE_KIND_NA : CPE_KIND_ANY, 0, 0, 0, 0, 0);
}

/* Rewrites c's text without the dead bytes of replaced values. */
static void compact(struct cpe *c)
{
	char tmp[TEXT_CAP];
	size_t used = 0;

	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		struct cpe_slot *s = &c->attr[a];

		if (s->kind != CPE_KIND_VALUE)
			continue;
		memcpy(tmp + used, c->text + s->off, (size_t)s->len + 1);
		s->off = (uint16_t)used;
		used += (size_t)s->len + 1;
	}
	memcpy(c->text, tmp, used);
	c->used = (uint16_t)used;
}

/* Sets one attribute through a parser of one value, on a scratch copy so that c is
 * unchanged on error. */
static int set_value(struct cpe *c, enum cpe_attr a, const char *v, size_t len, bool wfn,
		     char *err, size_t errlen)
{
	struct cpe tmp;
	struct vb b;
	size_t wild;

	if ((unsigned)a >= CPE_ATTR__MAX)
		return fail(err, errlen, "no such attribute");
	if (len > CPE_NAME_MAX)
		return fail(err, errlen, "value is longer than %d bytes", CPE_NAME_MAX);
	tmp = *c;
	set_slot(&tmp, a, CPE_KIND_ANY, 0, 0, 0, 0, 0);
	compact(&tmp);
	wild = wild_total(&tmp);
	if (wfn) {
		if (wfn_value(&tmp, a, v, 0, len, &wild, err, errlen) != 0)
			return -1;
		*c = tmp;
		return 0;
	}
	vb_begin(&b, &tmp, a, wild);
	for (size_t j = 0; j < len; j++) {
		unsigned char ch = (unsigned char)v[j];

		if (!is_printable(ch))
			return fail(err, errlen, "invalid character 0x%02x at position %zu (%s)",
				    ch, j + 1, attr_names[a]);
		if (vb_lit(&b, ch, j) != 0)
			return vb_fail(&b, err, errlen);
	}
	if (vb_end(&b, 0) != 0)
		return vb_fail(&b, err, errlen);
	if (a == CPE_ATTR_PART && !part_ok(&tmp))
		return fail(err, errlen, "part must be a, o or h");
	*c = tmp;
	return 0;
}

int cpe_set_wfn(struct cpe *c, enum cpe_attr a, const char *v, size_t len, char *err,
		size_t errlen)
{
	return set_value(c, a, v, len, true, err, errlen);
}

int cpe_set_plain(struct cpe *c, enum cpe_attr a, const char *v, size_t len, char *err,
		  size_t errlen)
{
	return set_value(c, a, v, len, false, err, errlen);
}

/* ---- writing ------------------------------------------------------------------------ */

struct out {
	char *b;
	size_t size;
	size_t n;
	bool full;
};

static void put_c(struct out *o, char ch)
{
	if (o->n + 1 < o->size)
		o->b[o->n++] = ch;
	else
		o->full = true;
}

static void put_s(struct out *o, const char *s)
{
	while (*s != '\0')
		put_c(o, *s++);
}

static void put_wild(struct out *o, unsigned count, const char *q)
{
	if (count == CPE_STAR) {
		put_c(o, '*');
		return;
	}
	for (unsigned k = 0; k < count; k++)
		put_s(o, q);
}

static int out_end(struct out *o)
{
	if (o->size == 0)
		return -1;
	o->b[o->n] = '\0';
	return o->full ? -1 : (int)o->n;
}

static bool lone_hyphen(const struct cpe_slot *s, const char *text)
{
	return s->kind == CPE_KIND_VALUE && s->len == 1 && s->pre == 0 && s->suf == 0 &&
	       text[s->off] == '-';
}

/* bind_value_for_fs + process_quoted_chars: ".", "-" and "_" are written unquoted. */
static void fs_value(struct out *o, const struct cpe *c, enum cpe_attr a)
{
	const struct cpe_slot *s = &c->attr[a];
	const char *t = c->text + s->off;

	if (s->kind == CPE_KIND_ANY) {
		put_c(o, '*');
		return;
	}
	if (s->kind == CPE_KIND_NA) {
		put_c(o, '-');
		return;
	}
	if (lone_hyphen(s, c->text)) {
		/* "-" would read back as NA */
		put_s(o, "\\-");
		return;
	}
	put_wild(o, s->pre, "?");
	for (size_t k = 0; k < s->len; k++) {
		unsigned char ch = (unsigned char)t[k];

		if (!(is_unreserved(ch) || ch == '.' || ch == '-'))
			put_c(o, '\\');
		put_c(o, (char)ch);
	}
	put_wild(o, s->suf, "?");
}

int cpe_format_fs(const struct cpe *c, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };

	put_s(&o, "cpe:2.3:");
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		if (a > 0)
			put_c(&o, ':');
		fs_value(&o, c, (enum cpe_attr)a);
	}
	return out_end(&o);
}

/* transform_for_uri(): '*' is %02, each '?' is %01. */
static void put_uri_wild(struct out *o, unsigned count)
{
	if (count == CPE_STAR) {
		put_s(o, "%02");
		return;
	}
	for (unsigned k = 0; k < count; k++)
		put_s(o, "%01");
}

/* bind_value_for_uri + transform_for_uri + pct_encode. */
static void uri_value(struct out *o, const struct cpe *c, enum cpe_attr a)
{
	static const char hex[] = "0123456789abcdef";
	const struct cpe_slot *s = &c->attr[a];
	const char *t = c->text + s->off;

	if (s->kind == CPE_KIND_ANY)
		return;
	if (s->kind == CPE_KIND_NA) {
		put_c(o, '-');
		return;
	}
	put_uri_wild(o, s->pre);
	for (size_t k = 0; k < s->len; k++) {
		unsigned char ch = (unsigned char)t[k];

		if (is_unreserved(ch) || ch == '.' || ch == '-') {
			put_c(o, (char)ch);
		} else {
			put_c(o, '%');
			put_c(o, hex[ch >> 4]);
			put_c(o, hex[ch & 15]);
		}
	}
	put_uri_wild(o, s->suf);
}

int cpe_format_uri(const struct cpe *c, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };
	bool packed = false;

	for (int a = 0; a < CPE_ATTR__MAX; a++)
		if (lone_hyphen(&c->attr[a], c->text)) {
			if (size > 0)
				buf[0] = '\0';
			return -2;
		}
	put_s(&o, "cpe:/");
	for (int a = CPE_ATTR_PART; a <= CPE_ATTR_LANGUAGE; a++) {
		if (a > 0)
			put_c(&o, ':');
		if (a != CPE_ATTR_EDITION) {
			uri_value(&o, c, (enum cpe_attr)a);
			continue;
		}
		/* pack(): only when an extended attribute is not ANY */
		for (int x = CPE_ATTR_SW_EDITION; x <= CPE_ATTR_OTHER; x++)
			if (c->attr[x].kind != CPE_KIND_ANY)
				packed = true;
		if (!packed) {
			uri_value(&o, c, CPE_ATTR_EDITION);
			continue;
		}
		put_c(&o, '~');
		uri_value(&o, c, CPE_ATTR_EDITION);
		for (int x = CPE_ATTR_SW_EDITION; x <= CPE_ATTR_OTHER; x++) {
			put_c(&o, '~');
			uri_value(&o, c, (enum cpe_attr)x);
		}
	}
	/* trim(): no trailing colons (no value ends in a bare ':', it would be %3a) */
	if (!o.full)
		while (o.n > 5 && o.b[o.n - 1] == ':')
			o.n--;
	return out_end(&o);
}

static void wfn_attr(struct out *o, const struct cpe *c, enum cpe_attr a)
{
	const struct cpe_slot *s = &c->attr[a];
	const char *t = c->text + s->off;

	if (s->kind == CPE_KIND_ANY) {
		put_s(o, "ANY");
		return;
	}
	if (s->kind == CPE_KIND_NA) {
		put_s(o, "NA");
		return;
	}
	put_c(o, '"');
	put_wild(o, s->pre, "?");
	for (size_t k = 0; k < s->len; k++) {
		unsigned char ch = (unsigned char)t[k];

		if (!is_unreserved(ch))
			put_c(o, '\\');
		put_c(o, (char)ch);
	}
	put_wild(o, s->suf, "?");
	put_c(o, '"');
}

int cpe_format_wfn(const struct cpe *c, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };

	put_s(&o, "wfn:[");
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		if (a > 0)
			put_c(&o, ',');
		put_s(&o, attr_names[a]);
		put_c(&o, '=');
		wfn_attr(&o, c, (enum cpe_attr)a);
	}
	put_c(&o, ']');
	return out_end(&o);
}

int cpe_attr_wfn(const struct cpe *c, enum cpe_attr a, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };

	if ((unsigned)a >= CPE_ATTR__MAX) {
		out_end(&o);
		return -1;
	}
	wfn_attr(&o, c, a);
	return out_end(&o);
}

int cpe_attr_display(const struct cpe *c, enum cpe_attr a, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };
	const struct cpe_slot *s;

	if ((unsigned)a >= CPE_ATTR__MAX) {
		out_end(&o);
		return -1;
	}
	s = &c->attr[a];
	if (s->kind == CPE_KIND_ANY) {
		put_c(&o, '*');
	} else if (s->kind == CPE_KIND_NA) {
		put_c(&o, '-');
	} else {
		put_wild(&o, s->pre, "?");
		for (size_t k = 0; k < s->len; k++)
			put_c(&o, c->text[s->off + k]);
		put_wild(&o, s->suf, "?");
	}
	return out_end(&o);
}

/* ---- reading ------------------------------------------------------------------------ */

const char *cpe_text(const struct cpe *c, enum cpe_attr a, size_t *len)
{
	const struct cpe_slot *s = &c->attr[a];

	if (s->kind != CPE_KIND_VALUE) {
		if (len != NULL)
			*len = 0;
		return "";
	}
	if (len != NULL)
		*len = s->len;
	return c->text + s->off;
}

bool cpe_has_wildcards(const struct cpe *c, enum cpe_attr a)
{
	const struct cpe_slot *s = &c->attr[a];

	return s->kind == CPE_KIND_VALUE && (s->pre != 0 || s->suf != 0);
}

const char *cpe_vendor(const struct cpe *c, size_t *len)
{
	return cpe_text(c, CPE_ATTR_VENDOR, len);
}

const char *cpe_product(const struct cpe *c, size_t *len)
{
	return cpe_text(c, CPE_ATTR_PRODUCT, len);
}

const char *cpe_version(const struct cpe *c, size_t *len)
{
	return cpe_text(c, CPE_ATTR_VERSION, len);
}

bool cpe_version_is_concrete(const struct cpe *c)
{
	return c->attr[CPE_ATTR_VERSION].kind == CPE_KIND_VALUE &&
	       !cpe_has_wildcards(c, CPE_ATTR_VERSION);
}

bool cpe_identical(const struct cpe *a, const struct cpe *b)
{
	for (int k = 0; k < CPE_ATTR__MAX; k++) {
		const struct cpe_slot *x = &a->attr[k], *y = &b->attr[k];

		if (x->kind != y->kind)
			return false;
		if (x->kind != CPE_KIND_VALUE)
			continue;
		if (x->len != y->len || x->pre != y->pre || x->suf != y->suf ||
		    memcmp(a->text + x->off, b->text + y->off, x->len) != 0)
			return false;
	}
	return true;
}

/* ---- matching ----------------------------------------------------------------------- */

static bool same_text(const char *a, const char *b, size_t n, bool fold)
{
	if (!fold) {
		/* most values are short: a loop beats a call to memcmp */
		if (n > 16)
			return memcmp(a, b, n) == 0;
		for (size_t k = 0; k < n; k++)
			if (a[k] != b[k])
				return false;
		return true;
	}
	for (size_t k = 0; k < n; k++)
		if (lower((unsigned char)a[k]) != lower((unsigned char)b[k]))
			return false;
	return true;
}

/* compare_strings(): is the wildcarded source's literal middle found in the target with
 * at most pre characters before it and at most suf after it (any number for '*')?
 * The pseudo-code's bounds are "at most": "foo?" matches "foo" and "foo1". */
static bool wild_match(const struct cpe_av *s, const struct cpe_av *t)
{
	size_t m = s->len, room, lo = 0, hi;
	bool fold = ((s->flags | t->flags) & CPE_VF_UPPER) != 0;

	if (m > t->len)
		return false;
	room = t->len - m;
	hi = room;
	if (s->pre != CPE_STAR && s->pre < hi)
		hi = s->pre;
	if (s->suf != CPE_STAR && room > s->suf)
		lo = room - s->suf;
	for (size_t i = lo; i <= hi; i++)
		if (same_text(s->p, t->p + i, m, fold))
			return true;
	return false;
}

enum cpe_relation cpe_compare_attr(struct cpe_av s, struct cpe_av t)
{
	if (t.kind == CPE_KIND_VALUE && (t.pre != 0 || t.suf != 0))
		return CPE_REL_UNDEFINED;
	if (s.kind == CPE_KIND_ANY)
		return t.kind == CPE_KIND_ANY ? CPE_REL_EQUAL : CPE_REL_SUPERSET;
	if (t.kind == CPE_KIND_ANY)
		return CPE_REL_SUBSET;
	if (s.kind == CPE_KIND_NA || t.kind == CPE_KIND_NA)
		return s.kind == t.kind ? CPE_REL_EQUAL : CPE_REL_DISJOINT;
	if (s.pre == 0 && s.suf == 0)
		return s.len == t.len &&
		       same_text(s.p, t.p, s.len, ((s.flags | t.flags) & CPE_VF_UPPER) != 0)
		       ? CPE_REL_EQUAL : CPE_REL_DISJOINT;
	return wild_match(&s, &t) ? CPE_REL_SUPERSET : CPE_REL_DISJOINT;
}

bool cpe_attr_matches(struct cpe_av s, struct cpe_av t)
{
	if (t.kind == CPE_KIND_VALUE && (t.pre != 0 || t.suf != 0))
		return false;
	if (s.kind == CPE_KIND_ANY)
		return true;
	if (s.kind == CPE_KIND_NA || t.kind != CPE_KIND_VALUE)
		return s.kind == t.kind;
	if (s.pre == 0 && s.suf == 0)
		return s.len == t.len &&
		       same_text(s.p, t.p, s.len, ((s.flags | t.flags) & CPE_VF_UPPER) != 0);
	return wild_match(&s, &t);
}

enum cpe_relation cpe_compare(const struct cpe *source, const struct cpe *target)
{
	bool all_equal = true, subset = true, superset = true;

	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		enum cpe_relation r = cpe_compare_attr(cpe_value(source, (enum cpe_attr)a),
						       cpe_value(target, (enum cpe_attr)a));
		if (r == CPE_REL_DISJOINT)
			return CPE_REL_DISJOINT;
		if (r != CPE_REL_EQUAL)
			all_equal = false;
		if (r != CPE_REL_SUBSET && r != CPE_REL_EQUAL)
			subset = false;
		if (r != CPE_REL_SUPERSET && r != CPE_REL_EQUAL)
			superset = false;
	}
	if (all_equal)
		return CPE_REL_EQUAL;
	if (subset)
		return CPE_REL_SUBSET;
	if (superset)
		return CPE_REL_SUPERSET;
	return CPE_REL_UNDEFINED;
}

bool cpe_disjoint(const struct cpe *source, const struct cpe *target)
{
	return cpe_compare(source, target) == CPE_REL_DISJOINT;
}

bool cpe_equal(const struct cpe *source, const struct cpe *target)
{
	return cpe_compare(source, target) == CPE_REL_EQUAL;
}

bool cpe_subset(const struct cpe *source, const struct cpe *target)
{
	enum cpe_relation r = cpe_compare(source, target);

	return r == CPE_REL_SUBSET || r == CPE_REL_EQUAL;
}

bool cpe_superset(const struct cpe *source, const struct cpe *target)
{
	return cpe_matches(source, target);
}

bool cpe_matches(const struct cpe *source, const struct cpe *target)
{
	/* the most selective attributes first */
	static const enum cpe_attr order[CPE_ATTR__MAX] = {
		CPE_ATTR_PRODUCT, CPE_ATTR_VENDOR, CPE_ATTR_VERSION, CPE_ATTR_PART,
		CPE_ATTR_UPDATE, CPE_ATTR_TARGET_SW, CPE_ATTR_EDITION, CPE_ATTR_LANGUAGE,
		CPE_ATTR_SW_EDITION, CPE_ATTR_TARGET_HW, CPE_ATTR_OTHER,
	};

	for (int k = 0; k < CPE_ATTR__MAX; k++)
		if (!cpe_attr_matches(cpe_value(source, order[k]), cpe_value(target, order[k])))
			return false;
	return true;
}
