//! Currencies: ISO 4217 codes and their minor units (the digits after the decimal point that
//! an amount in that currency may have).

/// Active ISO 4217 currencies and their minor units.
#[rustfmt::skip]
pub const CURRENCIES: &[(&str, u32)] = &[
    ("VND", 0), ("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("CNY", 2), ("THB", 2), ("SGD", 2),
    ("MYR", 2), ("IDR", 2), ("PHP", 2), ("KHR", 2), ("LAK", 2), ("MMK", 2), ("HKD", 2), ("TWD", 2),
    ("AUD", 2), ("NZD", 2), ("GBP", 2), ("CHF", 2), ("CAD", 2), ("INR", 2), ("AED", 2), ("SAR", 2),
    ("QAR", 2), ("KWD", 3), ("BHD", 3), ("OMR", 3), ("JOD", 3), ("TRY", 2), ("RUB", 2), ("SEK", 2),
    ("NOK", 2), ("DKK", 2), ("PLN", 2), ("CZK", 2), ("HUF", 2), ("RON", 2), ("ILS", 2), ("EGP", 2),
    ("ZAR", 2), ("BRL", 2), ("MXN", 2), ("ARS", 2), ("CLP", 0), ("COP", 2), ("PEN", 2), ("ISK", 0),
    ("LKR", 2), ("NPR", 2), ("BDT", 2), ("PKR", 2), ("MOP", 2), ("BND", 2), ("MNT", 2), ("KZT", 2),
    ("UZS", 2), ("MVR", 2), ("FJD", 2), ("XPF", 0), ("MAD", 2), ("TND", 3), ("KES", 2), ("TZS", 2),
];

/// A currency as the UI lists it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct Currency {
    pub code: String,
    pub minor_units: u32,
}

/// Every currency, for the pickers.
pub fn all() -> Vec<Currency> {
    CURRENCIES
        .iter()
        .map(|(code, minor_units)| Currency {
            code: (*code).to_owned(),
            minor_units: *minor_units,
        })
        .collect()
}

/// The minor units of a currency, or `None` when the code is not one of ours.
pub fn minor_units(code: &str) -> Option<u32> {
    CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, units)| *units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dong_has_no_minor_unit_and_dollar_has_cents() {
        assert_eq!(minor_units("VND"), Some(0));
        assert_eq!(minor_units("USD"), Some(2));
        assert_eq!(minor_units("KWD"), Some(3));
        assert_eq!(minor_units("XXX"), None);
        let mut codes: Vec<_> = CURRENCIES.iter().map(|(c, _)| c).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), CURRENCIES.len(), "a currency is listed twice");
    }
}
