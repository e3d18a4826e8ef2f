/* Unit tests of src/store, each run on a real SQLite file and again on a real PostgreSQL
 * database (VANS_TEST_PG, set by tests/run-all; skipped without it): migrations, every
 * catalogued statement, values by type, errors, cursors, transactions, reconnection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/embedded.h"
#include "store/db.h"
#include "store/driver.h"

struct fixture {
	bool pg;
	char path[64];          /* SQLite file */
	char dbname[64];        /* PostgreSQL database */
	char url[256];
	struct db *db;
	struct db_stmt *adhoc[32];
	int nadhoc;
	struct db_stmt *insert;
};

static const char *pg_admin(void)
{
	const char *u = getenv("VANS_TEST_PG");
	return u && *u ? u : NULL;
}

/* psql against the cluster's maintenance database, for what no vans connection can do
 * (create and drop databases). */
static int psql(const char *sql)
{
	pid_t pid = fork();
	if (pid == 0) {
		execlp("psql", "psql", "-X", "-q", "-d", pg_admin(), "-c", sql, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int open_sqlite(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	snprintf(f->path, sizeof f->path, "/tmp/vans-store-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(f->path);
	snprintf(f->url, sizeof f->url, "%s", f->path);
	char err[256];
	f->db = db_open(f->url, err, sizeof err);
	return f->db ? 0 : -1;
}

static int open_pg(void **state)
{
	static int n;
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	f->pg = true;
	if (!pg_admin())
		return 0; /* the test skips itself */
	snprintf(f->dbname, sizeof f->dbname, "vans_unit_%d_%d", (int)getpid(), n++);
	char sql[128];
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", f->dbname);
	if (psql(sql) < 0)
		return -1;
	const char *admin = pg_admin();
	const char *slash = strrchr(admin, '/');
	snprintf(f->url, sizeof f->url, "%.*s/%s", (int)(slash - admin), admin, f->dbname);
	char err[256];
	f->db = db_open(f->url, err, sizeof err);
	if (!f->db)
		fprintf(stderr, "%s\n", err);
	return f->db ? 0 : -1;
}

static int close_fixture(void **state)
{
	struct fixture *f = *state;
	for (int i = 0; i < f->nadhoc; i++)
		db_stmt_free(f->adhoc[i]);
	db_close(f->db);
	if (f->pg && f->dbname[0]) {
		char sql[128];
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", f->dbname);
		psql(sql);
	} else if (f->path[0]) {
		char p[96];
		unlink(f->path);
		snprintf(p, sizeof p, "%s-wal", f->path);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", f->path);
		unlink(p);
	}
	free(f);
	return 0;
}

static struct fixture *fixture(void **state)
{
	struct fixture *f = *state;
	if (!f->db)
		skip(); /* PostgreSQL tests without VANS_TEST_PG */
	return f;
}

/* A statement outside the catalogue, freed with the fixture. */
static struct db_stmt *sql(struct fixture *f, const char *text)
{
	char err[512];
	struct db_stmt *s = db_prepare_sql(f->db, text, err, sizeof err);
	if (!s)
		fail_msg("%s: %s", text, err);
	if (f->nadhoc == (int)(sizeof f->adhoc / sizeof f->adhoc[0]))
		fail_msg("too many statements in one test");
	f->adhoc[f->nadhoc++] = s;
	return s;
}

static void migrate(struct fixture *f)
{
	char err[256];
	int applied;
	if (db_migrate(f->db, &applied, err, sizeof err) != ERR_OK)
		fail_msg("migrate: %s", err);
}

/* A test schema written once for both engines, as docs/database.md tells. */
static const char probe_sql[] =
	"CREATE TABLE probe (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  n INTEGER,\n"
	"  r REAL,\n"
	"  t TEXT UNIQUE,\n"
	"  b BLOB,\n"
	"  must TEXT NOT NULL DEFAULT 'x' CHECK (must <> '')\n"
	") STRICT;\n"
	"CREATE TABLE child (id INTEGER PRIMARY KEY, probe_id INTEGER NOT NULL REFERENCES probe (id)) STRICT;\n"
	"-- vans:sqlite\n"
	"CREATE TABLE only_sqlite (x INTEGER) STRICT;\n"
	"-- vans:end\n"
	"-- vans:postgres\n"
	"CREATE TABLE only_postgres (x BIGINT);\n"
	"-- vans:end\n";

static void migrate_probe(struct fixture *f)
{
	migrate(f);
	const struct embedded_file probe[] = { { "migrations/9999_probe.sql", (const unsigned char *)probe_sql,
						 sizeof probe_sql - 1 } };
	char err[256];
	int applied;
	if (db_migrate_files(f->db, probe, 1, &applied, err, sizeof err) != ERR_OK)
		fail_msg("probe migration: %s", err);
}

static int64_t insert_probe(struct fixture *f, int64_t n, const char *t)
{
	if (!f->insert)
		f->insert = sql(f, "INSERT INTO probe (n, t) VALUES (:n, :t) RETURNING id");
	struct db_stmt *s = f->insert;
	db_bind_int(s, ":n", n);
	db_bind_text(s, ":t", t);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t id = db_col_int(s, 0);
	assert_int_equal(db_step(s), DB_DONE);
	db_reset(s);
	return id;
}

static void migrations_apply_once(void **state)
{
	struct fixture *f = fixture(state);
	char err[256];
	int applied;
	assert_int_equal(db_schema_version(f->db), 0);
	assert_int_equal(db_migrate(f->db, &applied, err, sizeof err), ERR_OK);
	/* each module numbers its migrations in its own range, so versions have gaps */
	int files = 0;
	for (unsigned long i = 0; i < embedded_count; i++)
		files += strncmp(embedded_files[i].name, "migrations/", 11) == 0;
	assert_int_equal(applied, files);
	assert_int_equal(db_schema_version(f->db), db_latest_migration());
	assert_int_equal(db_migrate(f->db, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 0);
}

static void a_failing_migration_leaves_the_database_as_it_was(void **state)
{
	struct fixture *f = fixture(state);
	char err[256];
	int applied;
	/* 0002 creates a table, inserts into it, then fails on a syntax error half-way */
	const struct embedded_file broken[] = {
		{ "migrations/0001_a.sql", (const unsigned char *)"CREATE TABLE a (x INTEGER) STRICT;", 34 },
		{ "migrations/0002_b.sql",
		  (const unsigned char *)"CREATE TABLE b (x INTEGER) STRICT; INSERT INTO b VALUES (1); CREATE TABLE (", 76 },
	};
	assert_int_equal(db_migrate_files(f->db, broken, 2, &applied, err, sizeof err), ERR_DB);
	assert_int_equal(applied, 1);
	assert_non_null(strstr(err, "0002_b.sql"));
	assert_int_equal(db_schema_version(f->db), 1);
	/* the repaired 0002 applies: so table b of the failed attempt did not survive */
	const struct embedded_file fixed[] = {
		broken[0],
		{ "migrations/0002_b.sql", (const unsigned char *)"CREATE TABLE b (x INTEGER) STRICT;", 34 },
	};
	assert_int_equal(db_migrate_files(f->db, fixed, 2, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(db_schema_version(f->db), 2);
}

static void a_migration_numbered_below_one_applied_still_runs(void **state)
{
	struct fixture *f = fixture(state);
	char err[256];
	int applied;
	const struct embedded_file early[] = {
		{ "migrations/0001_a.sql", (const unsigned char *)"CREATE TABLE a (x INTEGER) STRICT;", 34 },
		{ "migrations/0003_c.sql", (const unsigned char *)"CREATE TABLE c (x INTEGER) STRICT;", 34 },
	};
	assert_int_equal(db_migrate_files(f->db, early, 2, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 2);
	/* a branch merged later brings 0002: it must be applied, and 0001/0003 not again */
	const struct embedded_file merged[] = {
		early[0],
		{ "migrations/0002_b.sql", (const unsigned char *)"CREATE TABLE b (x INTEGER) STRICT;", 34 },
		early[1],
	};
	assert_int_equal(db_migrate_files(f->db, merged, 3, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 1);
	assert_int_equal(db_migrate_files(f->db, merged, 3, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 0);
}

struct racer {
	const char *url;
	int applied;
	enum err e;
};

static void *migrate_concurrently(void *arg)
{
	struct racer *r = arg;
	char err[256];
	struct db *db = db_open(r->url, err, sizeof err);
	r->e = db ? db_migrate(db, &r->applied, err, sizeof err) : ERR_UNAVAILABLE;
	db_close(db);
	return NULL;
}

/* Migrations in this build (numbers have gaps: each module has its own range). */
static int migration_files(void)
{
	int n = 0;
	for (unsigned long i = 0; i < embedded_count; i++)
		if (strncmp(embedded_files[i].name, "migrations/", 11) == 0)
			n++;
	return n;
}

static void instances_migrating_at_once_apply_each_migration_once(void **state)
{
	struct fixture *f = fixture(state);
	struct racer r[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		r[i] = (struct racer){ f->url, 0, ERR_OK };
		pthread_create(&th[i], NULL, migrate_concurrently, &r[i]);
	}
	int total = 0;
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(r[i].e, ERR_OK);
		total += r[i].applied;
	}
	assert_int_equal(total, migration_files());
	assert_int_equal(db_schema_version(f->db), db_latest_migration());
}

static void every_catalogued_statement_compiles(void **state)
{
	struct fixture *f = fixture(state);
	migrate(f);
	for (int i = 0; i < STMT__MAX; i++) {
		if (!stmt_sql((enum stmt_id)i))
			fail_msg("statement %d has no SQL", i);
		if (!db_stmt(f->db, (enum stmt_id)i))
			fail_msg("statement %s does not compile: %s", stmt_name((enum stmt_id)i), db_errmsg(f->db));
	}
}

static enum err put_then_fail(struct db *db, void *ctx)
{
	(void)ctx;
	struct db_stmt *s = db_stmt(db, STMT_SETTING_PUT);
	db_bind_text(s, ":key", "tx");
	db_bind_text(s, ":value", "written");
	enum err e = db_exec(s);
	return e == ERR_OK ? ERR_INVALID : e;
}

static enum err put(struct db *db, void *ctx)
{
	struct db_stmt *s = db_stmt(db, STMT_SETTING_PUT);
	db_bind_text(s, ":key", "tx");
	db_bind_text(s, ":value", ctx);
	return db_exec(s);
}

static const char *get(struct db *db, const char *key, char *out, size_t n)
{
	struct db_stmt *s = db_stmt(db, STMT_SETTING_GET);
	db_bind_text(s, ":key", key);
	if (db_step(s) != DB_ROW) {
		db_reset(s);
		return NULL;
	}
	snprintf(out, n, "%s", db_col_text(s, 0));
	db_reset(s);
	return out;
}

static void transactions_commit_on_success_and_roll_back_on_error(void **state)
{
	struct fixture *f = fixture(state);
	char v[64];
	migrate(f);
	assert_int_equal(db_transaction(f->db, put_then_fail, NULL), ERR_INVALID);
	assert_null(get(f->db, "tx", v, sizeof v));
	assert_int_equal(db_transaction(f->db, put, "kept"), ERR_OK);
	assert_string_equal(get(f->db, "tx", v, sizeof v), "kept");
	assert_int_equal(db_transaction(f->db, put, "replaced"), ERR_OK);
	assert_string_equal(get(f->db, "tx", v, sizeof v), "replaced");
}

static void unique_violations_are_reported_as_exists(void **state)
{
	struct fixture *f = fixture(state);
	migrate(f);
	struct db_stmt *s = db_stmt(f->db, STMT_MIGRATION_RECORD);
	db_bind_int(s, ":version", 1);
	db_bind_text(s, ":name", "dup");
	db_bind_text(s, ":at", "now");
	assert_int_equal(db_exec(s), ERR_EXISTS);
}

static void other_constraint_violations_are_reported_as_invalid(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	struct db_stmt *s = sql(f, "INSERT INTO probe (t, must) VALUES (:t, :must)");
	db_bind_text(s, ":t", "a");
	db_bind_null(s, ":must");
	assert_int_equal(db_exec(s), ERR_INVALID); /* NOT NULL */
	db_bind_text(s, ":t", "a");
	db_bind_text(s, ":must", "");
	assert_int_equal(db_exec(s), ERR_INVALID); /* CHECK */
	struct db_stmt *c = sql(f, "INSERT INTO child (probe_id) VALUES (:p)");
	db_bind_int(c, ":p", 12345);
	assert_int_equal(db_exec(c), ERR_INVALID); /* FOREIGN KEY */
	/* a failed step reports the same class through db_error */
	db_bind_text(s, ":t", "a");
	db_bind_text(s, ":must", "");
	assert_int_equal(db_step(s), DB_ERROR);
	assert_int_equal(db_error(f->db), ERR_INVALID);
	db_reset(s);
}

/* db_begin_bulk: a rolled-back bulk transaction keeps nothing, a committed one keeps all, and
 * after either the foreign keys are checked again (SQLite skips them only inside it). */
static void a_bulk_transaction_is_one_transaction_and_leaves_the_checks_on(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	struct db_stmt *p = sql(f, "INSERT INTO probe (id, t) VALUES (:id, :t)");
	struct db_stmt *c = sql(f, "INSERT INTO child (probe_id) VALUES (:p)");
	struct db_stmt *n = sql(f, "SELECT COUNT(*) FROM probe");
	assert_int_equal(db_begin_bulk(f->db), ERR_OK);
	db_bind_int(p, ":id", 1);
	db_bind_text(p, ":t", "rolled back");
	assert_int_equal(db_exec(p), ERR_OK);
	db_rollback(f->db);
	assert_int_equal(db_step(n), DB_ROW);
	assert_int_equal(db_col_int(n, 0), 0);
	db_reset(n);
	db_bind_int(c, ":p", 999);
	assert_int_equal(db_exec(c), ERR_INVALID); /* checked again after the rollback */

	assert_int_equal(db_begin_bulk(f->db), ERR_OK);
	db_bind_int(p, ":id", 2);
	db_bind_text(p, ":t", "kept");
	assert_int_equal(db_exec(p), ERR_OK);
	db_bind_int(c, ":p", 2);                   /* parent before child, as the importers write */
	assert_int_equal(db_exec(c), ERR_OK);
	assert_int_equal(db_commit(f->db), ERR_OK);
	assert_int_equal(db_step(n), DB_ROW);
	assert_int_equal(db_col_int(n, 0), 1);
	db_reset(n);
	db_bind_int(c, ":p", 999);
	assert_int_equal(db_exec(c), ERR_INVALID); /* and after the commit */
}

static void values_come_back_as_they_were_bound(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	static const unsigned char blob[] = { 0, 1, 2, 0xff, 0, '\\', 'x', 0x80 };
	const char *text = "資通安全弱點通報 — it's \"quoted\" :not_a_param";
	struct db_stmt *ins = sql(f, "INSERT INTO probe (n, r, t, b) VALUES (:n, :r, :t, :b) RETURNING id");
	db_bind_int(ins, ":n", INT64_MAX);
	db_bind_double(ins, ":r", 0.1);
	db_bind_text(ins, ":t", text);
	db_bind_blob(ins, ":b", blob, sizeof blob);
	assert_int_equal(db_step(ins), DB_ROW);
	int64_t id = db_col_int(ins, 0);
	assert_true(id > 0);
	assert_int_equal(db_step(ins), DB_DONE);
	db_reset(ins);
	/* NULLs, and a second id after the first */
	db_bind_int(ins, ":n", INT64_MIN);
	db_bind_null(ins, ":r");
	db_bind_text(ins, ":t", NULL);
	db_bind_null(ins, ":b");
	assert_int_equal(db_step(ins), DB_ROW);
	int64_t id2 = db_col_int(ins, 0);
	assert_true(id2 > id);
	db_reset(ins);

	struct db_stmt *q = sql(f, "SELECT n, r, t, b, id FROM probe WHERE id = :id OR id = :id2 ORDER BY id");
	db_bind_int(q, ":id", id);
	db_bind_int(q, ":id2", id2);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), INT64_MAX);
	assert_true(db_col_double(q, 1) == 0.1);
	assert_string_equal(db_col_text(q, 2), text);
	assert_int_equal(db_col_len(q, 2), strlen(text));
	assert_int_equal(db_col_len(q, 3), sizeof blob);
	assert_memory_equal(db_col_blob(q, 3), blob, sizeof blob);
	assert_false(db_col_null(q, 0));
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), INT64_MIN);
	assert_true(db_col_null(q, 1));
	assert_true(db_col_null(q, 2));
	assert_null(db_col_text(q, 2));
	assert_true(db_col_null(q, 3));
	assert_int_equal(db_col_int(q, 4), id2);
	assert_int_equal(db_step(q), DB_DONE);
	db_reset(q);
	/* the same id through last_insert_id, for code written for SQLite */
	insert_probe(f, 7, "seven");
	struct db_stmt *plain = sql(f, "INSERT INTO probe (n) VALUES (:n)");
	db_bind_int(plain, ":n", 8);
	assert_int_equal(db_exec(plain), ERR_OK);
	struct db_stmt *last = sql(f, "SELECT MAX(id) FROM probe");
	assert_int_equal(db_step(last), DB_ROW);
	assert_int_equal(db_last_insert_id(f->db), db_col_int(last, 0));
	db_reset(last);
}

static void one_migration_file_serves_both_engines(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	/* the engine's own block ran, the other's did not */
	struct db_stmt *mine = sql(f, f->pg ? "SELECT COUNT(*) FROM only_postgres" : "SELECT COUNT(*) FROM only_sqlite");
	assert_int_equal(db_step(mine), DB_ROW);
	db_reset(mine);
	char err[256];
	struct db_stmt *other = db_prepare_sql(f->db, f->pg ? "SELECT COUNT(*) FROM only_sqlite" : "SELECT COUNT(*) FROM only_postgres",
					       err, sizeof err);
	if (other) { /* PostgreSQL may defer the error to the first step when the server is busy */
		assert_int_equal(db_step(other), DB_ERROR);
		db_stmt_free(other);
	}
	/* the schema matches across engines: the copy code sees the same tables and kinds */
	struct db_table *t;
	size_t n;
	assert_int_equal(db_driver_of(f->db)->tables(db_conn_of(f->db), &t, &n, err, sizeof err), 0);
	const struct db_table *probe = NULL;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, "probe"))
			probe = &t[i];
	assert_non_null(probe);
	assert_int_equal(probe->ncols, 6);
	static const enum db_col_kind kinds[] = { DB_COL_INT, DB_COL_INT, DB_COL_DOUBLE, DB_COL_TEXT, DB_COL_BLOB,
						  DB_COL_TEXT };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(probe->cols[i].kind, kinds[i]);
	assert_int_equal(probe->npk, 1);
	assert_string_equal(probe->pk[0], "id");
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, "child")) {
			assert_int_equal(t[i].nparents, 1);
			assert_string_equal(t[i].parents[0], "probe");
		}
	db_tables_free(t, n);
}

static void a_statement_runs_while_another_is_being_read(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	for (int i = 0; i < 50; i++) {
		char t[16];
		snprintf(t, sizeof t, "row %d", i);
		insert_probe(f, i, t);
	}
	struct db_stmt *all = sql(f, "SELECT id, n FROM probe ORDER BY id");
	struct db_stmt *kid = sql(f, "INSERT INTO child (probe_id) VALUES (:p)");
	int rows = 0;
	int64_t sum = 0;
	while (db_step(all) == DB_ROW) {
		db_bind_int(kid, ":p", db_col_int(all, 0));
		assert_int_equal(db_exec(kid), ERR_OK);
		sum += db_col_int(all, 1);
		rows++;
	}
	db_reset(all);
	assert_int_equal(rows, 50);
	assert_int_equal(sum, 49 * 50 / 2);
	struct db_stmt *count = sql(f, "SELECT COUNT(*) FROM child");
	assert_int_equal(db_step(count), DB_ROW);
	assert_int_equal(db_col_int(count, 0), 50);
	db_reset(count);
}

static void a_statement_read_in_part_can_be_reset_and_run_again(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	for (int i = 0; i < 20; i++)
		insert_probe(f, i, NULL);
	struct db_stmt *q = sql(f, "SELECT n FROM probe WHERE n >= :min ORDER BY n");
	db_bind_int(q, ":min", 5);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 5);
	db_reset(q);
	/* the connection is free again: other statements run, and q again from the start */
	assert_int_equal(insert_probe(f, 100, "after") > 0, 1);
	db_bind_int(q, ":min", 19);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 19);
	assert_int_equal(db_step(q), DB_ROW);
	assert_int_equal(db_col_int(q, 0), 100);
	assert_int_equal(db_step(q), DB_DONE);
	db_reset(q);
}

