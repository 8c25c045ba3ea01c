-- Jobs: one row per accepted write, in acceptance order (seq). The payload is the write's request
-- body as accepted (UTF-8 JSON; the store stage normalises it); it is kept until the job completes.
CREATE TABLE orders_jobs (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id       TEXT    NOT NULL UNIQUE,
    order_id     TEXT    NOT NULL,
    operation    TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    payload      TEXT,
    if_match     TEXT,
    accepted_at  TEXT    NOT NULL,
    completed_at TEXT,
    version_tag  TEXT,
    error_status INTEGER,
    error_title  TEXT,
    error_detail TEXT
);
CREATE INDEX ix_orders_jobs_pending ON orders_jobs (order_id, seq) WHERE status = 'Pending';
CREATE INDEX ix_orders_jobs_completed ON orders_jobs (completed_at) WHERE completed_at IS NOT NULL;

-- Orders: the current version of each order. document is the order as GET returns it.
CREATE TABLE orders_orders (
    id             INTEGER PRIMARY KEY,
    order_id       TEXT NOT NULL UNIQUE,
    version_tag    TEXT NOT NULL,
    contact_id     TEXT,
    match_key_type TEXT NOT NULL,
    match_key      TEXT NOT NULL,
    created_at_utc TEXT NOT NULL,   -- createdAt as sortable UTC text, for paging
    registered_at  TEXT NOT NULL,
    document       TEXT NOT NULL
);
CREATE INDEX ix_orders_orders_contact ON orders_orders (contact_id, created_at_utc DESC, order_id) WHERE contact_id IS NOT NULL;
