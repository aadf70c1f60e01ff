//! One field of a customer at a time: what the UI may send, and the rule each value must meet
//! before it is stored. Adding a customer and editing one in place go through the same rules.

use super::{Customer, CustomerType, Gender, NewCustomer};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CustomerId, LevelId, StaffId};
use crate::settings::{self, CustomFieldKind};
use crate::text::clean;
use crate::{dates, levels, staff};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One field's new value, as typed. Dates are text (`15/03/1985` or `1985-03-15`; empty clears).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum CustomerChange {
    Code(String),
    FullName(String),
    Gender(Gender),
    BirthDate(String),
    Phones(Vec<String>),
    Emails(Vec<String>),
    Address(String),
    Country(String),
    Company(String),
    PositionTitle(String),
    LevelId(Option<LevelId>),
    CustomerType(CustomerType),
    Source(String),
    ReferrerId(Option<CustomerId>),
    AssignedTo(String),
    ResponsibleId(Option<StaffId>),
    Facebook(String),
    Zalo(String),
    Linkedin(String),
    X(String),
    PassportNo(String),
    PassportExpiry(String),
    Description(String),
    LastContactOn(String),
    /// A custom field's value; empty clears it.
    Custom {
        id: String,
        value: String,
    },
}

pub(super) fn from_new(n: NewCustomer) -> Vec<CustomerChange> {
    use CustomerChange as C;
    let mut changes = vec![
        C::FullName(n.full_name),
        C::Gender(n.gender),
        C::BirthDate(n.birth_date),
        C::Phones(n.phones),
        C::Emails(n.emails),
        C::Address(n.address),
        C::Country(n.country),
        C::Company(n.company),
        C::PositionTitle(n.position_title),
        C::LevelId(n.level_id),
        C::CustomerType(n.customer_type),
        C::Source(n.source),
        C::ReferrerId(n.referrer_id),
        C::AssignedTo(n.assigned_to),
        C::ResponsibleId(n.responsible_id),
        C::Facebook(n.facebook),
        C::Zalo(n.zalo),
        C::Linkedin(n.linkedin),
        C::X(n.x),
        C::PassportNo(n.passport_no),
        C::PassportExpiry(n.passport_expiry),
        C::Description(n.description),
        C::LastContactOn(n.last_contact_on),
    ];
    if !n.code.trim().is_empty() {
        changes.push(C::Code(n.code));
    }
    changes.extend(
        n.custom
            .into_iter()
            .map(|(id, value)| C::Custom { id, value }),
    );
    changes
}

pub(super) fn apply_all(
    conn: &Connection,
    c: &mut Customer,
    changes: Vec<CustomerChange>,
) -> Result<()> {
    for change in changes {
        apply(conn, c, change)?;
    }
    Ok(())
}

pub(crate) fn apply(conn: &Connection, c: &mut Customer, change: CustomerChange) -> Result<()> {
    use CustomerChange as C;
    match change {
        C::Code(v) => c.code = code(&v)?,
        C::FullName(v) => c.full_name = required("full_name", &v, 200)?,
        C::Gender(v) => c.gender = v,
        C::BirthDate(v) => c.birth_date = past_date("birth_date", &v)?,
        C::Phones(v) => c.phones = phones(&v)?,
        C::Emails(v) => c.emails = emails(&v)?,
        C::Address(v) => c.address = free_text("address", &v, 500)?,
        C::Country(v) => c.country = country(&v)?,
        C::Company(v) => c.company = free_text("company", &v, 200)?,
        C::PositionTitle(v) => c.position_title = free_text("position_title", &v, 200)?,
        C::LevelId(v) => c.level_id = Some(level(conn, v)?),
        C::CustomerType(v) => c.customer_type = v,
        C::Source(v) => c.source = free_text("source", &v, 200)?,
        C::ReferrerId(v) => c.referrer_id = referrer(conn, &c.id, v)?,
        C::AssignedTo(v) => c.assigned_to = free_text("assigned_to", &v, 200)?,
        C::ResponsibleId(v) => c.responsible_id = responsible(conn, v)?,
        C::Facebook(v) => c.facebook = link("facebook", &v)?,
        C::Zalo(v) => c.zalo = link("zalo", &v)?,
        C::Linkedin(v) => c.linkedin = link("linkedin", &v)?,
        C::X(v) => c.x = link("x", &v)?,
        C::PassportNo(v) => c.passport_no = passport(&v)?,
        C::PassportExpiry(v) => c.passport_expiry = date("passport_expiry", &v)?,
        C::Description(v) => c.description = free_text("description", &v, 10_000)?,
        C::LastContactOn(v) => c.last_contact_on = past_date("last_contact_on", &v)?,
        C::Custom { id, value } => custom(conn, c, &id, &value)?,
    }
    Ok(())
}

