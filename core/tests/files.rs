#![allow(clippy::unwrap_used)] // a test that cannot set up should stop right there

mod common;

use std::path::{Path, PathBuf};
use tripdesk::files::{FileCategory, FILES_FOLDER};
use tripdesk::{CustomerId, Desk, ErrorKind};

fn customer(desk: &mut Desk, name: &str) -> CustomerId {
    desk.add_customer(common::person(name, "", "")).unwrap().id
}

/// A file to add, in its own folder beside the test's database.
fn source(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let folder = dir.path().join("picked");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Every stored file under `files/`, at any depth (none left half-written beside them).
fn stored(dir: &tempfile::TempDir) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(p).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&dir.path().join(FILES_FOLDER), &mut out);
    out
}

fn kind(e: tripdesk::Error) -> ErrorKind {
    e.kind()
}

#[test]
fn the_same_bytes_added_twice_are_stored_once_under_two_records() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let an = customer(&mut desk, "Trần Văn An");
    let contract = source(&dir, "Hợp đồng tour Đà Nẵng.pdf", b"%PDF-1.4 hop dong");
    let again = source(&dir, "hop-dong-copy.pdf", b"%PDF-1.4 hop dong");
    let first = desk.add_file(&hong, &contract, None).unwrap();
    let second = desk.add_file(&an, &again, None).unwrap();
    assert_ne!(first.id, second.id);
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(first.category, FileCategory::Contract);
    let files = stored(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let sha = &first.sha256;
    assert_eq!(
        files[0],
        dir.path().join("files").join(&sha[..2]).join(sha),
        "named by the content's SHA-256 under a two-letter folder"
    );
    assert_eq!(std::fs::read(&files[0]).unwrap(), b"%PDF-1.4 hop dong");
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 1);
    assert_eq!(desk.files(&an, 0, 50).unwrap().total, 1);
}

#[test]
fn her_files_list_their_name_category_size_and_date_newest_first() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let passport = source(&dir, "Hộ chiếu.png", &[7u8; 2048]);
    let quote = source(&dir, "notes.txt", b"bao gia");
    // The date is taken on both sides of the adds: a run across midnight (UTC) sees either.
    let before = chrono::Utc::now().format("%Y-%m-%d").to_string();
    desk.add_file(&hong, &passport, None).unwrap();
    desk.add_file(&hong, &quote, Some(FileCategory::Quote))
        .unwrap();
    let after = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let page = desk.files(&hong, 0, 50).unwrap();
    assert_eq!(page.total, 2);
    let listed: Vec<_> = page
        .items
        .iter()
        .map(|f| (f.name.as_str(), f.category, f.size, f.missing))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("notes.txt", FileCategory::Quote, 7, false),
            ("Hộ chiếu.png", FileCategory::Passport, 2048, false),
        ]
    );
    let added = &page.items[0].created_at;
    assert!(
        added.starts_with(&before) || added.starts_with(&after),
        "{added} is not {before} or {after}"
    );
    let second = desk.files(&hong, 1, 1).unwrap();
    assert_eq!(second.items.len(), 1);
    assert_eq!(second.items[0].name, "Hộ chiếu.png");
}

#[test]
fn a_file_over_50_mb_is_refused_and_nothing_is_stored() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let big = dir.path().join("video.mp4");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024 + 1).unwrap();
    let e = desk.add_file(&hong, &big, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::FileTooLarge);
    assert_eq!(e.to_dto().value.as_deref(), Some("50 MB"));
    assert!(stored(&dir).is_empty());
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 0);
    // Exactly 50 MB is allowed.
    f.set_len(50 * 1024 * 1024).unwrap();
    let added = desk.add_file(&hong, &big, None).unwrap();
    assert_eq!(added.size, 50 * 1024 * 1024);
    assert_eq!(stored(&dir).len(), 1);
}

#[test]
fn a_folder_a_missing_file_and_an_unreadable_one_are_refused_clearly() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    assert_eq!(
        kind(desk.add_file(&hong, dir.path(), None).unwrap_err()),
        ErrorKind::NotAFile
    );
    let gone = dir.path().join("gone.pdf");
    let e = desk.add_file(&hong, &gone, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::FileMissing);
    assert!(e.to_dto().value.unwrap().ends_with("gone.pdf"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = source(&dir, "locked.pdf", b"secret");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads anything: only an ordinary user can see the refusal.
        if std::fs::read(&locked).is_err() {
            assert_eq!(
                kind(desk.add_file(&hong, &locked, None).unwrap_err()),
                ErrorKind::FileUnreadable
            );
        }
    }
    let stranger = CustomerId::new();
    let fine = source(&dir, "fine.pdf", b"fine");
    assert_eq!(
        kind(desk.add_file(&stranger, &fine, None).unwrap_err()),
        ErrorKind::NotFound
    );
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 0);
}

