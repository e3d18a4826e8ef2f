/* Unit tests of the KEV, EPSS, CPE dictionary and CVE 5 importers on a real SQLite file and
 * the real data (skipped without it): what each stores, change sequences, re-imports that
 * change nothing, malformed files that leave the database as it was with an error naming
 * the file and line, the vendor/product index and its titles, and how CVE 5 and NVD
 * records give way to each other. */
#define _XOPEN_SOURCE 700   /* nftw, to remove a test's files */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kb/config_text.h"
#include "kb/cpe_product.h"
#include "kb/cve_record.h"
#include "kb/import.h"
#include "kb/kev_reader.h"
#include "store/db.h"

struct fixture {
	char dir[64];
	char db_path[96];
	struct db *db;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/vans-feeds-XXXXXX");
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

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* A path under the test data, or the test is skipped. */
static const char *data(const char *rel)
{
	static char paths[4][512];
	static int next;
	char *p = paths[next++ % 4];
	const char *d = getenv("VANS_TESTDATA");
	snprintf(p, 512, "%s/%s", d && *d ? d : "../shared/data", rel);
	if (access(p, R_OK) != 0) {
		print_message("test data %s absent: skipped\n", p);
		skip();
	}
	return p;
}

static const char *write_file(struct fixture *f, const char *name, const void *body, size_t len)
{
	static char paths[4][160];
	static int next;
	char *p = paths[next++ % 4];
	snprintf(p, 160, "%s/%s", f->dir, name);
	FILE *fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(body, 1, len, fp), len);
	fclose(fp);
	return p;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	assert_int_equal(fread(b, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	b[n] = '\0';
	*len = (size_t)n;
	return b;
}

/* A column of KB_COUNTS: 0 cves, 1 rejected, 2 kev, 3 epss, 4 cpe_dict, 5 cve_match,
 * 6 cpe_product, 7 cve5 records, 8 deprecated names. */
static int64_t count(struct fixture *f, int col)
{
	struct db_stmt *s = db_stmt(f->db, STMT_KB_COUNTS);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t n = db_col_int(s, col);
	db_reset(s);
	return n;
}

enum feed { KEV, EPSS, CPEDICT, CVE5, NVD };

static enum err run_import(struct fixture *f, enum feed feed, const char *path, struct kb_import_stats *st,
			   char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	switch (feed) {
	case KEV: return kb_import_kev_file(f->db, path, st, NULL, NULL, err, errlen);
	case EPSS: return kb_import_epss_file(f->db, path, st, NULL, NULL, err, errlen);
	case CPEDICT: return kb_import_cpedict_file(f->db, path, st, NULL, NULL, err, errlen);
	case CVE5: return kb_import_cve5_path(f->db, path, st, NULL, NULL, NULL, err, errlen);
	case NVD: return kb_import_nvd_file(f->db, path, st, NULL, NULL, err, errlen);
	}
	return ERR_INTERNAL;
}

static void import_ok(struct fixture *f, enum feed feed, const char *path, struct kb_import_stats *st)
{
	char err[1024] = "";
	enum err e = run_import(f, feed, path, st, err, sizeof err);
	if (e != ERR_OK)
		fail_msg("import of %s gave %s: %s", path, err_str(e), err);
}

/* The import fails with want, names the file and says where ("where" in the message). */
static void import_fails(struct fixture *f, enum feed feed, const char *path, enum err want, const char *where)
{
	struct kb_import_stats st;
	char err[1024] = "";
	enum err e = run_import(f, feed, path, &st, err, sizeof err);
	if (e != want || !strstr(err, path) || !strstr(err, where))
		fail_msg("import of %s gave %s \"%s\"; wanted %s naming the file and \"%s\"", path, err_str(e), err,
			 err_str(want), where);
	assert_int_equal(st.new_records + st.updated + st.unchanged, 0);
}

/* The last import recorded in feed_import. */
static void last_import(struct fixture *f, char *status, size_t len)
{
	struct db_stmt *s = db_stmt(f->db, STMT_KB_IMPORT_RECENT);
	db_bind_int(s, ":limit", 1);
	assert_int_equal(db_step(s), DB_ROW);
	snprintf(status, len, "%s", db_col_text(s, 4));
	db_reset(s);
}

/* ---- KEV ---- */

/* Every stored KEV row as one line per entry, without catalogue version and sequence. */
static char *kev_rows(struct fixture *f, size_t *n)
{
	size_t cap = 1 << 20, len = 0;
	char *out = malloc(cap);
	out[0] = '\0';
	*n = 0;
	struct db_stmt *ids = db_stmt(f->db, STMT_KB_KEV_IDS);
	char **list = NULL;
	size_t nl = 0;
	while (db_step(ids) == DB_ROW) {
		list = realloc(list, (nl + 1) * sizeof *list);
		list[nl++] = strdup(db_col_text(ids, 0));
	}
	db_reset(ids);
	for (size_t i = 0; i < nl; i++) {
		struct db_stmt *s = db_stmt(f->db, STMT_KB_CVE_KEV);
		db_bind_text(s, ":id", list[i]);
		assert_int_equal(db_step(s), DB_ROW);
		char line[16384];
		int k = snprintf(line, sizeof line, "%s", list[i]);
		for (int c = 0; c < 10; c++)
			k += snprintf(line + k, sizeof line - (size_t)k, "|%s", db_col_text(s, c));
		db_reset(s);
		while (len + (size_t)k + 2 > cap)
			out = realloc(out, cap *= 2);
		memcpy(out + len, line, (size_t)k);
		len += (size_t)k;
		out[len++] = '\n';
		out[len] = '\0';
		free(list[i]);
		(*n)++;
	}
	free(list);
	return out;
}

static void kev_json_and_csv_store_the_same_rows(void **state)
{
	struct fixture *f = *state;
	const char *json = data("kev/known_exploited_vulnerabilities.json");
	const char *csv = data("kev/known_exploited_vulnerabilities.csv");
	struct kb_import_stats st;
	import_ok(f, KEV, json, &st);
	assert_int_equal(st.new_records, 1404);
	assert_string_equal(st.about, "catalogue 2025.08.25 released 2025-08-25T17:04:19.9796Z, 1404 entries (JSON)");
	size_t n_json;
	char *from_json = kev_rows(f, &n_json);

	/* the same catalogue as CSV into a second database */
	struct fixture g;
	snprintf(g.db_path, sizeof g.db_path, "%s/csv.db", f->dir);
	char err[256];
	int applied;
	g.db = db_open(g.db_path, err, sizeof err);
	assert_non_null(g.db);
	assert_int_equal(db_migrate(g.db, &applied, err, sizeof err), ERR_OK);
	snprintf(g.dir, sizeof g.dir, "%s", f->dir);
	import_ok(&g, KEV, csv, &st);
	assert_int_equal(st.new_records, 1404);
	size_t n_csv;
	char *from_csv = kev_rows(&g, &n_csv);
	assert_int_equal(n_json, 1404);
	assert_int_equal(n_csv, 1404);
	assert_string_equal(from_json, from_csv);
	db_close(g.db);

	/* the CSV over the JSON import changes nothing either */
	import_ok(f, KEV, csv, &st);
	assert_int_equal(st.unchanged, 1404);
	assert_int_equal(st.new_records + st.updated + st.skipped + st.absent, 0);
	assert_int_equal(st.change_seq, 0);
	free(from_json);
	free(from_csv);
}

/* A catalogue read with the reader, to know what the importer should have done. */
struct entry {
	char id[32];
	char text[8192];
};

struct catalogue {
	struct entry *v;
	size_t n;
};

static int keep_entry(void *ctx, const struct kev_entry *e)
{
	struct catalogue *c = ctx;
	c->v = realloc(c->v, (c->n + 1) * sizeof *c->v);
	struct entry *o = &c->v[c->n++];
	snprintf(o->id, sizeof o->id, "%s", e->cve_id);
	int k = snprintf(o->text, sizeof o->text, "%s|%s|%s|%s|%s|%s|%s|%s|%s|", e->vendor_project, e->product,
			 e->vulnerability_name, e->date_added, e->short_description, e->required_action, e->due_date,
			 e->known_ransomware, e->notes);
	for (size_t i = 0; i < e->n_cwes && k > 0 && (size_t)k < sizeof o->text; i++)
		k += snprintf(o->text + k, sizeof o->text - (size_t)k, "%s%s", i ? ", " : "", e->cwes[i]);
	return 0;
}

static const struct entry *find(const struct catalogue *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].id, id) == 0)
			return &c->v[i];
	return NULL;
}

