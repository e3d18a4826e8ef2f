/* Slice helpers: comparison, trimming, splitting and checked integer parsing.
 * Everything works on (pointer, length) and never reads past len. */
#include "core/str.h"

#include <ctype.h>

bool slice_eq(struct slice a, const char *lit)
{
	size_t n = strlen(lit);
	return a.len == n && (n == 0 || memcmp(a.p, lit, n) == 0);
}

bool slice_eq_nocase(struct slice a, const char *lit)
{
	size_t n = strlen(lit);
	if (a.len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a.p[i]) != tolower((unsigned char)lit[i]))
			return false;
	return true;
}

bool slice_starts_with(struct slice a, const char *prefix)
{
	size_t n = strlen(prefix);
	return a.len >= n && memcmp(a.p, prefix, n) == 0;
}

struct slice slice_trim(struct slice s)
{
	while (s.len && isspace((unsigned char)s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len && isspace((unsigned char)s.p[s.len - 1]))
		s.len--;
	return s;
}

struct slice slice_cut(struct slice s, char sep, struct slice *head, bool *found)
{
	const char *hit = s.len ? memchr(s.p, sep, s.len) : NULL;
	if (!hit) {
		*head = s;
		if (found)
			*found = false;
		return (struct slice){ s.p + s.len, 0 };
	}
	*head = (struct slice){ s.p, (size_t)(hit - s.p) };
	if (found)
		*found = true;
	return (struct slice){ hit + 1, s.len - (size_t)(hit - s.p) - 1 };
}

int slice_to_i64(struct slice s, int64_t min, int64_t max, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	if (s.len == 0)
		return -1;
	if (s.p[0] == '-' || s.p[0] == '+') {
		neg = s.p[0] == '-';
		i = 1;
		if (s.len == 1)
			return -1;
	}
	uint64_t v = 0;
	for (; i < s.len; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		uint64_t d = (uint64_t)(s.p[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (!neg && v > (uint64_t)INT64_MAX)
		return -1;
	if (neg && v > (uint64_t)INT64_MAX + 1)
		return -1;
	int64_t r = neg ? (int64_t)(0 - v) : (int64_t)v;
	if (r < min || r > max)
		return -1;
	*out = r;
	return 0;
}

bool str_ct_equal(const void *a, size_t alen, const void *b, size_t blen)
{
	const unsigned char *x = a, *y = b;
	unsigned char diff = (unsigned char)(alen != blen);
	size_t n = alen < blen ? alen : blen;
	for (size_t i = 0; i < n; i++)
		diff |= x[i] ^ y[i];
	return diff == 0;
}

size_t str_copy(char *dst, size_t dstlen, const char *src)
{
	size_t n = strlen(src);
	if (dstlen) {
		size_t c = n < dstlen - 1 ? n : dstlen - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}
