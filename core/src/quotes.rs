//! Quotes: a priced offer of a tour or a service, with its lines, valid until a day; an
//! accepted quote becomes a booking in one action.
//!
//! What she sets is Draft, Sent, Accepted or Rejected. Expired is never stored: a Draft or Sent
//! quote whose "valid until" is before today reads as Expired, and reads as what she set again
//! once she moves the day on.

use crate::bookings::BookingRef;
use crate::codes::{self, CodeKind};
use crate::customers::fields::{date, free_text};
use crate::customers::{iso_day, required};
use crate::db::{diff, inserted, ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{BookingId, CustomerId, QuoteId};
use crate::lines::{self, CheckedLine, Line, LineInput, LineTable};
use crate::{money, Desk};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A quote named by its code (on the booking made from it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QuoteRef {
    pub id: QuoteId,
    pub code: String,
}

/// Where a quote stands. `Expired` is derived, never stored nor chosen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    #[default]
    Draft,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl QuoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Draft => "draft",
            QuoteStatus::Sent => "sent",
            QuoteStatus::Accepted => "accepted",
            QuoteStatus::Rejected => "rejected",
            QuoteStatus::Expired => "expired",
        }
    }

    /// What a quote set to `self` reads as on `today`.
    pub fn as_of(self, valid_until: Option<NaiveDate>, today: NaiveDate) -> QuoteStatus {
        match self {
            QuoteStatus::Draft | QuoteStatus::Sent if valid_until.is_some_and(|d| d < today) => {
                QuoteStatus::Expired
            }
            other => other,
        }
    }
}

impl ToSql for QuoteStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            QuoteStatus::Expired => Err(rusqlite::Error::ToSqlConversionFailure(
                "an expired status is derived, never stored".into(),
            )),
            s => Ok(ToSqlOutput::from(s.as_str())),
        }
    }
}

impl FromSql for QuoteStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "draft" => Ok(QuoteStatus::Draft),
            "sent" => Ok(QuoteStatus::Sent),
            "accepted" => Ok(QuoteStatus::Accepted),
            "rejected" => Ok(QuoteStatus::Rejected),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// What the quote dialog sends: dates as typed (`dd/mm/yyyy` or ISO), unit prices as canonical
/// decimal strings; an empty currency is the agency's default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct QuoteInput {
    pub title: String,
    pub destination: String,
    pub departure_on: String,
    pub days: u32,
    pub nights: u32,
    pub adults: u32,
    pub children: u32,
    pub infants: u32,
    pub currency: String,
    pub valid_until: String,
    pub status: QuoteStatus,
    pub notes: String,
    pub lines: Vec<LineInput>,
}

/// A quote as the tab, its dialog and the Overview show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Quote {
    pub id: QuoteId,
    pub customer_id: CustomerId,
    pub code: String,
    pub title: String,
    pub destination: String,
    pub departure_on: Option<NaiveDate>,
    pub days: u32,
    pub nights: u32,
    pub adults: u32,
    pub children: u32,
    pub infants: u32,
    pub currency: String,
    pub valid_until: Option<NaiveDate>,
    /// Where it stands today: what she set, or Expired.
    pub status: QuoteStatus,
    /// What she set (never Expired): what the dialog's choice starts from.
    pub set_status: QuoteStatus,
    pub lines: Vec<Line>,
    /// The sum of the lines, in the quote's currency.
    #[ts(type = "string")]
    pub total: Decimal,
    /// The booking made from it, while that booking is current.
    pub booking: Option<BookingRef>,
    pub notes: String,
    pub created_at: String,
    pub updated_at: String,
}

/// One page of a customer's quotes, newest first.
#[derive(Debug, Clone, Serialize, TS)]
pub struct QuotePage {
    pub items: Vec<Quote>,
    /// All her current quotes.
    pub total: u32,
}

/// Lines priced as the desk prices them (the dialog's running total).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PricedLines {
    /// Each line's quantity × unit price, in the order given.
    #[ts(type = "Array<string>")]
    pub amounts: Vec<Decimal>,
    #[ts(type = "string")]
    pub total: Decimal,
}

/// The most a count of days, nights or guests may be.
pub const MAX_COUNT: u32 = 999;

