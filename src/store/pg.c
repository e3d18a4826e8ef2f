/* PostgreSQL engine for store/db.c through libpq: :name parameters numbered once, named
 * server-side prepared statements per connection, rows streamed in single-row mode,
 * reconnection after a server restart, statement_timeout. The only file with libpq-fe.h. */
#include "store/driver.h"
#include "store/sqltext.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"

#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OID_BOOL 16
#define OID_BYTEA 17

struct pg_stmt;

struct pg_conn {
	PGconn *pg;
	struct pg_stmt *stmts;       /* every live statement, re-prepared after a reconnect */
	struct pg_stmt *streaming;   /* the statement whose rows are arriving, if any */
	unsigned next_id;
	unsigned generation;         /* session number: bumped by each reconnect */
	bool in_tx;                  /* an explicit transaction is open */
	bool tx_lost;                /* the connection died inside it: refuse until ROLLBACK */
	int64_t timeout_ms;          /* statement_timeout of this connection (db_opts at open) */
	uint64_t failed_at;          /* monotonic ns of the last failed reconnection */
	char failed_msg[400];
	enum err last_err;
	char sqlstate[6];
	int64_t changes;
	char errmsg[512];
};

enum st_state { ST_IDLE, ST_STREAMING, ST_BUFFERED, ST_DONE };

struct pg_stmt {
	struct pg_conn *c;
	struct pg_stmt *next, *prev;
	char name[32];
	char *sql;                   /* with $n parameters */
	struct sql_params params;
	char **values;               /* owned copies; NULL binds NULL */
	int *lengths, *formats;
	char bind_bad[160];          /* non-empty: a value PostgreSQL cannot take as bound */
	unsigned prepared_gen;       /* == c->generation when prepared in the current session */
	enum st_state state;
	PGresult *row;               /* the current row: a one-row result */
	PGresult **queue;            /* rows read ahead because another statement needed the connection */
	size_t nqueue, qhead, qcap;
	PGresult *final;             /* the closing result of a read-ahead statement */
	char **blobs;                /* bytea columns of the current row, decoded on demand */
	size_t *bloblens;
	int nblobs;
};

static void set_error(struct pg_conn *c, enum err e, const char *sqlstate, const char *msg)
{
	c->last_err = e;
	snprintf(c->sqlstate, sizeof c->sqlstate, "%s", sqlstate ? sqlstate : "");
	snprintf(c->errmsg, sizeof c->errmsg, "%s", msg && *msg ? msg : "PostgreSQL error");
	for (char *p = c->errmsg; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' '; /* one log line per event */
	size_t n = strlen(c->errmsg);
	while (n && (c->errmsg[n - 1] == '\n' || c->errmsg[n - 1] == ' '))
		c->errmsg[--n] = '\0';
}

/* SQLSTATE → enum err: the same classes the SQLite driver reports. */
static enum err classify(const struct pg_conn *c, const char *state)
{
	if (!state || !*state)
		return PQstatus(c->pg) == CONNECTION_OK ? ERR_DB : ERR_UNAVAILABLE;
	if (!strcmp(state, "23505"))
		return ERR_EXISTS;
	if (!strncmp(state, "23", 2) || !strncmp(state, "22", 2))
		return ERR_INVALID;     /* constraint violations, bad values */
	if (!strncmp(state, "08", 2) || !strncmp(state, "57", 2) || !strncmp(state, "53", 2) ||
	    !strcmp(state, "55P03") || !strcmp(state, "40001") || !strcmp(state, "40P01"))
		return ERR_UNAVAILABLE; /* connection, shutdown, timeout, resources, lock waits */
	return ERR_DB;
}

static void result_error(struct pg_conn *c, const PGresult *r)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	/* the primary message only: the detail quotes row values, which stay out of logs */
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	set_error(c, classify(c, state), state, primary ? primary : PQerrorMessage(c->pg));
}

/* The server ended the session before it ran our command (shutdown, restart): the
 * command did nothing and may be sent again on a new connection. */
static bool session_ended(const struct pg_conn *c)
{
	return PQstatus(c->pg) != CONNECTION_OK &&
	       (!strcmp(c->sqlstate, "57P01") || !strcmp(c->sqlstate, "57P02") || !strcmp(c->sqlstate, "57P03"));
}

static void after_command(struct pg_conn *c)
{
	if (PQstatus(c->pg) == CONNECTION_OK) {
		PGTransactionStatusType t = PQtransactionStatus(c->pg);
		if (t != PQTRANS_ACTIVE)
			c->in_tx = t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
	} else if (c->in_tx) {
		c->tx_lost = true;
	}
}

