//! Every customer to a workbook or a CSV file: one row each, every field under a header that
//! names it in her language (code first), so that the file reads back through the import.

use crate::customers::{display_phone, Customer, CustomerType, Gender};
use crate::error::{Error, Result};
use crate::import::columns::{ImportField, BUILT_IN};
use crate::settings::{CustomField, CustomFieldKind, Language};
use crate::Desk;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
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
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let mut sink: Box<dyn Sink> = match ext.as_str() {
            "xlsx" => Box::new(XlsxSink::new(&headers)?),
            "csv" => Box::new(CsvSink::new(path, &headers)?),
            _ => {
                return Err(Error::invalid(
                    "path",
                    crate::ErrorKind::FileUnsupported,
                    path.display().to_string(),
                ))
            }
        };
        let mut count = 0u32;
        crate::customers::each_for_export(self.conn(), &mut |c: Customer| {
            let mut row: Vec<Value> = BUILT_IN.iter().map(|f| names.value(f, &c)).collect();
            row.extend(custom.iter().map(|f| custom_value(f, &c)));
            row.push(Value::Text(
                c.archived_at
                    .as_deref()
                    .map(|a| a.get(..10).unwrap_or(a).to_owned())
                    .unwrap_or_default(),
            ));
            count += 1;
            sink.row(count, &row)
        })?;
        sink.finish(path)?;
        Ok(count)
    }
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
        let codes = crate::customers::referrer_codes(desk.conn())?;
        Ok(Names {
            language,
            levels,
            staff,
            codes,
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

trait Sink {
    fn row(&mut self, n: u32, values: &[Value]) -> Result<()>;
    fn finish(self: Box<Self>, path: &Path) -> Result<()>;
}

struct XlsxSink {
    book: Workbook,
    date: Format,
}

impl XlsxSink {
    fn new(headers: &[String]) -> Result<XlsxSink> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let ws = book
            .add_worksheet_with_constant_memory()
            .map_err(crate::import::xlsx_error)?;
        for (i, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, h, &bold)
                .map_err(crate::import::xlsx_error)?;
        }
        ws.set_freeze_panes(1, 0)
            .map_err(crate::import::xlsx_error)?;
        Ok(XlsxSink {
            book,
            date: Format::new().set_num_format("dd/mm/yyyy"),
        })
    }
}

impl Sink for XlsxSink {
    fn row(&mut self, n: u32, values: &[Value]) -> Result<()> {
        let ws = self
            .book
            .worksheet_from_index(0)
            .map_err(crate::import::xlsx_error)?;
        for (i, v) in values.iter().enumerate() {
            match v {
                Value::Text(t) if t.is_empty() => {}
                // `write_string` never makes a formula of "=…".
                Value::Text(t) => {
                    ws.write_string(n, i as u16, t)
                        .map_err(crate::import::xlsx_error)?;
                }
                Value::Day(d) => {
                    ws.write_date_with_format(n, i as u16, d, &self.date)
                        .map_err(crate::import::xlsx_error)?;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, path: &Path) -> Result<()> {
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
    fn row(&mut self, _n: u32, values: &[Value]) -> Result<()> {
        let record: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::Text(t) => csv_safe(t).into_owned(),
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
