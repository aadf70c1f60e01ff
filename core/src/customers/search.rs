//! The search index of customers: folded words in FTS5, keyed by the customer's rowid, kept in
//! step with every write. Archived customers stay in it, tagged, so that both lists search.

use super::{fields, Customer};
use crate::error::Result;
use crate::ids::CustomerId;
use crate::text::{folded_chars, fts_prefix_query};
use rusqlite::{Connection, OptionalExtension};

/// What she may type to find a customer: name, code, phones, emails, passport, company.
pub(super) fn body(c: &Customer) -> String {
    // Written into one string, a part after another with a space between (empty parts too).
    let mut body = String::with_capacity(128);
    for (i, part) in [&c.full_name, &c.code, &c.passport_no, &c.company]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            body.push(' ');
        }
        body.extend(folded_chars(part));
    }
    for phone in &c.phones {
        body.push(' ');
        body.push_str(&fields::phone_search_terms(phone));
    }
    for email in &c.emails {
        body.push(' ');
        body.extend(folded_chars(email));
    }
    body
}

/// The FTS5 expression for words typed in the current (or the archived) list; `None` when
/// nothing searchable was typed.
pub(super) fn expression(typed: &str, archived: bool) -> Option<String> {
    let terms = fts_prefix_query(typed)?;
    let state = if archived {
        "AND tags : archived"
    } else {
        "NOT tags : archived"
    };
    Some(format!("body : ({terms}) {state}"))
}

/// (Re)indexes one customer; an erased one leaves the index.
pub(super) fn index(conn: &Connection, c: &Customer) -> Result<()> {
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT rowid FROM customers WHERE id = ?1")?
        .query_row([&c.id], |r| r.get(0))
        .optional()?;
    let Some(rowid) = rowid else { return Ok(()) };
    conn.prepare_cached("DELETE FROM customer_fts WHERE rowid = ?1")?
        .execute([rowid])?;
    if !c.erased {
        let tags = if c.archived_at.is_some() {
            "archived"
        } else {
            ""
        };
        conn.prepare_cached("INSERT INTO customer_fts (rowid, body, tags) VALUES (?1, ?2, ?3)")?
            .execute(rusqlite::params![rowid, body(c), tags])?;
    }
    Ok(())
}

pub(super) fn remove(conn: &Connection, id: &CustomerId) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM customer_fts WHERE rowid = (SELECT rowid FROM customers WHERE id = ?1)",
    )?
    .execute([id])?;
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

/// Whether the index's keys still name the right customers: they do while customers' rowids
/// run from 1 without gaps (nothing deletes a customer row, and a VACUUM keeps dense rowids).
pub fn rowids_are_dense(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT coalesce(max(rowid), 0) = count(*) FROM customers",
        [],
        |r| r.get(0),
    )?)
}

/// Rebuilds the whole index from the records; it is local data, so nothing is lost by this.
pub fn rebuild(conn: &Connection) -> Result<u32> {
    conn.execute(
        "INSERT INTO customer_fts (customer_fts) VALUES ('delete-all')",
        [],
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM customers WHERE erased_at IS NULL",
        super::COLUMNS
    ))?;
    let customers = stmt.query_map([], super::row_to_customer)?;
    let mut n = 0;
    for c in customers {
        index(conn, &c?)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_a_customer_are_her_fields_folded_in_order() {
        let c = Customer {
            full_name: "Đặng Thị Quỳnh".into(),
            code: "KH-A01".into(),
            company: "Công ty Sen Vàng".into(),
            phones: vec!["+84903123456".into()],
            emails: vec!["Quynh@Example.vn".into(), "q@b.vn".into()],
            ..Default::default()
        };
        assert_eq!(
            body(&c),
            "dang thi quynh kh-a01  cong ty sen vang 0903123456 84903123456 quynh@example.vn q@b.vn"
        );
    }
}
