/* Unit tests of the asset service (vans/asset.h) on a real SQLite file: groups and their
 * DEFAULT, intake all-or-nothing and keep-valid with the upload record, CPE forms and N/A,
 * remembered mappings applied on intake and on acceptance, organisation scoping, CPE
 * candidates from a small dictionary, the templates, and 10,000 rows in one intake. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "identity/org.h"
#include "kb/import.h"
#include "store/db.h"
#include "vans/asset.h"
#include "vans/intake/intake.h"

struct fixture {
	char dir[64];
	char db_path[96];
	struct db *db;
	int64_t org_a, org_b;
	struct arena a;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/vans-asset-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db_path, sizeof f->db_path, "%s/a.db", f->dir);
	char err[256];
	int applied;
	f->db = db_open(f->db_path, err, sizeof err);
	if (!f->db || db_migrate(f->db, &applied, err, sizeof err) != ERR_OK)
		return -1;
	const char *why;
	struct org_new a = { .identifier = "2.16.886.105.100010", .name = "機關甲", .level = "A" };
	struct org_new b = { .identifier = "2.16.886.101.90001", .name = "機關乙", .level = "B" };
	if (org_add(f->db, &a, &f->org_a, &why) != ERR_OK || org_add(f->db, &b, &f->org_b, &why) != ERR_OK)
		return -1;
	arena_init(&f->a, 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	arena_free(&f->a);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static enum err csv_intake(struct fixture *f, int64_t org, const char *csv, enum intake_mode mode,
			   struct asset_intake_result *res)
{
	struct asset_batch b;
	struct intake_opts o = { .mode = mode };
	intake_read_csv(csv, strlen(csv), &o, &b);
	struct asset_intake in = { .org_id = org, .source = "csv", .filename = "t.csv", .mode = mode, .match = true };
	char err[256];
	enum err e = asset_intake_store(f->db, &in, &b, res, err, sizeof err);
	asset_batch_free(&b);
	return e;
}

static size_t count(struct fixture *f, int64_t org)
{
	struct asset *as;
	size_t n;
	int64_t total;
	assert_int_equal(asset_list(f->db, &f->a, org, NULL, &as, &n, &total), ERR_OK);
	return (size_t)total;
}

static const struct asset *find(struct fixture *f, int64_t org, const char *name)
{
	struct asset_query q = { .name = name, .limit = 100 };
	struct asset *as;
	size_t n;
	assert_int_equal(asset_list(f->db, &f->a, org, &q, &as, &n, NULL), ERR_OK);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(as[i].name, name))
			return &as[i];
	return NULL;
}

static void groups_default_crud(void **state)
{
	struct fixture *f = *state;
	struct asset_group *g;
	size_t n;
	assert_int_equal(asset_group_list(f->db, &f->a, f->org_a, &g, &n), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].code, "DEFAULT");
	int64_t def = g[0].id, id;
	const char *why = NULL;
	assert_int_equal(asset_group_create(f->db, f->org_a, "", "x", NULL, &id, &why), ERR_INVALID);
	assert_non_null(strstr(why, "code is required"));
	assert_int_equal(asset_group_create(f->db, f->org_a, "fin", "", NULL, &id, &why), ERR_INVALID);
	assert_int_equal(asset_group_create(f->db, f->org_a, "a b", "x", NULL, &id, &why), ERR_INVALID);
	assert_int_equal(asset_group_create(f->db, f->org_a, "finance01", "財務處", "note", &id, &why), ERR_OK);
	assert_int_equal(asset_group_create(f->db, f->org_a, "finance01", "again", NULL, &id, &why), ERR_EXISTS);
	/* the same code in another organisation is another group */
	int64_t idb;
	assert_int_equal(asset_group_create(f->db, f->org_b, "finance01", "B", NULL, &idb, &why), ERR_OK);
	assert_int_equal(asset_group_delete(f->db, f->org_a, def), ERR_DENIED);
	assert_int_equal(asset_group_update(f->db, f->org_a, def, "RENAMED", "預設", "", &why), ERR_OK);
	struct asset_group one;
	assert_int_equal(asset_group_get(f->db, &f->a, f->org_a, def, &one), ERR_OK);
	assert_string_equal(one.code, "DEFAULT");   /* DEFAULT keeps its code */
	assert_int_equal(asset_group_get(f->db, &f->a, f->org_b, id, &one), ERR_NOT_FOUND);
	assert_int_equal(asset_group_delete(f->db, f->org_b, id), ERR_NOT_FOUND);
	/* deleting a group moves its assets to DEFAULT */
	struct asset_intake_result res;
	assert_int_equal(csv_intake(f, f->org_a, "資產類別,資產群組代碼,資產名稱\n資通系統資產,finance01,Oracle Database\n",
				    INTAKE_ALL_OR_NOTHING, &res), ERR_OK);
	assert_string_equal(find(f, f->org_a, "Oracle Database")->group_code, "finance01");
	assert_int_equal(asset_group_delete(f->db, f->org_a, id), ERR_OK);
	assert_string_equal(find(f, f->org_a, "Oracle Database")->group_code, "DEFAULT");
}

