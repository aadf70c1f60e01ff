//! The short lists she edits in Settings: care methods (Call, Email, Meet, SMS, Zalo, Other)
//! and task types. Built-in entries have a `key` and are named in the UI's language until she
//! renames them; hers have only a `name`.

use crate::customers::required;
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, Result};
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
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

impl ListKind {
    fn entity(self) -> Entity {
        match self {
            ListKind::CareMethods => Entity::CareMethod,
            ListKind::TaskTypes => Entity::TaskType,
        }
    }

    fn what(self) -> &'static str {
        match self {
            ListKind::CareMethods => "care method",
            ListKind::TaskTypes => "task type",
        }
    }
}

impl Desk {
    /// The current entries of a list, in her order.
    pub fn list_entries(&self, kind: ListKind) -> Result<Vec<ListEntry>> {
        entries(self.conn(), kind)
    }

    pub fn add_list_entry(&mut self, kind: ListKind, name: &str) -> Result<ListEntry> {
        self.transact("add_list_entry", |tx| add(tx, kind, name))
    }

    /// Renames an entry; an empty name gives a built-in entry its own name back.
    pub fn rename_list_entry(&mut self, kind: ListKind, id: &str, name: &str) -> Result<ListEntry> {
        self.transact("rename_list_entry", |tx| rename(tx, kind, id, name))
    }

    /// Moves an entry one place up (earlier) or down in the list.
    pub fn move_list_entry(
        &mut self,
        kind: ListKind,
        id: &str,
        up: bool,
    ) -> Result<Vec<ListEntry>> {
        self.transact("move_list_entry", |tx| move_one(tx, kind, id, up))
    }

    /// Takes an entry out of the choices (built-in ones too); the follow-ups and tasks that
    /// have it keep showing its name.
    pub fn remove_list_entry(&mut self, kind: ListKind, id: &str) -> Result<()> {
        self.transact("remove_list_entry", |tx| set_removed(tx, kind, id, true))
    }

    /// Puts a removed entry back among the choices (the Undo of a removal).
    pub fn restore_list_entry(&mut self, kind: ListKind, id: &str) -> Result<ListEntry> {
        self.transact("restore_list_entry", |tx| {
            set_removed(tx, kind, id, false)?;
            get(tx, kind, id)
        })
    }
}

/// An entry, current or removed: a record that has it still names it.
pub(crate) fn get(conn: &Connection, kind: ListKind, id: &str) -> Result<ListEntry> {
    conn.prepare_cached(&format!(
        "SELECT id, key, name, position FROM {} WHERE id = ?1",
        kind.table()
    ))?
    .query_row([id], row_to_entry)
    .optional()?
    .ok_or(Error::NotFound(kind.what()))
}

fn add(tx: &Tx, kind: ListKind, name: &str) -> Result<ListEntry> {
    let name = required("name", name, 60)?;
    let id = uuid::Uuid::now_v7().to_string();
    let position: i64 = tx.query_row(
        &format!(
            "SELECT coalesce(max(position), 0) + 10 FROM {}",
            kind.table()
        ),
        [],
        |r| r.get(0),
    )?;
    tx.execute(
        &format!(
            "INSERT INTO {} (id, name, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            kind.table()
        ),
        rusqlite::params![id, name, position, tx.now()],
    )?;
    tx.log(
        kind.entity(),
        &id,
        None,
        ChangeOp::Insert,
        inserted(&serde_json::json!({ "name": name, "position": position })),
    );
    get(tx, kind, &id)
}

fn current(conn: &Connection, kind: ListKind, id: &str) -> Result<ListEntry> {
    if !exists(conn, kind, id)? {
        return Err(Error::NotFound(kind.what()));
    }
    get(conn, kind, id)
}

fn rename(tx: &Tx, kind: ListKind, id: &str, name: &str) -> Result<ListEntry> {
    let before = current(tx, kind, id)?;
    let name = if before.key.is_empty() {
        required("name", name, 60)?
    } else if crate::text::clean(name).is_empty() {
        String::new()
    } else {
        required("name", name, 60)?
    };
    tx.execute(
        &format!(
            "UPDATE {} SET name = ?2, updated_at = ?3 WHERE id = ?1",
            kind.table()
        ),
        rusqlite::params![id, name, tx.now()],
    )?;
    let changes = diff(
        &serde_json::json!({ "name": before.name }),
        &serde_json::json!({ "name": name }),
    );
    tx.log(kind.entity(), id, None, ChangeOp::Update, changes);
    get(tx, kind, id)
}

fn move_one(tx: &Tx, kind: ListKind, id: &str, up: bool) -> Result<Vec<ListEntry>> {
    let mut list = entries(tx, kind)?;
    let at = list
        .iter()
        .position(|e| e.id == id)
        .ok_or(Error::NotFound(kind.what()))?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|i| *i < list.len())
    };
    let Some(other) = other else {
        return Ok(list);
    };
    list.swap(at, other);
    let now = tx.now();
    for (i, entry) in list.iter().enumerate() {
        let position = (i as i64 + 1) * 10;
        if entry.position != position {
            tx.execute(
                &format!(
                    "UPDATE {} SET position = ?2, updated_at = ?3 WHERE id = ?1",
                    kind.table()
                ),
                rusqlite::params![entry.id, position, now],
            )?;
            let changes = diff(
                &serde_json::json!({ "position": entry.position }),
                &serde_json::json!({ "position": position }),
            );
            tx.log(kind.entity(), &entry.id, None, ChangeOp::Update, changes);
        }
    }
    entries(tx, kind)
}

fn set_removed(tx: &Tx, kind: ListKind, id: &str, removed: bool) -> Result<()> {
    get(tx, kind, id)?;
    let now = tx.now();
    let changed = if removed {
        tx.execute(
            &format!(
                "UPDATE {} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                kind.table()
            ),
            rusqlite::params![id, now],
        )?
    } else {
        tx.execute(
            &format!(
                "UPDATE {} SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
                kind.table()
            ),
            rusqlite::params![id, now],
        )?
    };
    if changed > 0 {
        let op = if removed {
            ChangeOp::Archive
        } else {
            ChangeOp::Restore
        };
        tx.log(kind.entity(), id, None, op, Default::default());
    }
    Ok(())
}