static void kev_january_then_august_marks_what_is_new_or_edited(void **state)
{
	struct fixture *f = *state;
	const char *jan = data("kev/history/known_exploited_vulnerabilities.2025-01-27.json");
	const char *aug = data("kev/known_exploited_vulnerabilities.json");
	struct catalogue cj = { 0 }, ca = { 0 };
	char err[256];
	assert_int_equal(kev_read_file(jan, KEV_FORMAT_AUTO, keep_entry, &cj, NULL, err, sizeof err), 0);
	assert_int_equal(kev_read_file(aug, KEV_FORMAT_AUTO, keep_entry, &ca, NULL, err, sizeof err), 0);
	size_t added = 0, edited = 0;
	for (size_t i = 0; i < ca.n; i++) {
		const struct entry *old = find(&cj, ca.v[i].id);
		if (!old)
			added++;
		else if (strcmp(old->text, ca.v[i].text) != 0)
			edited++;
	}
	assert_true(added > 0 && edited > 0);

	struct kb_import_stats st;
	import_ok(f, KEV, jan, &st);
	assert_int_equal(st.new_records, cj.n);
	int64_t first = st.change_seq;
	assert_true(first > 0);
	import_ok(f, KEV, aug, &st);
	assert_int_equal(st.new_records, added);
	assert_int_equal(st.updated, edited);
	assert_int_equal(st.unchanged, ca.n - added - edited);
	assert_int_equal(st.absent, 0);
	int64_t second = st.change_seq;
	assert_true(second > first);
	char summary[512];
	kb_stats_format(&st, summary, sizeof summary);
	char want[128];
	snprintf(want, sizeof want, "new %zu, updated %zu, unchanged %zu", added, edited, ca.n - added - edited);
	assert_non_null(strstr(summary, want));

	/* exactly the new and the edited entries carry the second import's number, stamped
	 * with the catalogue that brought them */
	struct db_stmt *s = db_stmt(f->db, STMT_KB_KEV_CHANGED_SINCE);
	db_bind_int(s, ":since", first);
	size_t changed = 0, seen_new = 0;
	while (db_step(s) == DB_ROW) {
		changed++;
		assert_int_equal(db_col_int(s, 1), second);
		assert_string_equal(db_col_text(s, 3), "2025.08.25");
		assert_non_null(find(&ca, db_col_text(s, 0)));
		seen_new += find(&cj, db_col_text(s, 0)) == NULL;
	}
	db_reset(s);
	assert_int_equal(changed, added + edited);
	assert_int_equal(seen_new, added);

	/* an edited entry now reads as August has it */
	for (size_t i = 0; i < ca.n; i++) {
		const struct entry *old = find(&cj, ca.v[i].id);
		if (!old || strcmp(old->text, ca.v[i].text) == 0)
			continue;
		struct db_stmt *q = db_stmt(f->db, STMT_KB_CVE_KEV);
		db_bind_text(q, ":id", ca.v[i].id);
		assert_int_equal(db_step(q), DB_ROW);
		char stored[8192];
		snprintf(stored, sizeof stored, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", db_col_text(q, 0), db_col_text(q, 1),
			 db_col_text(q, 2), db_col_text(q, 3), db_col_text(q, 4), db_col_text(q, 5), db_col_text(q, 6),
			 db_col_text(q, 7), db_col_text(q, 8), db_col_text(q, 9));
		db_reset(q);
		assert_string_equal(stored, ca.v[i].text);
		break;
	}

	/* the same August file again changes nothing */
	import_ok(f, KEV, aug, &st);
	assert_int_equal(st.unchanged, ca.n);
	assert_int_equal(st.change_seq, 0);
	/* January after August: August's edits stay, August's additions are kept and counted */
	import_ok(f, KEV, jan, &st);
	assert_int_equal(st.updated + st.new_records, 0);
	assert_int_equal(st.skipped, edited);
	assert_string_equal(st.skip[0].reason, "a newer catalogue's entry is already stored");
	assert_int_equal(st.absent, added);
	assert_int_equal(count(f, 2), (int64_t)ca.n);
	kb_stats_format(&st, summary, sizeof summary);
	snprintf(want, sizeof want, "absent from this file %zu (kept)", added);
	assert_non_null(strstr(summary, want));
	free(cj.v);
	free(ca.v);
}

