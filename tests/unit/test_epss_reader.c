/* Tests of the FIRST EPSS reader on hand-written files in FIRST's daily format (plain
 * and gzipped): the model/score-date line, columns by name, 0..1 checks, errors by line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "kb/epss_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* The shape of epss_scores-2025-08-25.csv: a comment line, the header, then one row per
 * CVE with five significant digits. */
static const char daily[] =
	"#model_version:v2025.03.14,score_date:2025-08-25T00:00:00Z\n"
	"cve,epss,percentile\n"
	"CVE-1999-0001,0.01124,0.77655\n"
	"CVE-2014-0160,0.94469,0.99970\n"
	"CVE-2021-44228,0.94358,0.99955\n"
	"CVE-2023-4863,0.3521,0.97127\n"
	"CVE-2024-3094,0.83918,0.99243\n"
	"CVE-2025-48384,0.00221,0.44741\n"
	"CVE-2025-54988,0.00041,0.10326\n"
	"CVE-2025-1000000,1,1\n"
	"CVE-2025-9999999,0,0\n";

struct row {
	char cve[32];
	double epss, pct;
	size_t line;
};

struct rows {
	struct row v[64];
	size_t n;
	size_t stop_at;      /* the callback returns 7 on this row (1-based); 0 never */
};

static int collect(void *ctx, const struct epss_score *s)
{
	struct rows *r = ctx;
	if (r->stop_at && r->n + 1 == r->stop_at)
		return 7;
	if (r->n == 64)
		return ERR_TOO_LARGE;
	struct row *o = &r->v[r->n++];
	snprintf(o->cve, sizeof(o->cve), "%s", s->cve_id);
	o->epss = s->epss;
	o->pct = s->percentile;
	o->line = s->line;
	return 0;
}

static int read_str(const char *s, struct rows *r, struct epss_meta *m, char *err, size_t n)
{
	return epss_read_mem("epss.csv", s, strlen(s), collect, r, m, err, n);
}

static void check_daily(const struct rows *r, const struct epss_meta *m)
{
	assert_string_equal(m->model_version, "v2025.03.14");
	assert_string_equal(m->score_date, "2025-08-25T00:00:00Z");
	assert_true(m->score_date_unix == 1756080000);
	assert_true(m->has_percentile);
	assert_int_equal(m->rows, 9);
	assert_int_equal(r->n, 9);
	assert_string_equal(r->v[2].cve, "CVE-2021-44228");
	/* parsed values are the nearest doubles, the same as the compiler's literals */
	assert_true(r->v[2].epss == 0.94358);
	assert_true(r->v[2].pct == 0.99955);
	assert_true(r->v[3].epss == 0.3521);
	assert_true(r->v[6].epss == 0.00041);
	assert_true(r->v[7].epss == 1.0 && r->v[8].epss == 0.0);
	assert_int_equal(r->v[0].line, 3);
	assert_int_equal(r->v[8].line, 11);
}

static void test_epss_reads_the_daily_csv(void **state)
{
	(void)state;
	struct rows r = { 0 };
	struct epss_meta m;
	char err[256];
	assert_int_equal(read_str(daily, &r, &m, err, sizeof(err)), ERR_OK);
	check_daily(&r, &m);
}

static size_t gzip_mem(const char *in, size_t inlen, unsigned char *out, size_t outcap)
{
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)(uintptr_t)in;
	zs.avail_in = (uInt)inlen;
	zs.next_out = out;
	zs.avail_out = (uInt)outcap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	size_t n = outcap - zs.avail_out;
	deflateEnd(&zs);
	return n;
}

