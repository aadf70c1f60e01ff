//! The customer list: one page of rows for a search, filters and a sort, all done in SQL.

use super::fields::display_phone;
use crate::error::Result;
use crate::ids::{CustomerId, LevelId, StaffId};
use crate::text::fts_prefix_query;
use crate::Desk;
use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the list shows: a search as typed, filters, a sort and a window of rows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CustomerQuery {
    pub text: String,
    pub level_id: Option<LevelId>,
    pub responsible_id: Option<StaffId>,
    pub country: Option<String>,
    /// The archived customers instead of the current ones.
    pub archived: bool,
    pub sort: CustomerSort,
    pub descending: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    Code,
    #[default]
    Name,
    Level,
    Phone,
    Email,
    Responsible,
    LastContact,
}

/// One row of the list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerRow {
    pub id: CustomerId,
    pub code: String,
    pub full_name: String,
    pub level_id: Option<LevelId>,
    /// The first phone, as she reads it.
    pub phone: String,
    pub email: String,
    pub responsible_id: Option<StaffId>,
    pub country: String,
    pub last_contact_on: Option<NaiveDate>,
    pub archived: bool,
}

/// A window of the list and how many rows the whole list has.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CustomerList {
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<CustomerRow>,
}

/// The most rows one call returns.
pub const MAX_PAGE: u32 = 500;

impl Desk {
    pub fn list_customers(&self, query: &CustomerQuery) -> Result<CustomerList> {
        list(self.conn(), query)
    }

    /// The first `limit` current customers whose name, code, phone, email, passport or company
    /// starts with the words typed, in name order.
    pub fn search_customers(&self, text: &str, limit: u32) -> Result<Vec<CustomerRow>> {
        let query = CustomerQuery {
            text: text.to_owned(),
            limit,
            ..Default::default()
        };
        rows(self.conn(), &query)
    }

    /// The countries her customers are in, for the country filter.
    pub fn customer_countries(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT country FROM customers WHERE deleted_at IS NULL AND country <> '' ORDER BY country",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) fn list(conn: &Connection, query: &CustomerQuery) -> Result<CustomerList> {
    let (filter, params) = filter(query);
    let total: u32 = if filter.is_none_match {
        0
    } else {
        conn.prepare_cached(&format!(
            "SELECT count(*) FROM customers c WHERE {}",
            filter.sql
        ))?
        .query_row(rusqlite::params_from_iter(params.iter()), |r| r.get(0))?
    };
    Ok(CustomerList {
        total,
        offset: query.offset,
        rows: rows(conn, query)?,
    })
}

fn rows(conn: &Connection, query: &CustomerQuery) -> Result<Vec<CustomerRow>> {
    let (filter, mut params) = filter(query);
    if filter.is_none_match {
        return Ok(vec![]);
    }
    let dir = if query.descending { "DESC" } else { "ASC" };
    let (join, key) = match query.sort {
        CustomerSort::Code => ("", "c.code COLLATE NOCASE"),
        CustomerSort::Name => ("", "c.sort_name"),
        CustomerSort::Level => (
            "LEFT JOIN customer_levels l ON l.id = c.level_id",
            "l.position",
        ),
        CustomerSort::Phone => ("", "c.phones"),
        CustomerSort::Email => ("", "c.emails"),
        CustomerSort::Responsible => (
            "LEFT JOIN staff s ON s.id = c.responsible_id",
            "s.name COLLATE NOCASE",
        ),
        CustomerSort::LastContact => ("", "c.last_contact_on"),
    };
    let tie = if query.sort == CustomerSort::Name {
        "c.id"
    } else {
        "c.sort_name, c.id"
    };
    let sql = format!(
        "SELECT c.id, c.code, c.full_name, c.level_id, c.phones ->> 0, c.emails ->> 0, c.responsible_id,
                c.country, c.last_contact_on, c.deleted_at IS NOT NULL
         FROM customers c {join}
         WHERE {where_}
         ORDER BY {key} {dir}, {tie} {dir}
         LIMIT ? OFFSET ?",
        where_ = filter.sql,
    );
    params.push(SqlValue::Integer(i64::from(query.limit.clamp(1, MAX_PAGE))));
    params.push(SqlValue::Integer(i64::from(query.offset)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        let phone: Option<String> = r.get(4)?;
        Ok(CustomerRow {
            id: r.get(0)?,
            code: r.get(1)?,
            full_name: r.get(2)?,
            level_id: r.get(3)?,
            phone: phone.map(|p| display_phone(&p)).unwrap_or_default(),
            email: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            responsible_id: r.get(6)?,
            country: r.get(7)?,
            last_contact_on: super::day(r, 8)?,
            archived: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

struct Filter {
    sql: String,
    /// The search had no searchable words but was not blank (only punctuation): nothing matches.
    is_none_match: bool,
}

/// The WHERE clause of a query and its positional parameters.
fn filter(query: &CustomerQuery) -> (Filter, Vec<SqlValue>) {
    let mut clauses = vec![if query.archived {
        "c.deleted_at IS NOT NULL AND c.erased_at IS NULL"
    } else {
        "c.deleted_at IS NULL"
    }
    .to_owned()];
    let mut params = Vec::new();
    let mut is_none_match = false;
    if !query.text.trim().is_empty() {
        match fts_prefix_query(&query.text) {
            Some(fts) => {
                clauses.push(
                    "c.id IN (SELECT s.customer_id FROM customer_search s WHERE s.rowid IN
                        (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?))"
                        .to_owned(),
                );
                params.push(SqlValue::Text(fts));
            }
            None => is_none_match = true,
        }
    }
    if let Some(level) = &query.level_id {
        clauses.push("c.level_id = ?".to_owned());
        params.push(SqlValue::Text(level.0.clone()));
    }
    if let Some(staff) = &query.responsible_id {
        clauses.push("c.responsible_id = ?".to_owned());
        params.push(SqlValue::Text(staff.0.clone()));
    }
    if let Some(country) = query.country.as_ref().filter(|c| !c.is_empty()) {
        clauses.push("c.country = ?".to_owned());
        params.push(SqlValue::Text(country.clone()));
    }
    (
        Filter {
            sql: clauses.join(" AND "),
            is_none_match,
        },
        params,
    )
}
