//! How a typed date is read: ISO (`1985-03-15`) or day first (`15/03/1985`, `15-03-1985`,
//! `15.03.1985`), as a Vietnamese agent writes it. A two-digit year is refused, not guessed.

use chrono::NaiveDate;

/// `Ok(None)` for blank text; `Err(())` for text that is not a whole, real date.
#[allow(clippy::result_unit_err)]
pub fn parse_day(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(());
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(());
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| ());
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return Err(());
    };
    let year = i32::try_from(year).map_err(|_| ())?;
    NaiveDate::from_ymd_opt(year, month, day)
        .map(Some)
        .ok_or(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_are_read_day_first_or_iso() {
        assert_eq!(parse_day("15/03/1985"), Ok(day(1985, 3, 15)));
        assert_eq!(parse_day("5-3-1985"), Ok(day(1985, 3, 5)));
        assert_eq!(parse_day("15.03.1985"), Ok(day(1985, 3, 15)));
        assert_eq!(parse_day("1985-03-15"), Ok(day(1985, 3, 15)));
        assert_eq!(parse_day("  "), Ok(None));
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        assert_eq!(parse_day("31/02/1985"), Err(()));
        assert_eq!(parse_day("15/03/85"), Err(()));
        assert_eq!(parse_day("15/13/1985"), Err(()));
        assert_eq!(parse_day("tomorrow"), Err(()));
        assert_eq!(parse_day("1/2/3/2000"), Err(()));
    }
}
