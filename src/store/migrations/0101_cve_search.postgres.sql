-- 0101 (PostgreSQL): full-text search over CVE descriptions, an expression GIN index.
CREATE INDEX cve_description_search ON cve USING GIN (to_tsvector('english', description));
