//! The start page: what is due today (tasks and follow-ups, overdue ones too), the month's
//! calendar of tasks, birthdays coming up, passports about to expire, and the customers she
//! opened last. Every list leaves out archived and erased customers.
//!
//! Decisions kept here:
//! - A task is on the calendar on every day from its start to its finish; a task with only a
//!   start or only a finish is on that one day. Cancelled tasks are left off.
//! - "Today & overdue" tasks are the open ones (to do, in progress) whose finish day is today
//!   or earlier; follow-ups use the follow-ups area's own rule (not finished, due before the
//!   day after today, as `followups::due_followups`). Each list shows at most 100, today's
//!   first and then the overdue ones latest first, so today's work is never cut off; the true
//!   totals come with them.
//! - Birthdays: today and the 13 days after (14 days), by month and day, across the year's
//!   end; a 29 February birthday falls on 28 February in a year without one.
//! - Passports: those expiring from today up to six months ahead (the day six months on
//!   included), soonest first, then those that expired within the last year, flagged expired,
//!   most recently expired first; each group shows at most 100, so old ones never crowd out
//!   the ones to renew.
//! - Recently viewed: the customers she opened last, archived ones left out.

use crate::customers::{iso_day, CustomerRef};
use crate::error::Result;
use crate::followups::DueFollowUp;
use crate::ids::FollowUpId;
use crate::tasks::{self, CustomerTask, Task};
use crate::Desk;
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};
use rusqlite::{named_params, Connection, Row};
use serde::Serialize;
use ts_rs::TS;

/// Everything the dashboard shows, read at once.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Dashboard {
    pub today: NaiveDate,
    /// The days of this month that have tasks.
    pub task_days: Vec<NaiveDate>,
    /// Open tasks due today or earlier: today's first, then the overdue ones latest first
    /// (at most 100).
    pub due_tasks: Vec<CustomerTask>,
    /// How many open tasks are due today or earlier in all.
    pub due_tasks_total: u32,
    /// Follow-ups due today or earlier that are not finished, in the same order (at most 100).
    pub due_followups: Vec<DueFollowUp>,
    /// How many follow-ups are due today or earlier in all.
    pub due_followups_total: u32,
    pub birthdays: Vec<Birthday>,
    pub passports: Vec<PassportExpiry>,
    pub recent: Vec<CustomerRef>,
}

/// A customer whose birthday comes soon.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Birthday {
    pub customer: CustomerRef,
    pub birth_date: NaiveDate,
    /// The day it is celebrated this time.
    pub on: NaiveDate,
    /// The age she turns.
    pub age: i32,
    /// Days from today (0 is today).
    pub in_days: i32,
}

/// A passport that expires soon, or has expired.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PassportExpiry {
    pub customer: CustomerRef,
    pub passport_no: String,
    pub expires_on: NaiveDate,
    pub expired: bool,
}

/// The archived and erased customers, whose records the dashboard leaves out: they are few
/// and on an index of their own (`customers_not_current`), so `customer_id NOT IN` them reads
/// far less than looking every customer up (the counts and the calendar read thousands).
const NOT_CURRENT: &str =
    "(SELECT id FROM customers WHERE deleted_at IS NOT NULL OR erased_at IS NOT NULL)";

/// How many rows each list shows at most.
const SHOWN: u32 = 100;
/// The birthdays window: today and the days after it.
pub const BIRTHDAY_DAYS: i64 = 14;

impl Desk {
    /// The dashboard as of `today` (and `now`, her wall-clock time, for follow-ups).
    pub fn dashboard(&self, today: NaiveDate, now: NaiveDateTime) -> Result<Dashboard> {
        let conn = self.conn();
        let (due_tasks, due_tasks_total) = due_tasks(conn, today)?;
        let (due_followups, due_followups_total) = due_followups(self, today, now)?;
        Ok(Dashboard {
            today,
            task_days: task_days(conn, today.with_day(1).unwrap_or(today))?,
            due_tasks,
            due_tasks_total,
            due_followups,
            due_followups_total,
            birthdays: birthdays(conn, today)?,
            passports: passports(conn, today)?,
            recent: recent(conn)?,
        })
    }

