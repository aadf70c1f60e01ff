#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

use assert_cmd::Command;

fn tripdesk(db: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("tripdesk").expect("the tripdesk binary");
    cmd.arg("--db").arg(db).env_remove("TRIPDESK_DB");
    cmd
}

#[test]
fn demo_then_search_without_accents_finds_vietnamese_names_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    tripdesk(&db)
        .args(["demo", "--customers", "300"])
        .assert()
        .success();
    let out = tripdesk(&db)
        .args(["search", "nguyen", "--limit", "5", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert!(row["code"].as_str().unwrap().starts_with("KH"));
        assert!(row["name"].as_str().unwrap().starts_with("Nguyễn"), "{row}");
    }
    // Demo data goes only into an empty file.
    let again = tripdesk(&db).args(["demo"]).output().unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("empty database"));
    tripdesk(&db)
        .arg("check")
        .assert()
        .success()
        .stdout(predicates::str::contains("ok: 300 customers"));
}

#[test]
fn the_environment_names_the_file_for_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    Command::cargo_bin("tripdesk")
        .unwrap()
        .env("TRIPDESK_DB", &db)
        .args(["demo", "--customers", "20"])
        .assert()
        .success();
    assert!(db.exists());
    let out = Command::cargo_bin("tripdesk")
        .unwrap()
        .env("TRIPDESK_DB", &db)
        .args(["search", "kh00001"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("KH00001"));
}

#[test]
fn check_fails_on_a_file_that_is_not_ours_and_search_refuses_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("bogus.sqlite3");
    std::fs::write(
        &bogus,
        b"not a database at all, just text that is long enough",
    )
    .unwrap();
    let out = tripdesk(&bogus).arg("check").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a Tripdesk database"));
    let missing = dir.path().join("missing.sqlite3");
    let out = tripdesk(&missing).args(["search", "an"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no database file"));
    assert!(!missing.exists());
}

#[test]
fn a_command_that_would_write_to_an_open_file_refuses_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("open.sqlite3");
    let link = dir.path().join("link.sqlite3");
    let _app =
        tripdesk::Desk::open(&db, tripdesk::db::OpenMode::Create, tripdesk::Origin::App).unwrap();
    std::os::unix::fs::symlink(&db, &link).unwrap();
    for path in [&db, &link] {
        let out = tripdesk(path)
            .args(["demo", "--customers", "5"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("already open"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Reading while the app writes is fine.
    tripdesk(&db).arg("check").assert().success();
    assert_eq!(_app.customer_count().unwrap(), 0);
}

#[test]
fn check_puts_right_what_it_can_and_names_what_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.sqlite3");
    tripdesk(&db)
        .args(["demo", "--customers", "30"])
        .assert()
        .success();
    // Lose a customer from the search index behind Tripdesk's back.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM customer_fts WHERE rowid = 3", [])
        .unwrap();
    drop(conn);
    let out = tripdesk(&db).arg("check").output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains("repaired: the search index was rebuilt"),
        "{report}"
    );
    // Twice: nothing the second time.
    let out = tripdesk(&db).arg("check").output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && !report.contains("repaired"),
        "{report}"
    );

    // What needs her (or a backup) is named, and the check fails.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO prepaid_topups (id, customer_id, amount, currency)
         SELECT 't-bad', id, 12.5, 'VND' FROM customers LIMIT 1",
    )
    .unwrap();
    drop(conn);
    let out = tripdesk(&db).arg("check").output().unwrap();
    assert!(!out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("amount not a whole number of minor units in 1 prepaid_topups rows"),
        "{report}"
    );
}

#[test]
fn import_prints_what_it_did_as_json_and_export_writes_every_customer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let file = dir.path().join("khach.csv");
    std::fs::write(
        &file,
        "Danh sách khách\n\nMã KH;Họ tên;SĐT;Email\nA1;Nguyễn Thị Hồng;903123456;hong@example.vn\nA2;Đặng Minh;0912 345 678;minh@\nA1;Lê Hà;;\n",
    )
    .unwrap();
    let dry = tripdesk(&db)
        .args(["import", "--dry-run", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    // A dry run on a file that does not exist yet refuses: it writes nothing, not even a file.
    assert!(!dry.status.success());
    assert!(!db.exists());
    let out = tripdesk(&db)
        .args(["import", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["created"], 0);
    assert_eq!(report["duplicates_in_file"], serde_json::json!(["A1"]));
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{report}");
    let minh = errors.iter().find(|e| e["row"] == 5).unwrap();
    assert_eq!(minh["column"], "Email");
    assert!(minh["message"].as_str().unwrap().contains("not an email"));

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "Mã KH,Họ tên,SĐT\nA1,Nguyễn Thị Hồng,903123456\n").unwrap();
    let out = tripdesk(&db)
        .args(["import", "--json"])
        .arg(&good)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["created"], 1);
    let found = tripdesk(&db)
        .args(["search", "nguyen thi hong", "--json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(rows[0]["code"], "A1");
    assert_eq!(rows[0]["phone"], "0903 123 456");

    let export = dir.path().join("all.xlsx");
    tripdesk(&db)
        .args(["export", "customers", "--out"])
        .arg(&export)
        .assert()
        .success()
        .stdout(predicates::str::contains("1 customers"));
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&export).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.get((0, 0)).unwrap().to_string(), "Mã khách hàng");
    assert_eq!(range.get((1, 1)).unwrap().to_string(), "Nguyễn Thị Hồng");
}

