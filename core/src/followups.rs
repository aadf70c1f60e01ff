//! Follow-ups: the care process of a customer, one step at a time.

mod demo;
mod input;
mod read;

pub(crate) use demo::demo;
pub use read::due_followups;

use crate::customers::CustomerRef;
use crate::db::{diff, inserted, ChangeOp, Entity, Tx};
use crate::error::{Error, Result};
use crate::ids::{CareMethodId, CustomerId, FollowUpId, StaffId};
use crate::lists::ListEntry;
use crate::Desk;
use chrono::{NaiveDate, NaiveDateTime};
use input::{validated, Record};
use read::{get, page};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{named_params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The status she sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    #[default]
    Unfulfilled,
    Processing,
    Finish,
}

impl FollowUpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpStatus::Unfulfilled => "unfulfilled",
            FollowUpStatus::Processing => "processing",
            FollowUpStatus::Finish => "finish",
        }
    }
}

impl FromSql for FollowUpStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "unfulfilled" => Ok(FollowUpStatus::Unfulfilled),
            "processing" => Ok(FollowUpStatus::Processing),
            "finish" => Ok(FollowUpStatus::Finish),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

impl ToSql for FollowUpStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// What a follow-up shows as: its status, or `OutOfDate` when its due time has passed and it
/// is not finished. Derived when read (`STATE_SQL`), never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpState {
    Unfulfilled,
    Processing,
    Finish,
    OutOfDate,
}

impl FollowUpState {
    pub const ALL: [FollowUpState; 4] = [
        FollowUpState::Unfulfilled,
        FollowUpState::Processing,
        FollowUpState::Finish,
        FollowUpState::OutOfDate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FollowUpState::Unfulfilled => "unfulfilled",
            FollowUpState::Processing => "processing",
            FollowUpState::Finish => "finish",
            FollowUpState::OutOfDate => "out_of_date",
        }
    }
}

impl FromSql for FollowUpState {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "unfulfilled" => Ok(FollowUpState::Unfulfilled),
            "processing" => Ok(FollowUpState::Processing),
            "finish" => Ok(FollowUpState::Finish),
            "out_of_date" => Ok(FollowUpState::OutOfDate),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// The state of a row of `followups` (its columns `status` and `due_at`) at the wall-clock
/// time bound to `:now` (`YYYY-MM-DDTHH:MM`): the one definition of "out of date".
pub(crate) const STATE_SQL: &str = "CASE WHEN status <> 'finish' AND due_at IS NOT NULL \
     AND due_at < :now THEN 'out_of_date' ELSE status END";

/// `now` as `STATE_SQL` compares it with `due_at`.
pub(crate) fn wall_clock(now: chrono::NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M").to_string()
}

/// One step of caring for a customer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub customer_id: CustomerId,
    pub method_id: Option<CareMethodId>,
    /// Its method, named even when the method has since been removed from the choices.
    pub method: Option<ListEntry>,
    pub subject: String,
    pub content: String,
    /// Her wall-clock time, `YYYY-MM-DDTHH:MM`.
    pub due_at: Option<String>,
    /// `YYYY-MM-DD`: set exactly when the status is Finish.
    pub done_on: Option<String>,
    pub result: String,
    pub status: FollowUpStatus,
    /// What it shows as at the time it was read: its status, or out of date.
    pub state: FollowUpState,
    pub staff_id: Option<StaffId>,
    /// UTC, as stored.
    pub created_at: String,
    pub updated_at: String,
}

/// What the follow-up form sends. Dates are text; empty means none.
///
/// `done_on` belongs to a finished follow-up only: with status Finish and no `done_on`, it is
/// the caller's today (and never after it); with any other status it is cleared, so reopening
/// a follow-up forgets the day it was done (History keeps it).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FollowUpInput {
    pub method_id: Option<CareMethodId>,
    pub subject: String,
    pub content: String,
    /// `YYYY-MM-DDTHH:MM` (a space for the `T` will do); a date alone (`2026-12-02` or
    /// `02/12/2026`) is due at the end of that day, 23:59.
    pub due_at: String,
    /// `YYYY-MM-DD` or `dd/mm/yyyy`.
    pub done_on: String,
    pub result: String,
    pub status: FollowUpStatus,
    pub staff_id: Option<StaffId>,
}

/// Which of a customer's follow-ups to show; every part is optional and they combine with AND.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FollowUpFilter {
    /// Words found in the subject, content or result, ignoring case and Vietnamese diacritics.
    pub keyword: Option<String>,
    pub method_id: Option<CareMethodId>,
    /// `YYYY-MM-DD`, compared with the due date; inclusive. A follow-up without a due date
    /// counts on the day it was written, as the Overview's care chart counts it.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The state it shows as (out of date included).
    pub state: Option<FollowUpState>,
}

/// One page of a customer's follow-ups, and how many match in all.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FollowUpPage {
    pub items: Vec<FollowUp>,
    pub total: u32,
}

/// A follow-up to do today or overdue, with whom it is for.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DueFollowUp {
    pub followup: FollowUp,
    pub customer: CustomerRef,
}

/// The most the Dashboard's list of due follow-ups holds.
const MAX_DUE: u32 = 1000;

impl Desk {
    /// A customer's follow-ups matching `filter`, newest due first (none due last), as they
    /// stand at her wall-clock time `now`.
    pub fn followups(
        &self,
        customer: &CustomerId,
        filter: &FollowUpFilter,
        offset: u32,
        limit: u32,
        now: NaiveDateTime,
    ) -> Result<FollowUpPage> {
        page(self.conn(), customer, filter, offset, limit, now)
    }

    pub fn followup(&self, id: &FollowUpId, now: NaiveDateTime) -> Result<FollowUp> {
        get(self.conn(), id, now)
    }

