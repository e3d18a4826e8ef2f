/* libFuzzer target for the CPE parsers (src/kb/cpe.c): arbitrary bytes as a name in each
 * notation; whatever parses must bind and unbind back to the same WFN, and the two halves
 * of the input are compared with the relation laws checked. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/cpe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* ASCII lower-case copy, for the URI, whose decoding lower-cases. */
static void lower_copy(char *dst, const char *src)
{
	for (; *src != '\0'; src++, dst++)
		*dst = (*src >= 'A' && *src <= 'Z') ? (char)(*src + 32) : *src;
	*dst = '\0';
}

/* Every binding of c reads back as c, and the writers agree with each other. */
static void round_trip(const struct cpe *c)
{
	static char fs[CPE_FORMAT_MAX], fs2[CPE_FORMAT_MAX], uri[CPE_FORMAT_MAX];
	static char wfn[CPE_FORMAT_MAX], low1[CPE_FORMAT_MAX], low2[CPE_FORMAT_MAX];
	struct cpe back;
	int n;

	n = cpe_format_fs(c, fs, sizeof(fs));
	CHECK(n > 0);
	CHECK(cpe_parse_fs(fs, (size_t)n, &back, NULL, 0) == 0);
	CHECK(cpe_identical(c, &back));
	CHECK(cpe_format_fs(&back, fs2, sizeof(fs2)) == n && memcmp(fs, fs2, (size_t)n) == 0);
	/* a buffer one byte short fails cleanly */
	CHECK(cpe_format_fs(c, fs2, (size_t)n) == -1);

	n = cpe_format_wfn(c, wfn, sizeof(wfn));
	CHECK(n > 0);
	CHECK(cpe_parse_wfn(wfn, (size_t)n, &back, NULL, 0) == 0);
	CHECK(cpe_identical(c, &back));

	n = cpe_format_uri(c, uri, sizeof(uri));
	CHECK(n > 0 || n == -2);
	if (n > 0) {
		CHECK(cpe_parse_uri(uri, (size_t)n, &back, NULL, 0) == 0);
		CHECK(cpe_format_fs(&back, fs2, sizeof(fs2)) > 0);
		lower_copy(low1, fs);
		lower_copy(low2, fs2);
		CHECK(strcmp(low1, low2) == 0);
	}

	/* a name without wildcards equals itself; attribute by attribute, the boolean
	 * matcher agrees with the relation */
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		struct cpe_av v = cpe_value(c, (enum cpe_attr)a);
		enum cpe_relation r = cpe_compare_attr(v, v);

		CHECK(cpe_attr_matches(v, v) == (r == CPE_REL_EQUAL));
		CHECK((r == CPE_REL_EQUAL) == !cpe_has_wildcards(c, (enum cpe_attr)a));
		CHECK(strlen(cpe_text(c, (enum cpe_attr)a, NULL)) == v.len);
	}
}

/* Parses p[0..len) with each parser (and with the prefixes prepended); keeps the first
 * that succeeds in *out. */
static bool parse_any(const char *p, size_t len, struct cpe *out)
{
	static const char *const prefixes[] = { "", "cpe:2.3:", "cpe:/", "wfn:[" };
	static char buf[CPE_NAME_MAX + 16];
	char err[128];
	bool found = false;

	err[0] = '\0';

	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t pl = strlen(prefixes[k]);
		struct cpe c;
		int r;

		if (len + pl > sizeof(buf))
			continue;
		memcpy(buf, prefixes[k], pl);
		memcpy(buf + pl, p, len);
		r = cpe_parse(buf, len + pl, &c, err, sizeof(err));
		CHECK(r == 0 || r == -1);
		if (r != 0) {
			CHECK(memchr(err, '\0', sizeof(err)) != NULL && err[0] != '\0');
			continue;
		}
		round_trip(&c);
		if (!found) {
			*out = c;
			found = true;
		}
	}
	return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	size_t half = size / 2;
	struct cpe a, b, whole;

	if (size > 4 * CPE_NAME_MAX)
		return 0;
	parse_any(p, size, &whole);
	if (parse_any(p, half, &a) && parse_any(p + half, size - half, &b)) {
		enum cpe_relation ab = cpe_compare(&a, &b), ba = cpe_compare(&b, &a);

		CHECK(cpe_matches(&a, &b) == (ab == CPE_REL_SUPERSET || ab == CPE_REL_EQUAL));
		CHECK(cpe_superset(&a, &b) == cpe_matches(&a, &b));
		CHECK(cpe_subset(&a, &b) == (ab == CPE_REL_SUBSET || ab == CPE_REL_EQUAL));
		CHECK(cpe_disjoint(&a, &b) == (ab == CPE_REL_DISJOINT));
		/* names whose every value is wildcard-free: the relation mirrors */
		if (cpe_matches(&a, &a) && cpe_matches(&b, &b)) {
			if (ab == CPE_REL_SUBSET)
				CHECK(ba == CPE_REL_SUPERSET);
			else if (ab == CPE_REL_SUPERSET)
				CHECK(ba == CPE_REL_SUBSET);
			else
				CHECK(ab == ba);
		}
	}
	return 0;
}
