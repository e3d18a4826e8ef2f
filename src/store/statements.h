/* The catalogue of every SQL statement vans runs, by id. The SQL text lives in
 * statements.c only; a unit test prepares every entry against a migrated database. */
#ifndef VANS_STORE_STATEMENTS_H
#define VANS_STORE_STATEMENTS_H

enum stmt_id {
	STMT_PING,
	STMT_MIGRATION_VERSION,
	STMT_MIGRATION_RECORD,
	STMT_SETTING_GET,
	STMT_SETTING_PUT,
	STMT_SETTING_INSERT_IF_ABSENT,
	STMT__MAX
};

/* The SQL text of a statement (never NULL for a valid id). */
const char *stmt_sql(enum stmt_id id);
const char *stmt_name(enum stmt_id id);

#endif