static void changes_count_the_rows_a_statement_touched(void **state)
{
	struct fixture *f = fixture(state);
	migrate_probe(f);
	for (int i = 0; i < 5; i++)
		insert_probe(f, i % 2, NULL);
	struct db_stmt *u = sql(f, "UPDATE probe SET r = :r WHERE n = :n");
	db_bind_double(u, ":r", 1.5);
	db_bind_int(u, ":n", 0);
	assert_int_equal(db_exec(u), ERR_OK);
	assert_int_equal(db_changes(f->db), 3);
	db_bind_double(u, ":r", 1.5);
	db_bind_int(u, ":n", 9);
	assert_int_equal(db_exec(u), ERR_OK);
	assert_int_equal(db_changes(f->db), 0);
}

static void statement_timings_are_counted(void **state)
{
	struct fixture *f = fixture(state);
	struct db_stats before, after;
	db_stats_get(&before);
	struct db_stmt *s = db_stmt(f->db, STMT_PING);
	assert_int_equal(db_step(s), DB_ROW);
	assert_int_equal(db_col_int(s, 0), 1);
	assert_int_equal(db_step(s), DB_DONE);
	db_reset(s);
	db_stats_get(&after);
	assert_int_equal(after.statements, before.statements + 1);
}

/* ---- PostgreSQL only: what a server can do to its clients ---- */

