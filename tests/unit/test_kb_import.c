/* Unit tests of the NVD import on a real SQLite file: new, unchanged, newer and older
 * records, rejected records, all-or-nothing on a malformed file, a "running on"
 * configuration read back intact, and the real 2002 feed when the test data is present. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kb/cve_record.h"
#include "kb/import.h"
#include "store/db.h"

struct fixture {
	char dir[64];
	char db_path[96];
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/vans-kb-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db_path, sizeof f->db_path, "%s/kb.db", f->dir);
	char err[256];
	int applied;
	f->db = db_open(f->db_path, err, sizeof err);
	if (!f->db || db_migrate(f->db, &applied, err, sizeof err) != ERR_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "%s/kb.db", f->dir);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s/kb.db-wal", f->dir);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s/kb.db-shm", f->dir);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s/feed.json", f->dir);
	unlink(cmd);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* One API 2.0 feed with the CVEs given as JSON objects. */
static const char *write_feed(struct fixture *f, const char *vulnerabilities)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/feed.json", f->dir);
	FILE *fp = fopen(path, "w");
	fprintf(fp, "{\"resultsPerPage\":1,\"startIndex\":0,\"totalResults\":1,\"format\":\"NVD_CVE\","
		    "\"version\":\"2.0\",\"timestamp\":\"2026-01-01T00:00:00.000\",\"vulnerabilities\":[%s]}",
		vulnerabilities);
	fclose(fp);
	return path;
}