    /// The days of the month of `month` (any day of it) that have tasks.
    pub fn task_days(&self, month: NaiveDate) -> Result<Vec<NaiveDate>> {
        task_days(self.conn(), month.with_day(1).unwrap_or(month))
    }

    /// The tasks on the calendar on `day`, open ones first.
    pub fn tasks_on(&self, day: NaiveDate) -> Result<Vec<CustomerTask>> {
        tasks_on(self.conn(), day)
    }
}

/// Tasks of current customers, with the customer's code and name after the task's columns.
fn customer_tasks_sql(filter: &str, order: &str) -> String {
    format!(
        "SELECT {columns}, c.code, c.full_name FROM {from}
         JOIN customers c ON c.id = t.customer_id AND c.deleted_at IS NULL AND c.erased_at IS NULL
         WHERE t.deleted_at IS NULL AND {filter} ORDER BY {order} LIMIT :limit",
        columns = tasks::COLUMNS,
        from = tasks::FROM,
    )
}

fn row_to_customer_task(r: &Row) -> rusqlite::Result<(Task, CustomerRef)> {
    let task = tasks::row_to_task(r)?;
    let customer = CustomerRef {
        id: task.customer_id.clone(),
        code: r.get(tasks::COLUMN_COUNT)?,
        full_name: r.get(tasks::COLUMN_COUNT + 1)?,
        archived: false,
    };
    Ok((task, customer))
}

fn customer_tasks(
    conn: &Connection,
    sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<CustomerTask>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, row_to_customer_task)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (tasks, customers): (Vec<Task>, Vec<CustomerRef>) = rows.into_iter().unzip();
    Ok(tasks::with_files(conn, tasks)?
        .into_iter()
        .zip(customers)
        .map(|(task, customer)| CustomerTask { task, customer })
        .collect())
}

const PRIORITY_RANK: &str =
    "CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END";

const DUE_TASKS: &str = "t.status IN ('todo', 'in_progress') AND t.finishes_on <= :today";

/// The open tasks due today or earlier, today's first (see the module's note), and how many.
fn due_tasks(conn: &Connection, today: NaiveDate) -> Result<(Vec<CustomerTask>, u32)> {
    let sql = customer_tasks_sql(
        DUE_TASKS,
        &format!("t.finishes_on DESC, {PRIORITY_RANK}, t.created_at"),
    );
    let today = iso_day(today);
    let list = customer_tasks(
        conn,
        &sql,
        named_params! { ":today": today, ":limit": SHOWN },
    )?;
    let total = if list.len() < SHOWN as usize {
        list.len() as u32
    } else {
        conn.prepare_cached(&format!(
            "SELECT count(*) FROM tasks t
             WHERE t.deleted_at IS NULL AND {DUE_TASKS} AND t.customer_id NOT IN {NOT_CURRENT}"
        ))?
        .query_row(named_params! { ":today": today }, |r| r.get(0))?
    };
    Ok((list, total))
}

