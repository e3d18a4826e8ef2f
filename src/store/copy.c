/* Copy of every table between two databases of either engine, and the backup and restore
 * built on it. Its SQL is generated over the tables the schema has (names quoted), since
 * it serves whatever tables the migrations made. */
#include "store/copy.h"
#include "store/driver.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/embedded.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_PARAMS 30000   /* below SQLite's 32766 and PostgreSQL's 65535 */
#define MAX_BATCH 500      /* rows per INSERT */

static bool is_pg(const struct db *db)
{
	return !strcmp(db_engine(db), "postgres");
}

static int script(struct db *db, const char *sql, char *err, size_t errlen)
{
	return db_driver_of(db)->exec_script(db_conn_of(db), sql, err, errlen);
}

static void quote_ident(struct buf *b, const char *name)
{
	buf_putc(b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

static struct db_table *find_table(struct db_table *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return &t[i];
	return NULL;
}

static bool has_column(const struct db_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i].name, name))
			return true;
	return false;
}

static enum err count_rows(struct db *db, const char *table, int64_t *n, char *err, size_t errlen)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_puts(&sql, "SELECT COUNT(*) FROM ");
	quote_ident(&sql, table);
	struct db_stmt *s = db_prepare_sql(db, sql.data, err, errlen);
	buf_free(&sql);
	if (!s)
		return ERR_DB;
	enum err e = ERR_OK;
	if (db_step(s) == DB_ROW) {
		*n = db_col_int(s, 0);
	} else {
		snprintf(err, errlen, "counting %s: %s", table, db_errmsg(db));
		e = ERR_DB;
	}
	db_stmt_free(s);
	return e;
}

/* Empties a table of the target: the rows its migrations seeded (the due-date policy, the
 * engine's state), which the source's rows — the same seeds, or what the operator made of
 * them — replace. */
static enum err clear_seeded(struct db *db, const char *table, char *err, size_t errlen)
{
	struct buf sql;
	buf_init(&sql, 0);
	buf_puts(&sql, "DELETE FROM ");
	quote_ident(&sql, table);
	struct db_stmt *s = db_prepare_sql(db, sql.data, err, errlen);
	buf_free(&sql);
	if (!s)
		return ERR_DB;
	enum err e = db_step(s) == DB_DONE ? ERR_OK : ERR_DB;
	if (e != ERR_OK)
		snprintf(err, errlen, "emptying %s: %s", table, db_errmsg(db));
	db_stmt_free(s);
	return e;
}

/* The migration versions recorded in db, ascending. */
static enum err applied_versions(struct db *db, int **out, size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *s = db_stmt(db, STMT_MIGRATION_APPLIED);
	if (!s) {
		snprintf(err, errlen, "schema_migrations: %s", db_errmsg(db));
		return ERR_DB;
	}
	enum db_step_rc rc;
	while ((rc = db_step(s)) == DB_ROW) {
		*out = xrealloc(*out, (*n + 1) * sizeof **out);
		(*out)[(*n)++] = (int)db_col_int(s, 0);
	}
	db_reset(s);
	if (rc == DB_ERROR) {
		snprintf(err, errlen, "schema_migrations: %s", db_errmsg(db));
		return ERR_DB;
	}
	return ERR_OK;
}

static bool contains(const int *v, size_t n, int x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* ---- one table ---- */

struct cell {
	bool null;
	int64_t i;
	double d;
	char *p;        /* text or blob, owned */
	size_t len;
};

static void take_cell(struct db_stmt *q, int col, enum db_col_kind kind, struct cell *c)
{
	free(c->p);
	memset(c, 0, sizeof *c);
	if (db_col_null(q, col)) {
		c->null = true;
		return;
	}
	switch (kind) {
	case DB_COL_INT:
		c->i = db_col_int(q, col);
		break;
	case DB_COL_DOUBLE:
		c->d = db_col_double(q, col);
		break;
	case DB_COL_TEXT:
	case DB_COL_BLOB: {
		const void *v = kind == DB_COL_TEXT ? (const void *)db_col_text(q, col) : db_col_blob(q, col);
		c->len = db_col_len(q, col);
		c->p = xmalloc(c->len + 1);
		if (c->len)
			memcpy(c->p, v, c->len);
		c->p[c->len] = '\0';
		break;
	}
	}
}

static void bind_cell(const struct db_driver *d, void *h, int idx, enum db_col_kind kind, const struct cell *c)
{
	if (c->null)
		d->bind_null(h, idx);
	else if (kind == DB_COL_INT)
		d->bind_int(h, idx, c->i);
	else if (kind == DB_COL_DOUBLE)
		d->bind_double(h, idx, c->d);
	else if (kind == DB_COL_TEXT)
		d->bind_text(h, idx, c->p, c->len);
	else
		d->bind_blob(h, idx, c->p, c->len);
}

/* INSERT INTO "t" ("a", "b") VALUES (:p1, :p2), (:p3, :p4) … for 'rows' rows; parameter
 * k is bound at index k on both engines (numbered by first appearance). */
static void insert_sql(const struct db_table *t, size_t rows, struct buf *b)
{
	buf_puts(b, "INSERT INTO ");
	quote_ident(b, t->name);
	buf_puts(b, " (");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			buf_puts(b, ", ");
		quote_ident(b, t->cols[c].name);
	}
	buf_puts(b, ") VALUES ");
	size_t k = 1;
	for (size_t r = 0; r < rows; r++) {
		buf_puts(b, r ? ", (" : "(");
		for (size_t c = 0; c < t->ncols; c++)
			buf_printf(b, c ? ", :p%zu" : ":p%zu", k++);
		buf_putc(b, ')');
	}
}

