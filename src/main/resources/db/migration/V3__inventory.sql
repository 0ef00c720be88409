-- The background inventory of each s3 replica: the pass under way (its continuation point,
-- written after every request, so a restart resumes it) and the last complete pass.
-- Both are JSON documents of io.litewatch.inventory records; one row per replica, keyed by
-- endpoint|bucket|path (never credentials).

CREATE TABLE replica_inventory (
    replica_key    TEXT PRIMARY KEY,
    pass_json      TEXT,
    figures_json   TEXT,
    updated_at     BIGINT NOT NULL
);

-- What the poll's lister remembers of each s3 replica (the generations, their snapshots and
-- where the WAL tail was last read up to), so the first poll after a restart lists only what is
-- new. A JSON document of io.litewatch.s3.ListingMemory, saved every minute and at shutdown.
CREATE TABLE replica_listing (
    replica_key    TEXT PRIMARY KEY,
    memory_json    TEXT NOT NULL,
    updated_at     BIGINT NOT NULL
);
