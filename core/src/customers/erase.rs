//! Erasing a customer for good takes her records with her: the text of her contacts,
//! addresses, bank accounts, notes, follow-ups, tasks, files, quotes, bookings (with their
//! lines), payments and prepaid top-ups goes, in the records and in their history; their
//! tombstones stay, each logged as erased. Her stored files go too, unless a record of someone
//! else holds the same bytes.
//!
//! The money rows keep their amounts, currencies, days and codes: figures with no one's name
//! beside them say nothing about her, and the agency's totals stay whole.

use crate::db::{ChangeOp, Entity, Tx};
use crate::error::Result;
use crate::ids::CustomerId;

/// The tables of a customer's records, their entity, and the assignments that blank a row.
const HER_RECORDS: [(&str, Entity, &str); 11] = [
    (
        "contacts",
        Entity::Contact,
        "full_name = '', department = '', position_title = '', phone = '', email = '', is_primary = 0",
    ),
    (
        "addresses",
        Entity::Address,
        "line = '', city = '', country = '', is_default = 0",
    ),
    (
        "bank_accounts",
        Entity::BankAccount,
        "account_number = '', account_name = '', bank_name = '', branch = '', swift = '', is_default = 0",
    ),
    ("notes", Entity::Note, "body = '', pinned = 0"),
    (
        "followups",
        Entity::FollowUp,
        "subject = '', content = '', result = ''",
    ),
    ("tasks", Entity::Task, "name = '', description = ''"),
    ("files", Entity::File, "name = '', sha256 = '', size = 0"),
    (
        "quotes",
        Entity::Quote,
        "title = '', destination = '', notes = ''",
    ),
    (
        "bookings",
        Entity::Booking,
        "title = '', destination = '', notes = ''",
    ),
    ("payments", Entity::Payment, "reference = ''"),
    ("prepaid_topups", Entity::TopUp, "description = ''"),
];

/// The lines of her quotes and bookings, which name her through their parent: `(table, parent
/// column, parent table)`. Their changes are logged with their quote's or booking's.
const HER_LINES: [(&str, &str, &str); 2] = [
    ("quote_lines", "quote_id", "quotes"),
    ("booking_lines", "booking_id", "bookings"),
];

/// Blanks and deletes her records and redacts their change-log rows; returns the content
/// hashes her files had, for `files::forget_unused` once the transaction has committed.
pub(crate) fn erase_records(tx: &Tx, customer: &CustomerId) -> Result<Vec<String>> {
    let now = tx.now();
    let hashes: Vec<String> = tx
        .prepare_cached(
            "SELECT DISTINCT sha256 FROM files WHERE customer_id = ?1 AND sha256 <> ''",
        )?
        .query_map([customer], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, entity, blank) in HER_RECORDS {
        let ids: Vec<String> = tx
            .prepare_cached(&format!("SELECT id FROM {table} WHERE customer_id = ?1"))?
            .query_map([customer], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            continue;
        }
        tx.execute(
            &format!(
                "UPDATE {table} SET {blank}, updated_at = ?2, deleted_at = coalesce(deleted_at, ?2)
                 WHERE customer_id = ?1"
            ),
            rusqlite::params![customer, now],
        )?;
        redact_log(tx, customer, entity)?;
        for id in ids {
            tx.log(
                entity,
                &id,
                Some(customer.as_str()),
                ChangeOp::Erase,
                Default::default(),
            );
        }
    }
    for (table, parent, parents) in HER_LINES {
        tx.execute(
            &format!(
                "UPDATE {table} SET description = '', updated_at = ?2,
                    deleted_at = coalesce(deleted_at, ?2)
                 WHERE {parent} IN (SELECT id FROM {parents} WHERE customer_id = ?1)"
            ),
            rusqlite::params![customer, now],
        )?;
    }
    // Attaching a file to a task logs both names; the link itself holds nothing of hers.
    redact_log(tx, customer, Entity::TaskFile)?;
    Ok(hashes)
}

/// Every value of her change-log rows about `entity` becomes null; the field names stay.
fn redact_log(tx: &Tx, customer: &CustomerId, entity: Entity) -> Result<()> {
    let logged: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT id, changes FROM change_log WHERE customer_id = ?1 AND entity = ?2",
        )?
        .query_map(rusqlite::params![customer, entity.as_str()], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut redact = tx.prepare_cached("UPDATE change_log SET changes = ?2 WHERE id = ?1")?;
    for (row, changes) in logged {
        let mut value: serde_json::Value =
            serde_json::from_str(&changes).unwrap_or_else(|_| serde_json::json!({}));
        if let Some(fields) = value.as_object_mut() {
            fields
                .values_mut()
                .for_each(|v| *v = serde_json::Value::Null);
        }
        redact.execute([row, value.to_string()])?;
    }
    Ok(())
}
