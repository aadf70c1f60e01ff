//! The customer sheet as a document: the agency's header, the customer's name and code, then
//! sections of labelled fields, tables and text. Every word is in her language and every value
//! keeps its type (a day, an amount in its currency, a code that must stay text), so the PDF and
//! the workbook render the same sheet each in its own way.
//!
//! Which sections a sheet carries is her choice, remembered on this device with the paper size.

use super::customers::{Names, Value};
use crate::error::{Error, ErrorKind, Result};
use crate::followups::{FollowUpFilter, FollowUpState};
use crate::ids::CustomerId;
use crate::import::columns::{ImportField, BUILT_IN};
use crate::money::Amount;
use crate::settings::{CustomFieldKind, Language};
use crate::Desk;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The follow-ups a sheet lists: the newest ones.
pub const SHEET_FOLLOWUPS: u32 = 20;
/// The tasks a sheet lists: the newest ones.
pub const SHEET_TASKS: u32 = 50;
/// The quotes and the bookings a sheet lists, each.
pub const SHEET_DEALS: u32 = 100;
/// The prepaid entries a sheet lists: the newest ones (the balances count them all).
pub const SHEET_PREPAID: u32 = 300;

/// A part of the sheet she can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    Details,
    Passport,
    Contacts,
    Addresses,
    BankAccounts,
    FollowUps,
    Tasks,
    Quotes,
    Bookings,
    Prepaid,
    Revenue,
    Notes,
}

impl SectionId {
    /// Every section, in the order a sheet prints them.
    pub const ALL: [SectionId; 12] = [
        SectionId::Details,
        SectionId::Passport,
        SectionId::Contacts,
        SectionId::Addresses,
        SectionId::BankAccounts,
        SectionId::FollowUps,
        SectionId::Tasks,
        SectionId::Quotes,
        SectionId::Bookings,
        SectionId::Prepaid,
        SectionId::Revenue,
        SectionId::Notes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionId::Details => "details",
            SectionId::Passport => "passport",
            SectionId::Contacts => "contacts",
            SectionId::Addresses => "addresses",
            SectionId::BankAccounts => "bank_accounts",
            SectionId::FollowUps => "follow_ups",
            SectionId::Tasks => "tasks",
            SectionId::Quotes => "quotes",
            SectionId::Bookings => "bookings",
            SectionId::Prepaid => "prepaid",
            SectionId::Revenue => "revenue",
            SectionId::Notes => "notes",
        }
    }

    pub fn parse(text: &str) -> Option<SectionId> {
        let text = text.trim().to_ascii_lowercase().replace('-', "_");
        SectionId::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Quotes, bookings, prepaid credit and revenue: what "leave out the financials" removes.
    pub fn is_financial(self) -> bool {
        matches!(
            self,
            SectionId::Quotes | SectionId::Bookings | SectionId::Prepaid | SectionId::Revenue
        )
    }

    /// The section's title on the sheet (also its worksheet's name).
    pub fn title(self, language: Language) -> &'static str {
        let (vi, en) = match self {
            SectionId::Details => ("Thông tin khách hàng", "Customer details"),
            SectionId::Passport => ("Hộ chiếu", "Passport"),
            SectionId::Contacts => ("Người liên hệ", "Contacts"),
            SectionId::Addresses => ("Địa chỉ", "Addresses"),
            SectionId::BankAccounts => ("Tài khoản ngân hàng", "Bank accounts"),
            SectionId::FollowUps => ("Chăm sóc gần đây", "Recent follow-ups"),
            SectionId::Tasks => ("Công việc", "Tasks"),
            SectionId::Quotes => ("Báo giá", "Quotes"),
            SectionId::Bookings => ("Đặt dịch vụ", "Bookings"),
            SectionId::Prepaid => ("Tiền trả trước", "Prepaid credit"),
            SectionId::Revenue => ("Doanh thu và công nợ", "Revenue and debt"),
            SectionId::Notes => ("Ghi chú", "Notes"),
        };
        pick(language, vi, en)
    }
}

/// Paper for the printed sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// Width and height in millimetres, portrait.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

/// Her choice for sheets: the sections they carry and the paper they are printed on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetSettings {
    pub sections: Vec<SectionId>,
    pub paper: Paper,
}

