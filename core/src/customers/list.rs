//! The customer list: one page of rows for a search, filters and a sort, all done in SQL.

use super::fields::display_phone;
use super::search;
use crate::error::Result;
use crate::ids::{CustomerId, LevelId, StaffId};
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
    pub rows: Vec<CustomerRow>,
}

/// The most rows one call returns.
pub const MAX_PAGE: u32 = 500;

impl Desk {
    pub fn list_customers(&self, query: &CustomerQuery) -> Result<CustomerList> {
        list(self.conn(), query)
    }

    /// Up to `limit` current customers whose name, code, phone, email, passport or company
    /// starts with the words typed, in name order. Unranked: the first matches the index
    /// gives, which keeps it fast however short the words.
    pub fn search_customers(&self, text: &str, limit: u32) -> Result<Vec<CustomerRow>> {
        let Some(expression) = search::expression(text, false) else {
            return Ok(vec![]);
        };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM customers c
             WHERE c.rowid IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?1 LIMIT ?2)"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt
            .query_map(
                rusqlite::params![expression, limit.clamp(1, MAX_PAGE)],
                row_to_list_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(rows.into_iter().map(|(_, row)| row).collect())
    }

    /// The groups and units current customers are assigned to, for suggestions.
    pub fn assigned_units(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT assigned_to FROM customers WHERE deleted_at IS NULL AND assigned_to <> ''
             ORDER BY assigned_to LIMIT 200",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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

/// A search that matches at most this many customers is read by its matches; a broader one
/// by walking the list in its order and keeping the matches.
const SELECTIVE: u32 = 2_000;

const ROW_COLUMNS: &str =
    "c.sort_name, c.id, c.code, c.full_name, c.level_id, c.phones ->> 0, c.emails ->> 0, \
    c.responsible_id, c.country, c.last_contact_on, c.deleted_at IS NOT NULL";

fn row_to_list_row(r: &rusqlite::Row) -> rusqlite::Result<(String, CustomerRow)> {
    row_with_phone(r, &mut |p| display_phone(p))
}

fn row_with_phone(
    r: &rusqlite::Row,
    display_phone: &mut dyn FnMut(&str) -> String,
) -> rusqlite::Result<(String, CustomerRow)> {
    let phone: Option<String> = r.get(5)?;
    Ok((
        r.get(0)?,
        CustomerRow {
            id: r.get(1)?,
            code: r.get(2)?,
            full_name: r.get(3)?,
            level_id: r.get(4)?,
            phone: phone.map(|p| display_phone(&p)).unwrap_or_default(),
            email: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            responsible_id: r.get(7)?,
            country: r.get(8)?,
            last_contact_on: super::day(r, 9)?,
            archived: r.get(10)?,
        },
    ))
}

pub(crate) fn list(conn: &Connection, query: &CustomerQuery) -> Result<CustomerList> {
    let plan = Plan::new(conn, query)?;
    Ok(CustomerList {
        total: plan.total(conn)?,
        rows: plan.rows(conn, query)?,
    })
}

/// How one query of the list runs.
struct Plan {
    /// The WHERE clause, with positional parameters.
    clauses: Vec<String>,
    params: Vec<SqlValue>,
    /// Matches of the search in this list (current or archived), counted by the index.
    matches: Option<u32>,
    /// Filters beyond the search and the list (level, responsible, country).
    filtered: bool,
}

impl Plan {
    fn new(conn: &Connection, query: &CustomerQuery) -> Result<Plan> {
        let state = if query.archived {
            "c.deleted_at IS NOT NULL AND c.erased_at IS NULL"
        } else {
            "c.deleted_at IS NULL"
        };
        let mut plan = Plan {
            clauses: vec![state.to_owned()],
            params: Vec::new(),
            matches: None,
            filtered: false,
        };
        if !query.text.trim().is_empty() {
            match search::expression(&query.text, query.archived) {
                Some(expression) => {
                    let n: u32 = conn
                        .prepare_cached(
                            "SELECT count(*) FROM customer_fts WHERE customer_fts MATCH ?1",
                        )?
                        .query_row([&expression], |r| r.get(0))?;
                    plan.matches = Some(n);
                    // `+` keeps SQLite from driving a broad search by its matches.
                    let key = if n <= SELECTIVE {
                        "c.rowid"
                    } else {
                        "+c.rowid"
                    };
                    plan.clauses.push(format!(
                        "{key} IN (SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?)"
                    ));
                    plan.params.push(SqlValue::Text(expression));
                }
                // Only punctuation typed: nothing can match.
                None => plan.matches = Some(0),
            }
        }
        let mut filter = |sql: &str, value: Option<&str>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                plan.clauses.push(sql.to_owned());
                plan.params.push(SqlValue::Text(v.to_owned()));
                plan.filtered = true;
            }
        };
        filter(
            "c.level_id = ?",
            query.level_id.as_ref().map(|l| l.as_str()),
        );
        filter(
            "c.responsible_id = ?",
            query.responsible_id.as_ref().map(|s| s.as_str()),
        );
        filter("c.country = ?", query.country.as_deref());
        Ok(plan)
    }

