-- Tripdesk schema 3: imports and the column mappings she used.

-- One row per import: what came in, from which file, and whether it was undone. The records it
-- touched are the change-log rows with the same tx_id. Local to this device, never synced.
CREATE TABLE imports (
    id         TEXT PRIMARY KEY, -- the tx_id of the import's change-log rows
    at         TEXT NOT NULL DEFAULT '',
    file_name  TEXT NOT NULL DEFAULT '',
    sheet      TEXT NOT NULL DEFAULT '',
    created    INTEGER NOT NULL DEFAULT 0,
    updated    INTEGER NOT NULL DEFAULT 0,
    skipped    INTEGER NOT NULL DEFAULT 0,
    errors     INTEGER NOT NULL DEFAULT 0,
    undone_at  TEXT
);

-- The column mapping she used, by the file's headers (folded, in order), for the next file
-- with the same headers. Local, never synced.
CREATE TABLE import_mappings (
    headers    TEXT PRIMARY KEY,
    mapping    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(mapping)),
    used_at    TEXT NOT NULL DEFAULT ''
);
