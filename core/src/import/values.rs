//! Cells read as a person reads them: dates in any of the forms Vietnamese sheets hold them,
//! phones that lost their leading zero to Excel, several phones or emails in one cell.

use super::read::Cell;
use crate::customers::{is_email, normalize_phone, CustomerType, Gender};
use crate::error::ErrorKind;
use crate::text::{clean, fold};
use chrono::{Datelike, NaiveDate};

/// Why a cell's value cannot be used, in the terms of `ErrorKind`, with the value as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ErrorKind,
    pub value: String,
}

impl Problem {
    pub fn new(kind: ErrorKind, value: impl Into<String>) -> Self {
        Problem {
            kind,
            value: value.into(),
        }
    }
}

type Read<T> = Result<T, Problem>;

/// A number as a person wrote it: `903123456`, not `903123456.0`.
pub fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// A cell as text. A leading `'` that only kept Excel from reading the text as a formula (as
/// exports write `'+84…`) is dropped.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => {
            let t = t.trim();
            match t.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => clean(rest),
                _ => clean(t),
            }
        }
        Cell::Number(n) => number_text(*n),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Date(d) => d.date().format("%d/%m/%Y").to_string(),
        Cell::Error(e) => e.clone(),
    }
}

pub fn is_blank(cell: &Cell) -> bool {
    match cell {
        Cell::Empty => true,
        Cell::Text(t) => t.trim().is_empty(),
        _ => false,
    }
}

