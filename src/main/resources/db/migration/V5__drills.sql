-- Restore drills (io.litewatch.drill): one row per replica restored, kept as evidence for audits.
-- Bounded by litewatch.drills.retention. Never holds a credential: Litestream's output is stored
-- only on failure, clipped, and with the config's secrets blanked.
CREATE TABLE drill (
    id               TEXT PRIMARY KEY,
    database_name    TEXT NOT NULL,
    replica_name     TEXT NOT NULL,
    started_at       BIGINT NOT NULL,
    took_ms          BIGINT NOT NULL,
    trigger_kind     TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    restored_bytes   BIGINT NOT NULL,
    integrity        TEXT,
    row_counts       TEXT NOT NULL,
    generation       TEXT,
    restored_up_to   BIGINT,
    achieved_rpo_ms  BIGINT,
    message          TEXT,
    litestream_output TEXT,
    pit_target       BIGINT,
    pit_outcome      TEXT,
    pit_took_ms      BIGINT,
    pit_message      TEXT
);
CREATE INDEX drill_database_started ON drill (database_name, started_at);
