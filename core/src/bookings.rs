//! Bookings: the tours and services a customer bought, their priced lines, and the payments
//! received on them. Paid and remaining amounts are derived from the payments whenever they
//! are read.
//!
//! - A booking's total is the sum of its current lines; what is paid is the sum of its current
//!   payments; remaining is total − paid, negative when she paid more than the total. All three
//!   are summed by SQL in minor units, exactly, for each booking read.
//! - Payments are in the booking's currency (the `payments.currency` column copies it), so a
//!   booking's currency cannot change while it has current payments.
//! - A cancelled booking still takes payments (a deposit kept, a refund recorded elsewhere): they
//!   count in its paid amount, and one paid from prepaid credit still uses that credit; revenue
//!   and receipted leave cancelled bookings out (decision 0010). A removed
//!   booking's payments count for nothing until the booking is restored.
//! - A payment from prepaid credit may not take her balance in that currency below zero unless
//!   she confirms it (`allow_overdraw`); restoring a removed payment (an Undo) does not ask.

use crate::codes::{self, CodeKind};
use crate::customers::fields::{date, free_text};
use crate::customers::{iso_day, required};
use crate::db::{diff, inserted, ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{AgencyAccountId, BookingId, CustomerId, PaymentId, QuoteId};
use crate::lines::{self, CheckedLine, Line, LineInput, LineTable};
use crate::money;
use crate::quotes::QuoteRef;
use crate::Desk;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most guests of one kind a booking holds.
pub const MAX_GUESTS: u32 = 9_999;

/// A booking named by its code (on the quote it was made from, on a prepaid entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BookingRef {
    pub id: BookingId,
    pub code: String,
}

/// Where a booking stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    #[default]
    Pending,
    Confirmed,
    Completed,
    Cancelled,
}

/// How a payment was made. `Prepaid` uses the customer's prepaid credit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    #[default]
    Cash,
    /// A bank transfer to one of the agency's accounts.
    Transfer,
    Card,
    Prepaid,
}

crate::customers::text_enum_sql!(BookingStatus { Pending => "pending", Confirmed => "confirmed", Completed => "completed", Cancelled => "cancelled" });
crate::customers::text_enum_sql!(PaymentMethod { Cash => "cash", Transfer => "transfer", Card => "card", Prepaid => "prepaid" });

/// What the booking dialog sends: dates as typed (`dd/mm/yyyy` or ISO), unit prices as
/// canonical decimal strings. An empty currency is the agency's default currency.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BookingInput {
    pub title: String,
    pub destination: String,
    pub departure_on: String,
    pub return_on: String,
    pub adults: u32,
    pub children: u32,
    pub infants: u32,
    pub currency: String,
    pub status: BookingStatus,
    pub notes: String,
    pub lines: Vec<LineInput>,
}

/// A booking as the tab, its detail and the Overview show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Booking {
    pub id: BookingId,
    pub customer_id: CustomerId,
    /// `BK-2026-0001`.
    pub code: String,
    /// The quote it was made from.
    pub quote: Option<QuoteRef>,
    pub title: String,
    pub destination: String,
    pub departure_on: Option<NaiveDate>,
    pub return_on: Option<NaiveDate>,
    pub adults: u32,
    pub children: u32,
    pub infants: u32,
    pub currency: String,
    pub status: BookingStatus,
    pub notes: String,
    pub lines: Vec<Line>,
    /// Its current payments, by date.
    pub payments: Vec<Payment>,
    /// The sum of its lines.
    #[ts(type = "string")]
    pub total: Decimal,
    /// The sum of its payments.
    #[ts(type = "string")]
    pub paid: Decimal,
    /// Total − paid: negative when she paid more than the total.
    #[ts(type = "string")]
    pub remaining: Decimal,
    pub created_at: String,
    pub updated_at: String,
}

/// A payment received on a booking, in the booking's currency.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Payment {
    pub id: PaymentId,
    pub booking_id: BookingId,
    pub paid_on: NaiveDate,
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: String,
    pub method: PaymentMethod,
    /// The agency's account a transfer went to; none for other methods.
    pub account_id: Option<AgencyAccountId>,
    pub reference: String,
    pub created_at: String,
    pub updated_at: String,
}