    fn nothing(&self) -> bool {
        self.matches == Some(0)
    }

    fn total(&self, conn: &Connection) -> Result<u32> {
        match self.matches {
            Some(n) if n == 0 || !self.filtered => Ok(n),
            _ => Ok(conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM customers c WHERE {}",
                    self.clauses.join(" AND ")
                ))?
                .query_row(rusqlite::params_from_iter(self.params.iter()), |r| r.get(0))?),
        }
    }

    fn rows(&self, conn: &Connection, query: &CustomerQuery) -> Result<Vec<CustomerRow>> {
        if self.nothing() {
            return Ok(vec![]);
        }
        let sql = format!("{} LIMIT ? OFFSET ?", self.select(query));
        let mut params = self.params.clone();
        params.push(SqlValue::Integer(i64::from(query.limit.clamp(1, MAX_PAGE))));
        params.push(SqlValue::Integer(i64::from(query.offset)));
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            row_to_list_row(r).map(|(_, row)| row)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The list's rows in its order, without a window.
    fn select(&self, query: &CustomerQuery) -> String {
        self.select_columns(query, ROW_COLUMNS)
    }

    /// `columns` of the list's rows in its order, without a window.
    fn select_columns(&self, query: &CustomerQuery, columns: &str) -> String {
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
            "c.rowid"
        } else {
            "c.sort_name, c.rowid"
        };
        format!(
            "SELECT {columns} FROM customers c {join} WHERE {} ORDER BY {key} {dir}, {tie} {dir}",
            self.clauses.join(" AND ")
        )
    }
}

/// Every row of the list for `query` (its search, filters and sort, without its window), or,
/// when `ids` are given, exactly those customers in the query's sort; erased customers never.
/// One statement, read a row at a time.
pub(crate) fn each_row(
    conn: &Connection,
    query: &CustomerQuery,
    ids: &[CustomerId],
    f: &mut dyn FnMut(CustomerRow) -> Result<()>,
) -> Result<()> {
    let plan = if ids.is_empty() {
        Plan::new(conn, query)?
    } else {
        let list: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
        Plan {
            clauses: vec![
                "c.erased_at IS NULL".to_owned(),
                "c.id IN (SELECT value FROM json_each(?))".to_owned(),
            ],
            params: vec![SqlValue::Text(serde_json::to_string(&list)?)],
            matches: None,
            filtered: true,
        }
    };
    if plan.nothing() {
        return Ok(());
    }
    let mut stmt = conn.prepare(&plan.select_columns(query, EACH_ROW_COLUMNS))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(plan.params.iter()))?;
    let mut shapes = PhoneShapes::default();
    while let Some(r) = rows.next()? {
        let phone = first_of(r.get_ref(4)?);
        f(CustomerRow {
            id: r.get(0)?,
            code: r.get(1)?,
            full_name: r.get(2)?,
            level_id: r.get(3)?,
            phone: phone.map(|p| shapes.display(&p)).unwrap_or_default(),
            email: first_of(r.get_ref(5)?).unwrap_or_default(),
            responsible_id: r.get(6)?,
            country: r.get(7)?,
            last_contact_on: super::day(r, 8)?,
            archived: r.get(9)?,
        })?;
    }
    Ok(())
}

/// What [`each_row`] reads: the list's row with its phones and emails whole (their first is
/// taken in [`first_of`], cheaper than SQLite's `->> 0` on every row of a long list).
const EACH_ROW_COLUMNS: &str = "c.id, c.code, c.full_name, c.level_id, c.phones, c.emails, \
    c.responsible_id, c.country, c.last_contact_on, c.deleted_at IS NOT NULL";