static void on_notice(void *arg, const char *message)
{
	(void)arg;
	log_debug("postgres: %.*s", (int)strcspn(message, "\n"), message);
}

static int session_setup(struct pg_conn *c, char *err, size_t errlen)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SET statement_timeout = %lld; SET idle_in_transaction_session_timeout = %lld",
		 (long long)c->timeout_ms, (long long)(c->timeout_ms > 0 ? 2 * c->timeout_ms + 10000 : 0));
	PGresult *r = PQexec(c->pg, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		snprintf(err, errlen, "postgres: %s", PQresultErrorMessage(r));
	PQclear(r);
	return ok ? 0 : -1;
}

static void *p_open(const char *url, char *err, size_t errlen)
{
	/* defaults first: what the URL says wins */
	const char *keys[] = { "connect_timeout", "fallback_application_name", "client_encoding", "dbname", NULL };
	const char *vals[] = { "10", "vans", "UTF8", url, NULL };
	PGconn *pg = PQconnectdbParams(keys, vals, 1);
	if (!pg || PQstatus(pg) != CONNECTION_OK) {
		const char *m = pg ? PQerrorMessage(pg) : "out of memory";
		snprintf(err, errlen, "postgres: %.*s", (int)strcspn(m, "\n"), m);
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, on_notice, NULL);
	struct pg_conn *c = xcalloc(1, sizeof *c);
	c->pg = pg;
	c->generation = 1;
	c->timeout_ms = db_opts.statement_timeout_ms;
	if (session_setup(c, err, errlen) < 0) {
		PQfinish(pg);
		free(c);
		return NULL;
	}
	return c;
}

static void p_close(void *conn)
{
	struct pg_conn *c = conn;
	if (!c)
		return;
	PQfinish(c->pg);
	free(c);
}

/* ---- the connection's state between commands ---- */

static void clear_row(struct pg_stmt *st)
{
	for (int i = 0; i < st->nblobs; i++)
		free(st->blobs[i]);
	free(st->blobs);
	free(st->bloblens);
	st->blobs = NULL;
	st->bloblens = NULL;
	st->nblobs = 0;
	PQclear(st->row);
	st->row = NULL;
}

static void set_row(struct pg_stmt *st, PGresult *r)
{
	clear_row(st);
	st->row = r;
}

/* Reads the rest of a streaming statement's rows into memory, so that another command
 * can use the connection while the caller is still reading them. */
static void read_ahead(struct pg_stmt *st)
{
	struct pg_conn *c = st->c;
	PGresult *r;
	while ((r = PQgetResult(c->pg))) {
		if (PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
			if (st->nqueue == st->qcap) {
				st->qcap = st->qcap ? st->qcap * 2 : 64;
				st->queue = xrealloc(st->queue, st->qcap * sizeof *st->queue);
			}
			st->queue[st->nqueue++] = r;
		} else if (!st->final) {
			st->final = r;
		} else {
			PQclear(r);
		}
	}
	st->state = ST_BUFFERED;
	c->streaming = NULL;
}

static void settle(struct pg_conn *c)
{
	if (c->streaming)
		read_ahead(c->streaming);
}

/* Notices a connection the server closed while it sat idle (a restart, an idle timeout):
 * libpq learns of it only when it reads, so read what is waiting. */
static void notice_closed(struct pg_conn *c)
{
	if (PQstatus(c->pg) != CONNECTION_OK || c->streaming)
		return;
	struct pollfd p = { .fd = PQsocket(c->pg), .events = POLLIN };
	for (int i = 0; i < 4 && p.fd >= 0 && poll(&p, 1, 0) > 0; i++) {
		if (!PQconsumeInput(c->pg))
			break;
		(void)PQisBusy(c->pg); /* parses what arrived: notices, the server's farewell */
		if (PQstatus(c->pg) != CONNECTION_OK)
			break;
	}
}

/* While the server is away, one attempt a second per connection: requests in between
 * fail at once instead of each waiting for a connection timeout. */
#define RECONNECT_PAUSE_NS 1000000000ull

