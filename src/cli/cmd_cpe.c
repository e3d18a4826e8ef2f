/* `vans cpe parse NAME` and `vans cpe compare SOURCE TARGET`: how vans reads a CPE name
 * (its WFN and both bindings) and the NISTIR 7696 relation between two names. */
#include "cli/cmd_cpe.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kb/cpe.h"

static const char usage_text[] =
	"usage: vans cpe parse NAME\n"
	"       vans cpe compare SOURCE TARGET\n"
	"       vans cpe --help\n"
	"\n"
	"NAME is a CPE 2.3 formatted string (cpe:2.3:a:vendor:product:...), a CPE 2.2 URI\n"
	"(cpe:/a:vendor:product:...) or a WFN (wfn:[part=\"a\",vendor=\"x\"]).\n"
	"\n"
	"parse    prints the 11 attributes as name<TAB>value (ANY, NA or \"quoted\\.value\"),\n"
	"         then fs<TAB>formatted string and uri<TAB>URI.\n"
	"compare  prints the NISTIR 7696 relation of SOURCE to TARGET: SUPERSET, SUBSET,\n"
	"         EQUAL or DISJOINT; UNDEFINED when attributes mix SUPERSET and SUBSET or\n"
	"         TARGET has wildcards. A criterion matches an asset when it is SUPERSET\n"
	"         or EQUAL.\n"
	"\n"
	"An invalid name is reported on stderr with the position of the fault; exit 1.\n";

static int usage(FILE *out, int code)
{
	fputs(usage_text, out);
	return code;
}

static bool is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static int parse_arg(const char *what, const char *arg, struct cpe *c)
{
	char err[160];

	if (cpe_parse(arg, strlen(arg), c, err, sizeof(err)) == 0)
		return 0;
	fprintf(stderr, "vans cpe: invalid %s: %s\n", what, err);
	return -1;
}

static int cmd_parse(const char *name)
{
	struct cpe c;
	char buf[CPE_FORMAT_MAX];
	int n;

	if (parse_arg("CPE name", name, &c) != 0)
		return 1;
	for (int a = 0; a < CPE_ATTR__MAX; a++) {
		cpe_attr_wfn(&c, (enum cpe_attr)a, buf, sizeof(buf));
		printf("%s\t%s\n", cpe_attr_name((enum cpe_attr)a), buf);
	}
	cpe_format_fs(&c, buf, sizeof(buf));
	printf("fs\t%s\n", buf);
	n = cpe_format_uri(&c, buf, sizeof(buf));
	if (n < 0) {
		fflush(stdout);
		fprintf(stderr, "vans cpe: this name has no 2.2 URI binding: a value that is a lone "
			"quoted hyphen would read back as NA\n");
		return 1;
	}
	printf("uri\t%s\n", buf);
	return 0;
}

static int cmd_compare(const char *source, const char *target)
{
	struct cpe s, t;

	if (parse_arg("SOURCE", source, &s) != 0 || parse_arg("TARGET", target, &t) != 0)
		return 1;
	puts(cpe_relation_str(cpe_compare(&s, &t)));
	return 0;
}

int cli_cpe(int argc, char **argv)
{
	int first;

	if (argc < 2)
		return usage(stderr, 2);
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			break;
		else if (is_help(argv[i]))
			return usage(stdout, 0);
	first = (argc > 2 && strcmp(argv[2], "--") == 0) ? 3 : 2;
	if (strcmp(argv[1], "parse") == 0 && argc - first == 1)
		return cmd_parse(argv[first]);
	if (strcmp(argv[1], "compare") == 0 && argc - first == 2)
		return cmd_compare(argv[first], argv[first + 1]);
	return usage(stderr, 2);
}
