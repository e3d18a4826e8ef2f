/* `vans serve`: migrates the database, prepares the web layer and serves HTTP until a
 * signal asks it to stop. Flags override the configuration for this run. */
#include "cli/cli.h"
#include "core/log.h"
#include "kb/feed_job.h"
#include "kb/import.h"
#include "identity/totp.h"
#include "outbox/outbox.h"
#include "store/db.h"
#include "vans/engine.h"
#include "web/app.h"
#include "web/server.h"

#include <stdio.h>
#include <string.h>

/* Another instance (or this one's feed job) imported feeds: the listener thread of
 * db_listen_start calls this, and the engine's thread refreshes at once. */
static void kb_changed(void *ctx)
{
	(void)ctx;
	log_info("vans serve: the knowledge base changed (notified on %s)", KB_CHANGED_CHANNEL);
	vans_engine_wake();
}

static void after_feed_job(struct db *db, char *out, size_t outlen)
{
	struct vans_match_summary sum;
	char err[512], text[400];
	if (vans_engine_refresh(db, &sum, err, sizeof err) != ERR_OK) {
		snprintf(out, outlen, "findings not updated: %s", err);
		return;
	}
	if (sum.no_assets) {
		out[0] = '\0';
		return;
	}
	vans_match_summary_format(&sum, text, sizeof text);
	snprintf(out, outlen, "findings: %s", text);
}

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
	/* findings follow feed changes: the sync job refreshes at once, the engine's thread
	 * catches up at start and picks up other instances' imports (polling; on PostgreSQL
	 * also woken at once by LISTEN) */
	kb_feed_job_set_after(after_feed_job);
	if (vans_engine_run(cli_config.match_poll_interval) != ERR_OK) {
		fprintf(stderr, "vans serve: cannot start the matching engine's thread\n");
		outbox_stop();
		return 1;
	}
	struct db_listener *kb_listener = db_listen_start(cli_config.db, KB_CHANGED_CHANNEL, kb_changed, NULL);
	int rc = web_serve(&cli_config);
	db_listen_stop(kb_listener);
	vans_engine_stop();
	outbox_stop();
	web_app_free();
	return rc;
}