static struct fixture *pg_fixture(void **state)
{
	struct fixture *f = fixture(state);
	if (!f->pg)
		skip(); /* an embedded database has no server to lose */
	return f;
}

/* Ends every other session on f's database, as a server restart does. */
static void end_other_sessions(struct fixture *f)
{
	char err[256];
	struct db *admin = db_open(f->url, err, sizeof err);
	assert_non_null(admin);
	struct db_stmt *k = db_prepare_sql(admin,
		"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
		" WHERE datname = current_database() AND pid <> pg_backend_pid()", err, sizeof err);
	assert_non_null(k);
	assert_int_equal(db_step(k), DB_ROW);
	assert_true(db_col_int(k, 0) >= 1);
	db_reset(k);
	db_stmt_free(k);
	db_close(admin);
	usleep(100 * 1000); /* the ended backend's farewell reaches the socket */
}

static void a_connection_the_server_ended_is_made_again(void **state)
{
	struct fixture *f = pg_fixture(state);
	migrate(f);
	char v[64];
	assert_int_equal(db_transaction(f->db, put, "before"), ERR_OK);
	end_other_sessions(f);
	/* the next statement notices, reconnects, prepares again and runs */
	assert_string_equal(get(f->db, "tx", v, sizeof v), "before");
	assert_int_equal(db_transaction(f->db, put, "after"), ERR_OK);
	assert_string_equal(get(f->db, "tx", v, sizeof v), "after");
}

