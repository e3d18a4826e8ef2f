/* `vans notice run [--now TIME]` does what the dispatcher thread of `vans serve` does once:
 * pending notices become notifications, mail and webhook deliveries in the outbox (which
 * `vans serve` or `vans outbox run` delivers), and due digests leave. --now moves the clock
 * the dispatcher reads (digest timing in tests). `vans notice webhook` sets a webhook. */
#include "cli/cli.h"
#include "cli/cmd_notice.h"
#include "core/clock.h"
#include "identity/org.h"
#include "vans/notice.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

static int run(int argc, char **argv)
{
	static const char *const names[] = { "now" };
	const char *v[1];
	if (cli_flags(argc, argv, 2, names, v, 1, NULL) < 0)
		return 2;
	int64_t now = clock_now_unix();
	if (v[0] && clock_parse_iso8601(v[0], strlen(v[0]), &now) < 0) {
		fprintf(stderr, "vans notice run: --now wants an ISO 8601 time such as 2026-11-24T09:00:00Z\n");
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct notice_result r = { 0 };
	char err[512];
	enum err e = notice_run(db, &cli_config, now, &r, err, sizeof err);
	db_close(db);
	if (e != ERR_OK) {
		fprintf(stderr, "vans notice run: %s\n", err);
		return 1;
	}
	printf("%d notices in %d organisation batches: %d notifications, %d mails, %d put in digests, %d digests, "
	       "%d webhooks\n",
	       r.notices, r.orgs, r.notifications, r.mails, r.digest_items, r.digests, r.webhooks);
	return 0;
}

static int webhook(int argc, char **argv)
{
	static const char *const names[] = { "org", "url", "disable" };
	const char *v[3];
	if (cli_flags(argc, argv, 2, names, v, 3, NULL) < 0)
		return 2;
	if (!v[0] || (!v[1] && !v[2])) {
		fprintf(stderr, "usage: vans notice webhook --org ID --url URL | --org ID --disable yes\n");
		return 2;
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	struct arena a;
	arena_init(&a, 0);
	struct org o;
	int rc = 1;
	if (org_find(db, &a, v[0], &o) != ERR_OK) {
		fprintf(stderr, "vans notice webhook: no organisation %s\n", v[0]);
	} else if (v[2]) {
		rc = notice_webhook_disable(db, o.id) == ERR_OK ? 0 : 1;
		if (!rc)
			printf("webhook of %s disabled\n", o.identifier);
	} else {
		char secret[NOTICE_SECRET_LEN + 1];
		enum err e = notice_webhook_save(db, o.id, v[1], true, clock_now_unix(), secret);
		if (e == ERR_INVALID)
			fprintf(stderr, "vans notice webhook: --url must be an http:// or https:// URL\n");
		else if (e == ERR_OK) {
			printf("webhook of %s set; its secret (shown once):\n%s\n", o.identifier, secret);
			rc = 0;
		}
	}
	arena_free(&a);
	db_close(db);
	return rc;
}

int cli_notice(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "run"))
		return run(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "webhook"))
		return webhook(argc, argv);
	fprintf(stderr, "usage: vans notice run [--now TIME] | vans notice webhook --org ID --url URL (vans help notice)\n");
	return 2;
}
