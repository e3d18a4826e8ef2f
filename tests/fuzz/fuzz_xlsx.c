/* libFuzzer target for the XLSX reader (src/vans/intake/xlsx.c): raw bytes as a zip
 * archive, read with small caps; every cell of every row is walked. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vans/intake/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static int touch(void *ctx, const struct xlsx_row *row)
{
	size_t *sum = ctx;
	CHECK(row->row >= 1 && row->sheet >= 1 && row->sheet_name != NULL);
	for (size_t i = 0; i < row->n; i++) {
		CHECK(strlen(row->cells[i].text) == row->cells[i].len);
		CHECK((unsigned)row->cells[i].type < XLSX_CELL__MAX);
		*sum += row->cells[i].len;
	}
	if (row->n)
		CHECK(row->cells[row->n - 1].len > 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_limits lim = { .max_part = 4u << 20, .max_total = 16u << 20, .max_entries = 64,
	                           .max_shared_bytes = 1u << 20, .max_shared = 10000,
	                           .max_rows = 10000, .max_cols = 256 };
	const char *sheets[] = { NULL, "Assets" };
	for (int i = 0; i < 2; i++) {
		struct xlsx_opts o = { .sheet = sheets[i], .dates_as_serial = i == 1, .limits = &lim };
		size_t sum = 0;
		char err[320];
		int rc = xlsx_read(data, size, &o, touch, &sum, err, sizeof(err));
		CHECK(rc == 0 || err[0] != '\0');
	}
	return 0;
}