static void a_malformed_kev_file_leaves_the_database_as_it_was(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st;
	import_ok(f, KEV, data("kev/history/known_exploited_vulnerabilities.2025-01-27.json"), &st);
	int64_t before = count(f, 2);

	/* the August catalogue cut off in the middle: its first entries would be new */
	size_t len;
	char *aug = slurp(data("kev/known_exploited_vulnerabilities.json"), &len);
	const char *cut = write_file(f, "cut.json", aug, len / 2);
	import_fails(f, KEV, cut, ERR_INVALID, "truncated JSON");
	assert_int_equal(count(f, 2), before);
	char status[32];
	last_import(f, status, sizeof status);
	assert_string_equal(status, "failed");

	/* a CSV whose 4th line has a field too few */
	const char *csv = "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,"
			  "dueDate,knownRansomwareCampaignUse,notes,cwes\n"
			  "CVE-2099-0001,V,P,N,2099-01-01,D,A,2099-01-22,Unknown,,\n"
			  "CVE-2099-0002,V,P,N,2099-01-01,D,A,2099-01-22,Unknown,,\n"
			  "CVE-2099-0003,V,P,N,2099-01-01,D,A,2099-01-22,Unknown,\n";
	const char *bad = write_file(f, "bad.csv", csv, strlen(csv));
	import_fails(f, KEV, bad, ERR_INVALID, "bad.csv:4:");
	assert_int_equal(count(f, 2), before);
	free(aug);
}

/* ---- EPSS ---- */

static void epss_from_plain_and_gzipped_files_in_firsts_format(void **state)
{
	struct fixture *f = *state;
	const char *plain = "tests/fixtures/epss/epss_scores-2025-08-25.csv";
	const char *gz = "tests/fixtures/epss/epss_scores-2025-08-25.csv.gz";
	struct kb_import_stats st;
	import_ok(f, EPSS, plain, &st);
	assert_int_equal(st.new_records, 11);
	assert_string_equal(st.about, "scores of 2025-08-25T00:00:00Z, model v2025.03.14, 11 CVEs");
	struct db_stmt *s = db_stmt(f->db, STMT_KB_CVE_EPSS);
	db_bind_text(s, ":id", "CVE-2021-44228");
	assert_int_equal(db_step(s), DB_ROW);
	assert_true(db_col_double(s, 0) == 0.94358);
	assert_true(db_col_double(s, 1) == 0.99955);
	assert_string_equal(db_col_text(s, 2), "2025-08-25T00:00:00Z");
	assert_string_equal(db_col_text(s, 3), "v2025.03.14");
	db_reset(s);

	/* the gzipped copy is the same file: nothing changes */
	import_ok(f, EPSS, gz, &st);
	assert_int_equal(st.unchanged, 11);
	assert_int_equal(st.new_records + st.updated, 0);

	/* the next day moves two scores; the day before moves nothing back */
	const char *next = "#model_version:v2025.03.14,score_date:2025-08-26T00:00:00+0000\ncve,epss,percentile\n"
			   "CVE-2021-44228,0.94400,0.99960\nCVE-2024-3094,0.80000,0.99100\nCVE-2025-0001,0.1,0.5\n";
	import_ok(f, EPSS, write_file(f, "next.csv", next, strlen(next)), &st);
	assert_int_equal(st.updated, 2);
	assert_int_equal(st.new_records, 1);
	const char *prev = "#model_version:v2025.03.14,score_date:2025-08-24T00:00:00Z\ncve,epss,percentile\n"
			   "CVE-2021-44228,0.5,0.5\n";
	import_ok(f, EPSS, write_file(f, "prev.csv", prev, strlen(prev)), &st);
	assert_int_equal(st.skipped, 1);
	assert_string_equal(st.skip[0].reason, "a later day's score is already stored");
	/* the CVE need not be stored for its score to be: read it straight from the table */
	s = db_stmt(f->db, STMT_KB_CVE_EPSS);
	db_bind_text(s, ":id", "CVE-2021-44228");
	assert_int_equal(db_step(s), DB_ROW);
	assert_true(db_col_double(s, 0) == 0.944);
	assert_string_equal(db_col_text(s, 2), "2025-08-26T00:00:00Z");
	db_reset(s);
}

