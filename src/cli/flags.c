/* "--name value" flag parsing shared by the subcommand families that take several flags. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int cli_flags(int argc, char **argv, int from, const char *const *names, const char **values, size_t n,
	      const char **positional)
{
	for (size_t k = 0; k < n; k++)
		values[k] = NULL;
	if (positional)
		*positional = NULL;
	for (int i = from; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (positional && !*positional) {
				*positional = a;
				continue;
			}
			fprintf(stderr, "vans %s: unexpected argument \"%s\"\n", argv[0], a);
			return -1;
		}
		size_t k = 0;
		while (k < n && strcmp(a + 2, names[k]) != 0)
			k++;
		if (k == n) {
			fprintf(stderr, "vans %s: unknown option %s (see vans help %s)\n", argv[0], a, argv[0]);
			return -1;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "vans %s: %s needs a value\n", argv[0], a);
			return -1;
		}
		values[k] = argv[++i];
	}
	return 0;
}
