/* The statement catalogue assembled from the store/sql/ .def files. Portable SQL only: named
 * parameters (:name), no engine-specific functions where a portable form exists. */
#include "store/statements.h"

#include <stddef.h>
#include <string.h>

struct entry {
	const char *name;
	const char *sql;
	const char *sql_postgres;   /* NULL: the same text as sql */
};

static const struct entry catalogue[STMT__MAX] = {
#define S(id, text) [STMT_##id] = { #id, text, NULL },
#define SE(id, sqlite_text, postgres_text) [STMT_##id] = { #id, sqlite_text, postgres_text },
#include "store/sql/all.def"
#undef S
#undef SE
};

const char *stmt_sql(enum stmt_id id)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	return catalogue[id].sql;
}

const char *stmt_sql_for(enum stmt_id id, const char *engine)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	if (engine && strcmp(engine, "postgres") == 0 && catalogue[id].sql_postgres)
		return catalogue[id].sql_postgres;
	return catalogue[id].sql;
}

const char *stmt_name(enum stmt_id id)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	return catalogue[id].name;
}
