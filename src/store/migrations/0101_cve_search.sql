-- 0101: full-text search over CVE descriptions. SQLite: an FTS5 table whose rowid is the cve
-- row's, refreshed in bulk by the importer for the records an import changed (per-row
-- triggers cost ten times as much on a feed import); vans serve rebuilds it at start when it
-- is out of step (after a restore, which copies ordinary tables only). PostgreSQL: an
-- expression index that needs no refresh.
-- vans:sqlite
CREATE VIRTUAL TABLE cve_fts USING fts5 (description, tokenize = 'unicode61');
-- vans:end
-- vans:postgres
CREATE INDEX cve_description_search ON cve USING GIN (to_tsvector('english', description));
-- vans:end
