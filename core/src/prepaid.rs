//! Prepaid credit: money a customer left with the agency, used to pay her bookings. The
//! balance of a currency is its top-ups minus the bookings paid from credit in it, derived
//! whenever it is read; a negative balance is what she must top up before her next booking.
//!
//! Her revenue and debt are here too: what her current bookings (not cancelled) come to, what
//! was received on them, and what she still owes, each per currency.

use crate::bookings::BookingRef;
use crate::customers::fields::{date, free_text};
use crate::customers::{ensure_customer, iso_day};
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{BookingId, CustomerId, TopUpId};
use crate::money::{self, Amount};
use crate::Desk;
use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest description of a top-up.
pub const MAX_DESCRIPTION: usize = 500;
/// The most entries one page of the list holds.
const MAX_PAGE: u32 = 500;

/// Money she left with the agency, in one currency.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TopUp {
    pub id: TopUpId,
    pub customer_id: CustomerId,
    /// Where the money came from.
    pub description: String,
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: String,
    pub received_on: NaiveDate,
    pub created_at: String,
    pub updated_at: String,
}

/// What the top-up dialog sends: the amount as a canonical decimal string, the day as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TopUpInput {
    pub description: String,
    pub amount: String,
    pub currency: String,
    pub received_on: String,
}

/// What moved her credit: money in, or a booking paid from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PrepaidEntryKind {
    TopUp,
    CreditPayment,
}

impl FromSql for PrepaidEntryKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "top_up" => Ok(Self::TopUp),
            "credit_payment" => Ok(Self::CreditPayment),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// One line of her credit's account: a top-up, or a payment from credit (negative).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PrepaidEntry {
    pub kind: PrepaidEntryKind,
    /// The top-up's id, or the payment's.
    pub id: String,
    pub on: NaiveDate,
    /// The top-up's description, or the title of the booking paid.
    pub description: String,
    /// The booking a credit payment paid.
    pub booking: Option<BookingRef>,
    /// Positive for a top-up, negative for a credit payment.
    #[ts(type = "string")]
    pub amount: Decimal,
    pub currency: String,
}

/// Her credit: a page of its entries, newest first, and its balance in each currency in play.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PrepaidView {
    pub entries: Vec<PrepaidEntry>,
    pub total_entries: u32,
    /// One per currency she has topped up or paid from credit in, by currency code; never a
    /// total across currencies.
    pub balances: Vec<Amount>,
}

/// What her current bookings (not cancelled) come to, what was received on them, and the
/// difference, per currency. A currency is in all three lists when it is in any.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Revenue {
    pub revenue: Vec<Amount>,
    pub receipted: Vec<Amount>,
    /// Revenue less receipted; negative when she paid more than her bookings come to.
    pub owed: Vec<Amount>,
}

impl Desk {
    /// Her prepaid credit: entries `offset..offset + limit`, newest first, and the balances.
    pub fn prepaid(&self, customer: &CustomerId, offset: u32, limit: u32) -> Result<PrepaidView> {
        view(self.conn(), customer, offset, limit)
    }

    /// Adds a top-up to `customer` (`id` None) or changes her top-up `id`.
    pub fn save_top_up(
        &mut self,
        customer: &CustomerId,
        id: Option<&TopUpId>,
        input: TopUpInput,
    ) -> Result<TopUp> {
        self.transact("save_top_up", |tx| save(tx, customer, id, input))
    }

    pub fn remove_top_up(&mut self, id: &TopUpId) -> Result<()> {
        self.transact("remove_top_up", |tx| set_removed(tx, id, true).map(|_| ()))
    }

    /// Brings a removed top-up back (the Undo of a removal).
    pub fn restore_top_up(&mut self, id: &TopUpId) -> Result<TopUp> {
        self.transact("restore_top_up", |tx| set_removed(tx, id, false))
    }

    /// Her revenue, receipted and owed amounts, per currency.
    pub fn revenue(&self, customer: &CustomerId) -> Result<Revenue> {
        revenue(self.conn(), customer)
    }
}

// Reading

/// Her balance in `currency`, in minor units: current top-ups minus current payments from
/// prepaid credit on her current bookings.
pub fn balance(conn: &Connection, customer: &CustomerId, currency: &str) -> Result<i64> {
    let (rows, _) = entry_sums(conn, customer)?;
    rows.into_iter()
        .filter(|(c, _)| c == currency)
        .try_fold(0i64, |sum, (_, minor)| sum.checked_add(minor))
        .ok_or_else(|| Error::invalid("amount", ErrorKind::AmountTooLarge, currency))
}

