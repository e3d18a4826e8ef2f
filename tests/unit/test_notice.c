/* Unit tests of VANS notices (src/vans/notice*.c) and the outbox's webhook signature: the
 * HMAC-SHA256 header against RFC 4231's vector, urgency and order, the mail's wording, digest
 * timing, and the dispatcher on a real SQLite file — grouped per organisation, each user told
 * by their choice, nobody told about another organisation, each notice claimed exactly once
 * even by two dispatchers at once, the digest only 24 h later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/crypto.h"
#include "outbox/message.h"
#include "store/db.h"
#include "vans/notice.h"

static struct config cfg;

static void webhook_signature_is_hmac_sha256_hex(void **state)
{
	(void)state;
	char sig[MESSAGE_SIGNATURE_LEN];
	/* RFC 4231 test case 2 */
	const char *data = "what do ya want for nothing?";
	message_webhook_signature("Jefe", data, strlen(data), sig);
	assert_string_equal(sig, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	/* the same as the receiver computes: the body as sent, byte for byte */
	const char *body = "{\"event\":\"vans.test\"}";
	message_webhook_signature("s3cret", body, strlen(body), sig);
	assert_int_equal(strlen(sig), 71);
	assert_memory_equal(sig, "sha256=", 7);
	char other[MESSAGE_SIGNATURE_LEN];
	message_webhook_signature("s3cret", body, strlen(body) - 1, other);
	assert_string_not_equal(sig, other);
}

static struct notice_item item(int64_t id, const char *cve, const char *sev, double cvss, bool kev, bool urgent)
{
	return (struct notice_item){ .finding_id = id, .reason = kev ? "kev" : "new", .urgent = urgent, .cve = cve,
				     .severity = sev, .cvss = cvss, .kev = kev, .kev_due = kev ? "2026-12-14" : "",
				     .identifier = "host-01", .asset = "Apache Tomcat", .vendor = "Apache",
				     .version = "9.0.30", .cpe = "cpe:2.3:a:apache:tomcat:9.0.30:*:*:*:*:*:*:*" };
}

static void urgent_items_come_first_then_by_score(void **state)
{
	(void)state;
	struct notice_item it[] = {
		item(1, "CVE-2020-0001", "MEDIUM", 5.0, false, false),
		item(2, "CVE-2020-0002", "HIGH", 8.8, false, false),
		item(3, "CVE-2020-0003", "HIGH", 7.5, true, false),     /* KEV: urgent */
		item(4, "CVE-2020-0004", "CRITICAL", 9.8, false, false), /* critical: urgent */
		item(5, "CVE-2020-0005", "", -1, false, false),
	};
	assert_false(notice_item_urgent(&it[0]));
	assert_true(notice_item_urgent(&it[2]));
	assert_true(notice_item_urgent(&it[3]));
	notice_items_sort(it, 5);
	assert_int_equal(it[0].finding_id, 3);   /* KEV before critical */
	assert_int_equal(it[1].finding_id, 4);
	assert_int_equal(it[2].finding_id, 2);
	assert_int_equal(it[3].finding_id, 1);
	assert_int_equal(it[4].finding_id, 5);
	notice_items_sort(it, 0); /* nothing to sort is fine */
}

static void mail_is_chinese_then_english_and_marks_urgent(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	struct notice_item it[] = { item(7, "CVE-2021-44228", "CRITICAL", 10.0, true, true),
				    item(8, "CVE-2020-1938", "HIGH", 7.5, false, false) };
	const char *subject, *body;
	notice_mail_compose(&a, NOTICE_MAIL_NOW, "https://vans.example.gov.tw", "示範機關", "王小明", it, 2, &subject,
			    &body);
	assert_non_null(strstr(subject, "【緊急】"));
	assert_non_null(strstr(subject, "[URGENT]"));
	const char *zh = strstr(body, "王小明 您好"), *en = strstr(body, "Dear 王小明");
	assert_non_null(zh);
	assert_non_null(en);
	assert_true(zh < en);
	assert_non_null(strstr(body, "KEV 修補期限 2026-12-14"));
	assert_non_null(strstr(body, "KEV due 2026-12-14"));
	assert_non_null(strstr(body, "https://vans.example.gov.tw/findings/7"));
	assert_non_null(strstr(body, "Apache Tomcat 9.0.30"));
	assert_non_null(strstr(body, "CVSS 10.0"));
	/* urgent first in both languages */
	assert_true(strstr(body, "CVE-2021-44228") < strstr(body, "CVE-2020-1938"));
	notice_mail_compose(&a, NOTICE_MAIL_DIGEST, "http://x", "示範機關", "王小明", it + 1, 1, &subject, &body);
	assert_null(strstr(subject, "緊急"));
	assert_null(strstr(subject, "URGENT"));
	assert_non_null(strstr(subject, "每日摘要"));
	assert_non_null(strstr(subject, "Daily digest"));
	arena_free(&a);
	struct buf b;
	buf_init(&b, 0);
	notice_webhook_json(&b, "http://x", "2.16.886.101.20003", "示範機關", 0, it, 2, false);
	assert_non_null(strstr(b.data, "\"event\":\"vans.findings\""));
	assert_non_null(strstr(b.data, "\"kev_due_date\":\"2026-12-14\""));
	assert_non_null(strstr(b.data, "\"urgent\":1,\"findings\":["));
	buf_free(&b);
}

