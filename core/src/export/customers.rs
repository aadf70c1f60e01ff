//! Customers to a workbook or a CSV file, one row each under a header in her language: every
//! customer with every field (code first), so that the file reads back through the import; or
//! the customer list as she sees it (the selected customers, or all that match her search and
//! filters), with the list's columns.

use super::xlsx::Grid;
use crate::customers::{display_phone, Customer, CustomerQuery, CustomerRow, CustomerType, Gender};
use crate::error::{Error, Result};
use crate::ids::CustomerId;
use crate::import::columns::{ImportField, BUILT_IN};
use crate::settings::{CustomField, CustomFieldKind, Language};
use crate::Desk;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rust_xlsxwriter::Workbook;
use std::collections::HashMap;
use std::path::Path;

/// One exported value: text, or a day (a real date cell in a workbook).
pub(crate) enum Value {
    Text(String),
    Day(NaiveDate),
}

impl Desk {
    /// Writes every customer (archived ones too, marked in a last column) to `path`: `.xlsx`
    /// or `.csv` by its extension. Returns how many were written.
    pub fn export_customers(&self, path: &Path) -> Result<u32> {
        let language = self.language()?;
        let custom = self.custom_fields()?;
        let names = Names::load(self, language)?;
        let mut headers: Vec<String> = BUILT_IN
            .iter()
            .map(|f| f.label(language, &custom))
            .collect();
        headers.extend(custom.iter().map(|f| f.name.clone()));
        headers.push(archived_label(language).to_owned());
        write_rows(path, language, &headers, &mut |out| {
            crate::customers::each_for_export(self.conn(), &mut |c: Customer| {
                let mut row: Vec<Value> = BUILT_IN.iter().map(|f| names.value(f, &c)).collect();
                row.extend(custom.iter().map(|f| custom_value(f, &c)));
                row.push(Value::Text(
                    c.archived_at
                        .as_deref()
                        .map(|a| a.get(..10).unwrap_or(a).to_owned())
                        .unwrap_or_default(),
                ));
                out(row)
            })
        })
    }

    /// Writes the customer list as she sees it to `path` (`.xlsx` or `.csv`): the customers
    /// `ids` when she selected some (in the list's order), otherwise every customer matching
    /// the query's search and filters in its sort (its window ignored). The list's columns:
    /// code, name, level, phone, email, responsible, last contact, country. Erased customers
    /// never. Returns how many were written.
    pub fn export_customer_list(
        &self,
        path: &Path,
        query: &CustomerQuery,
        ids: &[CustomerId],
    ) -> Result<u32> {
        let language = self.language()?;
        let names = Names::load_without_codes(self, language)?;
        let headers = list_headers(language);
        write_rows(path, language, &headers, &mut |out| {
            crate::customers::each_row(self.conn(), query, ids, &mut |r: CustomerRow| {
                let level = r
                    .level_id
                    .as_ref()
                    .and_then(|l| names.levels.get(&l.0))
                    .cloned()
                    .unwrap_or_default();
                let responsible = r
                    .responsible_id
                    .as_ref()
                    .and_then(|s| names.staff.get(&s.0))
                    .cloned()
                    .unwrap_or_default();
                let row = vec![
                    Value::Text(r.code),
                    Value::Text(r.full_name),
                    Value::Text(level),
                    Value::Text(r.phone),
                    Value::Text(r.email),
                    Value::Text(responsible),
                    r.last_contact_on
                        .map(Value::Day)
                        .unwrap_or(Value::Text(String::new())),
                    Value::Text(r.country),
                ];
                out(row)
            })
        })
    }
}

/// Where a row goes, once made.
type RowOut<'a> = dyn FnMut(Vec<Value>) -> Result<()> + 'a;

