//! The charts of a customer's Overview: her follow-ups by state, and how often each care
//! method was used month by month (the "care level").
//!
//! A follow-up counts in the month of its due time (`due_at`, her wall clock) or, when it has
//! none, in the month it was written down (`created_at`, UTC: a follow-up without a due time
//! written in the first hours of a month may count in the month before). Follow-ups with no
//! care method, or with a method since removed from the list, count in the state chart only.
//! Deleted follow-ups never count.

use crate::error::{Error, ErrorKind, Result};
use crate::followups::{wall_clock, FollowUpState, STATE_SQL};
use crate::ids::CustomerId;
use crate::lists::{self, ListKind};
use crate::Desk;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{named_params, Connection};
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

/// How many follow-ups show as one state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StateCount {
    pub state: FollowUpState,
    pub count: u32,
}

/// One care method's follow-ups per month, aligned with `FollowUpCharts::months`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MethodSeries {
    pub method_id: String,
    pub counts: Vec<u32>,
}

/// What the Overview's two charts draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FollowUpCharts {
    /// All four states, in `FollowUpState::ALL` order, zeros included.
    pub by_state: Vec<StateCount>,
    /// `YYYY-MM`, oldest first, ending with the current month.
    pub months: Vec<String>,
    /// One per current care method, in her order.
    pub series: Vec<MethodSeries>,
}

/// The longest range the care chart reaches back.
pub const MAX_MONTHS: u32 = 60;

impl Desk {
    /// The charts of a customer's follow-ups over the last `months` months, at wall-clock `now`.
    pub fn followup_charts(
        &self,
        customer: &CustomerId,
        months: u32,
        now: NaiveDateTime,
    ) -> Result<FollowUpCharts> {
        charts(self.conn(), customer, months, now)
    }
}

pub(crate) fn charts(
    conn: &Connection,
    customer: &CustomerId,
    months: u32,
    now: NaiveDateTime,
) -> Result<FollowUpCharts> {
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(Error::invalid(
            "months",
            ErrorKind::InvalidChoice,
            format!("between 1 and {MAX_MONTHS} months"),
        ));
    }
    crate::customers::ensure_customer(conn, customer)?;
    let month_keys = month_range(now.date(), months);
    Ok(FollowUpCharts {
        by_state: by_state(conn, customer, now)?,
        series: series(conn, customer, &month_keys)?,
        months: month_keys,
    })
}

fn by_state(
    conn: &Connection,
    customer: &CustomerId,
    now: NaiveDateTime,
) -> Result<Vec<StateCount>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {STATE_SQL} AS state, count(*) FROM followups
         WHERE customer_id = :customer AND deleted_at IS NULL
         GROUP BY state"
    ))?;
    let counted = stmt
        .query_map(
            named_params! { ":customer": customer, ":now": wall_clock(now) },
            |r| Ok((r.get::<_, FollowUpState>(0)?, r.get::<_, u32>(1)?)),
        )?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(FollowUpState::ALL
        .iter()
        .map(|&state| StateCount {
            state,
            count: counted.get(&state).copied().unwrap_or(0),
        })
        .collect())
}

fn series(
    conn: &Connection,
    customer: &CustomerId,
    months: &[String],
) -> Result<Vec<MethodSeries>> {
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Ok(vec![]);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT method_id, substr(coalesce(due_at, created_at), 1, 7) AS month, count(*)
         FROM followups
         WHERE customer_id = :customer AND deleted_at IS NULL AND method_id IS NOT NULL
           AND month BETWEEN :first AND :last
         GROUP BY method_id, month",
    )?;
    let counted = stmt
        .query_map(
            named_params! { ":customer": customer, ":first": first, ":last": last },
            |r| {
                Ok((
                    (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                    r.get::<_, u32>(2)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(lists::entries(conn, ListKind::CareMethods)?
        .into_iter()
        .map(|method| MethodSeries {
            counts: months
                .iter()
                .map(|m| {
                    counted
                        .get(&(method.id.clone(), m.clone()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect(),
            method_id: method.id,
        })
        .collect())
}

/// The `months` months ending with `today`'s, oldest first, as `YYYY-MM`.
fn month_range(today: NaiveDate, months: u32) -> Vec<String> {
    let current = today.year() * 12 + today.month0() as i32;
    (0..months as i32)
        .rev()
        .map(|back| {
            let m = current - back;
            format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::month_range;
    use chrono::NaiveDate;

    #[test]
    fn a_year_of_months_crosses_new_year() {
        let today = NaiveDate::from_ymd_opt(2026, 2, 15).unwrap_or_default();
        let months = month_range(today, 12);
        assert_eq!(months.first().map(String::as_str), Some("2025-03"));
        assert_eq!(months.last().map(String::as_str), Some("2026-02"));
        assert_eq!(months.len(), 12);
    }
}
