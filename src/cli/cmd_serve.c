/* `vans serve`: migrates the database, prepares the web layer and serves HTTP until a
 * signal asks it to stop. Flags override the configuration for this run. */
#include "cli/cli.h"
#include "core/log.h"
#include "kb/feed_job.h"
#include "kb/import.h"
#include "identity/totp.h"
#include "outbox/outbox.h"
#include "vans/notice.h"
#include "store/db.h"
#include "web/app.h"
#include "web/server.h"

#include <stdio.h>
#include <string.h>

int cli_serve(int argc, char **argv)
{
	char err[1024];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *key = !strcmp(a, "--listen") ? "listen" : !strcmp(a, "--threads") ? "threads" : NULL;
		if (!strcmp(a, "--help")) {
			printf("usage: vans serve [--listen HOST:PORT] [--threads N]\n");
			return 0;
		}
		if (!key || i + 1 >= argc) {
			fprintf(stderr, "vans serve: %s %s\n", a, key ? "needs a value" : "is not an option of serve");
			return 2;
		}
		if (config_set(&cli_config, key, argv[++i], CONFIG_FLAG, err, sizeof err) < 0) {
			fprintf(stderr, "vans serve: %s\n", err);
			return 1;
		}
	}
	struct db *db = cli_open_db(1);
	if (!db)
		return 1;
	kb_feed_job_abandon_stale(db);
	bool rebuilt;
	if (kb_search_rebuild_if_needed(db, &rebuilt) != ERR_OK)
		log_warn("vans serve: the CVE search index could not be rebuilt; searches may miss records");
	else if (rebuilt)
		log_info("vans serve: rebuilt the CVE search index");
	app.version = VANS_VERSION;
	if (web_app_init(&cli_config, db, err, sizeof err) < 0) {
		fprintf(stderr, "vans serve: %s\n", err);
		db_close(db);
		return 1;
	}
	db_close(db);
	if (db_thread_init(cli_config.db, err, sizeof err) < 0) {
		fprintf(stderr, "vans serve: %s\n", err);
		return 1;
	}
	if (totp_init() < 0 || outbox_start(&cli_config) < 0) {
		fprintf(stderr, "vans serve: cannot start the outbox sender\n");
		return 1;
	}
	if (notice_start(&cli_config) < 0) {
		fprintf(stderr, "vans serve: cannot start the notice dispatcher\n");
		outbox_stop();
		return 1;
	}
	int rc = web_serve(&cli_config);
	notice_stop();
	outbox_stop();
	web_app_free();
	return rc;
}