static int reconnect(struct pg_conn *c)
{
	uint64_t now = clock_mono_ns();
	if (c->failed_at && now - c->failed_at < RECONNECT_PAUSE_NS) {
		set_error(c, ERR_UNAVAILABLE, "08006", c->failed_msg);
		return -1;
	}
	PQreset(c->pg);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		const char *m = PQerrorMessage(c->pg);
		snprintf(c->failed_msg, sizeof c->failed_msg, "PostgreSQL unreachable: %.*s", (int)strcspn(m, "\n"), m);
		c->failed_at = clock_mono_ns();
		set_error(c, ERR_UNAVAILABLE, "08006", c->failed_msg);
		return -1;
	}
	c->failed_at = 0;
	c->generation++;
	c->in_tx = false;
	char err[256];
	if (session_setup(c, err, sizeof err) < 0) {
		set_error(c, ERR_UNAVAILABLE, NULL, err);
		return -1;
	}
	db_stats_reconnected();
	log_info("postgres: reconnected (session %u)", c->generation);
	return 0;
}

/* Before sending a command: a live connection, or a new one when it is safe to make it. */
static int ensure_ready(struct pg_conn *c)
{
	if (c->tx_lost) {
		set_error(c, ERR_UNAVAILABLE, "08006",
			  "the connection to PostgreSQL was lost inside a transaction, which did not commit");
		return -1;
	}
	notice_closed(c);
	if (PQstatus(c->pg) == CONNECTION_OK)
		return 0;
	if (c->in_tx) {
		c->tx_lost = true;
		return ensure_ready(c);
	}
	return reconnect(c);
}

/* ---- statements ---- */

static int prepare_on_server(struct pg_stmt *st)
{
	struct pg_conn *c = st->c;
	PGresult *r = PQprepare(c->pg, st->name, st->sql, st->params.n, NULL);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (ok)
		st->prepared_gen = c->generation;
	else
		result_error(c, r);
	PQclear(r);
	after_command(c);
	return ok ? 0 : -1;
}

static void p_finalize(void *stmt);

static void *p_prepare(void *conn, const char *sql, char *err, size_t errlen)
{
	struct pg_conn *c = conn;
	struct buf text;
	buf_init(&text, 0);
	struct sql_params params;
	if (sql_number_params(sql, &text, &params, err, errlen) < 0) {
		buf_free(&text);
		return NULL;
	}
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->c = c;
	snprintf(st->name, sizeof st->name, "vans_%u", ++c->next_id);
	st->sql = buf_detach(&text, NULL);
	st->params = params;
	size_t n = (size_t)params.n + 1;
	st->values = xcalloc(n, sizeof *st->values);
	st->lengths = xcalloc(n, sizeof *st->lengths);
	st->formats = xcalloc(n, sizeof *st->formats);
	st->next = c->stmts;
	if (c->stmts)
		c->stmts->prev = st;
	c->stmts = st;
	/* Prepare now so that a statement PostgreSQL rejects is found at once. Refuse it only
	 * for what is wrong with the statement itself (class 42: syntax, unknown names,
	 * types); when the server is away or the transaction has failed, the first step
	 * prepares it instead and reports that. */
	settle(c);
	if (ensure_ready(c) == 0 && PQtransactionStatus(c->pg) != PQTRANS_INERROR && prepare_on_server(st) < 0 &&
	    !strncmp(c->sqlstate, "42", 2)) {
		snprintf(err, errlen, "%s", c->errmsg);
		p_finalize(st);
		return NULL;
	}
	return st;
}

static void clear_bindings(struct pg_stmt *st)
{
	for (int i = 0; i < st->params.n; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
	}
	st->bind_bad[0] = '\0';
}

static void p_reset(void *stmt)
{
	struct pg_stmt *st = stmt;
	struct pg_conn *c = st->c;
	if (c->streaming == st) {
		/* the caller wants no more rows: let them arrive and drop them */
		PGresult *r;
		while ((r = PQgetResult(c->pg)))
			PQclear(r);
		c->streaming = NULL;
		after_command(c);
	}
	clear_row(st);
	for (size_t i = st->qhead; i < st->nqueue; i++)
		PQclear(st->queue[i]);
	free(st->queue);
	st->queue = NULL;
	st->nqueue = st->qhead = st->qcap = 0;
	PQclear(st->final);
	st->final = NULL;
	st->state = ST_IDLE;
	clear_bindings(st);
}

static void p_finalize(void *stmt)
{
	struct pg_stmt *st = stmt;
	if (!st)
		return;
	p_reset(st);
	struct pg_conn *c = st->c;
	if (st->prev)
		st->prev->next = st->next;
	else
		c->stmts = st->next;
	if (st->next)
		st->next->prev = st->prev;
	/* The server keeps the prepared statement until the session ends: statements live
	 * as long as their connection, except the few the copy code makes. */
	sql_params_free(&st->params);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->sql);
	free(st);
}

