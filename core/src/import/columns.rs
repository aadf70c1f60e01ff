//! The customer fields a column can fill, what they are called in a header (Vietnamese or
//! English, with or without accents), and where the header row is.

use super::read::Cell;
use crate::settings::{CustomField, Language};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field a column (or a constant) fills.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "id", rename_all = "snake_case")]
pub enum ImportField {
    Code,
    FullName,
    Gender,
    BirthDate,
    Phones,
    Emails,
    Address,
    Country,
    Company,
    PositionTitle,
    Level,
    CustomerType,
    Source,
    /// The referring customer, by her code.
    Referrer,
    AssignedTo,
    /// The responsible staff member, by name or email.
    Responsible,
    Facebook,
    Zalo,
    Linkedin,
    X,
    PassportNo,
    PassportExpiry,
    Description,
    LastContactOn,
    /// A custom field, by its id.
    Custom(String),
}

/// The built-in fields in the order a template and an export list them (code first).
pub const BUILT_IN: [ImportField; 24] = [
    ImportField::Code,
    ImportField::FullName,
    ImportField::Gender,
    ImportField::BirthDate,
    ImportField::Phones,
    ImportField::Emails,
    ImportField::Address,
    ImportField::Country,
    ImportField::Company,
    ImportField::PositionTitle,
    ImportField::Level,
    ImportField::CustomerType,
    ImportField::Source,
    ImportField::Referrer,
    ImportField::AssignedTo,
    ImportField::Responsible,
    ImportField::Facebook,
    ImportField::Zalo,
    ImportField::Linkedin,
    ImportField::X,
    ImportField::PassportNo,
    ImportField::PassportExpiry,
    ImportField::Description,
    ImportField::LastContactOn,
];

impl ImportField {
    /// The field's name in the customer record and in errors (`full_name`, `custom.<id>`).
    pub fn key(&self) -> String {
        match self {
            ImportField::Custom(id) => format!("custom.{id}"),
            other => other.builtin_key().to_owned(),
        }
    }

