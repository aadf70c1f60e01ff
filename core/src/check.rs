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
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Desk {
    pub fn check(&self) -> Result<CheckReport> {
        check(self.conn())
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
    })
}
