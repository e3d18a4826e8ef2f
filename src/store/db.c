/* Engine-neutral database front: statement cache per connection, binding by name,
 * timings for /metrics, transactions and migrations. Engines plug in via driver.h. */
#include "store/db.h"
#include "store/driver.h"
#include "store/sqltext.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/embedded.h"
#include "core/log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db_stmt {
	struct db *db;
	void *handle;
	enum stmt_id id;
	uint64_t started;     /* monotonic ns of the first step, 0 when idle */
	/* parameter name → index, remembered by the name's address: callers pass string
	 * literals, so bulk imports skip the engine's name search on every bind */
	const char **bind_name;  /* grown as names come: a batched insert has a hundred and more */
	int *bind_idx;
	int nbind, capbind;
	int bind_next;           /* where the next name is likely cached: binds come in the same order */
};

struct db {
	const struct db_driver *drv;
	void *conn;
	int tx_depth;
	bool bulk;               /* inside db_begin_bulk: the engine's bulk settings are on */
	struct db_stmt stmts[STMT__MAX];
};

/* ---- timings ---- */

const double db_stats_bucket_ms[8] = { 0.1, 0.5, 1, 5, 10, 50, 100, -1 };
static _Atomic uint64_t st_statements, st_errors, st_nanos, st_buckets[8], st_reconnects, st_wakeups;

void db_stats_reconnected(void)
{
	atomic_fetch_add_explicit(&st_reconnects, 1, memory_order_relaxed);
}

static void record_timing(uint64_t ns, bool error)
{
	atomic_fetch_add_explicit(&st_statements, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&st_nanos, ns, memory_order_relaxed);
	if (error)
		atomic_fetch_add_explicit(&st_errors, 1, memory_order_relaxed);
	double ms = (double)ns / 1e6;
	int b = 0;
	while (b < 7 && ms > db_stats_bucket_ms[b])
		b++;
	atomic_fetch_add_explicit(&st_buckets[b], 1, memory_order_relaxed);
}

void db_stats_get(struct db_stats *out)
{
	out->statements = atomic_load(&st_statements);
	out->errors = atomic_load(&st_errors);
	out->nanos = atomic_load(&st_nanos);
	for (int i = 0; i < 8; i++)
		out->buckets[i] = atomic_load(&st_buckets[i]);
	out->reconnects = atomic_load(&st_reconnects);
	out->listen_wakeups = atomic_load(&st_wakeups);
}

/* ---- connections ---- */

struct db_options db_opts = { .statement_timeout_ms = 30000 };

void db_set_options(const struct db_options *o)
{
	db_opts = *o;
}

static const struct db_driver *driver_for(const char *url, const char **target)
{
	if (strncmp(url, "sqlite:", 7) == 0) {
		*target = url + 7;
		return &db_sqlite_driver;
	}
	*target = url;
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return &db_pg_driver;
	return &db_sqlite_driver;
}