impl Default for SheetSettings {
    fn default() -> Self {
        SheetSettings {
            sections: SectionId::ALL.to_vec(),
            paper: Paper::A4,
        }
    }
}

impl SheetSettings {
    /// Whether a section is included.
    pub fn has(&self, section: SectionId) -> bool {
        self.sections.contains(&section)
    }

    /// The sections named in a comma-separated list (`details,contacts,bookings`); an unknown
    /// name is refused with the names that exist.
    pub fn parse_sections(list: &str) -> Result<Vec<SectionId>> {
        let mut sections = Vec::new();
        for name in list.split(',').filter(|n| !n.trim().is_empty()) {
            let Some(section) = SectionId::parse(name) else {
                let known: Vec<&str> = SectionId::ALL.iter().map(|s| s.as_str()).collect();
                return Err(Error::invalid(
                    "sections",
                    ErrorKind::InvalidChoice,
                    format!("{} ({})", name.trim(), known.join(", ")),
                ));
            };
            if !sections.contains(&section) {
                sections.push(section);
            }
        }
        Ok(sections)
    }
}

/// One value on the sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Words, wrapped when long.
    Text(String),
    /// A code, a phone or an account number: text in a workbook, never a number.
    Code(String),
    Date(NaiveDate),
    /// A day and a time of day, as a follow-up is due.
    DateTime(NaiveDateTime),
    /// A count (guests, quantity).
    Count(i64),
    /// An amount in its currency; a negative one prints in parentheses.
    Money(Amount),
}

impl Cell {
    /// Text, or nothing when empty.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn code(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Code(s)
        }
    }

    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map(Cell::Date).unwrap_or(Cell::Empty)
    }

    pub fn money(amount: rust_decimal::Decimal, currency: &str) -> Cell {
        Cell::Money(Amount {
            currency: currency.to_owned(),
            amount,
        })
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as she reads it on paper: `dd/mm/yyyy`, `1.250.000 ₫`, `(2.000.000 ₫)`.
    pub fn display(&self, language: Language) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Code(s) => s.clone(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::DateTime(t) => t.format("%d/%m/%Y %H:%M").to_string(),
            Cell::Count(n) => n.to_string(),
            Cell::Money(a) => crate::money::format(a.amount, &a.currency, language),
        }
    }
}

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table's column: its header and its share of the width.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Relative width: a column of 2 is twice as wide as a column of 1.
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, weight: f32) -> Column {
        Column {
            title: title.to_owned(),
            weight,
            align: Align::Left,
        }
    }

    /// A right-aligned column (amounts, counts).
    pub fn right(title: &str, weight: f32) -> Column {
        Column {
            align: Align::Right,
            ..Column::new(title, weight)
        }
    }
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Labelled values, two pairs to a row on paper.
    Fields(Vec<(String, Cell)>),
    /// A table; its header repeats on every page it runs onto.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<Cell>>,
    },
    /// Text as typed, wrapped, its line breaks kept.
    Paragraph { title: String, body: String },
    /// A quiet remark: "Nothing yet", "The newest 20 of 154".
    Remark(String),
}

/// A titled part of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The agency at the top of the sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Letterhead {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The logo's type (`image/png`, `image/jpeg`, `image/webp`) and bytes.
    pub logo: Option<(String, Vec<u8>)>,
}

/// A customer's sheet, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub language: Language,
    pub paper: Paper,
    pub agency: Letterhead,
    pub customer_code: String,
    pub customer_name: String,
    /// When it was made (her wall-clock time), printed at the foot of every page.
    pub printed_at: NaiveDateTime,
    pub sections: Vec<Section>,
}

impl Sheet {
    /// The file name she is offered: `KH00042 Nguyen Thi Hong` (accents kept out, as some mail
    /// and file systems still mangle them), without extension.
    pub fn file_stem(&self) -> String {
        file_stem(&self.customer_code, &self.customer_name)
    }

    /// Words of the frame around the sections, in her language.
    pub fn words(&self) -> SheetWords {
        SheetWords::new(self.language)
    }
}

