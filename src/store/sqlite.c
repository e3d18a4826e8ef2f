/* SQLite engine for store/db.c: WAL, foreign keys, busy timeout, persistent prepared
 * statements. The only file besides pg.c that includes an engine's header. */
#include "store/driver.h"
#include "core/alloc.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Memory statistics cost a mutex on every allocation; vans never reads them. */
static pthread_once_t configured = PTHREAD_ONCE_INIT;

static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* After a feed import the WAL is cut back to this size at the next checkpoint, not left as
 * large as the last import's transaction. */
#define WAL_KEEP_BYTES "67108864"

static void *s_open(const char *path, char *err, size_t errlen)
{
	pthread_once(&configured, configure);
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	if (strncmp(path, "file:", 5) == 0)
		flags |= SQLITE_OPEN_URI; /* "file:PATH?mode=ro" opens a backup without touching it */
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
		"PRAGMA temp_store = MEMORY;"
		"PRAGMA journal_size_limit = " WAL_KEEP_BYTES ";";
	static const char *const readonly_pragmas = "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
	char *msg = NULL;
	if (sqlite3_exec(db, sqlite3_db_readonly(db, "main") == 1 ? readonly_pragmas : pragmas, NULL, NULL, &msg) !=
	    SQLITE_OK) {
		snprintf(err, errlen, "sqlite %s: %s", path, msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

/* Bulk load (db_begin_bulk): the importer writes parents before children, so the foreign-key
 * lookup per child row (one index seek each) is skipped; the pragma has effect only outside
 * a transaction, which is where db.c calls this. synchronous stays NORMAL: with WAL that
 * syncs only at checkpoints, and OFF would risk the database file, not just the last
 * transaction, on a power loss during a checkpoint. A larger page cache was measured and
 * left out: the same CPU time (1.1 2013 feed: 1.16 s with 128 MB, 1.13 s with the 2 MB
 * default) for 60 MB more memory. */
static int s_bulk(void *conn, bool on)
{
	const char *sql = on ? "PRAGMA foreign_keys = OFF;" : "PRAGMA foreign_keys = ON;";
	return sqlite3_exec(conn, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
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

static void s_bind_text_static(void *stmt, int idx, const char *v, size_t n)
{
	sqlite3_bind_text64(stmt, idx, v, n, SQLITE_STATIC, SQLITE_UTF8);
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

static const void *s_col_blob(void *stmt, int col)
{
	return sqlite3_column_blob(stmt, col);
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

/* ---- schema introspection and backup ---- */

static enum db_col_kind kind_of(const char *type)
{
	if (!type)
		return DB_COL_TEXT;
	if (!strcasecmp(type, "INTEGER") || !strcasecmp(type, "INT"))
		return DB_COL_INT;
	if (!strcasecmp(type, "REAL"))
		return DB_COL_DOUBLE;
	if (!strcasecmp(type, "BLOB"))
		return DB_COL_BLOB;
	return DB_COL_TEXT;
}

static void push_name(char ***list, size_t *n, const char *name)
{
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = xstrdup(name);
}

static int describe(sqlite3 *db, struct db_table *t, char *err, size_t errlen)
{
	sqlite3_stmt *cols = NULL, *fks = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db, "SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid", -1, &cols, NULL) ||
	    sqlite3_prepare_v2(db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1) ORDER BY 1", -1, &fks,
			       NULL))
		goto out;
	sqlite3_bind_text(cols, 1, t->name, -1, SQLITE_STATIC);
	int maxpk = 0;
	while (sqlite3_step(cols) == SQLITE_ROW) {
		t->cols = xrealloc(t->cols, (t->ncols + 1) * sizeof *t->cols);
		t->cols[t->ncols++] = (struct db_column){ xstrdup((const char *)sqlite3_column_text(cols, 0)),
							  kind_of((const char *)sqlite3_column_text(cols, 1)), false };
		if (sqlite3_column_int(cols, 2) > maxpk)
			maxpk = sqlite3_column_int(cols, 2);
	}
	for (int k = 1; k <= maxpk; k++) {
		sqlite3_reset(cols);
		while (sqlite3_step(cols) == SQLITE_ROW)
			if (sqlite3_column_int(cols, 2) == k)
				push_name(&t->pk, &t->npk, (const char *)sqlite3_column_text(cols, 0));
	}
	sqlite3_bind_text(fks, 1, t->name, -1, SQLITE_STATIC);
	while (sqlite3_step(fks) == SQLITE_ROW)
		push_name(&t->parents, &t->nparents, (const char *)sqlite3_column_text(fks, 0));
	rc = 0;
out:
	if (rc)
		snprintf(err, errlen, "sqlite: %s", sqlite3_errmsg(db));
	sqlite3_finalize(cols);
	sqlite3_finalize(fks);
	return rc;
}

static int s_tables(void *conn, struct db_table **out, size_t *nout, char *err, size_t errlen)
{
	sqlite3 *db = conn;
	sqlite3_stmt *q = NULL;
	*out = NULL;
	*nout = 0;
	/* ordinary tables only: not SQLite's own, not virtual tables and their shadow tables
	 * (full-text indexes are rebuilt from their content, never copied) */
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
				   " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name", -1, &q, NULL)) {
		snprintf(err, errlen, "sqlite: %s", sqlite3_errmsg(db));
		return -1;
	}
	struct db_table *t = NULL;
	size_t n = 0;
	int rc = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		t = xrealloc(t, (n + 1) * sizeof *t);
		memset(&t[n], 0, sizeof t[n]);
		t[n++].name = xstrdup((const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = describe(db, &t[i], err, errlen);
	if (rc) {
		db_tables_free(t, n);
		return -1;
	}
	*out = t;
	*nout = n;
	return 0;
}

/* The online backup API: a consistent copy page by page while others keep writing. */
static int s_backup(void *conn, const char *path, char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) == 0 || errno != ENOENT) {
		snprintf(err, errlen, "%s: already exists; a backup never overwrites a file", path);
		return -1;
	}
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", conn, "main") : NULL;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
		rc = rc == SQLITE_DONE ? sqlite3_errcode(dst) : rc;
	}
	if (!b || rc != SQLITE_OK) {
		snprintf(err, errlen, "backup to %s: %s", path, dst ? sqlite3_errmsg(dst) : "cannot open");
		sqlite3_close(dst);
		unlink(path);
		return -1;
	}
	/* a backup is one self-contained file: no -wal beside it */
	char *msg = NULL;
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "backup to %s: %s", path, msg ? msg : sqlite3_errmsg(dst));
		sqlite3_free(msg);
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_close(dst);
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
	.bind_text_static = s_bind_text_static,
	.bind_int = s_bind_int,
	.bind_double = s_bind_double,
	.bind_blob = s_bind_blob,
	.bind_null = s_bind_null,
	.step = s_step,
	.col_text = s_col_text,
	.col_blob = s_col_blob,
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
	.bulk = s_bulk,
	.lock = NULL,
	.try_lock = NULL,
	.notify = NULL,
	.listen_start = NULL,
	.listen_stop = NULL,
	.tables = s_tables,
	.after_copy = NULL,
	.backup = s_backup,
};