    fn builtin_key(&self) -> &'static str {
        match self {
            ImportField::Code => "code",
            ImportField::FullName => "full_name",
            ImportField::Gender => "gender",
            ImportField::BirthDate => "birth_date",
            ImportField::Phones => "phones",
            ImportField::Emails => "emails",
            ImportField::Address => "address",
            ImportField::Country => "country",
            ImportField::Company => "company",
            ImportField::PositionTitle => "position_title",
            ImportField::Level => "level_id",
            ImportField::CustomerType => "customer_type",
            ImportField::Source => "source",
            ImportField::Referrer => "referrer_id",
            ImportField::AssignedTo => "assigned_to",
            ImportField::Responsible => "responsible_id",
            ImportField::Facebook => "facebook",
            ImportField::Zalo => "zalo",
            ImportField::Linkedin => "linkedin",
            ImportField::X => "x",
            ImportField::PassportNo => "passport_no",
            ImportField::PassportExpiry => "passport_expiry",
            ImportField::Description => "description",
            ImportField::LastContactOn => "last_contact_on",
            ImportField::Custom(_) => "custom",
        }
    }

    /// Whether several columns may fill it (their values are joined).
    pub fn takes_many(&self) -> bool {
        matches!(self, ImportField::Phones | ImportField::Emails)
    }

    /// The header a template or an export writes, in her language (the words the app's
    /// forms use, so that an export reads back as it was).
    pub fn label(&self, language: Language, custom: &[CustomField]) -> String {
        let (vi, en) = match self {
            ImportField::Code => ("Mã khách hàng", "Customer code"),
            ImportField::FullName => ("Họ và tên", "Full name"),
            ImportField::Gender => ("Giới tính", "Gender"),
            ImportField::BirthDate => ("Ngày sinh", "Date of birth"),
            ImportField::Phones => ("Điện thoại", "Phone"),
            ImportField::Emails => ("Email", "Email"),
            ImportField::Address => ("Địa chỉ", "Address"),
            ImportField::Country => ("Quốc gia", "Country"),
            ImportField::Company => ("Công ty", "Company"),
            ImportField::PositionTitle => ("Chức danh", "Position title"),
            ImportField::Level => ("Cấp độ", "Level"),
            ImportField::CustomerType => ("Loại khách hàng", "Customer type"),
            ImportField::Source => ("Nguồn khách", "Source"),
            ImportField::Referrer => ("Người giới thiệu", "Referred by"),
            ImportField::AssignedTo => ("Nhóm / đơn vị", "Assigned to (group or unit)"),
            ImportField::Responsible => ("Người phụ trách", "Responsible person"),
            ImportField::Facebook => ("Facebook", "Facebook"),
            ImportField::Zalo => ("Zalo", "Zalo"),
            ImportField::Linkedin => ("LinkedIn", "LinkedIn"),
            ImportField::X => ("X (Twitter)", "X (Twitter)"),
            ImportField::PassportNo => ("Số hộ chiếu", "Passport number"),
            ImportField::PassportExpiry => ("Hạn hộ chiếu", "Passport expiry"),
            ImportField::Description => ("Ghi chú", "Notes"),
            ImportField::LastContactOn => ("Liên hệ gần nhất", "Last contact"),
            ImportField::Custom(id) => {
                return custom
                    .iter()
                    .find(|f| f.id.0 == *id)
                    .map(|f| f.name.clone())
                    .unwrap_or_else(|| id.clone())
            }
        };
        match language {
            Language::Vi => vi.to_owned(),
            Language::En => en.to_owned(),
        }
    }

    /// The headers that name this field, folded (no accents, lowercase, words split by
    /// single spaces).
    fn synonyms(&self) -> &'static [&'static str] {
        match self {
            ImportField::Code => &[
                "ma kh",
                "ma khach hang",
                "ma khach",
                "ma so khach hang",
                "customer code",
                "customer id",
                "code",
                "ma",
            ],
            ImportField::FullName => &[
                "ho va ten",
                "ho ten",
                "ho ten khach hang",
                "ten khach hang",
                "ten kh",
                "ten",
                "khach hang",
                "full name",
                "fullname",
                "customer name",
                "customer",
                "name",
            ],
            ImportField::Gender => &["gioi tinh", "gender", "sex", "phai"],
            ImportField::BirthDate => &[
                "ngay sinh",
                "ngay thang nam sinh",
                "sinh nhat",
                "dob",
                "date of birth",
                "birth date",
                "birthday",
            ],
            ImportField::Phones => &[
                "dien thoai",
                "so dien thoai",
                "sdt",
                "dt",
                "dtdd",
                "di dong",
                "so di dong",
                "mobile",
                "mobile phone",
                "phone",
                "phone number",
                "tel",
                "telephone",
            ],
            ImportField::Emails => &["email", "e mail", "thu dien tu", "mail", "email address"],
            ImportField::Address => &["dia chi", "dia chi lien he", "address"],
            ImportField::Country => &["quoc gia", "nuoc", "quoc tich", "country", "nationality"],
            ImportField::Company => &[
                "cong ty",
                "ten cong ty",
                "doanh nghiep",
                "co quan",
                "company",
                "company name",
                "organization",
            ],
            ImportField::PositionTitle => &[
                "chuc danh",
                "chuc vu",
                "position",
                "position title",
                "job title",
                "title",
            ],
            ImportField::Level => &[
                "cap do",
                "loai khach",
                "phan loai",
                "hang khach",
                "level",
                "customer level",
                "status",
            ],
            ImportField::CustomerType => &[
                "loai khach hang",
                "doi tuong",
                "doi tuong khach hang",
                "loai hinh",
                "customer type",
                "type",
            ],
            ImportField::Source => &["nguon", "nguon khach", "nguon khach hang", "kenh", "source"],
            ImportField::Referrer => &[
                "nguoi gioi thieu",
                "ma nguoi gioi thieu",
                "gioi thieu boi",
                "referred by",
                "referrer",
            ],
            ImportField::AssignedTo => &[
                "nhom don vi",
                "nhom",
                "don vi",
                "phong ban",
                "assigned to",
                "assigned to group or unit",
                "group",
                "team",
                "unit",
            ],
            ImportField::Responsible => &[
                "nguoi phu trach",
                "nhan vien phu trach",
                "nv phu trach",
                "nhan vien",
                "nhan vien kinh doanh",
                "nhan vien sale",
                "phu trach",
                "sales person",
                "salesperson",
                "sales",
                "sale",
                "responsible",
                "responsible person",
                "owner",
            ],
            ImportField::Facebook => &["facebook", "fb"],
            ImportField::Zalo => &["zalo"],
            ImportField::Linkedin => &["linkedin"],
            ImportField::X => &["x", "twitter", "x twitter"],
            ImportField::PassportNo => &[
                "so ho chieu",
                "ho chieu",
                "so passport",
                "passport",
                "passport no",
                "passport number",
            ],
            ImportField::PassportExpiry => &[
                "han ho chieu",
                "ngay het han ho chieu",
                "het han ho chieu",
                "passport expiry",
                "passport expiry date",
                "passport expires",
            ],
            ImportField::Description => &[
                "ghi chu",
                "mo ta",
                "notes",
                "note",
                "description",
                "remarks",
            ],
            ImportField::LastContactOn => &[
                "lien he gan nhat",
                "ngay lien he gan nhat",
                "last contact",
                "last contacted",
            ],
            ImportField::Custom(_) => &[],
        }
    }
}

