-- Tripdesk schema 2: the agency profile, custom customer fields, recently viewed customers.

-- One row, with a fixed id so that every device edits the same record.
CREATE TABLE agency (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    logo             BLOB,
    logo_mime        TEXT NOT NULL DEFAULT '',
    default_currency TEXT NOT NULL DEFAULT 'VND',
    created_at       TEXT NOT NULL DEFAULT '',
    updated_at       TEXT NOT NULL DEFAULT '',
    deleted_at       TEXT
);
INSERT INTO agency (id, created_at, updated_at)
VALUES ('0190a000-0000-7000-8000-0000000000a1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

CREATE TABLE custom_fields (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'number', 'date', 'choice')),
    choices    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(choices)),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);

-- What this device opened last: local, never synced, not logged.
CREATE TABLE recent_views (
    customer_id TEXT PRIMARY KEY REFERENCES customers (id),
    viewed_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recent_views_by_time ON recent_views (viewed_at);
