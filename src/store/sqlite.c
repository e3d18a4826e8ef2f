/* SQLite engine for store/db.c: WAL, foreign keys, busy timeout, persistent prepared
 * statements. The only file besides pg.c that includes an engine's header. */
#include "store/driver.h"
#include "core/alloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void *s_open(const char *path, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "sqlite %s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 10000);
	static const char *const pragmas =
		"PRAGMA journal_mode = WAL;"
		"PRAGMA synchronous = NORMAL;"
		"PRAGMA foreign_keys = ON;"
		"PRAGMA temp_store = MEMORY;";
	char *msg = NULL;
	if (sqlite3_exec(db, pragmas, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "sqlite %s: %s", path, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

static void s_close(void *conn)
{
	sqlite3_close_v2(conn);
}

static void *s_prepare(void *conn, const char *sql, char *err, size_t errlen)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s", sqlite3_errmsg(conn));
		return NULL;
	}
	return st;
}

static void s_finalize(void *stmt)
{
	sqlite3_finalize(stmt);
}

static int s_bind_index(void *stmt, const char *name)
{
	return sqlite3_bind_parameter_index(stmt, name);
}

static void s_bind_text(void *stmt, int idx, const char *v, size_t n)
{
	sqlite3_bind_text64(stmt, idx, v, n, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void s_bind_int(void *stmt, int idx, int64_t v)
{
	sqlite3_bind_int64(stmt, idx, v);
}

static void s_bind_double(void *stmt, int idx, double v)
{
	sqlite3_bind_double(stmt, idx, v);
}

static void s_bind_blob(void *stmt, int idx, const void *v, size_t n)
{
	sqlite3_bind_blob64(stmt, idx, v, n, SQLITE_TRANSIENT);
}

static void s_bind_null(void *stmt, int idx)
{
	sqlite3_bind_null(stmt, idx);
}

static enum db_step_rc s_step(void *stmt)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return DB_ERROR;
}

static const char *s_col_text(void *stmt, int col)
{
	return (const char *)sqlite3_column_text(stmt, col);
}

static size_t s_col_len(void *stmt, int col)
{
	return (size_t)sqlite3_column_bytes(stmt, col);
}

static int64_t s_col_int(void *stmt, int col)
{
	return sqlite3_column_int64(stmt, col);
}

static double s_col_double(void *stmt, int col)
{
	return sqlite3_column_double(stmt, col);
}

static bool s_col_null(void *stmt, int col)
{
	return sqlite3_column_type(stmt, col) == SQLITE_NULL;
}

static void s_reset(void *stmt)
{
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
}

static enum err s_last_error(void *conn)
{
	int code = sqlite3_extended_errcode(conn);
	switch (code) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return ERR_EXISTS;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_UNAVAILABLE;
	default:
		return (code & 0xff) == SQLITE_CONSTRAINT ? ERR_INVALID : ERR_DB;
	}
}

static int64_t s_changes(void *conn)
{
	return sqlite3_changes64(conn);
}

static int64_t s_last_insert_id(void *conn)
{
	return sqlite3_last_insert_rowid(conn);
}

static const char *s_errmsg(void *conn)
{
	return sqlite3_errmsg(conn);
}

static int s_exec_script(void *conn, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;
	if (sqlite3_exec(conn, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(conn));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

const struct db_driver db_sqlite_driver = {
	.name = "sqlite",
	.open = s_open,
	.close = s_close,
	.prepare = s_prepare,
	.finalize = s_finalize,
	.bind_index = s_bind_index,
	.bind_text = s_bind_text,
	.bind_int = s_bind_int,
	.bind_double = s_bind_double,
	.bind_blob = s_bind_blob,
	.bind_null = s_bind_null,
	.step = s_step,
	.col_text = s_col_text,
	.col_len = s_col_len,
	.col_int = s_col_int,
	.col_double = s_col_double,
	.col_null = s_col_null,
	.reset = s_reset,
	.last_error = s_last_error,
	.changes = s_changes,
	.last_insert_id = s_last_insert_id,
	.errmsg = s_errmsg,
	.exec_script = s_exec_script,
};
