//! Customers: the record at the centre of the desk, its edits, archive, restore and erasure.

mod bulk;
mod erase;
pub(crate) mod fields;
mod list;
mod search;

pub(crate) use bulk::{BulkMode, Inserter, NewRow};
pub use fields::display_phone;
pub use fields::CustomerChange;
pub(crate) use fields::{is_email, normalize_phone, required};
pub(crate) use list::each_row;
pub use list::{CustomerList, CustomerQuery, CustomerRow, CustomerSort};
pub use search::{rebuild as rebuild_search_index, rowids_are_dense};

use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CustomerId, LevelId, StaffId};
use crate::{levels, Desk};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use ts_rs::TS;

/// A customer as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Customer {
    pub id: CustomerId,
    pub code: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: Option<NaiveDate>,
    /// E.164 (`+84903123456`).
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub address: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    pub company: String,
    pub position_title: String,
    pub level_id: Option<LevelId>,
    pub customer_type: CustomerType,
    pub source: String,
    pub referrer_id: Option<CustomerId>,
    /// The group or unit the customer is assigned to.
    pub assigned_to: String,
    pub responsible_id: Option<StaffId>,
    pub facebook: String,
    pub zalo: String,
    pub linkedin: String,
    pub x: String,
    pub passport_no: String,
    pub passport_expiry: Option<NaiveDate>,
    pub description: String,
    /// Values of the custom fields, by custom field id.
    pub custom: BTreeMap<String, String>,
    pub last_contact_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
    pub archived_at: Option<String>,
    pub erased: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    #[default]
    #[serde(rename = "")]
    Unknown,
    Female,
    Male,
    Other,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomerType {
    #[default]
    Individual,
    Company,
    Agency,
}

/// What the add dialogs send: every field as typed (dates as text), all optional but the name.
/// An empty code gets the next free `KH00001`-style code.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NewCustomer {
    pub code: String,
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub address: String,
    pub country: String,
    pub company: String,
    pub position_title: String,
    pub level_id: Option<LevelId>,
    pub customer_type: CustomerType,
    pub source: String,
    pub referrer_id: Option<CustomerId>,
    pub assigned_to: String,
    pub responsible_id: Option<StaffId>,
    pub facebook: String,
    pub zalo: String,
    pub linkedin: String,
    pub x: String,
    pub passport_no: String,
    pub passport_expiry: String,
    pub description: String,
    pub custom: BTreeMap<String, String>,
    pub last_contact_on: String,
}

/// Another customer, as a link shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CustomerRef {
    pub id: CustomerId,
    pub code: String,
    pub full_name: String,
    pub archived: bool,
}

/// A customer's page: the record and what the page shows beside it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerView {
    pub customer: Customer,
    /// The phones as she reads them (`090 312 34 56` for Vietnam, international otherwise).
    pub phones_display: Vec<String>,
    pub referrer: Option<CustomerRef>,
    /// The level "move on" leads to (Lead → Potential → Customer), when there is one.
    pub promote_to: Option<LevelId>,
}

/// What erasing a customer for good will take away, for the confirmation to name.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErasePreview {
    pub code: String,
    pub full_name: String,
    pub history_entries: u32,
    pub referred_customers: u32,
}

impl Desk {
    pub fn add_customer(&mut self, new: NewCustomer) -> Result<Customer> {
        self.transact("add_customer", |tx| add(tx, new))
    }

    pub fn update_customer(
        &mut self,
        id: &CustomerId,
        changes: Vec<CustomerChange>,
    ) -> Result<Customer> {
        self.transact("update_customer", |tx| update(tx, id, changes))
    }

    /// Moves a Lead to Potential, or a Potential to Customer, as one recorded step.
    pub fn promote_customer(&mut self, id: &CustomerId) -> Result<Customer> {
        self.transact("promote_customer", |tx| promote(tx, id))
    }

    pub fn archive_customer(&mut self, id: &CustomerId) -> Result<Customer> {
        self.transact("archive_customer", |tx| set_archived(tx, id, true))
    }

