//! Money: exact amounts, each in its currency.
//!
//! - **In SQLite** an amount is an INTEGER count of its currency's minor units, the ISO 4217
//!   exponent (`1.250.000 ₫` is `1250000`, `$12.50` is `1250`), with the currency in a column
//!   beside it. SQL sums of integers are exact and need no parsing; canonical decimal text would
//!   have had every sum done in Rust.
//! - **In Rust and across to the UI** an amount is a [`Decimal`], serialized as a decimal string
//!   (`"1250000"`, `"12.50"`), never a JSON number and never an `f64`.
//! - **Rounding happens once**, in [`parse`], where an amount is entered: to the currency's minor
//!   units, half away from zero (`12.345` USD is `12.35`, `0.5` VND is `1`, `-0.5` VND is `-1`).
//!   After that nothing rounds: a line is an integer product, a total an integer sum.
//! - **Never across currencies**: every total is per currency ([`Amount`], [`per_currency`]).

use crate::error::{Error, ErrorKind, Result};
use crate::settings::Language;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use ts_rs::TS;

/// The largest amount one entry may hold, in minor units (10^15: a million billion đồng, ten
/// thousand billion dollars). Sums of many such entries still fit an `i64`.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// An amount in a currency: a per-currency total, balance or figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Amount {
    pub currency: String,
    #[ts(type = "string")]
    pub amount: Decimal,
}

impl Amount {
    pub fn from_minor(minor: i64, currency: &str) -> Self {
        Amount {
            currency: currency.to_owned(),
            amount: decimal(minor, currency),
        }
    }
}

/// The agency's default currency (Settings), for a quote or a booking that names none; `VND`
/// before the agency has one.
pub fn default_currency(conn: &rusqlite::Connection) -> Result<String> {
    let currency = crate::settings::agency(conn)?.default_currency;
    Ok(if currency.trim().is_empty() {
        "VND".to_owned()
    } else {
        currency
    })
}

/// The minor units of a currency we know, or an error naming `field`.
pub fn units(field: &str, currency: &str) -> Result<u32> {
    crate::currency::minor_units(currency)
        .ok_or_else(|| Error::invalid(field, ErrorKind::InvalidCurrency, currency))
}

/// A stored amount as a decimal with the currency's exponent (`1250`, USD → `12.50`).
pub fn decimal(minor: i64, currency: &str) -> Decimal {
    // A stored currency was checked when it was written; one that is not ours (from a newer
    // device, say) is shown with two places rather than not at all.
    let units = crate::currency::minor_units(currency).unwrap_or(2);
    Decimal::new(minor, units)
}

/// What she entered, as a canonical decimal string (`"1250000"`, `"-12.345"`: the UI has taken
/// her grouping out), in minor units of `currency`, rounded half away from zero. This is the
/// only place where an amount is rounded.
pub fn parse(field: &str, text: &str, currency: &str) -> Result<i64> {
    let units = units("currency", currency)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, ErrorKind::Required, ""));
    }
    let plain = text
        .strip_prefix('-')
        .unwrap_or(text)
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.');
    let value = match Decimal::from_str(text) {
        Ok(v) if plain => v,
        _ => return Err(Error::invalid(field, ErrorKind::InvalidAmount, text)),
    };
    let mut rounded = value.round_dp_with_strategy(units, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(units);
    let minor = rounded.mantissa();
    if minor.unsigned_abs() > MAX_MINOR as u128 {
        return Err(Error::invalid(field, ErrorKind::AmountTooLarge, text));
    }
    Ok(minor as i64)
}

/// [`parse`] for amounts that must be more than zero (a payment, a top-up).
pub fn parse_positive(field: &str, text: &str, currency: &str) -> Result<i64> {
    let minor = parse(field, text, currency)?;
    if minor <= 0 {
        return Err(Error::invalid(
            field,
            ErrorKind::AmountNotPositive,
            text.trim(),
        ));
    }
    Ok(minor)
}

/// `(currency, minor)` rows as amounts, one per currency, by currency code; rows of the same
/// currency are added (exactly, or an error if the sum would not fit).
pub fn per_currency(rows: impl IntoIterator<Item = (String, i64)>) -> Result<Vec<Amount>> {
    let mut sums: std::collections::BTreeMap<String, i64> = Default::default();
    for (currency, minor) in rows {
        let sum = sums.entry(currency).or_default();
        *sum = sum.checked_add(minor).ok_or_else(|| {
            Error::invalid("amount", ErrorKind::AmountTooLarge, minor.to_string())
        })?;
    }
    Ok(sums
        .into_iter()
        .map(|(currency, minor)| Amount::from_minor(minor, &currency))
        .collect())
}

/// An amount as the change log keeps it: the decimal and its currency, `"5000000 VND"`,
/// `"12.50 USD"` (the History tab shows it as she reads money).
pub fn loggable(minor: i64, currency: &str) -> String {
    Amount::from_minor(minor, currency).to_string()
}

/// `12.50 USD`: how the change log and the command line write an amount.
impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

/// How an amount reads on paper, the same as the window shows it: `1.250.000 ₫` and
/// `1.250,00 US$` in Vietnamese, `₫1,250,000` and `$1,250.00` in English; a negative amount in
/// parentheses, `(1.250.000 ₫)`.
pub fn format(amount: Decimal, currency: &str, language: Language) -> String {
    let units = crate::currency::minor_units(currency).unwrap_or(amount.scale());
    let mut value = amount.abs();
    value.rescale(units);
    let text = value.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match language {
        Language::Vi => ('.', ','),
        Language::En => (',', '.'),
    };
    let mut digits = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            digits.push(group);
        }
        digits.push(c);
    }
    if !fraction.is_empty() {
        digits.push(point);
        digits.push_str(fraction);
    }
    let body = match (language, symbol(currency, language)) {
        (Language::Vi, Some(s)) => format!("{digits}\u{a0}{s}"),
        (Language::Vi, None) => format!("{digits}\u{a0}{currency}"),
        (Language::En, Some(s)) => format!("{s}{digits}"),
        (Language::En, None) => format!("{currency}\u{a0}{digits}"),
    };
    if amount.is_sign_negative() && !amount.is_zero() {
        format!("({body})")
    } else {
        body
    }
}