    /// Not finished follow-ups of current customers due on or before `through`, oldest first.
    pub fn due_followups(
        &self,
        through: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Vec<DueFollowUp>> {
        due_followups(self.conn(), through, now, MAX_DUE)
    }

    pub fn add_followup(
        &mut self,
        customer: &CustomerId,
        input: FollowUpInput,
        now: NaiveDateTime,
    ) -> Result<FollowUp> {
        self.transact("add_followup", |tx| add(tx, customer, input, now))
    }

    pub fn update_followup(
        &mut self,
        id: &FollowUpId,
        input: FollowUpInput,
        now: NaiveDateTime,
    ) -> Result<FollowUp> {
        self.transact("update_followup", |tx| update(tx, id, input, now))
    }

    /// The one-click status change; finishing sets the done day to `now`'s date.
    pub fn set_followup_status(
        &mut self,
        id: &FollowUpId,
        status: FollowUpStatus,
        now: NaiveDateTime,
    ) -> Result<FollowUp> {
        self.transact("set_followup_status", |tx| set_status(tx, id, status, now))
    }

    pub fn remove_followup(&mut self, id: &FollowUpId) -> Result<()> {
        self.transact("remove_followup", |tx| remove(tx, id))
    }

    /// Undoes `remove_followup`.
    pub fn restore_followup(&mut self, id: &FollowUpId, now: NaiveDateTime) -> Result<FollowUp> {
        self.transact("restore_followup", |tx| restore(tx, id, now))
    }
}

fn write(tx: &Tx, id: &FollowUpId, r: &Record) -> Result<()> {
    tx.execute(
        "UPDATE followups SET method_id = :method, subject = :subject, content = :content,
            due_at = :due_at, done_on = :done_on, result = :result, status = :status,
            staff_id = :staff, updated_at = :now
         WHERE id = :id",
        named_params! {
            ":id": id,
            ":method": r.method_id,
            ":subject": r.subject,
            ":content": r.content,
            ":due_at": r.due_at,
            ":done_on": r.done_on,
            ":result": r.result,
            ":status": r.status,
            ":staff": r.staff_id,
            ":now": tx.now(),
        },
    )?;
    Ok(())
}

pub(crate) fn add(
    tx: &Tx,
    customer: &CustomerId,
    input: FollowUpInput,
    now: NaiveDateTime,
) -> Result<FollowUp> {
    crate::customers::ensure_customer(tx, customer)?;
    let record = validated(tx, input, None, now.date())?;
    let id = FollowUpId::new();
    tx.prepare_cached(
        "INSERT INTO followups (id, customer_id, method_id, subject, content, due_at, done_on,
            result, status, staff_id, created_at, updated_at)
         VALUES (:id, :customer, :method, :subject, :content, :due_at, :done_on, :result,
            :status, :staff, :now, :now)",
    )?
    .execute(named_params! {
        ":id": id,
        ":customer": customer,
        ":method": record.method_id,
        ":subject": record.subject,
        ":content": record.content,
        ":due_at": record.due_at,
        ":done_on": record.done_on,
        ":result": record.result,
        ":status": record.status,
        ":staff": record.staff_id,
        ":now": tx.now(),
    })?;
    tx.log(
        Entity::FollowUp,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&record)?),
    );
    get(tx, &id, now)
}

fn update(
    tx: &mut Tx,
    id: &FollowUpId,
    input: FollowUpInput,
    now: NaiveDateTime,
) -> Result<FollowUp> {
    let before = get(tx, id, now)?;
    crate::customers::ensure_customer(tx, &before.customer_id)?;
    let old = Record::from(&before);
    let record = validated(tx, input, Some(&old), now.date())?;
    if record == old {
        return Ok(before);
    }
    write(tx, id, &record)?;
    log_update(tx, &before, &old, &record)?;
    get(tx, id, now)
}

fn set_status(
    tx: &mut Tx,
    id: &FollowUpId,
    status: FollowUpStatus,
    now: NaiveDateTime,
) -> Result<FollowUp> {
    let before = get(tx, id, now)?;
    crate::customers::ensure_customer(tx, &before.customer_id)?;
    if before.status == status {
        return Ok(before);
    }
    let old = Record::from(&before);
    let record = Record {
        status,
        done_on: (status == FollowUpStatus::Finish)
            .then(|| now.date().format("%Y-%m-%d").to_string()),
        ..old.clone()
    };
    write(tx, id, &record)?;
    log_update(tx, &before, &old, &record)?;
    get(tx, id, now)
}

fn log_update(tx: &Tx, before: &FollowUp, old: &Record, new: &Record) -> Result<()> {
    let changes = diff(&serde_json::to_value(old)?, &serde_json::to_value(new)?);
    tx.log(
        Entity::FollowUp,
        before.id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    Ok(())
}

fn remove(tx: &mut Tx, id: &FollowUpId) -> Result<()> {
    let customer: CustomerId = tx
        .query_row(
            "SELECT customer_id FROM followups WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound("followup"))?;
    crate::customers::set_record_deleted(
        tx,
        "followups",
        Entity::FollowUp,
        id.as_str(),
        &customer,
        true,
    )
}

fn restore(tx: &mut Tx, id: &FollowUpId, now: NaiveDateTime) -> Result<FollowUp> {
    let customer: CustomerId = tx
        .query_row(
            "SELECT customer_id FROM followups WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::NotFound("followup"))?;
    crate::customers::ensure_customer(tx, &customer)?;
    crate::customers::set_record_deleted(
        tx,
        "followups",
        Entity::FollowUp,
        id.as_str(),
        &customer,
        false,
    )?;
    get(tx, id, now)
}
