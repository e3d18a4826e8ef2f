/* Unit tests of src/outbox: the mail message (encoded subject, base64 body, no header
 * injection), the SMS gateway body, back-off, and delivery through the outbox on a real
 * SQLite file — SMS into the file driver's folder, mail to a port where no server listens
 * (retried later, never lost). Real SMTP delivery is tested in tests/integration. */
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

int main(void)
{
	assert_int_equal(crypto_init(), 0);
	assert_int_equal(transport_init(), 0);
	config_defaults(&cfg);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mail_has_encoded_subject_base64_body_and_no_injection),
		cmocka_unit_test(backoff_doubles_up_to_six_hours),
		cmocka_unit_test(messages_wait_in_the_outbox_until_delivered),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	return rc;
}
