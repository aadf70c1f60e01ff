//! The start page: what is due today (tasks and follow-ups, overdue ones too), the month's
//! calendar of tasks, birthdays coming up, passports about to expire, and the customers she
//! opened last. Every list leaves out archived and erased customers.
//!
//! Decisions kept here:
//! - A task is on the calendar on every day from its start to its finish; a task with only a
//!   start or only a finish is on that one day. Cancelled tasks are left off.
//! - "Today & overdue" tasks are the open ones (to do, in progress) whose finish day is today
//!   or earlier; follow-ups use the follow-ups area's own rule (`due_followups`).
//! - Birthdays: today and the 13 days after (14 days), by month and day, across the year's
//!   end; a 29 February birthday falls on 28 February in a year without one.
//! - Passports: those expiring from today up to six months ahead (the day six months on
//!   included), and those that expired within the last year, flagged expired.

use crate::customers::{iso_day, CustomerRef};
use crate::error::Result;
use crate::followups::{self, DueFollowUp};
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
    /// Open tasks due today or earlier, oldest first.
    pub due_tasks: Vec<CustomerTask>,
    /// Follow-ups due today or earlier that are not finished.
    pub due_followups: Vec<DueFollowUp>,
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

/// How many rows each list shows at most.
const SHOWN: u32 = 100;
/// The birthdays window: today and the days after it.
pub const BIRTHDAY_DAYS: i64 = 14;

impl Desk {
    /// The dashboard as of `today` (and `now`, her wall-clock time, for follow-ups).
    pub fn dashboard(&self, today: NaiveDate, now: NaiveDateTime) -> Result<Dashboard> {
        let conn = self.conn();
        Ok(Dashboard {
            today,
            task_days: task_days(conn, today.with_day(1).unwrap_or(today))?,
            due_tasks: due_tasks(conn, today)?,
            due_followups: followups::due_followups(conn, today, now, SHOWN)?,
            birthdays: birthdays(conn, today)?,
            passports: passports(conn, today)?,
            recent: self.recent_customers(crate::RECENT_SHOWN)?,
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

fn due_tasks(conn: &Connection, today: NaiveDate) -> Result<Vec<CustomerTask>> {
    let sql = customer_tasks_sql(
        "t.status IN ('todo', 'in_progress') AND t.finishes_on <= :today",
        &format!("t.finishes_on, {PRIORITY_RANK}, t.created_at"),
    );
    customer_tasks(
        conn,
        &sql,
        named_params! { ":today": iso_day(today), ":limit": SHOWN },
    )
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
    // Tasks that overlap the month, each read as its span of days. Two halves, each on an
    // index (an OR of the two would read every task): tasks with a finish day, and tasks with
    // only a start.
    let mut stmt = conn.prepare_cached(
        "SELECT coalesce(t.starts_on, t.finishes_on), t.finishes_on
         FROM tasks t JOIN customers c ON c.id = t.customer_id
              AND c.deleted_at IS NULL AND c.erased_at IS NULL
         WHERE t.deleted_at IS NULL AND t.status <> 'cancelled'
           AND t.finishes_on >= :first AND coalesce(t.starts_on, t.finishes_on) <= :last
         UNION ALL
         SELECT t.starts_on, t.starts_on
         FROM tasks t JOIN customers c ON c.id = t.customer_id
              AND c.deleted_at IS NULL AND c.erased_at IS NULL
         WHERE t.deleted_at IS NULL AND t.status <> 'cancelled'
           AND t.finishes_on IS NULL AND t.starts_on BETWEEN :first AND :last",
    )?;
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

fn birthdays(conn: &Connection, today: NaiveDate) -> Result<Vec<Birthday>> {
    let window: Vec<NaiveDate> = (0..BIRTHDAY_DAYS)
        .map(|n| today + Duration::days(n))
        .collect();
    // The `MM-DD`s of the window; 28 February stands for the 29th in a year without one.
    let mut days: Vec<String> = window
        .iter()
        .map(|d| format!("{:02}-{:02}", d.month(), d.day()))
        .collect();
    if window
        .iter()
        .any(|d| d.month() == 2 && d.day() == 28 && !d.leap_year())
    {
        days.push("02-29".into());
    }
    let list = serde_json::to_string(&days)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, full_name, birth_date FROM customers
         WHERE deleted_at IS NULL AND erased_at IS NULL AND birth_date IS NOT NULL
           AND substr(birth_date, 6, 5) IN (SELECT value FROM json_each(:days))",
    )?;
    let rows = stmt.query_map(named_params! { ":days": list }, |r| {
        Ok((
            CustomerRef {
                id: r.get(0)?,
                code: r.get(1)?,
                full_name: r.get(2)?,
                archived: false,
            },
            crate::customers::day(r, 3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (customer, born) = row?;
        let Some(born) = born else { continue };
        let on = [today.year(), today.year() + 1]
            .into_iter()
            .filter_map(|y| birthday_in(born, y))
            .find(|d| window.contains(d));
        let Some(on) = on else { continue };
        out.push(Birthday {
            age: on.year() - born.year(),
            in_days: i32::try_from((on - today).num_days()).unwrap_or(i32::MAX),
            customer,
            birth_date: born,
            on,
        });
    }
    out.sort_by(|a, b| {
        (a.on, &a.customer.full_name, &a.customer.code).cmp(&(
            b.on,
            &b.customer.full_name,
            &b.customer.code,
        ))
    });
    out.truncate(SHOWN as usize);
    Ok(out)
}

fn passports(conn: &Connection, today: NaiveDate) -> Result<Vec<PassportExpiry>> {
    let until = today.checked_add_months(Months::new(6)).unwrap_or(today);
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, full_name, passport_no, passport_expiry FROM customers
         WHERE deleted_at IS NULL AND erased_at IS NULL AND passport_expiry IS NOT NULL
           AND passport_expiry >= :since AND passport_expiry <= :until
         ORDER BY passport_expiry, full_name LIMIT :limit",
    )?;
    let rows = stmt.query_map(
        named_params! {
            ":since": iso_day(since),
            ":until": iso_day(until),
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
