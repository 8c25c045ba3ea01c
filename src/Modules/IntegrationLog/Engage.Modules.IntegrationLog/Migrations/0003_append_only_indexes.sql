-- The three listing indexes were (x, timestamp_utc DESC, id): a new entry, being the newest, went
-- to the front of the time and severity indexes, so every page split was a full rebalance that
-- left both pages half empty, and every entry carried its 36-character id three more times.
-- Entries are listed newest first and, at the same timestamp, most recently recorded first
-- (seq DESC): an ascending index on (x, timestamp_utc) ends in the rowid (seq), so SQLite reads
-- it backwards for that order, and new entries are appended at its end.
DROP INDEX ix_integration_log_entries_time;
DROP INDEX ix_integration_log_entries_order;
DROP INDEX ix_integration_log_entries_severity;
CREATE INDEX ix_integration_log_entries_time ON integration_log_entries (timestamp_utc);
CREATE INDEX ix_integration_log_entries_order ON integration_log_entries (order_id, timestamp_utc) WHERE order_id IS NOT NULL;
CREATE INDEX ix_integration_log_entries_severity ON integration_log_entries (severity, timestamp_utc);