static void webhook_urls_are_http_without_spaces(void **state)
{
	(void)state;
	assert_true(notice_webhook_url_valid("https://soc.example.gov.tw/hooks/vans"));
	assert_true(notice_webhook_url_valid("http://127.0.0.1:8443/x?y=1"));
	assert_false(notice_webhook_url_valid("ftp://example.test/x"));
	assert_false(notice_webhook_url_valid("https://"));
	assert_false(notice_webhook_url_valid("https:///path"));
	assert_false(notice_webhook_url_valid("https://a.test/x y"));
	assert_false(notice_webhook_url_valid("https://a.test/\r\nX-Evil: 1"));
	assert_false(notice_webhook_url_valid(NULL));
}

static void digest_is_due_a_day_after_the_last(void **state)
{
	(void)state;
	assert_int_equal(notice_digest_due(1000, 5000), 1000 + 86400);
	/* never had one: a day after the oldest notice waiting */
	assert_int_equal(notice_digest_due(0, 5000), 5000 + 86400);
}

/* ---- the dispatcher on a database ---- */

#define T0 1795000000   /* 2026-11-17 */

static const char *fixture =
	"INSERT INTO organisations (id, id_kind, identifier, name, level, created_at) VALUES "
	"(1, 'oid', '2.16.886.101.20003', '甲機關', 'A', 0), (2, 'ubn', '04595257', '乙公司', 'B', 0);"
	"INSERT INTO accounts (id, org_id, username, name, email, status, created_at) VALUES "
	"(1, 1, 'daily1', '甲一', 'daily1@a.test', 'active', 0),"
	"(2, 1, 'now1', '甲二', 'now1@a.test', 'active', 0),"
	"(3, 1, 'noperm', '甲三', 'noperm@a.test', 'active', 0),"
	"(4, 1, 'gone', '甲四', 'gone@a.test', 'disabled', 0),"
	"(5, 2, 'userb', '乙一', 'userb@b.test', 'active', 0),"
	"(6, 1, 'quiet', '甲五', 'quiet@a.test', 'active', 0);"
	"INSERT INTO permissions (account_id, module, permission, status, requested_at) VALUES "
	"(1, 'vans', 'general', 'approved', 0), (2, 'vans', 'org_admin', 'approved', 0),"
	"(3, 'vans', 'general', 'pending', 0), (4, 'vans', 'general', 'approved', 0),"
	"(5, 'vans', 'general', 'approved', 0), (6, 'vans', 'general', 'approved', 0);"
	"INSERT INTO notice_prefs (account_id, email) VALUES (2, 'immediate'), (6, 'off');"
	"INSERT INTO cve (id, published, published_unix, last_modified, last_modified_unix, severity, cvss_score, "
	"origin, change_seq) VALUES "
	"('CVE-2021-44228', '', 0, '', 0, 'CRITICAL', 10.0, 'nvd', 1),"
	"('CVE-2020-1938', '', 0, '', 0, 'CRITICAL', 9.8, 'nvd', 1),"
	"('CVE-2023-0001', '', 0, '', 0, 'MEDIUM', 5.3, 'nvd', 1),"
	"('CVE-2023-0002', '', 0, '', 0, 'HIGH', 7.5, 'nvd', 1),"
	"('CVE-2023-0003', '', 0, '', 0, 'MEDIUM', 4.3, 'nvd', 1);"
	"INSERT INTO kev (cve_id, vendor_project, product, vulnerability_name, date_added, short_description, "
	"required_action, due_date, ransomware, catalog_version, change_seq) VALUES "
	"('CVE-2023-0002', 'Acme', 'Widget', 'x', '2023-01-10', 'x', 'x', '2023-01-31', 'Unknown', '1', 1);"
	"INSERT INTO asset_groups (id, org_id, code, name, created_at) VALUES (1, 1, 'DEFAULT', 'DEFAULT', 0),"
	"(2, 2, 'DEFAULT', 'DEFAULT', 0);"
	"INSERT INTO assets (id, org_id, group_id, identifier, name, vendor, version, created_at, updated_at) VALUES "
	"(1, 1, 1, 'a-host-1', 'Apache Log4j', 'Apache', '2.14.1', 0, 0),"
	"(2, 1, 1, 'a-host-1', 'Acme Widget', 'Acme', '1.0', 0, 0),"
	"(3, 2, 2, 'b-secret-host', 'Zeta Server', 'Zeta', '3.1', 0, 0);"
	"INSERT INTO findings (id, org_id, asset_id, cve_id, first_seen, last_seen, confidence, status, updated_at) "
	"VALUES (1, 1, 1, 'CVE-2021-44228', 0, 0, 100, 'open', 0),"
	"(2, 1, 2, 'CVE-2023-0001', 0, 0, 100, 'open', 0),"
	"(3, 1, 2, 'CVE-2023-0002', 0, 0, 100, 'open', 0),"
	"(4, 1, 1, 'CVE-2023-0003', 0, 0, 100, 'false_positive', 0),"
	"(5, 2, 3, 'CVE-2023-0001', 0, 0, 100, 'open', 0),"
	"(6, 2, 3, 'CVE-2020-1938', 0, 0, 100, 'open', 0);"
	"INSERT INTO notice_pending (org_id, finding_id, reason, urgent, created_at) VALUES "
	"(1, 1, 'new', 1, 0), (1, 2, 'new', 0, 0), (1, 3, 'kev', 1, 0), (1, 4, 'new', 0, 0), (2, 5, 'new', 0, 0);";