/// A header as it is compared: folded, punctuation and repeated spaces gone.
pub fn header_key(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Headers that number the rows (`STT`, `No.`, `#`): known, and ignored.
fn is_row_number_header(key: &str) -> bool {
    matches!(key, "stt" | "no" | "so tt" | "tt" | "" | "n o" | "number")
}

/// What a header names: a field, or nothing Tripdesk keeps.
pub fn field_for_header(text: &str, custom: &[CustomField]) -> Option<ImportField> {
    let key = header_key(text);
    if key.is_empty() || is_row_number_header(&key) {
        return None;
    }
    // Her own fields first: a custom field called "Sở thích" or even "Ghi chú VIP".
    if let Some(f) = custom.iter().find(|f| header_key(&f.name) == key) {
        return Some(ImportField::Custom(f.id.0.clone()));
    }
    BUILT_IN
        .iter()
        .find(|f| f.synonyms().contains(&key.as_str()))
        .cloned()
}

/// How much a row looks like a header: the number of its cells that name a field.
fn header_score(row: &[Cell], custom: &[CustomField]) -> usize {
    let mut seen: Vec<ImportField> = Vec::new();
    for cell in row {
        if let Cell::Text(t) = cell {
            if let Some(f) = field_for_header(t, custom) {
                if !seen.contains(&f) || f.takes_many() {
                    seen.push(f);
                }
            }
        }
    }
    seen.len()
}

/// The rows a header is looked for in.
pub const HEADER_SCAN_ROWS: usize = 30;

/// The index (0-based) of the header row among the first rows of a sheet: the row that names
/// the most fields, skipping titles, report dates and blank rows above the table. Without any
/// row naming two fields, the first row with two or more text cells.
pub fn find_header_row(rows: &[Vec<Cell>], custom: &[CustomField]) -> Option<usize> {
    let scanned = rows.iter().take(HEADER_SCAN_ROWS).enumerate();
    let best = scanned
        .clone()
        .map(|(i, r)| (header_score(r, custom), i))
        .filter(|(score, _)| *score >= 2)
        // The highest score; the earliest row among equals.
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    if let Some((_, i)) = best {
        return Some(i);
    }
    scanned
        .filter(|(_, r)| r.iter().filter(|c| matches!(c, Cell::Text(_))).count() >= 2)
        .map(|(i, _)| i)
        .next()
}

/// A cell's text as a header shows it.
pub fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => super::values::number_text(*n),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Error(e) => e.clone(),
        Cell::Empty => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn headers_are_matched_in_either_language_with_or_without_accents() {
        let cases = [
            ("Mã KH", ImportField::Code),
            ("Mã khách hàng", ImportField::Code),
            ("Customer code", ImportField::Code),
            ("CODE", ImportField::Code),
            ("Họ và tên", ImportField::FullName),
            ("Ho ten", ImportField::FullName),
            ("Full name", ImportField::FullName),
            ("Name", ImportField::FullName),
            ("Ngày sinh", ImportField::BirthDate),
            ("DOB", ImportField::BirthDate),
            ("Date of birth", ImportField::BirthDate),
            ("Điện thoại", ImportField::Phones),
            ("SĐT", ImportField::Phones),
            ("Mobile", ImportField::Phones),
            ("Phone", ImportField::Phones),
            ("E-mail", ImportField::Emails),
            ("Địa chỉ", ImportField::Address),
            ("Quốc gia", ImportField::Country),
            ("Loại khách", ImportField::Level),
            ("Level", ImportField::Level),
            ("Customer type", ImportField::CustomerType),
            ("Nhân viên phụ trách", ImportField::Responsible),
            ("Sales person", ImportField::Responsible),
            ("Responsible", ImportField::Responsible),
            ("Số hộ chiếu", ImportField::PassportNo),
            ("Passport", ImportField::PassportNo),
            ("Ghi chú", ImportField::Description),
            ("Notes", ImportField::Description),
        ];
        for (header, field) in cases {
            assert_eq!(field_for_header(header, &[]), Some(field), "{header}");
        }
        assert_eq!(field_for_header("STT", &[]), None);
        assert_eq!(field_for_header("Màu yêu thích", &[]), None);
    }

    #[test]
    fn every_label_reads_back_as_its_own_field() {
        for field in BUILT_IN {
            for language in [Language::Vi, Language::En] {
                let label = field.label(language, &[]);
                assert_eq!(
                    field_for_header(&label, &[]),
                    Some(field.clone()),
                    "{label}"
                );
            }
        }
    }

    #[test]
    fn the_header_row_is_found_below_titles_and_report_dates() {
        let rows = vec![
            vec![text("DANH SÁCH KHÁCH HÀNG 2026")],
            vec![text("Ngày xuất: 01/11/2026")],
            vec![],
            vec![text("STT"), text("Mã KH"), text("Họ tên"), text("SĐT")],
            vec![
                Cell::Number(1.0),
                text("KH1"),
                text("An"),
                text("0903123456"),
            ],
        ];
        assert_eq!(find_header_row(&rows, &[]), Some(3));
    }
}
