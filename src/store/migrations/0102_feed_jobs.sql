-- 0102: feed sync jobs started from the operator's feed page. One row per run; the worker
-- writes its progress here, so every instance's page shows the same live state.
CREATE TABLE feed_job (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
	requested_by INTEGER,
	started_at INTEGER NOT NULL,
	finished_at INTEGER,
	stored INTEGER NOT NULL DEFAULT 0,
	window_done INTEGER NOT NULL DEFAULT 0,
	window_total INTEGER NOT NULL DEFAULT 0,
	message TEXT NOT NULL DEFAULT ''
) STRICT;
-- at most one running job, even with several instances starting one at the same moment
CREATE UNIQUE INDEX feed_job_one_running ON feed_job (status) WHERE status = 'running';