static const char *const CSV_MIXED =
	"資產類別,資產識別碼,資產名稱,廠牌,版本,CPE,數量\n"
	"資通系統資產,h1,Apache HTTP Server,Apache,2.4.58,cpe:/a:apache:http_server:2.4.58,1\n"
	",h2,nginx,F5,1.25.3,,1\n"
	"使用者電腦資產,h3,Google Chrome,Google,120.0.6099.109,N/A,x\n"
	"網通設備資產,fw,FortiOS,Fortinet,7.2.4,cpe:2.3:o:fortinet:fortios:7.2.4:*:*:*:*:*:*:*,2\n";

static void intake_all_or_nothing_then_keep_valid(void **state)
{
	struct fixture *f = *state;
	struct asset_intake_result res;
	assert_int_equal(csv_intake(f, f->org_a, CSV_MIXED, INTAKE_ALL_OR_NOTHING, &res), ERR_INVALID);
	assert_string_equal(res.status, "rejected");
	assert_false(res.stored);
	assert_true(res.upload_id > 0);
	assert_int_equal(count(f, f->org_a), 0);
	struct asset_upload *u;
	size_t n;
	int64_t total;
	assert_int_equal(asset_upload_list(f->db, &f->a, f->org_a, 10, 0, &u, &n, &total), ERR_OK);
	assert_int_equal(n, 1);
	assert_string_equal(u[0].status, "rejected");
	assert_int_equal(u[0].rows_total, 4);
	assert_int_equal(u[0].rows_rejected, 4);
	assert_non_null(strstr(u[0].errors, "{\"line\":3,\"field\":\"category\",\"reason\":\"the category is required"));
	assert_non_null(strstr(u[0].errors, "{\"line\":4,\"field\":\"quantity\""));

	assert_int_equal(csv_intake(f, f->org_a, CSV_MIXED, INTAKE_KEEP_VALID, &res), ERR_OK);
	assert_string_equal(res.status, "partial");
	assert_int_equal(res.rows_added, 2);
	assert_int_equal(res.rows_rejected, 2);
	assert_int_equal(count(f, f->org_a), 2);
	const struct asset *apache = find(f, f->org_a, "Apache HTTP Server");
	assert_string_equal(apache->cpe, "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*");
	assert_string_equal(apache->cpe_origin, "given");
	assert_string_equal(find(f, f->org_a, "FortiOS")->category, "network");
	assert_int_equal(find(f, f->org_a, "FortiOS")->quantity, 2);
	/* the other organisation sees none of it, not even by id */
	assert_int_equal(count(f, f->org_b), 0);
	struct asset x;
	assert_int_equal(asset_get(f->db, &f->a, f->org_b, apache->id, &x), ERR_NOT_FOUND);
	assert_int_equal(asset_delete(f->db, f->org_b, apache->id), ERR_NOT_FOUND);
	assert_int_equal(asset_get(f->db, &f->a, f->org_a, apache->id, &x), ERR_OK);
	/* the same rows again: updated, not duplicated */
	assert_int_equal(csv_intake(f, f->org_a, CSV_MIXED, INTAKE_KEEP_VALID, &res), ERR_OK);
	assert_int_equal(res.rows_added, 0);
	assert_int_equal(res.rows_updated, 2);
}

