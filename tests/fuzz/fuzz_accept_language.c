/* Fuzz target: the Accept-Language header parser. */
#include <stddef.h>
#include <stdint.h>

#include "web/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum lang l = lang_negotiate((const char *)data, size, LANG_ZH_TW);
	if ((unsigned)l >= LANG__MAX)
		__builtin_trap();
	(void)lang_parse((const char *)data, size);
	return 0;
}
