-- 0250: the durable outbox of outgoing mail and SMS. A sender claims a row by setting a
-- lease (on PostgreSQL with FOR UPDATE SKIP LOCKED), delivers it, then marks it sent or
-- schedules a retry; a crashed sender's lease runs out and another one takes the row.
CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
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
	sent_at INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
