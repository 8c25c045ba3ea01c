-- The outbox rebuilt without two B-trees that every accepted write paid for and nothing read:
-- the UNIQUE index on message_id (ids are generated UUIDv7s; no query looks a message up by id)
-- and AUTOINCREMENT (sqlite_sequence, written by every commit that adds a message). Messages are
-- still delivered in seq order: a new message gets the highest seq + 1, and the highest is only
-- ever removed once everything before it is delivered too. Rows keep their seq.
CREATE TABLE messaging_outbox_rebuilt (
    seq             INTEGER PRIMARY KEY,
    message_id      TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,   -- unix milliseconds
    last_error      TEXT,
    parked_at       TEXT
);
INSERT INTO messaging_outbox_rebuilt (seq, message_id, type, payload, created_at, attempts, next_attempt_at, last_error, parked_at)
SELECT seq, message_id, type, payload, created_at, attempts, next_attempt_at, last_error, parked_at FROM messaging_outbox;
DROP TABLE messaging_outbox;
ALTER TABLE messaging_outbox_rebuilt RENAME TO messaging_outbox;
DELETE FROM sqlite_sequence WHERE name = 'messaging_outbox';
CREATE INDEX ix_messaging_outbox_due ON messaging_outbox (next_attempt_at, seq) WHERE parked_at IS NULL;
