//! `Tx`: one transaction and the change-log rows it will append when it commits.

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde_json::{Map, Value};
use std::ops::Deref;

/// The kind of record a change-log row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Customer,
    Staff,
    Level,
    CustomField,
    Agency,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Customer => "customer",
            Entity::Staff => "staff",
            Entity::Level => "level",
            Entity::CustomField => "custom_field",
            Entity::Agency => "agency",
        }
    }
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    Insert,
    Update,
    Archive,
    Restore,
    Erase,
}

impl ChangeOp {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeOp::Insert => "insert",
            ChangeOp::Update => "update",
            ChangeOp::Archive => "archive",
            ChangeOp::Restore => "restore",
            ChangeOp::Erase => "erase",
        }
    }
}

pub(crate) struct PendingChange {
    pub entity: Entity,
    pub entity_id: String,
    pub customer_id: String,
    pub op: ChangeOp,
    pub changes: Map<String, Value>,
}

/// A write transaction. Area functions take `&mut Tx`, write through it (it derefs to the
/// connection) and say what they changed with `log`; `Desk::transact` does the rest.
pub struct Tx<'c> {
    tx: Transaction<'c>,
    now: DateTime<Utc>,
    id: String,
    pending: std::cell::RefCell<Vec<PendingChange>>,
}

impl<'c> Tx<'c> {
    pub(crate) fn new(tx: Transaction<'c>, now: DateTime<Utc>) -> Self {
        Tx {
            tx,
            now,
            id: uuid::Uuid::now_v7().to_string(),
            pending: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The id its change-log rows share (`tx_id`): an import is known by it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The one timestamp of this transaction, as stored: `2026-11-23T15:04:05.123Z`.
    pub fn now(&self) -> String {
        crate::timestamp(self.now)
    }

    /// Records a change to one record: the changed fields only, `{"field": [old, new]}`
    /// (for an insert, the record: `{"field": value}` for every field that is not empty).
    /// Empty updates are dropped.
    pub fn log(
        &self,
        entity: Entity,
        entity_id: &str,
        customer_id: Option<&str>,
        op: ChangeOp,
        changes: Map<String, Value>,
    ) {
        if op == ChangeOp::Update && changes.is_empty() {
            return;
        }
        self.pending.borrow_mut().push(PendingChange {
            entity,
            entity_id: entity_id.to_owned(),
            customer_id: customer_id.unwrap_or_default().to_owned(),
            op,
            changes,
        });
    }

    pub(crate) fn into_parts(self) -> (Transaction<'c>, String, Vec<PendingChange>) {
        (self.tx, self.id, self.pending.into_inner())
    }
}

impl<'c> Deref for Tx<'c> {
    type Target = Transaction<'c>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

/// The fields that differ between two serialized versions of a record, as `[old, new]` pairs.
pub fn diff(old: &Value, new: &Value) -> Map<String, Value> {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut out = Map::new();
    for (key, after) in new {
        let before = old.get(key).unwrap_or(&Value::Null);
        if before != after {
            out.insert(
                key.clone(),
                Value::Array(vec![before.clone(), after.clone()]),
            );
        }
    }
    out
}

/// A new record as the log keeps it: its fields that hold something.
pub fn inserted(new: &Value) -> Map<String, Value> {
    let empty = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    new.as_object()
        .map(|fields| {
            fields
                .iter()
                .filter(|(_, v)| !empty(v))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}
