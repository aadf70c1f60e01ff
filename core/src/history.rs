//! A customer's history: every change to her record, read back from the change log.

use crate::customers::{customer_ref, display_phone};
use crate::error::Result;
use crate::ids::CustomerId;
use crate::Desk;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// One change to one record.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryEntry {
    /// UTC, `2026-11-23T15:04:05.123Z`.
    pub at: String,
    /// `app`, `import`, `cli`, `demo` or `sync`.
    pub origin: String,
    /// The operation, as `Desk` names it: `add_customer`, `promote_customer`, ...
    pub action: String,
    /// `insert`, `update`, `archive`, `restore` or `erase`.
    pub op: String,
    pub entity: String,
    pub changes: Vec<FieldChange>,
}

/// One field's old and new value.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FieldChange {
    pub field: String,
    #[ts(type = "unknown")]
    pub old: Value,
    #[ts(type = "unknown")]
    pub new: Value,
    /// How the value reads when that is not the value itself: a referrer (`KH00012 Trần Văn
    /// An`), phones in her format.
    pub old_label: Option<String>,
    pub new_label: Option<String>,
}

/// The most entries one page of history shows.
const MAX_ENTRIES: u32 = 2000;

impl Desk {
    /// Her changes, newest first.
    pub fn customer_history(&self, id: &CustomerId) -> Result<Vec<HistoryEntry>> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT at, origin, action, op, entity, changes FROM change_log
             WHERE customer_id = ?1 ORDER BY hlc DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![id, MAX_ENTRIES], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (at, origin, action, op, entity, changes) = row?;
            let changes: serde_json::Map<String, Value> =
                serde_json::from_str(&changes).unwrap_or_default();
            let mut fields = Vec::with_capacity(changes.len());
            for (field, pair) in changes {
                let (old, new) = match pair {
                    // An insert logs the record's values, an update `[old, new]` pairs.
                    value if op == "insert" => (Value::Null, value),
                    Value::Array(mut p) if p.len() == 2 => {
                        let new = p.pop().unwrap_or(Value::Null);
                        (p.pop().unwrap_or(Value::Null), new)
                    }
                    other => (Value::Null, other),
                };
                let label = |v: &Value| -> Result<Option<String>> {
                    match (field.as_str(), v) {
                        ("referrer_id", Value::String(id)) => {
                            Ok(customer_ref(conn, &CustomerId(id.clone()))?
                                .map(|r| format!("{} {}", r.code, r.full_name)))
                        }
                        // A contact's one phone, in her format as the customer's are.
                        ("phone", Value::String(phone)) if !phone.is_empty() => {
                            Ok(Some(display_phone(phone)))
                        }
                        ("phones", Value::Array(phones)) => Ok(Some(
                            phones
                                .iter()
                                .filter_map(Value::as_str)
                                .map(display_phone)
                                .collect::<Vec<_>>()
                                .join(", "),
                        )),
                        _ => Ok(None),
                    }
                };
                if field == "custom" {
                    // One row per custom field that changed, named `custom.<id>`.
                    let empty = serde_json::Map::new();
                    let before = old.as_object().unwrap_or(&empty);
                    let after = new.as_object().unwrap_or(&empty);
                    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
                    keys.sort();
                    keys.dedup();
                    for key in keys {
                        let (o, n) = (before.get(key), after.get(key));
                        if o != n {
                            fields.push(FieldChange {
                                field: format!("custom.{key}"),
                                old: o.cloned().unwrap_or(Value::Null),
                                new: n.cloned().unwrap_or(Value::Null),
                                old_label: None,
                                new_label: None,
                            });
                        }
                    }
                    continue;
                }
                fields.push(FieldChange {
                    old_label: label(&old)?,
                    new_label: label(&new)?,
                    field,
                    old,
                    new,
                });
            }
            entries.push(HistoryEntry {
                at,
                origin,
                action,
                op,
                entity,
                changes: fields,
            });
        }
        Ok(entries)
    }
}
