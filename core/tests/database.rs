#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use rusqlite::Connection;
use std::path::Path;
use tripdesk::db::{OpenMode, APPLICATION_ID, LATEST_VERSION};
use tripdesk::{Desk, ErrorKind, Origin};

fn schema(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn open(path: &Path, mode: OpenMode) -> Result<Desk, ErrorKind> {
    Desk::open(path, mode, Origin::App).map_err(|e| e.kind())
}

#[test]
fn a_file_of_schema_1_upgrades_to_the_schema_of_a_new_file_and_keeps_its_customers() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.sqlite3");
    let conn = Connection::open(&old).unwrap();
    conn.execute_batch(include_str!("fixtures/schema_v1.sql"))
        .unwrap();
    drop(conn);

    let desk = open(&old, OpenMode::Existing).unwrap();
    let fresh_path = dir.path().join("fresh.sqlite3");
    let fresh = open(&fresh_path, OpenMode::Create).unwrap();
    assert_eq!(schema(desk.conn()), schema(fresh.conn()));
    let version: i64 = desk
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_VERSION);
    assert_eq!(
        common::search(&desk, "nguyen thi hong"),
        vec!["Nguyễn Thị Hồng"]
    );
    assert_eq!(common::search(&desk, "dang"), vec!["Đặng Văn Minh"]);
    assert_eq!(desk.device_id(), "0190b000-0000-7000-8000-00000000d001");
    assert!(
        desk.check().unwrap().is_sound(),
        "{:?}",
        desk.check().unwrap().problems
    );
    drop(desk);
    // The next customer continues the file's own numbering.
    let mut desk = open(&old, OpenMode::Existing).unwrap();
    let c = desk.add_customer(common::person("Lê Thu", "", "")).unwrap();
    assert_eq!(c.code, "KH00003");
}

#[test]
fn a_file_from_a_newer_tripdesk_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    drop(open(&path, OpenMode::Create).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
        .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = Desk::open(&path, OpenMode::Existing, Origin::App)
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::DbNewer);
    assert!(err.to_string().contains("newer"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn another_programs_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("browser-history.sqlite");
    let conn = Connection::open(&sqlite).unwrap();
    conn.execute_batch(
        "CREATE TABLE visits (url TEXT); INSERT INTO visits VALUES ('https://example.com');",
    )
    .unwrap();
    drop(conn);
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "Khách hàng: Nguyễn Thị Hồng\n".repeat(20)).unwrap();
    for path in [&sqlite, &text] {
        let before = std::fs::read(path).unwrap();
        assert_eq!(
            open(path, OpenMode::Existing).err(),
            Some(ErrorKind::DbForeign),
            "{}",
            path.display()
        );
        assert_eq!(std::fs::read(path).unwrap(), before);
    }
}

#[test]
fn a_missing_file_is_never_silently_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gone.sqlite3");
    assert_eq!(
        open(&path, OpenMode::Existing).err(),
        Some(ErrorKind::DbMissing)
    );
    assert_eq!(
        open(&path, OpenMode::ReadOnly).err(),
        Some(ErrorKind::DbMissing)
    );
    assert!(!path.exists());
}

#[test]
fn a_second_writer_is_refused_even_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite3");
    let link = dir.path().join("link.sqlite3");
    let first = open(&path, OpenMode::Create).unwrap();
    std::os::unix::fs::symlink(&path, &link).unwrap();
    assert_eq!(
        open(&path, OpenMode::Existing).err(),
        Some(ErrorKind::DbLocked)
    );
    assert_eq!(
        open(&link, OpenMode::Existing).err(),
        Some(ErrorKind::DbLocked)
    );
    // Reading alongside the writer is fine.
    assert!(open(&link, OpenMode::ReadOnly).is_ok());
    drop(first);
    assert!(open(&link, OpenMode::Existing).is_ok());
}