static int p_bind_index(void *stmt, const char *name)
{
	struct pg_stmt *st = stmt;
	for (int i = 0; i < st->params.n; i++)
		if (!strcmp(st->params.names[i], name))
			return i + 1;
	return 0;
}

static void bind(struct pg_stmt *st, int idx, char *v, int len, int format)
{
	if (idx < 1 || idx > st->params.n) {
		free(v);
		return;
	}
	free(st->values[idx - 1]);
	st->values[idx - 1] = v;
	st->lengths[idx - 1] = len;
	st->formats[idx - 1] = format;
}

static void p_bind_text(void *stmt, int idx, const char *v, size_t n)
{
	struct pg_stmt *st = stmt;
	if (memchr(v, '\0', n) && idx >= 1 && idx <= st->params.n)
		snprintf(st->bind_bad, sizeof st->bind_bad, "text bound to %s contains a NUL byte, which PostgreSQL text cannot hold",
			 st->params.names[idx - 1]);
	bind(st, idx, xstrndup(v, n), 0, 0);
}

static void p_bind_int(void *stmt, int idx, int64_t v)
{
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)v);
	bind(stmt, idx, xstrdup(s), 0, 0);
}

static void p_bind_double(void *stmt, int idx, double v)
{
	char s[40];
	snprintf(s, sizeof s, "%.17g", v);
	bind(stmt, idx, xstrdup(s), 0, 0);
}

static void p_bind_blob(void *stmt, int idx, const void *v, size_t n)
{
	char *copy = xmalloc(n + 1);
	if (n)
		memcpy(copy, v, n);
	bind(stmt, idx, copy, (int)n, 1); /* binary format: bytea as is */
}

static void p_bind_null(void *stmt, int idx)
{
	bind(stmt, idx, NULL, 0, 0);
}

/* The closing result of a statement: its row count, or its error. Takes r. */
static enum db_step_rc finish(struct pg_stmt *st, PGresult *r)
{
	struct pg_conn *c = st->c;
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	enum db_step_rc rc;
	clear_row(st);
	if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
		const char *n = PQcmdTuples(r);
		c->changes = *n ? strtoll(n, NULL, 10) : 0;
		rc = DB_DONE;
	} else {
		result_error(c, r);
		rc = DB_ERROR;
	}
	PQclear(r);
	st->state = ST_DONE;
	after_command(c);
	return rc;
}

static enum db_step_rc next_row(struct pg_stmt *st)
{
	struct pg_conn *c = st->c;
	if (st->state == ST_BUFFERED) {
		if (st->qhead < st->nqueue) {
			set_row(st, st->queue[st->qhead++]);
			return DB_ROW;
		}
		PGresult *r = st->final;
		st->final = NULL;
		return finish(st, r);
	}
	if (st->state != ST_STREAMING)
		return DB_DONE;
	PGresult *r = PQgetResult(c->pg);
	if (r && PQresultStatus(r) == PGRES_SINGLE_TUPLE) {
		set_row(st, r);
		return DB_ROW;
	}
	PGresult *more;
	while ((more = PQgetResult(c->pg)))
		PQclear(more);
	c->streaming = NULL;
	return finish(st, r);
}

/* A migration changed a table under a prepared statement so that its result columns
 * changed ("cached plan must not change result type"): prepare it afresh. Nothing ran. */
static bool replan(struct pg_stmt *st)
{
	char sql[64];
	snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
	PGresult *r = PQexec(st->c->pg, sql);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	after_command(st->c);
	if (ok)
		st->prepared_gen = 0;
	return ok;
}

static enum db_step_rc p_step(void *stmt)
{
	struct pg_stmt *st = stmt;
	struct pg_conn *c = st->c;
	if (st->state != ST_IDLE)
		return next_row(st);
	if (st->bind_bad[0]) {
		set_error(c, ERR_INVALID, "22021", st->bind_bad);
		st->state = ST_DONE;
		return DB_ERROR;
	}
	settle(c);
	for (int attempt = 0;; attempt++) {
		bool was_in_tx = c->in_tx;
		if (ensure_ready(c) < 0)
			break;
		if (st->prepared_gen != c->generation && prepare_on_server(st) < 0) {
			if (attempt == 0 && !was_in_tx && session_ended(c))
				continue;
			break;
		}
		if (!PQsendQueryPrepared(c->pg, st->name, st->params.n, (const char *const *)st->values, st->lengths,
					 st->formats, 0)) {
			set_error(c, classify(c, NULL), NULL, PQerrorMessage(c->pg));
			after_command(c);
			if (attempt == 0 && !was_in_tx && PQstatus(c->pg) != CONNECTION_OK)
				continue; /* nothing was sent */
			break;
		}
		PQsetSingleRowMode(c->pg);
		c->streaming = st;
		st->state = ST_STREAMING;
		enum db_step_rc rc = next_row(st);
		if (rc == DB_ERROR && attempt == 0 && !was_in_tx && session_ended(c)) {
			st->state = ST_IDLE;
			continue;
		}
		if (rc == DB_ERROR && attempt == 0 && !was_in_tx && !strcmp(c->sqlstate, "0A000") && replan(st)) {
			st->state = ST_IDLE;
			continue;
		}
		return rc;
	}
	st->state = ST_DONE;
	return DB_ERROR;
}

