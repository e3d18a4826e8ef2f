/* Fuzz target: urlencoded form bodies (every byte is the client's choice). */
#include <stddef.h>
#include <stdint.h>

#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a, 0);
	int too_many;
	struct kv *f = form_parse(&a, (const char *)data, size, &too_many);
	for (; f; f = f->next)
		(void)form_get(f, f->key);
	arena_free(&a);
	return 0;
}