/// Her top-ups (positive) and credit payments (negative) summed per currency, and how many
/// entries there are, in one pass: the one definition of her balances.
fn entry_sums(conn: &Connection, customer: &CustomerId) -> Result<(Vec<(String, i64)>, u32)> {
    let mut stmt = conn.prepare_cached(
        "SELECT currency, sum(amount), count(*) FROM prepaid_topups
          WHERE customer_id = :customer AND deleted_at IS NULL GROUP BY currency
         UNION ALL
         SELECT p.currency, -sum(p.amount), count(*) FROM payments p
          WHERE p.customer_id = :customer AND p.method = 'prepaid' AND p.deleted_at IS NULL
            AND p.booking_id IN (SELECT id FROM bookings
                                  WHERE customer_id = :customer AND deleted_at IS NULL)
          GROUP BY p.currency",
    )?;
    let mut count = 0u32;
    let mut rows = Vec::new();
    let mut query = stmt.query(named_params! { ":customer": customer })?;
    while let Some(r) = query.next()? {
        rows.push((r.get::<_, String>(0)?, r.get::<_, i64>(1)?));
        count = count.saturating_add(r.get(2)?);
    }
    Ok((rows, count))
}

/// One page of her top-ups and credit payments, newest first: the merged list is sorted on
/// what orders it alone, and only the page's rows are read in full.
const ENTRIES: &str = "
    SELECT e.kind, e.id, e.on_day, coalesce(t.description, b.title, ''), b.id, b.code,
           coalesce(t.amount, -p.amount), coalesce(t.currency, p.currency)
      FROM (SELECT 'top_up' AS kind, id, received_on AS on_day, created_at
              FROM prepaid_topups
             WHERE customer_id = :customer AND deleted_at IS NULL
            UNION ALL
            SELECT 'credit_payment', p.id, p.paid_on, p.created_at
              FROM payments p
             WHERE p.customer_id = :customer AND p.method = 'prepaid' AND p.deleted_at IS NULL
               AND p.booking_id IN (SELECT id FROM bookings
                                     WHERE customer_id = :customer AND deleted_at IS NULL)
             ORDER BY on_day DESC, created_at DESC, id DESC
             LIMIT :limit OFFSET :offset) e
      LEFT JOIN prepaid_topups t ON e.kind = 'top_up' AND t.id = e.id
      LEFT JOIN payments p ON e.kind = 'credit_payment' AND p.id = e.id
      LEFT JOIN bookings b ON b.id = p.booking_id
     ORDER BY e.on_day DESC, e.created_at DESC, e.id DESC";

/// An entry from `ENTRIES`.
fn row_to_entry(r: &Row) -> rusqlite::Result<PrepaidEntry> {
    let currency: String = r.get(7)?;
    let booking = match (
        r.get::<_, Option<BookingId>>(4)?,
        r.get::<_, Option<String>>(5)?,
    ) {
        (Some(id), Some(code)) => Some(BookingRef { id, code }),
        _ => None,
    };
    Ok(PrepaidEntry {
        kind: r.get(0)?,
        id: r.get(1)?,
        on: crate::customers::day(r, 2)?.unwrap_or_default(),
        description: r.get(3)?,
        booking,
        amount: money::decimal(r.get(6)?, &currency),
        currency,
    })
}

fn view(conn: &Connection, customer: &CustomerId, offset: u32, limit: u32) -> Result<PrepaidView> {
    let entries = conn
        .prepare_cached(ENTRIES)?
        .query_map(
            named_params! {
                ":customer": customer, ":limit": limit.min(MAX_PAGE), ":offset": offset,
            },
            row_to_entry,
        )?
        .collect::<rusqlite::Result<_>>()?;
    let (rows, total_entries) = entry_sums(conn, customer)?;
    let balances = money::per_currency(rows)?;
    Ok(PrepaidView {
        entries,
        total_entries,
        balances,
    })
}

fn revenue(conn: &Connection, customer: &CustomerId) -> Result<Revenue> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.currency,
                coalesce(sum((SELECT sum(l.quantity * l.unit_price) FROM booking_lines l
                               WHERE l.booking_id = b.id AND l.deleted_at IS NULL)), 0),
                coalesce(sum((SELECT sum(p.amount) FROM payments p
                               WHERE p.booking_id = b.id AND p.deleted_at IS NULL)), 0)
           FROM bookings b
          WHERE b.customer_id = :customer AND b.deleted_at IS NULL
            AND b.status <> 'cancelled'
          GROUP BY b.currency
          ORDER BY b.currency",
    )?;
    let rows = stmt
        .query_map(named_params! { ":customer": customer }, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Revenue {
        revenue: Vec::with_capacity(rows.len()),
        receipted: Vec::with_capacity(rows.len()),
        owed: Vec::with_capacity(rows.len()),
    };
    for (currency, total, paid) in rows {
        let owed = total.checked_sub(paid).ok_or_else(|| {
            Error::invalid("amount", ErrorKind::AmountTooLarge, total.to_string())
        })?;
        out.revenue.push(Amount::from_minor(total, &currency));
        out.receipted.push(Amount::from_minor(paid, &currency));
        out.owed.push(Amount::from_minor(owed, &currency));
    }
    Ok(out)
}

const COLUMNS: &str =
    "id, customer_id, description, amount, currency, received_on, created_at, updated_at";

