//! Many new customers at once, as an import adds them: each row's values prepared away from
//! the writing (on another thread if the caller likes), then written a batch per statement.
//! What is stored, indexed and logged is what `write` and `add` store, index and log for one.

use super::{is_unique_violation, iso, search, Customer, COLUMNS};
use crate::db::values_sql;
use crate::error::{Error, ErrorKind, Result};
use rusqlite::{Connection, Statement};

/// A new customer, ready to write: her record and every text her rows hold.
pub(crate) struct NewRow {
    customer: Customer,
    birth_date: Option<String>,
    passport_expiry: Option<String>,
    last_contact_on: Option<String>,
    phones: String,
    emails: String,
    custom: String,
    sort_name: String,
    search_body: String,
    /// The change log's record of the insert (`inserted(&loggable(customer))` as text).
    log: String,
}

impl NewRow {
    pub(crate) fn new(customer: Customer) -> Result<NewRow> {
        Ok(NewRow {
            birth_date: iso(customer.birth_date),
            passport_expiry: iso(customer.passport_expiry),
            last_contact_on: iso(customer.last_contact_on),
            phones: serde_json::to_string(&customer.phones)?,
            emails: serde_json::to_string(&customer.emails)?,
            custom: serde_json::to_string(&customer.custom)?,
            sort_name: crate::text::sort_key(&customer.full_name),
            search_body: search::body(&customer),
            log: inserted_json(&customer)?,
            customer,
        })
    }

    pub(crate) fn customer(&self) -> &Customer {
        &self.customer
    }

    /// The change log's record of the insert, taken out to go to the log.
    pub(crate) fn take_log(&mut self) -> String {
        std::mem::take(&mut self.log)
    }
}

/// The fields the change log records of a customer, in the order of `Customer`: what
/// `loggable` keeps.
const LOGGED: [&str; 25] = [
    "code",
    "full_name",
    "gender",
    "birth_date",
    "phones",
    "emails",
    "address",
    "country",
    "company",
    "position_title",
    "level_id",
    "customer_type",
    "source",
    "referrer_id",
    "assigned_to",
    "responsible_id",
    "facebook",
    "zalo",
    "linkedin",
    "x",
    "passport_no",
    "passport_expiry",
    "description",
    "custom",
    "last_contact_on",
];

