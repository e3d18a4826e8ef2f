/* Unit tests of src/outbox: the mail message (encoded subject, base64 body, no header
 * injection), the SMS gateway body, back-off, and delivery through the outbox on a real
 * SQLite file — SMS into the file driver's folder, mail to a port where no server listens
 * (retried later, never lost); webhooks refused for loopback and private addresses. Real SMTP
 * delivery is tested in tests/integration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/crypto.h"
#include "outbox/message.h"
#include "outbox/outbox.h"
#include "outbox/transport.h"
#include "net/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>

static struct config cfg;

static void mail_has_encoded_subject_base64_body_and_no_injection(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	message_mail(&b, "vans <noreply@vans.test>", "wang@agency.gov.tw\r\nBcc: evil@x.test", "您的驗證碼 / Your code",
		     "驗證碼：123456\n", 0, "abc@vans.test");
	assert_non_null(strstr(b.data, "Subject: =?UTF-8?B?"));
	assert_null(strstr(b.data, "\r\nBcc:"));
	assert_non_null(strstr(b.data, "To: wang@agency.gov.twBcc: evil@x.test\r\n"));
	assert_non_null(strstr(b.data, "Auto-Submitted: auto-generated\r\n\r\n6amX6K2J56K877yaMTIzNDU2Cg==\r\n"));
	assert_non_null(strstr(b.data, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"));
	buf_free(&b);
	buf_init(&b, 0);
	message_sms_json(&b, "{\"msisdn\":\"{{to}}\",\"message\":\"{{text}}\"}", "0912345678", "碼 \"1\"\n");
	assert_string_equal(b.data, "{\"msisdn\":\"0912345678\",\"message\":\"碼 \\\"1\\\"\\n\"}");
	buf_free(&b);
}

static void backoff_doubles_up_to_six_hours(void **state)
{
	(void)state;
	assert_int_equal(outbox_backoff(&cfg, 1), 30);
	assert_int_equal(outbox_backoff(&cfg, 2), 60);
	assert_int_equal(outbox_backoff(&cfg, 3), 120);
	assert_int_equal(outbox_backoff(&cfg, 40), 6 * 3600);
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void messages_wait_in_the_outbox_until_delivered(void **state)
{
	(void)state;
	char path[] = "/tmp/vans-outbox-XXXXXX";
	assert_non_null(mkdtemp(path));
	char dbpath[96], smsdir[96], err[256];
	snprintf(dbpath, sizeof dbpath, "%s/v.db", path);
	snprintf(smsdir, sizeof smsdir, "%s/sms", path);
	struct config c = cfg;
	c.sms_outbox_dir = smsdir;
	c.smtp_url = "smtp://127.0.0.1:9";   /* discard port: nothing listens */
	struct db *db = db_open(dbpath, err, sizeof err);
	int applied;
	assert_int_equal(db_migrate(db, &applied, err, sizeof err), ERR_OK);
	int64_t id;
	assert_int_equal(outbox_enqueue(db, "sms", "0912345678", NULL, "驗證碼 123456", &id), ERR_OK);
	assert_int_equal(outbox_enqueue(db, "email", "a@b.test", "subject", "body", &id), ERR_OK);
	assert_int_equal(outbox_enqueue(db, "email", "a@b.test\n", "s", "b", &id), ERR_INVALID);
	assert_int_equal(outbox_enqueue(db, "fax", "a", "s", "b", &id), ERR_INVALID);
	/* smtp_url file:DIR (make run without a mail server) writes the mail as a file */
	char maildir[96];
	snprintf(maildir, sizeof maildir, "file:%s/mail", path);
	struct config fc = c;
	fc.smtp_url = maildir;
	char why[256];
	assert_int_equal(transport_send_mail(&fc, "dev@vans.test", "subject", "body", why, sizeof why), ERR_OK);
	assert_int_equal(count_files(maildir + 5), 1);
	struct outbox_result r = { 0 };
	assert_int_equal(outbox_run_once(db, &c, "test", 10, &r), 2);
	assert_int_equal(r.sent, 1);
	assert_int_equal(r.retried, 1);
	assert_int_equal(count_files(smsdir), 1);
	/* the failed mail is not due again before its back-off */
	assert_int_equal(outbox_run_once(db, &c, "test", 10, &r), 0);
	struct db_stmt *s = db_stmt(db, STMT_OUTBOX_COUNT);
	db_bind_text(s, ":status", "pending");
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	db_reset(s);
	db_close(db);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "%s/sms", path);
	DIR *d = opendir(cmd);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char f[512];
		snprintf(f, sizeof f, "%s/%s", cmd, e->d_name);
		FILE *fp = fopen(f, "r");
		char line[512] = "";
		assert_non_null(fgets(line, sizeof line, fp));
		fclose(fp);
		assert_non_null(strstr(line, "\"to\":\"0912345678\",\"text\":\"驗證碼 123456\""));
		unlink(f);
	}
	closedir(d);
	rmdir(cmd);
	snprintf(cmd, sizeof cmd, "%s/mail", path);
	d = opendir(cmd);
	while ((e = readdir(d))) {
		char f[512];
		snprintf(f, sizeof f, "%s/%s", cmd, e->d_name);
		if (e->d_name[0] != '.')
			unlink(f);
	}
	closedir(d);
	rmdir(cmd);
	snprintf(cmd, sizeof cmd, "%s-wal", dbpath);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s-shm", dbpath);
	unlink(cmd);
	unlink(dbpath);
	rmdir(path);
}

