/* `vans db`: schema migrations and status. Also home of cli_open_db, which every
 * subcommand that touches the database uses. */
#include "cli/cli.h"
#include "store/db.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Creates the folder of a SQLite file path (var/ on a fresh checkout). */
static void make_parent_dir(const char *url)
{
	if (strstr(url, "://"))
		return;
	const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path)
		return;
	char dir[1024];
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	for (char *p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0750);
			*p = '/';
		}
	}
	mkdir(dir, 0750);
}

struct db *cli_open_db(int migrate)
{
	char err[1024];
	make_parent_dir(cli_config.db);
	struct db *db = db_open(cli_config.db, err, sizeof err);
	if (!db) {
		fprintf(stderr, "vans: %s\n", err);
		return NULL;
	}
	if (migrate) {
		int applied;
		if (db_migrate(db, &applied, err, sizeof err) != ERR_OK) {
			fprintf(stderr, "vans: migration failed, database unchanged by it: %s\n", err);
			db_close(db);
			return NULL;
		}
	}
	return db;
}

static int db_status(void)
{
	struct db *db = cli_open_db(0);
	if (!db)
		return 1;
	int v = db_schema_version(db);
	printf("engine\t%s\ndatabase\t%s\nschema\t%d\nlatest\t%d\npending\t%d\n", db_engine(db), cli_config.db, v,
	       db_latest_migration(), v >= 0 ? db_latest_migration() - v : -1);
	db_close(db);
	return v < 0;
}

int cli_db(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help")) {
		fprintf(argc < 2 ? stderr : stdout, "usage: vans db migrate | vans db status\n");
		return argc < 2 ? 2 : 0;
	}
	if (argc > 2) {
		fprintf(stderr, "vans db %s: unexpected argument \"%s\" (global options such as --db come before the command)\n",
			argv[1], argv[2]);
		return 2;
	}
	if (!strcmp(argv[1], "status"))
		return db_status();
	if (strcmp(argv[1], "migrate") != 0) {
		fprintf(stderr, "vans db: unknown subcommand \"%s\"\n", argv[1]);
		return 2;
	}
	struct db *db = cli_open_db(0);
	if (!db)
		return 1;
	char err[1024];
	int applied = 0, before = db_schema_version(db);
	enum err e = db_migrate(db, &applied, err, sizeof err);
	if (e != ERR_OK) {
		fprintf(stderr, "vans db migrate: %s (the database is as it was before this migration)\n", err);
		db_close(db);
		return 1;
	}
	printf("schema version %d → %d (%d migration%s applied)\n", before, db_schema_version(db), applied,
	       applied == 1 ? "" : "s");
	db_close(db);
	return 0;
}
