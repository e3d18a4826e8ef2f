/* Tests of the CISA KEV reader: the real catalogue's JSON and CSV give the same entries,
 * RFC 4180 quoting, format detection, and errors that name the line and entry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "kb/kev_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* ---- helpers ---- */

static const char *data_dir(void)
{
	const char *d = getenv("VANS_TESTDATA");
	return d && *d ? d : "../shared/data";
}

/* Fills buf with the data file's path, or skips the test when it is absent. */
static void data_path(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", data_dir(), rel);
	if (access(buf, R_OK) != 0) {
		print_message("test data %s absent: skipped\n", buf);
		skip();
	}
}

enum { NF = 11 };

/* An entry copied out of the callback: its pointers die when the callback returns. */
struct copy {
	char *f[NF];         /* cve, vendor, product, name, added, desc, action, due, ransomware, notes, cwes */
	size_t index, line;
	int64_t added_unix;
	int ransomware_known;
};

struct list {
	struct copy *v;
	size_t n, cap;
	size_t stop_at;      /* callback returns 42 at this index; 0 never */
};

static char *join_cwes(const struct kev_entry *e)
{
	size_t len = 1, at = 0;
	for (size_t i = 0; i < e->n_cwes; i++)
		len += strlen(e->cwes[i]) + 1;
	char *s = calloc(1, len);
	for (size_t i = 0; i < e->n_cwes; i++)
		at += (size_t)snprintf(s + at, len - at, "%s%s", i ? "|" : "", e->cwes[i]);
	return s;
}