static bool is_null(const struct pg_stmt *st, int col)
{
	return !st->row || col < 0 || col >= PQnfields(st->row) || PQgetisnull(st->row, 0, col);
}

static const char *bytea(struct pg_stmt *st, int col, size_t *len)
{
	if (!st->blobs) {
		st->nblobs = PQnfields(st->row);
		st->blobs = xcalloc((size_t)st->nblobs, sizeof *st->blobs);
		st->bloblens = xcalloc((size_t)st->nblobs, sizeof *st->bloblens);
	}
	if (!st->blobs[col]) {
		size_t n = 0;
		unsigned char *raw = PQunescapeBytea((const unsigned char *)PQgetvalue(st->row, 0, col), &n);
		st->blobs[col] = xmalloc(n + 1);
		if (raw && n)
			memcpy(st->blobs[col], raw, n);
		st->blobs[col][n] = '\0';
		st->bloblens[col] = raw ? n : 0;
		PQfreemem(raw);
	}
	*len = st->bloblens[col];
	return st->blobs[col];
}

static const char *p_col_text(void *stmt, int col)
{
	struct pg_stmt *st = stmt;
	if (is_null(st, col))
		return NULL;
	size_t n;
	if (PQftype(st->row, col) == OID_BYTEA)
		return bytea(st, col, &n);
	return PQgetvalue(st->row, 0, col);
}

static const void *p_col_blob(void *stmt, int col)
{
	return p_col_text(stmt, col);
}

static size_t p_col_len(void *stmt, int col)
{
	struct pg_stmt *st = stmt;
	if (is_null(st, col))
		return 0;
	size_t n;
	if (PQftype(st->row, col) == OID_BYTEA) {
		bytea(st, col, &n);
		return n;
	}
	return (size_t)PQgetlength(st->row, 0, col);
}