/// `KH00042 Nguyen Thi Hong`: code and name without accents or characters a file name cannot
/// hold.
pub fn file_stem(code: &str, name: &str) -> String {
    let plain: String = crate::text::strip_marks(&format!("{code} {name}"))
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '(' | ')') {
                c
            } else {
                ' '
            }
        })
        .collect();
    let stem = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let stem = stem.trim_matches('.').to_owned();
    if stem.is_empty() {
        "Tripdesk".to_owned()
    } else {
        stem.chars().take(120).collect()
    }
}

/// The fixed words of a sheet's frame.
#[derive(Debug, Clone, Copy)]
pub struct SheetWords {
    /// The document's title, "Phiếu khách hàng".
    pub title: &'static str,
    /// "Mã khách hàng".
    pub code: &'static str,
    /// "In ngày", before the date printed.
    pub printed: &'static str,
    /// "Trang", before "1/2".
    pub page: &'static str,
    /// "(tiếp)", after a section's title on the page it continues onto.
    pub continued: &'static str,
}

impl SheetWords {
    pub fn new(language: Language) -> SheetWords {
        match language {
            Language::Vi => SheetWords {
                title: "Phiếu khách hàng",
                code: "Mã khách hàng",
                printed: "In ngày",
                page: "Trang",
                continued: "(tiếp)",
            },
            Language::En => SheetWords {
                title: "Customer sheet",
                code: "Customer code",
                printed: "Printed",
                page: "Page",
                continued: "(continued)",
            },
        }
    }
}

fn pick(language: Language, vi: &'static str, en: &'static str) -> &'static str {
    match language {
        Language::Vi => vi,
        Language::En => en,
    }
}

impl Desk {
    /// Her choice of sections and paper for sheets (every section on A4 until she chooses).
    pub fn sheet_settings(&self) -> Result<SheetSettings> {
        let mut settings = SheetSettings::default();
        if let Some(list) = crate::meta_get(self.conn(), "sheet_sections")? {
            settings.sections = list.split(',').filter_map(SectionId::parse).collect();
        }
        if crate::meta_get(self.conn(), "sheet_paper")?.as_deref() == Some("letter") {
            settings.paper = Paper::Letter;
        }
        Ok(settings)
    }

    pub fn set_sheet_settings(&mut self, settings: &SheetSettings) -> Result<SheetSettings> {
        self.ensure_sound()?;
        let list: Vec<&str> = SectionId::ALL
            .iter()
            .filter(|s| settings.has(**s))
            .map(|s| s.as_str())
            .collect();
        crate::meta_set(self.conn(), "sheet_sections", &list.join(","))?;
        let paper = match settings.paper {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        };
        crate::meta_set(self.conn(), "sheet_paper", paper)?;
        self.sheet_settings()
    }

