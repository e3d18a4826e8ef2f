/* Fuzz target: JSON request bodies into the value tree, and back out through the writer,
 * whose output must parse again. */
#include <stddef.h>
#include <stdint.h>

#include "core/val.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	struct val *v;
	char err[256];
	if (val_parse_json(&a, (const char *)data, size, &v, err, sizeof err) == 0) {
		struct buf out;
		buf_init(&out, 0);
		val_write_json(v, &out);
		struct val *again;
		if (val_parse_json(&a, out.data, out.len, &again, err, sizeof err) != 0)
			__builtin_trap();
		buf_free(&out);
	}
	arena_free(&a);
	return 0;
}