/// What the payment dialog sends: the day as typed, the amount as a canonical decimal string.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PaymentInput {
    pub paid_on: String,
    pub amount: String,
    pub method: PaymentMethod,
    pub account_id: Option<AgencyAccountId>,
    pub reference: String,
}

/// One page of a customer's bookings.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BookingPage {
    pub items: Vec<Booking>,
    /// All her current bookings.
    pub total: u32,
}

impl Desk {
    /// A customer's bookings: the open ones (pending, confirmed) first, soonest departure first
    /// (those without a date after them); then the completed and cancelled ones, latest
    /// departure first.
    pub fn bookings(&self, customer: &CustomerId, offset: u32, limit: u32) -> Result<BookingPage> {
        page(self.conn(), customer, offset, limit)
    }

    pub fn booking(&self, id: &BookingId) -> Result<Booking> {
        get(self.conn(), id)
    }

    /// Adds a booking to `customer` (`id` None) or changes booking `id` of hers, its lines
    /// included, all or nothing. `today` dates a new booking's code.
    pub fn save_booking(
        &mut self,
        customer: &CustomerId,
        id: Option<&BookingId>,
        input: BookingInput,
        today: NaiveDate,
    ) -> Result<Booking> {
        self.transact("save_booking", |tx| save(tx, customer, id, input, today))
    }

    /// Removes a booking: it and its payments count for nothing until it is restored.
    pub fn remove_booking(&mut self, id: &BookingId) -> Result<()> {
        self.transact("remove_booking", |tx| set_removed(tx, id, true).map(|_| ()))
    }

    /// Brings a removed booking back, with its lines and payments (the Undo of a removal).
    pub fn restore_booking(&mut self, id: &BookingId) -> Result<Booking> {
        self.transact("restore_booking", |tx| set_removed(tx, id, false))
    }

    /// Adds (id None) or changes a payment of `booking`. A prepaid-credit payment of more than
    /// the customer's balance in the booking's currency is refused with
    /// `ErrorKind::PrepaidOverdraw` at field "amount" (detail: the balance after it, a decimal
    /// string) unless `allow_overdraw`.
    pub fn save_payment(
        &mut self,
        booking: &BookingId,
        id: Option<&PaymentId>,
        input: PaymentInput,
        allow_overdraw: bool,
    ) -> Result<Booking> {
        self.transact("save_payment", |tx| {
            save_payment(tx, booking, id, input, allow_overdraw)
        })
    }

    /// Removes a payment; returns its booking as it now stands.
    pub fn remove_payment(&mut self, id: &PaymentId) -> Result<Booking> {
        self.transact("remove_payment", |tx| set_payment_removed(tx, id, true))
    }

    /// Brings a removed payment back (the Undo of a removal), even if its prepaid credit has
    /// been used since.
    pub fn restore_payment(&mut self, id: &PaymentId) -> Result<Booking> {
        self.transact("restore_payment", |tx| set_payment_removed(tx, id, false))
    }
}

// Reading

/// A booking's columns, with its total and paid amounts summed over its current lines and
/// payments, and whether it is removed (the last column).
const COLUMNS: &str = "b.id, b.customer_id, b.code, b.quote_id, q.code, b.title, b.destination,
    b.departure_on, b.return_on, b.adults, b.children, b.infants, b.currency, b.status, b.notes,
    b.created_at, b.updated_at,
    (SELECT coalesce(sum(l.quantity * l.unit_price), 0) FROM booking_lines l
      WHERE l.booking_id = b.id AND l.deleted_at IS NULL),
    (SELECT coalesce(sum(p.amount), 0) FROM payments p
      WHERE p.booking_id = b.id AND p.deleted_at IS NULL),
    b.deleted_at IS NOT NULL";
const FROM: &str = "bookings b LEFT JOIN quotes q ON q.id = b.quote_id";