    /// The customer's sheet with the sections chosen, as of `now` (her wall-clock time).
    pub fn customer_sheet(
        &self,
        id: &CustomerId,
        settings: &SheetSettings,
        now: NaiveDateTime,
    ) -> Result<Sheet> {
        let language = self.language()?;
        let customer = self.customer(id)?;
        if customer.erased {
            return Err(Error::NotFound("customer"));
        }
        let agency = self.agency()?;
        let logo = self.agency_logo()?;
        let today = now.date();
        let l = |vi: &'static str, en: &'static str| pick(language, vi, en).to_owned();
        let mut sections = Vec::new();
        for section in SectionId::ALL.into_iter().filter(|s| settings.has(*s)) {
            let mut blocks = Vec::new();
            match section {
                SectionId::Details => {
                    let names = Names::for_customer(self, language, &customer)?;
                    let custom = self.custom_fields()?;
                    let mut fields = Vec::new();
                    for field in BUILT_IN.iter().filter(|f| {
                        !matches!(
                            f,
                            ImportField::Code
                                | ImportField::FullName
                                | ImportField::PassportNo
                                | ImportField::PassportExpiry
                                | ImportField::Description
                        )
                    }) {
                        let cell = match names.value(field, &customer) {
                            Value::Day(d) => Cell::Date(d),
                            Value::Text(s) if matches!(field, ImportField::Phones) => Cell::code(s),
                            Value::Text(s) => Cell::text(s),
                        };
                        if !cell.is_empty() {
                            fields.push((field.label(language, &custom), cell));
                        }
                    }
                    for field in &custom {
                        let value = customer
                            .custom
                            .get(&field.id.0)
                            .cloned()
                            .unwrap_or_default();
                        let cell = match field.kind {
                            CustomFieldKind::Date => {
                                match NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
                                    Ok(d) => Cell::Date(d),
                                    Err(_) => Cell::text(value),
                                }
                            }
                            _ => Cell::text(value),
                        };
                        if !cell.is_empty() {
                            fields.push((field.name.clone(), cell));
                        }
                    }
                    if fields.is_empty() {
                        blocks.push(Block::Remark(l("Chưa có thông tin.", "No details yet.")));
                    } else {
                        blocks.push(Block::Fields(fields));
                    }
                    if !customer.description.trim().is_empty() {
                        blocks.push(Block::Paragraph {
                            title: l("Mô tả", "Description"),
                            body: customer.description.clone(),
                        });
                    }
                }
                SectionId::Passport => {
                    let mut fields = Vec::new();
                    if !customer.passport_no.is_empty() {
                        fields.push((
                            l("Số hộ chiếu", "Passport number"),
                            Cell::code(customer.passport_no.clone()),
                        ));
                    }
                    if let Some(expiry) = customer.passport_expiry {
                        fields.push((l("Hạn hộ chiếu", "Passport expiry"), Cell::Date(expiry)));
                    }
                    if fields.is_empty() {
                        blocks.push(Block::Remark(l(
                            "Chưa có thông tin hộ chiếu.",
                            "No passport details yet.",
                        )));
                    } else {
                        blocks.push(Block::Fields(fields));
                    }
                }
                SectionId::Contacts => {
                    let rows = self
                        .contacts(id)?
                        .into_iter()
                        .map(|c| {
                            let mut name = c.full_name;
                            if c.is_primary {
                                name.push_str(pick(language, " (chính)", " (primary)"));
                            }
                            vec![
                                Cell::text(name),
                                Cell::text(c.department),
                                Cell::text(c.position_title),
                                Cell::code(c.phone_display),
                                Cell::text(c.email),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Họ và tên", "Full name"), 3.0),
                            Column::new(&l("Phòng ban", "Department"), 2.0),
                            Column::new(&l("Chức danh", "Position"), 2.0),
                            Column::new(&l("Điện thoại", "Phone"), 2.0),
                            Column::new(&l("Email", "Email"), 3.0),
                        ],
                        rows,
                    ));
                }
                SectionId::Addresses => {
                    let rows = self
                        .addresses(id)?
                        .into_iter()
                        .map(|a| {
                            let mut kind = address_kind(a.kind, language).to_owned();
                            if a.is_default {
                                kind.push_str(pick(language, " (mặc định)", " (default)"));
                            }
                            vec![
                                Cell::text(kind),
                                Cell::text(a.line),
                                Cell::text(a.city),
                                Cell::text(a.country),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Loại", "Kind"), 2.0),
                            Column::new(&l("Địa chỉ", "Address"), 5.0),
                            Column::new(&l("Thành phố", "City"), 2.0),
                            Column::new(&l("Quốc gia", "Country"), 1.2),
                        ],
                        rows,
                    ));
                }
                SectionId::BankAccounts => {
                    let rows = self
                        .bank_accounts(id)?
                        .into_iter()
                        .map(|b| {
                            let mut number = b.account_number;
                            if b.is_default {
                                number.push_str(pick(language, " (mặc định)", " (default)"));
                            }
                            vec![
                                Cell::code(number),
                                Cell::text(b.account_name),
                                Cell::text(b.bank_name),
                                Cell::text(b.branch),
                                Cell::code(b.swift),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Số tài khoản", "Account number"), 3.0),
                            Column::new(&l("Chủ tài khoản", "Account name"), 3.0),
                            Column::new(&l("Ngân hàng", "Bank"), 3.0),
                            Column::new(&l("Chi nhánh", "Branch"), 2.0),
                            Column::new("SWIFT", 1.6),
                        ],
                        rows,
                    ));
                }
                SectionId::FollowUps => {
                    let page =
                        self.followups(id, &FollowUpFilter::default(), 0, SHEET_FOLLOWUPS, now)?;
                    let rows = page
                        .items
                        .into_iter()
                        .map(|f| {
                            let due = f
                                .due_at
                                .as_deref()
                                .and_then(|d| {
                                    NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M").ok()
                                })
                                .map(Cell::DateTime)
                                .unwrap_or(Cell::Empty);
                            vec![
                                due,
                                Cell::text(
                                    f.method
                                        .map(|m| care_method_name(&m.key, &m.name, language))
                                        .unwrap_or_default(),
                                ),
                                Cell::text(f.subject),
                                Cell::text(f.result),
                                Cell::text(followup_state(f.state, language)),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Hạn", "Due"), 2.2),
                            Column::new(&l("Hình thức", "Method"), 1.6),
                            Column::new(&l("Chủ đề", "Subject"), 4.0),
                            Column::new(&l("Kết quả", "Result"), 3.0),
                            Column::new(&l("Trạng thái", "Status"), 1.8),
                        ],
                        rows,
                    ));
                    blocks.extend(newest_of(language, SHEET_FOLLOWUPS, page.total));
                }
                SectionId::Tasks => {
                    let page = self.tasks(id, 0, SHEET_TASKS)?;
                    let staff = staff_names(self)?;
                    let rows = page
                        .items
                        .into_iter()
                        .map(|t| {
                            vec![
                                Cell::text(t.name),
                                Cell::date(t.starts_on),
                                Cell::date(t.finishes_on),
                                Cell::text(
                                    t.staff_id
                                        .and_then(|s| staff.get(&s.0).cloned())
                                        .unwrap_or_default(),
                                ),
                                Cell::text(task_priority(t.priority, language)),
                                Cell::text(task_status(t.status, language)),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Công việc", "Task"), 4.0),
                            Column::new(&l("Bắt đầu", "Starts"), 1.7),
                            Column::new(&l("Kết thúc", "Finishes"), 1.7),
                            Column::new(&l("Người làm", "Operated by"), 2.2),
                            Column::new(&l("Ưu tiên", "Priority"), 1.5),
                            Column::new(&l("Trạng thái", "Status"), 1.5),
                        ],
                        rows,
                    ));
                    blocks.extend(newest_of(language, SHEET_TASKS, page.total));
                }
                SectionId::Quotes => {
                    let page = self.quotes(id, today, 0, SHEET_DEALS)?;
                    let rows = page
                        .items
                        .into_iter()
                        .map(|q| {
                            vec![
                                Cell::code(q.code),
                                Cell::text(q.title),
                                Cell::date(q.departure_on),
                                Cell::date(q.valid_until),
                                Cell::text(quote_status(q.status, language)),
                                Cell::money(q.total, &q.currency),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Mã", "Code"), 1.9),
                            Column::new(&l("Tour / dịch vụ", "Tour or service"), 4.0),
                            Column::new(&l("Khởi hành", "Departure"), 1.7),
                            Column::new(&l("Hiệu lực đến", "Valid until"), 1.7),
                            Column::new(&l("Trạng thái", "Status"), 1.7),
                            Column::right(&l("Tổng", "Total"), 2.2),
                        ],
                        rows,
                    ));
                    blocks.extend(newest_of(language, SHEET_DEALS, page.total));
                }
                SectionId::Bookings => {
                    let page = self.bookings(id, 0, SHEET_DEALS)?;
                    let rows = page
                        .items
                        .into_iter()
                        .map(|b| {
                            vec![
                                Cell::code(b.code),
                                Cell::text(b.title),
                                Cell::date(b.departure_on),
                                Cell::text(booking_status(b.status, language)),
                                Cell::money(b.total, &b.currency),
                                Cell::money(b.paid, &b.currency),
                                Cell::money(b.remaining, &b.currency),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Mã", "Code"), 1.9),
                            Column::new(&l("Tour / dịch vụ", "Tour or service"), 3.2),
                            Column::new(&l("Khởi hành", "Departure"), 1.6),
                            Column::new(&l("Trạng thái", "Status"), 1.7),
                            Column::right(&l("Tổng", "Total"), 2.0),
                            Column::right(&l("Đã trả", "Paid"), 2.0),
                            Column::right(&l("Còn lại", "Remaining"), 2.0),
                        ],
                        rows,
                    ));
                    blocks.extend(newest_of(language, SHEET_DEALS, page.total));
                }
                SectionId::Prepaid => {
                    let view = self.prepaid(id, 0, SHEET_PREPAID)?;
                    let rows = view
                        .entries
                        .into_iter()
                        .map(|e| {
                            let what = match &e.booking {
                                Some(b) if e.description.is_empty() => b.code.clone(),
                                Some(b) => format!("{} ({})", e.description, b.code),
                                None => e.description.clone(),
                            };
                            vec![
                                Cell::Date(e.on),
                                Cell::text(what),
                                Cell::text(match e.kind {
                                    crate::prepaid::PrepaidEntryKind::TopUp => {
                                        pick(language, "Nạp tiền", "Top-up")
                                    }
                                    crate::prepaid::PrepaidEntryKind::CreditPayment => {
                                        pick(language, "Thanh toán", "Payment")
                                    }
                                }),
                                Cell::money(e.amount, &e.currency),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Ngày", "Date"), 1.6),
                            Column::new(&l("Diễn giải", "Description"), 5.0),
                            Column::new(&l("Loại", "Kind"), 1.6),
                            Column::right(&l("Số tiền", "Amount"), 2.4),
                        ],
                        rows,
                    ));
                    blocks.extend(newest_of(language, SHEET_PREPAID, view.total_entries));
                    let balances: Vec<(String, Cell)> = view
                        .balances
                        .into_iter()
                        .map(|b| {
                            let mut label = format!("{} {}", l("Số dư", "Balance"), b.currency);
                            if b.amount.is_sign_negative() && !b.amount.is_zero() {
                                label.push_str(pick(
                                    language,
                                    " (cần nạp thêm)",
                                    " (top-up needed)",
                                ));
                            }
                            (label, Cell::Money(b))
                        })
                        .collect();
                    if !balances.is_empty() {
                        blocks.push(Block::Fields(balances));
                    }
                }
                SectionId::Revenue => {
                    let revenue = self.revenue(id)?;
                    let mut currencies: Vec<String> = revenue
                        .revenue
                        .iter()
                        .chain(&revenue.receipted)
                        .chain(&revenue.owed)
                        .map(|a| a.currency.clone())
                        .collect();
                    currencies.sort();
                    currencies.dedup();
                    let of = |list: &[Amount], currency: &str| {
                        list.iter()
                            .find(|a| a.currency == currency)
                            .map(|a| Cell::Money(a.clone()))
                            .unwrap_or_else(|| Cell::money(rust_decimal::Decimal::ZERO, currency))
                    };
                    let rows = currencies
                        .iter()
                        .map(|c| {
                            vec![
                                Cell::code(c.clone()),
                                of(&revenue.revenue, c),
                                of(&revenue.receipted, c),
                                of(&revenue.owed, c),
                            ]
                        })
                        .collect();
                    blocks.push(table(
                        language,
                        vec![
                            Column::new(&l("Tiền tệ", "Currency"), 1.2),
                            Column::right(&l("Doanh thu", "Revenue"), 2.5),
                            Column::right(&l("Đã thu", "Receipted"), 2.5),
                            Column::right(&l("Còn nợ", "Owed"), 2.5),
                        ],
                        rows,
                    ));
                }
                SectionId::Notes => {
                    let notes = self.notes(id)?;
                    if notes.is_empty() {
                        blocks.push(Block::Remark(l("Chưa có ghi chú.", "No notes yet.")));
                    }
                    for note in notes {
                        let day = note.created_at.get(..10).unwrap_or(&note.created_at);
                        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default();
                        let title = if note.pinned {
                            format!("{day} · {}", l("Đã ghim", "Pinned"))
                        } else {
                            day
                        };
                        blocks.push(Block::Paragraph {
                            title,
                            body: note.body,
                        });
                    }
                }
            }
            sections.push(Section {
                id: section,
                title: section.title(language).to_owned(),
                blocks,
            });
        }
        Ok(Sheet {
            language,
            paper: settings.paper,
            agency: Letterhead {
                name: agency.name,
                address: agency.address,
                phone: agency.phone,
                email: agency.email,
                logo,
            },
            customer_code: customer.code,
            customer_name: customer.full_name,
            printed_at: now,
            sections,
        })
    }
}

