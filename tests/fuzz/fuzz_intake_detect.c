/* libFuzzer target for format detection and the reader it picks (src/vans/intake/
 * detect.c): raw bytes as an upload of any kind, zip archives included. */
#include <stdint.h>

#include "batch_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];
	enum intake_format f = intake_detect(data, size, why, sizeof(why));
	CHECK(f != INTAKE_FORMAT_UNKNOWN || why[0] != '\0');
	struct intake_opts o = { .mode = INTAKE_KEEP_VALID, .max_rows = 1000, .max_issues = 100 };
	struct asset_batch b;
	enum err e = intake_read(data, size, &o, &b);
	check_batch(&b, e);
	asset_batch_free(&b);
	return 0;
}
