-- 0300: VANS — asset groups, assets and their upload history, remembered CPE mappings,
-- findings (asset × CVE) with their history and the organisation's triage rules, the due-date
-- policy, and what notices need: pending notices, in-app notifications, per-user choices
-- and the organisation's webhook. docs/vans.md describes the model.

CREATE TABLE asset_groups (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	code TEXT NOT NULL,
	name TEXT NOT NULL,
	note TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	UNIQUE (org_id, code)
) STRICT;

-- One row per intake (a form save, a file, an API call, a CLI import), kept as 檢視上傳紀錄.
-- errors holds the row-level errors as a JSON array of {line, field, reason} (at most 1000).
CREATE TABLE asset_uploads (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	account_id INTEGER REFERENCES accounts (id),
	api_key_id INTEGER REFERENCES api_keys (id),
	source TEXT NOT NULL CHECK (source IN ('form', 'csv', 'xlsx', 'cyclonedx', 'spdx', 'api_v2', 'api_v1', 'cli', 'demo')),
	filename TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL CHECK (status IN ('done', 'partial', 'rejected')),
	rows_total INTEGER NOT NULL DEFAULT 0,
	rows_added INTEGER NOT NULL DEFAULT 0,
	rows_updated INTEGER NOT NULL DEFAULT 0,
	rows_rejected INTEGER NOT NULL DEFAULT 0,
	errors TEXT NOT NULL DEFAULT '[]',
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX asset_uploads_org ON asset_uploads (org_id, id);

-- An asset is one product on one host; the host is the identifier (資產識別碼): the assets of
-- one organisation sharing an identifier are matched together ("running on/with").
-- category: system 資通系統資產, pc 使用者電腦資產, network 網通設備資產, ics 工業控制系統資產.
-- cpe is a CPE 2.3 formatted string or '' (none); cpe_origin says how it was obtained and caps
-- the confidence of its findings (given 100/90, suggested 80, product_only 30).
-- The natural key is (org, identifier, vendor, name): uploading a newer version of the same
-- product on the same host updates the row, and the old version's findings become inactive.
CREATE TABLE assets (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	group_id INTEGER NOT NULL REFERENCES asset_groups (id),
	category TEXT NOT NULL DEFAULT 'system' CHECK (category IN ('system', 'pc', 'network', 'ics')),
	identifier TEXT NOT NULL,
	name TEXT NOT NULL,
	vendor TEXT NOT NULL DEFAULT '',
	version TEXT NOT NULL DEFAULT '',
	cpe TEXT NOT NULL DEFAULT '',
	cpe_title TEXT NOT NULL DEFAULT '',
	cpe_origin TEXT NOT NULL DEFAULT 'none' CHECK (cpe_origin IN ('given', 'suggested', 'product_only', 'none')),
	purl TEXT NOT NULL DEFAULT '',
	quantity INTEGER NOT NULL DEFAULT 1,
	kb_ids TEXT NOT NULL DEFAULT '',
	owner TEXT NOT NULL DEFAULT '',
	department TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	upload_id INTEGER REFERENCES asset_uploads (id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	UNIQUE (org_id, identifier, vendor, name)
) STRICT;
CREATE INDEX assets_org_name ON assets (org_id, name);
CREATE INDEX assets_org_cpe ON assets (org_id, cpe);
CREATE INDEX assets_group ON assets (group_id);

-- CPE mappings an organisation accepted: the next asset with the same vendor and name (both
-- lower-cased and trimmed) gets the CPE with origin 'suggested'. version_from_asset: the
-- accepted CPE's version is replaced by the asset's own version when applied.
CREATE TABLE cpe_mappings (
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	vendor_key TEXT NOT NULL,
	name_key TEXT NOT NULL,
	cpe TEXT NOT NULL,
	cpe_title TEXT NOT NULL DEFAULT '',
	version_from_asset INTEGER NOT NULL DEFAULT 1,
	accepted_by INTEGER REFERENCES accounts (id),
	accepted_at INTEGER NOT NULL,
	PRIMARY KEY (org_id, vendor_key, name_key)
) STRICT;

-- A finding: one CVE that applies to one asset. active = 0 when it stopped matching
-- (inactive_since says when); it is never deleted. status: open 未處理, in_progress 處理中,
-- fixed 已修補, risk_accepted 風險接受 (until = expiry), false_positive 誤判, not_affected
-- 不受影響 (vex_justification is one of CycloneDX's justifications). criterion is the CPE
-- match string that decided it, matched_cpe the asset's CPE that matched. due_at comes
-- from the KEV due date, else from due_policy.
CREATE TABLE findings (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	asset_id INTEGER NOT NULL REFERENCES assets (id),
	cve_id TEXT NOT NULL REFERENCES cve (id),
	active INTEGER NOT NULL DEFAULT 1,
	first_seen INTEGER NOT NULL,
	last_seen INTEGER NOT NULL,
	inactive_since INTEGER,
	confidence INTEGER NOT NULL,
	matched_cpe TEXT NOT NULL DEFAULT '',
	criterion TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'fixed', 'risk_accepted', 'false_positive', 'not_affected')),
	status_until INTEGER,
	vex_justification TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	owner TEXT NOT NULL DEFAULT '',
	due_at INTEGER,
	updated_at INTEGER NOT NULL,
	UNIQUE (asset_id, cve_id)
) STRICT;
CREATE INDEX findings_org ON findings (org_id, active, status);
CREATE INDEX findings_cve ON findings (cve_id);

-- Every change of a finding: kind found | inactive | reactivated | status | note | owner | due.
CREATE TABLE finding_events (
	id INTEGER PRIMARY KEY,
	finding_id INTEGER NOT NULL REFERENCES findings (id),
	at INTEGER NOT NULL,
	account_id INTEGER REFERENCES accounts (id),
	kind TEXT NOT NULL,
	old_value TEXT NOT NULL DEFAULT '',
	new_value TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX finding_events_finding ON finding_events (finding_id, id);

-- A triage decision applied to a product across versions and assets of one organisation:
-- every finding (now or later) of cve_id on an asset whose CPE names vendor:product gets it.
CREATE TABLE triage_rules (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	cve_id TEXT NOT NULL,
	vendor TEXT NOT NULL,
	product TEXT NOT NULL,
	status TEXT NOT NULL,
	status_until INTEGER,
	vex_justification TEXT NOT NULL DEFAULT '',
	note TEXT NOT NULL DEFAULT '',
	created_by INTEGER REFERENCES accounts (id),
	created_at INTEGER NOT NULL,
	UNIQUE (org_id, cve_id, vendor, product)
) STRICT;

-- Days to fix by organisation level and severity when the CVE is not in KEV.
CREATE TABLE due_policy (
	level TEXT NOT NULL,
	severity TEXT NOT NULL,
	days INTEGER NOT NULL,
	PRIMARY KEY (level, severity)
) STRICT;
INSERT INTO due_policy (level, severity, days) VALUES
	('A', 'CRITICAL', 7), ('A', 'HIGH', 14), ('A', 'MEDIUM', 30), ('A', 'LOW', 90),
	('B', 'CRITICAL', 14), ('B', 'HIGH', 30), ('B', 'MEDIUM', 60), ('B', 'LOW', 120),
	('C', 'CRITICAL', 30), ('C', 'HIGH', 60), ('C', 'MEDIUM', 90), ('C', 'LOW', 180),
	('D', 'CRITICAL', 30), ('D', 'HIGH', 60), ('D', 'MEDIUM', 90), ('D', 'LOW', 180),
	('E', 'CRITICAL', 30), ('E', 'HIGH', 60), ('E', 'MEDIUM', 90), ('E', 'LOW', 180);

-- A finding someone must be told about (new, reactivated, or its CVE newly in KEV). urgent:
-- KEV or critical, sent at once; the rest goes into the daily digest. sent_at when every
-- channel of the organisation has it in the outbox.
CREATE TABLE notice_pending (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	finding_id INTEGER NOT NULL REFERENCES findings (id),
	reason TEXT NOT NULL CHECK (reason IN ('new', 'reactivated', 'kev', 'changed')),
	urgent INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	sent_at INTEGER
) STRICT;
CREATE INDEX notice_pending_due ON notice_pending (sent_at, urgent, org_id);

-- In-app notifications, one per user.
CREATE TABLE notifications (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	urgent INTEGER NOT NULL DEFAULT 0,
	title TEXT NOT NULL,
	body TEXT NOT NULL DEFAULT '',
	link TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	read_at INTEGER
) STRICT;
CREATE INDEX notifications_account ON notifications (account_id, read_at, id);

-- A user's choice of e-mail: immediate (every notice at once), daily (urgent at once, the
-- rest in a daily digest; the default), off (in-app only).
CREATE TABLE notice_prefs (
	account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
	email TEXT NOT NULL DEFAULT 'daily' CHECK (email IN ('immediate', 'daily', 'off')),
	last_digest_at INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The organisation's webhook: POST of a JSON notice with X-Vans-Signature: sha256=HMAC(secret, body).
CREATE TABLE org_webhooks (
	org_id INTEGER PRIMARY KEY REFERENCES organisations (id),
	url TEXT NOT NULL,
	secret TEXT NOT NULL,
	enabled INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL
) STRICT;

-- The change sequence of the knowledge base up to which findings are current, and of KEV.
CREATE TABLE vans_state (
	name TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) STRICT;
INSERT INTO vans_state (name, value) VALUES ('matched_cve_seq', 0), ('matched_kev_seq', 0);
