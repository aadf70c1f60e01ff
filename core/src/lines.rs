//! The priced lines of a quote or a booking (description, quantity, unit price) and their
//! total. A line's amount is `quantity × unit price` in minor units, exactly; the total is the
//! sum of the lines, never stored.

use crate::db::Tx;
use crate::error::{Error, ErrorKind, Result};
use crate::ids::LineId;
use crate::money;
use rusqlite::{params, Connection};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most lines one quote or booking has.
pub const MAX_LINES: usize = 200;
/// The largest quantity of one line.
pub const MAX_QUANTITY: u32 = 9_999;

/// A line as the dialog sends it: the unit price as a canonical decimal string.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LineInput {
    /// The line it edits; `None` for a new line.
    pub id: Option<LineId>,
    pub description: String,
    pub quantity: u32,
    pub unit_price: String,
}

/// A line as the tabs show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Line {
    pub id: LineId,
    pub description: String,
    pub quantity: u32,
    #[ts(type = "string")]
    pub unit_price: Decimal,
    /// Quantity × unit price.
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// Where lines live: the lines of a quote or of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineTable {
    Quote,
    Booking,
}

impl LineTable {
    fn table(self) -> &'static str {
        match self {
            LineTable::Quote => "quote_lines",
            LineTable::Booking => "booking_lines",
        }
    }
    fn parent(self) -> &'static str {
        match self {
            LineTable::Quote => "quote_id",
            LineTable::Booking => "booking_id",
        }
    }
}

/// A line checked and priced in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedLine {
    pub id: Option<LineId>,
    pub description: String,
    pub quantity: i64,
    pub unit_price: i64,
}

impl CheckedLine {
    /// Quantity × unit price, `None` past what an `i64` holds.
    pub fn amount(&self) -> Option<i64> {
        self.quantity.checked_mul(self.unit_price)
    }
}

/// The lines checked for `currency`, and their total in minor units. A problem names its line:
/// `lines.2.unit_price`. A line may be negative (a discount); the total may not.
pub fn check(lines: &[LineInput], currency: &str) -> Result<(Vec<CheckedLine>, i64)> {
    money::units("currency", currency)?;
    if lines.len() > MAX_LINES {
        return Err(Error::invalid(
            "lines",
            ErrorKind::TooLong,
            lines.len().to_string(),
        ));
    }
    let mut checked = Vec::with_capacity(lines.len());
    let mut total: i64 = 0;
    for (i, line) in lines.iter().enumerate() {
        let field = |name: &str| format!("lines.{i}.{name}");
        let description =
            crate::customers::required(&field("description"), &line.description, 500)?;
        if line.quantity == 0 || line.quantity > MAX_QUANTITY {
            return Err(Error::invalid(
                field("quantity"),
                ErrorKind::InvalidNumber,
                line.quantity.to_string(),
            ));
        }
        let unit_price = money::parse(&field("unit_price"), &line.unit_price, currency)?;
        let line = CheckedLine {
            id: line.id.clone(),
            description,
            quantity: i64::from(line.quantity),
            unit_price,
        };
        // A line and the running total are each held to one amount's limit.
        total = line
            .amount()
            .filter(|a| a.unsigned_abs() <= money::MAX_MINOR as u64)
            .and_then(|a| total.checked_add(a))
            .filter(|t| t.unsigned_abs() <= money::MAX_MINOR as u64)
            .ok_or_else(|| Error::invalid("lines", ErrorKind::AmountTooLarge, ""))?;
        checked.push(line);
    }
    if total < 0 {
        return Err(Error::invalid(
            "lines",
            ErrorKind::AmountNotPositive,
            money::decimal(total, currency).to_string(),
        ));
    }
    Ok((checked, total))
}

/// The current lines of a quote or a booking, in order.
pub fn read(
    conn: &Connection,
    table: LineTable,
    parent: &str,
    currency: &str,
) -> Result<Vec<Line>> {
    Ok(checked(conn, table, parent)?
        .into_iter()
        .map(|l| Line {
            amount: money::decimal(l.quantity.saturating_mul(l.unit_price), currency),
            id: l.id.unwrap_or_default(),
            description: l.description,
            quantity: u32::try_from(l.quantity).unwrap_or(0),
            unit_price: money::decimal(l.unit_price, currency),
        })
        .collect())
}

/// The total of a quote's or a booking's current lines, in minor units.
pub fn total(conn: &Connection, table: LineTable, parent: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT coalesce(sum(quantity * unit_price), 0) FROM {} WHERE {} = ?1 AND deleted_at IS NULL",
            table.table(),
            table.parent()
        ))?
        .query_row([parent], |r| r.get(0))?)
}

