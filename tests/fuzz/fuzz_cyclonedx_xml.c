/* libFuzzer target for the SBOM reader intake_read_cyclonedx_xml (src/vans/intake/): raw bytes
 * as a document, both modes; every row and issue is checked (batch_check.h). */
#include <stdint.h>

#include "batch_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int m = 0; m < INTAKE_MODE__MAX; m++) {
		struct intake_opts o = { .mode = (enum intake_mode)m, .max_rows = 1000, .max_issues = 100 };
		struct asset_batch b;
		enum err e = intake_read_cyclonedx_xml(data, size, &o, &b);
		check_batch(&b, e);
		asset_batch_free(&b);
	}
	return 0;
}