/// Excel's day 0 for serials past the 1900 leap-year bug (serial 60 is a 29 February 1900 that
/// never was).
fn excel_day(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let base = if days >= 61 {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

/// A date: an Excel date cell, a date serial, or text day first (`15/03/1985`, `15-03-1985`)
/// or ISO (`1985-03-15`). A two-digit year is asked about, not guessed; a bare year is not a
/// date.
pub fn cell_date(cell: &Cell) -> Read<Option<NaiveDate>> {
    let day = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => d.date(),
        Cell::Number(n) => {
            let text = number_text(*n);
            if (1000.0..=2200.0).contains(n) && n.fract() == 0.0 {
                return Err(Problem::new(ErrorKind::InvalidDate, text));
            }
            excel_day(*n).ok_or_else(|| Problem::new(ErrorKind::InvalidDate, text))?
        }
        Cell::Text(_) => {
            let text = cell_text(cell);
            if text.is_empty() {
                return Ok(None);
            }
            match crate::dates::parse_day(&text) {
                Ok(Some(d)) => d,
                Ok(None) => return Ok(None),
                Err(()) if has_two_digit_year(&text) => {
                    return Err(Problem::new(ErrorKind::TwoDigitYear, text))
                }
                Err(()) => return Err(Problem::new(ErrorKind::InvalidDate, text)),
            }
        }
        other => return Err(Problem::new(ErrorKind::InvalidDate, cell_text(other))),
    };
    if !(1900..=2200).contains(&day.year()) {
        return Err(Problem::new(
            ErrorKind::InvalidDate,
            day.format("%d/%m/%Y").to_string(),
        ));
    }
    Ok(Some(day))
}

/// `15/03/85`: a real day and month, and a year of two digits.
fn has_two_digit_year(text: &str) -> bool {
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    matches!(parts.as_slice(), [d, m, y]
        if y.len() == 2 && d.len() <= 2 && m.len() <= 2
            && [d, m, y].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}

/// The phones in a cell, stored as E.164. Several may share a cell, split by `,` `;` `/` `|`
/// or a line break.
pub fn cell_phones(cell: &Cell) -> Read<Vec<String>> {
    let text = cell_text(cell);
    let mut out = Vec::new();
    for part in text
        .split([',', ';', '/', '|', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let e164 = phone(part).ok_or_else(|| Problem::new(ErrorKind::InvalidPhone, part))?;
        if !out.contains(&e164) {
            out.push(e164);
        }
    }
    Ok(out)
}

/// One phone number: a Vietnamese mobile number that lost its leading zero gets it back
/// (`903123456` → `0903123456`), `84…` without its plus gets one.
pub fn phone(typed: &str) -> Option<String> {
    let only_digits = typed
        .chars()
        .all(|c| c.is_ascii_digit() || " .-()".contains(c));
    if only_digits {
        let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
        match digits.len() {
            9 if digits.starts_with(['3', '5', '7', '8', '9']) => {
                return normalize_phone(&format!("0{digits}"))
            }
            11 if digits.starts_with("84") => return normalize_phone(&format!("+{digits}")),
            _ => {}
        }
    }
    normalize_phone(typed)
}

/// The emails in a cell, split by `,` `;` or spaces; each one checked.
pub fn cell_emails(cell: &Cell) -> Read<Vec<String>> {
    let text = cell_text(cell);
    let mut out: Vec<String> = Vec::new();
    for part in text
        .split([',', ';', ' ', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let part = part.trim_start_matches("mailto:");
        if !is_email(part) {
            return Err(Problem::new(ErrorKind::InvalidEmail, part));
        }
        if !out.iter().any(|e| e.eq_ignore_ascii_case(part)) {
            out.push(part.to_owned());
        }
    }
    Ok(out)
}

pub fn cell_gender(cell: &Cell) -> Read<Gender> {
    let text = cell_text(cell);
    Ok(match fold(&text).as_str() {
        "" | "chua ro" | "not given" | "unknown" => Gender::Unknown,
        "nam" | "male" | "m" | "trai" | "ong" | "mr" => Gender::Male,
        "nu" | "female" | "f" | "gai" | "ba" | "mrs" | "ms" | "co" => Gender::Female,
        "khac" | "other" => Gender::Other,
        _ => return Err(Problem::new(ErrorKind::InvalidChoice, text)),
    })
}

/// The customer type from its name in either language.
pub fn customer_type_named(text: &str) -> Option<CustomerType> {
    Some(match super::columns::header_key(text).as_str() {
        "ca nhan" | "khach le" | "individual" | "person" | "personal" | "b2c" => {
            CustomerType::Individual
        }
        "cong ty" | "doanh nghiep" | "to chuc" | "company" | "business" | "corporate" | "b2b" => {
            CustomerType::Company
        }
        "dai ly" | "dai ly doi tac" | "doi tac" | "agency" | "partner agency" | "partner" => {
            CustomerType::Agency
        }
        _ => return None,
    })
}

/// A country as an ISO code, from its code or its name in Vietnamese or English (the
/// countries a Vietnamese agency's customers come from most; others by their code).
pub fn country_code(text: &str) -> Option<String> {
    let key = super::columns::header_key(text);
    let upper = text.trim().to_ascii_uppercase();
    if crate::countries::COUNTRIES.contains(&upper.as_str()) {
        return Some(upper);
    }
    const NAMES: &[(&str, &[&str])] = &[
        ("VN", &["viet nam", "vietnam", "vn", "vie"]),
        (
            "US",
            &[
                "my",
                "hoa ky",
                "usa",
                "united states",
                "united states of america",
                "america",
            ],
        ),
        (
            "GB",
            &[
                "anh",
                "vuong quoc anh",
                "uk",
                "united kingdom",
                "england",
                "great britain",
            ],
        ),
        ("FR", &["phap", "france"]),
        ("DE", &["duc", "germany", "deutschland"]),
        ("JP", &["nhat", "nhat ban", "japan"]),
        (
            "KR",
            &["han quoc", "korea", "south korea", "republic of korea"],
        ),
        ("CN", &["trung quoc", "china"]),
        ("TW", &["dai loan", "taiwan"]),
        ("HK", &["hong kong", "hongkong"]),
        ("SG", &["singapore"]),
        ("TH", &["thai lan", "thailand"]),
        ("MY", &["malaysia", "ma lai"]),
        ("ID", &["indonesia"]),
        ("PH", &["philippines", "phi lip pin", "philippin"]),
        ("KH", &["campuchia", "cambodia"]),
        ("LA", &["lao", "laos"]),
        ("MM", &["myanmar", "mien dien"]),
        ("IN", &["an do", "india"]),
        ("AU", &["uc", "australia"]),
        ("NZ", &["new zealand"]),
        ("CA", &["canada"]),
        ("IT", &["y", "italy", "italia"]),
        ("ES", &["tay ban nha", "spain"]),
        ("NL", &["ha lan", "netherlands", "holland"]),
        ("CH", &["thuy si", "switzerland"]),
        ("BE", &["bi", "belgium"]),
        ("AT", &["ao", "austria"]),
        ("SE", &["thuy dien", "sweden"]),
        ("NO", &["na uy", "norway"]),
        ("DK", &["dan mach", "denmark"]),
        ("FI", &["phan lan", "finland"]),
        ("RU", &["nga", "russia"]),
        ("PL", &["ba lan", "poland"]),
        ("CZ", &["sec", "czech republic", "czechia"]),
        (
            "AE",
            &[
                "uae",
                "cac tieu vuong quoc a rap thong nhat",
                "united arab emirates",
            ],
        ),
        ("TR", &["tho nhi ky", "turkey", "turkiye"]),
        ("IL", &["israel"]),
        ("EG", &["ai cap", "egypt"]),
        ("ZA", &["nam phi", "south africa"]),
        ("BR", &["brazil", "braxin"]),
        ("MX", &["mexico"]),
        ("AR", &["argentina"]),
        ("PT", &["bo dao nha", "portugal"]),
        ("IE", &["ireland", "ai len"]),
        ("GR", &["hy lap", "greece"]),
        ("MO", &["ma cao", "macau", "macao"]),
        ("MN", &["mong co", "mongolia"]),
        ("NP", &["nepal"]),
        ("LK", &["sri lanka"]),
        ("MV", &["maldives"]),
        ("BN", &["brunei"]),
    ];
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(code, _)| (*code).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_are_read_from_cells_serials_and_text() {
        let date_cell = NaiveDate::from_ymd_opt(1985, 3, 15)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(Cell::Date)
            .unwrap_or(Cell::Empty);
        assert_eq!(cell_date(&date_cell), Ok(day(1985, 3, 15)));
        assert_eq!(cell_date(&Cell::Number(31121.0)), Ok(day(1985, 3, 15)));
        assert_eq!(cell_date(&text("15/03/1985")), Ok(day(1985, 3, 15)));
        assert_eq!(cell_date(&text("15-03-1985")), Ok(day(1985, 3, 15)));
        assert_eq!(cell_date(&text("1985-03-15")), Ok(day(1985, 3, 15)));
        assert_eq!(cell_date(&Cell::Empty), Ok(None));
    }

    #[test]
    fn a_two_digit_year_is_questioned_and_a_bare_year_refused() {
        assert_eq!(
            cell_date(&text("15/03/85")).map_err(|p| p.kind),
            Err(ErrorKind::TwoDigitYear)
        );
        assert_eq!(
            cell_date(&Cell::Number(1985.0)).map_err(|p| p.kind),
            Err(ErrorKind::InvalidDate)
        );
        assert_eq!(
            cell_date(&text("hôm qua")).map_err(|p| p.kind),
            Err(ErrorKind::InvalidDate)
        );
    }

    #[test]
    fn phones_get_their_leading_zero_back_and_one_stored_form() {
        assert_eq!(
            cell_phones(&Cell::Number(903123456.0)),
            Ok(vec!["+84903123456".to_owned()])
        );
        for typed in [
            "0903 123 456",
            "0903.123.456",
            "+84 903 123 456",
            "84903123456",
        ] {
            assert_eq!(
                cell_phones(&text(typed)),
                Ok(vec!["+84903123456".to_owned()]),
                "{typed}"
            );
        }
        assert_eq!(
            cell_phones(&text("0903123456 / 028 3822 1234")),
            Ok(vec!["+84903123456".to_owned(), "+842838221234".to_owned()])
        );
        assert_eq!(
            cell_phones(&text("'+1 415 555 0132")),
            Ok(vec!["+14155550132".to_owned()])
        );
        assert_eq!(
            cell_phones(&text("gọi sau")).map_err(|p| p.kind),
            Err(ErrorKind::InvalidPhone)
        );
    }

    #[test]
    fn countries_are_read_from_codes_and_names_in_either_language() {
        assert_eq!(country_code("VN").as_deref(), Some("VN"));
        assert_eq!(country_code("Việt Nam").as_deref(), Some("VN"));
        assert_eq!(country_code("Nhật Bản").as_deref(), Some("JP"));
        assert_eq!(country_code("Germany").as_deref(), Some("DE"));
        assert_eq!(country_code("Atlantis"), None);
    }

    #[test]
    fn an_email_that_is_not_one_is_a_problem_on_that_cell() {
        assert_eq!(
            cell_emails(&text("hong@example.vn; HONG@example.vn, an@example.com")),
            Ok(vec![
                "hong@example.vn".to_owned(),
                "an@example.com".to_owned()
            ])
        );
        assert_eq!(
            cell_emails(&text("hong at example")).map_err(|p| p.kind),
            Err(ErrorKind::InvalidEmail)
        );
    }

    proptest! {
        #[test]
        fn any_real_day_typed_day_first_reads_back(y in 1900i32..2200, m in 1u32..=12, d in 1u32..=28) {
            let typed = format!("{d:02}/{m:02}/{y}");
            prop_assert_eq!(cell_date(&Cell::Text(typed)), Ok(day(y, m, d)));
        }

        #[test]
        fn any_text_is_read_without_panicking(s in "\\PC{0,40}") {
            let cell = Cell::Text(s);
            let _ = (cell_date(&cell), cell_phones(&cell), cell_emails(&cell), cell_gender(&cell));
        }

        #[test]
        fn any_vietnamese_mobile_written_any_way_is_stored_once(
            prefix in proptest::sample::select(crate::customers::fields::FAST_MOBILE_PREFIXES.to_vec()),
            tail in "[0-9]{7}",
        ) {
            let national = format!("{prefix}{tail}");
            let e164 = format!("+84{}", &national[1..]);
            let spaced = format!("{} {} {}", &national[..4], &national[4..7], &national[7..]);
            let serial: f64 = national.parse::<f64>().unwrap_or(0.0);
            prop_assert_eq!(cell_phones(&Cell::Text(national.clone())), Ok(vec![e164.clone()]));
            prop_assert_eq!(cell_phones(&Cell::Text(spaced)), Ok(vec![e164.clone()]));
            prop_assert_eq!(cell_phones(&Cell::Number(serial)), Ok(vec![e164]));
        }
    }
}
