/* libFuzzer target for the CSV reader (src/vans/intake/csv.c): raw bytes with the
 * delimiter detected and forced; every field is walked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vans/intake/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static int touch(void *ctx, const struct csv_record *r)
{
	size_t *sum = ctx;
	CHECK(r->n >= 1 && r->line >= 1);
	for (size_t i = 0; i < r->n; i++) {
		CHECK(strlen(r->fields[i].p) <= r->fields[i].len);
		*sum += r->fields[i].len;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { 0, ',', ';' };
	for (size_t i = 0; i < sizeof(delims); i++) {
		struct csv_opts o = { .delimiter = delims[i], .max_field = 4096, .max_fields = 64 };
		size_t sum = 0;
		char err[256];
		int rc = csv_read(data, size, &o, touch, &sum, err, sizeof(err));
		CHECK(rc == 0 || err[0] != '\0');
	}
	return 0;
}
