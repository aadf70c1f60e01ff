//! The codes of quotes and bookings: `QT-2026-0001`, `BK-2026-0001`, numbered from 1 each year,
//! never given twice (a deleted record keeps its code, so its Undo gets it back).

use crate::error::Result;
use rusqlite::Connection;

/// What a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    Quote,
    Booking,
}

impl CodeKind {
    fn prefix(self) -> &'static str {
        match self {
            CodeKind::Quote => "QT",
            CodeKind::Booking => "BK",
        }
    }
    fn table(self) -> &'static str {
        match self {
            CodeKind::Quote => "quotes",
            CodeKind::Booking => "bookings",
        }
    }
}

/// The next free code of `kind` in `year` (the year of the day it is written, in her time).
pub fn next(conn: &Connection, kind: CodeKind, year: i32) -> Result<String> {
    let key = format!("next_code:{}-{year}", kind.prefix());
    let mut n: u64 = crate::meta_get(conn, &key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut taken =
        conn.prepare_cached(&format!("SELECT 1 FROM {} WHERE code = ?1", kind.table()))?;
    loop {
        let code = format!("{}-{year}-{n:04}", kind.prefix());
        if !taken.exists([&code])? {
            crate::meta_set(conn, &key, &(n + 1).to_string())?;
            return Ok(code);
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_count_up_within_a_year_and_start_again_the_next() {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = crate::Desk::open(
            &dir.path().join("desk.sqlite3"),
            crate::db::OpenMode::Create,
            crate::Origin::App,
        )
        .expect("desk");
        let conn = desk.conn();
        assert_eq!(
            next(conn, CodeKind::Quote, 2026).ok().as_deref(),
            Some("QT-2026-0001")
        );
        assert_eq!(
            next(conn, CodeKind::Quote, 2026).ok().as_deref(),
            Some("QT-2026-0002")
        );
        assert_eq!(
            next(conn, CodeKind::Booking, 2026).ok().as_deref(),
            Some("BK-2026-0001")
        );
        assert_eq!(
            next(conn, CodeKind::Quote, 2027).ok().as_deref(),
            Some("QT-2027-0001")
        );
    }
}