/// What `followups::due_followups` reads (the same rule), today's first and then the
/// overdue ones latest first, and how many there are in all. Each is read whole by the
/// follow-ups area (`Desk::followup`), by its id.
fn due_followups(
    desk: &Desk,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<(Vec<DueFollowUp>, u32)> {
    const DUE: &str = "f.deleted_at IS NULL AND f.status <> 'finish' AND f.due_at < :until";
    let conn = desk.conn();
    let until = iso_day(today.succ_opt().unwrap_or(today));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT f.id, f.customer_id, c.code, c.full_name
         FROM followups f JOIN customers c ON c.id = f.customer_id
              AND c.deleted_at IS NULL AND c.erased_at IS NULL
         WHERE {DUE} ORDER BY f.due_at DESC, f.created_at, f.id LIMIT :limit"
    ))?;
    let rows = stmt
        .query_map(named_params! { ":until": until, ":limit": SHOWN }, |r| {
            Ok((
                r.get::<_, FollowUpId>(0)?,
                CustomerRef {
                    id: r.get(1)?,
                    code: r.get(2)?,
                    full_name: r.get(3)?,
                    archived: false,
                },
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut list = Vec::with_capacity(rows.len());
    for (id, customer) in rows {
        list.push(DueFollowUp {
            followup: desk.followup(&id, now)?,
            customer,
        });
    }
    let total = if list.len() < SHOWN as usize {
        list.len() as u32
    } else {
        conn.prepare_cached(&format!(
            "SELECT count(*) FROM followups f
             WHERE {DUE} AND f.customer_id NOT IN {NOT_CURRENT}"
        ))?
        .query_row(named_params! { ":until": until }, |r| r.get(0))?
    };
    Ok((list, total))
}

/// The tasks on the calendar on `day` (see the module's note).
fn tasks_on(conn: &Connection, day: NaiveDate) -> Result<Vec<CustomerTask>> {
    let sql = customer_tasks_sql(
        "t.status <> 'cancelled'
           AND t.id IN (SELECT id FROM tasks WHERE deleted_at IS NULL
                          AND finishes_on >= :day AND coalesce(starts_on, finishes_on) <= :day
                        UNION ALL
                        SELECT id FROM tasks WHERE deleted_at IS NULL
                          AND finishes_on IS NULL AND starts_on = :day)",
        &format!("t.status IN ('done', 'cancelled'), {PRIORITY_RANK}, t.finishes_on, t.created_at"),
    );
    customer_tasks(
        conn,
        &sql,
        named_params! { ":day": iso_day(day), ":limit": SHOWN },
    )
}

fn task_days(conn: &Connection, first: NaiveDate) -> Result<Vec<NaiveDate>> {
    let last = first
        .checked_add_months(Months::new(1))
        .map(|d| d - Duration::days(1))
        .unwrap_or(first);
    // The spans of days the month's tasks cover, clamped to the month and each read once
    // (a busy month has thousands of tasks, but at most a few hundred distinct spans): tasks
    // finishing within the month; those finishing after it, which mark every day from the
    // earliest start among them; and tasks with only a start. Every part reads the index
    // `tasks_by_finish` only (see `NOT_CURRENT`).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT max(coalesce(t.starts_on, t.finishes_on), :first), t.finishes_on
         FROM tasks t
         WHERE t.deleted_at IS NULL AND t.status <> 'cancelled'
           AND t.finishes_on BETWEEN :first AND :last
           AND t.customer_id NOT IN {NOT_CURRENT}
         UNION ALL
         SELECT max(min(coalesce(t.starts_on, t.finishes_on)), :first), :last FROM tasks t
         WHERE t.deleted_at IS NULL AND t.status <> 'cancelled'
           AND t.finishes_on > :last AND coalesce(t.starts_on, t.finishes_on) <= :last
           AND t.customer_id NOT IN {NOT_CURRENT}
         HAVING count(*) > 0
         UNION ALL
         SELECT DISTINCT t.starts_on, t.starts_on FROM tasks t
         WHERE t.deleted_at IS NULL AND t.status <> 'cancelled'
           AND t.finishes_on IS NULL AND t.starts_on BETWEEN :first AND :last
           AND t.customer_id NOT IN {NOT_CURRENT}"
    ))?;
    let spans = stmt.query_map(
        named_params! { ":first": iso_day(first), ":last": iso_day(last) },
        |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
    )?;
    let mut marked = [false; 31];
    for span in spans {
        let (from, to) = span?;
        let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let (Some(from), Some(to)) = (parse(&from), parse(&to)) else {
            continue;
        };
        let (from, to) = (from.max(first), to.min(last));
        let mut day = from;
        while day <= to {
            marked[day.day0() as usize] = true;
            day += Duration::days(1);
        }
    }
    Ok(marked
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .filter_map(|(i, _)| first.with_day(i as u32 + 1))
        .collect())
}

/// Where a birthday of `born` falls in `year` (29 February on the 28th when there is none).
fn birthday_in(born: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, born.month(), born.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, born.month(), born.day() - 1))
}

