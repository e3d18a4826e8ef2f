/* libFuzzer target for the KEV reader (src/kb/kev_reader.c): arbitrary bytes read as a
 * catalogue in each format; every delivered entry's strings are walked so a dangling or
 * unterminated pointer shows up under ASan. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kev_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static int touch(void *ctx, const struct kev_entry *e)
{
	size_t *sum = ctx;
	const char *s[] = {
		e->cve_id, e->vendor_project, e->product, e->vulnerability_name, e->date_added,
		e->short_description, e->required_action, e->due_date, e->known_ransomware, e->notes,
	};
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		CHECK(s[i] != NULL);
		*sum += strlen(s[i]);
	}
	CHECK(e->n_cwes <= KEV_MAX_CWES);
	for (size_t i = 0; i < e->n_cwes; i++)
		*sum += strlen(e->cwes[i]);
	CHECK(strncmp(e->cve_id, "CVE-", 4) == 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum kev_format formats[] = { KEV_FORMAT_AUTO, KEV_FORMAT_JSON, KEV_FORMAT_CSV };
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		size_t sum = 0;
		char err[256];
		struct kev_catalog cat;
		int rc = kev_read_mem("fuzz", (const char *)data, size, formats[i], touch, &sum, &cat,
		                      err, sizeof(err));
		CHECK(rc == 0 || err[0] != '\0');
		CHECK(strlen(cat.catalog_version) < sizeof(cat.catalog_version));
	}
	return 0;
}