static enum err put_across_a_lost_connection(struct db *db, void *ctx)
{
	struct fixture *f = ctx;
	enum err e = put(db, "lost");
	assert_int_equal(e, ERR_OK);
	end_other_sessions(f);
	e = put(db, "lost again");
	assert_int_equal(e, ERR_UNAVAILABLE);
	/* nothing more runs in this transaction, not even on a new connection */
	assert_int_equal(put(db, "never"), ERR_UNAVAILABLE);
	return e;
}

static void a_transaction_whose_connection_was_lost_fails_as_a_whole(void **state)
{
	struct fixture *f = pg_fixture(state);
	migrate(f);
	char v[64];
	assert_int_equal(db_transaction(f->db, put, "committed"), ERR_OK);
	assert_int_equal(db_transaction(f->db, put_across_a_lost_connection, f), ERR_UNAVAILABLE);
	/* after the rollback the connection serves again, and the lost writes are not there */
	assert_string_equal(get(f->db, "tx", v, sizeof v), "committed");
}

static void a_statement_over_the_timeout_is_cancelled(void **state)
{
	struct fixture *f = pg_fixture(state);
	struct db_options o = { .statement_timeout_ms = 50 };
	db_set_options(&o);
	char err[256];
	struct db *db = db_open(f->url, err, sizeof err);
	o.statement_timeout_ms = 30000;
	db_set_options(&o);
	assert_non_null(db);
	struct db_stmt *s = db_prepare_sql(db, "SELECT pg_sleep(5)", err, sizeof err);
	assert_non_null(s);
	assert_int_equal(db_step(s), DB_ERROR);
	assert_int_equal(db_error(db), ERR_UNAVAILABLE);
	assert_non_null(strstr(db_errmsg(db), "statement timeout"));
	db_reset(s);
	db_stmt_free(s);
	db_close(db);
}

