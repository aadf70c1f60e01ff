#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tripdesk::backup::{self, Reason, BACKUPS_FOLDER};
use tripdesk::customers::CustomerChange;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, ErrorKind, Origin};

/// Every row of every table, as text, in rowid order: two files hold the same records exactly
/// when their dumps are equal.
fn dump(path: &Path) -> BTreeMap<String, Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..n {
                    line.push_str(&format!("{:?}|", r.get_ref(i)?));
                }
                Ok(line)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.insert(t, rows);
    }
    out
}

fn customer_names(desk: &Desk) -> Vec<String> {
    let mut names = common::names(desk, Default::default());
    names.sort();
    names
}

fn with_customers(names: &[&str]) -> (Desk, tempfile::TempDir) {
    let (mut desk, dir) = common::desk();
    for n in names {
        desk.add_customer(common::person(n, "", "")).unwrap();
    }
    (desk, dir)
}

fn backups_folder(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join(BACKUPS_FOLDER)
}

fn sha256_hex(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_backup_is_verified_and_its_manifest_says_what_it_holds() {
    let (mut desk, dir) = with_customers(&["Nguyễn Thị Hồng", "Trần Văn Đức"]);
    let hong = common::names(&desk, Default::default());
    assert_eq!(hong.len(), 2);
    let made = desk.backup(Reason::Manual).unwrap();
    assert!(made.verified);
    assert_eq!(made.customers, 2);
    let path = PathBuf::from(&made.path);
    assert_eq!(path.parent(), Some(backups_folder(&dir).as_path()));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), made.bytes);

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{}.json", made.path)).unwrap()).unwrap();
    assert_eq!(manifest["sha256"], sha256_hex(&path));
    assert_eq!(manifest["tables"]["customers"], 2);
    assert_eq!(manifest["verified"], true);
    // The copy needs nothing beside it: a plain file, opened read-only.
    assert_eq!(
        dump(&path)["customers"],
        dump(&common::db_path(&dir))["customers"]
    );

    // The list shows it, newest first.
    desk.add_customer(common::person("Lê Thị Ánh", "", ""))
        .unwrap();
    let second = desk.backup(Reason::Auto).unwrap();
    let list = desk.backups().unwrap();
    assert_eq!(
        list.iter()
            .map(|b| (b.customers, b.reason))
            .collect::<Vec<_>>(),
        vec![(3, Reason::Auto), (2, Reason::Manual)]
    );
    assert_eq!(list[0].path, second.path);
}

#[test]
fn a_backup_is_due_only_when_the_data_changed_since_the_last_one() {
    let (mut desk, _dir) = with_customers(&["Nguyễn Thị Hồng"]);
    assert!(desk.backup_due().unwrap());
    desk.backup(Reason::Auto).unwrap();
    assert!(!desk.backup_due().unwrap());
    desk.add_customer(common::person("Trần Văn Đức", "", ""))
        .unwrap();
    assert!(desk.backup_due().unwrap());
}