struct fx {
	char dir[64], path[96];
	struct db *db;
};

static void fx_open(struct fx *f)
{
	snprintf(f->dir, sizeof f->dir, "/tmp/vans-notice-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/v.db", f->dir);
	char err[256];
	f->db = db_open(f->path, err, sizeof err);
	assert_non_null(f->db);
	int applied;
	assert_int_equal(db_migrate(f->db, &applied, err, sizeof err), ERR_OK);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	sqlite3_busy_timeout(raw, 5000);
	char *msg = NULL;
	int rc = sqlite3_exec(raw, fixture, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("fixture: %s", msg);
	sqlite3_close(raw);
}

static void fx_close(struct fx *f)
{
	db_close(f->db);
	char p[160];
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", f->path, suffix[i]);
		unlink(p);
	}
	rmdir(f->dir);
}

/* Outbox rows as "channel recipient|subject|body" lines, for searching. */
static void outbox_dump(struct fx *f, struct buf *out, const char *to)
{
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(raw, "SELECT channel, recipient, subject, body, secret FROM outbox WHERE recipient LIKE ?1 ORDER BY id",
			   -1, &s, NULL);
	sqlite3_bind_text(s, 1, to, -1, SQLITE_STATIC);
	while (sqlite3_step(s) == SQLITE_ROW)
		buf_printf(out, "%s %s|%s|%s|%s\n", sqlite3_column_text(s, 0), sqlite3_column_text(s, 1),
			   sqlite3_column_text(s, 2), sqlite3_column_text(s, 3), sqlite3_column_text(s, 4));
	sqlite3_finalize(s);
	sqlite3_close(raw);
}

static int64_t count(struct fx *f, const char *sql)
{
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(raw, sql, -1, &s, NULL), SQLITE_OK);
	int64_t n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_finalize(s);
	sqlite3_close(raw);
	return n;
}