#define LOG4J(modified, extra)                                                                                     \
	"{\"cve\":{\"id\":\"CVE-2021-44228\",\"sourceIdentifier\":\"security@apache.org\","                        \
	"\"published\":\"2021-12-10T10:15:09.143\",\"lastModified\":\"" modified "\",\"vulnStatus\":\"Analyzed\","   \
	"\"descriptions\":[{\"lang\":\"en\",\"value\":\"Apache Log4j2 JNDI features" extra "\"}],"                  \
	"\"metrics\":{\"cvssMetricV31\":[{\"source\":\"nvd@nist.gov\",\"type\":\"Primary\",\"cvssData\":{"           \
	"\"version\":\"3.1\",\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\",\"baseScore\":10.0,"    \
	"\"baseSeverity\":\"CRITICAL\"},\"exploitabilityScore\":3.9,\"impactScore\":6.0}]},"                        \
	"\"weaknesses\":[{\"source\":\"nvd@nist.gov\",\"type\":\"Primary\",\"description\":[{\"lang\":\"en\","      \
	"\"value\":\"CWE-502\"}]}],"                                                                                \
	"\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":[{\"vulnerable\":true," \
	"\"criteria\":\"cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*\",\"versionStartIncluding\":\"2.0-beta9\","           \
	"\"versionEndExcluding\":\"2.15.0\",\"matchCriteriaId\":\"03FA5E81-F9C0-403E-8A0D-3D7E2F3A2B1C\"}]}]},"      \
	"{\"operator\":\"AND\",\"nodes\":[{\"operator\":\"OR\",\"cpeMatch\":[{\"vulnerable\":true,"                  \
	"\"criteria\":\"cpe:2.3:a:siemens:sppa-t3000_ses3000_firmware:*:*:*:*:*:*:*:*\"}]},{\"operator\":\"OR\","   \
	"\"cpeMatch\":[{\"vulnerable\":false,\"criteria\":\"cpe:2.3:h:siemens:sppa-t3000_ses3000:-:*:*:*:*:*:*:*\"}]}]}]," \
	"\"references\":[{\"url\":\"https://logging.apache.org/log4j/2.x/security.html\",\"source\":\"security@apache.org\"," \
	"\"tags\":[\"Release Notes\",\"Vendor Advisory\"]}]}}"

#define REJECTED                                                                                                   \
	"{\"cve\":{\"id\":\"CVE-2021-0001\",\"published\":\"2021-01-01T00:00:00.000\","                             \
	"\"lastModified\":\"2021-01-02T00:00:00.000\",\"vulnStatus\":\"Rejected\",\"descriptions\":[{\"lang\":\"en\"," \
	"\"value\":\"Rejected reason: duplicate.\"}],\"metrics\":{},\"references\":[]}}"

static void import(struct fixture *f, const char *path, struct kb_import_stats *st, enum err want)
{
	char err[512] = "";
	memset(st, 0, sizeof *st);
	enum err e = kb_import_nvd_file(f->db, path, st, NULL, NULL, err, sizeof err);
	if (e != want)
		fail_msg("import gave %s (%s), wanted %s", err_str(e), err, err_str(want));
}

static void a_new_record_is_stored_and_reads_back_whole(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st;
	import(f, write_feed(f, LOG4J("2023-04-03T20:15:08.107", "") "," REJECTED), &st, ERR_OK);
	assert_int_equal(st.new_records, 2);
	assert_int_equal(st.rejected, 1);
	assert_true(st.change_seq > 0);

	struct arena a;
	arena_init(&a, 0);
	struct val *v;
	assert_int_equal(kb_cve_load(f->db, &a, "CVE-2021-44228", &v), ERR_OK);
	struct val *cvss = val_get(v, "cvss");
	assert_string_equal(val_string(val_get(cvss, "severity")), "CRITICAL");
	assert_true(val_get(cvss, "score")->u.d == 10.0);
	assert_string_equal(val_string(val_get(val_get(v, "weaknesses")->u.a.items[0], "cwe")), "CWE-502");
	struct val *tags = val_get(val_get(v, "references")->u.a.items[0], "tags");
	assert_int_equal(tags->u.a.n, 2);
	assert_string_equal(val_string(tags->u.a.items[1]), "Vendor Advisory");

	struct val *configs = val_get(v, "configurations");
	assert_int_equal(configs->u.a.n, 2);
	struct val *m = val_get(val_get(configs->u.a.items[0], "nodes")->u.a.items[0], "cpeMatch")->u.a.items[0];
	assert_string_equal(val_string(val_get(m, "versionStartIncluding")), "2.0-beta9");
	assert_string_equal(val_string(val_get(m, "versionEndExcluding")), "2.15.0");
	struct val *running_on = configs->u.a.items[1];
	assert_string_equal(val_string(val_get(running_on, "operator")), "AND");
	assert_int_equal(val_get(running_on, "nodes")->u.a.n, 2);
	struct val *hw = val_get(val_get(running_on, "nodes")->u.a.items[1], "cpeMatch")->u.a.items[0];
	assert_false(val_get(hw, "vulnerable")->u.b);

	assert_int_equal(kb_cve_load(f->db, &a, "CVE-2021-0001", &v), ERR_OK);
	assert_true(val_get(v, "rejected")->u.b);
	assert_int_equal(kb_cve_load(f->db, &a, "CVE-1999-9999", &v), ERR_NOT_FOUND);
	arena_free(&a);
}

static void reimporting_changes_nothing_and_newer_replaces_older(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st;
	import(f, write_feed(f, LOG4J("2023-04-03T20:15:08.107", "")), &st, ERR_OK);
	int64_t first_seq = st.change_seq;
	import(f, write_feed(f, LOG4J("2023-04-03T20:15:08.107", "")), &st, ERR_OK);
	assert_int_equal(st.unchanged, 1);
	assert_int_equal(st.new_records + st.updated, 0);
	assert_int_equal(st.change_seq, 0);

	import(f, write_feed(f, LOG4J("2024-01-01T00:00:00.000", " (updated)")), &st, ERR_OK);
	assert_int_equal(st.updated, 1);
	assert_true(st.change_seq > first_seq);
	struct arena a;
	arena_init(&a, 0);
	struct val *v;
	assert_int_equal(kb_cve_load(f->db, &a, "CVE-2021-44228", &v), ERR_OK);
	assert_non_null(strstr(val_string(val_get(v, "description")), "(updated)"));
	assert_int_equal(val_get(v, "configurations")->u.a.n, 2);   /* replaced, not doubled */
	assert_int_equal(val_get(v, "references")->u.a.n, 1);

	import(f, write_feed(f, LOG4J("2022-01-01T00:00:00.000", " (older)")), &st, ERR_OK);
	assert_int_equal(st.skipped, 1);
	assert_string_equal(st.skip[0].reason, "a newer version is already stored");
	assert_int_equal(kb_cve_load(f->db, &a, "CVE-2021-44228", &v), ERR_OK);
	assert_non_null(strstr(val_string(val_get(v, "description")), "(updated)"));
	arena_free(&a);
}

static void a_malformed_file_leaves_the_database_as_it_was(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st = { 0 };
	/* the first record is fine; the file breaks after it */
	const char *path = write_feed(f, LOG4J("2023-04-03T20:15:08.107", "") ",{\"cve\":{\"id\":");
	char err[512] = "";
	assert_int_equal(kb_import_nvd_file(f->db, path, &st, NULL, NULL, err, sizeof err), ERR_INVALID);
	assert_non_null(strstr(err, "feed.json"));
	assert_non_null(strstr(err, "offset"));
	struct arena a;
	arena_init(&a, 0);
	struct val *v;
	assert_int_equal(kb_cve_load(f->db, &a, "CVE-2021-44228", &v), ERR_NOT_FOUND);
	arena_free(&a);
}

static void the_2002_feed_imports_every_record(void **state)
{
	struct fixture *f = *state;
	const char *data = getenv("VANS_TESTDATA") ? getenv("VANS_TESTDATA") : "../shared/data";
	char path[512];
	snprintf(path, sizeof path, "%s/nvd/feeds-2.0/nvdcve-2.0-2002.json.zip", data);
	struct stat sb;
	if (stat(path, &sb) != 0)
		skip();
	struct kb_import_stats st;
	import(f, path, &st, ERR_OK);
	/* the feed's totalResults: every record is stored (new) and none skipped */
	assert_int_equal(st.new_records, 6771);
	assert_int_equal(st.skipped, 0);
	import(f, path, &st, ERR_OK);
	assert_int_equal(st.unchanged, 6771);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_new_record_is_stored_and_reads_back_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(reimporting_changes_nothing_and_newer_replaces_older, setup, teardown),
		cmocka_unit_test_setup_teardown(a_malformed_file_leaves_the_database_as_it_was, setup, teardown),
		cmocka_unit_test_setup_teardown(the_2002_feed_imports_every_record, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