#[test]
fn a_record_that_points_outside_the_files_folder_is_never_opened() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "scan.pdf", b"scan");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    let path = desk.file_path(&file.id).unwrap();
    assert!(path.starts_with(dir.path().join("files").canonicalize().unwrap()));
    assert_eq!(std::fs::read(&path).unwrap(), b"scan");
    for bad in [
        "../../etc/passwd",
        "../desk.sqlite3",
        "/etc/passwd",
        "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789",
        "",
    ] {
        desk.conn()
            .execute(
                "UPDATE files SET sha256 = ?2 WHERE id = ?1",
                [file.id.as_str(), bad],
            )
            .unwrap();
        assert_eq!(
            kind(desk.file_path(&file.id).unwrap_err()),
            ErrorKind::NotAllowed,
            "{bad}"
        );
    }
    // A link planted under a hash's name that leads out of the folder is refused too.
    #[cfg(unix)]
    {
        let sha = "ab".repeat(32);
        let fan = dir.path().join("files").join("ab");
        std::fs::create_dir_all(&fan).unwrap();
        std::os::unix::fs::symlink(common::db_path(&dir), fan.join(&sha)).unwrap();
        desk.conn()
            .execute(
                "UPDATE files SET sha256 = ?2 WHERE id = ?1",
                [file.id.as_str(), sha.as_str()],
            )
            .unwrap();
        assert_eq!(
            kind(desk.file_path(&file.id).unwrap_err()),
            ErrorKind::NotAllowed
        );
    }
}

#[test]
fn a_stored_file_gone_from_the_folder_is_reported_not_crashed_on() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "visa.pdf", b"visa");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    std::fs::remove_file(desk.file_path(&file.id).unwrap()).unwrap();
    let e = desk.file_path(&file.id).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::StoredFileMissing);
    let listed = desk.files(&hong, 0, 50).unwrap();
    assert!(listed.items[0].missing);
    // Adding the same bytes again puts them back.
    desk.add_file(&hong, &scan, None).unwrap();
    assert!(desk.file_path(&file.id).is_ok());
}

#[test]
fn a_removed_file_leaves_the_list_keeps_its_bytes_and_comes_back_with_undo() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "passport.jpg", b"jpeg");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    desk.remove_file(&file.id).unwrap();
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 0);
    assert_eq!(stored(&dir).len(), 1, "the bytes stay for undo and backups");
    assert_eq!(
        kind(desk.file_path(&file.id).unwrap_err()),
        ErrorKind::NotFound
    );
    let back = desk.restore_file(&file.id).unwrap();
    assert_eq!(back.name, "passport.jpg");
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 1);
    assert!(desk.file_path(&file.id).is_ok());
}

#[cfg(unix)]
#[test]
fn a_file_named_with_a_line_break_is_added_under_a_one_line_name() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let odd = source(&dir, "visa\nmẹ.pdf", b"visa");
    let file = desk.add_file(&hong, &odd, None).unwrap();
    assert_eq!(file.name, "visa mẹ.pdf");
    assert_eq!(file.category, FileCategory::Visa);
}

#[test]
fn she_renames_a_file_and_changes_its_category() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "IMG_2041.jpg", b"jpeg");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    assert_eq!(file.category, FileCategory::Other);
    let renamed = desk
        .update_file(&file.id, "  Hộ chiếu mẹ  ", FileCategory::Passport)
        .unwrap();
    assert_eq!(renamed.name, "Hộ chiếu mẹ");
    assert_eq!(renamed.category, FileCategory::Passport);
    assert_eq!(renamed.sha256, file.sha256);
    let e = desk
        .update_file(&file.id, "   ", FileCategory::Passport)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Required);
    assert_eq!(e.to_dto().field.as_deref(), Some("name"));
}

#[test]
fn adding_renaming_removing_and_restoring_show_in_her_history() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "hochieu.png", b"png");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    desk.update_file(&file.id, "Hộ chiếu", FileCategory::Passport)
        .unwrap();
    desk.remove_file(&file.id).unwrap();
    desk.restore_file(&file.id).unwrap();
    let history: Vec<_> = desk
        .customer_history(&hong)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity == "file")
        .collect();
    let ops: Vec<_> = history.iter().map(|e| e.op.as_str()).collect();
    assert_eq!(ops, ["restore", "archive", "update", "insert"]);
    let insert = &history[3];
    let fields: Vec<_> = insert.changes.iter().map(|c| c.field.as_str()).collect();
    assert!(fields.contains(&"name") && fields.contains(&"category"));
    let update = &history[2];
    let name = update.changes.iter().find(|c| c.field == "name").unwrap();
    assert_eq!(name.old, "hochieu.png");
    assert_eq!(name.new, "Hộ chiếu");
    assert!(update.changes.iter().all(|c| c.field != "category"));
}