static void dispatcher_tells_each_organisation_its_own_by_choice(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	char secret[NOTICE_SECRET_LEN + 1];
	assert_int_equal(notice_webhook_save(f.db, 1, "not a url", true, T0, secret), ERR_INVALID);
	assert_int_equal(notice_webhook_save(f.db, 1, "http://127.0.0.1:9/hook", false, T0, secret), ERR_OK);
	assert_int_equal(strlen(secret), NOTICE_SECRET_LEN);
	struct notice_result r = { 0 };
	char err[256];
	assert_int_equal(notice_run(f.db, &cfg, T0, &r, err, sizeof err), ERR_OK);
	assert_int_equal(r.notices, 5);
	assert_int_equal(r.orgs, 2);
	/* A: daily1, now1, quiet (off: in-app only); B: userb. Never noperm (pending) or gone (disabled). */
	assert_int_equal(r.notifications, 4);
	assert_int_equal(r.mails, 2);          /* daily1 (urgent ones), now1 (all) */
	assert_int_equal(r.digest_items, 2);   /* daily1's medium one, userb's */
	assert_int_equal(r.webhooks, 1);       /* A only: B has none */
	assert_int_equal(r.digests, 0);
	assert_int_equal(count(&f, "SELECT COUNT(*) FROM notifications WHERE account_id IN (3, 4)"), 0);
	assert_int_equal(count(&f, "SELECT COUNT(*) FROM notifications WHERE account_id = 6"), 1);
	struct buf b;
	buf_init(&b, 0);
	outbox_dump(&f, &b, "daily1@a.test");
	assert_non_null(strstr(b.data, "【緊急】"));
	assert_non_null(strstr(b.data, "CVE-2021-44228"));
	assert_non_null(strstr(b.data, "CVE-2023-0002"));
	assert_null(strstr(b.data, "CVE-2023-0001"));   /* medium: waits for the digest */
	assert_null(strstr(b.data, "CVE-2023-0003"));   /* a false positive is not news */
	buf_reset(&b);
	outbox_dump(&f, &b, "now1@a.test");
	assert_non_null(strstr(b.data, "CVE-2023-0001"));
	assert_non_null(strstr(b.data, "KEV 修補期限 2023-01-31"));
	buf_reset(&b);
	outbox_dump(&f, &b, "%");
	assert_null(strstr(b.data, "userb@b.test"));     /* B's one notice is not urgent */
	assert_null(strstr(b.data, "quiet@a.test"));     /* e-mail off */
	assert_null(strstr(b.data, "b-secret-host"));    /* B's asset nowhere in A's mail or webhook */
	assert_null(strstr(b.data, "Zeta"));
	assert_non_null(strstr(b.data, "webhook http://127.0.0.1:9/hook|vans.findings|{\"event\":\"vans.findings\""));
	assert_non_null(strstr(b.data, secret));
	buf_free(&b);

	/* nothing twice */
	memset(&r, 0, sizeof r);
	assert_int_equal(notice_run(f.db, &cfg, T0 + 60, &r, err, sizeof err), ERR_OK);
	assert_int_equal(r.notices + r.mails + r.digests + r.webhooks, 0);
	/* the digest waits 24 h */
	assert_int_equal(notice_run(f.db, &cfg, T0 + 86399, &r, err, sizeof err), ERR_OK);
	assert_int_equal(r.digests, 0);
	assert_int_equal(notice_run(f.db, &cfg, T0 + 86400, &r, err, sizeof err), ERR_OK);
	assert_int_equal(r.digests, 2);
	buf_init(&b, 0);
	outbox_dump(&f, &b, "userb@b.test");
	assert_non_null(strstr(b.data, "每日摘要"));
	assert_non_null(strstr(b.data, "Zeta Server"));
	assert_null(strstr(b.data, "Log4j"));
	buf_reset(&b);
	outbox_dump(&f, &b, "daily1@a.test");
	assert_non_null(strstr(b.data, "Daily digest"));
	assert_non_null(strstr(b.data, "CVE-2023-0001"));
	buf_free(&b);
	assert_int_equal(count(&f, "SELECT COUNT(*) FROM notice_digest"), 0);
	assert_int_equal(count(&f, "SELECT last_digest_at FROM notice_prefs WHERE account_id = 1"), T0 + 86400);
	/* the next one a day after that */
	sqlite3 *raw;
	sqlite3_open(f.path, &raw);
	sqlite3_exec(raw, "INSERT INTO notice_pending (org_id, finding_id, reason, urgent, created_at) VALUES (1, 2, 'changed', 0, 0)",
		     NULL, NULL, NULL);
	sqlite3_close(raw);
	memset(&r, 0, sizeof r);
	assert_int_equal(notice_run(f.db, &cfg, T0 + 90000, &r, err, sizeof err), ERR_OK);
	assert_int_equal(r.digest_items, 1);
	assert_int_equal(r.digests, 0);
	assert_int_equal(notice_run(f.db, &cfg, T0 + 2 * 86400, &r, err, sizeof err), ERR_OK);
	assert_int_equal(r.digests, 1);

	/* the pages' side: unread count, mark read, e-mail choice */
	assert_int_equal(notice_unread_count(f.db, 1), 2);
	struct arena a;
	arena_init(&a, 0);
	struct notification *list;
	size_t n;
	assert_int_equal(notice_list(f.db, &a, 1, 50, &list, &n), ERR_OK);
	assert_int_equal(n, 2);
	assert_true(list[1].urgent);
	assert_non_null(strstr(list[1].body, "CVE-2021-44228"));
	assert_int_equal(notice_mark_read(f.db, 5, list[0].id, T0), ERR_NOT_FOUND); /* not userb's */
	assert_int_equal(notice_mark_read(f.db, 1, list[0].id, T0), ERR_OK);
	assert_int_equal(notice_unread_count(f.db, 1), 1);
	assert_int_equal(notice_mark_all_read(f.db, 1, T0), ERR_OK);
	assert_int_equal(notice_unread_count(f.db, 1), 0);
	assert_string_equal(notice_pref_get(f.db, &a, 5), "daily");
	assert_int_equal(notice_pref_set(f.db, 5, "weekly"), ERR_INVALID);
	assert_int_equal(notice_pref_set(f.db, 5, "off"), ERR_OK);
	assert_string_equal(notice_pref_get(f.db, &a, 5), "off");
	arena_free(&a);
	fx_close(&f);
}

