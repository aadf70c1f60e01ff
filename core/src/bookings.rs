//! Bookings: the tours and services a customer bought, their priced lines, and the payments
//! received on them. Paid and remaining amounts are derived from the payments whenever they
//! are read.

use crate::codes::{self, CodeKind};
use crate::db::{inserted, ChangeOp, Entity, Tx};
use crate::error::{Error, Result};
use crate::ids::{BookingId, QuoteId};
use crate::lines::{self, LineTable};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{named_params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A booking named by its code (on the quote it was made from, on a prepaid entry).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BookingRef {
    pub id: BookingId,
    pub code: String,
}

/// Makes the booking of an accepted quote, carrying its trip, guests, currency and lines; its
/// status is pending. The return day is the departure plus the quote's nights (or its days
/// less one). The quote's status is the caller's to set, in the same transaction.
pub fn from_quote(tx: &Tx, quote: &QuoteId, today: NaiveDate) -> Result<BookingId> {
    type QuoteRow = (
        String,
        String,
        String,
        Option<NaiveDate>,
        i64,
        i64,
        (i64, i64, i64),
        String,
    );
    let row: Option<QuoteRow> = tx
        .prepare_cached(
            "SELECT customer_id, title, destination, departure_on, days, nights, adults,
                children, infants, currency FROM quotes WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([quote], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                crate::customers::day(r, 3)?,
                r.get(4)?,
                r.get(5)?,
                (r.get(6)?, r.get(7)?, r.get(8)?),
                r.get(9)?,
            ))
        })
        .optional()?;
    let Some((customer, title, destination, departure, days, nights, guests, currency)) = row
    else {
        return Err(Error::NotFound("quote"));
    };
    let booked: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM bookings WHERE quote_id = ?1 AND deleted_at IS NULL)",
        )?
        .query_row([quote], |r| r.get(0))?;
    if booked {
        return Err(Error::NotAllowed("the quote has a booking already".into()));
    }
    let stay = if nights > 0 {
        nights
    } else {
        (days - 1).max(0)
    };
    let return_on = departure.and_then(|d| d.checked_add_signed(Duration::days(stay)));
    let id = BookingId::new();
    let code = codes::next(tx, CodeKind::Booking, today.year())?;
    let (adults, children, infants) = guests;
    tx.prepare_cached(
        "INSERT INTO bookings (id, customer_id, code, quote_id, title, destination, departure_on,
            return_on, adults, children, infants, currency, status, created_at, updated_at)
         VALUES (:id, :customer, :code, :quote, :title, :destination, :departure, :return,
            :adults, :children, :infants, :currency, 'pending', :now, :now)",
    )?
    .execute(named_params! {
        ":id": id,
        ":customer": customer,
        ":code": code,
        ":quote": quote,
        ":title": title,
        ":destination": destination,
        ":departure": departure.map(crate::customers::iso_day),
        ":return": return_on.map(crate::customers::iso_day),
        ":adults": adults,
        ":children": children,
        ":infants": infants,
        ":currency": currency,
        ":now": tx.now(),
    })?;
    let lines = lines::checked(tx, LineTable::Quote, quote.as_str())?;
    let fresh: Vec<_> = lines
        .into_iter()
        .map(|mut l| {
            l.id = None;
            l
        })
        .collect();
    lines::write(tx, LineTable::Booking, id.as_str(), &fresh)?;
    tx.log(
        Entity::Booking,
        id.as_str(),
        Some(&customer),
        ChangeOp::Insert,
        inserted(&serde_json::json!({
            "code": code,
            "quote_id": quote,
            "title": title,
            "destination": destination,
            "departure_on": departure.map(crate::customers::iso_day),
            "return_on": return_on.map(crate::customers::iso_day),
            "adults": adults,
            "children": children,
            "infants": infants,
            "currency": currency,
            "status": "pending",
            "lines": lines::loggable(&fresh, &currency),
        })),
    );
    Ok(id)
}
