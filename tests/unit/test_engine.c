/* Unit tests of the VANS engine on a real SQLite file holding the real 2002 NVD feed (and the
 * KEV catalogue where a test needs it): findings with confidence and due dates, upgrade and
 * downgrade, triage rules, KEV, rejected CVEs, organisations kept apart, and a refresh that
 * matches only the hosts a changed CVE can concern. Skipped without VANS_TESTDATA's data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "identity/org.h"
#include "kb/import.h"
#include "store/db.h"
#include "vans/engine.h"

static char data_dir[512];
static char template_dir[64];
static char template_db[128];
static bool have_data;

struct fixture {
	char dir[64];
	char path[128];
	struct db *db;
	sqlite3 *raw;              /* the test's own SQL: assets, rules, and what it checks */
	int64_t org_a, org_b;
};

/* ---- the test's own SQL -------------------------------------------------------------------- */

static void sql(struct fixture *f, const char *fmt, ...)
{
	char q[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	char *msg = NULL;
	if (sqlite3_exec(f->raw, q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg ? msg : "?");
}

static int64_t q_int(struct fixture *f, const char *fmt, ...)
{
	char q[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(f->raw, q, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(f->raw));
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return v;
}

static const char *q_text(struct fixture *f, char *out, size_t len, const char *fmt, ...)
{
	char q[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof q, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(f->raw, q, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", q, sqlite3_errmsg(f->raw));
	out[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

static int64_t next_asset_id = 1;

/* An asset on host identifier of the organisation; returns its id. */
static int64_t asset(struct fixture *f, int64_t org, const char *identifier, const char *name, const char *cpe,
		     const char *origin)
{
	int64_t id = next_asset_id++;
	sql(f,
	    "INSERT INTO asset_groups (org_id, code, name, created_at) VALUES (%lld, 'DEFAULT', 'DEFAULT', 0) "
	    "ON CONFLICT DO NOTHING;"
	    "INSERT INTO assets (id, org_id, group_id, identifier, name, cpe, cpe_origin, created_at, updated_at) "
	    "VALUES (%lld, %lld, (SELECT id FROM asset_groups WHERE org_id = %lld), '%s', '%s', '%s', '%s', 1, 1)",
	    (long long)org, (long long)id, (long long)org, (long long)org, identifier, name, cpe, origin);
	return id;
}

static void set_cpe(struct fixture *f, int64_t asset_id, const char *cpe)
{
	sql(f, "UPDATE assets SET cpe = '%s', updated_at = updated_at + 1 WHERE id = %lld", cpe, (long long)asset_id);
}

static void match(struct fixture *f, int64_t org, struct vans_match_summary *sum)
{
	char err[512] = "";
	if (vans_engine_match_org(f->db, org, NULL, 0, sum, err, sizeof err) != ERR_OK)
		fail_msg("match: %s", err);
}

static void refresh(struct fixture *f, struct vans_match_summary *sum)
{
	char err[512] = "";
	if (vans_engine_refresh(f->db, sum, err, sizeof err) != ERR_OK)
		fail_msg("refresh: %s", err);
}

static void import_nvd_json(struct fixture *f, const char *vulns)
{
	char path[192];
	snprintf(path, sizeof path, "%s/feed.json", f->dir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "{\"format\":\"NVD_CVE\",\"version\":\"2.0\",\"timestamp\":\"2030-01-01T00:00:00.000\","
		    "\"vulnerabilities\":[%s]}", vulns);
	fclose(fp);
	struct kb_import_stats st = { 0 };
	char err[512] = "";
	if (kb_import_nvd_file(f->db, path, &st, NULL, NULL, err, sizeof err) != ERR_OK)
		fail_msg("import: %s", err);
	unlink(path);
}

#define CVE_JSON(id, status, configs) CVE_JSON_AT(id, "2030-01-01", status, configs)
#define CVE_JSON_AT(id, modified, status, configs)                                                             \
	"{\"cve\":{\"id\":\"" id "\",\"published\":\"2000-01-01T00:00:00.000\",\"lastModified\":"                  \
	"\"" modified "T00:00:00.000\",\"vulnStatus\":\"" status "\",\"descriptions\":[{\"lang\":\"en\",\"value\":" \
	"\"test\"}],\"metrics\":{},\"references\":[],\"configurations\":[" configs "]}}"
#define NODE(...) "{\"nodes\":[{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":[" __VA_ARGS__ "]}]}"
#define MATCH(crit) "{\"vulnerable\":true,\"criteria\":\"" crit "\"}"

static void import_kev(struct fixture *f)
{
	char path[600];
	snprintf(path, sizeof path, "%s/kev/known_exploited_vulnerabilities.json", data_dir);
	struct kb_import_stats st = { 0 };
	char err[512] = "";
	if (kb_import_kev_file(f->db, path, &st, NULL, NULL, err, sizeof err) != ERR_OK)
		fail_msg("kev import: %s", err);
}

/* ---- fixtures ----------------------------------------------------------------------------------- */

static int group_setup(void **state)
{
	(void)state;
	const char *d = getenv("VANS_TESTDATA") ? getenv("VANS_TESTDATA") : "../shared/data";
	snprintf(data_dir, sizeof data_dir, "%s", d);
	char feed[600];
	snprintf(feed, sizeof feed, "%s/nvd/feeds-2.0/nvdcve-2.0-2002.json.zip", data_dir);
	struct stat sb;
	if (stat(feed, &sb) != 0)
		return 0;
	snprintf(template_dir, sizeof template_dir, "/tmp/vans-engine-XXXXXX");
	if (!mkdtemp(template_dir))
		return -1;
	snprintf(template_db, sizeof template_db, "%s/template.db", template_dir);
	char err[512];
	int applied;
	struct db *db = db_open(template_db, err, sizeof err);
	if (!db || db_migrate(db, &applied, err, sizeof err) != ERR_OK)
		return -1;
	struct kb_import_stats st = { 0 };
	if (kb_import_nvd_file(db, feed, &st, NULL, NULL, err, sizeof err) != ERR_OK) {
		fprintf(stderr, "import %s: %s\n", feed, err);
		return -1;
	}
	db_close(db);
	have_data = true;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	if (have_data) {
		unlink(template_db);
		rmdir(template_dir);
	}
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (!in || !out) {
		if (in)
			fclose(in);
		if (out)
			fclose(out);
		return -1;
	}
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	fclose(out);
	return 0;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	if (!have_data)
		return 0;
	snprintf(f->dir, sizeof f->dir, "/tmp/vans-engine-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/vans.db", f->dir);
	if (copy_file(template_db, f->path) < 0)
		return -1;
	char err[512];
	f->db = db_open(f->path, err, sizeof err);
	if (!f->db || sqlite3_open(f->path, &f->raw) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->raw, 5000);
	const char *why = NULL;
	struct org_new a = { .identifier = "2.16.886.105.100010", .name = "Org A", .level = "A" };
	struct org_new b = { .identifier = "2.16.886.101.20003", .name = "Org B", .level = "C" };
	if (org_add(f->db, &a, &f->org_a, &why) != ERR_OK || org_add(f->db, &b, &f->org_b, &why) != ERR_OK) {
		fprintf(stderr, "org_add: %s\n", why ? why : "?");
		return -1;
	}
	/* without assets a refresh only records how far the feeds are */
	struct vans_match_summary sum;
	if (vans_engine_refresh(f->db, &sum, err, sizeof err) != ERR_OK || !sum.no_assets)
		return -1;
	next_asset_id = 1;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	vans_engine_stop();
	if (f->raw)
		sqlite3_close(f->raw);
	if (f->db)
		db_close(f->db);
	if (f->dir[0]) {
		const char *files[] = { "vans.db", "vans.db-wal", "vans.db-shm", "feed.json" };
		char p[192];
		for (size_t i = 0; i < 4; i++) {
			snprintf(p, sizeof p, "%s/%s", f->dir, files[i]);
			unlink(p);
		}
		rmdir(f->dir);
	}
	free(f);
	return 0;
}

#define NEED_DATA()            \
	do {                   \
		if (!have_data) \
			skip(); \
	} while (0)

/* ---- tests ---------------------------------------------------------------------------------------- */

static void a_new_finding_has_its_confidence_due_date_event_and_notice(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	int64_t ssh = asset(f, f->org_a, "h1", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	int64_t sugg = asset(f, f->org_a, "h2", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "suggested");
	int64_t only = asset(f, f->org_a, "h3", "OpenSSH", "cpe:2.3:a:openbsd:openssh:*:*:*:*:*:*:*:*", "product_only");
	asset(f, f->org_a, "h4", "Unknown thing", "", "none");
	int64_t before = clock_now_unix();
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	assert_int_equal(sum.hosts, 4);
	assert_int_equal(sum.assets, 4);
	assert_true(sum.findings_new > 0);
	assert_int_equal(sum.findings_new, sum.findings_active);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings"), (int64_t)sum.findings_new);

	/* CVE-2000-0525 names openssh 1.2.3 itself: 100; CVE-2001-0529 a range up to 2.9: 90 */
	assert_int_equal(q_int(f, "SELECT confidence FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)ssh), 100);
	assert_int_equal(q_int(f, "SELECT confidence FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2001-0529'",
			       (long long)ssh), 90);
	assert_int_equal(q_int(f, "SELECT confidence FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)sugg), 80);
	assert_int_equal(q_int(f, "SELECT confidence FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)only), 30);
	char t[256];
	assert_string_equal(q_text(f, t, sizeof t, "SELECT matched_cpe FROM findings WHERE asset_id = %lld LIMIT 1",
				   (long long)ssh), "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*");
	assert_string_equal(q_text(f, t, sizeof t, "SELECT criterion FROM findings WHERE asset_id = %lld AND "
				   "cve_id = 'CVE-2000-0525'", (long long)ssh),
			    "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*");
	/* due: level A, HIGH → 14 days (not in KEV) */
	assert_string_equal(q_text(f, t, sizeof t, "SELECT severity FROM cve WHERE id = 'CVE-2000-0525'"), "HIGH");
	int64_t due = q_int(f, "SELECT due_at FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			    (long long)ssh);
	assert_true(due >= before + 14 * 86400 && due <= clock_now_unix() + 14 * 86400);
	int64_t first = q_int(f, "SELECT first_seen FROM findings WHERE asset_id = %lld LIMIT 1", (long long)ssh);
	assert_true(first >= before);
	assert_string_equal(q_text(f, t, sizeof t, "SELECT status FROM findings LIMIT 1"), "open");
	/* one 'found' event and one 'new' notice per finding, of the organisation */
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events WHERE kind = 'found'"), (int64_t)sum.findings_new);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM notice_pending WHERE reason = 'new' AND org_id = %lld",
			       (long long)f->org_a), (int64_t)sum.findings_new);
	assert_int_equal(q_int(f, "SELECT urgent FROM notice_pending n JOIN findings x ON x.id = n.finding_id "
			       "WHERE x.asset_id = %lld AND x.cve_id = 'CVE-2000-0525'", (long long)ssh), 0);
	/* nothing for the asset without a CPE */
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings f JOIN assets a ON a.id = f.asset_id WHERE "
			       "a.identifier = 'h4'"), 0);

	/* again: nothing new, nothing written but last_seen */
	struct vans_match_summary again;
	match(f, f->org_a, &again);
	assert_int_equal(again.findings_new, 0);
	assert_int_equal(again.findings_inactive, 0);
	assert_int_equal(again.findings_active, sum.findings_active);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM notice_pending"), (int64_t)sum.findings_new);
}

static void an_upgrade_makes_findings_inactive_and_a_downgrade_brings_them_back(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	int64_t ssh = asset(f, f->org_a, "h1", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	size_t found = sum.findings_new;
	assert_true(found > 0);
	int64_t id = q_int(f, "SELECT id FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'", (long long)ssh);
	assert_true(id > 0);

	/* upgraded past every CVE of 2002 and before */
	set_cpe(f, ssh, "cpe:2.3:a:openbsd:openssh:9.9:*:*:*:*:*:*:*");
	match(f, f->org_a, &sum);
	assert_int_equal(sum.findings_new, 0);
	assert_int_equal(sum.findings_inactive, found);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE active = 1"), 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings"), (int64_t)found);   /* never deleted */
	assert_true(q_int(f, "SELECT inactive_since FROM findings WHERE id = %lld", (long long)id) > 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events WHERE finding_id = %lld AND kind = 'inactive'",
			       (long long)id), 1);

	/* and back */
	set_cpe(f, ssh, "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*");
	match(f, f->org_a, &sum);
	assert_int_equal(sum.findings_new, 0);
	assert_int_equal(sum.findings_reactivated, found);
	assert_int_equal(q_int(f, "SELECT active FROM findings WHERE id = %lld", (long long)id), 1);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE inactive_since IS NOT NULL"), 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events WHERE finding_id = %lld AND kind = 'reactivated'",
			       (long long)id), 1);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM notice_pending WHERE finding_id = %lld AND reason = 'reactivated'",
			       (long long)id), 1);
	char t[64];
	assert_string_equal(q_text(f, t, sizeof t, "SELECT group_concat(kind, ',') FROM (SELECT kind FROM finding_events "
				   "WHERE finding_id = %lld ORDER BY id)", (long long)id), "found,inactive,reactivated");
}

static void a_triage_rule_applies_to_new_findings_of_the_product_in_the_organisation_only(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	sql(f, "INSERT INTO triage_rules (org_id, cve_id, vendor, product, status, vex_justification, note, created_at) "
	       "VALUES (%lld, 'CVE-2000-0525', 'openbsd', 'openssh', 'not_affected', 'code_not_reachable', 'not built', 1)",
	    (long long)f->org_a);
	int64_t a1 = asset(f, f->org_a, "h1", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	int64_t a2 = asset(f, f->org_a, "h2", "OpenSSH old", "cpe:2.3:a:openbsd:openssh:2.1:*:*:*:*:*:*:*", "given");
	int64_t b1 = asset(f, f->org_b, "h1", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	match(f, f->org_b, &sum);
	char t[64];
	/* every version and asset of the product in organisation A */
	for (int i = 0; i < 2; i++) {
		int64_t id = i ? a2 : a1;
		assert_string_equal(q_text(f, t, sizeof t, "SELECT status FROM findings WHERE asset_id = %lld AND "
					   "cve_id = 'CVE-2000-0525'", (long long)id), "not_affected");
		assert_string_equal(q_text(f, t, sizeof t, "SELECT vex_justification FROM findings WHERE asset_id = %lld "
					   "AND cve_id = 'CVE-2000-0525'", (long long)id), "code_not_reachable");
		assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events e JOIN findings x ON x.id = e.finding_id "
				       "WHERE x.asset_id = %lld AND x.cve_id = 'CVE-2000-0525' AND e.kind = 'status' "
				       "AND e.new_value = 'not_affected'", (long long)id), 1);
	}
	/* other CVEs of the product stay open */
	assert_string_equal(q_text(f, t, sizeof t, "SELECT status FROM findings WHERE asset_id = %lld AND "
				   "cve_id = 'CVE-2001-0529'", (long long)a1), "open");
	/* never across organisations */
	assert_string_equal(q_text(f, t, sizeof t, "SELECT status FROM findings WHERE asset_id = %lld AND "
				   "cve_id = 'CVE-2000-0525'", (long long)b1), "open");
}

static void a_kev_cve_takes_the_kev_due_date_and_a_newly_listed_one_an_urgent_notice(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	/* CVE-2002-0367 (Windows NT 4.0, Windows 2000) is in KEV, due 2022-03-24; NVD's copy of
	 * the KEV fields counts too, so it goes until the catalogue is imported */
	sql(f, "UPDATE cve SET cisa_exploit_add = NULL, cisa_action_due = NULL WHERE id = 'CVE-2002-0367'");
	int64_t nt = asset(f, f->org_a, "srv1", "Windows NT", "cpe:2.3:o:microsoft:windows_nt:4.0:*:*:*:*:*:*:*", "given");
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	int64_t id = q_int(f, "SELECT id FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2002-0367'", (long long)nt);
	assert_true(id > 0);
	int64_t kev_due = 1648080000;   /* 2022-03-24T00:00:00Z */
	assert_true(q_int(f, "SELECT due_at FROM findings WHERE id = %lld", (long long)id) != kev_due);
	assert_int_equal(q_int(f, "SELECT urgent FROM notice_pending WHERE finding_id = %lld", (long long)id), 0);

	/* the catalogue arrives: the refresh gives the finding KEV's due date and one urgent notice */
	import_kev(f);
	refresh(f, &sum);
	assert_int_equal(sum.kev_findings, 1);
	assert_int_equal(q_int(f, "SELECT due_at FROM findings WHERE id = %lld", (long long)id), kev_due);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM notice_pending WHERE finding_id = %lld AND reason = 'kev' "
			       "AND urgent = 1", (long long)id), 1);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events WHERE finding_id = %lld AND kind = 'due'",
			       (long long)id), 1);
	refresh(f, &sum);
	assert_int_equal(sum.kev_findings, 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM notice_pending WHERE reason = 'kev'"), 1);

	/* a finding made after the CVE is in KEV has the KEV due date at once, its notice urgent */
	int64_t w2k = asset(f, f->org_b, "srv2", "Windows 2000", "cpe:2.3:o:microsoft:windows_2000:-:*:*:*:*:*:*:*", "given");
	match(f, f->org_b, &sum);
	int64_t id2 = q_int(f, "SELECT id FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2002-0367'", (long long)w2k);
	assert_true(id2 > 0);
	assert_int_equal(q_int(f, "SELECT due_at FROM findings WHERE id = %lld", (long long)id2), kev_due);
	assert_int_equal(q_int(f, "SELECT urgent FROM notice_pending WHERE finding_id = %lld AND reason = 'new'",
			       (long long)id2), 1);
	assert_int_equal(q_int(f, "SELECT org_id FROM notice_pending WHERE finding_id = %lld", (long long)id2), f->org_b);
}

static void a_rejected_cve_never_makes_a_finding(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	int64_t ssh = asset(f, f->org_a, "h1", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	assert_int_equal(q_int(f, "SELECT active FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)ssh), 1);
	/* CVE-2000-0525 is rejected (its configuration kept), and a new rejected CVE names the
	 * very CPE */
	import_nvd_json(f, CVE_JSON("CVE-2000-0525", "Rejected", NODE(MATCH("cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*")))
			","
			CVE_JSON("CVE-2000-9999", "Rejected", NODE(MATCH("cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*"))));
	assert_int_equal(q_int(f, "SELECT rejected FROM cve WHERE id = 'CVE-2000-9999'"), 1);
	refresh(f, &sum);
	assert_int_equal(sum.findings_inactive, 1);
	assert_int_equal(sum.findings_new, 0);
	assert_int_equal(q_int(f, "SELECT active FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)ssh), 0);
	/* a full match agrees */
	match(f, f->org_a, &sum);
	assert_int_equal(sum.findings_new, 0);
	assert_int_equal(sum.findings_reactivated, 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE cve_id IN ('CVE-2000-0525', 'CVE-2000-9999') "
			       "AND active = 1"), 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE cve_id = 'CVE-2000-9999'"), 0);
}

static void one_organisation_never_makes_or_touches_anothers_findings(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	/* the same identifier in both: two hosts, not one. A's application "running on" B's
	 * operating system would need both on one host. */
	int64_t a1 = asset(f, f->org_a, "shared-id", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	int64_t b1 = asset(f, f->org_b, "shared-id", "OpenSSH new", "cpe:2.3:a:openbsd:openssh:9.9:*:*:*:*:*:*:*", "given");
	int64_t b2 = asset(f, f->org_b, "b-only", "Windows NT", "cpe:2.3:o:microsoft:windows_nt:4.0:*:*:*:*:*:*:*", "given");
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	assert_int_equal(sum.hosts, 1);
	assert_int_equal(sum.assets, 1);
	/* only A's asset, only A's organisation */
	assert_true(q_int(f, "SELECT COUNT(*) FROM findings") > 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE org_id <> %lld OR asset_id <> %lld",
			       (long long)f->org_a, (long long)a1), 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM notice_pending WHERE org_id <> %lld", (long long)f->org_a), 0);
	match(f, f->org_b, &sum);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE asset_id = %lld", (long long)b1), 0);
	assert_true(q_int(f, "SELECT COUNT(*) FROM findings WHERE asset_id = %lld AND org_id = %lld", (long long)b2,
			  (long long)f->org_b) > 0);
	/* B's re-match left A's findings as they were */
	int64_t a_active = q_int(f, "SELECT COUNT(*) FROM findings WHERE org_id = %lld AND active = 1", (long long)f->org_a);
	sql(f, "DELETE FROM finding_events; DELETE FROM notice_pending");
	match(f, f->org_b, &sum);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE org_id = %lld AND active = 1", (long long)f->org_a),
			 a_active);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events"), 0);
	/* every finding's organisation is its asset's */
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings x JOIN assets a ON a.id = x.asset_id "
			       "WHERE a.org_id <> x.org_id"), 0);
}

static void a_refresh_matches_only_the_hosts_a_changed_cve_can_concern(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	const char *others[] = { "cpe:2.3:o:microsoft:windows_nt:4.0:*:*:*:*:*:*:*",
				 "cpe:2.3:a:apache:http_server:1.3.20:*:*:*:*:*:*:*",
				 "cpe:2.3:a:php:php:4.1.0:*:*:*:*:*:*:*",
				 "cpe:2.3:o:linux:linux_kernel:2.4.18:*:*:*:*:*:*:*" };
	char ident[32];
	int64_t old_ssh = 0, new_ssh = 0;
	for (int i = 0; i < 40; i++) {
		snprintf(ident, sizeof ident, "host-%02d", i);
		if (i < 6) {
			int64_t id = asset(f, i % 2 ? f->org_a : f->org_b, ident, "OpenSSH",
					   i == 5 ? "cpe:2.3:a:openbsd:openssh:9.9:*:*:*:*:*:*:*"
						  : "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
			if (i == 0)
				old_ssh = id;
			if (i == 5)
				new_ssh = id;
		}
		asset(f, i % 2 ? f->org_a : f->org_b, ident, "Other", others[i % 4], "given");
	}
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	match(f, f->org_b, &sum);
	int64_t total = q_int(f, "SELECT COUNT(*) FROM findings WHERE active = 1");
	assert_true(total > 40);

	/* nothing changed: nothing matched */
	refresh(f, &sum);
	assert_int_equal(sum.cves_changed, 0);
	assert_int_equal(sum.hosts_checked, 0);

	/* CVE-2000-0525 now names only OpenSSH 9.9 */
	sql(f, "DELETE FROM finding_events; DELETE FROM notice_pending");
	import_nvd_json(f, CVE_JSON("CVE-2000-0525", "Modified", NODE(MATCH("cpe:2.3:a:openbsd:openssh:9.9:*:*:*:*:*:*:*"))));
	refresh(f, &sum);
	assert_int_equal(sum.cves_changed, 1);
	assert_int_equal(sum.hosts, 40);
	assert_int_equal(sum.hosts_checked, 6);          /* the hosts with OpenSSH, in both organisations */
	assert_int_equal(sum.findings_new, 1);
	assert_int_equal(sum.findings_inactive, 5);
	assert_int_equal(q_int(f, "SELECT active FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)new_ssh), 1);
	assert_int_equal(q_int(f, "SELECT active FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)old_ssh), 0);
	/* only findings of the changed CVE were touched */
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM finding_events e JOIN findings x ON x.id = e.finding_id "
			       "WHERE x.cve_id <> 'CVE-2000-0525'"), 0);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE active = 1"), total - 5 + 1);
	assert_int_equal(q_int(f, "SELECT value FROM vans_state WHERE name = 'matched_cve_seq'"),
			 q_int(f, "SELECT MAX(change_seq) FROM cve"));

	/* a fresh process (the index loaded after the import) catches up from vans_state */
	import_nvd_json(f, CVE_JSON_AT("CVE-2000-0525", "2030-02-01", "Modified",
				       NODE(MATCH("cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*"))));
	vans_engine_stop();
	char err[256];
	assert_int_equal(vans_engine_start(f->db, err, sizeof err), ERR_OK);
	refresh(f, &sum);
	assert_int_equal(sum.cves_changed, 1);
	assert_int_equal(sum.hosts_checked, 6);
	assert_int_equal(sum.findings_reactivated, 5);
	assert_int_equal(sum.findings_inactive, 1);
}

static void several_products_of_one_host_each_get_the_cve_they_match(void **state)
{
	struct fixture *f = *state;
	NEED_DATA();
	/* two OpenSSH installs on one host (same CPE under two names): both are vulnerable */
	int64_t a1 = asset(f, f->org_a, "h1", "OpenSSH", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	int64_t a2 = asset(f, f->org_a, "h1", "OpenSSH (second)", "cpe:2.3:a:openbsd:openssh:1.2.3:*:*:*:*:*:*:*", "given");
	struct vans_match_summary sum;
	match(f, f->org_a, &sum);
	assert_int_equal(sum.hosts, 1);
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE asset_id = %lld", (long long)a1),
			 q_int(f, "SELECT COUNT(*) FROM findings WHERE asset_id = %lld", (long long)a2));
	assert_int_equal(q_int(f, "SELECT COUNT(*) FROM findings WHERE asset_id = %lld AND cve_id = 'CVE-2000-0525'",
			       (long long)a2), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_new_finding_has_its_confidence_due_date_event_and_notice, setup, teardown),
		cmocka_unit_test_setup_teardown(an_upgrade_makes_findings_inactive_and_a_downgrade_brings_them_back, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_triage_rule_applies_to_new_findings_of_the_product_in_the_organisation_only,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_kev_cve_takes_the_kev_due_date_and_a_newly_listed_one_an_urgent_notice,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_rejected_cve_never_makes_a_finding, setup, teardown),
		cmocka_unit_test_setup_teardown(one_organisation_never_makes_or_touches_anothers_findings, setup, teardown),
		cmocka_unit_test_setup_teardown(a_refresh_matches_only_the_hosts_a_changed_cve_can_concern, setup, teardown),
		cmocka_unit_test_setup_teardown(several_products_of_one_host_each_get_the_cve_they_match, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
