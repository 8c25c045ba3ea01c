-- Entry ids are time-ordered GUIDs this module generates, and nothing looks an entry up by id:
-- the UNIQUE index on id cost one more B-tree insert per entry (four per stored order) for nothing.
-- SQLite cannot drop a column constraint, so the table is rebuilt without it.
CREATE TABLE integration_log_entries_rebuilt (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL,
    timestamp       TEXT NOT NULL,
    timestamp_utc   TEXT NOT NULL,
    severity        TEXT NOT NULL,
    message         TEXT NOT NULL,
    reason          TEXT,
    proposed_action TEXT,
    order_id        TEXT,
    job_id          TEXT,
    details         TEXT NOT NULL,
    dedup_key       TEXT NOT NULL
);
INSERT INTO integration_log_entries_rebuilt
    (seq, id, timestamp, timestamp_utc, severity, message, reason, proposed_action, order_id, job_id, details, dedup_key)
SELECT seq, id, timestamp, timestamp_utc, severity, message, reason, proposed_action, order_id, job_id, details, dedup_key
FROM integration_log_entries;
DROP TABLE integration_log_entries;
ALTER TABLE integration_log_entries_rebuilt RENAME TO integration_log_entries;
CREATE UNIQUE INDEX ux_integration_log_entries_dedup ON integration_log_entries (dedup_key);
CREATE INDEX ix_integration_log_entries_time ON integration_log_entries (timestamp_utc DESC, id);
CREATE INDEX ix_integration_log_entries_order ON integration_log_entries (order_id, timestamp_utc DESC, id) WHERE order_id IS NOT NULL;
CREATE INDEX ix_integration_log_entries_severity ON integration_log_entries (severity, timestamp_utc DESC, id);
