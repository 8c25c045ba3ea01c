-- The transactional outbox: one row per notification waiting to be delivered.
-- A delivered message is deleted in the same transaction as its handlers' effects.
CREATE TABLE messaging_outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id      TEXT    NOT NULL UNIQUE,
    type            TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,   -- unix milliseconds
    last_error      TEXT,
    parked_at       TEXT
);
CREATE INDEX ix_messaging_outbox_due ON messaging_outbox (next_attempt_at, seq) WHERE parked_at IS NULL;

-- The inbox: which handler has already applied which message (idempotent consumers).
CREATE TABLE messaging_inbox (
    message_id   TEXT NOT NULL,
    handler      TEXT NOT NULL,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (message_id, handler)
) WITHOUT ROWID;
