//! `Tx`: one transaction and the change-log rows it will append when it commits.

use super::Clock;
use crate::error::Result;
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
    Contact,
    Address,
    BankAccount,
    Note,
    CareMethod,
    FollowUp,
    TaskType,
    Task,
    File,
    TaskFile,
    AgencyAccount,
    Quote,
    Booking,
    Payment,
    TopUp,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Customer => "customer",
            Entity::Staff => "staff",
            Entity::Level => "level",
            Entity::CustomField => "custom_field",
            Entity::Agency => "agency",
            Entity::Contact => "contact",
            Entity::Address => "address",
            Entity::BankAccount => "bank_account",
            Entity::Note => "note",
            Entity::CareMethod => "care_method",
            Entity::FollowUp => "followup",
            Entity::TaskType => "task_type",
            Entity::Task => "task",
            Entity::File => "file",
            Entity::TaskFile => "task_file",
            Entity::AgencyAccount => "agency_account",
            Entity::Quote => "quote",
            Entity::Booking => "booking",
            Entity::Payment => "payment",
            Entity::TopUp => "top_up",
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
    pub changes: Changes,
}

/// A change's fields, or the JSON text they serialize to (an import writes its rows' text
/// beside the writing, so that 100,000 maps never wait in memory for the commit).
pub(crate) enum Changes {
    Fields(Map<String, Value>),
    Json(String),
}

impl Changes {
    fn into_json(self) -> String {
        match self {
            Changes::Fields(map) => Value::Object(map).to_string(),
            Changes::Json(text) => text,
        }
    }
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
        self.push(entity, entity_id, customer_id, op, Changes::Fields(changes));
    }

    /// `log` for an insert whose record is already serialized: `json` must be exactly what
    /// `serde_json` writes for `inserted(&record)`.
    pub(crate) fn log_insert_json(
        &self,
        entity: Entity,
        entity_id: &str,
        customer_id: Option<&str>,
        json: String,
    ) {
        self.push(
            entity,
            entity_id,
            customer_id,
            ChangeOp::Insert,
            Changes::Json(json),
        );
    }

    fn push(
        &self,
        entity: Entity,
        entity_id: &str,
        customer_id: Option<&str>,
        op: ChangeOp,
        changes: Changes,
    ) {
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

/// What every change-log row of one transaction shares.
pub(crate) struct LogHeader<'a> {
    pub tx_id: &'a str,
    pub at: &'a str,
    pub now_ms: i64,
    pub device_id: &'a str,
    pub origin: &'a str,
    pub action: &'a str,
}

/// Change-log rows written by one statement when a transaction has many (an import): each
/// execution of an INSERT builds the lookup tables of the `CHECK (... IN (...))` constraints
/// anew, so one statement for many rows saves most of that work.
const LOG_ROWS_PER_STATEMENT: usize = 64;
const LOG_COLUMNS: usize = 12;
const LOG_INSERT: &str = "INSERT INTO change_log (id, tx_id, at, hlc, device_id, origin, action, entity, entity_id, customer_id, op, changes) VALUES ";

/// Appends the change-log rows of a transaction, in the order they were logged, each stamped
/// by `clock`; returns the last stamp (empty when there was nothing to append).
pub(crate) fn append_log(
    tx: &Transaction,
    header: &LogHeader,
    clock: &mut Clock,
    pending: Vec<PendingChange>,
) -> Result<String> {
    let mut hlc = String::new();
    let mut rows = pending.into_iter();
    let mut one = tx.prepare_cached(&values_sql(LOG_INSERT, LOG_COLUMNS, 1))?;
    let mut many = if rows.len() >= LOG_ROWS_PER_STATEMENT {
        Some(tx.prepare_cached(&values_sql(LOG_INSERT, LOG_COLUMNS, LOG_ROWS_PER_STATEMENT))?)
    } else {
        None
    };
    while !rows.as_slice().is_empty() {
        let (stmt, n) = match many.as_mut() {
            Some(many) if rows.len() >= LOG_ROWS_PER_STATEMENT => (many, LOG_ROWS_PER_STATEMENT),
            _ => (&mut one, 1),
        };
        for (k, change) in rows.by_ref().take(n).enumerate() {
            hlc = clock.tick(header.now_ms);
            let at = k * LOG_COLUMNS;
            stmt.raw_bind_parameter(at + 1, uuid::Uuid::now_v7().to_string())?;
            stmt.raw_bind_parameter(at + 2, header.tx_id)?;
            stmt.raw_bind_parameter(at + 3, header.at)?;
            stmt.raw_bind_parameter(at + 4, &hlc)?;
            stmt.raw_bind_parameter(at + 5, header.device_id)?;
            stmt.raw_bind_parameter(at + 6, header.origin)?;
            stmt.raw_bind_parameter(at + 7, header.action)?;
            stmt.raw_bind_parameter(at + 8, change.entity.as_str())?;
            stmt.raw_bind_parameter(at + 9, change.entity_id)?;
            stmt.raw_bind_parameter(at + 10, change.customer_id)?;
            stmt.raw_bind_parameter(at + 11, change.op.as_str())?;
            stmt.raw_bind_parameter(at + 12, change.changes.into_json())?;
        }
        stmt.raw_execute()?;
    }
    Ok(hlc)
}

/// `<head>(?, ?, …), (?, ?, …), …`: `rows` rows of `columns` parameters.
pub(crate) fn values_sql(head: &str, columns: usize, rows: usize) -> String {
    let row = format!("({})", vec!["?"; columns].join(", "));
    format!("{head}{}", vec![row; rows].join(", "))
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
