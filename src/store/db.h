/* Database access for every module: statements come from one catalogue (statements.h),
 * parameters are bound by name, so one SQL text serves SQLite and PostgreSQL. */
#ifndef VANS_STORE_DB_H
#define VANS_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/statements.h"

struct db;
struct db_stmt;

enum db_step_rc { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* Settings for every connection opened afterwards; call before the first db_open. */
struct db_options {
	int64_t statement_timeout_ms;   /* PostgreSQL cancels a statement running longer; 0 = never */
};
void db_set_options(const struct db_options *o);

/* Opens a connection: "sqlite:PATH", "PATH" (SQLite) or "postgres://user@host/db"
 * (also "postgresql://", any libpq URI). Returns NULL and a message in err on failure. */
struct db *db_open(const char *url, char *err, size_t errlen);
/* The URL with any password replaced by "***", for messages and logs. */
const char *db_url_redacted(const char *url, char *out, size_t outlen);
void db_close(struct db *db);
const char *db_engine(const struct db *db); /* "sqlite" or "postgres" */

/* Per-thread connections for the server: db_thread_init() sets the URL once at start-up;
 * db_thread() opens this thread's connection on first use (NULL if it cannot). */
int db_thread_init(const char *url, char *err, size_t errlen);
struct db *db_thread(void);
void db_thread_release(void);

/* The catalogued statement, prepared on first use and reset for reuse. Only one cursor
 * per statement id per connection may be open at a time. */
struct db_stmt *db_stmt(struct db *db, enum stmt_id id);
/* Binding an unknown parameter name is a programming error and aborts. NULL text binds NULL. */
void db_bind_text(struct db_stmt *s, const char *name, const char *v);
void db_bind_textn(struct db_stmt *s, const char *name, const char *v, size_t n);
/* Binds without copying: v must stay unchanged until the statement is reset (db_exec, or
 * db_reset after the last step). For bulk imports, whose records outlive their statement. */
void db_bind_textn_static(struct db_stmt *s, const char *name, const char *v, size_t n);
void db_bind_int(struct db_stmt *s, const char *name, int64_t v);
void db_bind_double(struct db_stmt *s, const char *name, double v);
void db_bind_blob(struct db_stmt *s, const char *name, const void *v, size_t n);
void db_bind_null(struct db_stmt *s, const char *name);
enum db_step_rc db_step(struct db_stmt *s);
/* Columns of the current row; text is valid until the next step or reset. */
const char *db_col_text(struct db_stmt *s, int col);
const void *db_col_blob(struct db_stmt *s, int col);  /* db_col_len bytes */
size_t db_col_len(struct db_stmt *s, int col);
int64_t db_col_int(struct db_stmt *s, int col);
double db_col_double(struct db_stmt *s, int col);
bool db_col_null(struct db_stmt *s, int col);
void db_reset(struct db_stmt *s);
/* Steps to completion and resets: for INSERT/UPDATE/DELETE. ERR_EXISTS on a unique
 * violation, ERR_INVALID on another constraint, ERR_DB otherwise. */
enum err db_exec(struct db_stmt *s);
/* The classification db_exec gives, for a db_step that returned DB_ERROR. */
enum err db_error(struct db *db);
int64_t db_changes(struct db *db);
/* A new row's id, portably: "INSERT ... RETURNING id" and db_step. This call is
 * SQLite's last_insert_rowid (on PostgreSQL the session's lastval()). */
int64_t db_last_insert_id(struct db *db);
const char *db_errmsg(struct db *db);

/* Transactions. db_begin takes the write lock at once on SQLite (no upgrade deadlocks);
 * PostgreSQL runs READ COMMITTED with row locks. On PostgreSQL a statement that fails
 * inside a transaction aborts it: later statements fail until the rollback, so write
 * "INSERT ... ON CONFLICT" rather than catching ERR_EXISTS inside a transaction. */
enum err db_begin(struct db *db);
/* The same for a bulk load that writes rows in an order its foreign keys hold by construction
 * (parent before children): the engine may skip the per-row foreign-key lookups until the
 * transaction ends (commit or rollback restores the setting).
 * Atomicity and durability are those of db_begin: a crash leaves the database as it was. */
enum err db_begin_bulk(struct db *db);
enum err db_commit(struct db *db);
void db_rollback(struct db *db);
/* Runs fn in a transaction: commit when it returns ERR_OK, roll back otherwise. */
enum err db_transaction(struct db *db, enum err (*fn)(struct db *db, void *ctx), void *ctx);

/* Coordination between instances. A lock named by key, held by this connection until
 * db_unlock or until the connection ends (a process that dies releases it): a job that one
 * instance runs is never started by another. PostgreSQL: a session advisory lock; SQLite:
 * always granted (one instance serves a database file). ERR_CONFLICT when another
 * connection holds it. */
enum err db_try_lock(struct db *db, int64_t key);
void db_unlock(struct db *db, int64_t key);
/* Tells every listener of channel (db_listen_start, in any process) that something changed:
 * PostgreSQL's NOTIFY, delivered when the current transaction commits (at once outside
 * one). A no-op on SQLite. */
enum err db_notify(struct db *db, const char *channel);
/* Starts a thread with a connection of its own that calls cb(ctx) after each notification
 * of channel, and after each reconnection (notifications sent meanwhile were lost). It
 * reconnects with a growing pause while the server is away. NULL on SQLite, which has no
 * notifications: callers keep polling, which they do anyway as the fallback. */
struct db_listener;
struct db_listener *db_listen_start(const char *url, const char *channel, void (*cb)(void *ctx), void *ctx);
void db_listen_stop(struct db_listener *l);

/* Applies the embedded migrations not yet applied, each in its own transaction; a failing
 * one leaves the database as it was before it. Two processes migrating one database at
 * once take turns (an advisory lock on PostgreSQL, the write lock on SQLite). Each file
 * is written once for both engines (docs/database.md). */
enum err db_migrate(struct db *db, int *applied, char *err, size_t errlen);
/* The same over an explicit list of files named "migrations/NNNN_name.sql" (for tests). */
struct embedded_file;
enum err db_migrate_files(struct db *db, const struct embedded_file *files, unsigned long nfiles,
			  int *applied, char *err, size_t errlen);
/* The highest applied migration version, 0 for an empty database, -1 on error. */
int db_schema_version(struct db *db);
int db_latest_migration(void);

/* Cumulative statement timings, for /metrics. */
struct db_stats {
	uint64_t statements;        /* steps that ended a statement */
	uint64_t errors;
	uint64_t nanos;             /* total time spent in steps */
	uint64_t buckets[8];        /* counts of statements by latency ≤ 0.1,0.5,1,5,10,50,100,+Inf ms */
	uint64_t reconnects;        /* connections made again after the server ended them */
	uint64_t listen_wakeups;    /* callbacks of db_listen_start: notifications, reconnections */
};
extern const double db_stats_bucket_ms[8];
void db_stats_get(struct db_stats *out);
/* The engine of the database the server was started on ("sqlite", "postgres"), for /metrics. */
const char *db_thread_engine(void);

#endif
