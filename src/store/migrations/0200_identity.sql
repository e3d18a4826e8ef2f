-- 0200: identity — organisations, accounts, per-module permissions and their review,
-- one-time codes, sessions, API keys, rate-limit events and the chained audit log.
CREATE TABLE organisations (
	id INTEGER PRIMARY KEY,
	id_kind TEXT NOT NULL CHECK (id_kind IN ('oid', 'ubn')),
	identifier TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	level TEXT NOT NULL CHECK (level IN ('A', 'B', 'C', 'D', 'E')),
	sector TEXT NOT NULL DEFAULT '',
	parent_id INTEGER REFERENCES organisations (id),
	mailbox TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE accounts (
	id INTEGER PRIMARY KEY,
	org_id INTEGER REFERENCES organisations (id),
	username TEXT NOT NULL UNIQUE,
	password_hash TEXT NOT NULL DEFAULT '',
	name TEXT NOT NULL,
	email TEXT NOT NULL,
	mobile TEXT NOT NULL DEFAULT '',
	title TEXT NOT NULL DEFAULT '',
	department TEXT NOT NULL DEFAULT '',
	address TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '',
	extension TEXT NOT NULL DEFAULT '',
	fax TEXT NOT NULL DEFAULT '',
	status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
	is_operator INTEGER NOT NULL DEFAULT 0,
	totp_secret TEXT,
	totp_last_step INTEGER NOT NULL DEFAULT 0,
	failed_logins INTEGER NOT NULL DEFAULT 0,
	locked_until INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	password_changed_at INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX accounts_org ON accounts (org_id);

-- One row per account × module × permission: the request and, once decided, the grant.
CREATE TABLE permissions (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	module TEXT NOT NULL,
	permission TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'removal_pending', 'removed')),
	requested_at INTEGER NOT NULL,
	decided_at INTEGER,
	decided_by INTEGER REFERENCES accounts (id),
	scan_name TEXT,
	scan_type TEXT,
	scan BLOB,
	UNIQUE (account_id, module, permission)
) STRICT;
CREATE INDEX permissions_status ON permissions (module, permission, status);

-- Registration in progress: the contact details, their two codes and the steps passed.
CREATE TABLE registrations (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	name TEXT NOT NULL DEFAULT '',
	email TEXT NOT NULL DEFAULT '',
	mobile TEXT NOT NULL DEFAULT '',
	email_code TEXT NOT NULL DEFAULT '',
	sms_code TEXT NOT NULL DEFAULT '',
	attempts INTEGER NOT NULL DEFAULT 0,
	codes_expire_at INTEGER NOT NULL DEFAULT 0,
	verified INTEGER NOT NULL DEFAULT 0,
	wants TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
) STRICT;

-- Codes for a known account: second factor at sign-in, password reset, set-up links.
CREATE TABLE account_codes (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	purpose TEXT NOT NULL CHECK (purpose IN ('login', 'reset', 'setup')),
	code_hash TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	expires_at INTEGER NOT NULL,
	used_at INTEGER
) STRICT;
CREATE INDEX account_codes_account ON account_codes (account_id, purpose);

CREATE TABLE recovery_codes (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	code_hash TEXT NOT NULL,
	used_at INTEGER
) STRICT;
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);

-- Sessions live in the database so several vans instances can share them. The id is
-- stored hashed: a copy of the table does not let anyone sign in.
CREATE TABLE sessions (
	id_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	mfa_done INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	last_seen INTEGER NOT NULL,
	ip TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_keys (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	name TEXT NOT NULL DEFAULT '',
	prefix TEXT NOT NULL,
	key_hash TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES accounts (id),
	last_used_at INTEGER,
	revoked_at INTEGER
) STRICT;
CREATE INDEX api_keys_org ON api_keys (org_id);

-- Rate-limit events: counted per key in a time window, pruned as they age.
CREATE TABLE rate_events (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL,
	at INTEGER NOT NULL
) STRICT;
CREATE INDEX rate_events_key ON rate_events (key, at);

-- Append-only audit log; each row carries the SHA-256 of the previous row's hash and its
-- own content, so a changed or deleted row breaks the chain.
CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	actor_id INTEGER,
	actor TEXT NOT NULL,
	org_id INTEGER,
	action TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	ip TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	prev_hash TEXT NOT NULL,
	hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_org ON audit_log (org_id, id);
-- vans:sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- vans:end
-- vans:postgres
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- vans:end
