/* Fuzz target: multipart/form-data upload bodies (the first line of the input is the
 * Content-Type header value, the rest the body). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	struct arena a;
	arena_init(&a, 0);
	char *ct = arena_strndup(&a, (const char *)data, (size_t)(nl - (const char *)data));
	const char *body = nl + 1;
	size_t len = size - (size_t)(body - (const char *)data);
	for (const struct mp_part *p = multipart_parse(&a, ct, body, len); p; p = p->next)
		(void)multipart_get(p, p->name);
	arena_free(&a);
	return 0;
}