static int collect(void *ctx, const struct kev_entry *e)
{
	struct list *l = ctx;
	if (l->stop_at && e->index == l->stop_at)
		return 42;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
	}
	struct copy *c = &l->v[l->n++];
	const char *src[NF - 1] = {
		e->cve_id, e->vendor_project, e->product, e->vulnerability_name, e->date_added,
		e->short_description, e->required_action, e->due_date, e->known_ransomware, e->notes,
	};
	for (int i = 0; i < NF - 1; i++)
		c->f[i] = strdup(src[i]);
	c->f[NF - 1] = join_cwes(e);
	c->index = e->index;
	c->line = e->line;
	c->added_unix = e->date_added_unix;
	c->ransomware_known = e->ransomware_known;
	return 0;
}

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int k = 0; k < NF; k++)
			free(l->v[i].f[k]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int read_str(const char *s, enum kev_format fmt, struct list *l, struct kev_catalog *cat,
                    char *err, size_t errlen)
{
	return kev_read_mem("t.in", s, strlen(s), fmt, collect, l, cat, err, errlen);
}

/* ---- the real catalogue ---- */

static void test_kev_json_and_csv_of_the_catalogue_agree_field_by_field(void **state)
{
	(void)state;
	char jpath[512], cpath[512], err[256];
	data_path(jpath, sizeof(jpath), "kev/known_exploited_vulnerabilities.json");
	data_path(cpath, sizeof(cpath), "kev/known_exploited_vulnerabilities.csv");
	struct list j = { 0 }, c = { 0 };
	struct kev_catalog jc, cc;
	assert_int_equal(kev_read_file(jpath, KEV_FORMAT_AUTO, collect, &j, &jc, err, sizeof(err)),
	                 ERR_OK);
	assert_int_equal(kev_read_file(cpath, KEV_FORMAT_AUTO, collect, &c, &cc, err, sizeof(err)),
	                 ERR_OK);
	assert_int_equal(jc.format, KEV_FORMAT_JSON);
	assert_int_equal(cc.format, KEV_FORMAT_CSV);
	assert_string_equal(jc.catalog_version, "2025.08.25");
	assert_string_equal(jc.date_released, "2025-08-25T17:04:19.9796Z");
	assert_true(jc.date_released_unix == 1756141459);
	assert_string_equal(jc.title, "CISA Catalog of Known Exploited Vulnerabilities");
	assert_int_equal(jc.count, 1404);
	assert_int_equal(jc.entries, 1404);
	assert_int_equal(cc.count, -1);           /* the CSV carries no count */
	assert_int_equal(cc.entries, (size_t)jc.count);
	assert_int_equal(j.n, c.n);
	size_t cwe_total = 0, known = 0;
	for (size_t i = 0; i < j.n; i++) {
		for (int k = 0; k < NF; k++)
			if (strcmp(j.v[i].f[k], c.v[i].f[k]) != 0)
				fail_msg("entry %zu (%s) field %d differs: JSON \"%.60s\" CSV \"%.60s\"", i + 1,
				         j.v[i].f[0], k, j.v[i].f[k], c.v[i].f[k]);
		assert_int_equal(j.v[i].index, i + 1);
		assert_int_equal(c.v[i].line, i + 2);     /* no embedded newlines in this CSV */
		cwe_total += j.v[i].f[NF - 1][0] ? 1 : 0;
		known += (size_t)j.v[i].ransomware_known;
	}
	/* the first entry, as CISA wrote it */
	assert_string_equal(j.v[0].f[0], "CVE-2025-48384");
	assert_string_equal(j.v[0].f[1], "Git");
	assert_string_equal(j.v[0].f[4], "2025-08-25");
	assert_string_equal(j.v[0].f[7], "2025-09-15");
	assert_string_equal(j.v[0].f[10], "CWE-59|CWE-436");   /* the CSV's "CWE-59, CWE-436" */
	assert_true(j.v[0].added_unix == 1756080000);
	assert_int_equal(j.v[0].line, 7);
	/* \u2019 in the JSON and the raw UTF-8 in the CSV are the same text */
	assert_non_null(strstr(j.v[0].f[5], "Git\xe2\x80\x99s inconsistent"));
	assert_int_equal(known, 293);
	assert_int_equal(cwe_total, 1404 - 152);                /* 152 entries list no CWE */
	list_free(&j);
	list_free(&c);
}

static void test_kev_january_copy_reads_and_diffs_against_august(void **state)
{
	(void)state;
	char jan[512], aug[512], err[256];
	data_path(jan, sizeof(jan), "kev/history/known_exploited_vulnerabilities.2025-01-27.json");
	data_path(aug, sizeof(aug), "kev/known_exploited_vulnerabilities.json");
	struct list a = { 0 }, b = { 0 };
	struct kev_catalog ca, cb;
	assert_int_equal(kev_read_file(jan, KEV_FORMAT_AUTO, collect, &a, &ca, err, sizeof(err)), 0);
	assert_int_equal(kev_read_file(aug, KEV_FORMAT_AUTO, collect, &b, &cb, err, sizeof(err)), 0);
	assert_string_equal(ca.catalog_version, "2025.01.24");
	assert_int_equal(ca.count, 1252);
	assert_int_equal(a.n, 1252);
	/* "newly exploited since the last run": August entries absent in January */
	size_t added = 0, flipped = 0;
	for (size_t i = 0; i < b.n; i++) {
		const struct copy *o = NULL;
		for (size_t k = 0; k < a.n && !o; k++)
			if (strcmp(a.v[k].f[0], b.v[i].f[0]) == 0)
				o = &a.v[k];
		if (!o)
			added++;
		else if (strcmp(o->f[8], b.v[i].f[8]) != 0)
			flipped++;
	}
	assert_int_equal(added, 1404 - 1252);   /* nothing was removed from the catalogue */
	assert_int_equal(flipped, 35);          /* ransomware use Unknown -> Known */
	list_free(&a);
	list_free(&b);
}

/* ---- CSV ---- */

static void test_kev_csv_quoting_newlines_and_column_order(void **state)
{
	(void)state;
	/* columns out of order, an extra column, CRLF, a BOM, quotes doubled, a newline inside
	 * a quoted field, an empty last field */
	const char *csv =
		"\xEF\xBB\xBF" "dueDate,cveID,extra,vendorProject,product,vulnerabilityName,dateAdded,"
		"shortDescription,requiredAction,knownRansomwareCampaignUse,notes,cwes\r\n"
		"2025-09-15,CVE-2025-0001,x,Acme,\"Widget, Pro\",\"Acme \"\"Widget\"\" RCE\","
		"2025-08-25,\"line one\r\nline two\",Patch.,Known,,\"CWE-79, CWE-89\"\r\n"
		"2025-09-16,CVE-2025-0002,y,Acme,Gadget,Gadget SQLi,2025-08-26,Short.,Patch.,"
		"Unknown,https://example.com/a ; https://example.com/b,\r\n";
	struct list l = { 0 };
	struct kev_catalog cat;
	char err[256];
	assert_int_equal(read_str(csv, KEV_FORMAT_AUTO, &l, &cat, err, sizeof(err)), ERR_OK);
	assert_int_equal(cat.format, KEV_FORMAT_CSV);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].f[0], "CVE-2025-0001");
	assert_string_equal(l.v[0].f[2], "Widget, Pro");
	assert_string_equal(l.v[0].f[3], "Acme \"Widget\" RCE");
	assert_string_equal(l.v[0].f[5], "line one\r\nline two");
	assert_string_equal(l.v[0].f[9], "");
	assert_string_equal(l.v[0].f[10], "CWE-79|CWE-89");
	assert_int_equal(l.v[0].ransomware_known, 1);
	assert_int_equal(l.v[0].line, 2);
	assert_int_equal(l.v[1].line, 4);        /* the embedded newline moved it down one */
	assert_string_equal(l.v[1].f[10], "");
	assert_string_equal(l.v[1].f[9], "https://example.com/a ; https://example.com/b");
	list_free(&l);
}