/// Rows written to `path` (a workbook or a CSV file by its extension) as `produce` hands them
/// over, whole or not at all ([`super::save_with`]); returns how many.
fn write_rows(
    path: &Path,
    language: Language,
    headers: &[String],
    produce: &mut dyn FnMut(&mut RowOut) -> Result<()>,
) -> Result<u32> {
    let csv = match path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .as_deref()
    {
        Some("xlsx") => false,
        Some("csv") => true,
        _ => {
            return Err(Error::invalid(
                "path",
                crate::ErrorKind::FileUnsupported,
                path.display().to_string(),
            ))
        }
    };
    super::save_with(path, |at| {
        let sink: Box<dyn Sink> = if csv {
            Box::new(CsvSink::new(at, headers)?)
        } else {
            Box::new(XlsxSink::new(language, headers)?)
        };
        write_rows_to(sink, at, produce)
    })
}

/// Rows written to `sink` as `produce` hands them over, then the file finished; returns how
/// many. The rows are read (from the database, with phones formatted) on this thread and
/// written on another, so that reading and writing a long list overlap.
fn write_rows_to(
    mut sink: Box<dyn Sink>,
    path: &Path,
    produce: &mut dyn FnMut(&mut RowOut) -> Result<()>,
) -> Result<u32> {
    const BATCH: usize = 2048;
    let stopped = || Error::NotAllowed("the file could not be written".into());
    std::thread::scope(|scope| {
        // Batches of rows, then `None` once every row is read: a file is finished only then.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Option<Vec<Vec<Value>>>>(4);
        let writer = scope.spawn(move || -> Result<Option<u32>> {
            let mut count = 0u32;
            for batch in rx {
                let Some(batch) = batch else {
                    sink.finish(path)?;
                    return Ok(Some(count));
                };
                for row in batch {
                    count += 1;
                    sink.row(count, row)?;
                }
            }
            Ok(None)
        });
        let mut batch = Vec::with_capacity(BATCH);
        let mut read = produce(&mut |row| {
            batch.push(row);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                tx.send(Some(full)).map_err(|_| stopped())?;
            }
            Ok(())
        });
        if read.is_ok() {
            read = tx
                .send(Some(batch))
                .and_then(|()| tx.send(None))
                .map_err(|_| stopped());
        }
        drop(tx);
        let written = writer.join().unwrap_or_else(|_| Err(stopped()));
        // The writer's own error explains a refused hand-over better than the hand-over.
        match (read, written) {
            (_, Err(e)) | (Err(e), Ok(_)) => Err(e),
            (Ok(()), Ok(Some(count))) => Ok(count),
            (Ok(()), Ok(None)) => Err(stopped()),
        }
    })
}

/// The customer list's columns, as the list names them.
fn list_headers(language: Language) -> Vec<String> {
    let words: [&str; 8] = match language {
        Language::Vi => [
            "Mã KH",
            "Họ và tên",
            "Cấp độ",
            "Điện thoại",
            "Email",
            "Người phụ trách",
            "Liên hệ gần nhất",
            "Quốc gia",
        ],
        Language::En => [
            "Code",
            "Full name",
            "Level",
            "Phone",
            "Email",
            "Responsible",
            "Last contact",
            "Country",
        ],
    };
    words.iter().map(|w| (*w).to_owned()).collect()
}

fn archived_label(language: Language) -> &'static str {
    match language {
        Language::Vi => "Đã lưu trữ",
        Language::En => "Archived",
    }
}

/// The names ids stand for: levels, staff, referrers' codes.
pub(crate) struct Names {
    language: Language,
    levels: HashMap<String, String>,
    staff: HashMap<String, String>,
    codes: HashMap<String, String>,
}

impl Names {
    pub(crate) fn load(desk: &Desk, language: Language) -> Result<Names> {
        let mut names = Names::load_without_codes(desk, language)?;
        names.codes = crate::customers::referrer_codes(desk.conn())?;
        Ok(names)
    }

