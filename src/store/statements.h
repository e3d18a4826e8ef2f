/* The catalogue of every SQL statement vans runs, by id. Each module's SQL lives in its
 * own file under store/sql/ (core.def, kb.def, …); a unit test prepares every entry
 * against a migrated database, so a statement that does not compile fails the tests. */
#ifndef VANS_STORE_STATEMENTS_H
#define VANS_STORE_STATEMENTS_H

/* S(ID, "SQL") is a statement both engines run as written. SX(ID, "SQLite SQL",
 * "PostgreSQL SQL") is the exception for what has no portable form (FOR UPDATE SKIP LOCKED,
 * full-text search); say why in a comment next to it. */
enum stmt_id {
#define S(id, sql) STMT_##id,
#define SX(id, sqlite, postgres) STMT_##id,
#include "store/sql/all.def"
#undef S
#undef SX
	STMT__MAX
};

/* The SQL text of a statement for an engine ("sqlite" or "postgres"); never NULL for a
 * valid id. stmt_sql gives the SQLite text. */
const char *stmt_sql(enum stmt_id id);
const char *stmt_sql_for(enum stmt_id id, const char *engine);
const char *stmt_name(enum stmt_id id);

#endif