/// Text she typed, on one line or many: cleaned (Windows line ends made plain), at most
/// `max_chars`, no control characters but line breaks and tabs. Empty is allowed.
pub(crate) fn free_text(field: &str, v: &str, max_chars: usize) -> Result<String> {
    let v = clean(&v.replace("\r\n", "\n"));
    if v.chars().count() > max_chars {
        return Err(Error::invalid(
            field,
            ErrorKind::TooLong,
            max_chars.to_string(),
        ));
    }
    if v.chars()
        .any(|ch| ch.is_control() && ch != '\n' && ch != '\t')
    {
        return Err(Error::invalid(field, ErrorKind::InvalidFormat, ""));
    }
    Ok(v)
}

pub(crate) fn required(field: &str, v: &str, max_chars: usize) -> Result<String> {
    let v = free_text(field, v, max_chars)?;
    if v.is_empty() {
        return Err(Error::invalid(field, ErrorKind::Required, ""));
    }
    if v.contains('\n') {
        return Err(Error::invalid(field, ErrorKind::InvalidFormat, ""));
    }
    Ok(v)
}

/// Letters, digits and `-_./`, up to 20 characters. Uniqueness is the index's to enforce.
fn code(v: &str) -> Result<String> {
    let v = required("code", v, 20)?;
    if !v
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || "-_./".contains(ch))
    {
        return Err(Error::invalid("code", ErrorKind::InvalidFormat, v));
    }
    Ok(v)
}

pub(crate) fn date(field: &str, v: &str) -> Result<Option<NaiveDate>> {
    let d = dates::parse_day(v)
        .map_err(|()| Error::invalid(field, ErrorKind::InvalidDate, v.trim()))?;
    if let Some(d) = d {
        if !(1900..=2200).contains(&d.year()) {
            return Err(Error::invalid(field, ErrorKind::InvalidDate, v.trim()));
        }
    }
    Ok(d)
}

fn past_date(field: &str, v: &str) -> Result<Option<NaiveDate>> {
    let d = date(field, v)?;
    if d.is_some_and(|d| d > chrono::Local::now().date_naive()) {
        return Err(Error::invalid(field, ErrorKind::DateInFuture, v.trim()));
    }
    Ok(d)
}

/// Phone numbers are stored as E.164; a number without a country code is read as Vietnamese.
fn phones(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for typed in list.iter().map(|p| clean(p)).filter(|p| !p.is_empty()) {
        let e164 = normalize_phone(&typed)
            .ok_or_else(|| Error::invalid("phones", ErrorKind::InvalidPhone, typed.clone()))?;
        if !out.contains(&e164) {
            out.push(e164);
        }
    }
    if out.len() > 10 {
        return Err(Error::invalid("phones", ErrorKind::TooLong, "10"));
    }
    Ok(out)
}

pub(crate) fn normalize_phone(typed: &str) -> Option<String> {
    if typed.chars().count() > 40 {
        return None;
    }
    vietnamese_mobile(typed).or_else(|| numbering_plans(typed))
}