/// A table, or a remark that there is nothing to list.
fn table(language: Language, columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Block {
    if rows.is_empty() {
        Block::Remark(pick(language, "Chưa có.", "None yet.").to_owned())
    } else {
        Block::Table { columns, rows }
    }
}

/// "The newest 20 of 154" when a table shows only part of what there is.
fn newest_of(language: Language, shown: u32, total: u32) -> Option<Block> {
    (total > shown).then(|| {
        Block::Remark(match language {
            Language::Vi => format!("{shown} mục mới nhất trên tổng số {total}."),
            Language::En => format!("The newest {shown} of {total}."),
        })
    })
}

fn staff_names(desk: &Desk) -> Result<std::collections::HashMap<String, String>> {
    Ok(desk
        .staff()?
        .into_iter()
        .map(|s| (s.id.0, s.name))
        .collect())
}

fn address_kind(kind: crate::addresses::AddressKind, language: Language) -> &'static str {
    use crate::addresses::AddressKind as K;
    match kind {
        K::Home => pick(language, "Nhà riêng", "Home"),
        K::Office => pick(language, "Cơ quan", "Office"),
        K::Billing => pick(language, "Thanh toán", "Billing"),
        K::Delivery => pick(language, "Giao nhận", "Delivery"),
    }
}

