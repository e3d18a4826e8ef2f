-- 0100: the vulnerability knowledge base. CVEs as NVD (or a CVE 5 record) publishes them: the
-- fields lists and searches use as columns, every description, metric, weakness and reference
-- in one JSON document (detail), and the configurations one row per cpeMatch with their node
-- and configuration context, in order, so the matching engine loads them in one scan and
-- the (vendor, product) index answers "which criteria name this product". Then KEV, EPSS,
-- the CPE dictionary, the vendor/product index and the bookkeeping of feed imports.
CREATE TABLE cve (
	id TEXT PRIMARY KEY,
	source_identifier TEXT,
	published TEXT NOT NULL,
	published_unix INTEGER NOT NULL,
	last_modified TEXT NOT NULL,
	last_modified_unix INTEGER NOT NULL,
	vuln_status TEXT,
	rejected INTEGER NOT NULL DEFAULT 0,
	description TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '{}',
	cvss_version TEXT,
	cvss_vector TEXT,
	cvss_score REAL,
	severity TEXT,
	cisa_exploit_add TEXT,
	cisa_action_due TEXT,
	cisa_required_action TEXT,
	cisa_vulnerability_name TEXT,
	origin TEXT NOT NULL,
	change_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX cve_published ON cve (published_unix);
CREATE INDEX cve_change_seq ON cve (change_seq);
CREATE INDEX cve_severity ON cve (severity, published_unix);

CREATE TABLE cve_match (
	cve_id TEXT NOT NULL REFERENCES cve (id),
	seq INTEGER NOT NULL,
	config INTEGER NOT NULL,
	config_op TEXT NOT NULL,
	config_negate INTEGER NOT NULL,
	node INTEGER NOT NULL,
	node_op TEXT NOT NULL,
	node_negate INTEGER NOT NULL,
	vulnerable INTEGER NOT NULL,
	criteria TEXT NOT NULL,
	part TEXT NOT NULL,
	vendor TEXT NOT NULL,
	product TEXT NOT NULL,
	match_criteria_id TEXT,
	version_start_including TEXT,
	version_start_excluding TEXT,
	version_end_including TEXT,
	version_end_excluding TEXT,
	PRIMARY KEY (cve_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX cve_match_product ON cve_match (vendor, product);

CREATE TABLE kev (
	cve_id TEXT PRIMARY KEY,
	vendor_project TEXT NOT NULL,
	product TEXT NOT NULL,
	vulnerability_name TEXT NOT NULL,
	date_added TEXT NOT NULL,
	short_description TEXT NOT NULL,
	required_action TEXT NOT NULL,
	due_date TEXT NOT NULL,
	ransomware TEXT NOT NULL,
	notes TEXT NOT NULL DEFAULT '',
	cwes TEXT NOT NULL DEFAULT '',
	catalog_version TEXT NOT NULL,
	change_seq INTEGER NOT NULL
) STRICT;
CREATE INDEX kev_change_seq ON kev (change_seq);

CREATE TABLE epss (
	cve_id TEXT PRIMARY KEY,
	score REAL NOT NULL,
	percentile REAL NOT NULL,
	score_date TEXT NOT NULL,
	model_version TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE cpe_dict (
	name TEXT PRIMARY KEY,
	uri TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	part TEXT NOT NULL,
	vendor TEXT NOT NULL,
	product TEXT NOT NULL,
	version TEXT NOT NULL,
	deprecated INTEGER NOT NULL DEFAULT 0,
	deprecation_date TEXT,
	deprecated_by TEXT
) STRICT;
CREATE INDEX cpe_dict_product ON cpe_dict (vendor, product);

-- The vendor/product index: every (part, vendor, product) the dictionary or NVD names,
-- with a title when the dictionary gives one. CPE suggestion searches it.
CREATE TABLE cpe_product (
	part TEXT NOT NULL,
	vendor TEXT NOT NULL,
	product TEXT NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	dict_names INTEGER NOT NULL DEFAULT 0,
	cve_count INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (part, vendor, product)
) STRICT;

CREATE TABLE feed_status (
	feed TEXT PRIMARY KEY,
	loaded_at TEXT NOT NULL,
	records INTEGER NOT NULL,
	source TEXT NOT NULL,
	detail TEXT NOT NULL DEFAULT '',
	checkpoint TEXT
) STRICT;

CREATE TABLE feed_import (
	id INTEGER PRIMARY KEY,
	feed TEXT NOT NULL,
	source TEXT NOT NULL,
	started_at TEXT NOT NULL,
	finished_at TEXT,
	status TEXT NOT NULL,
	new_records INTEGER NOT NULL DEFAULT 0,
	updated_records INTEGER NOT NULL DEFAULT 0,
	unchanged_records INTEGER NOT NULL DEFAULT 0,
	rejected_records INTEGER NOT NULL DEFAULT 0,
	skipped_records INTEGER NOT NULL DEFAULT 0,
	message TEXT NOT NULL DEFAULT ''
) STRICT;