/// The change log's record of a new customer, written straight from her fields: the text of
/// `Value::Object(inserted(&loggable(c)?))`, without building a value for every field first
/// (that took most of the time to make a row ready). The fields come in the order a
/// `serde_json` map keeps them, learnt once from a map itself.
fn inserted_json(c: &Customer) -> Result<String> {
    static ORDER: std::sync::OnceLock<Vec<usize>> = std::sync::OnceLock::new();
    let order = ORDER.get_or_init(|| {
        let map: serde_json::Map<String, serde_json::Value> = LOGGED
            .iter()
            .enumerate()
            .map(|(i, key)| ((*key).to_owned(), serde_json::Value::from(i)))
            .collect();
        map.values()
            .filter_map(|v| v.as_u64().map(|i| i as usize))
            .collect()
    });
    let day = |d: &Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let id = |v: Option<&str>| v.filter(|s| !s.is_empty()).map(str::to_owned);
    let mut out: Vec<u8> = Vec::with_capacity(512);
    out.push(b'{');
    let mut first = true;
    for &field in order {
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        enum V<'a> {
            Text(Option<String>),
            List(&'a [String]),
            Map(&'a std::collections::BTreeMap<String, String>),
        }
        let value = match field {
            0 => V::Text(text(&c.code)),
            1 => V::Text(text(&c.full_name)),
            2 => V::Text(text(c.gender.as_str())),
            3 => V::Text(day(&c.birth_date)),
            4 => V::List(&c.phones),
            5 => V::List(&c.emails),
            6 => V::Text(text(&c.address)),
            7 => V::Text(text(&c.country)),
            8 => V::Text(text(&c.company)),
            9 => V::Text(text(&c.position_title)),
            10 => V::Text(id(c.level_id.as_ref().map(|i| i.as_str()))),
            11 => V::Text(text(c.customer_type.as_str())),
            12 => V::Text(text(&c.source)),
            13 => V::Text(id(c.referrer_id.as_ref().map(|i| i.as_str()))),
            14 => V::Text(text(&c.assigned_to)),
            15 => V::Text(id(c.responsible_id.as_ref().map(|i| i.as_str()))),
            16 => V::Text(text(&c.facebook)),
            17 => V::Text(text(&c.zalo)),
            18 => V::Text(text(&c.linkedin)),
            19 => V::Text(text(&c.x)),
            20 => V::Text(text(&c.passport_no)),
            21 => V::Text(day(&c.passport_expiry)),
            22 => V::Text(text(&c.description)),
            23 => V::Map(&c.custom),
            _ => V::Text(day(&c.last_contact_on)),
        };
        let held = match &value {
            V::Text(t) => t.is_some(),
            V::List(l) => !l.is_empty(),
            V::Map(m) => !m.is_empty(),
        };
        if !held {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        serde_json::to_writer(&mut out, LOGGED[field])?;
        out.push(b':');
        match value {
            V::Text(Some(t)) => serde_json::to_writer(&mut out, &t)?,
            V::Text(None) => {}
            V::List(l) => serde_json::to_writer(&mut out, l)?,
            V::Map(m) => serde_json::to_writer(&mut out, m)?,
        }
    }
    out.push(b'}');
    String::from_utf8(out).map_err(|e| crate::error::Error::Io(std::io::Error::other(e)))
}

/// New customers written per statement: each execution of an INSERT builds the lookup tables
/// of the table's `CHECK (... IN (...))` constraints anew, so one statement for many rows saves
/// most of that work (the search index takes its rows one at a time, which suits FTS5 best).
const ROWS_PER_STATEMENT: usize = 64;
/// The rowid, the columns, `sort_name`.
const PARAMETERS: usize = 32;

/// Writes new customers in batches. The rows wait in the batch until it is full or `flush` is
/// called (flush before anything reads the customers back); their search index rows wait for
/// `finish`.
pub(crate) struct Inserter<'c> {
    conn: &'c Connection,
    one: Statement<'c>,
    many: Statement<'c>,
    pending: Vec<NewRow>,
    /// The last rowid before the first new customer.
    last_before: i64,
    /// Rowids are given here, as SQLite would (the last one + 1), so that the search index,
    /// keyed by rowid, is written without reading each one back.
    next_rowid: i64,
    /// The search index's rows of the customers written: (rowid, words, tags).
    search: Vec<(i64, String, &'static str)>,
    /// Rows written, to be freed away from the writing.
    spent: Vec<NewRow>,
}

impl<'c> Inserter<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Inserter<'c>> {
        let last: i64 =
            conn.query_row("SELECT coalesce(max(rowid), 0) FROM customers", [], |r| {
                r.get(0)
            })?;
        let head = format!("INSERT INTO customers (rowid, {COLUMNS}, sort_name) VALUES ");
        Ok(Inserter {
            conn,
            one: conn.prepare(&values_sql(&head, PARAMETERS, 1))?,
            many: conn.prepare(&values_sql(&head, PARAMETERS, ROWS_PER_STATEMENT))?,
            pending: Vec::with_capacity(ROWS_PER_STATEMENT),
            last_before: last,
            next_rowid: last + 1,
            search: Vec::new(),
            spent: Vec::new(),
        })
    }

    pub(crate) fn push(&mut self, row: NewRow) -> Result<()> {
        self.pending.push(row);
        if self.pending.len() == ROWS_PER_STATEMENT {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the rows that wait.
    pub(crate) fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let first = self.next_rowid;
        let mut written = false;
        if rows.len() == ROWS_PER_STATEMENT {
            for (k, row) in rows.iter().enumerate() {
                bind(&mut self.many, k * PARAMETERS, first + k as i64, row)?;
            }
            // A batch that fails leaves nothing behind: the rows go again one at a time, so
            // that the error names the row (a code taken, say).
            written = self.many.raw_execute().is_ok();
        }
        if !written {
            for (k, row) in rows.iter().enumerate() {
                bind(&mut self.one, 0, first + k as i64, row)?;
                match self.one.raw_execute() {
                    Err(e) if is_unique_violation(&e) => {
                        return Err(Error::invalid(
                            "code",
                            ErrorKind::CodeTaken,
                            row.customer.code.clone(),
                        ));
                    }
                    other => other?,
                };
            }
        }
        self.next_rowid += rows.len() as i64;
        for (k, mut row) in rows.into_iter().enumerate() {
            if !row.customer.erased {
                let tags = if row.customer.archived_at.is_some() {
                    "archived"
                } else {
                    ""
                };
                let body = std::mem::take(&mut row.search_body);
                self.search.push((first + k as i64, body, tags));
            }
            self.spent.push(row);
        }
        if self.spent.len() >= SPENT_ROWS_FREED_AT_ONCE {
            free_elsewhere(std::mem::take(&mut self.spent));
        }
        Ok(())
    }

    /// Writes what waits, then the search index's rows of every customer written. The index
    /// takes them last, in one run: a statement that writes several rows of a table opens a
    /// savepoint, and each savepoint makes FTS5 write out the words it gathered so far, so
    /// indexing between batches would leave thousands of tiny segments to merge. Call it
    /// before anything reads the index or indexes one of these customers again.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.flush()?;
        if self.search.is_empty() {
            return Ok(());
        }
        // An index entry at a rowid no customer had (left by a row removed outside Tripdesk)
        // must not be taken for one of the new customers: `search::index` clears it first,
        // and so does this, once for all of them.
        self.conn.execute(
            "DELETE FROM customer_fts WHERE rowid > ?1",
            [self.last_before],
        )?;
        let mut insert = self
            .conn
            .prepare("INSERT INTO customer_fts (rowid, body, tags) VALUES (?1, ?2, ?3)")?;
        let search = std::mem::take(&mut self.search);
        for (rowid, body, tags) in &search {
            insert.execute(rusqlite::params![rowid, body, tags])?;
        }
        free_elsewhere(search);
        free_elsewhere(std::mem::take(&mut self.spent));
        Ok(())
    }
}

/// Rows the writing is done with, freed together.
const SPENT_ROWS_FREED_AT_ONCE: usize = 4096;

/// Frees on a thread of its own what the writing is done with: freeing a hundred thousand
/// rows' strings, made on another thread, took the writing thread a tenth of its time.
fn free_elsewhere<T: Send + 'static>(value: T) {
    // Without a thread to spare, the value goes with the refused closure: freed here.
    std::thread::Builder::new().spawn(move || drop(value)).ok();
}

