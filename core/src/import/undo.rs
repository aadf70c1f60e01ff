//! Undoing an import as a whole: the customers it created go (their tombstones stay, as for
//! any erased customer), the ones it updated get their old values back, unless she has
//! edited them since, which the undo names instead of overwriting her work.

use crate::customers::{self, CustomerRef};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::ids::CustomerId;
use crate::{Desk, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// One import, as the list of imports shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportRecord {
    pub id: String,
    pub at: String,
    pub file_name: String,
    pub sheet: String,
    pub created: u32,
    pub updated: u32,
    pub skipped: u32,
    pub errors: u32,
    pub undone_at: Option<String>,
}

/// What undoing an import will do (or did).
#[derive(Debug, Clone, Serialize, TS)]
pub struct UndoPreview {
    pub id: String,
    /// Customers it created that go away.
    pub removed: u32,
    /// Customers it updated that get their old values back.
    pub restored: u32,
    /// Customers edited since the import: left as they are.
    pub blocked: Vec<CustomerRef>,
}

impl Desk {
    /// The imports into this file, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, at, file_name, sheet, created, updated, skipped, errors, undone_at
             FROM imports ORDER BY at DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ImportRecord {
                id: r.get(0)?,
                at: r.get(1)?,
                file_name: r.get(2)?,
                sheet: r.get(3)?,
                created: r.get(4)?,
                updated: r.get(5)?,
                skipped: r.get(6)?,
                errors: r.get(7)?,
                undone_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What `undo_import` would do, without doing it.
    pub fn undo_import_preview(&self, id: &str) -> Result<UndoPreview> {
        let steps = steps(self.conn(), id)?;
        summarize(self.conn(), id, &steps)
    }

    /// Undoes an import: what it created goes, what it updated gets its old values back;
    /// customers edited since are left as they are and named in the answer.
    pub fn undo_import(&mut self, id: &str) -> Result<UndoPreview> {
        let id = id.to_owned();
        self.transact_as(Origin::App, "undo_import", |tx| {
            let steps = steps(tx, &id)?;
            let summary = summarize(tx, &id, &steps)?;
            for step in steps.iter().filter(|s| !s.edited_since) {
                match step.op.as_str() {
                    // Someone created by the import and not edited since has no files.
                    "insert" => customers::erase_quietly(tx, &step.customer).map(drop)?,
                    "update" => restore(tx, &step.customer, &step.changes)?,
                    _ => {}
                }
            }
            customers::purge_search(tx)?;
            tx.execute(
                "UPDATE imports SET undone_at = ?2 WHERE id = ?1",
                rusqlite::params![id, tx.now()],
            )?;
            Ok(summary)
        })
    }
}

struct Step {
    customer: CustomerId,
    op: String,
    changes: serde_json::Map<String, Value>,
    edited_since: bool,
}

fn steps(conn: &Connection, id: &str) -> Result<Vec<Step>> {
    let undone: Option<Option<String>> = conn
        .query_row("SELECT undone_at FROM imports WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match undone {
        None => return Err(Error::NotFound("import")),
        Some(Some(_)) => return Err(Error::NotAllowed("this import was undone already".into())),
        Some(None) => {}
    }
    let mut stmt = conn.prepare(
        "SELECT l.entity_id, l.op, l.changes,
            EXISTS (SELECT 1 FROM change_log later
                    WHERE later.customer_id = l.customer_id AND later.hlc > l.hlc
                      AND later.tx_id <> l.tx_id)
         FROM change_log l
         WHERE l.tx_id = ?1 AND l.entity = 'customer'
         ORDER BY l.hlc",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, CustomerId>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (customer, op, changes, edited_since) = row?;
        out.push(Step {
            customer,
            op,
            changes: serde_json::from_str(&changes).unwrap_or_default(),
            edited_since,
        });
    }
    // A customer created and then linked to a referrer by the same import has two rows: the
    // insert decides.
    let inserted: std::collections::HashSet<CustomerId> = out
        .iter()
        .filter(|s| s.op == "insert")
        .map(|s| s.customer.clone())
        .collect();
    out.retain(|s| s.op == "insert" || !inserted.contains(&s.customer));
    Ok(out)
}

fn summarize(conn: &Connection, id: &str, steps: &[Step]) -> Result<UndoPreview> {
    let mut summary = UndoPreview {
        id: id.to_owned(),
        removed: 0,
        restored: 0,
        blocked: Vec::new(),
    };
    for step in steps {
        if step.edited_since {
            if let Some(r) = customers::customer_ref(conn, &step.customer)? {
                summary.blocked.push(r);
            }
        } else if step.op == "insert" {
            summary.removed += 1;
        } else if step.op == "update" {
            summary.restored += 1;
        }
    }
    Ok(summary)
}

/// Puts back the old value of every field an update changed.
fn restore(tx: &mut Tx, id: &CustomerId, changes: &serde_json::Map<String, Value>) -> Result<()> {
    let current = customers::get(tx, id)?;
    let mut record = serde_json::to_value(&current)?;
    if let Some(fields) = record.as_object_mut() {
        for (field, pair) in changes {
            if let Value::Array(p) = pair {
                if let Some(old) = p.first() {
                    fields.insert(field.clone(), old.clone());
                }
            }
        }
    }
    let restored: customers::Customer = serde_json::from_value(record)?;
    customers::save_changes(tx, &current, restored)?;
    Ok(())
}