/// A Vietnamese mobile number (`0903 123 456`, `0903.123.456`, `+84 903 123 456`) read
/// without the numbering plans, which cost ~20 µs a number: an import reads one a row.
fn vietnamese_mobile(typed: &str) -> Option<String> {
    let rest = typed.strip_prefix('+').unwrap_or(typed);
    if !rest
        .chars()
        .all(|c| c.is_ascii_digit() || " .-()".contains(c))
    {
        return None;
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = match (typed.starts_with('+'), digits.len()) {
        (false, 10) if digits.starts_with('0') => digits,
        (true, 11) if digits.starts_with("84") => format!("0{}", &digits[2..]),
        _ => return None,
    };
    FAST_MOBILE_PREFIXES
        .iter()
        .any(|p| national.starts_with(p))
        .then(|| format!("+84{}", &national[1..]))
}

/// The mobile prefixes every number of which the numbering plans accept (a test holds them
/// to it); 052, 089 and 099, only partly valid, take the plans.
pub(crate) const FAST_MOBILE_PREFIXES: [&str; 30] = [
    "032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "059", "070", "076",
    "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "090", "091", "093",
    "094", "096", "097", "098",
];

fn numbering_plans(typed: &str) -> Option<String> {
    let number = phonenumber::parse(Some(phonenumber::country::Id::VN), typed).ok()?;
    phonenumber::is_valid(&number)
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// National format for Vietnamese numbers, international for the others.
pub fn display_phone(e164: &str) -> String {
    match phonenumber::parse(None, e164) {
        Ok(n) if n.country().id() == Some(phonenumber::country::Id::VN) => {
            n.format().mode(phonenumber::Mode::National).to_string()
        }
        Ok(n) => n
            .format()
            .mode(phonenumber::Mode::International)
            .to_string(),
        Err(_) => e164.to_owned(),
    }
}

/// The digits she might type to find a phone: national (`0903123456`) and international.
pub(crate) fn phone_search_terms(e164: &str) -> String {
    // A Vietnamese number's national form is `0` and the rest: no numbering plans needed.
    if let Some(rest) = e164.strip_prefix("+84") {
        if rest.bytes().all(|b| b.is_ascii_digit()) {
            return format!("0{rest} 84{rest}");
        }
    }
    let digits = |s: String| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match phonenumber::parse(None, e164) {
        Ok(n) => format!(
            "{} {}",
            digits(n.format().mode(phonenumber::Mode::National).to_string()),
            digits(e164.to_owned())
        ),
        Err(_) => digits(e164.to_owned()),
    }
}

fn emails(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for typed in list.iter().map(|e| clean(e)).filter(|e| !e.is_empty()) {
        if !is_email(&typed) {
            return Err(Error::invalid("emails", ErrorKind::InvalidEmail, typed));
        }
        if !out.iter().any(|e| e.eq_ignore_ascii_case(&typed)) {
            out.push(typed);
        }
    }
    if out.len() > 10 {
        return Err(Error::invalid("emails", ErrorKind::TooLong, "10"));
    }
    Ok(out)
}

/// RFC 5322 as `email_address` reads it, and a domain with a dot (it accepts `a@b`).
pub(crate) fn is_email(s: &str) -> bool {
    s.len() <= 254
        && email_address::EmailAddress::is_valid(s)
        && s.rsplit_once('@').is_some_and(|(_, domain)| {
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
}

fn country(v: &str) -> Result<String> {
    let v = clean(v).to_ascii_uppercase();
    if v.is_empty() || crate::settings::COUNTRIES.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(Error::invalid("country", ErrorKind::InvalidChoice, v))
    }
}

fn level(conn: &Connection, v: Option<LevelId>) -> Result<LevelId> {
    match v {
        None => levels::default_level(conn),
        Some(id) if levels::exists(conn, &id)? => Ok(id),
        Some(id) => Err(Error::invalid("level_id", ErrorKind::InvalidChoice, id.0)),
    }
}

fn referrer(
    conn: &Connection,
    me: &CustomerId,
    v: Option<CustomerId>,
) -> Result<Option<CustomerId>> {
    match v {
        None => Ok(None),
        Some(id) if &id == me => Err(Error::invalid(
            "referrer_id",
            ErrorKind::InvalidChoice,
            id.0,
        )),
        Some(id) => match super::customer_ref(conn, &id)? {
            Some(_) => Ok(Some(id)),
            None => Err(Error::invalid(
                "referrer_id",
                ErrorKind::InvalidChoice,
                id.0,
            )),
        },
    }
}

fn responsible(conn: &Connection, v: Option<StaffId>) -> Result<Option<StaffId>> {
    match v {
        None => Ok(None),
        Some(id) if staff::exists(conn, &id)? => Ok(Some(id)),
        Some(id) => Err(Error::invalid(
            "responsible_id",
            ErrorKind::InvalidChoice,
            id.0,
        )),
    }
}

/// A web address (`https://…`, or `facebook.com/…` which becomes https), a handle or a phone
/// for Zalo. Never a `javascript:` or `file:` link, nothing with spaces.
fn link(field: &str, v: &str) -> Result<String> {
    let v = free_text(field, v, 300)?;
    if v.is_empty() {
        return Ok(v);
    }
    let bad = || Error::invalid(field, ErrorKind::InvalidLink, v.clone());
    if v.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    let lower = v.to_ascii_lowercase();
    if let Some((scheme, _)) = lower.split_once("://") {
        return if scheme == "http" || scheme == "https" {
            Ok(v)
        } else {
            Err(bad())
        };
    }
    if lower.contains(':') {
        return Err(bad());
    }
    let first = lower.split('/').next().unwrap_or_default();
    if first.contains('.') && lower.contains('/') {
        return Ok(format!("https://{v}"));
    }
    Ok(v)
}

fn passport(v: &str) -> Result<String> {
    let v: String = clean(v)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if v.chars().count() > 20 || !v.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid("passport_no", ErrorKind::InvalidFormat, v));
    }
    Ok(v)
}

fn custom(conn: &Connection, c: &mut Customer, id: &str, value: &str) -> Result<()> {
    let field = format!("custom.{id}");
    let def = settings::custom_field(conn, id)?
        .ok_or_else(|| Error::invalid(&field, ErrorKind::NotFound, id))?;
    let value = clean(value);
    if value.is_empty() {
        c.custom.remove(id);
        return Ok(());
    }
    let stored = match def.kind {
        CustomFieldKind::Text => free_text(&field, &value, 1000)?,
        CustomFieldKind::Number => {
            let normalized = value.replace(' ', "").replace(',', ".");
            let n: rust_decimal::Decimal = normalized
                .parse()
                .map_err(|_| Error::invalid(&field, ErrorKind::InvalidNumber, value.clone()))?;
            n.normalize().to_string()
        }
        CustomFieldKind::Date => match date(&field, &value)? {
            Some(d) => d.format("%Y-%m-%d").to_string(),
            None => return Ok(()),
        },
        CustomFieldKind::Choice => {
            if !def.choices.contains(&value) {
                return Err(Error::invalid(&field, ErrorKind::InvalidChoice, value));
            }
            value
        }
    };
    c.custom.insert(id.to_owned(), stored);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_numbers_are_stored_international_and_shown_national() {
        let e164 = normalize_phone("0903 123 456").expect("a valid mobile number");
        assert_eq!(e164, "+84903123456");
        assert_eq!(
            normalize_phone("+84 903 123 456").as_deref(),
            Some("+84903123456")
        );
        assert!(display_phone(&e164).starts_with('0'));
        assert!(phone_search_terms(&e164).contains("0903123456"));
        assert_eq!(
            normalize_phone("+1 415 555 0132").as_deref(),
            Some("+14155550132")
        );
        assert_eq!(normalize_phone("12"), None);
        assert_eq!(normalize_phone("call me"), None);
    }

    #[test]
    fn the_fast_mobile_path_agrees_with_the_numbering_plans() {
        for prefix in FAST_MOBILE_PREFIXES {
            for tail in ["1234567", "9876543", "0000000", "5550132"] {
                let national = format!("{prefix}{tail}");
                let international = format!("+84 {}", &national[1..]);
                assert_eq!(
                    vietnamese_mobile(&national),
                    numbering_plans(&national),
                    "{national}"
                );
                assert_eq!(
                    vietnamese_mobile(&international),
                    numbering_plans(&international),
                    "{international}"
                );
            }
        }
        assert_eq!(vietnamese_mobile("0891234567"), None);
        assert_eq!(vietnamese_mobile("+1 415 555 0132"), None);
    }

    #[test]
    fn emails_need_a_domain_with_a_dot() {
        assert!(is_email("hong.nguyen@example.vn"));
        assert!(!is_email("a@b"));
        assert!(!is_email("hong@"));
        assert!(!is_email("hong example.vn"));
    }

    #[test]
    fn links_refuse_scripts_and_complete_bare_addresses() {
        assert_eq!(
            link("facebook", "facebook.com/hong").ok().as_deref(),
            Some("https://facebook.com/hong")
        );
        assert_eq!(link("x", "@hong").ok().as_deref(), Some("@hong"));
        assert!(link("facebook", "javascript:alert(1)").is_err());
        assert!(link("facebook", "file:///etc/passwd").is_err());
        assert!(link("facebook", "https://a b").is_err());
    }
}