/// The sign of a currency where the reader knows it (as `Intl.NumberFormat` writes it).
pub(crate) fn symbol(currency: &str, language: Language) -> Option<&'static str> {
    Some(match (currency, language) {
        ("VND", _) => "₫",
        ("USD", Language::Vi) => "US$",
        ("USD", Language::En) => "$",
        ("EUR", _) => "€",
        ("JPY", _) => "¥",
        ("GBP", _) => "£",
        ("THB", Language::Vi) => "฿",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("a decimal")
    }

    #[test]
    fn an_amount_is_rounded_half_away_from_zero_to_its_minor_units() {
        assert_eq!(parse("amount", "1250000", "VND").ok(), Some(1_250_000));
        assert_eq!(parse("amount", "12.345", "USD").ok(), Some(1235));
        assert_eq!(parse("amount", "12.344", "USD").ok(), Some(1234));
        assert_eq!(parse("amount", "0.5", "VND").ok(), Some(1));
        assert_eq!(parse("amount", "-0.5", "VND").ok(), Some(-1));
        assert_eq!(parse("amount", " 7 ", "KWD").ok(), Some(7000));
        assert_eq!(parse("amount", "-12.5", "EUR").ok(), Some(-1250));
    }

    #[test]
    fn what_is_not_an_amount_is_refused_by_name() {
        for bad in [
            "1,250",
            "1.250.000",
            "12e3",
            "abc",
            "--1",
            "1 000",
            "+5",
            "0x10",
        ] {
            let err = parse("unit_price", bad, "VND").expect_err(bad);
            assert!(
                matches!(&err, Error::Invalid { field, kind: ErrorKind::InvalidAmount, .. } if field == "unit_price"),
                "{bad}: {err:?}"
            );
        }
        assert!(matches!(
            parse("amount", "", "VND"),
            Err(Error::Invalid {
                kind: ErrorKind::Required,
                ..
            })
        ));
        assert!(matches!(
            parse("amount", "10", "XXX"),
            Err(Error::Invalid {
                kind: ErrorKind::InvalidCurrency,
                ..
            })
        ));
        assert!(matches!(
            parse("amount", "1000000000000001", "VND"),
            Err(Error::Invalid {
                kind: ErrorKind::AmountTooLarge,
                ..
            })
        ));
        assert_eq!(
            parse("amount", "1000000000000000", "VND").ok(),
            Some(MAX_MINOR)
        );
        assert!(matches!(
            parse_positive("amount", "0", "VND"),
            Err(Error::Invalid {
                kind: ErrorKind::AmountNotPositive,
                ..
            })
        ));
        assert!(matches!(
            parse_positive("amount", "0.001", "USD"),
            Err(Error::Invalid {
                kind: ErrorKind::AmountNotPositive,
                ..
            })
        ));
    }

    #[test]
    fn a_stored_amount_reads_back_with_its_exponent() {
        assert_eq!(decimal(1250, "USD").to_string(), "12.50");
        assert_eq!(decimal(1_250_000, "VND").to_string(), "1250000");
        assert_eq!(decimal(-5, "KWD").to_string(), "-0.005");
    }

    #[test]
    fn sums_are_kept_apart_by_currency() {
        let sums = per_currency([
            ("VND".to_owned(), 5_000_000),
            ("USD".to_owned(), 20_000),
            ("VND".to_owned(), -7_000_000),
        ])
        .expect("sums");
        assert_eq!(
            sums,
            vec![
                Amount {
                    currency: "USD".into(),
                    amount: d("200.00")
                },
                Amount {
                    currency: "VND".into(),
                    amount: d("-2000000")
                },
            ]
        );
        assert!(per_currency([("VND".to_owned(), i64::MAX), ("VND".to_owned(), 1)]).is_err());
    }

    #[test]
    fn amounts_read_as_each_language_writes_money() {
        let nb = '\u{a0}';
        let cases = [
            ("1250000", "VND", Language::Vi, format!("1.250.000{nb}₫")),
            ("1250000", "VND", Language::En, "₫1,250,000".to_owned()),
            ("1250.00", "USD", Language::Vi, format!("1.250,00{nb}US$")),
            ("1250", "USD", Language::En, "$1,250.00".to_owned()),
            ("1250.5", "EUR", Language::Vi, format!("1.250,50{nb}€")),
            ("1250.5", "EUR", Language::En, "€1,250.50".to_owned()),
            ("-1250000", "VND", Language::Vi, format!("(1.250.000{nb}₫)")),
            ("-12.5", "USD", Language::En, "($12.50)".to_owned()),
            ("-0.5", "EUR", Language::Vi, format!("(0,50{nb}€)")),
            ("0", "VND", Language::Vi, format!("0{nb}₫")),
            ("999", "VND", Language::Vi, format!("999{nb}₫")),
            ("1000", "VND", Language::Vi, format!("1.000{nb}₫")),
            ("1234.567", "KWD", Language::En, format!("KWD{nb}1,234.567")),
        ];
        for (amount, currency, language, expected) in cases {
            assert_eq!(
                format(d(amount), currency, language),
                expected,
                "{amount} {currency}"
            );
        }
    }
}