    /// Levels, staff and the one referrer a customer's sheet names (not every customer's
    /// code, which a sheet of one customer has no use for).
    pub(crate) fn for_customer(
        desk: &Desk,
        language: Language,
        customer: &Customer,
    ) -> Result<Names> {
        let mut names = Names::load_without_codes(desk, language)?;
        if let Some(referrer) = &customer.referrer_id {
            let code: Option<String> = desk
                .conn()
                .query_row(
                    "SELECT code FROM customers WHERE id = ?1 AND erased_at IS NULL",
                    [&referrer.0],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(code) = code {
                names.codes.insert(referrer.0.clone(), code);
            }
        }
        Ok(names)
    }

    /// Levels and staff only: what the customer list names.
    fn load_without_codes(desk: &Desk, language: Language) -> Result<Names> {
        let levels = desk
            .levels()?
            .into_iter()
            .map(|l| {
                let name = if l.name.is_empty() {
                    builtin_level(&l.key, language).to_owned()
                } else {
                    l.name
                };
                (l.id.0, name)
            })
            .collect();
        let staff = desk
            .staff()?
            .into_iter()
            .map(|s| (s.id.0, s.name))
            .collect();
        Ok(Names {
            language,
            levels,
            staff,
            codes: HashMap::new(),
        })
    }

    pub(crate) fn value(&self, field: &ImportField, c: &Customer) -> Value {
        let vi = self.language == Language::Vi;
        let text = |s: &str| Value::Text(s.to_owned());
        let day = |d: Option<NaiveDate>| d.map(Value::Day).unwrap_or(Value::Text(String::new()));
        match field {
            ImportField::Code => text(&c.code),
            ImportField::FullName => text(&c.full_name),
            ImportField::Gender => text(match (c.gender, vi) {
                (Gender::Unknown, _) => "",
                (Gender::Female, true) => "Nữ",
                (Gender::Female, false) => "Female",
                (Gender::Male, true) => "Nam",
                (Gender::Male, false) => "Male",
                (Gender::Other, true) => "Khác",
                (Gender::Other, false) => "Other",
            }),
            ImportField::BirthDate => day(c.birth_date),
            ImportField::Phones => Value::Text(
                c.phones
                    .iter()
                    .map(|p| display_phone(p))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ImportField::Emails => Value::Text(c.emails.join(", ")),
            ImportField::Address => text(&c.address),
            ImportField::Country => text(&c.country),
            ImportField::Company => text(&c.company),
            ImportField::PositionTitle => text(&c.position_title),
            ImportField::Level => text(
                c.level_id
                    .as_ref()
                    .and_then(|l| self.levels.get(&l.0))
                    .map(String::as_str)
                    .unwrap_or_default(),
            ),
            ImportField::CustomerType => text(match (c.customer_type, vi) {
                (CustomerType::Individual, true) => "Cá nhân",
                (CustomerType::Individual, false) => "Individual",
                (CustomerType::Company, true) => "Công ty",
                (CustomerType::Company, false) => "Company",
                (CustomerType::Agency, true) => "Đại lý đối tác",
                (CustomerType::Agency, false) => "Partner agency",
            }),
            ImportField::Source => text(&c.source),
            ImportField::Referrer => text(
                c.referrer_id
                    .as_ref()
                    .and_then(|r| self.codes.get(&r.0))
                    .map(String::as_str)
                    .unwrap_or_default(),
            ),
            ImportField::AssignedTo => text(&c.assigned_to),
            ImportField::Responsible => text(
                c.responsible_id
                    .as_ref()
                    .and_then(|s| self.staff.get(&s.0))
                    .map(String::as_str)
                    .unwrap_or_default(),
            ),
            ImportField::Facebook => text(&c.facebook),
            ImportField::Zalo => text(&c.zalo),
            ImportField::Linkedin => text(&c.linkedin),
            ImportField::X => text(&c.x),
            ImportField::PassportNo => text(&c.passport_no),
            ImportField::PassportExpiry => day(c.passport_expiry),
            ImportField::Description => text(&c.description),
            ImportField::LastContactOn => day(c.last_contact_on),
            ImportField::Custom(_) => text(""),
        }
    }
}

/// A built-in level's name in her language.
pub fn builtin_level(key: &str, language: Language) -> &str {
    match (key, language) {
        ("lead", _) => "Lead",
        ("potential", Language::Vi) => "Tiềm năng",
        ("potential", Language::En) => "Potential",
        ("customer", Language::Vi) => "Khách hàng",
        ("customer", Language::En) => "Customer",
        ("vip", _) => "VIP",
        (other, _) => other,
    }
}

fn custom_value(field: &CustomField, c: &Customer) -> Value {
    let v = c.custom.get(&field.id.0).cloned().unwrap_or_default();
    if field.kind == CustomFieldKind::Date {
        if let Ok(d) = NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
            return Value::Day(d);
        }
    }
    Value::Text(v)
}

trait Sink: Send {
    fn row(&mut self, n: u32, values: Vec<Value>) -> Result<()>;
    fn finish(self: Box<Self>, path: &Path) -> Result<()>;
}

/// One worksheet written row by row and flushed as it goes (a hundred thousand customers do
/// not sit in memory), its header frozen and filtered, its columns fit to their content.
struct XlsxSink {
    book: Workbook,
    grid: Grid,
    columns: u16,
    last_row: u32,
}

impl XlsxSink {
    fn new(language: Language, headers: &[String]) -> Result<XlsxSink> {
        let mut book = Workbook::new();
        let mut grid = Grid::new(language);
        let ws = book
            .add_worksheet_with_constant_memory()
            .map_err(crate::import::xlsx_error)?;
        grid.header(ws, 0, headers)?;
        Ok(XlsxSink {
            book,
            grid,
            columns: u16::try_from(headers.len()).unwrap_or(u16::MAX),
            last_row: 0,
        })
    }
}

impl Sink for XlsxSink {
    fn row(&mut self, n: u32, values: Vec<Value>) -> Result<()> {
        let ws = self
            .book
            .worksheet_from_index(0)
            .map_err(crate::import::xlsx_error)?;
        for (col, v) in (0u16..).zip(values) {
            match v {
                Value::Text(t) => self.grid.text(ws, n, col, t)?,
                Value::Day(d) => self.grid.date(ws, n, col, &d)?,
            }
        }
        self.last_row = n;
        Ok(())
    }

