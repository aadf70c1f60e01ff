-- Tripdesk schema 4: what a customer's tabs hold: contacts, addresses, bank accounts, notes,
-- follow-ups and their care methods, tasks and their types, files and the files of a task.
-- Every record belongs to one customer by `customer_id`; deleting one sets `deleted_at` (undo
-- clears it). "One default" rules are unique partial indexes, so no write can break them.

CREATE TABLE contacts (
    id             TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    full_name      TEXT NOT NULL DEFAULT '',
    department     TEXT NOT NULL DEFAULT '',
    position_title TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    is_primary     INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    deleted_at     TEXT
);
CREATE INDEX contacts_by_customer ON contacts (customer_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX contacts_one_primary ON contacts (customer_id)
    WHERE is_primary = 1 AND deleted_at IS NULL;

CREATE TABLE addresses (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    kind        TEXT NOT NULL DEFAULT 'home'
                CHECK (kind IN ('home', 'office', 'billing', 'delivery')),
    line        TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX addresses_by_customer ON addresses (customer_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX addresses_one_default ON addresses (customer_id)
    WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE bank_accounts (
    id             TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    account_number TEXT NOT NULL DEFAULT '',
    account_name   TEXT NOT NULL DEFAULT '',
    bank_name      TEXT NOT NULL DEFAULT '',
    branch         TEXT NOT NULL DEFAULT '',
    swift          TEXT NOT NULL DEFAULT '',
    is_default     INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    created_at     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    deleted_at     TEXT
);
CREATE INDEX bank_accounts_by_customer ON bank_accounts (customer_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX bank_accounts_one_default ON bank_accounts (customer_id)
    WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE notes (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    body        TEXT NOT NULL DEFAULT '',
    pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX notes_by_customer ON notes (customer_id, pinned, created_at) WHERE deleted_at IS NULL;

-- Care methods and task types are lists she edits in Settings. Built-in entries carry a key
-- (named in the UI's language) and fixed ids, as customer levels do.
CREATE TABLE care_methods (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
INSERT INTO care_methods (id, key, position, created_at, updated_at) VALUES
    ('0190a000-0000-7000-8000-000000000101', 'call',  10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000102', 'email', 20, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000103', 'meet',  30, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000104', 'sms',   40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000105', 'zalo',  50, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000106', 'other', 60, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- `due_at` is her wall-clock time, `YYYY-MM-DDTHH:MM` (a call at 9:00 is at 9:00 wherever the
-- laptop is); "out of date" is derived from it and the status when read, never stored.
CREATE TABLE followups (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    method_id   TEXT REFERENCES care_methods (id),
    subject     TEXT NOT NULL DEFAULT '',
    content     TEXT NOT NULL DEFAULT '',
    due_at      TEXT,
    done_on     TEXT,
    result      TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'unfulfilled'
                CHECK (status IN ('unfulfilled', 'processing', 'finish')),
    staff_id    TEXT REFERENCES staff (id),
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX followups_by_customer ON followups (customer_id, due_at) WHERE deleted_at IS NULL;
-- The dashboard's "today and overdue" (with the customer, so that counting them reads no row).
CREATE INDEX followups_open_by_due ON followups (due_at, customer_id)
    WHERE deleted_at IS NULL AND status <> 'finish';

CREATE TABLE task_types (
    id         TEXT PRIMARY KEY,
    key        TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
INSERT INTO task_types (id, key, position, created_at, updated_at) VALUES
    ('0190a000-0000-7000-8000-000000000201', 'booking',   10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000202', 'visa',      20, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000203', 'ticketing', 30, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000204', 'documents', 40, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000205', 'payment',   50, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('0190a000-0000-7000-8000-000000000206', 'other',     60, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

-- Dates are `YYYY-MM-DD`.
CREATE TABLE tasks (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    name        TEXT NOT NULL DEFAULT '',
    starts_on   TEXT,
    finishes_on TEXT,
    staff_id    TEXT REFERENCES staff (id),
    type_id     TEXT REFERENCES task_types (id),
    priority    TEXT NOT NULL DEFAULT 'normal'
                CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status      TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done', 'cancelled')),
    description TEXT NOT NULL DEFAULT '',
    done_on     TEXT,
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX tasks_by_customer ON tasks (customer_id, finishes_on) WHERE deleted_at IS NULL;
-- The dashboard's calendar and "today and overdue" (covering: they read no task row).
CREATE INDEX tasks_by_finish ON tasks (finishes_on, starts_on, status, customer_id)
    WHERE deleted_at IS NULL;
-- The dashboard's open tasks due today or earlier: the list, latest first, and their count.
CREATE INDEX tasks_open_by_finish ON tasks (finishes_on, customer_id)
    WHERE deleted_at IS NULL AND status IN ('todo', 'in_progress');
CREATE INDEX tasks_by_start ON tasks (starts_on) WHERE deleted_at IS NULL;

-- A stored file: its bytes live in the `files` folder beside the database, named by `sha256`
-- (the same bytes added twice are stored once; a record is a name and a category for them).
CREATE TABLE files (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    name        TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT 'other'
                CHECK (category IN ('contract', 'passport', 'visa', 'quote', 'invoice', 'other')),
    sha256      TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX files_by_customer ON files (customer_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX files_by_hash ON files (sha256);

CREATE TABLE task_files (
    id         TEXT PRIMARY KEY,
    task_id    TEXT NOT NULL DEFAULT '' REFERENCES tasks (id),
    file_id    TEXT NOT NULL DEFAULT '' REFERENCES files (id),
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '',
    deleted_at TEXT
);
CREATE UNIQUE INDEX task_files_once ON task_files (task_id, file_id) WHERE deleted_at IS NULL;
CREATE INDEX task_files_by_file ON task_files (file_id) WHERE deleted_at IS NULL;

-- The dashboard's birthdays (by month and day) and passports about to expire.
CREATE INDEX customers_by_birthday ON customers (substr(birth_date, 6, 5))
    WHERE deleted_at IS NULL AND birth_date IS NOT NULL;
CREATE INDEX customers_by_passport_expiry ON customers (passport_expiry)
    WHERE deleted_at IS NULL AND passport_expiry IS NOT NULL;
-- The few archived or erased customers, whose tasks and follow-ups the dashboard leaves out
-- (`customer_id NOT IN` them costs less than looking up every customer).
CREATE INDEX customers_not_current ON customers (id)
    WHERE deleted_at IS NOT NULL OR erased_at IS NOT NULL;
