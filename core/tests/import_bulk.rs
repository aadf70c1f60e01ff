#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! A large import, which writes in bulk (the list's indexes built once at the end, the search
//! index and the change log written after the rows): to her it must look exactly like a small
//! one, searchable, in her history, and undone as a whole.

mod common;

use common::{desk, import_setup, person, search};
use rust_xlsxwriter::Workbook;
use std::path::Path;
use tripdesk::{Desk, Error};

/// More rows than the import writes one at a time.
const ROWS: u32 = 10_500;

/// A clean list; row 7,777 is Quỳnh, a few rows have no code (the import gives one), name a
/// level and a person in charge that do not exist yet, or a referrer further down the file.
fn big_list(path: &Path) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let headers = [
        "Mã KH",
        "Họ và tên",
        "Điện thoại",
        "Email",
        "Loại khách",
        "Người phụ trách",
        "Người giới thiệu",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=ROWS {
        let code = if i % 1000 == 500 {
            String::new()
        } else {
            format!("BK{i:05}")
        };
        let name = if i == 7777 {
            "Đặng Thị Xuân Quỳnh".to_owned()
        } else {
            format!("Nguyễn Văn Khách {i}")
        };
        ws.write_string(i, 0, &code).unwrap();
        ws.write_string(i, 1, &name).unwrap();
        ws.write_number(i, 2, f64::from(903_000_000 + i)).unwrap();
        ws.write_string(i, 3, format!("khach{i}@example.vn"))
            .unwrap();
        let level = if i == 4321 {
            "Khách Kim Cương"
        } else {
            "VIP"
        };
        ws.write_string(i, 4, level).unwrap();
        if i == 4322 {
            ws.write_string(i, 5, "Chị Ngân").unwrap();
        }
        if i == 100 {
            ws.write_string(i, 6, "BK09000").unwrap();
        }
    }
    book.save(path).unwrap();
}

fn customer_indexes(desk: &Desk) -> Vec<(String, String)> {
    desk.conn()
        .prepare(
            "SELECT name, coalesce(sql, '') FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'customers' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_large_import_is_found_without_diacritics_and_undone_as_a_whole() {
    let (mut desk, dir) = desk();
    desk.add_customer(person("Trần Thị Hoa", "0912 345 678", ""))
        .unwrap();
    let indexes = customer_indexes(&desk);
    let path = dir.path().join("big.xlsx");
    big_list(&path);
    let setup = import_setup(&desk, &path);

    // Cancelled halfway: nothing written, the indexes as they were.
    let plan = desk.plan_import(&path, &setup).unwrap();
    assert_eq!(plan.preview.created, ROWS);
    let cancelled = desk.run_import(&path, plan, &mut |done, _| done < 6000);
    assert!(matches!(cancelled, Err(Error::Cancelled)), "{cancelled:?}");
    assert_eq!(desk.customer_count().unwrap(), 1);
    assert_eq!(customer_indexes(&desk), indexes);

    let plan = desk.plan_import(&path, &setup).unwrap();
    let done = desk.run_import(&path, plan, &mut |_, _| true).unwrap();
    assert_eq!((done.report.created, done.report.errors), (ROWS, 0));
    assert_eq!(desk.customer_count().unwrap(), ROWS + 1);
    assert_eq!(customer_indexes(&desk), indexes);
    assert!(tripdesk::customers::rowids_are_dense(desk.conn()).unwrap());

    // Found by the first letters of her name, typed without marks, and by her whole name.
    assert_eq!(search(&desk, "quy"), vec!["Đặng Thị Xuân Quỳnh"]);
    assert_eq!(search(&desk, "dang thi xuan"), vec!["Đặng Thị Xuân Quỳnh"]);
    assert_eq!(search(&desk, "BK07777"), vec!["Đặng Thị Xuân Quỳnh"]);
    assert_eq!(search(&desk, "0903007777"), vec!["Đặng Thị Xuân Quỳnh"]);
    assert_eq!(search(&desk, "tran thi hoa"), vec!["Trần Thị Hoa"]);

    // Rows without a code got the next free ones; the level and the person in charge the file
    // named were made; the referrer further down the file is linked.
    let row = |code: &str| {
        let found = desk.search_customers(code, 1).unwrap();
        desk.customer(&found[0].id).unwrap()
    };
    let quynh = row("BK07777");
    let history = desk.customer_history(&quynh.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].origin, "import");
    let auto: Vec<String> = desk
        .conn()
        .prepare("SELECT code FROM customers WHERE code LIKE 'KH%' ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(auto.len(), 12, "{auto:?}"); // Hoa's and the eleven rows without a code
    assert!(desk
        .levels()
        .unwrap()
        .iter()
        .any(|l| l.name == "Khách Kim Cương"));
    assert!(desk.staff().unwrap().iter().any(|s| s.name == "Chị Ngân"));
    assert_eq!(row("BK00100").referrer_id, Some(row("BK09000").id));
    let logged: u32 = desk
        .conn()
        .query_row(
            "SELECT count(*) FROM change_log WHERE tx_id = ?1 AND entity = 'customer' AND op = 'insert'",
            [&done.report.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, ROWS);
    let integrity: String = desk
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");

    // Undone: every customer it made goes, and the search finds none of them.
    let undone = desk.undo_import(&done.report.id).unwrap();
    assert_eq!(undone.removed, ROWS);
    assert_eq!(desk.customer_count().unwrap(), 1);
    assert!(search(&desk, "quy").is_empty());
    assert!(search(&desk, "nguyen van khach").is_empty());
    assert_eq!(search(&desk, "hoa"), vec!["Trần Thị Hoa"]);
}

#[test]
fn a_plan_made_before_another_change_is_made_again_and_imported_the_same() {
    let (mut desk, dir) = desk();
    let path = dir.path().join("small.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in [
        ["Mã KH", "Họ và tên", "Email"],
        ["A-1", "Lê Thị Mai", "mai@example.vn"],
        ["", "Phạm Văn Tùng", "tung@example.vn"],
        ["A-3", "Võ Thị Sáu", ""],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    let setup = import_setup(&desk, &path);
    let plan = desk.plan_import(&path, &setup).unwrap();
    // A change after the plan: the import reads the file again and plans every row anew.
    desk.add_customer(person("Trần Thị Hoa", "", "")).unwrap();
    let done = desk.run_import(&path, plan, &mut |_, _| true).unwrap();
    assert_eq!((done.report.created, done.report.errors), (3, 0));
    assert_eq!(search(&desk, "tung"), vec!["Phạm Văn Tùng"]);
    assert_eq!(search(&desk, "vo thi sau"), vec!["Võ Thị Sáu"]);
    let tung = &desk.search_customers("tung", 1).unwrap()[0];
    assert_eq!(tung.code, "KH00002"); // the next free code after Hoa's
    desk.undo_import(&done.report.id).unwrap();
    assert_eq!(desk.customer_count().unwrap(), 1);
    assert!(search(&desk, "mai").is_empty());
}