fn count(r: &Row, i: usize) -> rusqlite::Result<u32> {
    Ok(u32::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
}

/// A booking from `COLUMNS` (its lines and payments are read after), and whether it is removed.
fn row_to_booking(r: &Row) -> rusqlite::Result<(Booking, bool)> {
    let currency: String = r.get(12)?;
    let quote = match (
        r.get::<_, Option<QuoteId>>(3)?,
        r.get::<_, Option<String>>(4)?,
    ) {
        (Some(id), Some(code)) => Some(QuoteRef { id, code }),
        _ => None,
    };
    let total: i64 = r.get(17)?;
    let paid: i64 = r.get(18)?;
    let booking = Booking {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        code: r.get(2)?,
        quote,
        title: r.get(5)?,
        destination: r.get(6)?,
        departure_on: crate::customers::day(r, 7)?,
        return_on: crate::customers::day(r, 8)?,
        adults: count(r, 9)?,
        children: count(r, 10)?,
        infants: count(r, 11)?,
        status: r.get(13)?,
        notes: r.get(14)?,
        lines: Vec::new(),
        payments: Vec::new(),
        total: money::decimal(total, &currency),
        paid: money::decimal(paid, &currency),
        remaining: money::decimal(total.saturating_sub(paid), &currency),
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        currency,
    };
    Ok((booking, r.get(19)?))
}

fn payments_of(conn: &Connection, booking: &BookingId) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, booking_id, paid_on, amount, currency, method, account_id, reference,
            created_at, updated_at
         FROM payments WHERE booking_id = ?1 AND deleted_at IS NULL ORDER BY paid_on, created_at",
    )?;
    let rows = stmt.query_map([booking], |r| {
        let currency: String = r.get(4)?;
        Ok(Payment {
            id: r.get(0)?,
            booking_id: r.get(1)?,
            paid_on: crate::customers::day(r, 2)?.unwrap_or_default(),
            amount: money::decimal(r.get(3)?, &currency),
            currency,
            method: r.get(5)?,
            account_id: r.get(6)?,
            reference: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A booking whether removed or not, with its lines and payments, and whether it is removed.
fn get_any(conn: &Connection, id: &BookingId) -> Result<(Booking, bool)> {
    let (mut booking, removed) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM {FROM} WHERE b.id = ?1"))?
        .query_row([id], row_to_booking)
        .optional()?
        .ok_or(Error::NotFound("booking"))?;
    booking.lines = lines::read(conn, LineTable::Booking, id.as_str(), &booking.currency)?;
    booking.payments = payments_of(conn, id)?;
    Ok((booking, removed))
}

/// A current booking.
pub(crate) fn get(conn: &Connection, id: &BookingId) -> Result<Booking> {
    match get_any(conn, id)? {
        (booking, false) => Ok(booking),
        _ => Err(Error::NotFound("booking")),
    }
}

fn page(conn: &Connection, customer: &CustomerId, offset: u32, limit: u32) -> Result<BookingPage> {
    // The page's ids first (the index gives her bookings; only their dates are sorted), then
    // each booking with its sums: the sums are taken for the page's rows only.
    let ids: Vec<BookingId> = conn
        .prepare_cached(
            "SELECT id FROM bookings WHERE customer_id = :customer AND deleted_at IS NULL
             ORDER BY status IN ('completed', 'cancelled'),
                CASE WHEN status IN ('completed', 'cancelled') THEN NULL
                     ELSE departure_on IS NULL END,
                CASE WHEN status IN ('completed', 'cancelled') THEN NULL ELSE departure_on END,
                coalesce(departure_on, substr(created_at, 1, 10)) DESC,
                created_at DESC, id
             LIMIT :limit OFFSET :offset",
        )?
        .query_map(
            named_params! { ":customer": customer, ":limit": limit.min(500), ":offset": offset },
            |r| r.get(0),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let items = ids
        .iter()
        .map(|id| get_any(conn, id).map(|(b, _)| b))
        .collect::<Result<_>>()?;
    let total = conn
        .prepare_cached(
            "SELECT count(*) FROM bookings WHERE customer_id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([customer], |r| r.get(0))?;
    Ok(BookingPage { items, total })
}

// Writing bookings

/// The booking's fields as the history records them, its lines and total included.
fn loggable(b: &Booking, lines: &[CheckedLine]) -> serde_json::Value {
    let total = lines
        .iter()
        .filter_map(CheckedLine::amount)
        .fold(0i64, i64::saturating_add);
    serde_json::json!({
        "code": b.code,
        "quote": b.quote.as_ref().map(|q| q.code.clone()),
        "title": b.title,
        "destination": b.destination,
        "departure_on": b.departure_on.map(iso_day),
        "return_on": b.return_on.map(iso_day),
        "adults": b.adults,
        "children": b.children,
        "infants": b.infants,
        "currency": b.currency,
        "status": b.status.as_str(),
        "notes": b.notes,
        "lines": lines::loggable(lines, &b.currency),
        "total": money::loggable(total, &b.currency),
    })
}

fn guests(field: &str, n: u32) -> Result<u32> {
    if n > MAX_GUESTS {
        return Err(Error::invalid(
            field,
            ErrorKind::InvalidNumber,
            n.to_string(),
        ));
    }
    Ok(n)
}

/// The input checked, as the booking it makes (`before` gives what does not change: its id,
/// customer, code and quote) and its checked lines.
fn validated(
    conn: &Connection,
    input: BookingInput,
    before: Option<&Booking>,
) -> Result<(Booking, Vec<CheckedLine>)> {
    let title = required("title", &input.title, 200)?;
    let destination = free_text("destination", &input.destination, 200)?;
    if destination.contains('\n') {
        return Err(Error::invalid("destination", ErrorKind::InvalidFormat, ""));
    }
    let departure_on = date("departure_on", &input.departure_on)?;
    let return_on = date("return_on", &input.return_on)?;
    if let (Some(start), Some(end)) = (departure_on, return_on) {
        if end < start {
            return Err(Error::invalid(
                "return_on",
                ErrorKind::EndBeforeStart,
                input.return_on.trim(),
            ));
        }
    }
    let currency = match input.currency.trim().to_ascii_uppercase() {
        c if c.is_empty() => money::default_currency(conn)?,
        c => c,
    };
    money::units("currency", &currency)?;
    let notes = free_text("notes", &input.notes, 5000)?;
    let (lines, _) = lines::check(&input.lines, &currency)?;
    let booking = Booking {
        id: before.map(|b| b.id.clone()).unwrap_or_default(),
        customer_id: before.map(|b| b.customer_id.clone()).unwrap_or_default(),
        code: before.map(|b| b.code.clone()).unwrap_or_default(),
        quote: before.and_then(|b| b.quote.clone()),
        title,
        destination,
        departure_on,
        return_on,
        adults: guests("adults", input.adults)?,
        children: guests("children", input.children)?,
        infants: guests("infants", input.infants)?,
        currency,
        status: input.status,
        notes,
        lines: Vec::new(),
        payments: Vec::new(),
        total: Decimal::ZERO,
        paid: Decimal::ZERO,
        remaining: Decimal::ZERO,
        created_at: String::new(),
        updated_at: String::new(),
    };
    Ok((booking, lines))
}

/// Writes the booking's row (not its lines).
fn write(tx: &Tx, b: &Booking, insert: bool) -> Result<()> {
    let params = named_params! {
        ":id": b.id,
        ":customer": b.customer_id,
        ":code": b.code,
        ":quote": b.quote.as_ref().map(|q| q.id.clone()),
        ":title": b.title,
        ":destination": b.destination,
        ":departure": b.departure_on.map(iso_day),
        ":return": b.return_on.map(iso_day),
        ":adults": b.adults,
        ":children": b.children,
        ":infants": b.infants,
        ":currency": b.currency,
        ":status": b.status,
        ":notes": b.notes,
        ":now": tx.now(),
    };
    if insert {
        tx.prepare_cached(
            "INSERT INTO bookings (id, customer_id, code, quote_id, title, destination,
                departure_on, return_on, adults, children, infants, currency, status, notes,
                created_at, updated_at)
             VALUES (:id, :customer, :code, :quote, :title, :destination, :departure, :return,
                :adults, :children, :infants, :currency, :status, :notes, :now, :now)",
        )?
        .execute(params)?;
    } else {
        tx.prepare_cached(
            "UPDATE bookings SET title = :title, destination = :destination,
                departure_on = :departure, return_on = :return, adults = :adults,
                children = :children, infants = :infants, currency = :currency, status = :status,
                notes = :notes, updated_at = :now
             WHERE id = :id AND customer_id = :customer AND code = :code
                AND quote_id IS :quote",
        )?
        .execute(params)?;
    }
    Ok(())
}

/// Adds a new booking with its lines: a fresh code for `today`'s year, the history entry.
fn insert(tx: &Tx, mut b: Booking, lines: &[CheckedLine], today: NaiveDate) -> Result<BookingRef> {
    b.id = BookingId::new();
    b.code = codes::next(tx, CodeKind::Booking, today.year())?;
    write(tx, &b, true)?;
    lines::write(tx, LineTable::Booking, b.id.as_str(), lines)?;
    tx.log(
        Entity::Booking,
        b.id.as_str(),
        Some(b.customer_id.as_str()),
        ChangeOp::Insert,
        inserted(&loggable(&b, lines)),
    );
    Ok(BookingRef {
        id: b.id,
        code: b.code,
    })
}

pub(crate) fn save(
    tx: &Tx,
    customer: &CustomerId,
    id: Option<&BookingId>,
    input: BookingInput,
    today: NaiveDate,
) -> Result<Booking> {
    crate::customers::ensure_customer(tx, customer)?;
    let Some(id) = id else {
        let (mut booking, lines) = validated(tx, input, None)?;
        booking.customer_id = customer.clone();
        let made = insert(tx, booking, &lines, today)?;
        return get(tx, &made.id);
    };
    let before = get(tx, id)?;
    if &before.customer_id != customer {
        return Err(Error::NotFound("booking"));
    }
    let (after, lines) = validated(tx, input, Some(&before))?;
    if after.currency != before.currency && !before.payments.is_empty() {
        return Err(Error::invalid(
            "currency",
            ErrorKind::HasPayments,
            before.currency.as_str(),
        ));
    }
    let lines_before = lines::checked(tx, LineTable::Booking, id.as_str())?;
    let changes = diff(&loggable(&before, &lines_before), &loggable(&after, &lines));
    // Saved as it was: nothing is written, so nothing has to travel to another device.
    if changes.is_empty() {
        return Ok(before);
    }
    write(tx, &after, false)?;
    lines::write(tx, LineTable::Booking, id.as_str(), &lines)?;
    tx.log(
        Entity::Booking,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Update,
        changes,
    );
    get(tx, id)
}

fn set_removed(tx: &Tx, id: &BookingId, removed: bool) -> Result<Booking> {
    let (booking, was_removed) = get_any(tx, id)?;
    crate::customers::ensure_customer(tx, &booking.customer_id)?;
    if was_removed == removed {
        return if removed {
            Err(Error::NotFound("booking"))
        } else {
            Ok(booking)
        };
    }
    if !removed {
        if let Some(quote) = &booking.quote {
            let other: Option<String> = tx
                .prepare_cached(
                    "SELECT code FROM bookings
                      WHERE quote_id = ?1 AND deleted_at IS NULL AND id <> ?2",
                )?
                .query_row(rusqlite::params![quote.id, id], |r| r.get(0))
                .optional()?;
            if let Some(other) = other {
                return Err(Error::invalid("quote", ErrorKind::QuoteBooked, other));
            }
        }
    }
    crate::customers::mark_deleted(
        tx,
        "bookings",
        Entity::Booking,
        id.as_str(),
        Some(&booking.customer_id),
        removed,
        serde_json::Map::from_iter([
            ("code".to_owned(), booking.code.clone().into()),
            ("title".to_owned(), booking.title.clone().into()),
        ]),
    )?;
    get_any(tx, id).map(|(b, _)| b)
}

/// Makes the booking of an accepted quote, carrying its trip, guests, currency and lines; its
/// status is pending. The return day is the departure plus the quote's nights (or its days
/// less one). The caller has read the quote, checked it has no booking yet, and sets its
/// status in the same transaction.
pub(crate) fn from_quote(
    tx: &Tx,
    quote: &crate::quotes::Quote,
    today: NaiveDate,
) -> Result<BookingRef> {
    let stay = if quote.nights > 0 {
        quote.nights
    } else {
        quote.days.saturating_sub(1)
    };
    let return_on = quote
        .departure_on
        .and_then(|d| d.checked_add_signed(Duration::days(i64::from(stay))));
    let booking = Booking {
        id: BookingId::default(),
        customer_id: quote.customer_id.clone(),
        code: String::new(),
        quote: Some(QuoteRef {
            id: quote.id.clone(),
            code: quote.code.clone(),
        }),
        title: quote.title.clone(),
        destination: quote.destination.clone(),
        departure_on: quote.departure_on,
        return_on,
        adults: quote.adults,
        children: quote.children,
        infants: quote.infants,
        currency: quote.currency.clone(),
        status: BookingStatus::Pending,
        notes: String::new(),
        lines: Vec::new(),
        payments: Vec::new(),
        total: Decimal::ZERO,
        paid: Decimal::ZERO,
        remaining: Decimal::ZERO,
        created_at: String::new(),
        updated_at: String::new(),
    };
    let lines: Vec<CheckedLine> = lines::checked(tx, LineTable::Quote, quote.id.as_str())?
        .into_iter()
        .map(|l| CheckedLine { id: None, ..l })
        .collect();
    insert(tx, booking, &lines, today)
}

// Payments

/// A stored payment as its checks need it: amounts in minor units.
struct PaymentRow {
    booking_id: BookingId,
    customer_id: CustomerId,
    paid_on: String,
    amount: i64,
    currency: String,
    method: PaymentMethod,
    account_id: Option<AgencyAccountId>,
    reference: String,
    removed: bool,
}

fn payment_row(conn: &Connection, id: &PaymentId) -> Result<PaymentRow> {
    conn.prepare_cached(
        "SELECT booking_id, customer_id, paid_on, amount, currency, method, account_id, reference,
            deleted_at IS NOT NULL
         FROM payments WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(PaymentRow {
            booking_id: r.get(0)?,
            customer_id: r.get(1)?,
            paid_on: r.get(2)?,
            amount: r.get(3)?,
            currency: r.get(4)?,
            method: r.get(5)?,
            account_id: r.get(6)?,
            reference: r.get(7)?,
            removed: r.get(8)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound("payment"))
}

/// How the history names an agency account: `Vietcombank 0071001234567`.
fn account_label(conn: &Connection, id: &AgencyAccountId) -> Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT trim(bank_name || ' ' || account_number) FROM agency_accounts WHERE id = ?1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| id.as_str().to_owned()))
}

/// The payment's fields as the history records them: the amount as a decimal string beside
/// its currency, the account by its bank and number, the booking by its code.
fn payment_loggable(conn: &Connection, p: &PaymentRow, booking: &str) -> Result<serde_json::Value> {
    let account = match &p.account_id {
        Some(id) => Some(account_label(conn, id)?),
        None => None,
    };
    Ok(serde_json::json!({
        "booking": booking,
        "paid_on": p.paid_on,
        "amount": money::loggable(p.amount, &p.currency),
        "currency": p.currency,
        "method": p.method.as_str(),
        "account": account,
        "reference": p.reference,
    }))
}

fn account_exists(conn: &Connection, id: &AgencyAccountId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM agency_accounts WHERE id = ?1 AND deleted_at IS NULL")?
        .exists([id])?)
}

pub(crate) fn save_payment(
    tx: &Tx,
    booking: &BookingId,
    id: Option<&PaymentId>,
    input: PaymentInput,
    allow_overdraw: bool,
) -> Result<Booking> {
    let b = get(tx, booking)?;
    crate::customers::ensure_customer(tx, &b.customer_id)?;
    let before = match id {
        Some(id) => {
            let row = payment_row(tx, id)?;
            if row.removed || &row.booking_id != booking {
                return Err(Error::NotFound("payment"));
            }
            Some(row)
        }
        None => None,
    };
    let paid_on = date("paid_on", &input.paid_on)?
        .ok_or_else(|| Error::invalid("paid_on", ErrorKind::Required, ""))?;
    let amount = money::parse_positive("amount", &input.amount, &b.currency)?;
    let account_id = match input.method {
        PaymentMethod::Transfer => {
            let Some(account) = input.account_id else {
                return Err(Error::invalid("account_id", ErrorKind::Required, ""));
            };
            // An account removed since may stay on the payment it was on, not be chosen anew.
            let kept = before
                .as_ref()
                .is_some_and(|p| p.account_id.as_ref() == Some(&account));
            if !kept && !account_exists(tx, &account)? {
                return Err(Error::invalid(
                    "account_id",
                    ErrorKind::InvalidChoice,
                    account.as_str(),
                ));
            }
            Some(account)
        }
        _ => None,
    };
    let reference = free_text("reference", &input.reference, 200)?;
    if reference.contains('\n') {
        return Err(Error::invalid("reference", ErrorKind::InvalidFormat, ""));
    }
    if input.method == PaymentMethod::Prepaid {
        let mut balance = crate::prepaid::balance(tx, &b.customer_id, &b.currency)?;
        // What this payment took from the credit already is hers again before it is taken anew.
        if let Some(p) = before
            .as_ref()
            .filter(|p| p.method == PaymentMethod::Prepaid && p.currency == b.currency)
        {
            balance = balance.saturating_add(p.amount);
        }
        let after = balance.saturating_sub(amount);
        if after < 0 && !allow_overdraw {
            return Err(Error::invalid(
                "amount",
                ErrorKind::PrepaidOverdraw,
                money::decimal(after, &b.currency).to_string(),
            ));
        }
    }
    let row = PaymentRow {
        booking_id: booking.clone(),
        customer_id: b.customer_id.clone(),
        paid_on: iso_day(paid_on),
        amount,
        currency: b.currency.clone(),
        method: input.method,
        account_id,
        reference,
        removed: false,
    };
    let pid = id.cloned().unwrap_or_else(PaymentId::new);
    let params = named_params! {
        ":id": pid,
        ":booking": row.booking_id,
        ":customer": row.customer_id,
        ":paid_on": row.paid_on,
        ":amount": row.amount,
        ":currency": row.currency,
        ":method": row.method,
        ":account": row.account_id,
        ":reference": row.reference,
        ":now": tx.now(),
    };
    let (op, changes) = match &before {
        Some(before) => {
            tx.prepare_cached(
                "UPDATE payments SET paid_on = :paid_on, amount = :amount, currency = :currency,
                    method = :method, account_id = :account, reference = :reference,
                    updated_at = :now
                 WHERE id = :id AND booking_id = :booking AND customer_id = :customer",
            )?
            .execute(params)?;
            let changes = diff(
                &payment_loggable(tx, before, &b.code)?,
                &payment_loggable(tx, &row, &b.code)?,
            );
            (ChangeOp::Update, changes)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO payments (id, booking_id, customer_id, paid_on, amount, currency,
                    method, account_id, reference, created_at, updated_at)
                 VALUES (:id, :booking, :customer, :paid_on, :amount, :currency, :method,
                    :account, :reference, :now, :now)",
            )?
            .execute(params)?;
            (
                ChangeOp::Insert,
                inserted(&payment_loggable(tx, &row, &b.code)?),
            )
        }
    };
    if !changes.is_empty() {
        tx.log(
            Entity::Payment,
            pid.as_str(),
            Some(b.customer_id.as_str()),
            op,
            changes,
        );
    }
    get(tx, booking)
}

fn set_payment_removed(tx: &Tx, id: &PaymentId, removed: bool) -> Result<Booking> {
    let p = payment_row(tx, id)?;
    // A payment counts only while its booking is there: the booking comes back first.
    let b = get(tx, &p.booking_id)?;
    crate::customers::ensure_customer(tx, &b.customer_id)?;
    if p.removed == removed {
        return if removed {
            Err(Error::NotFound("payment"))
        } else {
            Ok(b)
        };
    }
    // A payment is in its booking's currency: one removed before the currency changed would
    // add up with amounts of another currency.
    if !removed && p.currency != b.currency {
        return Err(Error::invalid(
            "currency",
            ErrorKind::CurrencyChanged,
            p.currency.as_str(),
        ));
    }
    let fields = payment_loggable(tx, &p, &b.code)?;
    crate::customers::mark_deleted(
        tx,
        "payments",
        Entity::Payment,
        id.as_str(),
        Some(&b.customer_id),
        removed,
        fields.as_object().cloned().unwrap_or_default(),
    )?;
    get(tx, &p.booking_id)
}