static enum err flush(struct db *to, const struct db_table *t, struct cell *cells, size_t rows,
		      struct db_stmt **full, size_t per_batch, char *err, size_t errlen)
{
	struct db_stmt *s = rows == per_batch ? *full : NULL;
	bool own = false;
	if (!s) {
		struct buf sql;
		buf_init(&sql, 0);
		insert_sql(t, rows, &sql);
		s = db_prepare_sql(to, sql.data, err, errlen);
		buf_free(&sql);
		if (!s)
			return ERR_DB;
		if (rows == per_batch)
			*full = s;
		else
			own = true;
	}
	const struct db_driver *d = db_driver_of(to);
	void *h = db_stmt_handle(s);
	for (size_t r = 0; r < rows; r++)
		for (size_t c = 0; c < t->ncols; c++)
			bind_cell(d, h, (int)(r * t->ncols + c + 1), t->cols[c].kind, &cells[r * t->ncols + c]);
	enum err e = db_exec(s);
	if (e != ERR_OK)
		snprintf(err, errlen, "%s: %s", t->name, db_errmsg(to));
	if (own)
		db_stmt_free(s);
	return e;
}

static enum err copy_table(struct db *from, struct db *to, const struct db_table *t, int64_t *copied, char *err,
			   size_t errlen)
{
	*copied = 0;
	struct buf sql;
	buf_init(&sql, 0);
	buf_puts(&sql, "SELECT ");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			buf_puts(&sql, ", ");
		quote_ident(&sql, t->cols[c].name);
	}
	buf_puts(&sql, " FROM ");
	quote_ident(&sql, t->name);
	/* key order puts parents before children in self-referencing tables as a rule */
	for (size_t k = 0; k < t->npk; k++) {
		buf_puts(&sql, k ? ", " : " ORDER BY ");
		quote_ident(&sql, t->pk[k]);
	}
	struct db_stmt *q = db_prepare_sql(from, sql.data, err, errlen);
	buf_free(&sql);
	if (!q)
		return ERR_DB;
	size_t per_batch = MAX_PARAMS / (t->ncols ? t->ncols : 1);
	if (per_batch > MAX_BATCH)
		per_batch = MAX_BATCH;
	if (per_batch == 0)
		per_batch = 1;
	struct cell *cells = xcalloc(per_batch * t->ncols + 1, sizeof *cells);
	struct db_stmt *full = NULL;
	size_t rows = 0;
	enum err e = ERR_OK;
	enum db_step_rc rc;
	while ((rc = db_step(q)) == DB_ROW) {
		for (size_t c = 0; c < t->ncols; c++)
			take_cell(q, (int)c, t->cols[c].kind, &cells[rows * t->ncols + c]);
		(*copied)++;
		if (++rows == per_batch) {
			e = flush(to, t, cells, rows, &full, per_batch, err, errlen);
			rows = 0;
			if (e != ERR_OK)
				break;
		}
	}
	if (e == ERR_OK && rc == DB_ERROR) {
		snprintf(err, errlen, "reading %s: %s", t->name, db_errmsg(from));
		e = ERR_DB;
	}
	if (e == ERR_OK && rows)
		e = flush(to, t, cells, rows, &full, per_batch, err, errlen);
	for (size_t i = 0; i < per_batch * t->ncols; i++)
		free(cells[i].p);
	free(cells);
	db_stmt_free(full);
	db_stmt_free(q);
	return e;
}

