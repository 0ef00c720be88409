-- Alert state, alert history, the notification outbox and silences.
-- Same conventions as V1: instants are epoch milliseconds (BIGINT), no generated keys (ids are
-- UUID text), so the same SQL runs on SQLite and PostgreSQL.

CREATE TABLE alert_state (
    alert_key          TEXT PRIMARY KEY,
    database_name      TEXT NOT NULL,
    database_path      TEXT NOT NULL,
    replica_name       TEXT NOT NULL,
    code               TEXT NOT NULL,
    phase              TEXT NOT NULL,
    severity           TEXT NOT NULL,
    message            TEXT NOT NULL,
    lag_seconds        DOUBLE PRECISION,
    consecutive        INTEGER NOT NULL,
    first_seen_at      BIGINT NOT NULL,
    last_seen_at       BIGINT NOT NULL,
    fired_at           BIGINT,
    notified_at        BIGINT,
    notified_severity  TEXT
);

CREATE TABLE alert_history (
    id                 TEXT PRIMARY KEY,
    alert_key          TEXT NOT NULL,
    database_name      TEXT NOT NULL,
    replica_name       TEXT NOT NULL,
    code               TEXT NOT NULL,
    severity           TEXT NOT NULL,
    message            TEXT NOT NULL,
    first_seen_at      BIGINT NOT NULL,
    fired_at           BIGINT NOT NULL,
    resolved_at        BIGINT NOT NULL,
    notified           INTEGER NOT NULL
);
CREATE INDEX alert_history_resolved ON alert_history (resolved_at);
CREATE INDEX alert_history_database ON alert_history (database_name, resolved_at);

CREATE TABLE outbox (
    id                 TEXT PRIMARY KEY,
    notification_id    TEXT NOT NULL,
    channel            TEXT NOT NULL,
    event              TEXT NOT NULL,
    database_name      TEXT NOT NULL,
    severity           TEXT NOT NULL,
    subject            TEXT NOT NULL,
    body               TEXT NOT NULL,
    text_body          TEXT,
    status             TEXT NOT NULL,
    attempts           INTEGER NOT NULL,
    created_at         BIGINT NOT NULL,
    next_attempt_at    BIGINT NOT NULL,
    last_attempt_at    BIGINT,
    sent_at            BIGINT,
    last_error         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_created ON outbox (created_at);

CREATE TABLE silence (
    id                 TEXT PRIMARY KEY,
    database_name      TEXT,
    code               TEXT,
    reason             TEXT,
    created_at         BIGINT NOT NULL,
    ends_at            BIGINT NOT NULL
);
CREATE INDEX silence_ends ON silence (ends_at);
