//! What a follow-up may hold: the form's input checked and cleaned into the stored record.

use super::{wall_clock, FollowUp, FollowUpInput, FollowUpStatus};
use crate::customers::required;
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CareMethodId, StaffId};
use crate::lists::{self, ListKind};
use crate::{dates, staff};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

/// The fields a follow-up is stored with, as the change log records them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Record {
    pub(super) method_id: Option<CareMethodId>,
    pub(super) subject: String,
    pub(super) content: String,
    pub(super) due_at: Option<String>,
    pub(super) done_on: Option<String>,
    pub(super) result: String,
    pub(super) status: FollowUpStatus,
    pub(super) staff_id: Option<StaffId>,
}

impl From<&FollowUp> for Record {
    fn from(f: &FollowUp) -> Self {
        Record {
            method_id: f.method_id.clone(),
            subject: f.subject.clone(),
            content: f.content.clone(),
            due_at: f.due_at.clone(),
            done_on: f.done_on.clone(),
            result: f.result.clone(),
            status: f.status,
            staff_id: f.staff_id.clone(),
        }
    }
}

/// The input checked and cleaned. `before` is the record being edited: a method or a staff
/// member removed from the lists since may stay on it, but not be chosen anew.
pub(super) fn validated(
    conn: &Connection,
    input: FollowUpInput,
    before: Option<&Record>,
    today: NaiveDate,
) -> Result<Record> {
    let subject = required("subject", &input.subject, 200)?;
    let content = crate::customers::fields::free_text("content", &input.content, 10_000)?;
    let result = crate::customers::fields::free_text("result", &input.result, 10_000)?;
    if let Some(m) = &input.method_id {
        let kept = before.is_some_and(|b| b.method_id.as_ref() == Some(m));
        if !kept && !lists::exists(conn, ListKind::CareMethods, m.as_str())? {
            return Err(Error::invalid(
                "method_id",
                ErrorKind::InvalidChoice,
                m.as_str(),
            ));
        }
    }
    if let Some(s) = &input.staff_id {
        let kept = before.is_some_and(|b| b.staff_id.as_ref() == Some(s));
        if !kept && !staff::exists(conn, s)? {
            return Err(Error::invalid(
                "staff_id",
                ErrorKind::UnknownStaff,
                s.as_str(),
            ));
        }
    }
    let due_at = due_at(&input.due_at)?;
    let done_on = day("done_on", &input.done_on)?;
    let done_on = match input.status {
        FollowUpStatus::Finish => Some(done_on.unwrap_or(today)),
        _ => None,
    };
    if done_on.is_some_and(|d| d > today) {
        return Err(Error::invalid(
            "done_on",
            ErrorKind::DateInFuture,
            input.done_on.trim(),
        ));
    }
    Ok(Record {
        method_id: input.method_id,
        subject,
        content,
        due_at,
        done_on: done_on.map(|d| d.format("%Y-%m-%d").to_string()),
        result,
        status: input.status,
        staff_id: input.staff_id,
    })
}

fn plausible(d: NaiveDate) -> bool {
    (1900..=2200).contains(&d.year())
}

/// A whole, real date (`YYYY-MM-DD` or `dd/mm/yyyy`), or none for blank text.
pub(super) fn day(field: &str, v: &str) -> Result<Option<NaiveDate>> {
    match dates::parse_day(v) {
        Ok(d) if d.is_none_or(plausible) => Ok(d),
        _ => Err(Error::invalid(field, ErrorKind::InvalidDate, v.trim())),
    }
}

/// A due time as stored, `YYYY-MM-DDTHH:MM`, or none for blank text.
fn due_at(v: &str) -> Result<Option<String>> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let invalid = || Error::invalid("due_at", ErrorKind::InvalidDate, v);
    let at = match v.split_once(['T', ' ']) {
        Some((date, time)) => {
            let date = day("due_at", date)?.ok_or_else(invalid)?;
            let time = chrono::NaiveTime::parse_from_str(time, "%H:%M")
                .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M:%S"))
                .map_err(|_| invalid())?;
            date.and_time(time)
        }
        None => {
            let date = day("due_at", v)?.ok_or_else(invalid)?;
            date.and_hms_opt(23, 59, 0).ok_or_else(invalid)?
        }
    };
    if !plausible(at.date()) {
        return Err(invalid());
    }
    Ok(Some(wall_clock(at)))
}