/* Parents before children; a cycle (or a self-reference) relies on deferred checks. */
static size_t *dependency_order(const struct db_table *t, size_t n)
{
	size_t *order = xcalloc(n + 1, sizeof *order);
	bool *placed = xcalloc(n + 1, sizeof *placed);
	for (size_t done = 0; done < n; done++) {
		size_t pick = n;
		for (size_t i = 0; i < n && pick == n; i++) {
			if (placed[i])
				continue;
			bool ready = true;
			for (size_t p = 0; p < t[i].nparents && ready; p++) {
				if (!strcmp(t[i].parents[p], t[i].name))
					continue;
				for (size_t j = 0; j < n; j++)
					if (!placed[j] && !strcmp(t[j].name, t[i].parents[p]))
						ready = false;
			}
			if (ready)
				pick = i;
		}
		for (size_t i = 0; i < n && pick == n; i++)
			if (!placed[i])
				pick = i;
		placed[pick] = true;
		order[done] = pick;
	}
	free(placed);
	return order;
}

/* ---- the whole database ---- */

/* A table some migration fills ("INSERT INTO name"): in a migrated, otherwise empty target
 * its rows are the seeds, not data. */
static bool seeded_by_migrations(const char *name)
{
	size_t n = strlen(name);
	for (unsigned long i = 0; i < embedded_count; i++) {
		if (db_migration_version(embedded_files[i].name) < 0)
			continue;
		const char *text = (const char *)embedded_files[i].data;
		for (const char *p = strstr(text, "INSERT INTO "); p; p = strstr(p + 1, "INSERT INTO ")) {
			const char *t = p + 12;
			if (!strncmp(t, name, n) && (t[n] == ' ' || t[n] == '(' || t[n] == '\n'))
				return true;
		}
	}
	return false;
}

static enum err check_target_empty(struct db *to, const int *src_v, size_t src_n, char *err, size_t errlen)
{
	struct db_table *t;
	size_t n;
	if (db_driver_of(to)->tables(db_conn_of(to), &t, &n, err, errlen))
		return ERR_DB;
	enum err e = ERR_OK;
	bool versions = false;
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		if (!strcmp(t[i].name, "schema_migrations")) {
			versions = true;
			continue;
		}
		int64_t rows = 0;
		if (seeded_by_migrations(t[i].name))
			continue; /* emptied before the copy */
		e = count_rows(to, t[i].name, &rows, err, errlen);
		if (e == ERR_OK && rows) {
			snprintf(err, errlen, "the target is not empty: table %s holds %lld rows (use a new, empty database)",
				 t[i].name, (long long)rows);
			e = ERR_CONFLICT;
		}
	}
	db_tables_free(t, n);
	if (e != ERR_OK || !versions)
		return e;
	int *v;
	size_t vn;
	if ((e = applied_versions(to, &v, &vn, err, errlen)) != ERR_OK)
		return e;
	for (size_t i = 0; i < vn && e == ERR_OK; i++) {
		if (!contains(src_v, src_n, v[i])) {
			snprintf(err, errlen, "the target has migration %d, which the source lacks: migrate the source first "
					      "(vans --db SOURCE db migrate) or use a new, empty target", v[i]);
			e = ERR_CONFLICT;
		}
	}
	free(v);
	return e;
}

/* Brings 'to' to exactly the migrations in v. */
static enum err migrate_to(struct db *to, const int *v, size_t vn, char *err, size_t errlen)
{
	struct embedded_file *files = xcalloc(embedded_count + 1, sizeof *files);
	unsigned long n = 0;
	for (unsigned long i = 0; i < embedded_count; i++) {
		int ver = db_migration_version(embedded_files[i].name);
		if (ver > 0 && contains(v, vn, ver))
			files[n++] = embedded_files[i];
	}
	int applied;
	enum err e = ERR_OK;
	if (n)
		e = db_migrate_files(to, files, n, &applied, err, errlen);
	free(files);
	return e;
}