static void test_kev_csv_without_final_newline_and_optional_columns(void **state)
{
	(void)state;
	/* notes, cwes and knownRansomwareCampaignUse columns are optional (older catalogues) */
	const char *csv = "cveID,vendorProject,product,vulnerabilityName,dateAdded,"
	                  "shortDescription,requiredAction,dueDate\n\n"
	                  "CVE-2021-44228,Apache,Log4j2,Apache Log4j2 RCE,2021-12-10,"
	                  "JNDI lookups.,Apply updates.,2021-12-24";
	struct list l = { 0 };
	char err[256];
	assert_int_equal(read_str(csv, KEV_FORMAT_AUTO, &l, NULL, err, sizeof(err)), ERR_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].f[7], "2021-12-24");
	assert_string_equal(l.v[0].f[8], "");
	assert_int_equal(l.v[0].ransomware_known, 0);
	assert_int_equal(l.v[0].line, 3);
	list_free(&l);
	/* old Mac line ends: a lone CR ends a record and a line */
	const char *cr = "cveID,vendorProject,product,vulnerabilityName,dateAdded,"
	                 "shortDescription,requiredAction,dueDate\r\r"
	                 "CVE-2021-44228,Apache,Log4j2,Apache Log4j2 RCE,2021-12-10,"
	                 "JNDI lookups.,Apply updates.,2021-12-24\r"
	                 "CVE-2021-45046,Apache,Log4j2,Apache Log4j2 RCE,2021-12-10,"
	                 "JNDI lookups.,Apply updates.,2021-12-24\r";
	assert_int_equal(read_str(cr, KEV_FORMAT_AUTO, &l, NULL, err, sizeof(err)), ERR_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[1].line, 4);
	assert_string_equal(l.v[1].f[0], "CVE-2021-45046");
	list_free(&l);
}

struct bad {
	const char *input;
	int code;
	const char *msg;     /* a substring the error must contain */
};

static void check_bad(const struct bad *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct list l = { 0 };
		char err[256];
		int rc = read_str(cases[i].input, KEV_FORMAT_AUTO, &l, NULL, err, sizeof(err));
		if (rc != cases[i].code || !strstr(err, cases[i].msg))
			fail_msg("case %zu: rc %d, error \"%s\"; wanted %d and \"%s\"", i, rc, err,
			         cases[i].code, cases[i].msg);
		list_free(&l);
	}
}

#define HDR "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription," \
            "requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes\n"
#define ROW(cve, added, due, cwes) cve ",V,P,N," added ",D,A," due ",Unknown,," cwes "\n"