/// Binds one row's parameters, from `at` (0-based), in the order of `COLUMNS`.
fn bind(stmt: &mut Statement, at: usize, rowid: i64, row: &NewRow) -> Result<()> {
    let c = &row.customer;
    let mut i = at;
    let mut next = || {
        i += 1;
        i
    };
    stmt.raw_bind_parameter(next(), rowid)?;
    stmt.raw_bind_parameter(next(), &c.id)?;
    stmt.raw_bind_parameter(next(), &c.code)?;
    stmt.raw_bind_parameter(next(), &c.full_name)?;
    stmt.raw_bind_parameter(next(), c.gender)?;
    stmt.raw_bind_parameter(next(), &row.birth_date)?;
    stmt.raw_bind_parameter(next(), &row.phones)?;
    stmt.raw_bind_parameter(next(), &row.emails)?;
    stmt.raw_bind_parameter(next(), &c.address)?;
    stmt.raw_bind_parameter(next(), &c.country)?;
    stmt.raw_bind_parameter(next(), &c.company)?;
    stmt.raw_bind_parameter(next(), &c.position_title)?;
    stmt.raw_bind_parameter(next(), &c.level_id)?;
    stmt.raw_bind_parameter(next(), c.customer_type)?;
    stmt.raw_bind_parameter(next(), &c.source)?;
    stmt.raw_bind_parameter(next(), &c.referrer_id)?;
    stmt.raw_bind_parameter(next(), &c.assigned_to)?;
    stmt.raw_bind_parameter(next(), &c.responsible_id)?;
    stmt.raw_bind_parameter(next(), &c.facebook)?;
    stmt.raw_bind_parameter(next(), &c.zalo)?;
    stmt.raw_bind_parameter(next(), &c.linkedin)?;
    stmt.raw_bind_parameter(next(), &c.x)?;
    stmt.raw_bind_parameter(next(), &c.passport_no)?;
    stmt.raw_bind_parameter(next(), &row.passport_expiry)?;
    stmt.raw_bind_parameter(next(), &c.description)?;
    stmt.raw_bind_parameter(next(), &row.custom)?;
    stmt.raw_bind_parameter(next(), &row.last_contact_on)?;
    stmt.raw_bind_parameter(next(), &c.created_at)?;
    stmt.raw_bind_parameter(next(), &c.updated_at)?;
    stmt.raw_bind_parameter(next(), &c.archived_at)?;
    stmt.raw_bind_parameter(next(), None::<&str>)?;
    stmt.raw_bind_parameter(next(), &row.sort_name)?;
    Ok(())
}

/// From this many new customers, an import writes in bulk (`BulkMode`).
const BULK_FROM: u64 = 10_000;
/// The search index's buffer in bulk: its words are written in a few large segments instead
/// of many 1 MB ones merged again and again. FTS5's default is 1 MB.
const BULK_SEARCH_BUFFER: i64 = 16 * 1024 * 1024;
const SEARCH_BUFFER: i64 = 1024 * 1024;