impl Desk {
    /// A page of the customer's quotes, newest first, each as it reads on `today`.
    pub fn quotes(
        &self,
        customer: &CustomerId,
        today: NaiveDate,
        offset: u32,
        limit: u32,
    ) -> Result<QuotePage> {
        page(self.conn(), customer, today, offset, limit)
    }

    pub fn quote(&self, id: &QuoteId, today: NaiveDate) -> Result<Quote> {
        get(self.conn(), id, today)
    }

    /// Adds a quote to `customer` (`id` None, with the next code of `today`'s year) or changes
    /// quote `id` of hers, its lines included, all or nothing.
    pub fn save_quote(
        &mut self,
        customer: &CustomerId,
        id: Option<&QuoteId>,
        input: QuoteInput,
        today: NaiveDate,
    ) -> Result<Quote> {
        self.transact("save_quote", |tx| save(tx, customer, id, input, today))
    }

    /// Deletes a quote; one whose booking is current stays (the booking is deleted first).
    pub fn remove_quote(&mut self, id: &QuoteId) -> Result<()> {
        self.transact("remove_quote", |tx| set_removed(tx, id, true).map(|_| ()))
    }

    /// Brings a deleted quote back, with its code and lines (the Undo of a removal).
    pub fn restore_quote(&mut self, id: &QuoteId) -> Result<Quote> {
        self.transact("restore_quote", |tx| set_removed(tx, id, false))
    }

    /// Sets the quote accepted and makes its booking, in one transaction; returns the new
    /// booking's id and code.
    pub fn accept_quote(&mut self, id: &QuoteId, today: NaiveDate) -> Result<BookingRef> {
        self.transact("accept_quote", |tx| accept(tx, id, today))
    }
}

/// What `lines` come to in `currency`: each line's amount and the total, by the same rule as a
/// saved quote. A line's description plays no part in its price, so one not typed yet is no
/// error here.
pub fn price_lines(lines: &[LineInput], currency: &str) -> Result<(Vec<Decimal>, Decimal)> {
    let named: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput {
            description: if l.description.trim().is_empty() {
                "-".into()
            } else {
                l.description.clone()
            },
            ..l.clone()
        })
        .collect();
    let (checked, total) = lines::check(&named, currency)?;
    let amounts = checked
        .iter()
        .map(|l| money::decimal(l.amount().unwrap_or_default(), currency))
        .collect();
    Ok((amounts, money::decimal(total, currency)))
}

// Reading

const COLUMNS: &str = "q.id, q.customer_id, q.code, q.title, q.destination, q.departure_on,
    q.days, q.nights, q.adults, q.children, q.infants, q.currency, q.valid_until, q.status,
    q.notes, q.created_at, q.updated_at,
    (SELECT coalesce(sum(l.quantity * l.unit_price), 0) FROM quote_lines l
        WHERE l.quote_id = q.id AND l.deleted_at IS NULL),
    b.id, b.code";
const FROM: &str = "quotes q LEFT JOIN bookings b ON b.quote_id = q.id AND b.deleted_at IS NULL";

fn count(r: &Row, i: usize) -> rusqlite::Result<u32> {
    Ok(u32::try_from(r.get::<_, i64>(i)?).unwrap_or(0))
}

/// A quote from `COLUMNS`, as it reads on `today` (its lines are read after).
fn row_to_quote(r: &Row, today: NaiveDate) -> rusqlite::Result<Quote> {
    let currency: String = r.get(11)?;
    let valid_until = crate::customers::day(r, 12)?;
    let set_status: QuoteStatus = r.get(13)?;
    let total: i64 = r.get(17)?;
    let booking = match (
        r.get::<_, Option<BookingId>>(18)?,
        r.get::<_, Option<String>>(19)?,
    ) {
        (Some(id), Some(code)) => Some(BookingRef { id, code }),
        _ => None,
    };
    Ok(Quote {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        code: r.get(2)?,
        title: r.get(3)?,
        destination: r.get(4)?,
        departure_on: crate::customers::day(r, 5)?,
        days: count(r, 6)?,
        nights: count(r, 7)?,
        adults: count(r, 8)?,
        children: count(r, 9)?,
        infants: count(r, 10)?,
        valid_until,
        status: set_status.as_of(valid_until, today),
        set_status,
        lines: Vec::new(),
        total: money::decimal(total, &currency),
        currency,
        booking,
        notes: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
    })
}