    pub fn restore_customer(&mut self, id: &CustomerId) -> Result<Customer> {
        self.transact("restore_customer", |tx| set_archived(tx, id, false))
    }

    /// Erases her personal data for good, in the record and in its history; a tombstone stays.
    pub fn erase_customer(&mut self, id: &CustomerId) -> Result<()> {
        let hashes = self.transact("erase_customer", |tx| erase(tx, id))?;
        crate::files::forget_unused(self, &hashes);
        Ok(())
    }

    pub fn customer(&self, id: &CustomerId) -> Result<Customer> {
        get(self.conn(), id)
    }

    /// The customer with this code (case ignored), erased ones excepted.
    pub fn customer_by_code(&self, code: &str) -> Result<Option<CustomerId>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM customers WHERE code = ?1 COLLATE NOCASE AND erased_at IS NULL",
                [code.trim()],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn customer_view(&self, id: &CustomerId) -> Result<CustomerView> {
        view(self.conn(), id)
    }

    pub fn erase_preview(&self, id: &CustomerId) -> Result<ErasePreview> {
        erase_preview(self.conn(), id)
    }

    /// Remembers that she opened this customer (this device only; not part of the history).
    pub fn record_view(&mut self, id: &CustomerId) -> Result<()> {
        self.ensure_sound()?;
        record_view(self.conn(), id, &crate::timestamp(chrono::Utc::now()))
    }

    pub fn recent_customers(&self, limit: u32) -> Result<Vec<CustomerRef>> {
        recent(self.conn(), limit)
    }

    pub fn customer_count(&self) -> Result<u32> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM customers WHERE erased_at IS NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

const COLUMNS: &str = "id, code, full_name, gender, birth_date, phones, emails, address, country, company, \
    position_title, level_id, customer_type, source, referrer_id, assigned_to, responsible_id, facebook, \
    zalo, linkedin, x, passport_no, passport_expiry, description, custom, last_contact_on, created_at, \
    updated_at, deleted_at, erased_at";

/// The customer a record is added to (or read for) must be there and not erased; an archived
/// one still takes records: her page still shows them.
pub(crate) fn ensure_customer(conn: &Connection, id: &CustomerId) -> Result<()> {
    let there = conn
        .prepare_cached("SELECT 1 FROM customers WHERE id = ?1 AND erased_at IS NULL")?
        .exists([id])?;
    if there {
        Ok(())
    } else {
        Err(Error::NotFound("customer"))
    }
}

/// Deletes one record of her tabs (`deleted` true) or brings it back: sets or clears its
/// `deleted_at` and logs an archive or a restore with her id, so that her History shows it.
pub(crate) fn set_record_deleted(
    tx: &Tx,
    table: &str,
    entity: Entity,
    id: &str,
    customer: &CustomerId,
    deleted: bool,
) -> Result<()> {
    mark_deleted(
        tx,
        table,
        entity,
        id,
        Some(customer),
        deleted,
        Default::default(),
    )
}

/// [`set_record_deleted`] for any record (the agency's own have no customer), logging
/// `fields` with the archive or the restore (what was deleted, for the History to name).
pub(crate) fn mark_deleted(
    tx: &Tx,
    table: &str,
    entity: Entity,
    id: &str,
    customer: Option<&CustomerId>,
    deleted: bool,
    fields: serde_json::Map<String, serde_json::Value>,
) -> Result<()> {
    let now = tx.now();
    tx.execute(
        &format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1"),
        rusqlite::params![id, deleted.then_some(now.as_str()), now],
    )?;
    let op = if deleted {
        ChangeOp::Archive
    } else {
        ChangeOp::Restore
    };
    tx.log(entity, id, customer.map(|c| c.as_str()), op, fields);
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: &CustomerId) -> Result<Customer> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM customers WHERE id = ?1 AND erased_at IS NULL"
    ))?
    .query_row([id], row_to_customer)
    .optional()?
    .ok_or(Error::NotFound("customer"))
}