static void records_na_and_purl(void **state)
{
	struct fixture *f = *state;
	struct intake_record r[2] = { { .line = 1 }, { .line = 2 } };
	r[0].value[ASSET_FIELD_NAME] = "Notepad++";
	r[0].value[ASSET_FIELD_VENDOR] = "N/A";
	r[0].value[ASSET_FIELD_CPE] = "N/A";
	r[0].value[ASSET_FIELD_CPE_TITLE] = "N/A";
	r[1].value[ASSET_FIELD_NAME] = "pkg:npm/lodash@4.17.20";
	r[1].value[ASSET_FIELD_VERSION] = "N/A";
	struct asset_batch b;
	struct intake_opts o = { .mode = INTAKE_ALL_OR_NOTHING };
	assert_int_equal(intake_read_records(r, 2, &o, &b), ERR_OK);
	struct asset_intake in = { .org_id = f->org_a, .source = "api_v2", .mode = INTAKE_ALL_OR_NOTHING };
	struct asset_intake_result res;
	assert_int_equal(asset_intake_store(f->db, &in, &b, &res, NULL, 0), ERR_OK);
	asset_batch_free(&b);
	const struct asset *np = find(f, f->org_a, "Notepad++");
	assert_string_equal(np->cpe, "");
	assert_string_equal(np->cpe_origin, "none");
	assert_string_equal(np->vendor, "");
	assert_string_equal(np->category, "system");
	const struct asset *lo = find(f, f->org_a, "pkg:npm/lodash@4.17.20");
	assert_string_equal(lo->purl, "pkg:npm/lodash@4.17.20");
	assert_string_equal(lo->version, "4.17.20");
	/* a record with a bad CPE is refused with the field named */
	struct intake_record bad = { .line = 7 };
	bad.value[ASSET_FIELD_NAME] = "X";
	bad.value[ASSET_FIELD_CPE] = "cpe:2.3:a";
	assert_int_equal(intake_read_records(&bad, 1, &o, &b), ERR_INVALID);
	assert_int_equal(b.n_errors, 1);
	assert_int_equal(b.issues[0].field, ASSET_FIELD_CPE);
	assert_int_equal(b.issues[0].line, 7);
	assert_non_null(strstr(asset_issue_reason(&b.issues[0]), "not a CPE"));
	asset_batch_free(&b);
}

static void mapping_keys_and_versions(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(asset_mapping_key(&f->a, "  Microsoft   Corporation "), "microsoft corporation");
	assert_string_equal(asset_cpe_with_version(&f->a, "cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*", "16.0.4266.1001"),
			    "cpe:2.3:a:microsoft:access:16.0.4266.1001:*:*:*:*:*:*:*");
	assert_string_equal(asset_cpe_with_version(&f->a, "cpe:2.3:a:golang:go:*:*:*:*:*:*:*:*", "v1.21.5"),
			    "cpe:2.3:a:golang:go:1.21.5:*:*:*:*:*:*:*");
	assert_string_equal(asset_cpe_with_version(&f->a, "cpe:2.3:a:x:y:1:*:*:*:*:*:*:*", ""),
			    "cpe:2.3:a:x:y:*:*:*:*:*:*:*:*");
}

