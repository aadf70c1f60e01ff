//! The search index of customers: folded text in FTS5, kept in step with every write.

use super::{fields, Customer};
use crate::error::Result;
use crate::ids::CustomerId;
use crate::text::fold;
use rusqlite::{Connection, OptionalExtension};

/// What she may type to find a customer: name, code, phones, emails, passport, company.
fn body(c: &Customer) -> String {
    let mut parts = vec![
        fold(&c.full_name),
        fold(&c.code),
        fold(&c.passport_no),
        fold(&c.company),
    ];
    parts.extend(c.phones.iter().map(|p| fields::phone_search_terms(p)));
    parts.extend(c.emails.iter().map(|e| fold(e)));
    parts.join(" ")
}

/// (Re)indexes one customer; an erased one leaves the index.
pub(super) fn index(conn: &Connection, c: &Customer) -> Result<()> {
    if c.erased {
        return remove(conn, &c.id);
    }
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT rowid FROM customer_search WHERE customer_id = ?1")?
        .query_row([&c.id], |r| r.get(0))
        .optional()?;
    let rowid = match rowid {
        Some(rowid) => {
            conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?
                .execute([rowid])?;
            rowid
        }
        None => {
            conn.prepare_cached("INSERT INTO customer_search (customer_id) VALUES (?1)")?
                .execute([&c.id])?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached("INSERT INTO customer_fts (rowid, body) VALUES (?1, ?2)")?
        .execute(rusqlite::params![rowid, body(c)])?;
    Ok(())
}

/// Merges the index so that no trace of removed entries stays in it (an erased customer's
/// words would otherwise linger in old segments until a merge).
pub(super) fn purge(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO customer_fts (customer_fts) VALUES ('optimize')",
        [],
    )?;
    Ok(())
}

pub(super) fn remove(conn: &Connection, id: &CustomerId) -> Result<()> {
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT rowid FROM customer_search WHERE customer_id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if let Some(rowid) = rowid {
        conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?
            .execute([rowid])?;
        conn.prepare_cached("DELETE FROM customer_search WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}