/// Every customer not erased (archived ones too), in code order, one at a time.
pub(crate) fn each_for_export(
    conn: &Connection,
    f: &mut dyn FnMut(Customer) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM customers WHERE erased_at IS NULL ORDER BY code COLLATE NOCASE"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        f(row_to_customer(row)?)?;
    }
    Ok(())
}

/// Every customer's code by id, to name referrers.
pub(crate) fn referrer_codes(
    conn: &Connection,
) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT id, code FROM customers WHERE erased_at IS NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn row_to_customer(r: &Row) -> rusqlite::Result<Customer> {
    let erased_at: Option<String> = r.get(29)?;
    let deleted_at: Option<String> = r.get(28)?;
    Ok(Customer {
        id: r.get(0)?,
        code: r.get(1)?,
        full_name: r.get(2)?,
        gender: r.get(3)?,
        birth_date: day(r, 4)?,
        phones: json_column(r, 5)?,
        emails: json_column(r, 6)?,
        address: r.get(7)?,
        country: r.get(8)?,
        company: r.get(9)?,
        position_title: r.get(10)?,
        level_id: r.get(11)?,
        customer_type: r.get(12)?,
        source: r.get(13)?,
        referrer_id: r.get(14)?,
        assigned_to: r.get(15)?,
        responsible_id: r.get(16)?,
        facebook: r.get(17)?,
        zalo: r.get(18)?,
        linkedin: r.get(19)?,
        x: r.get(20)?,
        passport_no: r.get(21)?,
        passport_expiry: day(r, 22)?,
        description: r.get(23)?,
        custom: json_column(r, 24)?,
        last_contact_on: day(r, 25)?,
        created_at: r.get(26)?,
        updated_at: r.get(27)?,
        archived_at: if erased_at.is_some() {
            None
        } else {
            deleted_at
        },
        erased: erased_at.is_some(),
    })
}