const char *db_url_redacted(const char *url, char *out, size_t outlen)
{
	struct buf b;
	buf_init(&b, 0);
	const char *p = url;
	const char *scheme = strstr(url, "://");
	if (scheme) {
		const char *auth = scheme + 3;
		size_t n = strcspn(auth, "/?#");
		const char *at = NULL;
		for (size_t i = 0; i < n; i++)
			if (auth[i] == '@')
				at = auth + i;
		const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
		if (colon) {
			buf_append(&b, url, (size_t)(colon + 1 - url));
			buf_puts(&b, "***");
			p = at;
		}
	}
	while (*p) { /* a password given as a parameter */
		const char *pw = strstr(p, "password=");
		if (!pw) {
			buf_puts(&b, p);
			break;
		}
		buf_append(&b, p, (size_t)(pw + 9 - p));
		buf_puts(&b, "***");
		p = pw + 9 + strcspn(pw + 9, "& ");
	}
	snprintf(out, outlen, "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

struct db *db_open(const char *url, char *err, size_t errlen)
{
	const char *target;
	const struct db_driver *drv = driver_for(url, &target);
	void *conn = drv->open(target, err, errlen);
	if (!conn)
		return NULL;
	struct db *db = xcalloc(1, sizeof *db);
	db->drv = drv;
	db->conn = conn;
	for (int i = 0; i < STMT__MAX; i++) {
		db->stmts[i].db = db;
		db->stmts[i].id = (enum stmt_id)i;
	}
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < STMT__MAX; i++) {
		if (db->stmts[i].handle)
			db->drv->finalize(db->stmts[i].handle);
		free(db->stmts[i].bind_name);
		free(db->stmts[i].bind_idx);
	}
	db->drv->close(db->conn);
	free(db);
}

const char *db_engine(const struct db *db)
{
	return db->drv->name;
}

static char *thread_url;
static pthread_key_t thread_key;
static pthread_once_t thread_once = PTHREAD_ONCE_INIT;

static void thread_db_destroy(void *p)
{
	db_close(p);
}

static void thread_key_make(void)
{
	pthread_key_create(&thread_key, thread_db_destroy);
}

int db_thread_init(const char *url, char *err, size_t errlen)
{
	pthread_once(&thread_once, thread_key_make);
	free(thread_url);
	thread_url = xstrdup(url);
	struct db *probe = db_open(url, err, errlen);
	if (!probe)
		return -1;
	db_close(probe);
	return 0;
}

const char *db_thread_engine(void)
{
	const char *target;
	return thread_url ? driver_for(thread_url, &target)->name : "none";
}

struct db *db_thread(void)
{
	pthread_once(&thread_once, thread_key_make);
	struct db *db = pthread_getspecific(thread_key);
	if (db)
		return db;
	if (!thread_url)
		return NULL;
	char err[256];
	db = db_open(thread_url, err, sizeof err);
	if (!db) {
		log_error("database: %s", err);
		return NULL;
	}
	pthread_setspecific(thread_key, db);
	return db;
}

void db_thread_release(void)
{
	pthread_once(&thread_once, thread_key_make);
	struct db *db = pthread_getspecific(thread_key);
	if (db) {
		db_close(db);
		pthread_setspecific(thread_key, NULL);
	}
}

/* ---- statements ---- */

/* Statements outside the catalogue carry the id STMT__MAX. */
static const char *name_of(const struct db_stmt *s)
{
	return s->id < STMT__MAX ? stmt_name(s->id) : "(generated)";
}

struct db_stmt *db_prepare_sql(struct db *db, const char *sql, char *err, size_t errlen)
{
	void *h = db->drv->prepare(db->conn, sql, err, errlen);
	if (!h)
		return NULL;
	struct db_stmt *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->handle = h;
	s->id = STMT__MAX;
	return s;
}

void db_stmt_free(struct db_stmt *s)
{
	if (!s)
		return;
	s->db->drv->finalize(s->handle);
	free(s->bind_name);
	free(s->bind_idx);
	free(s);
}

const struct db_driver *db_driver_of(const struct db *db)
{
	return db->drv;
}

void *db_conn_of(const struct db *db)
{
	return db->conn;
}

void *db_stmt_handle(const struct db_stmt *s)
{
	return s->handle;
}

struct db_stmt *db_stmt(struct db *db, enum stmt_id id)
{
	if ((unsigned)id >= STMT__MAX)
		abort();
	struct db_stmt *s = &db->stmts[id];
	if (!s->handle) {
		char err[512];
		s->handle = db->drv->prepare(db->conn, stmt_sql_for(id, db->drv->name), err, sizeof err);
		if (!s->handle) {
			/* a catalogue entry that does not compile is a bug, caught by the unit test */
			log_error("prepare %s: %s", stmt_name(id), err);
			return NULL;
		}
	} else if (s->started) {
		db->drv->reset(s->handle);
		s->started = 0;
	}
	return s;
}

static int bind_index(struct db_stmt *s, const char *name)
{
	if (s->bind_next >= s->nbind)
		s->bind_next = 0;
	if (s->bind_next < s->nbind && s->bind_name[s->bind_next] == name)
		return s->bind_idx[s->bind_next++];
	for (int i = 0; i < s->nbind; i++)
		if (s->bind_name[i] == name) {
			s->bind_next = i + 1;
			return s->bind_idx[i];
		}
	int idx = s->db->drv->bind_index(s->handle, name);
	if (idx > 0 && s->nbind == s->capbind) {
		s->capbind = s->capbind ? s->capbind * 2 : 16;
		s->bind_name = xrealloc(s->bind_name, (size_t)s->capbind * sizeof *s->bind_name);
		s->bind_idx = xrealloc(s->bind_idx, (size_t)s->capbind * sizeof *s->bind_idx);
	}
	if (idx > 0) {
		s->bind_name[s->nbind] = name;
		s->bind_idx[s->nbind++] = idx;
		s->bind_next = s->nbind;
	}
	if (idx <= 0) {
		log_error("statement %s has no parameter %s", name_of(s), name);
		abort();
	}
	return idx;
}

void db_bind_text(struct db_stmt *s, const char *name, const char *v)
{
	if (!v)
		db_bind_null(s, name);
	else
		s->db->drv->bind_text(s->handle, bind_index(s, name), v, strlen(v));
}

void db_bind_textn(struct db_stmt *s, const char *name, const char *v, size_t n)
{
	s->db->drv->bind_text(s->handle, bind_index(s, name), v ? v : "", n);
}

void db_bind_textn_static(struct db_stmt *s, const char *name, const char *v, size_t n)
{
	if (s->db->drv->bind_text_static)
		s->db->drv->bind_text_static(s->handle, bind_index(s, name), v ? v : "", n);
	else
		s->db->drv->bind_text(s->handle, bind_index(s, name), v ? v : "", n);
}

void db_bind_int(struct db_stmt *s, const char *name, int64_t v)
{
	s->db->drv->bind_int(s->handle, bind_index(s, name), v);
}

void db_bind_double(struct db_stmt *s, const char *name, double v)
{
	s->db->drv->bind_double(s->handle, bind_index(s, name), v);
}

void db_bind_blob(struct db_stmt *s, const char *name, const void *v, size_t n)
{
	s->db->drv->bind_blob(s->handle, bind_index(s, name), v, n);
}

void db_bind_null(struct db_stmt *s, const char *name)
{
	s->db->drv->bind_null(s->handle, bind_index(s, name));
}

enum db_step_rc db_step(struct db_stmt *s)
{
	uint64_t t0 = clock_mono_ns();
	if (!s->started)
		s->started = t0;
	enum db_step_rc rc = s->db->drv->step(s->handle);
	if (rc != DB_ROW) {
		record_timing(clock_mono_ns() - s->started, rc == DB_ERROR);
		if (rc == DB_ERROR)
			log_warn("statement %s: %s", name_of(s), s->db->drv->errmsg(s->db->conn));
	}
	return rc;
}

const char *db_col_text(struct db_stmt *s, int col)
{
	return s->db->drv->col_text(s->handle, col);
}

const void *db_col_blob(struct db_stmt *s, int col)
{
	return s->db->drv->col_blob(s->handle, col);
}

size_t db_col_len(struct db_stmt *s, int col)
{
	return s->db->drv->col_len(s->handle, col);
}

int64_t db_col_int(struct db_stmt *s, int col)
{
	return s->db->drv->col_int(s->handle, col);
}

double db_col_double(struct db_stmt *s, int col)
{
	return s->db->drv->col_double(s->handle, col);
}

bool db_col_null(struct db_stmt *s, int col)
{
	return s->db->drv->col_null(s->handle, col);
}

void db_reset(struct db_stmt *s)
{
	if (s->handle)
		s->db->drv->reset(s->handle);
	s->started = 0;
}

enum err db_exec(struct db_stmt *s)
{
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW)
		;
	enum err e = rc == DB_DONE ? ERR_OK : s->db->drv->last_error(s->db->conn);
	db_reset(s);
	return e;
}