static enum err same_tables(struct db_table *src, size_t sn, struct db_table *dst, size_t dn, char *err, size_t errlen)
{
	for (size_t i = 0; i < dn; i++) {
		const struct db_table *s = find_table(src, sn, dst[i].name);
		if (!s) {
			snprintf(err, errlen, "table %s is in the schema but not in the source", dst[i].name);
			return ERR_CONFLICT;
		}
		for (size_t c = 0; c < dst[i].ncols; c++) {
			if (!has_column(s, dst[i].cols[c].name)) {
				snprintf(err, errlen, "column %s.%s is in the schema but not in the source", dst[i].name,
					 dst[i].cols[c].name);
				return ERR_CONFLICT;
			}
		}
	}
	for (size_t i = 0; i < sn; i++) {
		if (!find_table(dst, dn, src[i].name)) {
			snprintf(err, errlen, "the source has a table %s that no migration makes", src[i].name);
			return ERR_CONFLICT;
		}
	}
	return ERR_OK;
}

enum err db_copy(struct db *from, struct db *to, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
		 char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	struct db_table *src = NULL, *dst = NULL;
	size_t sn = 0, dn = 0;
	int *v = NULL;
	size_t vn = 0;
	size_t *order = NULL;
	bool from_tx = false, to_tx = false;
	enum err e = ERR_OK;
	char derr[512];

	if (db_driver_of(from)->tables(db_conn_of(from), &src, &sn, err, errlen)) {
		e = ERR_DB;
		goto out;
	}
	if (!find_table(src, sn, "schema_migrations")) {
		snprintf(err, errlen, "the source is not a vans database (it has no schema_migrations table)");
		e = ERR_INVALID;
		goto out;
	}
	if ((e = applied_versions(from, &v, &vn, err, errlen)) != ERR_OK)
		goto out;
	for (size_t i = 0; i < vn; i++) {
		bool known = false;
		for (unsigned long k = 0; k < embedded_count && !known; k++)
			known = db_migration_version(embedded_files[k].name) == v[i];
		if (!known) {
			snprintf(err, errlen, "the source has migration %d, which this vans does not know: use the vans "
					      "version that wrote it", v[i]);
			e = ERR_INVALID;
			goto out;
		}
	}
	if ((e = check_target_empty(to, v, vn, err, errlen)) != ERR_OK)
		goto out;
	if ((e = migrate_to(to, v, vn, err, errlen)) != ERR_OK)
		goto out;
	if (db_driver_of(to)->tables(db_conn_of(to), &dst, &dn, err, errlen)) {
		e = ERR_DB;
		goto out;
	}
	if ((e = same_tables(src, sn, dst, dn, err, errlen)) != ERR_OK)
		goto out;

	/* one consistent snapshot of the source, one transaction on the target */
	if (script(from, is_pg(from) ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY" : "BEGIN", derr, sizeof derr)) {
		snprintf(err, errlen, "source: %s", derr);
		e = ERR_DB;
		goto out;
	}
	from_tx = true;
	if ((e = db_begin(to)) != ERR_OK) {
		snprintf(err, errlen, "target: %s", db_errmsg(to));
		goto out;
	}
	to_tx = true;
	if (script(to, is_pg(to) ? "SET CONSTRAINTS ALL DEFERRED" : "PRAGMA defer_foreign_keys = ON", derr, sizeof derr)) {
		snprintf(err, errlen, "target: %s", derr);
		e = ERR_DB;
		goto out;
	}
	order = dependency_order(dst, dn);
	/* the target was empty before migrate_to: whatever it holds now, migrations put there */
	for (size_t i = dn; i-- > 0;) {
		const char *name = dst[order[i]].name;
		if (strcmp(name, "schema_migrations") && (e = clear_seeded(to, name, err, errlen)) != ERR_OK)
			goto out;
	}
	for (size_t i = 0; i < dn; i++) {
		const struct db_table *t = &dst[order[i]];
		if (!strcmp(t->name, "schema_migrations"))
			continue; /* the target has its own record of the same migrations */
		int64_t copied = 0, in_source = 0, in_target = 0;
		if ((e = copy_table(from, to, t, &copied, err, errlen)) != ERR_OK ||
		    (e = count_rows(from, t->name, &in_source, err, errlen)) != ERR_OK ||
		    (e = count_rows(to, t->name, &in_target, err, errlen)) != ERR_OK)
			goto out;
		if (copied != in_source || copied != in_target) {
			snprintf(err, errlen, "%s: %lld rows in the source, %lld read, %lld in the target", t->name,
				 (long long)in_source, (long long)copied, (long long)in_target);
			e = ERR_INTERNAL;
			goto out;
		}
		const struct db_driver *td = db_driver_of(to);
		if (td->after_copy && td->after_copy(db_conn_of(to), t, err, errlen)) {
			e = ERR_DB;
			goto out;
		}
		st->tables++;
		st->rows += copied;
		if (progress)
			progress(t->name, copied, ctx);
	}
	if ((e = db_commit(to)) != ERR_OK) {
		snprintf(err, errlen, "target: commit failed: %s", db_errmsg(to));
		goto out;
	}
	to_tx = false;
out:
	if (to_tx)
		db_rollback(to);
	if (from_tx)
		script(from, "ROLLBACK", derr, sizeof derr);
	free(order);
	free(v);
	db_tables_free(src, sn);
	db_tables_free(dst, dn);
	return e;
}

/* ---- backup and restore ---- */

static void remove_sqlite_files(const char *path)
{
	char p[4096];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* "file:PATH?mode=ro" with PATH escaped as SQLite's URI filenames want. */
static char *readonly_uri(const char *path)
{
	struct buf b;
	buf_init(&b, 0);
	buf_puts(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/._-~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	buf_puts(&b, "?mode=ro");
	return buf_detach(&b, NULL);
}

static enum err open_backup(const char *path, struct db **out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ERR_NOT_FOUND;
	}
	char magic[16] = { 0 };
	size_t got = fread(magic, 1, sizeof magic, f);
	fclose(f);
	if (got != sizeof magic || memcmp(magic, "SQLite format 3", 16) != 0) {
		snprintf(err, errlen, "%s: not a vans backup (a backup is a SQLite database file)", path);
		return ERR_INVALID;
	}
	char *uri = readonly_uri(path);
	*out = db_open(uri, err, errlen);
	free(uri);
	return *out ? ERR_OK : ERR_IO;
}

/* Reads every table of a finished backup back: it opens, and the counts are reported. */
static enum err verify_backup(const char *path, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
			      char *err, size_t errlen)
{
	struct db *b;
	enum err e = open_backup(path, &b, err, errlen);
	if (e != ERR_OK)
		return e;
	struct db_table *t;
	size_t n;
	if (db_driver_of(b)->tables(db_conn_of(b), &t, &n, err, errlen)) {
		db_close(b);
		return ERR_DB;
	}
	memset(st, 0, sizeof *st);
	for (size_t i = 0; i < n && e == ERR_OK; i++) {
		if (!strcmp(t[i].name, "schema_migrations"))
			continue;
		int64_t rows = 0;
		e = count_rows(b, t[i].name, &rows, err, errlen);
		st->tables++;
		st->rows += rows;
		if (e == ERR_OK && progress)
			progress(t[i].name, rows, ctx);
	}
	db_tables_free(t, n);
	db_close(b);
	return e;
}

enum err db_backup(struct db *db, const char *path, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
		   char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	struct stat sb;
	if (stat(path, &sb) == 0 || errno != ENOENT) {
		snprintf(err, errlen, "%s: already exists; a backup never overwrites a file", path);
		return ERR_EXISTS;
	}
	const struct db_driver *d = db_driver_of(db);
	struct db_table *t;
	size_t n;
	if (d->tables(db_conn_of(db), &t, &n, err, errlen))
		return ERR_DB;
	bool vans = find_table(t, n, "schema_migrations") != NULL;
	db_tables_free(t, n);
	if (!vans) {
		snprintf(err, errlen, "the database is not a vans database (it has no schema_migrations table)");
		return ERR_INVALID;
	}
	if (d->backup) {
		if (d->backup(db_conn_of(db), path, err, errlen))
			return ERR_IO;
		return verify_backup(path, progress, ctx, st, err, errlen);
	}
	char url[4200];
	snprintf(url, sizeof url, "sqlite:%s", path);
	struct db *out = db_open(url, err, errlen);
	if (!out)
		return ERR_IO;
	enum err e = db_copy(db, out, progress, ctx, st, err, errlen);
	char derr[256];
	if (e == ERR_OK && script(out, "PRAGMA journal_mode = DELETE", derr, sizeof derr)) {
		snprintf(err, errlen, "%s: %s", path, derr);
		e = ERR_IO;
	}
	db_close(out);
	if (e != ERR_OK)
		remove_sqlite_files(path);
	return e;
}

enum err db_restore(struct db *db, const char *path, db_copy_progress *progress, void *ctx, struct db_copy_stats *st,
		    char *err, size_t errlen)
{
	memset(st, 0, sizeof *st);
	struct db *b;
	enum err e = open_backup(path, &b, err, errlen);
	if (e != ERR_OK)
		return e;
	e = db_copy(b, db, progress, ctx, st, err, errlen);
	db_close(b);
	return e;
}