static void a_malformed_epss_file_leaves_the_database_as_it_was(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st;
	import_ok(f, EPSS, "tests/fixtures/epss/epss_scores-2025-08-25.csv", &st);
	const char *bad = "#model_version:v2025.03.14,score_date:2025-08-26T00:00:00Z\ncve,epss,percentile\n"
			  "CVE-2021-44228,0.5,0.5\nCVE-2024-3094,0.5,0.5\nCVE-2025-0001,1.5,0.5\n";
	const char *path = write_file(f, "bad.csv", bad, strlen(bad));
	import_fails(f, EPSS, path, ERR_INVALID, "bad.csv:5:");
	struct db_stmt *s = db_stmt(f->db, STMT_KB_CVE_EPSS);
	db_bind_text(s, ":id", "CVE-2021-44228");
	assert_int_equal(db_step(s), DB_ROW);
	assert_true(db_col_double(s, 0) == 0.94358);   /* line 3's new score was not kept */
	db_reset(s);
	assert_int_equal(count(f, 3), 11);
	/* a gzip file cut short: the error says where the compressed data ended */
	size_t len;
	char *gz = slurp("tests/fixtures/epss/epss_scores-2025-08-25.csv.gz", &len);
	import_fails(f, EPSS, write_file(f, "cut.csv.gz", gz, len - 20), ERR_IO, "truncated gzip data after");
	free(gz);
}

/* ---- CPE dictionary and the vendor/product index ---- */

static void product_titles_come_from_the_dictionarys_titles(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(kb_title_without_version(&a, "1024cms.org 1024 CMS 1.4.2 beta", "1.4.2"),
			    "1024cms.org 1024 CMS");
	assert_string_equal(kb_title_without_version(&a, "Cisco Storage Router SN5428 2-3.3.1-K9", "2-3.3.1-k9"),
			    "Cisco Storage Router SN5428");
	assert_string_equal(kb_title_without_version(&a, "Red Hat rhmask 1.0_9", "1.0-9"), "Red Hat rhmask");
	assert_string_equal(kb_title_without_version(&a, "Foo Bar v2.0", "2.0"), "Foo Bar");
	assert_string_equal(kb_title_without_version(&a, "Opera Mini 2.0.4719/1690", "2.0.4719"), "Opera Mini");
	assert_string_equal(kb_title_without_version(&a, "Microsoft Windows 2000", "-"), "Microsoft Windows 2000");
	assert_string_equal(kb_title_without_version(&a, "Example 1\\.0 tool 1.0", "1\\.0"), "Example 1\\.0 tool");
	assert_null(kb_title_without_version(&a, "Quantum Scalar i500 firmware", "i5"));
	assert_null(kb_title_without_version(&a, "", "1.0"));
	static const struct kb_title_row nt[] = {
		{ "4.0", "Microsoft Windows 4.0 sp1", 0 },
		{ "4.0", "Microsoft Windows 4.0 sp2", 0 },
		{ "4.0", "Microsoft Windows 4.0 sp3", 0 },
		{ "4.0", "Microsoft Windows NT 4.0", 0 },
		{ "3.51", "Microsoft Windows NT 3.51", 1 },
	};
	/* the titles naming "windows" and "nt" win over the more numerous others */
	assert_string_equal(kb_product_title_pick(&a, "windows_nt", nt, 5), "Microsoft Windows NT");
	assert_string_equal(kb_product_title_pick(&a, "os_2", nt, 3), "Microsoft Windows");
	assert_null(kb_product_title_pick(&a, "x", nt, 0));
	arena_free(&a);
}

static void the_2015_dictionary_imports_whole_with_titles_and_deprecation(void **state)
{
	struct fixture *f = *state;
	const char *dict = data("cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz");
	struct kb_import_stats st;
	import_ok(f, CPEDICT, dict, &st);
	assert_int_equal(st.new_records, 101371);
	assert_int_equal(st.skipped, 0);
	assert_int_equal(count(f, 4), 101371);
	assert_int_equal(count(f, 8), 1532);
	assert_non_null(strstr(st.about, "dictionary of 2015-10-14T03:50:00.163Z"));

	struct db_stmt *s = db_stmt(f->db, STMT_KB_CPEDICT_GET);
	db_bind_text(s, ":name", "cpe:2.3:a:1024cms:1024_cms:1.4.2:beta:*:*:*:*:*:*");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "cpe:/a:1024cms:1024_cms:1.4.2:beta");
	assert_string_equal(db_col_text(s, 1), "1024cms.org 1024 CMS 1.4.2 beta");
	assert_int_equal(db_col_int(s, 2), 0);
	db_reset(s);
	/* a %-escaped 2.2 name and its 2.3 form, as NVD writes both */
	db_bind_text(s, ":name", "cpe:2.3:a:\\$0.99_kindle_books_project:\\$0.99_kindle_books:6:*:*:*:*:android:*:*");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "cpe:/a:%240.99_kindle_books_project:%240.99_kindle_books:6::~~~android~~");
	db_reset(s);

	/* the index: every product once, with its title and name count */
	assert_int_equal(count(f, 6), 13557);
	s = db_stmt(f->db, STMT_KB_CPE_PRODUCT_GET);
	db_bind_text(s, ":part", "a");
	db_bind_text(s, ":vendor", "google");
	db_bind_text(s, ":product", "chrome");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "Google Chrome");
	assert_int_equal(db_col_int(s, 1), 3671);
	assert_int_equal(db_col_int(s, 2), 0);
	db_reset(s);
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(kb_product_title(f->db, &a, "o", "microsoft", "windows_nt"), "Microsoft Windows NT");
	/* its one title is "Microsoft windows 2000_beta3": the capitals come from the CPE name */
	assert_string_equal(kb_product_title(f->db, &a, "o", "microsoft", "windows_2000"), "Microsoft Windows 2000");
	assert_null(kb_product_title(f->db, &a, "a", "nobody", "nothing"));
	arena_free(&a);

	/* again: nothing changes */
	import_ok(f, CPEDICT, dict, &st);
	assert_int_equal(st.unchanged, 101371);
	assert_int_equal(st.new_records + st.updated, 0);
}

