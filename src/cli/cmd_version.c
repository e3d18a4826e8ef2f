/* `vans version compare A B`: prints how vans orders two versions ("<", "=", ">"), the
 * same answer the matching engine uses for NVD version bounds. */
#include "cli/cmd_version.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kb/version.h"

static const char usage_text[] =
	"usage: vans version compare A B\n"
	"       vans version --help\n"
	"\n"
	"Compares two vendor version strings as vans does when matching NVD version\n"
	"ranges, and prints \"<\", \"=\" or \">\" (A relative to B).\n"
	"Examples: 1.0 = 1.0.0, 1.0-rc1 < 1.0, 1.0.2k < 1.0.2l, 0.9.8z < 0.9.8za.\n"
	"Rules: docs/version-comparison.md\n";

static int usage(FILE *out, int code)
{
	fputs(usage_text, out);
	return code;
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_version(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, 2);
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			break;
		else if (is_help(argv[i]))
			return usage(stdout, 0);
	if (strcmp(argv[1], "compare") != 0)
		return usage(stderr, 2);

	/* "--" lets a version start with "-" */
	int first = (argc > 2 && strcmp(argv[2], "--") == 0) ? 3 : 2;
	if (argc - first != 2)
		return usage(stderr, 2);

	int r = version_compare_str(argv[first], argv[first + 1]);
	puts(r < 0 ? "<" : r > 0 ? ">" : "=");
	return 0;
}