fn with_lines(conn: &Connection, mut quote: Quote) -> Result<Quote> {
    quote.lines = lines::read(conn, LineTable::Quote, quote.id.as_str(), &quote.currency)?;
    Ok(quote)
}

/// A quote, deleted or not.
fn get_any(conn: &Connection, id: &QuoteId, today: NaiveDate) -> Result<(Quote, bool)> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS}, q.deleted_at IS NOT NULL FROM {FROM} WHERE q.id = ?1"
        ))?
        .query_row([id], |r| {
            Ok((row_to_quote(r, today)?, r.get::<_, bool>(20)?))
        })
        .optional()?;
    let (quote, deleted) = found.ok_or(Error::NotFound("quote"))?;
    Ok((with_lines(conn, quote)?, deleted))
}

/// A current quote.
fn get(conn: &Connection, id: &QuoteId, today: NaiveDate) -> Result<Quote> {
    match get_any(conn, id, today)? {
        (quote, false) => Ok(quote),
        (_, true) => Err(Error::NotFound("quote")),
    }
}

fn page(
    conn: &Connection,
    customer: &CustomerId,
    today: NaiveDate,
    offset: u32,
    limit: u32,
) -> Result<QuotePage> {
    // One query for the page with each quote's total; then each quote's lines (at most 50).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE q.customer_id = :customer AND q.deleted_at IS NULL
         ORDER BY q.created_at DESC, q.rowid DESC LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(
        named_params! { ":customer": customer, ":limit": limit.min(50), ":offset": offset },
        |r| row_to_quote(r, today),
    )?;
    let quotes: Vec<Quote> = rows.collect::<rusqlite::Result<_>>()?;
    let items = quotes
        .into_iter()
        .map(|q| with_lines(conn, q))
        .collect::<Result<_>>()?;
    let total = conn
        .prepare_cached(
            "SELECT count(*) FROM quotes WHERE customer_id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([customer], |r| r.get(0))?;
    Ok(QuotePage { items, total })
}

// Writing

/// The input checked: the quote's own fields, and its lines priced.
struct Checked {
    title: String,
    destination: String,
    departure_on: Option<NaiveDate>,
    days: u32,
    nights: u32,
    adults: u32,
    children: u32,
    infants: u32,
    currency: String,
    valid_until: Option<NaiveDate>,
    status: QuoteStatus,
    notes: String,
    lines: Vec<CheckedLine>,
    total: i64,
}

fn counted(field: &str, n: u32) -> Result<u32> {
    if n > MAX_COUNT {
        return Err(Error::invalid(
            field,
            ErrorKind::InvalidNumber,
            n.to_string(),
        ));
    }
    Ok(n)
}

/// The input checked against the quote it replaces (`before`, with its booking if any).
fn validated(conn: &Connection, input: QuoteInput, before: Option<&Quote>) -> Result<Checked> {
    let title = required("title", &input.title, 200)?;
    let destination = free_text("destination", &input.destination, 200)?;
    if destination.contains('\n') {
        return Err(Error::invalid("destination", ErrorKind::InvalidFormat, ""));
    }
    let departure_on = date("departure_on", &input.departure_on)?;
    let valid_until = date("valid_until", &input.valid_until)?;
    let currency = match input.currency.trim() {
        "" => money::default_currency(conn)?,
        c => c.to_ascii_uppercase(),
    };
    money::units("currency", &currency)?;
    if input.status == QuoteStatus::Expired {
        return Err(Error::invalid(
            "status",
            ErrorKind::InvalidChoice,
            QuoteStatus::Expired.as_str(),
        ));
    }
    // Her booking was made from it as accepted: the quote says so while the booking is there.
    if let Some(booking) = before.and_then(|b| b.booking.as_ref()) {
        if input.status != QuoteStatus::Accepted {
            return Err(Error::invalid(
                "status",
                ErrorKind::QuoteBooked,
                booking.code.as_str(),
            ));
        }
    }
    let (lines, total) = lines::check(&input.lines, &currency)?;
    Ok(Checked {
        title,
        destination,
        departure_on,
        days: counted("days", input.days)?,
        nights: counted("nights", input.nights)?,
        adults: counted("adults", input.adults)?,
        children: counted("children", input.children)?,
        infants: counted("infants", input.infants)?,
        currency,
        valid_until,
        status: input.status,
        notes: free_text("notes", &input.notes, 5000)?,
        lines,
        total,
    })
}

/// The quote's fields as the history records them: its lines one text each, the total as a
/// decimal string beside the currency.
fn loggable(code: &str, q: &Checked) -> serde_json::Value {
    serde_json::json!({
        "code": code,
        "title": q.title,
        "destination": q.destination,
        "departure_on": q.departure_on.map(iso_day),
        "days": q.days,
        "nights": q.nights,
        "adults": q.adults,
        "children": q.children,
        "infants": q.infants,
        "currency": q.currency,
        "valid_until": q.valid_until.map(iso_day),
        "status": q.status.as_str(),
        "notes": q.notes,
        "lines": lines::loggable(&q.lines, &q.currency),
        "total": money::loggable(q.total, &q.currency),
    })
}

/// A stored quote as `Checked`, to log what it was.
fn as_stored(conn: &Connection, q: &Quote) -> Result<Checked> {
    let lines = lines::checked(conn, LineTable::Quote, q.id.as_str())?;
    let total = lines::total(conn, LineTable::Quote, q.id.as_str())?;
    Ok(Checked {
        title: q.title.clone(),
        destination: q.destination.clone(),
        departure_on: q.departure_on,
        days: q.days,
        nights: q.nights,
        adults: q.adults,
        children: q.children,
        infants: q.infants,
        currency: q.currency.clone(),
        valid_until: q.valid_until,
        status: q.set_status,
        notes: q.notes.clone(),
        lines,
        total,
    })
}

pub(crate) fn save(
    tx: &Tx,
    customer: &CustomerId,
    id: Option<&QuoteId>,
    input: QuoteInput,
    today: NaiveDate,
) -> Result<Quote> {
    crate::customers::ensure_customer(tx, customer)?;
    let before = match id {
        Some(id) => {
            let b = get(tx, id, today)?;
            if &b.customer_id != customer {
                return Err(Error::NotFound("quote"));
            }
            Some(b)
        }
        None => None,
    };
    let q = validated(tx, input, before.as_ref())?;
    let now = tx.now();
    let params = |id: &QuoteId, code: &str| {
        vec![
            (":id", id.as_str().to_owned().into()),
            (":customer", customer.as_str().to_owned().into()),
            (":code", code.to_owned().into()),
            (":title", q.title.clone().into()),
            (":destination", q.destination.clone().into()),
            (":departure", sql_day(q.departure_on)),
            (":days", i64::from(q.days).into()),
            (":nights", i64::from(q.nights).into()),
            (":adults", i64::from(q.adults).into()),
            (":children", i64::from(q.children).into()),
            (":infants", i64::from(q.infants).into()),
            (":currency", q.currency.clone().into()),
            (":valid", sql_day(q.valid_until)),
            (":status", q.status.as_str().to_owned().into()),
            (":notes", q.notes.clone().into()),
            (":now", now.clone().into()),
        ]
    };
    let id = match before {
        None => {
            let id = QuoteId::new();
            let code = codes::next(tx, CodeKind::Quote, today.year())?;
            execute(
                tx,
                "INSERT INTO quotes (id, customer_id, code, title, destination, departure_on, days,
                    nights, adults, children, infants, currency, valid_until, status, notes,
                    created_at, updated_at)
                 VALUES (:id, :customer, :code, :title, :destination, :departure, :days, :nights,
                    :adults, :children, :infants, :currency, :valid, :status, :notes, :now, :now)",
                &params(&id, &code),
            )?;
            lines::write(tx, LineTable::Quote, id.as_str(), &q.lines)?;
            tx.log(
                Entity::Quote,
                id.as_str(),
                Some(customer.as_str()),
                ChangeOp::Insert,
                inserted(&loggable(&code, &q)),
            );
            id
        }
        Some(before) => {
            let old = loggable(&before.code, &as_stored(tx, &before)?);
            let changes = diff(&old, &loggable(&before.code, &q));
            // The same lines in the same order, typed again, are no change either.
            let ids_same = before
                .lines
                .iter()
                .map(|l| Some(&l.id))
                .eq(q.lines.iter().map(|l| l.id.as_ref()));
            if changes.is_empty() && ids_same {
                return Ok(before);
            }
            execute(
                tx,
                "UPDATE quotes SET title = :title, destination = :destination,
                    departure_on = :departure, days = :days, nights = :nights, adults = :adults,
                    children = :children, infants = :infants, currency = :currency,
                    valid_until = :valid, status = :status, notes = :notes, updated_at = :now
                 WHERE id = :id AND customer_id = :customer AND code = :code",
                &params(&before.id, &before.code),
            )?;
            lines::write(tx, LineTable::Quote, before.id.as_str(), &q.lines)?;
            if !changes.is_empty() {
                tx.log(
                    Entity::Quote,
                    before.id.as_str(),
                    Some(customer.as_str()),
                    ChangeOp::Update,
                    changes,
                );
            }
            before.id
        }
    };
    get(tx, &id, today)
}

