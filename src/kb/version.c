/* Version comparison (see version.h and docs/version-comparison.md): a version is read as
 * a sequence of ranked components followed by endless padding, and two versions compare
 * lexicographically. One tokenizer serves both the string path and the key parser. */
#include "kb/version.h"

#include <string.h>

/* Ranks in ascending order; the numbering is part of the key encoding. */
enum rank {
	RANK_LOWER_BOUND,   /* padding of a LOWER_BOUND version */
	RANK_PRE_RELEASE,   /* alpha, beta, rc, pre…, unknown words */
	RANK_ZERO,          /* 0, 000, and ordinary padding */
	RANK_POST_RELEASE,  /* patch…, post…, pl, errata */
	RANK_NONZERO,       /* any other number */
	RANK_LETTER_SUFFIX, /* the "a" of 1.0a */
	RANK_UPPER_BOUND,   /* padding of an UPPER_BOUND version */
	RANK__MAX
};

/* One component. For numbers p/len are the digits without leading zeros (empty for
 * zero); for words, the letters as written. */
struct comp {
	enum rank rank;
	const char *p;
	size_t len;
};

/* Tokenizer state over one version string. */
struct cursor {
	const char *s;
	size_t len;
	size_t pos;
	int flags;
	struct comp pending; /* a letter suffix read together with its number */
	bool has_pending;
	uint8_t date_left;   /* components still to emit from a compact YYYYMMDD date */
};

/* Key encoding: 3 bits of rank above 61 bits of value. Numbers up to 18 digits
 * (< 10^18 < 2^61) are stored as their value; pre/post words as their lowercased first
 * letter; letter suffixes as up to 7 lowercased letters packed big-endian, so that
 * shorter prefixes sort first ("z" < "za") exactly as the byte-wise string comparison. */
#define KEY_RANK_SHIFT 61
#define KEY_MAX_DIGITS 18
#define KEY_MAX_LETTERS 7

static bool is_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10u;
}

static bool is_alpha(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u;
}

static unsigned char lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Case-insensitive: does word[0..len) equal lit? */
static bool word_is(const char *word, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	if (len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower((unsigned char)word[i]) != (unsigned char)lit[i])
			return false;
	return true;
}

/* Case-insensitive: does word[0..len) start with lit? */
static bool word_starts(const char *word, size_t len, const char *lit)
{
	size_t n = strlen(lit);

	return len >= n && word_is(word, n, lit);
}

enum keyword { KEYWORD_UNKNOWN, KEYWORD_PRE, KEYWORD_POST, KEYWORD__MAX };

/* libversion's keyword list: "pre", "post" and "patch" match as prefixes
 * (prerelease, postanything, patchlevel); the others as whole words. */
static enum keyword classify(const char *w, size_t n, int flags)
{
	if (word_is(w, n, "alpha") || word_is(w, n, "beta") || word_is(w, n, "rc") ||
	    word_starts(w, n, "pre"))
		return KEYWORD_PRE;
	if (word_starts(w, n, "post") || word_starts(w, n, "patch") || word_is(w, n, "pl") ||
	    word_is(w, n, "errata"))
		return KEYWORD_POST;
	if ((flags & VERSION_FLAG_P_IS_PATCH) && word_is(w, n, "p"))
		return KEYWORD_POST;
	return KEYWORD_UNKNOWN;
}

/* A compact date, YYYYMMDD with YYYY 19xx or 20xx, month 01-12 and day 01-31, as the
 * only component of the string (separators around it are ignored like everywhere else):
 * read as three components so that it equals 2021-12-13 and 2021.12.13. Returns the
 * offset of the date, or -1. */