static void test_kev_csv_errors_name_the_line(void **state)
{
	(void)state;
	static const struct bad cases[] = {
		{ HDR ROW("CVE-2025-0001", "2025-01-01", "2025-01-22", "") "CVE-2025-0002,\"open",
		  ERR_INVALID, "t.in:3: quoted field never closed" },
		{ HDR ROW("CVE-2025-0001", "2025-01-01", "2025-01-22", "") "CVE-2025-0002,V\n",
		  ERR_INVALID, "t.in:3: 2 fields where the header has 11" },
		{ HDR ROW("CVE-25-1", "2025-01-01", "2025-01-22", ""), ERR_INVALID,
		  "t.in:2: entry 1: cveID \"CVE-25-1\"" },
		{ HDR ROW("CVE-2025-0001", "2025-02-30", "2025-01-22", ""), ERR_INVALID,
		  "t.in:2: entry 1 (CVE-2025-0001): dateAdded \"2025-02-30\"" },
		{ HDR ROW("CVE-2025-0001", "2025-01-01", "22/01/2025", ""), ERR_INVALID, "dueDate" },
		{ HDR ROW("CVE-2025-0001", "2025-01-01", "2025-01-22", "\"CWE-79, XSS\""), ERR_INVALID,
		  "t.in:2: entry 1: cwes: \"XSS\"" },
		{ HDR "\"CVE-2025-0001\"x,V,P,N,2025-01-01,D,A,2025-01-22,Unknown,,\n", ERR_INVALID,
		  "t.in:2: 'x' after the closing quote" },
		{ "cveID,vendorProject,product\nCVE-2025-0001,V,P\n", ERR_INVALID,
		  "t.in:1: no vulnerabilityName column" },
		{ "cveID,cveID,vendorProject\n", ERR_INVALID, "column cveID appears twice" },
		{ "", ERR_INVALID, "no header line" },
	};
	check_bad(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_kev_csv_field_cap(void **state)
{
	(void)state;
	size_t big = KEV_MAX_FIELD + 10;
	const char *head = HDR "CVE-2025-0001,";
	size_t n = strlen(head);
	char *s = malloc(n + big + 4);
	memcpy(s, head, n);
	memset(s + n, 'A', big);
	memcpy(s + n + big, ",P\n", 4);
	struct list l = { 0 };
	char err[256];
	assert_int_equal(read_str(s, KEV_FORMAT_CSV, &l, NULL, err, sizeof(err)), ERR_TOO_LARGE);
	assert_non_null(strstr(err, "t.in:2: field 2 longer than"));
	free(s);
}

static void test_kev_csv_nul_byte_is_an_error(void **state)
{
	(void)state;
	static const char csv[] = HDR "CVE-2025-0001,V\0,P\n";
	struct list l = { 0 };
	char err[256];
	assert_int_equal(kev_read_mem("t.in", csv, sizeof(csv) - 1, KEV_FORMAT_AUTO, collect, &l,
	                              NULL, err, sizeof(err)), ERR_INVALID);
	assert_non_null(strstr(err, "t.in:2: NUL byte in field 2"));
}

/* ---- JSON ---- */

#define JENTRY(cve) "{\"cveID\":\"" cve "\",\"vendorProject\":\"V\",\"product\":\"P\"," \
	"\"vulnerabilityName\":\"N\",\"dateAdded\":\"2025-01-01\",\"shortDescription\":\"D\"," \
	"\"requiredAction\":\"A\",\"dueDate\":\"2025-01-22\",\"knownRansomwareCampaignUse\":\"Known\"," \
	"\"notes\":\"\",\"cwes\":[\"CWE-20\"]}"

static void test_kev_json_unknown_keys_skipped_and_nulls_absent(void **state)
{
	(void)state;
	const char *json =
		"\n  {\"future\":{\"a\":[1,{\"b\":null}]},\"count\":2,\"vulnerabilities\":[\n"
		JENTRY("CVE-2025-0001") ",\n"
		"{\"cveID\":\"CVE-2025-0002\",\"vendorProject\":\"V\",\"product\":\"P\","
		"\"vulnerabilityName\":\"N\",\"dateAdded\":\"2025-01-01\",\"shortDescription\":\"D\","
		"\"requiredAction\":\"A\",\"dueDate\":\"2025-01-22\",\"notes\":null,\"x\":[[{}]],"
		"\"cwes\":[]}],\"catalogVersion\":\"9.9\"}";
	struct list l = { 0 };
	struct kev_catalog cat;
	char err[256];
	assert_int_equal(read_str(json, KEV_FORMAT_AUTO, &l, &cat, err, sizeof(err)), ERR_OK);
	assert_int_equal(cat.format, KEV_FORMAT_JSON);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].line, 3);
	assert_int_equal(l.v[1].line, 4);
	assert_string_equal(l.v[0].f[10], "CWE-20");
	assert_string_equal(l.v[1].f[9], "");          /* null notes */
	assert_string_equal(l.v[1].f[8], "");          /* no ransomware key */
	assert_string_equal(cat.catalog_version, "9.9"); /* after the array: still read */
	list_free(&l);
}

