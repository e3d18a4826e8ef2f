/* Unit tests of src/store on a real SQLite file: migrations (idempotent, and all or
 * nothing when one fails), every catalogued statement compiles, named parameters,
 * transactions and error classification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/embedded.h"
#include "store/db.h"

struct fixture {
	char path[64];
	struct db *db;
};

static int open_db(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	snprintf(f->path, sizeof f->path, "/tmp/vans-store-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(f->path);
	char err[256];
	f->db = db_open(f->path, err, sizeof err);
	*state = f;
	return f->db ? 0 : -1;
}

static int close_db(void **state)
{
	struct fixture *f = *state;
	db_close(f->db);
	char p[96];
	unlink(f->path);
	snprintf(p, sizeof p, "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

static void migrations_apply_once(void **state)
{
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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
	struct fixture *f = *state;
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

static void every_catalogued_statement_compiles(void **state)
{
	struct fixture *f = *state;
	char err[256];
	int applied;
	assert_int_equal(db_migrate(f->db, &applied, err, sizeof err), ERR_OK);
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
	struct fixture *f = *state;
	char err[256], v[64];
	int applied;
	assert_int_equal(db_migrate(f->db, &applied, err, sizeof err), ERR_OK);
	assert_int_equal(db_transaction(f->db, put_then_fail, NULL), ERR_INVALID);
	assert_null(get(f->db, "tx", v, sizeof v));
	assert_int_equal(db_transaction(f->db, put, "kept"), ERR_OK);
	assert_string_equal(get(f->db, "tx", v, sizeof v), "kept");
}

static void unique_violations_are_reported_as_exists(void **state)
{
	struct fixture *f = *state;
	char err[256];
	int applied;
	assert_int_equal(db_migrate(f->db, &applied, err, sizeof err), ERR_OK);
	struct db_stmt *s = db_stmt(f->db, STMT_MIGRATION_RECORD);
	db_bind_int(s, ":version", 1);
	db_bind_text(s, ":name", "dup");
	db_bind_text(s, ":at", "now");
	assert_int_equal(db_exec(s), ERR_EXISTS);
}

static void statement_timings_are_counted(void **state)
{
	struct fixture *f = *state;
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrations_apply_once, open_db, close_db),
		cmocka_unit_test_setup_teardown(a_failing_migration_leaves_the_database_as_it_was, open_db, close_db),
		cmocka_unit_test_setup_teardown(a_migration_numbered_below_one_applied_still_runs, open_db, close_db),
		cmocka_unit_test_setup_teardown(every_catalogued_statement_compiles, open_db, close_db),
		cmocka_unit_test_setup_teardown(transactions_commit_on_success_and_roll_back_on_error, open_db, close_db),
		cmocka_unit_test_setup_teardown(unique_violations_are_reported_as_exists, open_db, close_db),
		cmocka_unit_test_setup_teardown(statement_timings_are_counted, open_db, close_db),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
