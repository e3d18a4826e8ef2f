/* The interface each database engine implements (sqlite.c now, pg.c later). Only db.c
 * calls these; everything else goes through db.h. */
#ifndef VANS_STORE_DRIVER_H
#define VANS_STORE_DRIVER_H

#include "store/db.h"

struct db_driver {
	const char *name;
	void *(*open)(const char *target, char *err, size_t errlen);
	void (*close)(void *conn);
	void *(*prepare)(void *conn, const char *sql, char *err, size_t errlen);
	void (*finalize)(void *stmt);
	int (*bind_index)(void *stmt, const char *name);      /* 0 when unknown */
	void (*bind_text)(void *stmt, int idx, const char *v, size_t n);
	void (*bind_int)(void *stmt, int idx, int64_t v);
	void (*bind_double)(void *stmt, int idx, double v);
	void (*bind_blob)(void *stmt, int idx, const void *v, size_t n);
	void (*bind_null)(void *stmt, int idx);
	enum db_step_rc (*step)(void *stmt);
	const char *(*col_text)(void *stmt, int col);
	size_t (*col_len)(void *stmt, int col);
	int64_t (*col_int)(void *stmt, int col);
	double (*col_double)(void *stmt, int col);
	bool (*col_null)(void *stmt, int col);
	void (*reset)(void *stmt);
	enum err (*last_error)(void *conn);    /* classification of the last failure */
	int64_t (*changes)(void *conn);
	int64_t (*last_insert_id)(void *conn);
	const char *(*errmsg)(void *conn);
	/* Runs SQL text with several statements (migrations only). */
	int (*exec_script)(void *conn, const char *sql, char *err, size_t errlen);
};

extern const struct db_driver db_sqlite_driver;

#endif