fn row_to_top_up(r: &Row) -> rusqlite::Result<TopUp> {
    let currency: String = r.get(4)?;
    Ok(TopUp {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        description: r.get(2)?,
        amount: money::decimal(r.get(3)?, &currency),
        currency,
        received_on: crate::customers::day(r, 5)?.unwrap_or_default(),
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

/// A top-up, current or removed, with whether it is removed.
fn get_any(conn: &Connection, id: &TopUpId) -> Result<(TopUp, bool)> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, deleted_at IS NOT NULL FROM prepaid_topups WHERE id = ?1"
    ))?
    .query_row([id], |r| Ok((row_to_top_up(r)?, r.get(8)?)))
    .optional()?
    .ok_or(Error::NotFound("top-up"))
}

fn get(conn: &Connection, id: &TopUpId) -> Result<TopUp> {
    match get_any(conn, id)? {
        (top_up, false) => Ok(top_up),
        _ => Err(Error::NotFound("top-up")),
    }
}

// Writing

/// A top-up checked: description, amount in minor units, currency, day.
struct Checked {
    description: String,
    amount: i64,
    currency: String,
    received_on: NaiveDate,
}

fn validated(input: &TopUpInput) -> Result<Checked> {
    let description = free_text("description", &input.description, MAX_DESCRIPTION)?;
    if description.is_empty() {
        return Err(Error::invalid("description", ErrorKind::Required, ""));
    }
    let currency = input.currency.trim().to_ascii_uppercase();
    money::units("currency", &currency)?;
    let amount = money::parse_positive("amount", &input.amount, &currency)?;
    let received_on = date("received_on", &input.received_on)?
        .ok_or_else(|| Error::invalid("received_on", ErrorKind::Required, ""))?;
    Ok(Checked {
        description,
        amount,
        currency,
        received_on,
    })
}

/// A top-up as the history records it: the amount as a decimal string beside its currency.
fn loggable(t: &TopUp) -> serde_json::Value {
    serde_json::json!({
        "description": t.description,
        "amount": Amount { currency: t.currency.clone(), amount: t.amount }.to_string(),
        "currency": t.currency,
        "received_on": iso_day(t.received_on),
    })
}

pub(crate) fn save(
    tx: &Tx,
    customer: &CustomerId,
    id: Option<&TopUpId>,
    input: TopUpInput,
) -> Result<TopUp> {
    ensure_customer(tx, customer)?;
    let before = match id {
        Some(id) => {
            let before = get(tx, id)?;
            if &before.customer_id != customer {
                return Err(Error::NotFound("top-up"));
            }
            Some(before)
        }
        None => None,
    };
    let c = validated(&input)?;
    let now = tx.now();
    let id = match &before {
        Some(b) => {
            tx.prepare_cached(
                "UPDATE prepaid_topups SET description = :description, amount = :amount,
                    currency = :currency, received_on = :received_on, updated_at = :now
                  WHERE id = :id",
            )?
            .execute(named_params! {
                ":id": b.id, ":description": c.description, ":amount": c.amount,
                ":currency": c.currency, ":received_on": iso_day(c.received_on), ":now": now,
            })?;
            b.id.clone()
        }
        None => {
            let id = TopUpId::new();
            tx.prepare_cached(
                "INSERT INTO prepaid_topups (id, customer_id, description, amount, currency,
                    received_on, created_at, updated_at)
                 VALUES (:id, :customer, :description, :amount, :currency, :received_on,
                    :now, :now)",
            )?
            .execute(named_params! {
                ":id": id, ":customer": customer, ":description": c.description,
                ":amount": c.amount, ":currency": c.currency,
                ":received_on": iso_day(c.received_on), ":now": now,
            })?;
            id
        }
    };
    let after = get(tx, &id)?;
    match &before {
        None => tx.log(
            Entity::TopUp,
            id.as_str(),
            Some(customer.as_str()),
            ChangeOp::Insert,
            inserted(&loggable(&after)),
        ),
        Some(before) => {
            let mut changes = diff(&loggable(before), &loggable(&after));
            if !changes.is_empty() {
                // An amount reads only beside its currency: name it even when it stayed.
                changes
                    .entry("currency")
                    .or_insert_with(|| serde_json::json!([before.currency, after.currency]));
                tx.log(
                    Entity::TopUp,
                    id.as_str(),
                    Some(customer.as_str()),
                    ChangeOp::Update,
                    changes,
                );
            }
        }
    }
    Ok(after)
}

fn set_removed(tx: &Tx, id: &TopUpId, removed: bool) -> Result<TopUp> {
    let (top_up, was_removed) = get_any(tx, id)?;
    ensure_customer(tx, &top_up.customer_id)?;
    if was_removed == removed {
        return if removed {
            Err(Error::NotFound("top-up"))
        } else {
            Ok(top_up)
        };
    }
    crate::customers::mark_deleted(
        tx,
        "prepaid_topups",
        Entity::TopUp,
        id.as_str(),
        Some(&top_up.customer_id),
        removed,
        loggable(&top_up).as_object().cloned().unwrap_or_default(),
    )?;
    Ok(get_any(tx, id)?.0)
}