/// A care method's name: hers as she typed it, a built-in one in her language.
fn care_method_name(key: &str, name: &str, language: Language) -> String {
    if !name.is_empty() {
        return name.to_owned();
    }
    match key {
        "call" => pick(language, "Gọi điện", "Call"),
        "email" => "Email",
        "meet" => pick(language, "Gặp mặt", "Meeting"),
        "sms" => "SMS",
        "zalo" => "Zalo",
        "other" => pick(language, "Khác", "Other"),
        other => other,
    }
    .to_owned()
}

fn followup_state(state: FollowUpState, language: Language) -> &'static str {
    match state {
        FollowUpState::Unfulfilled => pick(language, "Chưa thực hiện", "Not done"),
        FollowUpState::Processing => pick(language, "Đang xử lý", "Processing"),
        FollowUpState::Finish => pick(language, "Hoàn thành", "Finished"),
        FollowUpState::OutOfDate => pick(language, "Quá hạn", "Out of date"),
    }
}

fn task_priority(p: crate::tasks::TaskPriority, language: Language) -> &'static str {
    use crate::tasks::TaskPriority as P;
    match p {
        P::Low => pick(language, "Thấp", "Low"),
        P::Normal => pick(language, "Bình thường", "Normal"),
        P::High => pick(language, "Cao", "High"),
        P::Urgent => pick(language, "Khẩn cấp", "Urgent"),
    }
}

