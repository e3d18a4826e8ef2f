/* The statement catalogue assembled from the store/sql/ .def files. Portable SQL only: named
 * parameters (:name), no engine-specific functions where a portable form exists. */
#include "store/statements.h"

#include <stddef.h>
#include <string.h>

struct entry {
	const char *name;
	const char *sql;
	const char *pg_sql;     /* NULL when sql serves both engines */
};

static const struct entry catalogue[STMT__MAX] = {
#define S(id, text) [STMT_##id] = { #id, text, NULL },
#define SX(id, sqlite, postgres) [STMT_##id] = { #id, sqlite, postgres },
#include "store/sql/all.def"
#undef S
#undef SX
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
	if (catalogue[id].pg_sql && strcmp(engine, "postgres") == 0)
		return catalogue[id].pg_sql;
	return catalogue[id].sql;
}

const char *stmt_name(enum stmt_id id)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	return catalogue[id].name;
}
