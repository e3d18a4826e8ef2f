/* `vans cvss [VECTOR...]`: one line per vector, from the arguments or, without any, from
 * stdin (one per line; blank lines skipped, a trailing CR stripped). Tab-separated:
 *   v2.0, v3.0, v3.1: VECTOR BASE TEMPORAL ENVIRONMENTAL SEVERITY
 *   v4.0:             VECTOR SCORE - - SEVERITY
 *   invalid:          VECTOR error MESSAGE            (and exit status 1 at the end)
 * Scores have one decimal; VECTOR is echoed as given; SEVERITY is that of the base score. */
#include "cli/cmd_cvss.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kb/cvss.h"

/* Longer lines cannot be vectors (cvss_parse caps them at CVSS_VECTOR_MAX); they are
 * reported as errors with only their first 40 bytes echoed. */
#define LINE_MAX_BYTES 4096

static void usage(FILE *out)
{
	fputs("usage: vans cvss [VECTOR...]\n"
	      "\n"
	      "Scores CVSS v2.0, v3.0, v3.1 and v4.0 vectors given as arguments, or one per line\n"
	      "on standard input when there are none (blank lines are skipped). Prints one\n"
	      "tab-separated line per vector:\n"
	      "  VECTOR  BASE  TEMPORAL  ENVIRONMENTAL  SEVERITY   (v2.0, v3.0, v3.1)\n"
	      "  VECTOR  SCORE  -  -  SEVERITY                     (v4.0)\n"
	      "  VECTOR  error  MESSAGE                            (invalid vector)\n"
	      "Absent temporal and environmental metrics count as Not Defined. The exit status\n"
	      "is 1 when any vector was invalid, 0 otherwise.\n"
	      "\n"
	      "examples:\n"
	      "  vans cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"
	      "  vans cvss 'AV:N/AC:L/Au:N/C:P/I:P/A:P' CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\n"
	      "  vans cvss < vectors.txt\n",
	      out);
}

/* Scores one vector and prints its line; returns 0, or 1 when it is invalid. */
static int score_line(const char *vec, size_t len)
{
	struct cvss c;
	struct cvss_scores s;
	char err[CVSS_ERR_MAX];

	fwrite(vec, 1, len, stdout);
	if (cvss_parse(vec, len, &c, err, sizeof err) != 0) {
		printf("\terror\t%s\n", err);
		return 1;
	}
	cvss_score(&c, &s);
	if (c.version == CVSS_V4_0)
		printf("\t%.1f\t-\t-\t%s\n", s.base, cvss_severity_str(c.version, s.base));
	else
		printf("\t%.1f\t%.1f\t%.1f\t%s\n", s.base, s.temporal, s.environmental,
		       cvss_severity_str(c.version, s.base));
	return 0;
}

static bool is_blank(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] != ' ' && p[i] != '\t')
			return false;
	return true;
}

/* Reads stdin line by line into a fixed buffer; lines over LINE_MAX_BYTES are drained
 * and reported. Returns the exit status. */
static int score_stdin(void)
{
	static char line[LINE_MAX_BYTES];
	int rc = 0;
	for (;;) {
		size_t n = 0;
		bool overlong = false;
		int ch;
		while ((ch = getc_unlocked(stdin)) != EOF && ch != '\n') {
			if (n < sizeof line)
				line[n++] = (char)ch;
			else
				overlong = true;
		}
		if (ch == EOF && n == 0)
			break;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (overlong) {
			printf("%.40s...\terror\tline longer than %d bytes\n", line, LINE_MAX_BYTES);
			rc = 1;
		} else if (!is_blank(line, n) && score_line(line, n) != 0) {
			rc = 1;
		}
		if (ch == EOF)
			break;
	}
	if (ferror(stdin)) {
		perror("vans cvss: reading standard input");
		return 2;
	}
	return rc;
}

int cli_cvss(int argc, char **argv)
{
	int first = 1;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		first = 2;
	} else if (argc > 1 && argv[1][0] == '-') {
		/* no vector starts with '-': this is an option we do not know */
		fprintf(stderr, "vans cvss: unknown option %s\n", argv[1]);
		usage(stderr);
		return 2;
	}

	int rc;
	if (argc > first) {
		rc = 0;
		for (int i = first; i < argc; i++)
			if (score_line(argv[i], strlen(argv[i])) != 0)
				rc = 1;
	} else {
		rc = score_stdin();
	}
	if (fflush(stdout) != 0) {
		perror("vans cvss: writing standard output");
		return 2;
	}
	return rc;
}