enum err db_error(struct db *db)
{
	return db->drv->last_error(db->conn);
}

int64_t db_changes(struct db *db)
{
	return db->drv->changes(db->conn);
}

int64_t db_last_insert_id(struct db *db)
{
	return db->drv->last_insert_id(db->conn);
}

const char *db_errmsg(struct db *db)
{
	return db->drv->errmsg(db->conn);
}

/* ---- transactions ---- */

static enum err script(struct db *db, const char *sql)
{
	char err[512];
	if (db->drv->exec_script(db->conn, sql, err, sizeof err) != 0) {
		log_error("%s: %s", sql, err);
		return ERR_DB;
	}
	return ERR_OK;
}

/* Back to the ordinary settings after a bulk load's transaction ended (db_begin_bulk). */
static void end_bulk(struct db *db)
{
	if (db->bulk && db->drv->bulk(db->conn, false) != 0)
		log_error("bulk-load settings not undone: %s", db->drv->errmsg(db->conn));
	db->bulk = false;
}

enum err db_begin(struct db *db)
{
	const char *sql = strcmp(db->drv->name, "sqlite") == 0 ? "BEGIN IMMEDIATE" : "BEGIN";
	enum err e = script(db, sql);
	if (e == ERR_OK)
		db->tx_depth = 1;
	return e;
}

enum err db_begin_bulk(struct db *db)
{
	if (db->drv->bulk && db->drv->bulk(db->conn, true) != 0)
		log_warn("bulk-load settings not applied: %s", db->drv->errmsg(db->conn));
	else
		db->bulk = db->drv->bulk != NULL;
	enum err e = db_begin(db);
	if (e != ERR_OK)
		end_bulk(db);
	return e;
}