#[test]
fn two_demo_customers_in_five_get_a_few_files_and_share_the_contract_template() {
    let (mut desk, dir) = common::desk();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    desk.load_demo(300, today).unwrap();
    let (records, customers, hashes): (u32, u32, u32) = desk
        .conn()
        .query_row(
            "SELECT count(*), count(DISTINCT customer_id), count(DISTINCT sha256) FROM files",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!((100..=140).contains(&customers), "{customers} customers");
    assert!(records >= customers && records <= customers * 3);
    assert!(hashes < records, "the shared contract is stored once");
    assert_eq!(stored(&dir).len() as u32, hashes);
    let contracts: u32 = desk
        .conn()
        .query_row(
            "SELECT count(*) FROM files WHERE category = 'contract'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(contracts >= 2);
}

#[test]
fn several_files_are_added_all_or_none_and_a_missing_one_is_named() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let passport = source(&dir, "Hộ chiếu.png", b"png");
    let visa = source(&dir, "visa.pdf", b"visa");
    let gone = dir.path().join("picked").join("hợp đồng đã xoá.pdf");
    let e = desk
        .add_files(&hong, &[passport.clone(), visa.clone(), gone], None)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::FileMissing);
    let named = e.to_dto().value.unwrap();
    assert!(named.ends_with("hợp đồng đã xoá.pdf"), "{named}");
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 0);
    assert!(
        stored(&dir).is_empty(),
        "nothing is copied before all are checked"
    );
    // All there: all added, each with its own category, in one go.
    let added = desk.add_files(&hong, &[passport, visa], None).unwrap();
    let categories: Vec<_> = added.iter().map(|f| f.category).collect();
    assert_eq!(categories, [FileCategory::Passport, FileCategory::Visa]);
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 2);
    // A customer that is not there: refused, nothing recorded.
    let stranger = CustomerId::new();
    let fine = source(&dir, "fine.pdf", b"fine");
    assert_eq!(
        kind(desk.add_files(&stranger, &[fine], None).unwrap_err()),
        ErrorKind::NotFound
    );
}

#[test]
fn a_file_opens_as_a_copy_named_after_the_record_inside_the_temporary_folder() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "scan.pdf", b"%PDF-1.4 ho chieu");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    desk.update_file(&file.id, "Hộ chiếu mẹ.pdf", FileCategory::Passport)
        .unwrap();
    let open_folder = std::env::temp_dir()
        .join(tripdesk::files::OPEN_FOLDER)
        .join(file.id.as_str());
    let copy = desk.file_to_open(&file.id).unwrap();
    assert_eq!(copy, open_folder.join("Hộ chiếu mẹ.pdf"));
    assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.4 ho chieu");
    assert_ne!(
        copy,
        desk.file_path(&file.id).unwrap(),
        "never the stored file"
    );
    // Opened again (the viewer may still hold the first copy): the same copy.
    assert_eq!(desk.file_to_open(&file.id).unwrap(), copy);
    // A name that tries to climb out of the folder stays inside it.
    for bad in [
        "../../x",
        "..",
        "a/../../b\\c",
        "..\\..\\win.ini",
        "  ",
        "C:x",
    ] {
        desk.update_file(&file.id, bad, FileCategory::Other).ok();
        let copy = desk.file_to_open(&file.id).unwrap();
        assert_eq!(copy.parent(), Some(open_folder.as_path()), "{bad}");
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.contains(['/', '\\']) && !name.starts_with('.'),
            "{bad} → {name}"
        );
        assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.4 ho chieu");
    }
    // A removed file is not opened.
    desk.remove_file(&file.id).unwrap();
    assert_eq!(
        kind(desk.file_to_open(&file.id).unwrap_err()),
        ErrorKind::NotFound
    );
    std::fs::remove_dir_all(&open_folder).ok();
}

#[test]
fn a_file_of_an_erased_customer_never_comes_back() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let scan = source(&dir, "passport.jpg", b"jpeg");
    let file = desk.add_file(&hong, &scan, None).unwrap();
    desk.remove_file(&file.id).unwrap();
    desk.erase_customer(&hong).unwrap();
    assert_eq!(
        kind(desk.restore_file(&file.id).unwrap_err()),
        ErrorKind::NotFound
    );
    assert_eq!(
        kind(desk.remove_file(&file.id).unwrap_err()),
        ErrorKind::NotFound
    );
    let deleted: Option<String> = desk
        .conn()
        .query_row(
            "SELECT deleted_at FROM files WHERE id = ?1",
            [file.id.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert!(deleted.is_some(), "still removed");
}

#[cfg(unix)]
#[test]
fn a_refusal_after_the_copies_leaves_none_of_the_files_in_her_list() {
    let (mut desk, dir) = common::desk();
    let hong = customer(&mut desk, "Nguyễn Thị Hồng");
    let passport = source(&dir, "Hộ chiếu.png", b"png");
    let visa = source(&dir, "visa.pdf", b"visa");
    // A file named only by a space passes every check of the file, and is refused for its
    // name when the records are written, after the first two.
    let blank = source(&dir, " ", b"blank");
    let e = desk
        .add_files(&hong, &[passport, visa, blank], None)
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Required);
    assert_eq!(desk.files(&hong, 0, 50).unwrap().total, 0);
    let history = desk.customer_history(&hong).unwrap();
    assert!(history.iter().all(|e| e.entity != "file"));
}