static struct sockaddr_in v4(const char *a)
{
	struct sockaddr_in s = { .sin_family = AF_INET };
	inet_pton(AF_INET, a, &s.sin_addr);
	return s;
}

static struct sockaddr_in6 v6(const char *a)
{
	struct sockaddr_in6 s = { .sin6_family = AF_INET6 };
	inet_pton(AF_INET6, a, &s.sin6_addr);
	return s;
}

#define PRIVATE4(a) (s4 = v4(a), http_address_private((const struct sockaddr *)&s4))
#define PRIVATE6(a) (s6 = v6(a), http_address_private((const struct sockaddr *)&s6))

static void webhooks_do_not_reach_private_addresses(void **state)
{
	(void)state;
	struct sockaddr_in s4;
	struct sockaddr_in6 s6;
	for (const char *const *a = (const char *const[]){ "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
							    "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
							    "224.0.0.1", "255.255.255.255", "192.0.0.8", NULL };
	     *a; a++)
		assert_true(PRIVATE4(*a));
	for (const char *const *a = (const char *const[]){ "8.8.8.8", "172.32.0.1", "163.29.3.10", "100.128.0.1",
							    "192.169.0.1", NULL };
	     *a; a++)
		assert_false(PRIVATE4(*a));
	assert_true(PRIVATE6("::1"));
	assert_true(PRIVATE6("::"));
	assert_true(PRIVATE6("fd00::1"));
	assert_true(PRIVATE6("fe80::1"));
	assert_true(PRIVATE6("ff02::1"));
	assert_true(PRIVATE6("::ffff:127.0.0.1"));
	assert_true(PRIVATE6("::ffff:10.0.0.1"));
	assert_false(PRIVATE6("2001:4860:4860::8888"));
	assert_false(PRIVATE6("::ffff:8.8.8.8"));
	/* delivery refuses a loopback URL unless the setting allows it */
	struct config c = cfg;
	char why[512] = "";
	c.webhook_private_addresses = false;
	assert_int_equal(transport_send_webhook(&c, 1, "http://127.0.0.1:9/hook", "s", "{}", why, sizeof why), ERR_DENIED);
	assert_non_null(strstr(why, "refused"));
	c.webhook_private_addresses = true;
	why[0] = '\0';
	assert_int_equal(transport_send_webhook(&c, 1, "http://127.0.0.1:9/hook", "s", "{}", why, sizeof why),
			 ERR_UNAVAILABLE); /* allowed, but nothing listens on the discard port */
}

int main(void)
{
	assert_int_equal(crypto_init(), 0);
	assert_int_equal(transport_init(), 0);
	config_defaults(&cfg);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mail_has_encoded_subject_base64_body_and_no_injection),
		cmocka_unit_test(backoff_doubles_up_to_six_hours),
		cmocka_unit_test(messages_wait_in_the_outbox_until_delivered),
		cmocka_unit_test(webhooks_do_not_reach_private_addresses),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	return rc;
}
