#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

//! The file under hard conditions, through the real `tripdesk` binary: a disk that fills up,
//! a restore killed at any moment, and a second writer by path or by symbolic link.

use rusqlite::Connection;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Origin};

fn tripdesk(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tripdesk"));
    c.arg("--db").arg(db);
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    tripdesk(db).args(args).output().unwrap()
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn sha256_hex(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn customers(db: &Path) -> i64 {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap()
}

fn csv(dir: &Path, rows: u32) -> PathBuf {
    let path = dir.join(format!("customers-{rows}.csv"));
    let mut text = String::from("Họ và tên,Điện thoại,Ghi chú\n");
    for i in 0..rows {
        text.push_str(&format!("Khách {i},0903{i:06},{}\n", "ghi chú ".repeat(20)));
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A small file system of its own (tmpfs), unmounted when dropped.
struct Mounted(PathBuf);

impl Mounted {
    fn new(at: &Path, size: &str) -> Mounted {
        std::fs::create_dir_all(at).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "this test mounts a small tmpfs and needs root: {}",
            said(&out)
        );
        Mounted(at.to_path_buf())
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        Command::new("umount").arg("-l").arg(&self.0).status().ok();
    }
}

/// Bytes free on the file system holding `dir`.
fn free(dir: &Path) -> u64 {
    let s = nix::sys::statvfs::statvfs(dir).unwrap();
    s.blocks_available() as u64 * s.fragment_size() as u64
}

/// Grows or shrinks the junk file in `dir` until about `bytes` are left free.
fn leave_free(dir: &Path, bytes: u64) -> PathBuf {
    let junk = dir.join("junk");
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&junk)
        .unwrap();
    let chunk = vec![0x5au8; 4096];
    while free(dir) > bytes + 4096 {
        if f.write_all(&chunk).is_err() {
            break;
        }
        f.flush().ok();
    }
    f.sync_all().ok();
    while free(dir) < bytes {
        let len = f.metadata().unwrap().len();
        f.set_len(len.saturating_sub(bytes - free(dir) + 4096))
            .unwrap();
        f.sync_all().ok();
    }
    junk
}

#[test]
fn a_full_disk_fails_saves_and_backups_in_words_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small-disk");
    let _mounted = Mounted::new(&mnt, "16m");
    let db = mnt.join("desk.sqlite3");
    assert!(run(&db, &["demo", "--customers", "20"]).status.success());
    let first = run(&db, &["backup", "--json"]);
    assert!(first.status.success(), "{}", said(&first));
    let first: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let first_backup = PathBuf::from(first["path"].as_str().unwrap());
    let before = customers(&db);

    // Saves until the disk fills: the one that does not fit is refused in words, and every
    // save confirmed before it is there.
    leave_free(&mnt, 256 * 1024);
    let journal = dir.path().join("journal.txt");
    let out = run(
        &db,
        &["stress-edit", "--journal", journal.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(said(&out).contains("is full"), "{}", said(&out));
    assert!(!said(&out).contains("panicked"), "{}", said(&out));
    let confirmed = std::fs::read_to_string(&journal).unwrap_or_default();
    let saved = confirmed
        .lines()
        .filter(|l| l.starts_with("customer"))
        .count() as i64;
    assert!(saved > 0);
    assert_eq!(customers(&db), before + saved);

    // A backup that does not fit fails loudly; the older one stays and still verifies, and
    // nothing partial is left.
    leave_free(&mnt, 256 * 1024);
    let out = run(&db, &["backup"]);
    assert!(!out.status.success());
    let words = said(&out);
    assert!(
        words.contains("backup") && (words.contains("No space left") || words.contains("full")),
        "{words}"
    );
    tripdesk::backup::verify(&first_backup).unwrap();
    let folder = mnt.join("backups");
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial") || n.ends_with("-journal"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // An import: the backup it makes first does not fit, so it does not start.
    let file = csv(dir.path(), 2_000);
    let out = run(&db, &["import", &file.display().to_string()]);
    assert!(!out.status.success());
    assert!(said(&out).contains("backup"), "{}", said(&out));
    let after_all = customers(&db);
    assert_eq!(after_all, before + saved);

    // A disk with no room at all: the file does not even open, and says why.
    let junk = leave_free(&mnt, 0);
    let out = run(&db, &["check"]);
    assert!(!out.status.success());
    assert!(said(&out).contains("is full"), "{}", said(&out));

    // Room again: everything works, and nothing was lost.
    std::fs::remove_file(&junk).unwrap();
    let out = run(&db, &["check"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(run(&db, &["backup"]).status.success());
    let out = run(&db, &["import", &file.display().to_string()]);
    assert!(out.status.success(), "{}", said(&out));
    assert_eq!(customers(&db), after_all + 2_000);
}

#[test]
fn a_restore_killed_at_any_moment_leaves_the_old_file_or_the_restored_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    assert!(run(&db, &["demo", "--customers", "300"]).status.success());
    let made = run(&db, &["backup", "--json"]);
    let made: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap();
    let backup = made["path"].as_str().unwrap().to_owned();
    let backed_up = customers(&db);
    let file = csv(dir.path(), 500);
    let mut rng = fastrand::Rng::with_seed(8);
    let (mut cut, mut done) = (0, 0);
    for round in 0..16 {
        if customers(&db) == backed_up {
            // Changes since the backup, so the two states can be told apart.
            let out = run(&db, &["import", &file.display().to_string()]);
            assert!(out.status.success(), "{}", said(&out));
        }
        let changed = customers(&db);
        assert_ne!(changed, backed_up);
        let mut child = tripdesk(&db)
            .args(["restore", &backup, "--yes"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(0..400)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            cut += 1;
        } else {
            done += 1;
        }
        child.wait().unwrap();
        let now = customers(&db);
        assert!(
            now == changed || now == backed_up,
            "round {round}: {now} customers, neither the old file's {changed} nor the backup's {backed_up}"
        );
        // The next writer opens it as the app would, checked.
        let desk = Desk::open(&db, OpenMode::Existing, Origin::App).unwrap();
        assert!(desk.check().unwrap().is_sound());
    }
    eprintln!("restore killed {cut} times, finished {done} times");
    assert!(cut >= 4, "too few restores were cut: {cut}");
}

#[test]
fn a_second_writer_is_refused_by_path_or_link_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    assert!(run(&db, &["demo", "--customers", "20"]).status.success());
    let link = dir.path().join("shortcut.sqlite3");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let file = csv(dir.path(), 10);

    // The app holds it (the same lock the app's desk takes).
    let app = Desk::open(&db, OpenMode::Existing, Origin::App).unwrap();
    let before = sha256_hex(&db);
    for path in [&db, &link] {
        for args in [
            vec!["import", file.to_str().unwrap()],
            vec!["demo"],
            vec!["restore", "/nonexistent.sqlite3", "--yes"],
        ] {
            let out = run(path, &args);
            assert!(!out.status.success(), "{args:?}");
            let words = said(&out);
            assert!(words.contains("already open"), "{args:?}: {words}");
            assert!(words.contains("desk.sqlite3"), "{args:?}: {words}");
        }
    }
    assert_eq!(sha256_hex(&db), before);
    drop(app);

    // A command holds it: a second command is refused at once, by path and by link.
    let journal = dir.path().join("journal.txt");
    let mut editor = tripdesk(&db)
        .args(["stress-edit", "--journal", journal.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    while std::fs::read_to_string(&journal)
        .unwrap_or_default()
        .is_empty()
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    for path in [&db, &link] {
        let out = run(path, &["import", file.to_str().unwrap()]);
        assert!(!out.status.success());
        assert!(said(&out).contains("already open"), "{}", said(&out));
    }
    editor.kill().unwrap();
    editor.wait().unwrap();
    let conn = Connection::open(&db).unwrap();
    let imported: i64 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE full_name LIKE 'Khách %'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imported, 0);
}
