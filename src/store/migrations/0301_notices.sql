-- 0301: what notices need beyond 0300. The outbox learns a third channel, 'webhook': the
-- recipient is the URL, the body the JSON notice, and secret the key the sender signs the
-- body with at each attempt (X-Vans-Signature); the secret is cleared once the row is sent
-- or has failed for good. notice_digest holds the non-urgent notices of users who chose the
-- daily digest, until their digest is due (24 h after their last one).

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with its rows.
-- vans:sqlite
CREATE TABLE outbox_0301 (
	id INTEGER PRIMARY KEY,
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
	recipient TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	body TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at INTEGER NOT NULL,
	lease_until INTEGER NOT NULL DEFAULT 0,
	lease_owner TEXT NOT NULL DEFAULT '',
	last_error TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	sent_at INTEGER,
	secret TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO outbox_0301 (id, channel, recipient, subject, body, status, attempts, next_attempt_at, lease_until,
	lease_owner, last_error, created_at, sent_at)
	SELECT id, channel, recipient, subject, body, status, attempts, next_attempt_at, lease_until, lease_owner,
	last_error, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_0301 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
-- vans:end
-- vans:postgres
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'webhook'));
ALTER TABLE outbox ADD COLUMN secret TEXT NOT NULL DEFAULT '';
-- vans:end

-- A notice waiting for one user's daily digest (notice_pending.sent_at is already set: the
-- notice reached every channel, this user's channel being the digest).
CREATE TABLE notice_digest (
	id INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	org_id INTEGER NOT NULL REFERENCES organisations (id),
	finding_id INTEGER NOT NULL REFERENCES findings (id),
	reason TEXT NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX notice_digest_account ON notice_digest (account_id, created_at);
