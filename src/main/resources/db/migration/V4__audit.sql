-- Who changed what, and when: sign-ins, silences, test notifications (io.litewatch.audit).
-- Bounded by litewatch.audit.retention and litewatch.audit.max-entries. Never holds a password
-- or a token: a failed sign-in under a name that is not an account is recorded without the name.
CREATE TABLE audit_entry (
    id          TEXT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    target      TEXT,
    detail      TEXT,
    address     TEXT
);
CREATE INDEX audit_entry_at ON audit_entry (at);

-- The account that created a silence (NULL for silences created before there were logins).
ALTER TABLE silence ADD COLUMN created_by TEXT;
