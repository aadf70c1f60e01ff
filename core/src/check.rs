//! Checking a file: SQLite's own integrity and foreign keys, and Tripdesk's invariants.

use crate::error::Result;
use crate::Desk;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// What a check found; empty when the file is sound.
#[derive(Debug, Clone, Default, Serialize, TS)]
pub struct CheckReport {
    pub customers: u32,
    pub problems: Vec<String>,
    /// What it found and put right (a writer's check only): a second check finds none of it.
    pub repaired: Vec<String>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Desk {
    /// Finds what is wrong, and changes nothing.
    pub fn check(&self) -> Result<CheckReport> {
        check(self.conn())
    }

    /// `check`, then puts right what can be put right without a choice of hers: a search index
    /// out of step with the customers is rebuilt, and temporary files a crash left in the
    /// `files` folder are removed. A damaged file is never written to.
    pub fn check_and_repair(&mut self) -> Result<CheckReport> {
        let first = check(self.conn())?;
        if first.problems.iter().any(|p| p.starts_with("damaged")) {
            return Ok(first);
        }
        let mut repaired = Vec::new();
        if first.problems.iter().any(|p| p.contains("search index")) {
            self.ensure_sound()?;
            crate::customers::rebuild_search_index(self.conn())?;
            repaired.push("the search index was rebuilt".to_owned());
        }
        if let Ok(folder) = self.files_folder() {
            let stale = crate::files::forget_stale_incoming(&folder);
            if stale > 0 {
                repaired.push(format!(
                    "{stale} temporary file(s) left by an interrupted copy were removed"
                ));
            }
        }
        let mut report = check(self.conn())?;
        report.repaired = repaired;
        Ok(report)
    }
}

fn check(conn: &Connection) -> Result<CheckReport> {
    let mut problems = Vec::new();
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let integrity = strings("PRAGMA integrity_check")?;
    if integrity != ["ok"] {
        problems.extend(integrity.into_iter().map(|p| format!("damaged: {p}")));
    }
    problems.extend(strings(
        "SELECT format('%s row %d points at a missing %s', \"table\", rowid, parent) FROM pragma_foreign_key_check",
    )?);
    problems.extend(
        strings(
            "SELECT format('customer code %s is used by %d customers', min(code), count(*)) FROM customers
             WHERE erased_at IS NULL GROUP BY code COLLATE NOCASE HAVING count(*) > 1",
        )?,
    );
    problems.extend(strings(
        "SELECT format('customer %s has no code', id) FROM customers WHERE erased_at IS NULL AND code = ''",
    )?);
    if !crate::customers::rowids_are_dense(conn)? {
        problems.push("customer rows were deleted or renumbered outside Tripdesk: the search index needs rebuilding".into());
    }
    let indexed: u32 = conn.query_row("SELECT count(*) FROM customer_fts", [], |r| r.get(0))?;
    let searchable: u32 = conn.query_row(
        "SELECT count(*) FROM customers WHERE erased_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    if indexed != searchable {
        problems.push(format!(
            "the search index holds {indexed} customers instead of {searchable}"
        ));
    }
    for (table, what) in [("quotes", "quote"), ("bookings", "booking")] {
        problems.extend(strings(&format!(
            "SELECT format('{what} code %s is used by %d {what}s', code, count(*)) FROM {table}
             GROUP BY code HAVING count(*) > 1"
        ))?);
    }
    for (table, flag, what) in [
        ("contacts", "is_primary", "primary contacts"),
        ("addresses", "is_default", "default addresses"),
        ("bank_accounts", "is_default", "default bank accounts"),
    ] {
        problems.extend(strings(&format!(
            "SELECT format('customer %s has %d {what}', c.code, count(*)) FROM {table} t
             JOIN customers c ON c.id = t.customer_id
             WHERE t.{flag} = 1 AND t.deleted_at IS NULL GROUP BY t.customer_id HAVING count(*) > 1"
        ))?);
    }
    // Balances and totals are derived by exact integer sums, per currency: every amount must
    // be a whole number of minor units, in a currency code, and a payment in its booking's.
    for (table, column) in [
        ("payments", "amount"),
        ("prepaid_topups", "amount"),
        ("quote_lines", "unit_price"),
        ("booking_lines", "unit_price"),
    ] {
        problems.extend(strings(&format!(
            "SELECT format('{column} not a whole number of minor units in %d {table} rows', count(*))
             FROM {table} WHERE typeof({column}) <> 'integer' HAVING count(*) > 0"
        ))?);
    }
    for table in ["payments", "prepaid_topups", "quotes", "bookings"] {
        problems.extend(strings(&format!(
            "SELECT format('%d {table} have no currency code', count(*)) FROM {table}
             WHERE currency NOT GLOB '[A-Z][A-Z][A-Z]' HAVING count(*) > 0"
        ))?);
    }
    problems.extend(strings(
        "SELECT format('payment on %s is in %s, its booking in %s', b.code, p.currency, b.currency)
         FROM payments p JOIN bookings b ON b.id = p.booking_id
         WHERE p.deleted_at IS NULL AND p.currency <> b.currency",
    )?);
    problems.extend(strings(
        "SELECT format('payment on %s belongs to another customer than its booking', b.code)
         FROM payments p JOIN bookings b ON b.id = p.booking_id
         WHERE p.deleted_at IS NULL AND p.customer_id <> b.customer_id",
    )?);
    let device: i64 = conn.query_row(
        "SELECT count(*) FROM meta WHERE key = 'device_id' AND value <> ''",
        [],
        |r| r.get(0),
    )?;
    if device != 1 {
        problems.push("the file has no device id".into());
    }
    let customers = conn.query_row(
        "SELECT count(*) FROM customers WHERE erased_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(CheckReport {
        customers,
        problems,
        repaired: Vec::new(),
    })
}