/// The birthdays of the window, day by day (by name within a day), read a day at a time until
/// 100 are found: a busy file has hundreds of birthdays a fortnight.
fn birthdays(conn: &Connection, today: NaiveDate) -> Result<Vec<Birthday>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, full_name, birth_date FROM customers
         WHERE deleted_at IS NULL AND erased_at IS NULL AND birth_date IS NOT NULL
           AND substr(birth_date, 6, 5) IN (:day, :leap_day)
         ORDER BY full_name, code LIMIT :limit",
    )?;
    let mut out = Vec::new();
    for n in 0..BIRTHDAY_DAYS {
        let on = today + Duration::days(n);
        let left = SHOWN.saturating_sub(u32::try_from(out.len()).unwrap_or(SHOWN));
        if left == 0 {
            break;
        }
        // 28 February stands for the 29th in a year without one.
        let leap_day = (on.month() == 2 && on.day() == 28 && !on.leap_year()).then_some("02-29");
        let rows = stmt.query_map(
            named_params! {
                ":day": format!("{:02}-{:02}", on.month(), on.day()),
                ":leap_day": leap_day,
                ":limit": left,
            },
            |r| {
                Ok((
                    CustomerRef {
                        id: r.get(0)?,
                        code: r.get(1)?,
                        full_name: r.get(2)?,
                        archived: false,
                    },
                    crate::customers::day(r, 3)?,
                ))
            },
        )?;
        for row in rows {
            let (customer, born) = row?;
            let Some(born) = born else { continue };
            // Only a birthday that falls on this day (a 29 February one on the 28th).
            if birthday_in(born, on.year()) != Some(on) {
                continue;
            }
            out.push(Birthday {
                age: on.year() - born.year(),
                in_days: i32::try_from(n).unwrap_or(i32::MAX),
                customer,
                birth_date: born,
                on,
            });
        }
    }
    Ok(out)
}

/// The passports to renew (see the module's note): those still valid, soonest first, then
/// the expired ones, latest first.
fn passports(conn: &Connection, today: NaiveDate) -> Result<Vec<PassportExpiry>> {
    let until = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let mut out = passports_between(conn, today, until, false, today)?;
    if let Some(yesterday) = today.pred_opt() {
        out.extend(passports_between(conn, since, yesterday, true, today)?);
    }
    Ok(out)
}

/// Passports expiring from `from` to `to` (both included), latest first if `latest_first`.
fn passports_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    latest_first: bool,
    today: NaiveDate,
) -> Result<Vec<PassportExpiry>> {
    let order = if latest_first { "DESC" } else { "" };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, code, full_name, passport_no, passport_expiry FROM customers
         WHERE deleted_at IS NULL AND erased_at IS NULL AND passport_expiry IS NOT NULL
           AND passport_expiry >= :from AND passport_expiry <= :to
         ORDER BY passport_expiry {order}, full_name LIMIT :limit"
    ))?;
    let rows = stmt.query_map(
        named_params! {
            ":from": iso_day(from),
            ":to": iso_day(to),
            ":limit": SHOWN,
        },
        |r| {
            Ok((
                CustomerRef {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    full_name: r.get(2)?,
                    archived: false,
                },
                r.get::<_, String>(3)?,
                crate::customers::day(r, 4)?,
            ))
        },
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (customer, passport_no, expiry) = row?;
        if let Some(expires_on) = expiry {
            out.push(PassportExpiry {
                customer,
                passport_no,
                expired: expires_on < today,
                expires_on,
            });
        }
    }
    Ok(out)
}

/// The customers she opened last, archived ones left out.
fn recent(conn: &Connection) -> Result<Vec<CustomerRef>> {
    let mut stmt = conn.prepare_cached(
        // CROSS JOIN keeps SQLite reading the few recent views first, not every customer.
        "SELECT c.id, c.code, c.full_name FROM recent_views v
         CROSS JOIN customers c ON c.id = v.customer_id
              AND c.deleted_at IS NULL AND c.erased_at IS NULL
         ORDER BY v.viewed_at DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([crate::RECENT_SHOWN], |r| {
        Ok(CustomerRef {
            id: r.get(0)?,
            code: r.get(1)?,
            full_name: r.get(2)?,
            archived: false,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