/// The first element of a JSON array of texts, as `->> 0` reads it: `None` for an empty
/// array, a null or what is not JSON. A plain first text (no escapes) is taken as it stands;
/// anything else is parsed.
fn first_of(value: rusqlite::types::ValueRef) -> Option<String> {
    let rusqlite::types::ValueRef::Text(text) = value else {
        return None;
    };
    if let Some(rest) = text.strip_prefix(b"[\"") {
        if let Some(end) = rest.iter().position(|&b| b == b'"' || b == b'\\') {
            if rest[end] == b'"' && matches!(rest.get(end + 1), Some(b',' | b']')) {
                if let Ok(s) = std::str::from_utf8(&rest[..end]) {
                    return Some(s.to_owned());
                }
            }
        }
    }
    let parsed: Vec<serde_json::Value> = serde_json::from_slice(text).ok()?;
    match parsed.into_iter().next()? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// [`display_phone`] for many Vietnamese numbers at once. How a `+84` number reads depends
/// only on its length and its first national digits (the longest pattern that picks a format
/// looks at three), so the first number of each length and leading digits is formatted in
/// full and its shape (where the spaces go) is reused for the others: formatting every one in
/// full costs more than the rest of a long export's row.
#[derive(Default)]
struct PhoneShapes {
    /// By length and first four national digits: the formatted first number, or `None` when
    /// its formatted form is not `0` and its digits in order (then each is formatted in full).
    shapes: std::collections::HashMap<(usize, [u8; 4]), Option<String>>,
}

impl PhoneShapes {
    fn display(&mut self, e164: &str) -> String {
        let Some(national) = e164.strip_prefix("+84") else {
            return display_phone(e164);
        };
        let bytes = national.as_bytes();
        if bytes.len() < 4 || !bytes.iter().all(u8::is_ascii_digit) {
            return display_phone(e164);
        }
        let key = (bytes.len(), [bytes[0], bytes[1], bytes[2], bytes[3]]);
        if let Some(shape) = self.shapes.get(&key) {
            return match shape {
                Some(shape) => {
                    let mut digits = std::iter::once('0').chain(national.chars());
                    shape
                        .chars()
                        .map(|c| {
                            if c.is_ascii_digit() {
                                digits.next().unwrap_or(c)
                            } else {
                                c
                            }
                        })
                        .collect()
                }
                None => display_phone(e164),
            };
        }
        let shown = display_phone(e164);
        let in_order = shown
            .chars()
            .filter(char::is_ascii_digit)
            .eq(std::iter::once('0').chain(national.chars()));
        self.shapes.insert(key, in_order.then(|| shown.clone()));
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_a_list_reads_as_sqlite_reads_it() {
        let conn = Connection::open_in_memory().unwrap();
        for json in [
            r#"["+84903123456"]"#,
            r#"["a@b.vn","c@d.vn"]"#,
            r#"[]"#,
            r#"["say \"hi\"@x.vn"]"#,
            r#"["Nguy\u1ec5n"]"#,
            r#"[ "spaced" ]"#,
            r#"[""]"#,
            r#"[12]"#,
        ] {
            let sqlite: Option<String> = conn
                .query_row("SELECT CAST(?1 ->> 0 AS TEXT)", [json], |r| r.get(0))
                .unwrap();
            let ours = first_of(rusqlite::types::ValueRef::Text(json.as_bytes()));
            assert_eq!(ours, sqlite, "{json}");
        }
        assert_eq!(first_of(rusqlite::types::ValueRef::Null), None);
    }

    #[test]
    fn phones_by_shape_read_as_each_formatted_alone() {
        let mut shapes = PhoneShapes::default();
        let phones = [
            "+84903123456",
            "+84903987654",
            "+84912000111",
            "+842838123456",
            "+842838999000",
            "+842203123456",
            "+84199123",
            "+84199456",
            "+84123456789",
            "+84123000111",
            "+12025550123",
            "+84",
        ];
        for _ in 0..2 {
            for p in phones {
                assert_eq!(shapes.display(p), display_phone(p), "{p}");
            }
        }
    }
}