#[test]
fn attachments_are_kept_with_the_backups_and_each_only_once() {
    let (mut desk, dir) = with_customers(&["Nguyễn Thị Hồng"]);
    let hong = desk.search_customers("Hong", 1).unwrap()[0].id.clone();
    let picked = dir.path().join("contract.pdf");
    std::fs::write(&picked, b"%PDF-1.4 the contract").unwrap();
    let file = desk.add_file(&hong, &picked, None).unwrap();
    desk.backup(Reason::Manual).unwrap();
    desk.backup(Reason::Manual).unwrap();
    let kept = backups_folder(&dir)
        .join("files")
        .join(&file.sha256[..2])
        .join(&file.sha256);
    assert_eq!(std::fs::read(&kept).unwrap(), b"%PDF-1.4 the contract");
    let count = walk(&backups_folder(&dir).join("files")).len();
    assert_eq!(count, 1, "one stored copy for two backups");
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(p) {
        for e in entries.flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[test]
fn restoring_gives_back_exactly_the_backups_records_and_keeps_what_was_there() {
    let (mut desk, dir) = with_customers(&["Nguyễn Thị Hồng", "Trần Văn Đức"]);
    let made = desk.backup(Reason::Manual).unwrap();
    let backed_up = dump(Path::new(&made.path));

    // Changes after the backup: one customer renamed, one added, one file attached.
    let duc = desk.search_customers("Duc", 1).unwrap()[0].id.clone();
    desk.update_customer(
        &duc,
        vec![CustomerChange::FullName("Trần Văn Đức (đổi)".into())],
    )
    .unwrap();
    desk.add_customer(common::person("Lê Thị Ánh", "", ""))
        .unwrap();
    let changed = customer_names(&desk);

    let restored = desk.restore(Path::new(&made.path)).unwrap();
    assert_eq!(
        customer_names(&desk),
        vec!["Nguyễn Thị Hồng", "Trần Văn Đức"]
    );
    // Nothing in it that a backup does not hold already.
    assert!(!desk.backup_due().unwrap());
    let mut now = dump(&common::db_path(&dir));
    let mut then = backed_up.clone();
    // The device's clock stamp and the file's settings are the file's own.
    now.remove("meta");
    then.remove("meta");
    assert_eq!(now, then);

    // The file as it was is a backup of its own, marked as made before the restore.
    let before = restored.before.unwrap();
    assert_eq!(before.reason, Reason::BeforeRestore);
    assert_eq!(before.customers, 3);
    let kept = Desk::open(Path::new(&before.path), OpenMode::ReadOnly, Origin::Cli).unwrap();
    assert_eq!(customer_names(&kept), changed);
    // The restored file takes writes again.
    desk.add_customer(common::person("Phạm Minh", "", ""))
        .unwrap();
    assert_eq!(customer_names(&desk).len(), 3);
    // No log of the old file was left to be replayed over the restored one.
    drop(desk);
    let reopened = Desk::open(&common::db_path(&dir), OpenMode::Existing, Origin::App).unwrap();
    assert_eq!(customer_names(&reopened).len(), 3);
    assert!(reopened.check().unwrap().is_sound());
}

#[test]
fn a_flipped_byte_fails_verification_and_the_restore_changes_nothing() {
    let (mut desk, dir) = with_customers(&["Nguyễn Thị Hồng"]);
    let made = desk.backup(Reason::Manual).unwrap();
    desk.add_customer(common::person("Trần Văn Đức", "", ""))
        .unwrap();
    let mut bytes = std::fs::read(&made.path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&made.path, &bytes).unwrap();

    let e = backup::verify(Path::new(&made.path)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BackupFailed);
    assert!(e.to_string().contains("SHA-256"), "{e}");
    let e = desk.restore(Path::new(&made.path)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BackupFailed);
    assert_eq!(customer_names(&desk).len(), 2);
    desk.add_customer(common::person("Lê Thị Ánh", "", ""))
        .unwrap();
    // Nothing was kept "before the restore": it never started.
    assert!(desk
        .backups()
        .unwrap()
        .iter()
        .all(|b| b.reason != Reason::BeforeRestore));
    drop(dir);
}

#[test]
fn a_damaged_page_fails_verification_even_when_the_manifest_is_rewritten() {
    let (desk, _dir) = with_customers(&["Nguyễn Thị Hồng", "Trần Văn Đức"]);
    let made = desk.backup(Reason::Manual).unwrap();
    let mut bytes = std::fs::read(&made.path).unwrap();
    // Page 2 onwards hold the tables; scribble over the second page's header.
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for b in &mut bytes[page..page + 12] {
        *b = 0xff;
    }
    std::fs::write(&made.path, &bytes).unwrap();
    let e = backup::verify_database(Path::new(&made.path)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BackupFailed);
}

/// A verified backup's files renamed as if made at `at` (UTC), manifest included.
fn backdated(made: &Path, stem: &str, at: &str, reason: &str) -> PathBuf {
    let folder = made.parent().unwrap();
    let name = format!("{stem}.{at}.{reason}.sqlite3");
    let to = folder.join(&name);
    std::fs::copy(made, &to).unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{}.json", made.display())).unwrap())
            .unwrap();
    manifest["file"] = serde_json::Value::String(name);
    std::fs::write(
        format!("{}.json", to.display()),
        serde_json::to_vec(&manifest).unwrap(),
    )
    .unwrap();
    to
}

#[test]
fn thinning_removes_only_its_own_backups_by_age_and_keeps_the_rest() {
    let (desk, dir) = with_customers(&["Nguyễn Thị Hồng"]);
    let made = PathBuf::from(desk.backup(Reason::Manual).unwrap().path);
    let folder = backups_folder(&dir);
    let today = chrono::Local::now().date_naive();
    let mut made_for = Vec::new();
    // Ten a day, at noon UTC plus a few minutes, for 60 days.
    for day in 0..60 {
        for minute in 0..10 {
            let date = today - chrono::Duration::days(day);
            let at = format!("{}-12{:02}00", date.format("%Y%m%d"), minute);
            made_for.push(backdated(&made, "desk", &at, "auto"));
        }
    }
    let pinned = backdated(&made, "desk", "20200101-120000", "before-restore");
    let foreign = [
        folder.join("notes.txt"),
        folder.join("other.20200101-120000.auto.sqlite3"),
        folder.join("desk.20200101-120000.weekly.sqlite3"),
    ];
    for f in &foreign {
        std::fs::write(f, b"not ours").unwrap();
    }
    let unverified = folder.join("desk.20200102-120000.auto.sqlite3");
    std::fs::write(&unverified, b"no manifest").unwrap();

    let removed = backup::thin_folder(&common::db_path(&dir), today).unwrap();
    assert!(removed.len() > 500, "{}", removed.len());
    for f in foreign.iter().chain([&pinned, &unverified, &made]) {
        assert!(f.exists(), "{} was removed", f.display());
    }
    let left: Vec<_> = made_for.iter().filter(|p| p.exists()).collect();
    // Today's and yesterday's ten each; the last of each of 12 days; weeks and months after.
    assert!(left.len() >= 20 + 12, "{}", left.len());
    assert!(left.len() <= 20 + 12 + 10 + 9, "{}", left.len());
    for p in &removed {
        assert!(!Path::new(&format!("{}.json", p.display())).exists());
    }
    // The list still reads, and a backup without a manifest shows as not verified.
    let list = desk.backups().unwrap();
    assert!(list
        .iter()
        .any(|b| !b.verified && b.path == unverified.display().to_string()));
}

#[test]
fn a_restore_command_refuses_while_the_file_is_open_for_writing_by_path_or_link() {
    let (desk, dir) = with_customers(&["Nguyễn Thị Hồng"]);
    let made = desk.backup(Reason::Manual).unwrap();
    let link = dir.path().join("link.sqlite3");
    std::os::unix::fs::symlink(common::db_path(&dir), &link).unwrap();
    let before = sha256_hex(&common::db_path(&dir));
    for db in [common::db_path(&dir), link] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tripdesk"))
            .args([
                "--db",
                &db.display().to_string(),
                "restore",
                &made.path,
                "--yes",
            ])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("already open"), "{said}");
        assert!(said.contains("desk.sqlite3"), "{said}");
    }
    assert_eq!(sha256_hex(&common::db_path(&dir)), before);
    drop(desk);
}

