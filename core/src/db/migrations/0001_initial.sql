-- Tripdesk schema 1: the change log, staff, customer levels and customers with their search index.
-- Every record: id TEXT PRIMARY KEY holding a UUIDv7; created_at/updated_at in UTC; deleted_at as
-- the tombstone. References point at ids, never at human codes. No ON DELETE CASCADE.

PRAGMA application_id = 1414677584; -- 'TRDP'

-- This file's own facts: device_id, counters, per-device preferences. Never synced.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL DEFAULT ''
);

-- One row per record touched, written in the same transaction as the change.
CREATE TABLE change_log (
    id          TEXT PRIMARY KEY,
    tx_id       TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL DEFAULT '',
    hlc         TEXT NOT NULL DEFAULT '',
    device_id   TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL DEFAULT 'app'
                CHECK (origin IN ('app', 'import', 'cli', 'demo', 'sync')),
    action      TEXT NOT NULL DEFAULT '',
    entity      TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    customer_id TEXT NOT NULL DEFAULT '',
    op          TEXT NOT NULL DEFAULT 'update'
                CHECK (op IN ('insert', 'update', 'archive', 'restore', 'erase', 'merge')),
    changes     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes))
);
CREATE INDEX change_log_customer ON change_log (customer_id, hlc);

CREATE TABLE staff (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);

-- Built-in levels carry a key (named in the UI's language) and fixed ids, so that two devices
-- that never met agree on them; levels she adds have a name and a fresh id.
CREATE TABLE customer_levels (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
INSERT INTO customer_levels (id, key, position, created_at, updated_at) VALUES
    ('0190a000-0000-7000-8000-000000000001', 'lead',      10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000002', 'potential', 20, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000003', 'customer',  30, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000004', 'vip',       40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

CREATE TABLE customers (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL DEFAULT '',
    full_name       TEXT NOT NULL DEFAULT '',
    gender          TEXT NOT NULL DEFAULT ''
                    CHECK (gender IN ('', 'female', 'male', 'other')),
    birth_date      TEXT,
    phones          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones)),
    emails          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails)),
    address         TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    company         TEXT NOT NULL DEFAULT '',
    position_title  TEXT NOT NULL DEFAULT '',
    level_id        TEXT REFERENCES customer_levels (id),
    customer_type   TEXT NOT NULL DEFAULT 'individual'
                    CHECK (customer_type IN ('individual', 'company', 'agency')),
    source          TEXT NOT NULL DEFAULT '',
    referrer_id     TEXT REFERENCES customers (id),
    assigned_to     TEXT NOT NULL DEFAULT '',
    responsible_id  TEXT REFERENCES staff (id),
    facebook        TEXT NOT NULL DEFAULT '',
    zalo            TEXT NOT NULL DEFAULT '',
    linkedin        TEXT NOT NULL DEFAULT '',
    x               TEXT NOT NULL DEFAULT '',
    passport_no     TEXT NOT NULL DEFAULT '',
    passport_expiry TEXT,
    description     TEXT NOT NULL DEFAULT '',
    custom          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(custom)),
    last_contact_on TEXT,
    -- Derived from full_name on every write (Vietnamese alphabetical order); not logged.
    sort_name       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL DEFAULT '',
    -- Archived or erased; erased_at also set when her personal fields were erased for good.
    deleted_at      TEXT,
    erased_at       TEXT
);
CREATE UNIQUE INDEX customers_code_unique ON customers (code COLLATE NOCASE) WHERE erased_at IS NULL;
-- The list's orders and filters, over current customers only.
CREATE INDEX customers_by_name ON customers (sort_name) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_code ON customers (code COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_last_contact ON customers (last_contact_on, sort_name) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_level ON customers (level_id, sort_name) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_responsible ON customers (responsible_id, sort_name) WHERE deleted_at IS NULL;
CREATE INDEX customers_by_country ON customers (country, sort_name) WHERE deleted_at IS NULL;
CREATE INDEX customers_archived ON customers (deleted_at) WHERE deleted_at IS NOT NULL AND erased_at IS NULL;
CREATE INDEX customers_referrer ON customers (referrer_id) WHERE referrer_id IS NOT NULL;
CREATE INDEX customers_by_unit ON customers (assigned_to) WHERE deleted_at IS NULL AND assigned_to <> '';

-- The search index: local data, rebuilt from the records, never synced. Its rowid is the
-- customer's rowid, which stays put because customers are never deleted (rowids stay dense, so
-- even a VACUUM keeps them); the desk checks that at open and rebuilds the index if not.
-- `body` holds the folded words she may search by; `tags` says `archived` for archived ones.
CREATE VIRTUAL TABLE customer_fts USING fts5 (
    body,
    tags,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3 4 5 6'
);
