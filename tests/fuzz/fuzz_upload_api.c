/* libFuzzer target for the VANS upload API's body reader (src/vans/upload_api.c): both item
 * versions are read; every item read is then checked as intake records are, and each item
 * is either refused with a reason or carries a line equal to its position. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "vans/upload_api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int v = 0; v < 2; v++) {
		struct arena a;
		arena_init(&a, 0);
		struct upload_api_body body;
		char err[256] = "";
		int rc = upload_api_parse(v ? UPLOAD_API_V1 : UPLOAD_API_V2, (const char *)data, size, &a, &body, err,
					  sizeof err);
		if (rc != 0) {
			CHECK(err[0] != '\0');
		} else {
			CHECK(body.n_items <= UPLOAD_API_MAX_ITEMS);
			struct intake_record *recs = malloc((body.n_items + 1) * sizeof *recs);
			size_t n = 0;
			for (size_t i = 0; i < body.n_items; i++) {
				const struct upload_api_item *it = &body.items[i];
				CHECK(it->rec.line == i + 1);
				CHECK(it->oid && it->org_name);
				if (it->reason)
					CHECK(it->reason[0] != '\0');
				else
					recs[n++] = it->rec;
			}
			struct asset_batch b;
			struct intake_opts o = { .mode = INTAKE_KEEP_VALID };
			intake_read_records(recs, n, &o, &b);
			CHECK(b.n_rows + b.rows_rejected == n);
			for (size_t i = 0; i < b.n_rows; i++)
				CHECK(b.rows[i].name[0] != '\0');
			asset_batch_free(&b);
			free(recs);
		}
		if (body.api_key)
			CHECK(body.api_key_len <= size);
		arena_free(&a);
	}
	return 0;
}
