//! Follow-ups: the care process of a customer, one step at a time.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The status she sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    Unfulfilled,
    Processing,
    Finish,
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

/// Demo data for one customer (filled in with the area).
pub(crate) fn demo(_tx: &mut crate::db::Tx, _c: &crate::demo::DemoCustomer) -> crate::Result<()> {
    Ok(())
}