static void test_epss_reads_gzip_in_memory_and_from_a_file(void **state)
{
	(void)state;
	unsigned char gz[4096];
	size_t n = gzip_mem(daily, strlen(daily), gz, sizeof(gz));
	struct rows r = { 0 };
	struct epss_meta m;
	char err[256];
	assert_int_equal(epss_read_mem("epss.csv.gz", gz, n, collect, &r, &m, err, sizeof(err)), 0);
	check_daily(&r, &m);

	/* two gzip members back to back (what `cat a.gz b.gz` makes) read as one file */
	const char *split = strstr(daily, "CVE-2023-4863");
	unsigned char two[8192];
	size_t n1 = gzip_mem(daily, (size_t)(split - daily), two, sizeof(two));
	size_t n2 = gzip_mem(split, strlen(split), two + n1, sizeof(two) - n1);
	memset(&r, 0, sizeof(r));
	assert_int_equal(epss_read_mem("two.gz", two, n1 + n2, collect, &r, &m, err, sizeof(err)), 0);
	check_daily(&r, &m);

	/* a truncated download is an error, not a short file */
	memset(&r, 0, sizeof(r));
	assert_int_equal(epss_read_mem("cut.gz", gz, n - 12, collect, &r, &m, err, sizeof(err)), ERR_IO);
	assert_non_null(strstr(err, "cut.gz:"));

	char tmp[] = "/tmp/vans-epss-XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	gzFile f = gzopen(tmp, "wb");
	gzwrite(f, daily, (unsigned)strlen(daily));
	gzclose(f);
	memset(&r, 0, sizeof(r));
	assert_int_equal(epss_read_file(tmp, collect, &r, &m, err, sizeof(err)), 0);
	check_daily(&r, &m);
	/* the same file uncompressed: the packaging is told by magic bytes, not the name */
	FILE *p = fopen(tmp, "wb");
	fputs(daily, p);
	fclose(p);
	memset(&r, 0, sizeof(r));
	assert_int_equal(epss_read_file(tmp, collect, &r, &m, err, sizeof(err)), 0);
	check_daily(&r, &m);
	unlink(tmp);
	assert_int_equal(epss_read_file(tmp, collect, &r, &m, err, sizeof(err)), ERR_IO);
}

static void test_epss_older_layouts_and_line_endings(void **state)
{
	(void)state;
	struct rows r = { 0 };
	struct epss_meta m;
	char err[256];
	/* 2023-2024 files wrote the offset as +0000, and CRLF endings appear after Windows tools */
	const char *v3 = "#model_version:v2023.03.01,score_date:2024-04-01T00:00:00+0000\r\n"
	                 "cve,epss,percentile\r\n"
	                 "CVE-2024-0001,0.00043,0.08\r\n";
	assert_int_equal(read_str(v3, &r, &m, err, sizeof(err)), 0);
	assert_string_equal(m.score_date, "2024-04-01T00:00:00+0000");
	assert_true(m.score_date_unix == 1711929600);
	assert_true(r.v[0].pct == 0.08);
	/* no comment line, no percentile column, columns reordered, quotes, no final newline */
	memset(&r, 0, sizeof(r));
	assert_int_equal(read_str("epss,cve\n\"0.5\",\"CVE-2021-0001\"\n1e-05,CVE-2021-0002", &r, &m,
	                          err, sizeof(err)), 0);
	assert_int_equal(r.n, 2);
	assert_false(m.has_percentile);
	assert_true(m.score_date_unix == -1);
	assert_string_equal(m.model_version, "");
	assert_true(r.v[0].epss == 0.5 && r.v[0].pct == -1);
	assert_true(r.v[1].epss == 1e-05);
	assert_string_equal(r.v[1].cve, "CVE-2021-0002");
	assert_int_equal(r.v[1].line, 3);
}

struct bad {
	const char *input;
	int code;
	const char *msg;
};