static void deprecated_names_keep_their_replacements(void **state)
{
	struct fixture *f = *state;
	const char *xml =
		"<?xml version='1.0' encoding='UTF-8'?>\n"
		"<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\" "
		"xmlns:cpe-23=\"http://scap.nist.gov/schema/cpe-extension/2.3\">\n"
		"<cpe-item name=\"cpe:/a:old:name:1.0\" deprecated=\"true\" deprecation_date=\"2011-01-01T00:00:00.000Z\">\n"
		"<title xml:lang=\"ja-JP\">古い名前 1.0</title><title xml:lang=\"en-US\">Old Name 1.0</title>\n"
		"<cpe-23:cpe23-item name=\"cpe:2.3:a:old:name:1.0:*:*:*:*:*:*:*\"><cpe-23:deprecation "
		"date=\"2011-01-02T00:00:00.000Z\"><cpe-23:deprecated-by name=\"cpe:2.3:a:new:name:1.0:*:*:*:*:*:*:*\" "
		"type=\"NAME_CORRECTION\"/></cpe-23:deprecation></cpe-23:cpe23-item>\n"
		"</cpe-item>\n</cpe-list>\n";
	struct kb_import_stats st;
	import_ok(f, CPEDICT, write_file(f, "d.xml", xml, strlen(xml)), &st);
	assert_int_equal(st.new_records, 1);
	struct db_stmt *s = db_stmt(f->db, STMT_KB_CPEDICT_GET);
	db_bind_text(s, ":name", "cpe:2.3:a:old:name:1.0:*:*:*:*:*:*:*");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 1), "Old Name 1.0");     /* the English title */
	assert_int_equal(db_col_int(s, 2), 1);
	assert_string_equal(db_col_text(s, 3), "2011-01-02T00:00:00.000Z");
	assert_string_equal(db_col_text(s, 4), "[\"cpe:2.3:a:new:name:1.0:*:*:*:*:*:*:*\"]");
	db_reset(s);
}

static void a_malformed_dictionary_leaves_the_database_as_it_was(void **state)
{
	struct fixture *f = *state;
	const char *good =
		"<?xml version='1.0' encoding='UTF-8'?>\n"
		"<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\">\n"
		"<cpe-item name=\"cpe:/a:x:y:1.0\"><title xml:lang=\"en-US\">X Y 1.0</title></cpe-item>\n"
		"</cpe-list>\n";
	struct kb_import_stats st;
	import_ok(f, CPEDICT, write_file(f, "good.xml", good, strlen(good)), &st);
	assert_int_equal(st.new_records, 1);   /* a 2.2-only item is stored under its 2.3 form */
	struct arena a;
	arena_init(&a, 0);
	assert_string_equal(kb_product_title(f->db, &a, "a", "x", "y"), "X Y");
	arena_free(&a);
	const char *bad =
		"<?xml version='1.0' encoding='UTF-8'?>\n"
		"<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\">\n"
		"<cpe-item name=\"cpe:/a:x:z:1.0\"><title xml:lang=\"en-US\">X Z 1.0</title></cpe-item>\n"
		"<cpe-item name=\"cpe:/a:x:z:2.0\"><title xml:lang=\"en-US\">X Z 2.0</titel></cpe-item>\n"
		"</cpe-list>\n";
	import_fails(f, CPEDICT, write_file(f, "bad.xml", bad, strlen(bad)), ERR_INVALID, "line 4");
	assert_int_equal(count(f, 4), 1);
	assert_int_equal(count(f, 6), 1);
}

/* ---- CVE 5 records ---- */

static struct val *load(struct fixture *f, struct arena *a, const char *id)
{
	struct val *v = NULL;
	assert_int_equal(kb_cve_load(f->db, a, id, &v), ERR_OK);
	return v;
}

