-- History of polls. Runs unchanged on SQLite and PostgreSQL, so it uses only TEXT, BIGINT, INTEGER
-- and DOUBLE PRECISION, and no generated keys (their syntax differs).
-- Conventions for every Litewatch table:
--   * instants are epoch milliseconds UTC in BIGINT (*_at): sortable, indexable, no time-zone or
--     format parsing, identical in both databases;
--   * durations are seconds in DOUBLE PRECISION (*_seconds, millisecond precision, may be negative)
--     or whole milliseconds in BIGINT (*_ms); NULL when unknown;
--   * statuses are HealthStatus labels: 'ok', 'warning', 'critical';
--   * finding codes are FindingCode names joined by ',' without spaces, '' when none.

-- One row per poll. checked_at is the instant the poll finished (PollResult.checkedAt); sequence
-- restarts at 1 with every start of Litewatch, so it is kept for display only.
CREATE TABLE poll_run (
	checked_at BIGINT NOT NULL PRIMARY KEY,
	sequence BIGINT NOT NULL,
	status TEXT NOT NULL,
	duration_ms BIGINT NOT NULL,
	database_count INTEGER NOT NULL,
	-- installation-wide findings only (config file, Docker Engine, accessory)
	finding_codes TEXT NOT NULL DEFAULT ''
);

-- One row per database per poll: its status is the worst of its own findings and its replicas',
-- which is what uptime is computed from.
CREATE TABLE database_sample (
	checked_at BIGINT NOT NULL,
	database_name TEXT NOT NULL,
	database_path TEXT NOT NULL,
	status TEXT NOT NULL,
	replica_count INTEGER NOT NULL,
	-- the database's own findings (config, file, accessory), not its replicas'
	finding_codes TEXT NOT NULL DEFAULT ''
);

CREATE INDEX database_sample_by_database ON database_sample (database_name, checked_at);
CREATE INDEX database_sample_by_time ON database_sample (checked_at);

-- One row per replica per poll.
CREATE TABLE replica_sample (
	checked_at BIGINT NOT NULL,
	database_name TEXT NOT NULL,
	database_path TEXT NOT NULL,
	replica_name TEXT NOT NULL,
	status TEXT NOT NULL,
	lag_seconds DOUBLE PRECISION,
	snapshot_age_seconds DOUBLE PRECISION,
	restore_window_seconds DOUBLE PRECISION,
	snapshot_count INTEGER NOT NULL,
	wal_segment_count BIGINT NOT NULL,
	wal_bytes BIGINT NOT NULL,
	generation TEXT,
	finding_codes TEXT NOT NULL DEFAULT ''
);

CREATE INDEX replica_sample_by_replica ON replica_sample (database_name, replica_name, checked_at);
CREATE INDEX replica_sample_by_time ON replica_sample (checked_at);