fn sql_day(d: Option<NaiveDate>) -> rusqlite::types::Value {
    match d {
        Some(d) => iso_day(d).into(),
        None => rusqlite::types::Value::Null,
    }
}

fn execute(tx: &Tx, sql: &str, params: &[(&str, rusqlite::types::Value)]) -> Result<()> {
    let named: Vec<(&str, &dyn ToSql)> =
        params.iter().map(|(k, v)| (*k, v as &dyn ToSql)).collect();
    tx.prepare_cached(sql)?.execute(named.as_slice())?;
    Ok(())
}

fn set_removed(tx: &Tx, id: &QuoteId, removed: bool) -> Result<Quote> {
    let today = chrono::Local::now().date_naive();
    let (quote, deleted) = get_any(tx, id, today)?;
    crate::customers::ensure_customer(tx, &quote.customer_id)?;
    if removed {
        if deleted {
            return Err(Error::NotFound("quote"));
        }
        // The booking names the quote it was made from; the quote goes only after it.
        if let Some(booking) = &quote.booking {
            return Err(Error::invalid(
                "booking",
                ErrorKind::QuoteBooked,
                booking.code.as_str(),
            ));
        }
    }
    if deleted == removed {
        return Ok(quote);
    }
    crate::customers::set_record_deleted(
        tx,
        "quotes",
        Entity::Quote,
        id.as_str(),
        &quote.customer_id,
        removed,
    )?;
    Ok(get_any(tx, id, today)?.0)
}