static void cve5_records_fill_in_where_nvd_has_none(void **state)
{
	struct fixture *f = *state;
	const char *dir = data("nvd/fixtures-osv");
	struct kb_import_stats st;
	import_ok(f, CVE5, dir, &st);
	/* 13 records in cve5/ and 11 in cvelistV5/, two CVEs in both (the second copy is the
	 * same record); the NVD, NVD 1.1 and OSV files are not CVE 5 records */
	assert_int_equal(st.new_records, 22);
	assert_int_equal(st.unchanged, 2);
	assert_int_equal(st.skipped, 30);
	assert_string_equal(st.skip[0].reason, "not a CVE 5 record (NVD, OSV or other JSON)");
	assert_int_equal(count(f, 7), 22);

	struct arena a;
	arena_init(&a, 0);
	struct val *v = load(f, &a, "CVE-2021-44228");
	assert_string_equal(val_string(val_get(v, "origin")), "cve5");
	assert_string_equal(val_string(val_get(v, "vulnStatus")), "Published");
	assert_non_null(strstr(val_string(val_get(v, "description")), "Apache Log4j2 2.0-beta9 through 2.15.0"));
	/* no CVSS from Apache: the headline is CISA-ADP's, marked secondary */
	struct val *m0 = val_get(v, "metrics")->u.a.items[0];
	assert_string_equal(val_string(val_get(m0, "source")), "CISA-ADP");
	assert_string_equal(val_string(val_get(m0, "type")), "Secondary");
	assert_string_equal(val_string(val_get(val_get(v, "cvss"), "severity")), "CRITICAL");
	struct val *w = val_get(v, "weaknesses");
	assert_true(w->u.a.n >= 1);
	assert_string_equal(val_string(val_get(w->u.a.items[0], "cwe")), "CWE-502");
	assert_true(val_get(v, "references")->u.a.n > 10);
	/* Apache's affected[] is product and version lists, not CPE: no configurations */
	assert_int_equal(val_get(v, "configurations")->u.a.n, 0);

	/* the Linux kernel CNA's cpeApplicability becomes configurations, and the index */
	v = load(f, &a, "CVE-2025-21772");
	struct val *configs = val_get(v, "configurations");
	assert_int_equal(configs->u.a.n, 1);
	struct val *matches = val_get(val_get(configs->u.a.items[0], "nodes")->u.a.items[0], "cpeMatch");
	assert_int_equal(matches->u.a.n, 8);
	assert_string_equal(val_string(val_get(matches->u.a.items[0], "versionEndExcluding")), "5.4.291");
	struct db_stmt *s = db_stmt(f->db, STMT_KB_CPE_PRODUCT_GET);
	db_bind_text(s, ":part", "o");
	db_bind_text(s, ":vendor", "linux");
	db_bind_text(s, ":product", "linux_kernel");
	assert_int_equal(db_step(s), DB_ROW);
	assert_true(db_col_int(s, 2) >= 1);
	db_reset(s);

	/* again: nothing changes */
	import_ok(f, CVE5, dir, &st);
	assert_int_equal(st.unchanged, 24);
	assert_int_equal(st.new_records + st.updated, 0);
	assert_int_equal(st.change_seq, 0);

	/* one record file, and the CVE 5 examples of the schema's repository */
	import_ok(f, CVE5, data("cve5/examples/CVEv5_advanced-example.json"), &st);
	assert_int_equal(st.new_records, 1);
	v = load(f, &a, "CVE-1337-1234");
	assert_string_equal(val_string(val_get(v, "published")), "2021-09-08T16:24:00.000Z");
	assert_string_equal(val_string(val_get(val_get(v, "cvss"), "version")), "4.0");
	import_ok(f, CVE5, data("cve5/cve-services-fixtures/test/schemas/5.0/CVE-2017-5833_reserved.json"), &st);
	assert_int_equal(st.skipped, 1);
	assert_string_equal(st.skip[0].reason, "reserved: nothing published yet");
	arena_free(&a);
}

/* One NVD API 2.0 feed file holding the given records. */
static const char *nvd_feed(struct fixture *f, const char *name, const char *vulns)
{
	char body[8192];
	snprintf(body, sizeof body,
		 "{\"resultsPerPage\":1,\"startIndex\":0,\"totalResults\":1,\"format\":\"NVD_CVE\",\"version\":\"2.0\","
		 "\"timestamp\":\"2026-01-01T00:00:00.000\",\"vulnerabilities\":[%s]}",
		 vulns);
	return write_file(f, name, body, strlen(body));
}

#define NVD_RECORD(id, modified)                                                                              \
	"{\"cve\":{\"id\":\"" id "\",\"sourceIdentifier\":\"cve@mitre.org\",\"published\":\"2023-01-01T00:00:00.000\"," \
	"\"lastModified\":\"" modified "\",\"vulnStatus\":\"Analyzed\",\"descriptions\":[{\"lang\":\"en\","          \
	"\"value\":\"NVD's description.\"}],\"metrics\":{},\"configurations\":[{\"nodes\":[{\"operator\":\"OR\","    \
	"\"cpeMatch\":[{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:example:tool:1.0:*:*:*:*:*:*:*\"}]}]}],"          \
	"\"references\":[]}}"

static const char *cve5_record(struct fixture *f, const char *name, const char *id, const char *state,
			       const char *updated)
{
	char body[4096];
	bool rejected = strcmp(state, "REJECTED") == 0;
	snprintf(body, sizeof body,
		 "{\"dataType\":\"CVE_RECORD\",\"dataVersion\":\"5.1\",\"cveMetadata\":{\"cveId\":\"%s\","
		 "\"assignerOrgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\",\"assignerShortName\":\"example\","
		 "\"state\":\"%s\",\"datePublished\":\"2023-01-01T00:00:00.000Z\",\"dateUpdated\":\"%s\"},"
		 "\"containers\":{\"cna\":{\"providerMetadata\":{\"orgId\":\"b3476cb9-2e3d-41a6-98d0-0f47421a65b6\","
		 "\"shortName\":\"example\"},%s}}}",
		 id, state, updated,
		 rejected ? "\"rejectedReasons\":[{\"lang\":\"en\",\"value\":\"Duplicate of CVE-2023-0001.\"}]"
			  : "\"descriptions\":[{\"lang\":\"en\",\"value\":\"The CNA's description.\"}],"
			    "\"affected\":[{\"vendor\":\"example\",\"product\":\"tool\",\"versions\":[{\"version\":\"1.0\","
			    "\"status\":\"affected\"}]}],\"metrics\":[{\"cvssV3_1\":{\"version\":\"3.1\","
			    "\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}}],"
			    "\"problemTypes\":[{\"descriptions\":[{\"lang\":\"en\",\"description\":\"CWE-79 XSS\","
			    "\"cweId\":\"CWE-79\",\"type\":\"CWE\"},{\"lang\":\"en\",\"description\":\"text only\","
			    "\"type\":\"text\"}]}],\"references\":[{\"url\":\"https://example.com/advisory\"}]");
	return write_file(f, name, body, strlen(body));
}

