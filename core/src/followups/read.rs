//! Reading follow-ups: one, a customer's page of them through her filter, and the ones due
//! across all customers.

use super::{
    wall_clock, DueFollowUp, FollowUp, FollowUpFilter, FollowUpPage, FollowUpState, STATE_SQL,
};
use crate::customers::CustomerRef;
use crate::error::{Error, Result};
use crate::ids::{CareMethodId, CustomerId, FollowUpId};
use crate::lists::ListEntry;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

/// The most follow-ups one page holds.
const MAX_PAGE: u32 = 500;

/// A follow-up's columns, for `row_to_followup`: `f` is the follow-up, `m` its method (joined
/// on the left, so a method removed from the list since still names it); its state follows.
const COLUMNS: &str = "f.id, f.customer_id, f.method_id, f.subject, f.content, f.due_at, \
     f.done_on, f.result, f.status, f.staff_id, f.created_at, f.updated_at, \
     m.key, m.name, m.position";
/// Where `STATE_SQL` stands, right after `COLUMNS`; what a query selects after it follows.
const STATE_COLUMN: usize = 15;
/// The tables `COLUMNS` reads.
const FROM: &str = "followups f LEFT JOIN care_methods m ON m.id = f.method_id";

fn row_to_followup(r: &Row) -> rusqlite::Result<FollowUp> {
    let method_id: Option<CareMethodId> = r.get(2)?;
    let method = match (&method_id, r.get::<_, Option<String>>(12)?) {
        (Some(id), Some(key)) => Some(ListEntry {
            id: id.as_str().to_owned(),
            key,
            name: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
            position: r.get::<_, Option<i64>>(14)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(FollowUp {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        method_id,
        method,
        subject: r.get(3)?,
        content: r.get(4)?,
        due_at: r.get(5)?,
        done_on: r.get(6)?,
        result: r.get(7)?,
        status: r.get(8)?,
        staff_id: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        state: r.get(STATE_COLUMN)?,
    })
}

pub(super) fn get(conn: &Connection, id: &FollowUpId, now: NaiveDateTime) -> Result<FollowUp> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {STATE_SQL} FROM {FROM} WHERE f.id = :id AND f.deleted_at IS NULL"
    ))?
    .query_row(
        named_params! { ":id": id, ":now": wall_clock(now) },
        row_to_followup,
    )
    .optional()?
    .ok_or(Error::NotFound("followup"))
}

/// What a filter asks of the rows, in SQL (the keyword is matched in Rust, see `page`).
const FILTER_SQL: &str = "f.customer_id = :customer AND f.deleted_at IS NULL
    AND (:method IS NULL OR f.method_id = :method)
    AND (:from IS NULL OR coalesce(f.due_at, f.created_at) >= :from)
    AND (:until IS NULL OR coalesce(f.due_at, f.created_at) < :until)";

pub(super) fn page(
    conn: &Connection,
    customer: &CustomerId,
    filter: &FollowUpFilter,
    offset: u32,
    limit: u32,
    now: NaiveDateTime,
) -> Result<FollowUpPage> {
    let from = filter_day("from", filter.from.as_deref())?;
    let to = filter_day("to", filter.to.as_deref())?;
    let from = from.map(|d| d.format("%Y-%m-%d").to_string());
    let until = to.map(|d| next_day(d).format("%Y-%m-%d").to_string());
    let state = filter.state.map(FollowUpState::as_str);
    let words: Vec<String> = filter
        .keyword
        .as_deref()
        .map(crate::text::fold)
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let limit = limit.min(MAX_PAGE);
    let where_sql = format!("{FILTER_SQL} AND (:state IS NULL OR {STATE_SQL} = :state)");
    let now = wall_clock(now);
    let params = named_params! {
        ":customer": customer,
        ":method": filter.method_id,
        ":from": from,
        ":until": until,
        ":state": state,
        ":now": now,
    };
    let order = "ORDER BY f.due_at DESC NULLS LAST, f.created_at DESC, f.id DESC";
    if words.is_empty() {
        let total: u32 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM followups f WHERE {where_sql}"
            ))?
            .query_row(params, |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS}, {STATE_SQL} FROM {FROM} WHERE {where_sql} {order}
             LIMIT :limit OFFSET :offset"
        ))?;
        let mut all = params.to_vec();
        all.push((":limit", &limit));
        all.push((":offset", &offset));
        let items = stmt
            .query_map(all.as_slice(), row_to_followup)?
            .collect::<rusqlite::Result<_>>()?;
        return Ok(FollowUpPage { items, total });
    }
    // A customer has at most a few thousand follow-ups: her rows (already narrowed by the
    // other filters) are folded here, with no index to keep. Measured on 2,000 rows of ~250
    // characters in a debug build: 0.2 s, 0.09 s of it folding; the UI waits for a pause in
    // her typing before it asks.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {STATE_SQL} FROM {FROM} WHERE {where_sql} {order}"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut items = Vec::new();
    let mut total: u32 = 0;
    while let Some(r) = rows.next()? {
        let text = format!(
            "{}\n{}\n{}",
            r.get_ref(3)?.as_str().unwrap_or_default(),
            r.get_ref(4)?.as_str().unwrap_or_default(),
            r.get_ref(7)?.as_str().unwrap_or_default()
        );
        let folded = crate::text::fold(&text);
        if !words.iter().all(|w| folded.contains(w.as_str())) {
            continue;
        }
        if total >= offset && items.len() < limit as usize {
            items.push(row_to_followup(r)?);
        }
        total += 1;
    }
    Ok(FollowUpPage { items, total })
}

/// A filter's date, refused with the field's name when it is not a real date.
fn filter_day(field: &str, v: Option<&str>) -> Result<Option<NaiveDate>> {
    super::input::day(field, v.unwrap_or_default())
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

pub fn due_followups(
    conn: &Connection,
    through: NaiveDate,
    now: NaiveDateTime,
    limit: u32,
) -> Result<Vec<DueFollowUp>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, {STATE_SQL}, c.code, c.full_name
         FROM {FROM} JOIN customers c ON c.id = f.customer_id
         WHERE f.deleted_at IS NULL AND f.status <> 'finish' AND f.due_at < :until
           AND c.deleted_at IS NULL AND c.erased_at IS NULL
         ORDER BY f.due_at, f.created_at, f.id LIMIT :limit"
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":until": next_day(through).format("%Y-%m-%d").to_string(),
            ":now": wall_clock(now),
            ":limit": limit,
        },
        |r| {
            let followup = row_to_followup(r)?;
            Ok(DueFollowUp {
                customer: CustomerRef {
                    id: followup.customer_id.clone(),
                    code: r.get(STATE_COLUMN + 1)?,
                    full_name: r.get(STATE_COLUMN + 2)?,
                    archived: false,
                },
                followup,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
