/* libFuzzer target for the EPSS reader (src/kb/epss_reader.c): arbitrary bytes, plain or
 * (when they start with the gzip magic) compressed; every score must lie in 0..1. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb/epss_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

static int touch(void *ctx, const struct epss_score *s)
{
	size_t *n = ctx;
	CHECK(strncmp(s->cve_id, "CVE-", 4) == 0);
	CHECK(s->epss >= 0 && s->epss <= 1);
	CHECK(s->percentile == -1 || (s->percentile >= 0 && s->percentile <= 1));
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n = 0;
	char err[256];
	struct epss_meta m;
	int rc = epss_read_mem("fuzz", data, size, touch, &n, &m, err, sizeof(err));
	CHECK(rc == 0 || err[0] != '\0');
	CHECK(m.rows == n);
	CHECK(strlen(m.model_version) < sizeof(m.model_version));
	return 0;
}