static void nvd_and_cve5_records_give_way_to_each_other(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st;
	struct arena a;
	arena_init(&a, 0);
	/* a CVE 5 record where NVD has none: stored, scored from its vector */
	import_ok(f, CVE5, cve5_record(f, "a.json", "CVE-2023-0002", "PUBLISHED", "2024-06-01T00:00:00.000Z"), &st);
	assert_int_equal(st.new_records, 1);
	struct val *v = load(f, &a, "CVE-2023-0002");
	assert_string_equal(val_string(val_get(v, "origin")), "cve5");
	assert_true(val_get(val_get(v, "cvss"), "score")->u.d == 9.8);
	assert_string_equal(val_string(val_get(val_get(v, "cvss"), "severity")), "CRITICAL");
	assert_int_equal(val_get(v, "weaknesses")->u.a.n, 1);   /* the text-only problem type names no CWE */
	assert_int_equal(val_get(v, "configurations")->u.a.n, 0);

	/* NVD's record replaces it, though NVD's lastModified is older than the CNA's update */
	import_ok(f, NVD, nvd_feed(f, "n.json", NVD_RECORD("CVE-2023-0002", "2024-01-01T00:00:00.000")), &st);
	assert_int_equal(st.updated, 1);
	v = load(f, &a, "CVE-2023-0002");
	assert_string_equal(val_string(val_get(v, "origin")), "nvd");
	assert_string_equal(val_string(val_get(v, "description")), "NVD's description.");
	assert_int_equal(val_get(v, "configurations")->u.a.n, 1);

	/* a CVE 5 record never replaces NVD's, even a newer one */
	import_ok(f, CVE5, cve5_record(f, "b.json", "CVE-2023-0002", "PUBLISHED", "2025-01-01T00:00:00.000Z"), &st);
	assert_int_equal(st.skipped, 1);
	assert_string_equal(st.skip[0].reason, "NVD's record is stored (a CVE 5 record never replaces it)");
	v = load(f, &a, "CVE-2023-0002");
	assert_string_equal(val_string(val_get(v, "description")), "NVD's description.");

	/* but a rejection marks it rejected, with a new change sequence for the matcher */
	import_ok(f, CVE5, cve5_record(f, "c.json", "CVE-2023-0002", "REJECTED", "2025-02-01T00:00:00.000Z"), &st);
	assert_int_equal(st.updated, 1);
	assert_int_equal(st.rejected, 1);
	assert_true(st.change_seq > 0);
	v = load(f, &a, "CVE-2023-0002");
	assert_true(val_get(v, "rejected")->u.b);
	assert_string_equal(val_string(val_get(v, "vulnStatus")), "Rejected");
	assert_string_equal(val_string(val_get(v, "origin")), "nvd");
	assert_string_equal(val_string(val_get(v, "description")), "NVD's description.");
	import_ok(f, CVE5, cve5_record(f, "c.json", "CVE-2023-0002", "REJECTED", "2025-02-01T00:00:00.000Z"), &st);
	assert_int_equal(st.unchanged, 1);

	/* a rejected record of a CVE nobody stored is stored rejected, with its reason */
	import_ok(f, CVE5, cve5_record(f, "d.json", "CVE-2023-0003", "REJECTED", "2025-02-01T00:00:00.000Z"), &st);
	assert_int_equal(st.new_records, 1);
	assert_int_equal(st.rejected, 1);
	v = load(f, &a, "CVE-2023-0003");
	assert_true(val_get(v, "rejected")->u.b);
	assert_string_equal(val_string(val_get(v, "description")), "Duplicate of CVE-2023-0001.");
	assert_int_equal(count(f, 1), 2);
	arena_free(&a);
}