/// Leaves exactly `lines` on the parent, in their order: a line with the id of a current one
/// is changed in place, the current ones not given are deleted, the others are added.
pub fn write(tx: &Tx, table: LineTable, parent: &str, lines: &[CheckedLine]) -> Result<()> {
    let (t, p) = (table.table(), table.parent());
    let now = tx.now();
    let current: Vec<LineId> = tx
        .prepare_cached(&format!(
            "SELECT id FROM {t} WHERE {p} = ?1 AND deleted_at IS NULL"
        ))?
        .query_map([parent], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let kept: Vec<&LineId> = lines.iter().filter_map(|l| l.id.as_ref()).collect();
    for gone in current.iter().filter(|id| !kept.contains(id)) {
        tx.execute(
            &format!("UPDATE {t} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1"),
            params![gone, now],
        )?;
    }
    for (position, line) in lines.iter().enumerate() {
        let position = position as i64;
        match &line.id {
            Some(id) if current.contains(id) => {
                tx.prepare_cached(&format!(
                    "UPDATE {t} SET position = ?2, description = ?3, quantity = ?4, unit_price = ?5,
                        updated_at = ?6 WHERE id = ?1"
                ))?
                .execute(params![
                    id,
                    position,
                    line.description,
                    line.quantity,
                    line.unit_price,
                    now
                ])?;
            }
            // A line of another record, or one deleted since, is added as a new line.
            _ => {
                tx.prepare_cached(&format!(
                    "INSERT INTO {t} (id, {p}, position, description, quantity, unit_price,
                        created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
                ))?
                .execute(params![
                    LineId::new(),
                    parent,
                    position,
                    line.description,
                    line.quantity,
                    line.unit_price,
                    now
                ])?;
            }
        }
    }
    Ok(())
}

/// The lines as the history records them: one text per line, `2 × Vé máy bay @ 5000000`.
pub fn loggable(lines: &[CheckedLine], currency: &str) -> serde_json::Value {
    serde_json::Value::Array(
        lines
            .iter()
            .map(|l| {
                serde_json::Value::String(format!(
                    "{} × {} @ {}",
                    l.quantity,
                    l.description,
                    money::decimal(l.unit_price, currency)
                ))
            })
            .collect(),
    )
}

/// Lines read back as checked lines (to log them, or to copy a quote's lines to a booking).
pub fn checked(conn: &Connection, table: LineTable, parent: &str) -> Result<Vec<CheckedLine>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, description, quantity, unit_price FROM {} WHERE {} = ?1 AND deleted_at IS NULL
         ORDER BY position, created_at",
        table.table(),
        table.parent()
    ))?;
    let rows = stmt.query_map([parent], |r| {
        Ok(CheckedLine {
            id: Some(r.get(0)?),
            description: r.get(1)?,
            quantity: r.get(2)?,
            unit_price: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(description: &str, quantity: u32, unit_price: &str) -> LineInput {
        LineInput {
            id: None,
            description: description.into(),
            quantity,
            unit_price: unit_price.into(),
        }
    }

    #[test]
    fn a_total_is_the_exact_sum_of_quantity_times_price() {
        let (lines, total) = check(
            &[
                line("Vé máy bay", 2, "5000000"),
                line("Khách sạn", 3, "1250000.4"),
                line("Giảm giá", 1, "-500000"),
            ],
            "VND",
        )
        .expect("lines");
        assert_eq!(lines[1].unit_price, 1_250_000);
        assert_eq!(total, 10_000_000 + 3_750_000 - 500_000);
        let (_, cents) = check(&[line("Tour", 3, "0.10")], "USD").expect("lines");
        assert_eq!(cents, 30, "0.1 × 3 is exactly 0.30");
    }

    #[test]
    fn a_bad_line_is_named_by_its_place() {
        let err = check(&[line("A", 1, "10"), line("B", 1, "1,5")], "USD").expect_err("comma");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "lines.1.unit_price"));
        let err = check(&[line("A", 0, "10")], "USD").expect_err("quantity");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "lines.0.quantity"));
        let err = check(&[line(" ", 1, "10")], "USD").expect_err("description");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "lines.0.description"));
        let err = check(&[line("Giảm", 1, "-10")], "USD").expect_err("negative total");
        assert!(matches!(
            &err,
            Error::Invalid {
                kind: ErrorKind::AmountNotPositive,
                ..
            }
        ));
        let err = check(&[line("A", 9_999, "1000000000000000")], "VND").expect_err("too large");
        assert!(matches!(
            &err,
            Error::Invalid {
                kind: ErrorKind::AmountTooLarge,
                ..
            }
        ));
    }
}
