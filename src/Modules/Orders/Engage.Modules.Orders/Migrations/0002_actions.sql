-- Triggered order actions (from /action or embedded in a write), newest last.
CREATE TABLE orders_actions (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id    TEXT NOT NULL UNIQUE,
    order_id     TEXT NOT NULL,
    action       TEXT NOT NULL,
    version_tag  TEXT NOT NULL,
    language     TEXT,
    data         TEXT,
    source       TEXT NOT NULL,   -- Api | Embedded
    job_id       TEXT,
    triggered_at TEXT NOT NULL
);
CREATE INDEX ix_orders_actions_order ON orders_actions (order_id, seq);

-- An embedded orderAction waiting for the contact and reference stages of its version.
CREATE TABLE orders_embedded_actions (
    order_id     TEXT NOT NULL,
    version_tag  TEXT NOT NULL,
    job_id       TEXT NOT NULL,
    action       TEXT NOT NULL,
    language     TEXT,
    data         TEXT,
    contact_done INTEGER NOT NULL DEFAULT 0,
    refs_done    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, version_tag)
) WITHOUT ROWID;

-- Contacts known to exist (a projection of ContactRegistered / ContactDeleted), so that paging
-- by an unknown contact is a 404 without reading the Contacts module's tables.
CREATE TABLE orders_known_contacts (
    contact_id TEXT PRIMARY KEY
) WITHOUT ROWID;