/// A JSON text column.
fn json_column<T: serde::de::DeserializeOwned>(r: &Row, i: usize) -> rusqlite::Result<T> {
    let text: String = r.get(i)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A stored `YYYY-MM-DD` column.
pub(crate) fn day(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = r.get(i)?;
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(iso_day)
}

/// A day as stored: `1985-03-15` (what chrono's `%Y-%m-%d` writes, without parsing that
/// format for every value).
pub(crate) fn iso_day(d: NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&d.year()) {
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// The fields the history records: the record without its id and bookkeeping.
pub(crate) fn loggable(c: &Customer) -> Result<Value> {
    let mut v = serde_json::to_value(c)?;
    if let Some(map) = v.as_object_mut() {
        for key in ["id", "created_at", "updated_at", "archived_at", "erased"] {
            map.remove(key);
        }
    }
    Ok(v)
}

pub(crate) fn add(tx: &mut Tx, new: NewCustomer) -> Result<Customer> {
    let now = tx.now();
    let mut c = Customer {
        created_at: now.clone(),
        updated_at: now,
        ..Default::default()
    };
    let auto_code = new.code.trim().is_empty();
    fields::apply_all(tx, &mut c, fields::from_new(new))?;
    if c.level_id.is_none() {
        c.level_id = Some(levels::default_level(tx)?);
    }
    if auto_code {
        c.code = next_code(tx)?;
    }
    write(tx, &c, true)?;
    let record = loggable(&c)?;
    tx.log(
        Entity::Customer,
        c.id.as_str(),
        Some(c.id.as_str()),
        ChangeOp::Insert,
        inserted(&record),
    );
    Ok(c)
}

fn update(tx: &mut Tx, id: &CustomerId, changes: Vec<CustomerChange>) -> Result<Customer> {
    let before = get(tx, id)?;
    let mut after = before.clone();
    fields::apply_all(tx, &mut after, changes)?;
    save_changes(tx, &before, after)
}

/// Writes `after` when it differs from `before` and logs the fields that changed.
pub(crate) fn save_changes(tx: &Tx, before: &Customer, mut after: Customer) -> Result<Customer> {
    let changed = diff(&loggable(before)?, &loggable(&after)?);
    if changed.is_empty() {
        return Ok(after);
    }
    after.updated_at = tx.now();
    write(tx, &after, false)?;
    tx.log(
        Entity::Customer,
        after.id.as_str(),
        Some(after.id.as_str()),
        ChangeOp::Update,
        changed,
    );
    Ok(after)
}

pub(crate) fn promote(tx: &mut Tx, id: &CustomerId) -> Result<Customer> {
    let before = get(tx, id)?;
    let target = levels::promotion_target(tx, before.level_id.as_ref())?
        .ok_or_else(|| Error::NotAllowed("only a Lead or a Potential customer moves on".into()))?;
    let mut after = before.clone();
    after.level_id = Some(target);
    save_changes(tx, &before, after)
}

pub(crate) fn set_archived(tx: &mut Tx, id: &CustomerId, archived: bool) -> Result<Customer> {
    let mut c = get(tx, id)?;
    if c.archived_at.is_some() == archived {
        return Ok(c);
    }
    let now = tx.now();
    c.archived_at = archived.then(|| now.clone());
    c.updated_at = now;
    tx.execute(
        "UPDATE customers SET deleted_at = ?2, updated_at = ?3 WHERE id = ?1",
        rusqlite::params![c.id, c.archived_at, c.updated_at],
    )?;
    search::index(tx, &c)?;
    let op = if archived {
        ChangeOp::Archive
    } else {
        ChangeOp::Restore
    };
    tx.log(
        Entity::Customer,
        c.id.as_str(),
        Some(c.id.as_str()),
        op,
        serde_json::Map::new(),
    );
    Ok(c)
}

/// Erases her; returns the content hashes her files had (see `erase::erase_records`).
fn erase(tx: &mut Tx, id: &CustomerId) -> Result<Vec<String>> {
    let hashes = erase_quietly(tx, id)?;
    search::purge(tx)?;
    Ok(hashes)
}

/// Erases her for good, with her records, leaving the search index's clean-up
/// (`purge_search`) to the caller, which erases many at once; returns the content hashes her
/// files had, for `files::forget_unused` once the transaction has committed.
pub(crate) fn erase_quietly(tx: &mut Tx, id: &CustomerId) -> Result<Vec<String>> {
    let c = get(tx, id)?;
    let now = tx.now();
    // Everything but the id and the bookkeeping goes; `deleted_at` keeps the tombstone out of
    // every list.
    tx.execute(
        "UPDATE customers SET code = '', full_name = '', gender = '', birth_date = NULL, phones = '[]',
            emails = '[]', address = '', country = '', company = '', position_title = '', source = '',
            referrer_id = NULL, assigned_to = '', responsible_id = NULL, facebook = '', zalo = '',
            linkedin = '', x = '', passport_no = '', passport_expiry = NULL, description = '',
            custom = '{}', last_contact_on = NULL, sort_name = '', updated_at = ?2,
            deleted_at = coalesce(deleted_at, ?2), erased_at = ?2
         WHERE id = ?1",
        rusqlite::params![c.id, now],
    )?;
    search::remove(tx, &c.id)?;
    tx.execute("DELETE FROM recent_views WHERE customer_id = ?1", [&c.id])?;
    redact_history(tx, &c.id)?;
    let hashes = erase::erase_records(tx, &c.id)?;
    tx.log(
        Entity::Customer,
        c.id.as_str(),
        Some(c.id.as_str()),
        ChangeOp::Erase,
        serde_json::Map::new(),
    );
    Ok(hashes)
}

/// Rewrites the search index without the words of erased customers.
pub(crate) fn purge_search(conn: &Connection) -> Result<()> {
    search::purge(conn)
}

/// Her old values leave the change log too: the field names stay, every value becomes null.
fn redact_history(tx: &Tx, id: &CustomerId) -> Result<()> {
    // Her rows carry her id as `customer_id` too, which is indexed: without it, undoing an
    // import of thousands would read the whole log once per customer. A row without one is
    // still found (`''`: rows about staff, levels, the agency, which are few).
    let rows: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT id, changes FROM change_log
             WHERE customer_id IN (?1, '') AND entity = 'customer' AND entity_id = ?1",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare_cached("UPDATE change_log SET changes = ?2 WHERE id = ?1")?;
    for (row_id, changes) in rows {
        let mut value: Value =
            serde_json::from_str(&changes).unwrap_or(Value::Object(Default::default()));
        if let Some(map) = value.as_object_mut() {
            for v in map.values_mut() {
                *v = Value::Null;
            }
        }
        update.execute([row_id, value.to_string()])?;
    }
    Ok(())
}

pub(crate) fn write(tx: &Tx, c: &Customer, insert: bool) -> Result<()> {
    let sql = if insert {
        format!(
            "INSERT INTO customers ({COLUMNS}, sort_name) VALUES (:id, :code, :full_name, :gender, :birth_date,
                :phones, :emails, :address, :country, :company, :position_title, :level_id, :customer_type,
                :source, :referrer_id, :assigned_to, :responsible_id, :facebook, :zalo, :linkedin, :x,
                :passport_no, :passport_expiry, :description, :custom, :last_contact_on, :created_at,
                :updated_at, :deleted_at, NULL, :sort_name)"
        )
    } else {
        "UPDATE customers SET code = :code, full_name = :full_name, gender = :gender, birth_date = :birth_date,
            phones = :phones, emails = :emails, address = :address, country = :country, company = :company,
            position_title = :position_title, level_id = :level_id, customer_type = :customer_type,
            source = :source, referrer_id = :referrer_id, assigned_to = :assigned_to,
            responsible_id = :responsible_id, facebook = :facebook, zalo = :zalo, linkedin = :linkedin, x = :x,
            passport_no = :passport_no, passport_expiry = :passport_expiry, description = :description,
            custom = :custom, last_contact_on = :last_contact_on, created_at = :created_at,
            updated_at = :updated_at, deleted_at = :deleted_at, sort_name = :sort_name
         WHERE id = :id"
            .to_owned()
    };
    let result = tx.prepare_cached(&sql)?.execute(named_params! {
        ":id": c.id,
        ":code": c.code,
        ":full_name": c.full_name,
        ":gender": c.gender,
        ":birth_date": iso(c.birth_date),
        ":phones": serde_json::to_string(&c.phones)?,
        ":emails": serde_json::to_string(&c.emails)?,
        ":address": c.address,
        ":country": c.country,
        ":company": c.company,
        ":position_title": c.position_title,
        ":level_id": c.level_id,
        ":customer_type": c.customer_type,
        ":source": c.source,
        ":referrer_id": c.referrer_id,
        ":assigned_to": c.assigned_to,
        ":responsible_id": c.responsible_id,
        ":facebook": c.facebook,
        ":zalo": c.zalo,
        ":linkedin": c.linkedin,
        ":x": c.x,
        ":passport_no": c.passport_no,
        ":passport_expiry": iso(c.passport_expiry),
        ":description": c.description,
        ":custom": serde_json::to_string(&c.custom)?,
        ":last_contact_on": iso(c.last_contact_on),
        ":created_at": c.created_at,
        ":updated_at": c.updated_at,
        ":deleted_at": c.archived_at,
        ":sort_name": crate::text::sort_key(&c.full_name),
    });
    match result {
        Err(e) if is_unique_violation(&e) => {
            return Err(Error::invalid("code", ErrorKind::CodeTaken, c.code.clone()));
        }
        other => other?,
    };
    search::index(tx, c)
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

/// The next free `KH00001`-style code. A counter in `meta` remembers where it got to; codes she
/// typed herself are stepped over.
pub(crate) fn next_code(conn: &Connection) -> Result<String> {
    let mut n: u64 = crate::meta_get(conn, "next_customer_code")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut taken = conn.prepare_cached(
        "SELECT 1 FROM customers WHERE code = ?1 COLLATE NOCASE AND erased_at IS NULL",
    )?;
    loop {
        let code = format!("KH{n:05}");
        if !taken.exists([&code])? {
            crate::meta_set(conn, "next_customer_code", &(n + 1).to_string())?;
            return Ok(code);
        }
        n += 1;
    }
}

fn view(conn: &Connection, id: &CustomerId) -> Result<CustomerView> {
    let customer = get(conn, id)?;
    let referrer = match &customer.referrer_id {
        Some(r) => customer_ref(conn, r)?,
        None => None,
    };
    Ok(CustomerView {
        phones_display: customer
            .phones
            .iter()
            .map(|p| fields::display_phone(p))
            .collect(),
        promote_to: levels::promotion_target(conn, customer.level_id.as_ref())?,
        referrer,
        customer,
    })
}

pub(crate) fn customer_ref(conn: &Connection, id: &CustomerId) -> Result<Option<CustomerRef>> {
    Ok(conn
        .prepare_cached("SELECT id, code, full_name, deleted_at IS NOT NULL FROM customers WHERE id = ?1 AND erased_at IS NULL")?
        .query_row([id], |r| {
            Ok(CustomerRef {
                id: r.get(0)?,
                code: r.get(1)?,
                full_name: r.get(2)?,
                archived: r.get(3)?,
            })
        })
        .optional()?)
}

fn erase_preview(conn: &Connection, id: &CustomerId) -> Result<ErasePreview> {
    let c = get(conn, id)?;
    let count = |sql: &str| -> Result<u32> { Ok(conn.query_row(sql, [id], |r| r.get(0))?) };
    Ok(ErasePreview {
        history_entries: count("SELECT count(*) FROM change_log WHERE customer_id = ?1")?,
        referred_customers: count(
            "SELECT count(*) FROM customers WHERE referrer_id = ?1 AND erased_at IS NULL",
        )?,
        code: c.code,
        full_name: c.full_name,
    })
}

const RECENT_KEPT: u32 = 20;

fn record_view(conn: &Connection, id: &CustomerId, at: &str) -> Result<()> {
    get(conn, id)?;
    conn.execute(
        "INSERT INTO recent_views (customer_id, viewed_at) VALUES (?1, ?2)
         ON CONFLICT (customer_id) DO UPDATE SET viewed_at = excluded.viewed_at",
        rusqlite::params![id, at],
    )?;
    conn.execute(
        "DELETE FROM recent_views WHERE customer_id NOT IN
            (SELECT customer_id FROM recent_views ORDER BY viewed_at DESC LIMIT ?1)",
        [RECENT_KEPT],
    )?;
    Ok(())
}

fn recent(conn: &Connection, limit: u32) -> Result<Vec<CustomerRef>> {
    let mut stmt = conn.prepare_cached(
        // CROSS JOIN keeps SQLite reading the few recent views first, not every customer.
        "SELECT c.id, c.code, c.full_name, c.deleted_at IS NOT NULL FROM recent_views v
         CROSS JOIN customers c ON c.id = v.customer_id AND c.erased_at IS NULL
         ORDER BY v.viewed_at DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(CustomerRef {
            id: r.get(0)?,
            code: r.get(1)?,
            full_name: r.get(2)?,
            archived: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

macro_rules! text_enum_sql {
    ($ty:ty { $($variant:ident => $text:literal),* $(,)? }) => {
        impl $ty {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),* }
            }
        }
        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.as_str()))
            }
        }
        impl rusqlite::types::FromSql for $ty {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                match value.as_str()? {
                    $($text => Ok(Self::$variant),)*
                    other => Err(rusqlite::types::FromSqlError::Other(format!("unknown value {other:?}").into())),
                }
            }
        }
    };
}
pub(crate) use text_enum_sql;

text_enum_sql!(Gender { Unknown => "", Female => "female", Male => "male", Other => "other" });
text_enum_sql!(CustomerType { Individual => "individual", Company => "company", Agency => "agency" });