/// How an import that adds many customers writes: the list's indexes are dropped and built
/// once at the end instead of kept up row by row (only when the new rows are at least as many
/// as those on file), and the search index gathers more words before writing them. All of it
/// inside the import's transaction, so a failed or cancelled import leaves the file as it was.
pub(crate) struct BulkMode {
    indexes: Vec<String>,
}

impl BulkMode {
    pub(crate) fn begin(conn: &Connection, adding: u64) -> Result<Option<BulkMode>> {
        if adding < BULK_FROM {
            return Ok(None);
        }
        set_search_buffer(conn, BULK_SEARCH_BUFFER)?;
        let on_file: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        let mut indexes = Vec::new();
        if adding >= u64::try_from(on_file).unwrap_or(u64::MAX) {
            // The indexes that only order and filter the list: not the unique one, which keeps
            // codes unique and finds a code while the rows go in.
            let mut stmt = conn.prepare(
                "SELECT s.name, s.sql FROM sqlite_schema s
                 JOIN pragma_index_list('customers') i ON i.name = s.name
                 WHERE s.type = 'index' AND s.sql IS NOT NULL AND i.\"unique\" = 0
                 ORDER BY s.name",
            )?;
            let found: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (name, sql) in found {
                conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
                indexes.push(sql);
            }
        }
        Ok(Some(BulkMode { indexes }))
    }

    /// Builds the indexes again, as they were, and gives the search index its usual buffer.
    pub(crate) fn end(self, conn: &Connection) -> Result<()> {
        for sql in &self.indexes {
            conn.execute_batch(sql)?;
        }
        set_search_buffer(conn, SEARCH_BUFFER)
    }
}

fn set_search_buffer(conn: &Connection, bytes: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO customer_fts (customer_fts, rank) VALUES ('hashsize', ?1)",
        [bytes],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::customers::{loggable, CustomerType, Gender};
    use crate::db::inserted;
    use crate::ids::{CustomerId, LevelId, StaffId};

    fn logged_as_before(c: &Customer) -> String {
        serde_json::Value::Object(inserted(&loggable(c).unwrap_or_default())).to_string()
    }

    #[test]
    fn a_new_customer_is_logged_as_a_map_of_her_fields_would_be() {
        let sparse = Customer {
            full_name: "Nguyễn Thị Hồng".into(),
            ..Default::default()
        };
        let mut custom = std::collections::BTreeMap::new();
        custom.insert("z".to_owned(), String::new());
        custom.insert("a \"quoted\"".to_owned(), "line\nbreak\t\u{1}".to_owned());
        let full = Customer {
            id: CustomerId::new(),
            code: "KH-A01".into(),
            full_name: "Đặng \\ \"Quỳnh\" </script>".into(),
            gender: Gender::Female,
            birth_date: chrono::NaiveDate::from_ymd_opt(1985, 3, 15),
            phones: vec!["+84903123456".into(), "+842838221234".into()],
            emails: vec!["hong@example.vn".into()],
            address: "12 Lê Lợi, Quận 1".into(),
            country: "VN".into(),
            company: "Công ty TNHH Sen Vàng".into(),
            position_title: "Giám đốc".into(),
            level_id: Some(LevelId::new()),
            customer_type: CustomerType::Agency,
            source: "Facebook".into(),
            referrer_id: Some(CustomerId::new()),
            assigned_to: "Chi nhánh Hà Nội".into(),
            responsible_id: Some(StaffId::new()),
            facebook: "https://facebook.com/hong".into(),
            zalo: "0903123456".into(),
            linkedin: "https://linkedin.com/in/hong".into(),
            x: "@hong".into(),
            passport_no: "C1234567".into(),
            passport_expiry: chrono::NaiveDate::from_ymd_opt(2031, 1, 2),
            description: "Thích biển\nĐi tour 🏖".into(),
            custom,
            last_contact_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            created_at: "2026-11-23T15:04:05.123Z".into(),
            updated_at: "2026-11-23T15:04:05.123Z".into(),
            archived_at: None,
            erased: false,
        };
        let odd = Customer {
            level_id: Some(LevelId(String::new())),
            birth_date: chrono::NaiveDate::from_ymd_opt(12345, 1, 1),
            ..Customer::default()
        };
        for c in [sparse, full, odd, Customer::default()] {
            assert_eq!(inserted_json(&c).ok(), Some(logged_as_before(&c)), "{c:?}");
        }
    }
}
