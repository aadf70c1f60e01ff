//! Customer levels: Lead, Potential, Customer and VIP built in, more defined in Settings.

use crate::customers::required;
use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, Result};
use crate::ids::LevelId;
use crate::Desk;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

/// A level. Built-in ones have a `key` and are named in the UI's language until she renames
/// them; hers have only a `name`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Level {
    pub id: LevelId,
    pub key: String,
    pub name: String,
    pub position: i64,
    /// Current customers at this level.
    pub customers: u32,
}

/// The steps "move on" takes a customer through.
const PIPELINE: [&str; 3] = ["lead", "potential", "customer"];

impl Desk {
    pub fn levels(&self) -> Result<Vec<Level>> {
        all(self.conn())
    }

    pub fn add_level(&mut self, name: &str) -> Result<Level> {
        self.transact("add_level", |tx| add(tx, name))
    }

    /// Renames a level; an empty name gives a built-in level its own name back.
    pub fn rename_level(&mut self, id: &LevelId, name: &str) -> Result<Level> {
        self.transact("rename_level", |tx| rename(tx, id, name))
    }

    /// Moves a level one place up (earlier) or down in the lists.
    pub fn move_level(&mut self, id: &LevelId, up: bool) -> Result<Vec<Level>> {
        self.transact("move_level", |tx| move_one(tx, id, up))
    }

    /// Removes a level she added, when no customer has it.
    pub fn remove_level(&mut self, id: &LevelId) -> Result<()> {
        self.transact("remove_level", |tx| remove(tx, id))
    }
}

fn row_to_level(r: &Row) -> rusqlite::Result<Level> {
    Ok(Level {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        position: r.get(3)?,
        customers: r.get(4)?,
    })
}

const SELECT: &str = "SELECT l.id, l.key, l.name, l.position,
        (SELECT count(*) FROM customers c WHERE c.level_id = l.id AND c.deleted_at IS NULL)
    FROM customer_levels l WHERE l.deleted_at IS NULL";

pub(crate) fn all(conn: &Connection) -> Result<Vec<Level>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY l.position, l.created_at"))?;
    let rows = stmt.query_map([], row_to_level)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: &LevelId) -> Result<Level> {
    conn.prepare_cached(&format!("{SELECT} AND l.id = ?1"))?
        .query_row([id], row_to_level)
        .optional()?
        .ok_or(Error::NotFound("level"))
}

pub(crate) fn exists(conn: &Connection, id: &LevelId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customer_levels WHERE id = ?1 AND deleted_at IS NULL")?
        .exists([id])?)
}

fn by_key(conn: &Connection, key: &str) -> Result<Option<LevelId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM customer_levels WHERE key = ?1 AND deleted_at IS NULL")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The level a customer gets when none is chosen: Lead.
pub(crate) fn default_level(conn: &Connection) -> Result<LevelId> {
    match by_key(conn, "lead")? {
        Some(id) => Ok(id),
        None => all(conn)?
            .into_iter()
            .next()
            .map(|l| l.id)
            .ok_or(Error::NotFound("level")),
    }
}

/// Where "move on" takes a customer at `current`: Lead → Potential → Customer, else nowhere.
pub(crate) fn promotion_target(
    conn: &Connection,
    current: Option<&LevelId>,
) -> Result<Option<LevelId>> {
    let Some(current) = current else {
        return Ok(None);
    };
    let key: Option<String> = conn
        .prepare_cached("SELECT key FROM customer_levels WHERE id = ?1")?
        .query_row([current], |r| r.get(0))
        .optional()?;
    let Some(step) = key.and_then(|k| PIPELINE.iter().position(|p| *p == k)) else {
        return Ok(None);
    };
    match PIPELINE.get(step + 1) {
        Some(next) => by_key(conn, next),
        None => Ok(None),
    }
}

pub(crate) fn add(tx: &Tx, name: &str) -> Result<Level> {
    let name = required("name", name, 60)?;
    let id = LevelId::new();
    let now = tx.now();
    let position: i64 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 10 FROM customer_levels",
        [],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO customer_levels (id, name, position, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        rusqlite::params![id, name, position, now],
    )?;
    tx.log(
        Entity::Level,
        id.as_str(),
        None,
        ChangeOp::Insert,
        inserted(&serde_json::json!({ "name": name, "position": position })),
    );
    get(tx, &id)
}

fn rename(tx: &mut Tx, id: &LevelId, name: &str) -> Result<Level> {
    let before = get(tx, id)?;
    let name = if before.key.is_empty() {
        required("name", name, 60)?
    } else {
        crate::text::clean(name)
    };
    tx.execute(
        "UPDATE customer_levels SET name = ?2, updated_at = ?3 WHERE id = ?1",
        rusqlite::params![id, name, tx.now()],
    )?;
    let changes = diff(
        &serde_json::json!({ "name": before.name }),
        &serde_json::json!({ "name": name }),
    );
    tx.log(Entity::Level, id.as_str(), None, ChangeOp::Update, changes);
    get(tx, id)
}

fn move_one(tx: &mut Tx, id: &LevelId, up: bool) -> Result<Vec<Level>> {
    let mut levels = all(tx)?;
    let at = levels
        .iter()
        .position(|l| &l.id == id)
        .ok_or(Error::NotFound("level"))?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|i| *i < levels.len())
    };
    let Some(other) = other else {
        return Ok(levels);
    };
    levels.swap(at, other);
    let now = tx.now();
    for (i, level) in levels.iter().enumerate() {
        let position = (i as i64 + 1) * 10;
        if level.position != position {
            tx.execute(
                "UPDATE customer_levels SET position = ?2, updated_at = ?3 WHERE id = ?1",
                rusqlite::params![level.id, position, now],
            )?;
            let changes = diff(
                &serde_json::json!({ "position": level.position }),
                &serde_json::json!({ "position": position }),
            );
            tx.log(
                Entity::Level,
                level.id.as_str(),
                None,
                ChangeOp::Update,
                changes,
            );
        }
    }
    all(tx)
}

fn remove(tx: &mut Tx, id: &LevelId) -> Result<()> {
    let level = get(tx, id)?;
    if !level.key.is_empty() {
        return Err(Error::NotAllowed(
            "a built-in level cannot be removed".into(),
        ));
    }
    // Archived customers keep their level too.
    let holders: u32 = tx.query_row(
        "SELECT count(*) FROM customers WHERE level_id = ?1 AND erased_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if holders > 0 {
        return Err(Error::InUse {
            what: "level",
            count: u64::from(holders),
        });
    }
    tx.execute(
        "UPDATE customer_levels SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        rusqlite::params![id, tx.now()],
    )?;
    tx.log(
        Entity::Level,
        id.as_str(),
        None,
        ChangeOp::Archive,
        Default::default(),
    );
    Ok(())
}