enum err db_commit(struct db *db)
{
	enum err e = script(db, "COMMIT");
	if (e == ERR_OK) {
		db->tx_depth = 0;
		end_bulk(db);
	}
	return e;
}

void db_rollback(struct db *db)
{
	for (int i = 0; i < STMT__MAX; i++)
		if (db->stmts[i].started)
			db_reset(&db->stmts[i]);
	script(db, "ROLLBACK");
	db->tx_depth = 0;
	end_bulk(db);
}

enum err db_transaction(struct db *db, enum err (*fn)(struct db *db, void *ctx), void *ctx)
{
	enum err e = db_begin(db);
	if (e != ERR_OK)
		return e;
	e = fn(db, ctx);
	if (e == ERR_OK)
		e = db_commit(db);
	if (e != ERR_OK)
		db_rollback(db);
	return e;
}

/* ---- coordination between instances ---- */

enum err db_try_lock(struct db *db, int64_t key)
{
	if (!db->drv->try_lock)
		return ERR_OK;
	char err[256];
	bool got = false;
	if (db->drv->try_lock(db->conn, key, &got, err, sizeof err) != 0) {
		log_warn("lock %lld: %s", (long long)key, err);
		return ERR_DB;
	}
	return got ? ERR_OK : ERR_CONFLICT;
}

void db_unlock(struct db *db, int64_t key)
{
	char err[256];
	if (db->drv->lock && db->drv->lock(db->conn, key, false, err, sizeof err) != 0)
		log_warn("unlock %lld: %s", (long long)key, err);
}

enum err db_notify(struct db *db, const char *channel)
{
	if (!db->drv->notify)
		return ERR_OK;
	char err[256];
	if (db->drv->notify(db->conn, channel, err, sizeof err) != 0) {
		log_warn("notify %s: %s", channel, err);
		return ERR_DB;
	}
	return ERR_OK;
}

struct db_listener {
	const struct db_driver *drv;
	void *handle;
	void (*cb)(void *ctx);
	void *ctx;
};

/* Counts each wake-up for /metrics before the caller's callback runs. */
static void listener_woken(void *arg)
{
	struct db_listener *l = arg;
	atomic_fetch_add_explicit(&st_wakeups, 1, memory_order_relaxed);
	l->cb(l->ctx);
}

struct db_listener *db_listen_start(const char *url, const char *channel, void (*cb)(void *ctx), void *ctx)
{
	const char *target;
	const struct db_driver *drv = driver_for(url, &target);
	if (!drv->listen_start)
		return NULL;
	struct db_listener *l = xcalloc(1, sizeof *l);
	l->drv = drv;
	l->cb = cb;
	l->ctx = ctx;
	l->handle = drv->listen_start(target, channel, listener_woken, l);
	if (!l->handle) {
		free(l);
		return NULL;
	}
	return l;
}

void db_listen_stop(struct db_listener *l)
{
	if (!l)
		return;
	l->drv->listen_stop(l->handle);
	free(l);
}

/* ---- migrations ---- */

/* "migrations/0007_assets.sql" → 7; -1 for anything else */
int db_migration_version(const char *name)
{
	if (strncmp(name, "migrations/", 11) != 0)
		return -1;
	const char *p = name + 11;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	if (p[4] != '_')
		return -1;
	size_t n = strlen(name);
	return n > 4 && strcmp(name + n - 4, ".sql") == 0 ? v : -1;
}

static int latest_of(const struct embedded_file *files, unsigned long n)
{
	int latest = 0;
	for (unsigned long i = 0; i < n; i++) {
		int v = db_migration_version(files[i].name);
		if (v > latest)
			latest = v;
	}
	return latest;
}

int db_latest_migration(void)
{
	return latest_of(embedded_files, embedded_count);
}

/* A migration's text for this engine (sqltext.h: engine blocks, the PostgreSQL type
 * rewrite), run as one script. */
static enum err run_ddl(struct db *db, const char *sql, char *err, size_t errlen)
{
	struct buf text;
	buf_init(&text, 0);
	enum err e = ERR_OK;
	if (sql_migration_for(sql, db->drv->name, &text, err, errlen) < 0)
		e = ERR_INVALID;
	else if (db->drv->exec_script(db->conn, text.data ? text.data : "", err, errlen) != 0)
		e = ERR_DB;
	buf_free(&text);
	return e;
}

/* Serialises migrations between processes: "vans" as a number. */
#define MIGRATION_LOCK 0x76616e73

