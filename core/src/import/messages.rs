//! What is wrong with a cell, in her language: the rejected-rows file's "reason" column and the
//! command line's messages. The app's window says the same from its own catalog.

use super::columns::ImportField;
use super::plan::CellProblem;
use crate::error::ErrorKind;
use crate::settings::{CustomField, Language};

/// "Điện thoại: “gọi sau” is not a phone number", naming the column as the file does.
pub fn problem(p: &CellProblem, language: Language, custom: &[CustomField]) -> String {
    let column = if p.header.is_empty() {
        field_label(&p.field, language, custom)
    } else {
        p.header.clone()
    };
    let v = &p.value;
    let vi = language == Language::Vi;
    let text = match p.kind {
        ErrorKind::Required if vi => "bắt buộc, đang để trống".to_owned(),
        ErrorKind::Required => "is required and empty".to_owned(),
        ErrorKind::TooLong if vi => format!("quá dài (tối đa {v})"),
        ErrorKind::TooLong => format!("is too long (at most {v})"),
        ErrorKind::InvalidEmail if vi => format!("“{v}” không phải địa chỉ email"),
        ErrorKind::InvalidEmail => format!("“{v}” is not an email address"),
        ErrorKind::InvalidPhone if vi => format!("“{v}” không phải số điện thoại"),
        ErrorKind::InvalidPhone => format!("“{v}” is not a phone number"),
        ErrorKind::InvalidDate if vi => format!("“{v}” không phải ngày (dd/mm/yyyy)"),
        ErrorKind::InvalidDate => format!("“{v}” is not a date (dd/mm/yyyy)"),
        ErrorKind::TwoDigitYear if vi => {
            format!("“{v}”: năm chỉ có hai chữ số, hãy ghi đủ bốn chữ số")
        }
        ErrorKind::TwoDigitYear => format!("“{v}”: the year has two digits; write all four"),
        ErrorKind::DateInFuture if vi => format!("“{v}” là ngày trong tương lai"),
        ErrorKind::DateInFuture => format!("“{v}” is in the future"),
        ErrorKind::DuplicateInFile if vi => format!("mã “{v}” xuất hiện trên nhiều dòng"),
        ErrorKind::DuplicateInFile => format!("code “{v}” is on more than one row"),
        ErrorKind::CodeTaken if vi => format!("mã “{v}” đã có khách hàng khác dùng"),
        ErrorKind::CodeTaken => format!("code “{v}” belongs to another customer"),
        ErrorKind::InvalidNumber if vi => format!("“{v}” không phải số"),
        ErrorKind::InvalidNumber => format!("“{v}” is not a number"),
        ErrorKind::InvalidLink if vi => format!("“{v}” không phải liên kết hợp lệ"),
        ErrorKind::InvalidLink => format!("“{v}” is not a valid link"),
        ErrorKind::UnknownLevel if vi => format!("chưa có cấp độ “{v}”"),
        ErrorKind::UnknownLevel => format!("there is no level “{v}”"),
        ErrorKind::UnknownStaff if vi => format!("chưa có nhân viên “{v}”"),
        ErrorKind::UnknownStaff => format!("there is no staff member “{v}”"),
        ErrorKind::UnknownCustomer if vi => format!("không có khách hàng mã “{v}”"),
        ErrorKind::UnknownCustomer => format!("there is no customer with code “{v}”"),
        ErrorKind::InvalidFormat if vi => format!("“{v}” không đúng định dạng"),
        ErrorKind::InvalidFormat => format!("“{v}” is not in the right form"),
        _ if vi => format!("“{v}” không dùng được"),
        _ => format!("“{v}” cannot be used"),
    };
    format!("{column}: {text}")
}

/// "Khách hàng KH00042 Nguyễn Thị Hồng đã có (cùng mã)".
pub fn exists(code: &str, name: &str, by: super::MatchedBy, language: Language) -> String {
    use super::MatchedBy as M;
    match (language, by) {
        (Language::Vi, M::Code) => format!("đã có khách hàng {code} {name} (cùng mã)"),
        (Language::Vi, M::Email) => format!("đã có khách hàng {code} {name} (cùng email)"),
        (Language::Vi, M::Phone) => format!("đã có khách hàng {code} {name} (cùng số điện thoại)"),
        (Language::En, M::Code) => format!("customer {code} {name} exists (same code)"),
        (Language::En, M::Email) => format!("customer {code} {name} exists (same email)"),
        (Language::En, M::Phone) => format!("customer {code} {name} exists (same phone)"),
    }
}

/// A field's name when no column names it (a constant).
fn field_label(key: &str, language: Language, custom: &[CustomField]) -> String {
    let field = match key.strip_prefix("custom.") {
        Some(id) => Some(ImportField::Custom(id.to_owned())),
        None => super::columns::BUILT_IN
            .iter()
            .find(|f| f.key() == key)
            .cloned(),
    };
    field
        .map(|f| f.label(language, custom))
        .unwrap_or_else(|| key.to_owned())
}
