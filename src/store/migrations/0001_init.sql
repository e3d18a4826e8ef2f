-- 0001: the settings table (server-wide secrets and state shared by every instance).
-- schema_migrations itself is created by the migrator before the first migration runs.
CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