struct racer {
	const char *path;
	struct notice_result r;
	enum err e;
};

static void *race(void *arg)
{
	struct racer *x = arg;
	char err[256];
	struct db *db = db_open(x->path, err, sizeof err);
	x->e = db ? notice_run(db, &cfg, T0, &x->r, err, sizeof err) : ERR_DB;
	db_close(db);
	return NULL;
}

static void two_dispatchers_claim_each_notice_once(void **state)
{
	(void)state;
	struct fx f;
	fx_open(&f);
	sqlite3 *raw;
	sqlite3_open(f.path, &raw);
	sqlite3_exec(raw, "INSERT INTO notice_prefs (account_id, email) "
			  "VALUES (1, 'immediate'), (5, 'immediate') ON CONFLICT (account_id) DO UPDATE SET email = 'immediate'",
		     NULL, NULL, NULL);
	sqlite3_exec(raw, "BEGIN", NULL, NULL, NULL);
	for (int i = 0; i < 2400; i++)
		sqlite3_exec(raw, "INSERT INTO notice_pending (org_id, finding_id, reason, urgent, created_at) "
				  "VALUES (2, 5, 'changed', 0, 0)", NULL, NULL, NULL);
	sqlite3_exec(raw, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(raw);
	struct racer x[2] = { { .path = f.path }, { .path = f.path } };
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, race, &x[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(x[0].e, ERR_OK);
	assert_int_equal(x[1].e, ERR_OK);
	assert_int_equal(x[0].r.notices + x[1].r.notices, 2405);
	assert_int_equal(count(&f, "SELECT COUNT(*) FROM notice_pending WHERE sent_at IS NULL"), 0);
	/* batches of 1000: userb gets one mail per batch holding B's notices, never one twice */
	int64_t mails = count(&f, "SELECT COUNT(*) FROM outbox WHERE recipient = 'userb@b.test'");
	assert_int_equal(mails, x[0].r.orgs + x[1].r.orgs - 1 /* A's batch */);
	fx_close(&f);
}

int main(void)
{
	assert_int_equal(crypto_init(), 0);
	config_defaults(&cfg);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(webhook_signature_is_hmac_sha256_hex),
		cmocka_unit_test(urgent_items_come_first_then_by_score),
		cmocka_unit_test(mail_is_chinese_then_english_and_marks_urgent),
		cmocka_unit_test(webhook_urls_are_http_without_spaces),
		cmocka_unit_test(digest_is_due_a_day_after_the_last),
		cmocka_unit_test(dispatcher_tells_each_organisation_its_own_by_choice),
		cmocka_unit_test(two_dispatchers_claim_each_notice_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
