/* The statement catalogue assembled from the store/sql/ .def files. Portable SQL only: named
 * parameters (:name), no engine-specific functions where a portable form exists. */
#include "store/statements.h"

#include <stddef.h>

struct entry {
	const char *name;
	const char *sql;
};

static const struct entry catalogue[STMT__MAX] = {
#define S(id, text) [STMT_##id] = { #id, text },
#include "store/sql/all.def"
#undef S
};

const char *stmt_sql(enum stmt_id id)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	return catalogue[id].sql;
}

const char *stmt_name(enum stmt_id id)
{
	if ((unsigned)id >= STMT__MAX)
		return NULL;
	return catalogue[id].name;
}
