/* String slices (pointer + length) and small helpers on them. Parsers take slices and
 * never assume NUL termination; a slice never owns its bytes. */
#ifndef VANS_CORE_STR_H
#define VANS_CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct slice {
	const char *p;
	size_t len;
};

static inline struct slice slice_of(const char *s)
{
	return (struct slice){ s, s ? strlen(s) : 0 };
}

static inline struct slice slice_make(const char *p, size_t len)
{
	return (struct slice){ p, len };
}

bool slice_eq(struct slice a, const char *lit);
bool slice_eq_nocase(struct slice a, const char *lit);
bool slice_starts_with(struct slice a, const char *prefix);
struct slice slice_trim(struct slice s);
/* Splits at the first 'sep': *head gets what precedes it, the return value what follows.
 * Without 'sep', *head is all of s and the result is empty with found=false. */
struct slice slice_cut(struct slice s, char sep, struct slice *head, bool *found);
/* Parses a whole slice as a decimal integer in [min, max]; -1 on any junk or overflow. */
int slice_to_i64(struct slice s, int64_t min, int64_t max, int64_t *out);

/* Constant-time comparison for secrets: equal lengths and bytes → true. */
bool str_ct_equal(const void *a, size_t alen, const void *b, size_t blen);
/* Copies at most dstlen-1 bytes and NUL-terminates; returns the source length. */
size_t str_copy(char *dst, size_t dstlen, const char *src);

#endif