/// Accepts a quote and makes its booking. A quote that reads as Expired can still be accepted:
/// "valid until" is the agency's promise, and accepting it late is the agent choosing to honour
/// (or extend) it. A rejected quote is set back to Draft or Sent first; a quote that already has
/// a current booking is refused.
pub(crate) fn accept(tx: &Tx, id: &QuoteId, today: NaiveDate) -> Result<BookingRef> {
    let quote = get(tx, id, today)?;
    crate::customers::ensure_customer(tx, &quote.customer_id)?;
    if let Some(booking) = &quote.booking {
        return Err(Error::invalid(
            "booking",
            ErrorKind::QuoteBooked,
            booking.code.as_str(),
        ));
    }
    if quote.set_status == QuoteStatus::Rejected {
        return Err(Error::invalid(
            "status",
            ErrorKind::QuoteRejected,
            QuoteStatus::Rejected.as_str(),
        ));
    }
    tx.prepare_cached(
        "UPDATE quotes SET status = 'accepted', updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
    )?
    .execute(rusqlite::params![id, tx.now()])?;
    let booking = crate::bookings::from_quote(tx, &quote, today)?;
    let mut changes = serde_json::Map::new();
    if quote.set_status != QuoteStatus::Accepted {
        changes.insert(
            "status".into(),
            serde_json::json!([quote.set_status.as_str(), QuoteStatus::Accepted.as_str()]),
        );
    }
    changes.insert("booking".into(), serde_json::json!([null, booking.code]));
    tx.log(
        Entity::Quote,
        id.as_str(),
        Some(quote.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    Ok(booking)
}