static int64_t p_col_int(void *stmt, int col)
{
	struct pg_stmt *st = stmt;
	if (is_null(st, col))
		return 0;
	const char *v = PQgetvalue(st->row, 0, col);
	if (PQftype(st->row, col) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double p_col_double(void *stmt, int col)
{
	struct pg_stmt *st = stmt;
	if (is_null(st, col))
		return 0;
	return strtod(PQgetvalue(st->row, 0, col), NULL);
}

static bool p_col_null(void *stmt, int col)
{
	return is_null(stmt, col);
}

static enum err p_last_error(void *conn)
{
	return ((struct pg_conn *)conn)->last_err;
}

static int64_t p_changes(void *conn)
{
	return ((struct pg_conn *)conn)->changes;
}

/* Portable code uses INSERT … RETURNING id (docs/database.md); this serves code written
 * for SQLite's last_insert_rowid: the session's last identity value. */
static int64_t p_last_insert_id(void *conn)
{
	struct pg_conn *c = conn;
	settle(c);
	if (ensure_ready(c) < 0)
		return 0;
	PGresult *r = PQexec(c->pg, "SELECT lastval()");
	int64_t id = 0;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	else
		log_warn("postgres: last insert id unknown (%s): use INSERT ... RETURNING id", PQresultErrorMessage(r));
	PQclear(r);
	after_command(c);
	return id;
}

static const char *p_errmsg(void *conn)
{
	return ((struct pg_conn *)conn)->errmsg;
}

static int p_exec_script(void *conn, const char *sql, char *err, size_t errlen)
{
	struct pg_conn *c = conn;
	settle(c);
	if (c->tx_lost && !strcmp(sql, "ROLLBACK")) {
		/* the server rolled it back when the connection died */
		c->tx_lost = false;
		c->in_tx = false;
		return 0;
	}
	if (c->tx_lost && !strncmp(sql, "BEGIN", 5)) {
		/* the caller moved on without a rollback: the lost transaction is over anyway */
		c->tx_lost = false;
		c->in_tx = false;
	}
	for (int attempt = 0;; attempt++) {
		bool was_in_tx = c->in_tx;
		if (ensure_ready(c) < 0)
			break;
		PGresult *r = PQexec(c->pg, sql);
		ExecStatusType s = PQresultStatus(r);
		if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_EMPTY_QUERY) {
			PQclear(r);
			after_command(c);
			return 0;
		}
		result_error(c, r);
		PQclear(r);
		after_command(c);
		if (attempt == 0 && !was_in_tx && session_ended(c))
			continue;
		break;
	}
	snprintf(err, errlen, "%s", c->errmsg);
	return -1;
}

/* Held while migrating: no statement timeout then, neither for waiting on another
 * instance's migration nor for building an index on a large table. */
static int p_lock(void *conn, int64_t key, bool take, char *err, size_t errlen)
{
	char sql[160];
	if (take)
		snprintf(sql, sizeof sql, "SET statement_timeout = 0; SELECT pg_advisory_lock(%lld)", (long long)key);
	else
		snprintf(sql, sizeof sql, "SELECT pg_advisory_unlock(%lld); SET statement_timeout = %lld", (long long)key,
			 (long long)((struct pg_conn *)conn)->timeout_ms);
	return p_exec_script(conn, sql, err, errlen);
}

static PGresult *query(struct pg_conn *c, const char *sql, int nparams, const char *const *params, char *err,
		       size_t errlen);

static int p_try_lock(void *conn, int64_t key, bool *got, char *err, size_t errlen)
{
	char k[24];
	snprintf(k, sizeof k, "%lld", (long long)key);
	const char *params[1] = { k };
	PGresult *r = query(conn, "SELECT pg_try_advisory_lock($1::bigint)", 1, params, err, errlen);
	if (!r)
		return -1;
	*got = PQntuples(r) == 1 && PQgetvalue(r, 0, 0)[0] == 't';
	PQclear(r);
	return 0;
}

static int p_notify(void *conn, const char *channel, char *err, size_t errlen)
{
	const char *params[1] = { channel };
	PGresult *r = query(conn, "SELECT pg_notify($1, '')", 1, params, err, errlen);
	PQclear(r);
	return r ? 0 : -1;
}

/* ---- the listener: LISTEN on a connection of its own ---- */

struct pg_listener {
	char *target, *channel;
	void (*cb)(void *ctx);
	void *ctx;
	int wake[2];                 /* written to by listen_stop */
	pthread_t thread;
};

/* Waits up to ms for the stop pipe; true when stop was asked for. */
static bool listener_pause(struct pg_listener *l, int ms)
{
	struct pollfd p = { .fd = l->wake[0], .events = POLLIN };
	return poll(&p, 1, ms) > 0;
}

static PGconn *listener_connect(struct pg_listener *l, char *err, size_t errlen)
{
	const char *keys[] = { "connect_timeout", "fallback_application_name", "client_encoding", "dbname", NULL };
	const char *vals[] = { "10", "vans-listen", "UTF8", l->target, NULL };
	PGconn *pg = PQconnectdbParams(keys, vals, 1);
	if (!pg || PQstatus(pg) != CONNECTION_OK) {
		const char *m = pg ? PQerrorMessage(pg) : "out of memory";
		snprintf(err, errlen, "%.*s", (int)strcspn(m, "\n"), m);
		PQfinish(pg);
		return NULL;
	}
	PQsetNoticeProcessor(pg, on_notice, NULL);
	char *ident = PQescapeIdentifier(pg, l->channel, strlen(l->channel));
	char sql[160];
	snprintf(sql, sizeof sql, "LISTEN %s", ident ? ident : "\"\"");
	PQfreemem(ident);
	PGresult *r = PQexec(pg, sql);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		snprintf(err, errlen, "%.*s", (int)strcspn(PQresultErrorMessage(r), "\n"), PQresultErrorMessage(r));
	PQclear(r);
	if (!ok) {
		PQfinish(pg);
		return NULL;
	}
	return pg;
}

/* Idle this long, the listener asks the server whether the connection still lives. */
#define LISTEN_PING_MS 30000
#define LISTEN_BACKOFF_MAX_MS 30000

static void *listener_run(void *arg)
{
	struct pg_listener *l = arg;
	PGconn *pg = NULL;
	int backoff = 250;
	bool connected_before = false;
	for (;;) {
		if (!pg) {
			char err[400];
			pg = listener_connect(l, err, sizeof err);
			if (!pg) {
				log_warn("postgres: cannot listen on %s (again in %d ms): %s", l->channel, backoff, err);
				if (listener_pause(l, backoff))
					break;
				backoff = backoff * 2 > LISTEN_BACKOFF_MAX_MS ? LISTEN_BACKOFF_MAX_MS : backoff * 2;
				continue;
			}
			backoff = 250;
			log_info("postgres: listening on %s", l->channel);
			/* whatever was notified while no connection listened is unknown: look now */
			if (connected_before)
				l->cb(l->ctx);
			connected_before = true;
		}
		struct pollfd p[2] = { { .fd = l->wake[0], .events = POLLIN }, { .fd = PQsocket(pg), .events = POLLIN } };
		int n = poll(p, 2, LISTEN_PING_MS);
		if (n < 0)
			continue; /* EINTR */
		if (p[0].revents)
			break;
		bool alive;
		if (n == 0) {
			PGresult *r = PQexec(pg, "");
			alive = PQresultStatus(r) == PGRES_EMPTY_QUERY;
			PQclear(r);
		} else {
			alive = PQconsumeInput(pg) == 1;
		}
		int notified = 0;
		PGnotify *note;
		while ((note = PQnotifies(pg))) {
			notified++;
			PQfreemem(note);
		}
		if (notified)
			l->cb(l->ctx);
		if (!alive || PQstatus(pg) != CONNECTION_OK) {
			log_warn("postgres: the connection listening on %s ended; reconnecting", l->channel);
			PQfinish(pg);
			pg = NULL;
		}
	}
	PQfinish(pg);
	return NULL;
}

static void *p_listen_start(const char *target, const char *channel, void (*cb)(void *ctx), void *ctx)
{
	struct pg_listener *l = xcalloc(1, sizeof *l);
	l->target = xstrdup(target);
	l->channel = xstrdup(channel);
	l->cb = cb;
	l->ctx = ctx;
	if (pipe(l->wake) != 0) {
		free(l->target);
		free(l->channel);
		free(l);
		return NULL;
	}
	if (pthread_create(&l->thread, NULL, listener_run, l) != 0) {
		close(l->wake[0]);
		close(l->wake[1]);
		free(l->target);
		free(l->channel);
		free(l);
		return NULL;
	}
	return l;
}

static void p_listen_stop(void *listener)
{
	struct pg_listener *l = listener;
	ssize_t w = write(l->wake[1], "x", 1);
	(void)w;
	pthread_join(l->thread, NULL);
	close(l->wake[0]);
	close(l->wake[1]);
	free(l->target);
	free(l->channel);
	free(l);
}

/* ---- schema introspection for copy, backup and restore ---- */

static PGresult *query(struct pg_conn *c, const char *sql, int nparams, const char *const *params, char *err,
		       size_t errlen)
{
	settle(c);
	if (ensure_ready(c) < 0) {
		snprintf(err, errlen, "%s", c->errmsg);
		return NULL;
	}
	PGresult *r = PQexecParams(c->pg, sql, nparams, NULL, params, NULL, NULL, 0);
	after_command(c);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		result_error(c, r);
		snprintf(err, errlen, "%s", c->errmsg);
		PQclear(r);
		return NULL;
	}
	return r;
}

