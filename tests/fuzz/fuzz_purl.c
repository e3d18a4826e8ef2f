/* libFuzzer target for package URLs (src/vans/intake/purl.c): parse, then guess; the
 * parts of a parsed purl are walked and the guess is checked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "vans/intake/purl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	struct purl u;
	char err[128];
	if (purl_parse((const char *)data, size, &a, &u, err, sizeof(err)) == 0) {
		CHECK(strlen(u.type) > 0 && strlen(u.name) > 0);
		size_t sum = strlen(u.namespace_) + strlen(u.version) + strlen(u.subpath);
		CHECK(u.n_qualifiers <= PURL_MAX_QUALIFIERS);
		for (size_t i = 0; i < u.n_qualifiers; i++)
			sum += strlen(u.qualifiers[i].key) + strlen(u.qualifiers[i].value);
		struct purl_guess g;
		purl_guess_cpe(&u, &a, &g);
		CHECK(g.confidence <= 100);
		CHECK((g.confidence == 0) == (g.vendor[0] == '\0'));
		for (const char *c = g.vendor; *c; c++)
			CHECK((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || strchr("._-", *c));
		(void)sum;
	} else {
		CHECK(err[0] != '\0');
	}
	arena_free(&a);
	return 0;
}
