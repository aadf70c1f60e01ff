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
fn check_names_what_is_wrong_and_fails() {
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
    assert!(!out.status.success());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("the search index holds 29 customers instead of 30"),
        "{report}"
    );
}
