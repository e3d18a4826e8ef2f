/* `vans db`: schema migrations and status, backup and restore, copy between engines.
 * Also home of cli_open_db, which every subcommand that touches the database uses. */
#include "cli/cli.h"
#include "store/copy.h"
#include "store/db.h"

#include <errno.h>
#include <stdbool.h>
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

static struct db *open_url(const char *url)
{
	char err[1024];
	make_parent_dir(url);
	struct db *db = db_open(url, err, sizeof err);
	if (!db)
		fprintf(stderr, "vans: %s\n", err);
	return db;
}

struct db *cli_open_db(int migrate)
{
	char err[1024];
	struct db *db = open_url(cli_config.db);
	if (!db)
		return NULL;
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
	char shown[1024];
	printf("engine\t%s\ndatabase\t%s\nschema\t%d\nlatest\t%d\npending\t%d\n", db_engine(db),
	       db_url_redacted(cli_config.db, shown, sizeof shown), v, db_latest_migration(),
	       v >= 0 ? db_latest_migration() - v : -1);
	db_close(db);
	return v < 0;
}

static void print_table(const char *table, int64_t rows, void *ctx)
{
	(void)ctx;
	printf("  %-32s %12lld\n", table, (long long)rows);
	fflush(stdout);
}

/* The SQLite file a URL names, when that file does not exist (opening would create it). */
static bool sqlite_file_missing(const char *url)
{
	if (strstr(url, "://"))
		return false;
	struct stat st;
	return stat(strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url, &st) != 0;
}

static int db_backup_cmd(const char *file)
{
	if (sqlite_file_missing(cli_config.db)) {
		fprintf(stderr, "vans db backup: %s: no such database\n", cli_config.db);
		return 1;
	}
	struct db *db = cli_open_db(0);
	if (!db)
		return 1;
	char err[1024];
	struct db_copy_stats st;
	enum err e = db_backup(db, file, print_table, NULL, &st, err, sizeof err);
	db_close(db);
	if (e != ERR_OK) {
		fprintf(stderr, "vans db backup: %s\n", err);
		return 1;
	}
	printf("backup written to %s: %d tables, %lld rows (a SQLite database file; restore with vans db restore)\n",
	       file, st.tables, (long long)st.rows);
	return 0;
}

static int db_restore_cmd(const char *file)
{
	struct db *db = cli_open_db(0);
	if (!db)
		return 1;
	char err[1024], shown[1024];
	struct db_copy_stats st;
	enum err e = db_restore(db, file, print_table, NULL, &st, err, sizeof err);
	db_close(db);
	if (e != ERR_OK) {
		fprintf(stderr, "vans db restore: %s (nothing was restored)\n", err);
		return 1;
	}
	printf("restored %s into %s: %d tables, %lld rows, counts checked\n", file,
	       db_url_redacted(cli_config.db, shown, sizeof shown), st.tables, (long long)st.rows);
	return 0;
}

static int db_copy_cmd(int argc, char **argv)
{
	const char *from = cli_config.db, *to = NULL;
	for (int i = 2; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--from") ? &from : !strcmp(argv[i], "--to") ? &to : NULL;
		if (!slot || i + 1 >= argc) {
			fprintf(stderr, "vans db copy: %s %s\n", argv[i], slot ? "needs a value" : "is not an option of copy");
			return 2;
		}
		*slot = argv[++i];
	}
	if (!to) {
		fprintf(stderr, "usage: vans db copy [--from URL] --to URL\n");
		return 2;
	}
	char err[1024], a[1024], b[1024];
	if (!strcmp(from, to)) {
		fprintf(stderr, "vans db copy: the source and the target are the same database\n");
		return 2;
	}
	if (sqlite_file_missing(from)) {
		fprintf(stderr, "vans db copy: %s: no such database\n", from);
		return 1;
	}
	struct db *src = open_url(from);
	if (!src)
		return 1;
	struct db *dst = open_url(to);
	if (!dst) {
		db_close(src);
		return 1;
	}
	struct db_copy_stats st;
	enum err e = db_copy(src, dst, print_table, NULL, &st, err, sizeof err);
	db_close(src);
	db_close(dst);
	if (e != ERR_OK) {
		fprintf(stderr, "vans db copy: %s (nothing was copied)\n", err);
		return 1;
	}
	printf("copied %s to %s: %d tables, %lld rows, counts checked\n", db_url_redacted(from, a, sizeof a),
	       db_url_redacted(to, b, sizeof b), st.tables, (long long)st.rows);
	return 0;
}

static const char db_usage[] =
	"usage: vans db migrate               apply the migrations this build has and the database lacks\n"
	"       vans db status                engine, schema version and pending migrations\n"
	"       vans db backup FILE           write a consistent backup to the new file FILE\n"
	"       vans db restore FILE          load a backup into the (empty) database\n"
	"       vans db copy [--from URL] --to URL\n"
	"                                     copy every table into another (empty) database, e.g.\n"
	"                                     --from sqlite:var/vans.db --to postgres://vans@db/vans\n";

int cli_db(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help")) {
		fputs(db_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	/* maintenance may read or build whole tables: the statement timeout is for serving */
	db_set_options(&(struct db_options){ .statement_timeout_ms = 0 });
	if (!strcmp(cmd, "copy"))
		return db_copy_cmd(argc, argv);
	int want = !strcmp(cmd, "backup") || !strcmp(cmd, "restore") ? 3 : 2;
	if (argc != want) {
		if (argc > want)
			fprintf(stderr, "vans db %s: unexpected argument \"%s\" (global options such as --db come before the command)\n",
				cmd, argv[want]);
		else
			fprintf(stderr, "vans db %s: needs a FILE\n", cmd);
		return 2;
	}
	if (!strcmp(cmd, "status"))
		return db_status();
	if (!strcmp(cmd, "backup"))
		return db_backup_cmd(argv[2]);
	if (!strcmp(cmd, "restore"))
		return db_restore_cmd(argv[2]);
	if (strcmp(cmd, "migrate") != 0) {
		fprintf(stderr, "vans db: unknown subcommand \"%s\"\n", cmd);
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