static void test_kev_json_errors_name_the_line_and_entry(void **state)
{
	(void)state;
	static const struct bad cases[] = {
		{ "{\"vulnerabilities\":[\n" JENTRY("CVE-2025-0001") ",\n{\"cveID\":5}]}", ERR_INVALID,
		  "t.in:3: entry 2: cveID: unexpected number" },
		{ "{\"vulnerabilities\":[\n" JENTRY("CVE-2025-0001") ",\n{\"cveID\":\"CVE-2025-0002\"}]}",
		  ERR_INVALID, "t.in:3: entry 2: vendorProject is missing" },
		{ "{\"vulnerabilities\":[\n" JENTRY("CVE-2025-0001") "\n,,]}", ERR_INVALID, "t.in:3: " },
		{ "{\"count\":3,\"vulnerabilities\":[" JENTRY("CVE-2025-0001") "]}", ERR_INVALID,
		  "count says 3 but 1 entries were read" },
		{ "{\"vulnerabilities\":[{\"cveID\":\"CVE-2025-0001\",\"cveID\":\"CVE-2025-0002\"}]}",
		  ERR_INVALID, "duplicate key cveID" },
		{ "{\"vulnerabilities\":[" JENTRY("CVE-2025-0001") "]", ERR_INVALID, "truncated JSON" },
		{ "{\"title\":\"t\"}", ERR_INVALID, "no \"vulnerabilities\" array" },
		{ "[1,2]", ERR_INVALID, "unexpected array" },
		{ "{\"vulnerabilities\":[\"CVE-2025-0001\"]}", ERR_INVALID, "unexpected string" },
		{ "{\"vulnerabilities\":[{\"cwes\":[\"CWE-79\",7]}]}", ERR_INVALID,
		  "entry 1: cwes: unexpected number (want strings)" },
		{ "{\"x\":" "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]"
		  "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],"
		  "\"vulnerabilities\":[]}", ERR_TOO_LARGE, "nesting deeper than 64" },
	};
	check_bad(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_kev_callback_value_stops_the_reader(void **state)
{
	(void)state;
	char path[512], err[256];
	data_path(path, sizeof(path), "kev/known_exploited_vulnerabilities.csv");
	struct list l = { .stop_at = 3 };
	struct kev_catalog cat;
	assert_int_equal(kev_read_file(path, KEV_FORMAT_AUTO, collect, &l, &cat, err, sizeof(err)), 42);
	assert_int_equal(l.n, 2);
	assert_int_equal(cat.entries, 2);
	assert_non_null(strstr(err, "stopped by the caller at entry 3 (CVE-2024-8069)"));
	list_free(&l);
}

static void test_kev_reads_gzip_and_forced_format(void **state)
{
	(void)state;
	char tmp[] = "/tmp/vans-kev-XXXXXX";
	int fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	const char *json = "{\"count\":1,\"vulnerabilities\":[" JENTRY("CVE-2025-0001") "]}";
	gzFile gz = gzopen(tmp, "wb");
	gzputs(gz, json);
	gzclose(gz);
	struct list l = { 0 };
	struct kev_catalog cat;
	char err[256];
	assert_int_equal(kev_read_file(tmp, KEV_FORMAT_AUTO, collect, &l, &cat, err, sizeof(err)), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(cat.format, KEV_FORMAT_JSON);
	list_free(&l);
	/* the same bytes forced to CSV: broken quoting on line 1, no entries */
	assert_int_equal(kev_read_file(tmp, KEV_FORMAT_CSV, collect, &l, &cat, err, sizeof(err)),
	                 ERR_INVALID);
	assert_int_equal(cat.format, KEV_FORMAT_CSV);
	assert_non_null(strstr(err, ":1: "));
	assert_int_equal(l.n, 0);
	list_free(&l);
	unlink(tmp);
	assert_int_equal(kev_read_file(tmp, KEV_FORMAT_AUTO, collect, &l, NULL, err, sizeof(err)),
	                 ERR_IO);
	assert_non_null(strstr(err, "cannot open"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kev_json_and_csv_of_the_catalogue_agree_field_by_field),
		cmocka_unit_test(test_kev_january_copy_reads_and_diffs_against_august),
		cmocka_unit_test(test_kev_csv_quoting_newlines_and_column_order),
		cmocka_unit_test(test_kev_csv_without_final_newline_and_optional_columns),
		cmocka_unit_test(test_kev_csv_errors_name_the_line),
		cmocka_unit_test(test_kev_csv_field_cap),
		cmocka_unit_test(test_kev_csv_nul_byte_is_an_error),
		cmocka_unit_test(test_kev_json_unknown_keys_skipped_and_nulls_absent),
		cmocka_unit_test(test_kev_json_errors_name_the_line_and_entry),
		cmocka_unit_test(test_kev_callback_value_stops_the_reader),
		cmocka_unit_test(test_kev_reads_gzip_and_forced_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