#[test]
fn a_new_file_is_ours_durable_and_knows_its_device() {
    let (desk, _dir) = common::desk();
    let conn = desk.conn();
    let get = |pragma: &str| -> String {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
    };
    assert_eq!(get("application_id"), APPLICATION_ID.to_string());
    assert_eq!(get("journal_mode"), "wal");
    assert_eq!(get("synchronous"), "2"); // FULL
    assert_eq!(get("foreign_keys"), "1");
    assert_eq!(desk.device_id().len(), 36);
}

#[test]
fn every_change_is_logged_in_the_same_transaction_with_device_origin_and_clock() {
    let (mut desk, _dir) = common::desk();
    let c = desk
        .add_customer(common::person("Hồ Văn Nam", "", ""))
        .unwrap();
    desk.archive_customer(&c.id).unwrap();
    let rows: Vec<(String, String, String, String, String)> = desk
        .conn()
        .prepare("SELECT device_id, origin, op, hlc, tx_id FROM change_log ORDER BY hlc")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.0 == desk.device_id() && r.1 == "app"));
    assert_eq!(
        (rows[0].2.as_str(), rows[1].2.as_str()),
        ("insert", "archive")
    );
    assert!(rows[0].3 < rows[1].3);
    assert_ne!(rows[0].4, rows[1].4);
}

#[test]
fn data_survives_closing_and_reopening_the_file() {
    let (mut desk, dir) = common::desk();
    let c = desk
        .add_customer(common::person("Ngô Thị Hạnh", "0903123456", ""))
        .unwrap();
    drop(desk);
    let desk = open(&common::db_path(&dir), OpenMode::Existing).unwrap();
    assert_eq!(desk.customer(&c.id).unwrap().full_name, "Ngô Thị Hạnh");
    assert!(desk.check().unwrap().is_sound());
}

#[test]
fn a_damaged_file_is_never_written_to_whichever_way_it_is_opened() {
    for journal in ["WAL", "DELETE"] {
        let (mut desk, dir) = common::desk();
        for i in 0..300 {
            desk.add_customer(common::person(&format!("Khách {i}"), "", ""))
                .unwrap();
        }
        drop(desk);
        let path = common::db_path(&dir);
        let wal = dir.path().join("desk.sqlite3-wal");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        conn.pragma_update(None, "journal_mode", journal).unwrap();
        let page_size: i64 = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        let pages: i64 = conn
            .pragma_query_value(None, "page_count", |r| r.get(0))
            .unwrap();
        drop(conn);
        // Scribble over a page in the middle of the file, as a failing disk would.
        let mut bytes = std::fs::read(&path).unwrap();
        let at = (pages / 2 * page_size) as usize;
        for (i, b) in bytes[at..at + page_size as usize].iter_mut().enumerate() {
            *b = (i * 7 % 251) as u8;
        }
        std::fs::write(&path, &bytes).unwrap();

        let refused = |r: Result<(), tripdesk::Error>| matches!(r, Err(e) if e.kind() == ErrorKind::DbCorrupt);
        assert!(refused(
            Desk::open(&path, OpenMode::Existing, Origin::App).map(drop)
        ));
        match Desk::open_checking_in_background(&path, OpenMode::Existing, Origin::App) {
            Err(e) => assert_eq!(e.kind(), ErrorKind::DbCorrupt, "{journal}"),
            Ok(mut desk) => {
                assert!(refused(
                    desk.add_customer(common::person("Mới", "", "")).map(drop)
                ));
                assert!(refused(desk.record_view(&tripdesk::CustomerId::new())));
            }
        }
        let unchanged = std::fs::read(&path).unwrap() == bytes;
        assert!(unchanged, "the damaged file ({journal}) was written to");
        let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        assert_eq!(
            wal_len, 0,
            "something was written for the damaged file ({journal})"
        );
    }
}

#[test]
fn a_sound_file_opened_with_a_background_check_takes_writes_once_checked() {
    let (desk, dir) = common::desk();
    drop(desk);
    let mut desk =
        Desk::open_checking_in_background(&common::db_path(&dir), OpenMode::Existing, Origin::App)
            .unwrap();
    assert_eq!(
        desk.add_customer(common::person("Lâm Thanh", "", ""))
            .unwrap()
            .code,
        "KH00001"
    );
}
