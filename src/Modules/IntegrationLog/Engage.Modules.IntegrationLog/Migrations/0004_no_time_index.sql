-- The listing of every entry, newest first, no longer has an index of its own: it merges the
-- severity index's three ranges (Info, Warning, Error), each read backwards in the same order and
-- from the index alone, so it reads the index entries it skips and returns, and the table rows of
-- the page only (GetEntriesEndpoint). Every entry is written with one of these severities. The
-- time index cost each entry, four per stored order, one more B-tree insert: about a tenth of the
-- stages' SQL time per order (StageBench --statements).
DROP INDEX ix_integration_log_entries_time;
