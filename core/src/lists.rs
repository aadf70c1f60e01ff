//! The short lists she edits in Settings: care methods (Call, Email, Meet, SMS, Zalo, Other)
//! and task types. Built-in entries have a `key` and are named in the UI's language until she
//! renames them; hers have only a `name`.

use crate::error::Result;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    CareMethods,
    TaskTypes,
}

impl ListKind {
    pub(crate) fn table(self) -> &'static str {
        match self {
            ListKind::CareMethods => "care_methods",
            ListKind::TaskTypes => "task_types",
        }
    }
}

/// One entry of a list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListEntry {
    pub id: String,
    pub key: String,
    pub name: String,
    pub position: i64,
}

fn row_to_entry(r: &Row) -> rusqlite::Result<ListEntry> {
    Ok(ListEntry {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        position: r.get(3)?,
    })
}

/// The current entries of a list, in her order.
pub(crate) fn entries(conn: &Connection, kind: ListKind) -> Result<Vec<ListEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, key, name, position FROM {} WHERE deleted_at IS NULL ORDER BY position, created_at",
        kind.table()
    ))?;
    let rows = stmt.query_map([], row_to_entry)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether `id` is a current entry of the list.
pub(crate) fn exists(conn: &Connection, kind: ListKind, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT 1 FROM {} WHERE id = ?1 AND deleted_at IS NULL",
            kind.table()
        ))?
        .exists([id])?)
}
