/* `vans outbox`: deliver what is due now (what the thread of `vans serve` does every
 * second), or list the latest messages. */
#include "cli/cli.h"
#include "core/clock.h"
#include "outbox/outbox.h"
#include "outbox/transport.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cli_outbox(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "run")) {
		struct db *db = cli_open_db(1);
		if (!db || transport_init() < 0)
			return 1;
		char owner[40];
		snprintf(owner, sizeof owner, "cli-%ld", (long)getpid());
		struct outbox_result r = { 0 };
		while (outbox_run_once(db, &cli_config, owner, 100, &r) == 100)
			;
		printf("%d sent, %d to retry, %d failed\n", r.sent, r.retried, r.failed);
		db_close(db);
		return r.retried || r.failed ? 1 : 0;
	}
	if (argc == 2 && !strcmp(argv[1], "list")) {
		struct db *db = cli_open_db(1);
		if (!db)
			return 1;
		struct db_stmt *s = db_stmt(db, STMT_OUTBOX_LIST);
		db_bind_int(s, ":limit", 50);
		printf("id\tchannel\trecipient\tstatus\tattempts\tcreated\tlast error\n");
		while (db_step(s) == DB_ROW) {
			char at[32];
			printf("%lld\t%s\t%s\t%s\t%lld\t%s\t%s\n", (long long)db_col_int(s, 0), db_col_text(s, 1),
			       db_col_text(s, 2), db_col_text(s, 4), (long long)db_col_int(s, 5),
			       clock_format_iso8601(db_col_int(s, 7), at, sizeof at), db_col_text(s, 6));
		}
		db_reset(s);
		db_close(db);
		return 0;
	}
	fprintf(stderr, "usage: vans outbox run | vans outbox list\n");
	return 2;
}