static void migrations_run_without_the_statement_timeout(void **state)
{
	struct fixture *f = pg_fixture(state);
	struct db_options o = { .statement_timeout_ms = 50 };
	db_set_options(&o);
	char err[256];
	struct db *db = db_open(f->url, err, sizeof err);
	o.statement_timeout_ms = 30000;
	db_set_options(&o);
	assert_non_null(db);
	/* a migration longer than the timeout (an index on a big table, say) completes */
	static const char slow[] = "CREATE TABLE s (x INTEGER) STRICT;\n-- vans:postgres\nSELECT pg_sleep(0.3);\n-- vans:end\n";
	const struct embedded_file files[] = { { "migrations/0001_slow.sql", (const unsigned char *)slow, sizeof slow - 1 } };
	int applied;
	assert_int_equal(db_migrate_files(db, files, 1, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(applied, 1);
	/* and afterwards the timeout holds again for what serves requests */
	struct db_stmt *s = db_prepare_sql(db, "SELECT pg_sleep(1)", err, sizeof err);
	assert_int_equal(db_step(s), DB_ERROR);
	assert_int_equal(db_error(db), ERR_UNAVAILABLE);
	db_stmt_free(s);
	db_close(db);
}

static void text_with_a_nul_byte_is_refused_not_cut(void **state)
{
	struct fixture *f = pg_fixture(state);
	migrate(f);
	struct db_stmt *s = db_stmt(f->db, STMT_SETTING_PUT);
	db_bind_text(s, ":key", "nul");
	db_bind_textn(s, ":value", "a\0b", 3);
	assert_int_equal(db_exec(s), ERR_INVALID);
	char v[8];
	assert_null(get(f->db, "nul", v, sizeof v));
}

static enum err fail_then_use_a_new_statement(struct db *db, void *ctx)
{
	(void)ctx;
	struct db_stmt *dup = db_stmt(db, STMT_MIGRATION_RECORD);
	db_bind_int(dup, ":version", 1);
	db_bind_text(dup, ":name", "dup");
	db_bind_text(dup, ":at", "now");
	assert_int_equal(db_exec(dup), ERR_EXISTS);
	/* first use of this statement on the connection, after the failure: it comes back,
	 * and like every statement after a failure on PostgreSQL it fails */
	struct db_stmt *s = db_stmt(db, STMT_SETTING_INSERT_IF_ABSENT);
	assert_non_null(s);
	db_bind_text(s, ":key", "k");
	db_bind_text(s, ":value", "v");
	assert_int_equal(db_exec(s), ERR_DB);
	return ERR_EXISTS;
}

static void a_statement_first_used_after_a_failure_in_a_transaction_is_still_there(void **state)
{
	struct fixture *f = pg_fixture(state);
	migrate(f);
	assert_int_equal(db_transaction(f->db, fail_then_use_a_new_statement, NULL), ERR_EXISTS);
	char v[8];
	assert_null(get(f->db, "k", v, sizeof v));
	struct db_stmt *s = db_stmt(f->db, STMT_SETTING_INSERT_IF_ABSENT);
	db_bind_text(s, ":key", "k");
	db_bind_text(s, ":value", "v");
	assert_int_equal(db_exec(s), ERR_OK);
	assert_string_equal(get(f->db, "k", v, sizeof v), "v");
}

#define BOTH(fn)                                                                \
	{ "sqlite: " #fn, fn, open_sqlite, close_fixture, NULL },               \
	{ "postgres: " #fn, fn, open_pg, close_fixture, NULL }

/* ---- coordination between instances ---- */

static void a_lock_is_held_by_one_connection_at_a_time(void **state)
{
	struct fixture *f = fixture(state);
	char err[256];
	struct db *other = db_open(f->url, err, sizeof err);
	assert_non_null(other);
	assert_int_equal(db_try_lock(f->db, 42), ERR_OK);
	/* PostgreSQL: a session lock; SQLite grants it to everyone (one instance per file) */
	assert_int_equal(db_try_lock(other, 42), f->pg ? ERR_CONFLICT : ERR_OK);
	assert_int_equal(db_try_lock(other, 43), ERR_OK);
	db_unlock(f->db, 42);
	assert_int_equal(db_try_lock(other, 42), ERR_OK);
	/* a connection that ends (a process that dies) releases what it held */
	db_close(other);
	/* (the server ends the session a moment after the client has gone) */
	enum err e = ERR_CONFLICT;
	for (int i = 0; i < 40 && (e = db_try_lock(f->db, 43)) == ERR_CONFLICT; i++)
		usleep(50 * 1000);
	assert_int_equal(e, ERR_OK);
	assert_int_equal(db_try_lock(f->db, 42), ERR_OK);
}

static atomic_int heard;

static void count_wakeup(void *ctx)
{
	atomic_fetch_add((atomic_int *)ctx, 1);
}

/* Notifies until the listener has been woken more than `than` times; false after 5 s. */
static bool notify_until_heard(struct db *db, int than)
{
	for (int i = 0; i < 50; i++) {
		assert_int_equal(db_notify(db, "vans_unit"), ERR_OK);
		usleep(100 * 1000);
		if (atomic_load(&heard) > than)
			return true;
	}
	return false;
}

static void notifications_reach_listeners_on_postgres_only(void **state)
{
	struct fixture *f = fixture(state);
	atomic_store(&heard, 0);
	struct db_listener *l = db_listen_start(f->url, "vans_unit", count_wakeup, &heard);
	if (!f->pg) {
		assert_null(l); /* nothing to listen to: callers poll */
		assert_int_equal(db_notify(f->db, "vans_unit"), ERR_OK);
		return;
	}
	assert_non_null(l);
	assert_true(notify_until_heard(f->db, 0));
	/* the server ends the listener's session: it reconnects, says so, and hears again */
	end_other_sessions(f);
	int before = atomic_load(&heard);
	assert_true(notify_until_heard(f->db, before));
	/* a notification inside a transaction arrives when it commits, not before */
	usleep(300 * 1000);
	before = atomic_load(&heard);
	assert_int_equal(db_begin(f->db), ERR_OK);
	assert_int_equal(db_notify(f->db, "vans_unit"), ERR_OK);
	usleep(300 * 1000);
	assert_int_equal(atomic_load(&heard), before);
	assert_int_equal(db_commit(f->db), ERR_OK);
	for (int i = 0; i < 50 && atomic_load(&heard) == before; i++)
		usleep(100 * 1000);
	assert_true(atomic_load(&heard) > before);
	db_listen_stop(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		BOTH(migrations_apply_once),
		BOTH(a_failing_migration_leaves_the_database_as_it_was),
		BOTH(a_migration_numbered_below_one_applied_still_runs),
		BOTH(instances_migrating_at_once_apply_each_migration_once),
		BOTH(every_catalogued_statement_compiles),
		BOTH(transactions_commit_on_success_and_roll_back_on_error),
		BOTH(unique_violations_are_reported_as_exists),
		BOTH(other_constraint_violations_are_reported_as_invalid),
		BOTH(a_bulk_transaction_is_one_transaction_and_leaves_the_checks_on),
		BOTH(values_come_back_as_they_were_bound),
		BOTH(one_migration_file_serves_both_engines),
		BOTH(a_statement_runs_while_another_is_being_read),
		BOTH(a_statement_read_in_part_can_be_reset_and_run_again),
		BOTH(changes_count_the_rows_a_statement_touched),
		BOTH(statement_timings_are_counted),
		BOTH(a_lock_is_held_by_one_connection_at_a_time),
		BOTH(notifications_reach_listeners_on_postgres_only),
		{ "postgres: a_connection_the_server_ended_is_made_again", a_connection_the_server_ended_is_made_again,
		  open_pg, close_fixture, NULL },
		{ "postgres: a_transaction_whose_connection_was_lost_fails_as_a_whole",
		  a_transaction_whose_connection_was_lost_fails_as_a_whole, open_pg, close_fixture, NULL },
		{ "postgres: a_statement_over_the_timeout_is_cancelled", a_statement_over_the_timeout_is_cancelled, open_pg,
		  close_fixture, NULL },
		{ "postgres: a_statement_first_used_after_a_failure_in_a_transaction_is_still_there",
		  a_statement_first_used_after_a_failure_in_a_transaction_is_still_there, open_pg, close_fixture, NULL },
		{ "postgres: migrations_run_without_the_statement_timeout", migrations_run_without_the_statement_timeout,
		  open_pg, close_fixture, NULL },
		{ "postgres: text_with_a_nul_byte_is_refused_not_cut", text_with_a_nul_byte_is_refused_not_cut, open_pg,
		  close_fixture, NULL },
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
