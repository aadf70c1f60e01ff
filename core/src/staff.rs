//! The agency's staff: who can be responsible for a customer.

use crate::customers::{is_email, required};
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::StaffId;
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Staff {
    pub id: StaffId,
    pub name: String,
    pub email: String,
    /// No longer with the agency: kept so that her customers still name her.
    pub removed: bool,
    /// Current customers she is responsible for.
    pub customers: u32,
}

/// What the staff form sends.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StaffInput {
    pub name: String,
    pub email: String,
}

impl Desk {
    /// Everyone, removed members last.
    pub fn staff(&self) -> Result<Vec<Staff>> {
        all(self.conn())
    }

    pub fn add_staff(&mut self, input: StaffInput) -> Result<Staff> {
        self.transact("add_staff", |tx| add(tx, input))
    }

    pub fn update_staff(&mut self, id: &StaffId, input: StaffInput) -> Result<Staff> {
        self.transact("update_staff", |tx| update(tx, id, input))
    }

    /// Marks a member as gone; her customers keep her name until someone else takes them.
    pub fn remove_staff(&mut self, id: &StaffId) -> Result<()> {
        self.transact("remove_staff", |tx| remove(tx, id))
    }
}

const SELECT: &str = "SELECT s.id, s.name, s.email, s.deleted_at IS NOT NULL,
        (SELECT count(*) FROM customers c WHERE c.responsible_id = s.id AND c.deleted_at IS NULL)
    FROM staff s";

fn row_to_staff(r: &Row) -> rusqlite::Result<Staff> {
    Ok(Staff {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        removed: r.get(3)?,
        customers: r.get(4)?,
    })
}

pub(crate) fn all(conn: &Connection) -> Result<Vec<Staff>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} ORDER BY s.deleted_at IS NOT NULL, s.name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], row_to_staff)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: &StaffId) -> Result<Staff> {
    conn.prepare_cached(&format!("{SELECT} WHERE s.id = ?1"))?
        .query_row([id], row_to_staff)
        .optional()?
        .ok_or(Error::NotFound("staff"))
}

pub(crate) fn exists(conn: &Connection, id: &StaffId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM staff WHERE id = ?1 AND deleted_at IS NULL")?
        .exists([id])?)
}

fn validated(input: StaffInput) -> Result<StaffInput> {
    let name = required("name", &input.name, 100)?;
    let email = crate::text::clean(&input.email);
    if !email.is_empty() && !is_email(&email) {
        return Err(Error::invalid("email", ErrorKind::InvalidEmail, email));
    }
    Ok(StaffInput { name, email })
}

pub(crate) fn add(tx: &Tx, input: StaffInput) -> Result<Staff> {
    let input = validated(input)?;
    let id = StaffId::new();
    tx.execute(
        "INSERT INTO staff (id, name, email, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        rusqlite::params![id, input.name, input.email, tx.now()],
    )?;
    tx.log(
        Entity::Staff,
        id.as_str(),
        None,
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&input)?),
    );
    get(tx, &id)
}

fn update(tx: &mut Tx, id: &StaffId, input: StaffInput) -> Result<Staff> {
    let before = get(tx, id)?;
    let input = validated(input)?;
    tx.execute(
        "UPDATE staff SET name = ?2, email = ?3, updated_at = ?4 WHERE id = ?1",
        rusqlite::params![id, input.name, input.email, tx.now()],
    )?;
    let old = StaffInput {
        name: before.name,
        email: before.email,
    };
    let changes = diff(&serde_json::to_value(&old)?, &serde_json::to_value(&input)?);
    tx.log(Entity::Staff, id.as_str(), None, ChangeOp::Update, changes);
    get(tx, id)
}

fn remove(tx: &mut Tx, id: &StaffId) -> Result<()> {
    get(tx, id)?;
    tx.execute(
        "UPDATE staff SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        rusqlite::params![id, tx.now()],
    )?;
    tx.log(
        Entity::Staff,
        id.as_str(),
        None,
        ChangeOp::Archive,
        Default::default(),
    );
    Ok(())
}
