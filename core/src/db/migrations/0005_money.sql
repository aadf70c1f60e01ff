-- Tripdesk schema 5: money. Quotes and bookings with their lines, payments on bookings, a
-- customer's prepaid top-ups, and the agency's own bank accounts (where a transfer lands).
--
-- Every amount is an INTEGER count of its currency's minor units (`money.rs` says why), so an
-- SQL sum is exact. Totals, paid and remaining amounts, revenue, debt and prepaid balances are
-- derived from these rows whenever they are read; none of them is stored.
-- Lines and payments count only while their quote or booking is current (`deleted_at IS NULL`).

CREATE TABLE agency_accounts (
    id             TEXT PRIMARY KEY,
    bank_name      TEXT NOT NULL DEFAULT '',
    account_number TEXT NOT NULL DEFAULT '',
    account_name   TEXT NOT NULL DEFAULT '',
    branch         TEXT NOT NULL DEFAULT '',
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL DEFAULT '',
    deleted_at     TEXT
);

-- Dates are `YYYY-MM-DD`. `status` is what she set; "expired" is derived from `valid_until`.
CREATE TABLE quotes (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    code         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    destination  TEXT NOT NULL DEFAULT '',
    departure_on TEXT,
    days         INTEGER NOT NULL DEFAULT 0 CHECK (days >= 0),
    nights       INTEGER NOT NULL DEFAULT 0 CHECK (nights >= 0),
    adults       INTEGER NOT NULL DEFAULT 0 CHECK (adults >= 0),
    children     INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
    infants      INTEGER NOT NULL DEFAULT 0 CHECK (infants >= 0),
    currency     TEXT NOT NULL DEFAULT 'VND',
    valid_until  TEXT,
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'sent', 'accepted', 'rejected')),
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT
);
-- A code is never given twice, not even to a deleted quote (its Undo brings the code back).
CREATE UNIQUE INDEX quotes_by_code ON quotes (code);
CREATE INDEX quotes_by_customer ON quotes (customer_id, created_at) WHERE deleted_at IS NULL;

CREATE TABLE quote_lines (
    id          TEXT PRIMARY KEY,
    quote_id    TEXT NOT NULL DEFAULT '' REFERENCES quotes (id),
    position    INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    quantity    INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX quote_lines_by_quote ON quote_lines (quote_id, position) WHERE deleted_at IS NULL;

CREATE TABLE bookings (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    code         TEXT NOT NULL DEFAULT '',
    quote_id     TEXT REFERENCES quotes (id),
    title        TEXT NOT NULL DEFAULT '',
    destination  TEXT NOT NULL DEFAULT '',
    departure_on TEXT,
    return_on    TEXT,
    adults       INTEGER NOT NULL DEFAULT 0 CHECK (adults >= 0),
    children     INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
    infants      INTEGER NOT NULL DEFAULT 0 CHECK (infants >= 0),
    currency     TEXT NOT NULL DEFAULT 'VND',
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'confirmed', 'completed', 'cancelled')),
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL DEFAULT '',
    updated_at   TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT
);
CREATE UNIQUE INDEX bookings_by_code ON bookings (code);
CREATE INDEX bookings_by_customer ON bookings (customer_id, currency) WHERE deleted_at IS NULL;
-- One booking per accepted quote.
CREATE UNIQUE INDEX bookings_one_per_quote ON bookings (quote_id)
    WHERE quote_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE booking_lines (
    id          TEXT PRIMARY KEY,
    booking_id  TEXT NOT NULL DEFAULT '' REFERENCES bookings (id),
    position    INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    quantity    INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX booking_lines_by_booking ON booking_lines (booking_id, position)
    WHERE deleted_at IS NULL;

-- A payment is in its booking's currency (kept here too, so sums group by it without a join).
-- `method = 'prepaid'` is a use of the customer's prepaid credit.
CREATE TABLE payments (
    id          TEXT PRIMARY KEY,
    booking_id  TEXT NOT NULL DEFAULT '' REFERENCES bookings (id),
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    paid_on     TEXT NOT NULL DEFAULT '',
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount > 0),
    currency    TEXT NOT NULL DEFAULT 'VND',
    method      TEXT NOT NULL DEFAULT 'cash'
                CHECK (method IN ('cash', 'transfer', 'card', 'prepaid')),
    account_id  TEXT REFERENCES agency_accounts (id),
    reference   TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX payments_by_booking ON payments (booking_id, paid_on) WHERE deleted_at IS NULL;
CREATE INDEX payments_by_customer ON payments (customer_id, currency, method)
    WHERE deleted_at IS NULL;

CREATE TABLE prepaid_topups (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL DEFAULT '' REFERENCES customers (id),
    description TEXT NOT NULL DEFAULT '',
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount > 0),
    currency    TEXT NOT NULL DEFAULT 'VND',
    received_on TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
);
CREATE INDEX prepaid_topups_by_customer ON prepaid_topups (customer_id, currency, received_on)
    WHERE deleted_at IS NULL;