    fn finish(mut self: Box<Self>, path: &Path) -> Result<()> {
        let ws = self
            .book
            .worksheet_from_index(0)
            .map_err(crate::import::xlsx_error)?;
        self.grid
            .freeze_and_filter(ws, 0, self.last_row, self.columns)?;
        self.grid.fit(ws)?;
        self.book.save(path).map_err(crate::import::xlsx_error)
    }
}

struct CsvSink {
    writer: csv::Writer<std::io::BufWriter<std::fs::File>>,
}

impl CsvSink {
    /// UTF-8 with a byte-order mark, which Excel needs to read Vietnamese correctly.
    fn new(path: &Path, headers: &[String]) -> Result<CsvSink> {
        use std::io::Write;
        let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
        file.write_all(b"\xEF\xBB\xBF")?;
        let mut writer = csv::Writer::from_writer(file);
        writer.write_record(headers).map_err(csv_error)?;
        Ok(CsvSink { writer })
    }
}

/// A cell Excel would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) gets
/// a `'` in front: exports write her text as text.
pub fn csv_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

impl Sink for CsvSink {
    fn row(&mut self, _n: u32, values: Vec<Value>) -> Result<()> {
        let record: Vec<String> = values
            .into_iter()
            .map(|v| match v {
                Value::Text(t) => csv_safe(&t).into_owned(),
                Value::Day(d) => d.format("%d/%m/%Y").to_string(),
            })
            .collect();
        self.writer.write_record(&record).map_err(csv_error)
    }

    fn finish(mut self: Box<Self>, _path: &Path) -> Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}