static void a_malformed_cve5_file_is_not_stored(void **state)
{
	struct fixture *f = *state;
	/* a lone file: an error naming it and the line, nothing stored */
	const char *bad = "{\"dataType\":\"CVE_RECORD\",\n\"dataVersion\":\"5.1\",\n\"cveMetadata\":{\"cveId\":}}";
	import_fails(f, CVE5, write_file(f, "bad.json", bad, strlen(bad)), ERR_INVALID, "line 3");
	assert_int_equal(count(f, 0), 0);

	/* in a directory the good records are stored, the bad file is named and left out */
	char dir[128];
	snprintf(dir, sizeof dir, "%s/recs", f->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	cve5_record(f, "recs/a.json", "CVE-2023-0010", "PUBLISHED", "2024-06-01T00:00:00.000Z");
	write_file(f, "recs/b.json", bad, strlen(bad));
	cve5_record(f, "recs/c.json", "CVE-2023-0011", "PUBLISHED", "2024-06-01T00:00:00.000Z");
	struct kb_import_stats st;
	char err[1024] = "";
	assert_int_equal(run_import(f, CVE5, dir, &st, err, sizeof err), ERR_INVALID);
	assert_non_null(strstr(err, "1 file could not be read"));
	assert_non_null(strstr(err, "recs/b.json: line 3"));
	assert_int_equal(st.new_records, 2);
	assert_int_equal(st.skipped, 1);
	assert_string_equal(st.skip[0].reason, "unreadable or invalid record file");
	assert_int_equal(count(f, 0), 2);
}

static void configuration_phrases_name_products_by_their_dictionary_title(void **state)
{
	struct fixture *f = *state;
	struct kb_import_stats st;
	import_ok(f, CPEDICT, data("cpe/dictionary-2015/official-cpe-dictionary_v2.3.xml.gz"), &st);
	const char *rec = "{\"cve\":{\"id\":\"CVE-2002-9999\",\"published\":\"2002-01-01T00:00:00.000\","
			  "\"lastModified\":\"2002-01-01T00:00:00.000\",\"descriptions\":[],\"metrics\":{},"
			  "\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"cpeMatch\":["
			  "{\"vulnerable\":true,\"criteria\":\"cpe:2.3:o:microsoft:windows_nt:4.0:*:*:*:*:*:*:*\"},"
			  "{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:nobody:some_tool:1.0:*:*:*:*:*:*:*\"}]}]}],"
			  "\"references\":[]}}";
	import_ok(f, NVD, nvd_feed(f, "n.json", rec), &st);
	/* the NVD import put the product NVD names into the index, with its CVE count */
	struct db_stmt *s = db_stmt(f->db, STMT_KB_CPE_PRODUCT_GET);
	db_bind_text(s, ":part", "o");
	db_bind_text(s, ":vendor", "microsoft");
	db_bind_text(s, ":product", "windows_nt");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "Microsoft Windows NT");
	assert_int_equal(db_col_int(s, 2), 1);
	db_reset(s);
	db_bind_text(s, ":part", "a");
	db_bind_text(s, ":vendor", "nobody");
	db_bind_text(s, ":product", "some_tool");
	assert_int_equal(db_step(s), DB_ROW);
	assert_string_equal(db_col_text(s, 0), "");
	assert_int_equal(db_col_int(s, 1), 0);
	assert_int_equal(db_col_int(s, 2), 1);
	db_reset(s);

	struct arena a;
	arena_init(&a, 0);
	struct val *v = load(f, &a, "CVE-2002-9999");
	struct val *items = val_get(val_get(kb_config_phrases(f->db, &a, val_get(v, "configurations"))->u.a.items[0],
					     "groups")->u.a.items[0], "items");
	assert_string_equal(val_string(val_get(items->u.a.items[0], "product")), "Microsoft Windows NT");
	assert_string_equal(val_string(val_get(items->u.a.items[1], "product")), "Nobody Some Tool");
	/* without the index, the name made from the CPE */
	items = val_get(val_get(kb_config_phrases(NULL, &a, val_get(v, "configurations"))->u.a.items[0],
				"groups")->u.a.items[0], "items");
	assert_string_equal(val_string(val_get(items->u.a.items[0], "product")), "Microsoft Windows Nt");
	arena_free(&a);

	/* a newer NVD record that drops the product takes it out of the index again */
	const char *newer = "{\"cve\":{\"id\":\"CVE-2002-9999\",\"published\":\"2002-01-01T00:00:00.000\","
			    "\"lastModified\":\"2003-01-01T00:00:00.000\",\"descriptions\":[],\"metrics\":{},"
			    "\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"cpeMatch\":["
			    "{\"vulnerable\":true,\"criteria\":\"cpe:2.3:o:microsoft:windows_nt:4.0:*:*:*:*:*:*:*\"}]}]}],"
			    "\"references\":[]}}";
	import_ok(f, NVD, nvd_feed(f, "n2.json", newer), &st);
	assert_int_equal(st.updated, 1);
	db_bind_text(s, ":part", "a");
	db_bind_text(s, ":vendor", "nobody");
	db_bind_text(s, ":product", "some_tool");
	assert_int_equal(db_step(s), DB_DONE);
	db_reset(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(kev_json_and_csv_store_the_same_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(kev_january_then_august_marks_what_is_new_or_edited, setup, teardown),
		cmocka_unit_test_setup_teardown(a_malformed_kev_file_leaves_the_database_as_it_was, setup, teardown),
		cmocka_unit_test_setup_teardown(epss_from_plain_and_gzipped_files_in_firsts_format, setup, teardown),
		cmocka_unit_test_setup_teardown(a_malformed_epss_file_leaves_the_database_as_it_was, setup, teardown),
		cmocka_unit_test(product_titles_come_from_the_dictionarys_titles),
		cmocka_unit_test_setup_teardown(the_2015_dictionary_imports_whole_with_titles_and_deprecation, setup,
						teardown),
		cmocka_unit_test_setup_teardown(deprecated_names_keep_their_replacements, setup, teardown),
		cmocka_unit_test_setup_teardown(a_malformed_dictionary_leaves_the_database_as_it_was, setup, teardown),
		cmocka_unit_test_setup_teardown(cve5_records_fill_in_where_nvd_has_none, setup, teardown),
		cmocka_unit_test_setup_teardown(nvd_and_cve5_records_give_way_to_each_other, setup, teardown),
		cmocka_unit_test_setup_teardown(a_malformed_cve5_file_is_not_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(configuration_phrases_name_products_by_their_dictionary_title, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