static void accepted_mapping_applies_everywhere(void **state)
{
	struct fixture *f = *state;
	struct asset_intake_result res;
	const char *csv = "資產類別,資產識別碼,資產名稱,廠牌,版本\n"
			  "使用者電腦資產,pc1,Google Chrome,Google LLC,120.0.6099.109\n"
			  "使用者電腦資產,pc2,Google Chrome,Google LLC,119.0.6045.200\n"
			  "使用者電腦資產,pc3,Mozilla Firefox,Mozilla,121.0\n";
	assert_int_equal(csv_intake(f, f->org_a, csv, INTAKE_ALL_OR_NOTHING, &res), ERR_OK);
	assert_int_equal(csv_intake(f, f->org_b, csv, INTAKE_ALL_OR_NOTHING, &res), ERR_OK);
	struct asset_query q = { .name = "chrome", .identifier = "pc1" };
	struct asset *as;
	size_t n;
	assert_int_equal(asset_list(f->db, &f->a, f->org_a, &q, &as, &n, NULL), ERR_OK);
	assert_int_equal(n, 1);
	size_t applied;
	struct vans_match_summary sum;
	char err[200];
	assert_int_equal(asset_cpe_accept(f->db, f->org_a, 0, as[0].id, "cpe:bad", "", &applied, &sum, err, sizeof err),
			 ERR_INVALID);
	assert_int_equal(asset_cpe_accept(f->db, f->org_b, 0, as[0].id, "cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*", "",
					  &applied, &sum, err, sizeof err), ERR_NOT_FOUND);
	assert_int_equal(asset_cpe_accept(f->db, f->org_a, 0, as[0].id, "cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*",
					  "Google Chrome", &applied, &sum, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 2);
	q.identifier = "pc2";
	assert_int_equal(asset_list(f->db, &f->a, f->org_a, &q, &as, &n, NULL), ERR_OK);
	assert_string_equal(as[0].cpe, "cpe:2.3:a:google:chrome:119.0.6045.200:*:*:*:*:*:*:*");
	assert_string_equal(as[0].cpe_origin, "suggested");
	assert_string_equal(find(f, f->org_a, "Mozilla Firefox")->cpe, "");
	/* never across organisations */
	q.identifier = "pc1";
	assert_int_equal(asset_list(f->db, &f->a, f->org_b, &q, &as, &n, NULL), ERR_OK);
	assert_string_equal(as[0].cpe, "");
	/* the next intake with the same vendor and name gets it, with its own version */
	assert_int_equal(csv_intake(f, f->org_a, "資產類別,資產識別碼,資產名稱,廠牌,版本\n"
						 "使用者電腦資產,pc9,google chrome,Google  LLC,121.0.6167.85\n",
				    INTAKE_ALL_OR_NOTHING, &res), ERR_OK);
	assert_int_equal(res.rows_mapped, 1);
	const struct asset *c9 = find(f, f->org_a, "google chrome");
	assert_string_equal(c9->cpe, "cpe:2.3:a:google:chrome:121.0.6167.85:*:*:*:*:*:*:*");
	assert_string_equal(c9->cpe_origin, "suggested");
	assert_string_equal(c9->cpe_title, "Google Chrome");
	/* the list's CPE filters and the CPE list */
	struct asset_query with = { .cpe_kind = "with" }, without = { .cpe_kind = "without" }, app = { .cpe_kind = "a" };
	int64_t t1, t2, t3;
	assert_int_equal(asset_list(f->db, &f->a, f->org_a, &with, &as, &n, &t1), ERR_OK);
	assert_int_equal(asset_list(f->db, &f->a, f->org_a, &without, &as, &n, &t2), ERR_OK);
	assert_int_equal(asset_list(f->db, &f->a, f->org_a, &app, &as, &n, &t3), ERR_OK);
	assert_int_equal(t1, 3);
	assert_int_equal(t2, 1);
	assert_int_equal(t3, 3);
	struct buf csvout;
	buf_init(&csvout, 0);
	assert_int_equal(asset_cpe_list_csv(f->db, f->org_a, &csvout), ERR_OK);
	assert_non_null(strstr(csvout.data, "\"cpe:2.3:a:google:chrome:121.0.6167.85:*:*:*:*:*:*:*\",\"Google Chrome\",\"suggested\",1,1"));
	buf_free(&csvout);
	/* sorting */
	struct asset_query by_version = { .sort = "version", .desc = true, .name = "chrome" };
	assert_int_equal(asset_list(f->db, &f->a, f->org_a, &by_version, &as, &n, NULL), ERR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(as[0].version, "121.0.6167.85");
	assert_string_equal(as[2].version, "119.0.6045.200");
}

static void candidates_from_the_dictionary(void **state)
{
	struct fixture *f = *state;
	char path[128];
	snprintf(path, sizeof path, "%s/dict.xml", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cpe-list xmlns=\"http://cpe.mitre.org/dictionary/2.0\" "
	      "xmlns:cpe-23=\"http://scap.nist.gov/schema/cpe-extension/2.3\">\n"
	      "<cpe-item name=\"cpe:/a:microsoft:access:2016\"><title xml:lang=\"en-US\">Microsoft Access 2016</title>"
	      "<cpe-23:cpe23-item name=\"cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*\"/></cpe-item>\n"
	      "<cpe-item name=\"cpe:/a:microsoft:access:2013\"><title xml:lang=\"en-US\">Microsoft Access 2013</title>"
	      "<cpe-23:cpe23-item name=\"cpe:2.3:a:microsoft:access:2013:*:*:*:*:*:*:*\"/></cpe-item>\n"
	      "<cpe-item name=\"cpe:/a:microsoft:access_database_engine:2016\"><title xml:lang=\"en-US\">Microsoft Access "
	      "Database Engine 2016</title><cpe-23:cpe23-item name=\"cpe:2.3:a:microsoft:access_database_engine:2016:*:*:*:*:*:*:*\"/>"
	      "</cpe-item>\n"
	      "<cpe-item name=\"cpe:/a:accessally:accessally:3.5\"><title xml:lang=\"en-US\">AccessAlly 3.5</title>"
	      "<cpe-23:cpe23-item name=\"cpe:2.3:a:accessally:accessally:3.5:*:*:*:*:*:*:*\"/></cpe-item>\n"
	      "<cpe-item name=\"cpe:/a:notepad-plus-plus:notepad%2b%2b:8.6.2\"><title xml:lang=\"en-US\">Notepad++ 8.6.2</title>"
	      "<cpe-23:cpe23-item name=\"cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.6.2:*:*:*:*:*:*:*\"/></cpe-item>\n"
	      "</cpe-list>\n", fp);
	fclose(fp);
	struct kb_import_stats st;
	char err[256];
	assert_int_equal(kb_import_cpedict_file(f->db, path, &st, NULL, NULL, err, sizeof err), ERR_OK);
	struct asset_cpe_candidate *c;
	size_t n;
	assert_int_equal(asset_cpe_candidates(f->db, &f->a, "Microsoft Access 2016", "Microsoft Corporation", "2016", "",
					      5, &c, &n), ERR_OK);
	assert_true(n >= 2);
	assert_string_equal(c[0].cpe, "cpe:2.3:a:microsoft:access:2016:*:*:*:*:*:*:*");
	assert_true(c[0].in_dictionary);
	assert_true(c[0].confidence >= 80);
	for (size_t i = 1; i < n; i++)
		assert_true(c[i].confidence < c[0].confidence);
	/* a version the dictionary does not list: the product with the asset's version */
	assert_int_equal(asset_cpe_candidates(f->db, &f->a, "Microsoft Access", "Microsoft", "16.0.4266.1001", "", 5, &c, &n),
			 ERR_OK);
	assert_string_equal(c[0].cpe, "cpe:2.3:a:microsoft:access:16.0.4266.1001:*:*:*:*:*:*:*");
	assert_false(c[0].in_dictionary);
	assert_int_equal(asset_cpe_candidates(f->db, &f->a, "Notepad++", "Notepad++ Team", "8.6.2", "", 5, &c, &n), ERR_OK);
	assert_true(n >= 1);
	assert_string_equal(c[0].cpe, "cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.6.2:*:*:*:*:*:*:*");
	/* nothing like it */
	assert_int_equal(asset_cpe_candidates(f->db, &f->a, "Zyxwv Qqq", "", "1", "", 5, &c, &n), ERR_OK);
	assert_int_equal(n, 0);
}

static void templates(void **state)
{
	(void)state;
	for (int en = 0; en < 2; en++) {
		struct buf out;
		buf_init(&out, 0);
		assert_int_equal(asset_template_csv(en, &out), ERR_OK);
		assert_non_null(strstr(out.data, en ? "Category,Asset group code" : "資產類別,資產群組代碼"));
		/* the template reads back as a header without rows */
		struct asset_batch b;
		assert_int_equal(intake_read_csv(out.data, out.len, NULL, &b), ERR_INVALID);
		assert_int_equal(b.issues[0].code, ASSET_ISSUE_NO_ROWS);
		asset_batch_free(&b);
		buf_reset(&out);
		char err[200];
		assert_int_equal(asset_template_xlsx(en, &out, err, sizeof err), ERR_OK);
		assert_int_equal(intake_detect(out.data, out.len, err, sizeof err), INTAKE_FORMAT_XLSX);
		assert_int_equal(intake_read_xlsx(out.data, out.len, NULL, &b), ERR_INVALID);
		assert_int_equal(b.issues[0].code, ASSET_ISSUE_NO_ROWS);
		asset_batch_free(&b);
		buf_free(&out);
	}
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ten_thousand_rows(void **state)
{
	struct fixture *f = *state;
	struct buf csv;
	buf_init(&csv, 0);
	buf_puts(&csv, "資產類別,資產識別碼,資產名稱,廠牌,版本,CPE\n");
	for (int i = 0; i < 10000; i++)
		buf_printf(&csv, "資通系統資產,host-%d,Product %d,Vendor %d,1.%d.%d,cpe:2.3:a:vendor%d:product%d:1.%d:*:*:*:*:*:*:*\n",
			   i / 10, i, i % 50, i % 30, i % 7, i % 50, i, i % 30);
	struct asset_batch b;
	assert_int_equal(intake_read_csv(csv.data, csv.len, NULL, &b), ERR_OK);
	struct asset_intake in = { .org_id = f->org_a, .source = "csv", .mode = INTAKE_ALL_OR_NOTHING };
	struct asset_intake_result res;
	double t0 = now_s();
	clock_t c0 = clock();
	assert_int_equal(asset_intake_store(f->db, &in, &b, &res, NULL, 0), ERR_OK);
	double t1 = now_s();
	double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;
	assert_int_equal(res.rows_added, 10000);
	assert_int_equal(asset_intake_store(f->db, &in, &b, &res, NULL, 0), ERR_OK);
	double t2 = now_s();
	assert_int_equal(res.rows_updated, 10000);
	printf("# 10,000 rows: intake %.3f s new (%.3f s CPU), %.3f s as updates\n", t1 - t0, cpu, t2 - t1);
	/* well under a second in an optimised build; the sanitizers' build is several times slower */
#ifdef __SANITIZE_ADDRESS__
	assert_true(t1 - t0 < 8.0);
#else
	assert_true(t1 - t0 < 1.0);
#endif
	asset_batch_free(&b);
	buf_free(&csv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(groups_default_crud, setup, teardown),
		cmocka_unit_test_setup_teardown(intake_all_or_nothing_then_keep_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(records_na_and_purl, setup, teardown),
		cmocka_unit_test_setup_teardown(mapping_keys_and_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(accepted_mapping_applies_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(candidates_from_the_dictionary, setup, teardown),
		cmocka_unit_test_setup_teardown(templates, setup, teardown),
		cmocka_unit_test_setup_teardown(ten_thousand_rows, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
