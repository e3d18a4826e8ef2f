/* SQL text of the statement catalogue. Portable SQL only: named parameters (:name), no
 * engine-specific functions where a portable form exists, so PostgreSQL runs it too. */
#include "store/statements.h"

#include <stddef.h>

struct entry {
	const char *name;
	const char *sql;
};

#define S(id, text) [STMT_##id] = { #id, text }

static const struct entry catalogue[STMT__MAX] = {
	S(PING, "SELECT 1"),
	S(MIGRATION_VERSION, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations"),
	S(MIGRATION_RECORD,
	  "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :at)"),
	S(SETTING_GET, "SELECT value FROM settings WHERE key = :key"),
	S(SETTING_PUT,
	  "INSERT INTO settings (key, value) VALUES (:key, :value) "
	  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
	S(SETTING_INSERT_IF_ABSENT,
	  "INSERT INTO settings (key, value) VALUES (:key, :value) ON CONFLICT (key) DO NOTHING"),
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
