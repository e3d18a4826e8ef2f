/* Lookup of files compiled into the binary. The list is small (tens of files) and the
 * lookups happen at start-up, so a linear scan is enough. */
#include "core/embedded.h"

#include <string.h>

const struct embedded_file *embedded_find(const char *name)
{
	for (unsigned long i = 0; i < embedded_count; i++)
		if (strcmp(embedded_files[i].name, name) == 0)
			return &embedded_files[i];
	return NULL;
}
