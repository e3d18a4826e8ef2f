/* CVSS benchmark: parses and scores every metaeffekt vector of each CVSS version many times
 * and prints vectors/s, next to the same-run floor of merely walking the same vector bytes.
 * Usage: cvss_bench DATA_DIR [ROUNDS] */
#include "kb/cvss.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_VECTORS 40000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *vectors[MAX_VECTORS];
static size_t lens[MAX_VECTORS];

/* The first whitespace-separated field of each line; v3.0 files omit the prefix. */
static size_t load(const char *path, const char *prefix, size_t n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return n;
	char line[1024];
	while (n < MAX_VECTORS && fgets(line, sizeof line, f)) {
		size_t k = strcspn(line, " \t\r\n");
		if (!k || line[0] == '#')
			continue;
		char *v = malloc(k + 16);
		int need = prefix && strncmp(line, "CVSS:", 5) != 0;
		snprintf(v, k + 16, "%s%.*s", need ? prefix : "", (int)k, line);
		vectors[n] = v;
		lens[n++] = strlen(v);
	}
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/cvss/metaeffekt";
	int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 20;
	static const struct { const char *name, *files[2], *prefix; } sets[] = {
		{ "2.0", { "cvss-2.0-validation-vectors-001.txt", NULL }, NULL },
		{ "3.0", { "cvss-3.0-validation-vectors-001.txt", "cvss-3.0-validation-vectors-002.txt" }, "CVSS:3.0/" },
		{ "3.1", { "cvss-3.1-validation-vectors-001.txt", NULL }, NULL },
		{ "4.0", { "cvss-4.0-validation-vectors-001.txt", "cvss-4.0-validation-vectors-002.txt" }, NULL },
	};
	printf("%-8s %9s %16s %16s %10s\n", "version", "vectors", "floor vectors/s", "score vectors/s", "vs floor");
	for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
		size_t n = 0;
		for (int f = 0; f < 2 && sets[s].files[f]; f++) {
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, sets[s].files[f]);
			n = load(path, sets[s].prefix, n);
		}
		if (!n) {
			printf("%-8s skipped: no vectors under %s\n", sets[s].name, dir);
			continue;
		}
		/* floor: touch every byte of every vector (what any scorer must at least do) */
		volatile unsigned long sink = 0;
		double t0 = now();
		for (int r = 0; r < rounds; r++)
			for (size_t i = 0; i < n; i++)
				for (size_t k = 0; k < lens[i]; k++)
					sink += (unsigned char)vectors[i][k];
		double floor_s = now() - t0;
		size_t bad = 0;
		double sum = 0;
		t0 = now();
		for (int r = 0; r < rounds; r++) {
			for (size_t i = 0; i < n; i++) {
				struct cvss c;
				struct cvss_scores sc;
				char err[CVSS_ERR_MAX];
				if (cvss_parse(vectors[i], lens[i], &c, err, sizeof err) < 0) {
					bad++;
					continue;
				}
				cvss_score(&c, &sc);
				sum += sc.base;
			}
		}
		double score_s = now() - t0;
		double total = (double)n * rounds;
		printf("%-8s %9zu %16.0f %16.0f %9.1fx%s\n", sets[s].name, n, total / floor_s, total / score_s,
		       score_s / floor_s, bad ? "  (some vectors failed to parse!)" : "");
		for (size_t i = 0; i < n; i++)
			free(vectors[i]);
		(void)sum;
	}
	return 0;
}
