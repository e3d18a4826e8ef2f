-- 0101 (SQLite): full-text search over CVE descriptions: an FTS5 table whose rowid is the cve
-- row's. The importer refreshes it in bulk for the records an import changed (per-row
-- triggers cost ten times as much on a feed import).
CREATE VIRTUAL TABLE cve_fts USING fts5 (description, tokenize = 'unicode61');