#[test]
fn a_file_that_is_not_what_it_claims_is_refused_with_the_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    tripdesk(&db)
        .args(["demo", "--customers", "5"])
        .assert()
        .success();
    let fake = dir.path().join("khach.xlsx");
    std::fs::write(&fake, "this is not a workbook").unwrap();
    let out = tripdesk(&db).arg("import").arg(&fake).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("khach.xlsx"));
    tripdesk(&db)
        .arg("check")
        .assert()
        .success()
        .stdout(predicates::str::contains("ok: 5 customers"));
}

#[test]
fn import_template_writes_headers_in_the_desks_language_or_the_one_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    tripdesk(&db)
        .args(["demo", "--customers", "5"])
        .assert()
        .success();
    let first_cells = |args: &[&str], out: &std::path::Path| {
        tripdesk(&db)
            .arg("import-template")
            .args(args)
            .arg("--out")
            .arg(out)
            .assert()
            .success()
            .stdout(predicates::str::contains("import template"));
        use calamine::{open_workbook, Reader, Xlsx};
        let mut book: Xlsx<_> = open_workbook(out).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        (
            book.sheet_names()[0].clone(),
            range.get((0, 0)).unwrap().to_string(),
            range.get((1, 1)).unwrap().to_string(),
        )
    };
    let vi = first_cells(&[], &dir.path().join("mau.xlsx"));
    assert_eq!(
        vi,
        (
            "Khách hàng".into(),
            "Mã khách hàng".into(),
            "Nguyễn Thị Hồng".into()
        )
    );
    let en = first_cells(&["--lang", "en"], &dir.path().join("template.xlsx"));
    assert_eq!(
        en,
        (
            "Customers".into(),
            "Customer code".into(),
            "Nguyễn Thị Hồng".into()
        )
    );
    // Without --lang, the desk's own language.
    let mut desk =
        tripdesk::Desk::open(&db, tripdesk::db::OpenMode::Existing, tripdesk::Origin::App).unwrap();
    desk.set_language(tripdesk::settings::Language::En).unwrap();
    drop(desk);
    let default = first_cells(&[], &dir.path().join("default.xlsx"));
    assert_eq!(default.1, "Customer code");
    let asked = first_cells(&["--lang", "vi"], &dir.path().join("asked.xlsx"));
    assert_eq!(asked.1, "Mã khách hàng");
    // A language it does not speak is refused, and no file is written.
    let out = dir.path().join("template-fr.xlsx");
    tripdesk(&db)
        .args(["import-template", "--lang", "fr", "--out"])
        .arg(&out)
        .assert()
        .failure();
    assert!(!out.exists());
}

#[test]
fn sheet_writes_a_customers_pdf_and_workbook_with_the_sections_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    tripdesk(&db)
        .args(["demo", "--customers", "50"])
        .assert()
        .success();
    let out = tripdesk(&db)
        .args(["search", "KH00001", "--limit", "1", "--json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let name = rows[0]["name"].as_str().unwrap().to_owned();

    let pdf = dir.path().join("sheet.pdf");
    tripdesk(&db)
        .args(["sheet", "kh00001", "--out"])
        .arg(&pdf)
        .args([
            "--sections",
            "details,contacts,bookings",
            "--paper",
            "letter",
        ])
        .assert()
        .success();
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) reads the sheet back");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains(&name), "{name} in {text}");
    assert!(text.contains("Thông tin khách hàng"));
    assert!(text.contains("Đặt dịch vụ"));
    assert!(
        !text.contains("Doanh thu và công nợ"),
        "revenue was not asked for"
    );

    let xlsx = dir.path().join("sheet.xlsx");
    tripdesk(&db)
        .args(["sheet", "KH00001", "--out"])
        .arg(&xlsx)
        .assert()
        .success();
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    // What cannot be done says why and writes nothing.
    let none = dir.path().join("none.pdf");
    tripdesk(&db)
        .args(["sheet", "KH99999", "--out"])
        .arg(&none)
        .assert()
        .failure()
        .stderr(predicates::str::contains("KH99999"));
    tripdesk(&db)
        .args([
            "sheet",
            "KH00001",
            "--sections",
            "details,passports",
            "--out",
        ])
        .arg(&none)
        .assert()
        .failure()
        .stderr(predicates::str::contains("passports"));
    tripdesk(&db)
        .args(["sheet", "KH00001", "--out"])
        .arg(dir.path().join("sheet.docx"))
        .assert()
        .failure();
    assert!(!none.exists());
}
