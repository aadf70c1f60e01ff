//! Prepaid credit: money a customer left with the agency, used to pay her bookings. The
//! balance of a currency is its top-ups minus the bookings paid from credit in it, derived
//! whenever it is read; a negative balance is what she must top up before her next booking.

use crate::error::Result;
use crate::ids::CustomerId;
use rusqlite::{named_params, Connection};

/// Her balance in `currency`, in minor units: current top-ups minus current payments from
/// prepaid credit on her current bookings.
pub fn balance(conn: &Connection, customer: &CustomerId, currency: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT
               (SELECT coalesce(sum(amount), 0) FROM prepaid_topups
                 WHERE customer_id = :customer AND currency = :currency AND deleted_at IS NULL)
             - (SELECT coalesce(sum(p.amount), 0) FROM payments p
                 JOIN bookings b ON b.id = p.booking_id AND b.deleted_at IS NULL
                 WHERE p.customer_id = :customer AND p.currency = :currency
                   AND p.method = 'prepaid' AND p.deleted_at IS NULL)",
        )?
        .query_row(
            named_params! { ":customer": customer, ":currency": currency },
            |r| r.get(0),
        )?)
}