static enum err migration_lock(struct db *db, bool take, char *err, size_t errlen)
{
	if (!db->drv->lock)
		return ERR_OK;
	return db->drv->lock(db->conn, MIGRATION_LOCK, take, err, errlen) == 0 ? ERR_OK : ERR_UNAVAILABLE;
}

static enum err ensure_migrations_table(struct db *db, char *err, size_t errlen)
{
	return run_ddl(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
			   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)", err, errlen);
}

int db_schema_version(struct db *db)
{
	char err[512];
	enum err e = migration_lock(db, true, err, sizeof err);
	if (e == ERR_OK) {
		e = ensure_migrations_table(db, err, sizeof err);
		migration_lock(db, false, err, sizeof err);
	}
	if (e != ERR_OK) {
		log_error("schema_migrations: %s", err);
		return -1;
	}
	struct db_stmt *s = db_stmt(db, STMT_MIGRATION_VERSION);
	if (!s || db_step(s) != DB_ROW)
		return -1;
	int v = (int)db_col_int(s, 0);
	db_reset(s);
	return v;
}

enum err db_migrate(struct db *db, int *applied, char *err, size_t errlen)
{
	return db_migrate_files(db, embedded_files, embedded_count, applied, err, errlen);
}

static bool applied_meanwhile(struct db *db, int version)
{
	struct db_stmt *s = db_stmt(db, STMT_MIGRATION_IS_APPLIED);
	if (!s)
		return false;
	db_bind_int(s, ":version", version);
	bool yes = db_step(s) == DB_ROW;
	db_reset(s);
	return yes;
}

enum err db_migrate_files(struct db *db, const struct embedded_file *files, unsigned long nfiles, int *applied,
			  char *err, size_t errlen)
{
	*applied = 0;
	if (migration_lock(db, true, err, errlen) != ERR_OK)
		return ERR_UNAVAILABLE;
	if (ensure_migrations_table(db, err, errlen) != ERR_OK) {
		migration_lock(db, false, err, errlen);
		return ERR_DB;
	}
	/* Apply every migration not yet recorded, in version order: migrations written on
	 * parallel branches may arrive with a number below one already applied. */
	int latest = latest_of(files, nfiles);
	unsigned char *done = xcalloc((size_t)latest + 1, 1);
	struct db_stmt *q = db_stmt(db, STMT_MIGRATION_APPLIED);
	while (q && db_step(q) == DB_ROW) {
		int64_t v = db_col_int(q, 0);
		if (v >= 0 && v <= latest)
			done[v] = 1;
	}
	if (q)
		db_reset(q);
	enum err result = ERR_OK;
	for (int want = 1; want <= latest; want++) {
		if (done[want])
			continue;
		const struct embedded_file *f = NULL;
		for (unsigned long i = 0; i < nfiles; i++)
			if (db_migration_version(files[i].name) == want)
				f = &files[i];
		if (!f)
			continue; /* numbers may have gaps */
		if (db_begin(db) != ERR_OK) {
			snprintf(err, errlen, "cannot begin a transaction: %s", db_errmsg(db));
			result = ERR_DB;
			break;
		}
		/* SQLite: another process may have applied it between our reading and our
		 * getting the write lock */
		if (applied_meanwhile(db, want)) {
			db_rollback(db);
			continue;
		}
		char derr[512];
		if (run_ddl(db, (const char *)f->data, derr, sizeof derr) != ERR_OK) {
			snprintf(err, errlen, "%s: %s", f->name, derr);
			db_rollback(db);
			result = ERR_DB;
			break;
		}
		struct db_stmt *s = db_stmt(db, STMT_MIGRATION_RECORD);
		char at[32];
		db_bind_int(s, ":version", want);
		db_bind_text(s, ":name", f->name + 11);
		db_bind_text(s, ":at", clock_format_iso8601(clock_now_unix(), at, sizeof at));
		if (db_exec(s) != ERR_OK || db_commit(db) != ERR_OK) {
			snprintf(err, errlen, "%s: %s", f->name, db_errmsg(db));
			db_rollback(db);
			result = ERR_DB;
			break;
		}
		(*applied)++;
	}
	free(done);
	char lerr[256];
	migration_lock(db, false, lerr, sizeof lerr);
	return result;
}

void db_tables_free(struct db_table *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < t[i].ncols; c++)
			free(t[i].cols[c].name);
		for (size_t k = 0; k < t[i].npk; k++)
			free(t[i].pk[k]);
		for (size_t k = 0; k < t[i].nparents; k++)
			free(t[i].parents[k]);
		free(t[i].cols);
		free(t[i].pk);
		free(t[i].parents);
		free(t[i].name);
	}
	free(t);
}