static struct db_table *find_table(struct db_table *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

static void push_name(char ***list, size_t *n, const char *name)
{
	*list = xrealloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = xstrdup(name);
}

static enum db_col_kind kind_of(const char *type)
{
	if (!strcmp(type, "int2") || !strcmp(type, "int4") || !strcmp(type, "int8") || !strcmp(type, "bool"))
		return DB_COL_INT;
	if (!strcmp(type, "float4") || !strcmp(type, "float8") || !strcmp(type, "numeric"))
		return DB_COL_DOUBLE;
	if (!strcmp(type, "bytea"))
		return DB_COL_BLOB;
	return DB_COL_TEXT;
}

static int p_tables(void *conn, struct db_table **out, size_t *nout, char *err, size_t errlen)
{
	struct pg_conn *c = conn;
	*out = NULL;
	*nout = 0;
	PGresult *cols = query(c,
		"SELECT c.relname, a.attname, t.typname, a.attidentity <> '' OR a.attnum = ANY ("
		"  SELECT d.refobjsubid FROM pg_depend d JOIN pg_class s ON s.oid = d.objid"
		"  WHERE d.refobjid = c.oid AND s.relkind = 'S')"
		" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		" JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
		" JOIN pg_type t ON t.oid = a.atttypid"
		" WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')"
		" ORDER BY c.relname, a.attnum", 0, NULL, err, errlen);
	if (!cols)
		return -1;
	struct db_table *t = NULL;
	size_t n = 0;
	for (int i = 0; i < PQntuples(cols); i++) {
		const char *table = PQgetvalue(cols, i, 0);
		if (!n || strcmp(t[n - 1].name, table)) {
			t = xrealloc(t, (n + 1) * sizeof *t);
			memset(&t[n], 0, sizeof t[n]);
			t[n++].name = xstrdup(table);
		}
		struct db_table *cur = &t[n - 1];
		cur->cols = xrealloc(cur->cols, (cur->ncols + 1) * sizeof *cur->cols);
		cur->cols[cur->ncols++] = (struct db_column){ xstrdup(PQgetvalue(cols, i, 1)),
							      kind_of(PQgetvalue(cols, i, 2)),
							      PQgetvalue(cols, i, 3)[0] == 't' };
	}
	PQclear(cols);
	PGresult *keys = query(c,
		"SELECT c.relname, a.attname FROM pg_index i"
		" JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
		" JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true"
		" JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
		" WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.ord", 0, NULL, err, errlen);
	PGresult *fks = keys ? query(c,
		"SELECT DISTINCT c.relname, p.relname FROM pg_constraint k"
		" JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
		" JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE k.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2", 0, NULL, err, errlen) : NULL;
	if (!keys || !fks) {
		PQclear(keys);
		db_tables_free(t, n);
		return -1;
	}
	for (int i = 0; i < PQntuples(keys); i++) {
		struct db_table *x = find_table(t, n, PQgetvalue(keys, i, 0));
		if (x)
			push_name(&x->pk, &x->npk, PQgetvalue(keys, i, 1));
	}
	for (int i = 0; i < PQntuples(fks); i++) {
		struct db_table *x = find_table(t, n, PQgetvalue(fks, i, 0));
		if (x)
			push_name(&x->parents, &x->nparents, PQgetvalue(fks, i, 1));
	}
	PQclear(keys);
	PQclear(fks);
	*out = t;
	*nout = n;
	return 0;
}

static int p_after_copy(void *conn, const struct db_table *t, char *err, size_t errlen)
{
	struct pg_conn *c = conn;
	for (size_t i = 0; i < t->ncols; i++) {
		if (!t->cols[i].identity)
			continue;
		char *table = PQescapeIdentifier(c->pg, t->name, strlen(t->name));
		char *col = PQescapeIdentifier(c->pg, t->cols[i].name, strlen(t->cols[i].name));
		if (!table || !col) {
			snprintf(err, errlen, "postgres: %s", PQerrorMessage(c->pg));
			PQfreemem(table);
			PQfreemem(col);
			return -1;
		}
		struct buf sql;
		buf_init(&sql, 0);
		buf_printf(&sql, "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX(%s) FROM %s), 0) + 1, false)",
			   col, table);
		const char *params[2] = { table, t->cols[i].name };
		PGresult *r = query(c, sql.data, 2, params, err, errlen);
		buf_free(&sql);
		PQfreemem(table);
		PQfreemem(col);
		if (!r)
			return -1;
		PQclear(r);
	}
	return 0;
}

const struct db_driver db_pg_driver = {
	.name = "postgres",
	.open = p_open,
	.close = p_close,
	.prepare = p_prepare,
	.finalize = p_finalize,
	.bind_index = p_bind_index,
	.bind_text = p_bind_text,
	.bind_int = p_bind_int,
	.bind_double = p_bind_double,
	.bind_blob = p_bind_blob,
	.bind_null = p_bind_null,
	.step = p_step,
	.col_text = p_col_text,
	.col_blob = p_col_blob,
	.col_len = p_col_len,
	.col_int = p_col_int,
	.col_double = p_col_double,
	.col_null = p_col_null,
	.reset = p_reset,
	.last_error = p_last_error,
	.changes = p_changes,
	.last_insert_id = p_last_insert_id,
	.errmsg = p_errmsg,
	.exec_script = p_exec_script,
	.lock = p_lock,
	.try_lock = p_try_lock,
	.notify = p_notify,
	.listen_start = p_listen_start,
	.listen_stop = p_listen_stop,
	.tables = p_tables,
	.after_copy = p_after_copy,
	.backup = NULL,
};
