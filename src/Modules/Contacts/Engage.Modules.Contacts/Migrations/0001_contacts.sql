-- Contacts: each identifier belongs to at most one contact (the UNIQUE constraints back the
-- 409 check). email_key is the trimmed, lower-cased email; mobile_phone is stored in E.164.
CREATE TABLE contacts_contacts (
    id                     INTEGER PRIMARY KEY,
    contact_id             TEXT NOT NULL UNIQUE,
    email                  TEXT,
    email_key              TEXT UNIQUE,
    mobile_phone           TEXT UNIQUE,
    member_number          TEXT UNIQUE,
    external_id            TEXT UNIQUE,
    social_security_number TEXT UNIQUE,
    first_name             TEXT,
    last_name              TEXT,
    created_at             TEXT NOT NULL
);

-- Orders whose match key found no contact yet: one row per order (its latest version).
-- lookup_key is the match key normalised like the contact column it is compared with;
-- match_key is the key as received (Orders matches on the raw key).
CREATE TABLE contacts_waiting_orders (
    order_id       TEXT NOT NULL PRIMARY KEY,
    version_tag    TEXT NOT NULL,
    match_key_type TEXT NOT NULL,
    match_key      TEXT NOT NULL,
    lookup_key     TEXT NOT NULL,
    waiting_since  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_contacts_waiting_orders_key ON contacts_waiting_orders (match_key_type, lookup_key);

-- The raw match keys that resolved to a contact, so a GDPR deletion can name every spelling
-- of the contact's identifiers that other modules may have recorded (e.g. '+46 70-123 45 67').
CREATE TABLE contacts_resolved_keys (
    contact_id TEXT NOT NULL,
    match_key  TEXT NOT NULL,
    PRIMARY KEY (contact_id, match_key)
) WITHOUT ROWID;
