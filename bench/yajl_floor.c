/* Benchmark floor for feed import: parses the same feed files with yajl and no-op callbacks
 * (after the same decompression), so `make bench` can show import time as a multiple of
 * the bare parse. Prints "files bytes seconds". */
#include "kb/feed_input.h"

#include <stdio.h>
#include <time.h>
#include <yajl/yajl_parse.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	static const yajl_callbacks none = { 0 };
	unsigned long long bytes = 0;
	double t0 = now();
	for (int i = 1; i < argc; i++) {
		struct feed_input *in;
		char err[512];
		if (feed_input_open_file(argv[i], 0, &in, err, sizeof err) != ERR_OK) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		yajl_handle h = yajl_alloc(&none, NULL, NULL);
		const unsigned char *data;
		size_t len;
		while (feed_input_read(in, &data, &len) == ERR_OK && len) {
			if (yajl_parse(h, data, len) != yajl_status_ok) {
				fprintf(stderr, "%s: parse error\n", argv[i]);
				return 1;
			}
			bytes += len;
		}
		yajl_complete_parse(h);
		yajl_free(h);
		feed_input_close(in);
	}
	printf("%d %llu %.3f\n", argc - 1, bytes, now() - t0);
	return 0;
}