static long compact_date_at(const char *s, size_t len)
{
	size_t b = 0, e = len;

	while (b < e && !is_alpha((unsigned char)s[b]) && !is_digit((unsigned char)s[b]))
		b++;
	while (e > b && !is_alpha((unsigned char)s[e - 1]) && !is_digit((unsigned char)s[e - 1]))
		e--;
	if (e - b != 8)
		return -1;
	s += b;
	for (size_t i = 0; i < 8; i++)
		if (!is_digit((unsigned char)s[i]))
			return -1;
	if (!((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
		return -1;
	int month = (s[4] - '0') * 10 + (s[5] - '0');
	int day = (s[6] - '0') * 10 + (s[7] - '0');
	if (month < 1 || month > 12 || day < 1 || day > 31)
		return -1;
	return (long)b;
}

static void cursor_init(struct cursor *c, const char *s, size_t len, int flags)
{
	c->s = s;
	c->len = s ? len : 0;
	c->pos = 0;
	c->flags = flags;
	c->has_pending = false;
	c->date_left = 0;
	/* only an 8-byte core can be a date: skip the scan for everything else cheaply */
	if (c->len >= 8) {
		long at = compact_date_at(c->s, c->len);
		if (at >= 0) {
			c->date_left = 3;
			c->pos = (size_t)at;
		}
	}
}

static void set_number(struct comp *out, const char *p, size_t len)
{
	while (len > 0 && *p == '0') {
		p++;
		len--;
	}
	out->rank = len == 0 ? RANK_ZERO : RANK_NONZERO;
	out->p = p;
	out->len = len;
}

static void set_padding(const struct cursor *c, struct comp *out)
{
	if (c->flags & VERSION_FLAG_LOWER_BOUND)
		out->rank = RANK_LOWER_BOUND;
	else if (c->flags & VERSION_FLAG_UPPER_BOUND)
		out->rank = RANK_UPPER_BOUND;
	else
		out->rank = RANK_ZERO;
	out->p = NULL;
	out->len = 0;
}

/* Stores the next component in *out. Returns false, with the padding component in *out,
 * once the string is exhausted (and on every later call). */
static bool cursor_next(struct cursor *c, struct comp *out)
{
	if (c->has_pending) {
		*out = c->pending;
		c->has_pending = false;
		return true;
	}
	if (c->date_left > 0) {
		/* year s[0..4), month s[4..6), day s[6..8) */
		static const uint8_t start[3] = { 0, 4, 6 }, width[3] = { 4, 2, 2 };
		unsigned i = 3u - c->date_left;
		set_number(out, c->s + c->pos + start[i], width[i]);
		if (--c->date_left == 0)
			c->pos = c->len;
		return true;
	}

	const char *s = c->s;
	size_t len = c->len, pos = c->pos;

	while (pos < len && !is_alpha((unsigned char)s[pos]) && !is_digit((unsigned char)s[pos]))
		pos++;
	if (pos == len) {
		c->pos = pos;
		set_padding(c, out);
		return false;
	}

	size_t start = pos;
	if (is_alpha((unsigned char)s[pos])) {
		while (pos < len && is_alpha((unsigned char)s[pos]))
			pos++;
		enum keyword k = classify(s + start, pos - start, c->flags);
		if (k == KEYWORD_POST || (k == KEYWORD_UNKNOWN && (c->flags & VERSION_FLAG_ANY_IS_PATCH)))
			out->rank = RANK_POST_RELEASE;
		else
			out->rank = RANK_PRE_RELEASE;
		out->p = s + start;
		out->len = pos - start;
		c->pos = pos;
		return true;
	}

	while (pos < len && is_digit((unsigned char)s[pos]))
		pos++;
	set_number(out, s + start, pos - start);

	/* A word glued to the number and not followed by a digit ("1.0a", "1.0a.1", not
	 * "1.0a1") is a letter suffix, unless it is a known keyword ("1.0alpha"). */
	if (pos < len && is_alpha((unsigned char)s[pos])) {
		size_t wstart = pos, wend = pos;
		while (wend < len && is_alpha((unsigned char)s[wend]))
			wend++;
		if (wend == len || !is_digit((unsigned char)s[wend])) {
			enum keyword k = classify(s + wstart, wend - wstart, c->flags);
			c->pending.rank = k == KEYWORD_PRE    ? RANK_PRE_RELEASE
					  : k == KEYWORD_POST ? RANK_POST_RELEASE
							      : RANK_LETTER_SUFFIX;
			c->pending.p = s + wstart;
			c->pending.len = wend - wstart;
			c->has_pending = true;
			pos = wend;
		}
	}
	c->pos = pos;
	return true;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static int comp_compare(const struct comp *x, const struct comp *y)
{
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;

	switch (x->rank) {
	case RANK_NONZERO:
		/* no leading zeros: the longer number is the larger */
		if (x->len != y->len)
			return x->len < y->len ? -1 : 1;
		for (size_t i = 0; i < x->len; i++)
			if (x->p[i] != y->p[i])
				return (unsigned char)x->p[i] < (unsigned char)y->p[i] ? -1 : 1;
		return 0;
	case RANK_PRE_RELEASE:
	case RANK_POST_RELEASE:
		/* libversion: first letter only, so a = alpha, b = beta, p = pre */
		return sign((int)lower((unsigned char)x->p[0]) - (int)lower((unsigned char)y->p[0]));
	case RANK_LETTER_SUFFIX: {
		/* vans: the whole suffix, so z < za < zb (OpenSSL) */
		size_t n = x->len < y->len ? x->len : y->len;
		for (size_t i = 0; i < n; i++) {
			int d = (int)lower((unsigned char)x->p[i]) - (int)lower((unsigned char)y->p[i]);
			if (d != 0)
				return sign(d);
		}
		return x->len < y->len ? -1 : x->len > y->len;
	}
	case RANK_LOWER_BOUND:
	case RANK_ZERO:
	case RANK_UPPER_BOUND:
	case RANK__MAX:
		break;
	}
	return 0;
}

int version_compare_flags(const char *a, size_t alen, int aflags,
			  const char *b, size_t blen, int bflags)
{
	struct cursor ca, cb;
	struct comp x, y;

	/* the common case in matching: an asset version written exactly like the bound */
	if (aflags == bflags && alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return 0;
	cursor_init(&ca, a, alen, aflags);
	cursor_init(&cb, b, blen, bflags);
	for (;;) {
		bool more_a = cursor_next(&ca, &x);
		bool more_b = cursor_next(&cb, &y);
		int r = comp_compare(&x, &y);
		/* the step where both sides pad is compared too: it decides 1.0 vs a bound 1.0 */
		if (r != 0 || (!more_a && !more_b))
			return r;
	}
}

int version_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	return version_compare_flags(a, alen, 0, b, blen, 0);
}

int version_compare_str(const char *a, const char *b)
{
	return version_compare(a, a ? strlen(a) : 0, b, b ? strlen(b) : 0);
}

size_t version_cpe_unescape(const char *in, size_t inlen, char *out, size_t outcap)
{
	size_t n = 0;

	for (size_t i = 0; i < inlen; i++) {
		char ch = in[i];
		if (ch == '\\' && i + 1 < inlen)
			ch = in[++i];
		if (n + 1 < outcap)
			out[n] = ch;
		n++;
	}
	if (outcap > 0)
		out[n < outcap ? n : outcap - 1] = '\0';
	return n;
}

/* Encodes one component as a key word; false when it does not fit. */
static bool comp_encode(const struct comp *x, uint64_t *word)
{
	uint64_t value = 0;

	switch (x->rank) {
	case RANK_NONZERO:
		if (x->len > KEY_MAX_DIGITS)
			return false;
		for (size_t i = 0; i < x->len; i++)
			value = value * 10 + (uint64_t)(x->p[i] - '0');
		break;
	case RANK_PRE_RELEASE:
	case RANK_POST_RELEASE:
		value = lower((unsigned char)x->p[0]);
		break;
	case RANK_LETTER_SUFFIX:
		if (x->len > KEY_MAX_LETTERS)
			return false;
		for (size_t i = 0; i < x->len; i++)
			value |= (uint64_t)lower((unsigned char)x->p[i]) << (8 * (KEY_MAX_LETTERS - 1 - i));
		break;
	case RANK_LOWER_BOUND:
	case RANK_ZERO:
	case RANK_UPPER_BOUND:
	case RANK__MAX:
		break;
	}
	*word = (uint64_t)x->rank << KEY_RANK_SHIFT | value;
	return true;
}

bool version_key_parse(struct version_key *key, const char *s, size_t len, int flags)
{
	struct cursor c;
	struct comp x;

	memset(key, 0, sizeof(*key));
	key->str = s;
	key->len = s ? len : 0;
	key->flags = flags;
	key->exact = true;

	cursor_init(&c, s, len, flags);
	while (cursor_next(&c, &x)) {
		if (key->ncomp == VERSION_KEY_COMPONENTS || !comp_encode(&x, &key->comp[key->ncomp])) {
			key->exact = false;
			key->ncomp = 0;
			return false;
		}
		key->ncomp++;
	}
	/* x is now the padding component */
	comp_encode(&x, &key->pad);
	return true;
}

int version_key_compare(const struct version_key *a, const struct version_key *b)
{
	if (!a->exact || !b->exact)
		return version_compare_flags(a->str, a->len, a->flags, b->str, b->len, b->flags);

	unsigned n = a->ncomp > b->ncomp ? a->ncomp : b->ncomp;
	for (unsigned i = 0; i < n; i++) {
		uint64_t x = i < a->ncomp ? a->comp[i] : a->pad;
		uint64_t y = i < b->ncomp ? b->comp[i] : b->pad;
		if (x != y)
			return x < y ? -1 : 1;
	}
	return a->pad < b->pad ? -1 : a->pad > b->pad;
}