fn task_status(s: crate::tasks::TaskStatus, language: Language) -> &'static str {
    use crate::tasks::TaskStatus as S;
    match s {
        S::Todo => pick(language, "Cần làm", "To do"),
        S::InProgress => pick(language, "Đang làm", "In progress"),
        S::Done => pick(language, "Đã xong", "Done"),
        S::Cancelled => pick(language, "Đã huỷ", "Cancelled"),
    }
}

fn quote_status(s: crate::quotes::QuoteStatus, language: Language) -> &'static str {
    use crate::quotes::QuoteStatus as S;
    match s {
        S::Draft => pick(language, "Nháp", "Draft"),
        S::Sent => pick(language, "Đã gửi", "Sent"),
        S::Accepted => pick(language, "Đã chấp nhận", "Accepted"),
        S::Rejected => pick(language, "Bị từ chối", "Rejected"),
        S::Expired => pick(language, "Hết hạn", "Expired"),
    }
}

fn booking_status(s: crate::bookings::BookingStatus, language: Language) -> &'static str {
    use crate::bookings::BookingStatus as S;
    match s {
        S::Pending => pick(language, "Chờ xác nhận", "Pending"),
        S::Confirmed => pick(language, "Đã xác nhận", "Confirmed"),
        S::Completed => pick(language, "Đã hoàn thành", "Completed"),
        S::Cancelled => pick(language, "Đã huỷ", "Cancelled"),
    }
}