#[test]
fn a_full_disk_fails_a_save_with_its_own_kind_and_keeps_what_was_saved() {
    let (mut desk, _dir) = with_customers(&["Nguyễn Thị Hồng"]);
    let pages: i64 = desk
        .conn()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    desk.conn()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let big = "x".repeat(180);
    let mut failed = None;
    for i in 0..5000 {
        match desk.add_customer(common::person(&format!("{big} {i}"), "", "")) {
            Ok(_) => {}
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let e = failed.expect("the file filled up");
    assert_eq!(e.kind(), ErrorKind::DiskFull, "{e}");
    // What was saved before stays, and the file is sound.
    assert!(common::search(&desk, "Hong").len() == 1);
    assert!(desk.check().unwrap().is_sound());
}

#[test]
fn what_a_killed_backup_left_is_removed_once_it_is_old() {
    let (desk, dir) = with_customers(&["Nguyễn Thị Hồng"]);
    let folder = backups_folder(&dir);
    std::fs::create_dir_all(&folder).unwrap();
    let old = folder.join(".desk.20261201-101010.auto.sqlite3.partial");
    let young = folder.join(".desk.20261202-101010.auto.sqlite3.partial");
    let hers = folder.join("notes.partial.txt");
    for f in [&old, &young, &hers] {
        std::fs::write(f, b"cut short").unwrap();
    }
    let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for f in [&old, &hers] {
        std::fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(long_ago)
            .unwrap();
    }
    desk.backup(Reason::Manual).unwrap();
    assert!(!old.exists());
    assert!(young.exists(), "a backup under way elsewhere is left alone");
    assert!(hers.exists());
}
