/* The catalogue of every SQL statement vans runs, by id. Each module's SQL lives in its
 * own file under store/sql/ (core.def, kb.def, …); a unit test prepares every entry
 * against a migrated database, so a statement that does not compile fails the tests. */
#ifndef VANS_STORE_STATEMENTS_H
#define VANS_STORE_STATEMENTS_H

enum stmt_id {
#define S(id, sql) STMT_##id,
#define SE(id, sqlite_sql, postgres_sql) STMT_##id,
#include "store/sql/all.def"
#undef S
#undef SE
	STMT__MAX
};

/* The SQL text of a statement for an engine ("sqlite" or "postgres"). Entries written
 * S(ID, SQL) serve both; the rare SE(ID, SQLITE_SQL, POSTGRES_SQL) has a text per engine
 * (full-text search, for instance). Never NULL for a valid id. */
const char *stmt_sql_for(enum stmt_id id, const char *engine);
const char *stmt_sql(enum stmt_id id);
const char *stmt_name(enum stmt_id id);

#endif
