/* Vendor version comparison in the manner of repology's libversion (components, ranks,
 * pre/post-release keywords, letter suffixes, padding, bound flags), with vans' own
 * refinements: whole-string letter suffixes (OpenSSL 0.9.8za < 0.9.8zb) and dates.
 * docs/version-comparison.md states the rules; nothing here allocates or keeps state. */
#ifndef VANS_KB_VERSION_H
#define VANS_KB_VERSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Per-version flags, the same four as libversion's VERSIONFLAG_*; may be OR-ed. For NVD
 * ranges pass P_IS_PATCH on both sides (9.5p1, 4.2.8p9, 2.4.4-p11 are patch levels);
 * see docs/version-comparison.md §4. */
enum version_flag {
	/* a lone "p" means "patch" (post-release) instead of "pre" */
	VERSION_FLAG_P_IS_PATCH = 1 << 0,
	/* every unknown word is post-release instead of pre-release */
	VERSION_FLAG_ANY_IS_PATCH = 1 << 1,
	/* the version stands for "before anything of this release": 1.0 → below 1.0alpha1 */
	VERSION_FLAG_LOWER_BOUND = 1 << 2,
	/* the version stands for "after anything of this release": 1.0 → above 1.0.99, 1.0a */
	VERSION_FLAG_UPPER_BOUND = 1 << 3,
	VERSION_FLAG__MAX = 1 << 4 /* first unused bit */
};

/* Compares two version strings (slices, NUL not needed): -1 when a < b, 0 when they are
 * the same version (1.0 = 1.0.0, 1.0-rc1 = 1.0rc1), 1 when a > b. Any bytes are accepted;
 * no allocation, O(alen + blen). A total order: antisymmetric and transitive. */
int version_compare(const char *a, size_t alen, const char *b, size_t blen);

/* The same with libversion-style flags for each side (see enum version_flag). */
int version_compare_flags(const char *a, size_t alen, int aflags,
			  const char *b, size_t blen, int bflags);

/* Convenience for NUL-terminated strings (the CLI, tests). */
int version_compare_str(const char *a, const char *b);

/* Removes CPE 2.3 formatted-string backslash escapes ("15.3\(100\)m" → "15.3(100)m";
 * "\\" → "\"; a trailing lone "\" is kept). Writes at most outcap bytes to out, always
 * NUL-terminated when outcap > 0, and returns the unescaped length (never more than inlen);
 * a return value >= outcap means the output was truncated. in and out must not overlap.
 * Comparison does not need it: "\" and the punctuation CPE escapes are separators, so
 * version_compare gives the same answer with or without the escapes; use it to show or
 * store a bound. */
size_t version_cpe_unescape(const char *in, size_t inlen, char *out, size_t outcap);

/* Pre-parsed version for the matching hot path: parse each bound and each asset version
 * once, then compare keys with integer comparisons only. */
#define VERSION_KEY_COMPONENTS 16

struct version_key {
	/* component i = rank << 61 | value; see version.c for the encoding */
	uint64_t comp[VERSION_KEY_COMPONENTS];
	uint64_t pad;      /* the component that follows the last one, forever */
	const char *str;   /* BORROWED: the parsed string, needed when !exact */
	size_t len;
	int flags;
	uint8_t ncomp;     /* components in comp[] (valid when exact) */
	bool exact;        /* false: the version did not fit (more than
			    * VERSION_KEY_COMPONENTS components, a number over 18
			    * digits, a letter suffix over 7 letters) */
};

/* Parses s[0..len) with flags into *key; never fails. The key keeps a pointer to s, which
 * the caller must keep alive and unchanged for as long as the key is compared: a key that
 * is not exact is compared by re-reading both strings (version_compare_flags), so results
 * are always identical to the string comparison, only slower. Returns key->exact. */
bool version_key_parse(struct version_key *key, const char *s, size_t len, int flags);

/* Same result as version_compare_flags() on the two parsed strings and flags. */
int version_key_compare(const struct version_key *a, const struct version_key *b);

#endif
