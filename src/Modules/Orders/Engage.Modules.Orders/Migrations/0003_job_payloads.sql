-- A job's payload (the write's request body as accepted) moves to a table of its own, removed when
-- the job completes. In orders_jobs a payload of about 2 KB filled half a page, so the store
-- stage's status update rewrote that whole page into the WAL for a row that had shrunk to ~150
-- bytes, and the table kept two jobs per page for good. A payload row is inserted once and deleted
-- once; a page whose payloads are all gone is freed without being written again, and reused.
-- A payload goes with its job (retention) through the cascade.
--
-- The jobs table is rebuilt without the payload column and without AUTOINCREMENT: that kept the
-- highest seq in sqlite_sequence, one more B-tree written by every commit that accepts a job.
-- seq stays the acceptance order (a new job gets the highest seq + 1; the highest is never
-- removed while newer ones exist, since retention removes only old completed jobs).
CREATE TABLE orders_jobs_rebuilt (
    seq          INTEGER PRIMARY KEY,
    job_id       TEXT    NOT NULL UNIQUE,
    order_id     TEXT    NOT NULL,
    operation    TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    if_match     TEXT,
    accepted_at  TEXT    NOT NULL,
    completed_at TEXT,
    version_tag  TEXT,
    error_status INTEGER,
    error_title  TEXT,
    error_detail TEXT
);
INSERT INTO orders_jobs_rebuilt
    (seq, job_id, order_id, operation, status, if_match, accepted_at, completed_at, version_tag, error_status, error_title, error_detail)
SELECT seq, job_id, order_id, operation, status, if_match, accepted_at, completed_at, version_tag, error_status, error_title, error_detail
FROM orders_jobs;

-- Created against the rebuilt table: renaming it below renames the reference too.
CREATE TABLE orders_job_payloads (
    seq     INTEGER PRIMARY KEY REFERENCES orders_jobs_rebuilt (seq) ON DELETE CASCADE,
    payload TEXT NOT NULL
);
INSERT INTO orders_job_payloads (seq, payload) SELECT seq, payload FROM orders_jobs WHERE payload IS NOT NULL;

DROP TABLE orders_jobs;
ALTER TABLE orders_jobs_rebuilt RENAME TO orders_jobs;
DELETE FROM sqlite_sequence WHERE name = 'orders_jobs';
CREATE INDEX ix_orders_jobs_pending ON orders_jobs (order_id, seq) WHERE status = 'Pending';
CREATE INDEX ix_orders_jobs_completed ON orders_jobs (completed_at) WHERE completed_at IS NOT NULL;
