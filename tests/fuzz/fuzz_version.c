/* Fuzz target for the version comparison: byte 0 holds the flags of both sides, the rest
 * is split into two versions (and, for transitivity, three). Any order law broken, or a
 * key disagreeing with the string path, aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FLAG_MASK (VERSION_FLAG__MAX - 1)

/* Own heap copy, so that ASan sees a read past the end of each slice. */
static char *copy(const uint8_t *p, size_t n)
{
	char *s = malloc(n ? n : 1);
	if (s == NULL)
		abort();
	if (n)
		memcpy(s, p, n);
	return s;
}

static int key_cmp(const char *a, size_t alen, int af, const char *b, size_t blen, int bf)
{
	struct version_key ka, kb;

	version_key_parse(&ka, a, alen, af);
	version_key_parse(&kb, b, blen, bf);
	return version_key_compare(&ka, &kb);
}

static void check_pair(const char *a, size_t alen, int af, const char *b, size_t blen, int bf)
{
	int ab = version_compare_flags(a, alen, af, b, blen, bf);
	int ba = version_compare_flags(b, blen, bf, a, alen, af);

	if (ab < -1 || ab > 1 || ab != -ba)
		abort();
	if (key_cmp(a, alen, af, b, blen, bf) != ab || key_cmp(b, blen, bf, a, alen, af) != ba)
		abort();
	if (version_compare_flags(a, alen, af, a, alen, af) != 0)
		abort();
	if (af == 0 && bf == 0 && version_compare(a, alen, b, blen) != ab)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 4096)
		return 0;
	int af = data[0] & FLAG_MASK, bf = (data[0] >> 4) & FLAG_MASK;
	const uint8_t *p = data + 1;
	size_t n = size - 1, half = n / 2;

	char *a = copy(p, half), *b = copy(p + half, n - half);
	check_pair(a, half, af, b, n - half, bf);

	/* unquoting never grows the string and is always terminated */
	char out[64];
	size_t u = version_cpe_unescape(a, half, out, sizeof(out));
	if (u > half || strnlen(out, sizeof(out)) == sizeof(out))
		abort();
	free(a);
	free(b);

	/* transitivity over thirds, all with the same flags */
	size_t t = n / 3;
	char *x = copy(p, t), *y = copy(p + t, t), *z = copy(p + 2 * t, n - 2 * t);
	size_t zl = n - 2 * t;
	int xy = version_compare_flags(x, t, af, y, t, af);
	int yz = version_compare_flags(y, t, af, z, zl, af);
	int xz = version_compare_flags(x, t, af, z, zl, af);
	if (xy <= 0 && yz <= 0 && xz > 0)
		abort();
	if (xy >= 0 && yz >= 0 && xz < 0)
		abort();
	if (xy == 0 && yz != xz)
		abort();
	free(x);
	free(y);
	free(z);
	return 0;
}
