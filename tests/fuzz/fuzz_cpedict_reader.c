/* libFuzzer target for the CPE dictionary reader (src/kb/cpedict_reader.c): arbitrary
 * bytes (plain or gzip) as a dictionary; every delivered item is walked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/cpedict_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static size_t len(const char *s)
{
	return s ? strlen(s) : 0;
}

static int touch(void *ctx, const struct cpedict_item *it)
{
	size_t *n = ctx;
	CHECK(it->name != NULL);
	*n += len(it->name) + len(it->name23) + len(it->deprecation_date) +
	      len(it->deprecation_date23);
	for (size_t i = 0; i < it->n_titles; i++)
		*n += len(it->titles[i].lang) + len(it->titles[i].text);
	for (size_t i = 0; i < it->n_refs; i++)
		*n += len(it->refs[i].href) + len(it->refs[i].text);
	for (size_t i = 0; i < it->n_deprecated_by; i++)
		*n += len(it->deprecated_by[i].name) + len(it->deprecated_by[i].type);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	char err[256];
	struct cpedict_meta m;
	int rc = cpedict_read_mem("fuzz", data, size, touch, &n, &m, err, sizeof(err));
	CHECK(rc == 0 || err[0] != '\0');
	return 0;
}
