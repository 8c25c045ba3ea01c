-- The integration log (type "Orders"). Entries are written only by the module's notification
-- handlers. dedup_key makes each entry happen once: e.g. one "Article is missing" per
-- (orderId, versionTag, sku), however often a message is redelivered (INSERT OR IGNORE).
CREATE TABLE integration_log_entries (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT NOT NULL UNIQUE,
    timestamp       TEXT NOT NULL,   -- ISO 8601 with offset, as returned
    timestamp_utc   TEXT NOT NULL,   -- sortable UTC text, for newest-first paging
    severity        TEXT NOT NULL,   -- Info | Warning | Error
    message         TEXT NOT NULL,
    reason          TEXT,
    proposed_action TEXT,
    order_id        TEXT,
    job_id          TEXT,
    details         TEXT NOT NULL,   -- a JSON object
    dedup_key       TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_integration_log_entries_dedup ON integration_log_entries (dedup_key);
CREATE INDEX ix_integration_log_entries_time ON integration_log_entries (timestamp_utc DESC, id);
CREATE INDEX ix_integration_log_entries_order ON integration_log_entries (order_id, timestamp_utc DESC, id) WHERE order_id IS NOT NULL;
CREATE INDEX ix_integration_log_entries_severity ON integration_log_entries (severity, timestamp_utc DESC, id);