static void test_epss_errors_name_the_line(void **state)
{
	(void)state;
	static const struct bad cases[] = {
		{ "cve,epss,percentile\nCVE-2024-0001,1.2,0.5\n", ERR_INVALID,
		  "epss.csv:2: CVE-2024-0001: epss \"1.2\" is not a number in 0..1" },
		{ "cve,epss,percentile\nCVE-2024-0001,0.1,0.5\nCVE-2024-0002,-0.1,0.5\n", ERR_INVALID,
		  "epss.csv:3: CVE-2024-0002: epss \"-0.1\"" },
		{ "cve,epss,percentile\nCVE-2024-0001,nan,0.5\n", ERR_INVALID, "epss.csv:2:" },
		{ "cve,epss,percentile\nCVE-2024-0001,0x1p-2,0.5\n", ERR_INVALID, "epss.csv:2:" },
		{ "cve,epss,percentile\nCVE-2024-0001,0.1,1.0001\n", ERR_INVALID,
		  "epss.csv:2: CVE-2024-0001: percentile \"1.0001\"" },
		{ "cve,epss,percentile\nCVE-2024-0001,0.1,\n", ERR_INVALID, "percentile \"\"" },
		{ "cve,epss,percentile\n\nCVE-24-1,0.1,0.2\n", ERR_INVALID,
		  "epss.csv:3: \"CVE-24-1\" is not a CVE id" },
		{ "cve,epss,percentile\nCVE-2024-0001,0.1\n", ERR_INVALID,
		  "epss.csv:2: 2 columns where the header has 3" },
		{ "#model_version:v1\ncve,score\nCVE-2024-0001,0.1\n", ERR_INVALID,
		  "epss.csv:2: header has no epss column" },
		{ "#score_date:yesterday\ncve,epss\n", ERR_INVALID, "epss.csv:1: score_date \"yesterday\"" },
		{ "#model_version:v1\n", ERR_INVALID, "no header line" },
		{ "cve,epss,percentile\nCVE-2024-0001,0.1,0.2\n#late comment\n", ERR_INVALID,
		  "epss.csv:3:" },
		{ "cve,epss,epss\n", ERR_INVALID, "column \"epss\" appears twice" },
		{ "cve,epss,percentile\nCVE-2024-0001,0.123456789012345678,0.2\n", ERR_INVALID,
		  "epss.csv:2:" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rows r = { 0 };
		char err[256];
		int rc = read_str(cases[i].input, &r, NULL, err, sizeof(err));
		if (rc != cases[i].code || !strstr(err, cases[i].msg))
			fail_msg("case %zu: rc %d, error \"%s\"; wanted %d and \"%s\"", i, rc, err,
			         cases[i].code, cases[i].msg);
	}
}

static void test_epss_line_cap_and_nul(void **state)
{
	(void)state;
	char big[EPSS_MAX_LINE + 64];
	int n = snprintf(big, sizeof(big), "cve,epss,percentile\nCVE-2024-0001,0.");
	memset(big + n, '1', sizeof(big) - (size_t)n - 1);
	big[sizeof(big) - 1] = '\0';
	struct rows r = { 0 };
	char err[256];
	assert_int_equal(read_str(big, &r, NULL, err, sizeof(err)), ERR_TOO_LARGE);
	assert_non_null(strstr(err, "epss.csv:2: line longer than"));
	static const char nul[] = "cve,epss,percentile\nCVE-2024-0001,0.1\0,0.2\n";
	assert_int_equal(epss_read_mem("n.csv", nul, sizeof(nul) - 1, collect, &r, NULL, err,
	                               sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "n.csv:2: NUL byte"));
}

static void test_epss_callback_value_stops_the_reader(void **state)
{
	(void)state;
	struct rows r = { .stop_at = 4 };
	struct epss_meta m;
	char err[256];
	assert_int_equal(read_str(daily, &r, &m, err, sizeof(err)), 7);
	assert_int_equal(r.n, 3);
	assert_int_equal(m.rows, 3);
	assert_non_null(strstr(err, "epss.csv:6: stopped by the caller at CVE-2023-4863"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epss_reads_the_daily_csv),
		cmocka_unit_test(test_epss_reads_gzip_in_memory_and_from_a_file),
		cmocka_unit_test(test_epss_older_layouts_and_line_endings),
		cmocka_unit_test(test_epss_errors_name_the_line),
		cmocka_unit_test(test_epss_line_cap_and_nul),
		cmocka_unit_test(test_epss_callback_value_stops_the_reader),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
