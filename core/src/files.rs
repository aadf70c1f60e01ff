//! A customer's files: contracts, scanned quotes, passport and visa scans.
//!
//! The bytes live in a `files` folder beside the database, named by their SHA-256
//! (`files/ab/abcdef…`): the same bytes added twice are stored once, and a record is a name and
//! a category for them. A stored file is written to a temporary file in the folder, synced, then
//! renamed into place, so a crash never leaves half a file under a hash. Removing a record keeps
//! the bytes: undo and backups need them.

use crate::db::{diff, inserted};
use crate::db::{ChangeOp, Entity, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::ids::{CustomerId, FileId};
use crate::{Desk, Origin};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The largest file she can add: 50 MB.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The limit as the refusal names it.
const MAX_FILE_LABEL: &str = "50 MB";

/// The name of the folder beside the database that holds the stored files.
pub const FILES_FOLDER: &str = "files";

/// What a file is, for her: the tab groups and labels files by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileCategory {
    Contract,
    Passport,
    Visa,
    Quote,
    Invoice,
    Other,
}

/// One file of a customer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileRecord {
    pub id: FileId,
    pub customer_id: CustomerId,
    /// The file's name as she sees it (the picked file's name until she renames it).
    pub name: String,
    pub category: FileCategory,
    /// The hex SHA-256 of the bytes, which names the stored file.
    pub sha256: String,
    /// In bytes.
    #[ts(type = "number")]
    pub size: i64,
    /// UTC, when it was added.
    pub created_at: String,
    /// The stored bytes are gone from the `files` folder (moved or deleted outside Tripdesk).
    pub missing: bool,
}

/// One page of a customer's files, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FilePage {
    pub items: Vec<FileRecord>,
    /// All her files, on every page.
    pub total: u32,
}

impl FileCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            FileCategory::Contract => "contract",
            FileCategory::Passport => "passport",
            FileCategory::Visa => "visa",
            FileCategory::Quote => "quote",
            FileCategory::Invoice => "invoice",
            FileCategory::Other => "other",
        }
    }

    fn parse(s: &str) -> FileCategory {
        match s {
            "contract" => FileCategory::Contract,
            "passport" => FileCategory::Passport,
            "visa" => FileCategory::Visa,
            "quote" => FileCategory::Quote,
            "invoice" => FileCategory::Invoice,
            _ => FileCategory::Other,
        }
    }

    /// What a file's name says it is, in Vietnamese or English ("Hộ chiếu.jpg", "passport
    /// scan.png", "hop_dong.pdf"); `Other` when it says nothing.
    pub fn guess(name: &str) -> FileCategory {
        let key: String = crate::text::fold(name)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        const WORDS: &[(FileCategory, &[&str])] = &[
            (FileCategory::Passport, &["hochieu", "passport", "pasport"]),
            (FileCategory::Visa, &["visa", "thithuc"]),
            (
                FileCategory::Contract,
                &["hopdong", "contract", "agreement"],
            ),
            (FileCategory::Quote, &["baogia", "quotation", "quote"]),
            (
                FileCategory::Invoice,
                &["hoadon", "invoice", "receipt", "bienlai"],
            ),
        ];
        WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| key.contains(w)))
            .map_or(FileCategory::Other, |(category, _)| *category)
    }
}

impl Desk {
    /// Stores a copy of the file at `source` and records it as hers; `category` `None` guesses
    /// it from the name. Refused before anything is copied: a file over 50 MB, a folder, a file
    /// that is not there, and any file on a desk without a folder (in memory).
    pub fn add_file(
        &mut self,
        customer: &CustomerId,
        source: &Path,
        category: Option<FileCategory>,
    ) -> Result<FileRecord> {
        let folder = self.files_folder()?;
        check_source(source)?;
        crate::customers::ensure_customer(self.conn(), customer)?;
        let (name, category) = picked(source, category);
        let stored = store_file(&folder, source)?;
        self.transact("add_file", |tx| add(tx, customer, &name, category, &stored))
    }

    /// Adds every file of `sources`, or none (what she picks in the dialog or drops on the
    /// window at once). Each is checked (there, a file, at most 50 MB) before any is copied, so
    /// a refusal names the file; the records are written in one transaction, so a failure
    /// after the copies leaves her list as it was (the stored bytes stay, unused, like the
    /// bytes of a removed file). `category` `None` guesses each from its name.
    pub fn add_files(
        &mut self,
        customer: &CustomerId,
        sources: &[PathBuf],
        category: Option<FileCategory>,
    ) -> Result<Vec<FileRecord>> {
        let folder = self.files_folder()?;
        if sources.is_empty() {
            return Ok(vec![]);
        }
        for source in sources {
            check_source(source)?;
        }
        crate::customers::ensure_customer(self.conn(), customer)?;
        let mut planned = Vec::with_capacity(sources.len());
        for source in sources {
            let (name, category) = picked(source, category);
            planned.push((name, category, store_file(&folder, source)?));
        }
        self.transact("add_files", |tx| {
            planned
                .iter()
                .map(|(name, category, stored)| add(tx, customer, name, *category, stored))
                .collect()
        })
    }

    /// A page of her files, newest first.
    pub fn files(&self, customer: &CustomerId, offset: u32, limit: u32) -> Result<FilePage> {
        let mut page = page(self.conn(), customer, offset, limit.clamp(1, 500))?;
        if let Ok(folder) = self.files_folder() {
            for f in &mut page.items {
                f.missing = !stored_path(&folder, &f.sha256).is_some_and(|p| p.is_file());
            }
        }
        Ok(page)
    }

    /// Renames a file (as she sees it; the stored bytes keep their name) and sets its category.
    pub fn update_file(
        &mut self,
        id: &FileId,
        name: &str,
        category: FileCategory,
    ) -> Result<FileRecord> {
        self.transact("update_file", |tx| update(tx, id, name, category))
    }

    /// Removes a file from her list; the stored bytes stay (undo and backups need them).
    pub fn remove_file(&mut self, id: &FileId) -> Result<()> {
        self.transact("remove_file", |tx| set_removed(tx, id, true).map(|_| ()))
    }

    /// Brings a removed file back (undo).
    pub fn restore_file(&mut self, id: &FileId) -> Result<FileRecord> {
        self.transact("restore_file", |tx| set_removed(tx, id, false))
    }

    /// Where the stored bytes of a file are, for opening it in the system's viewer. Built from
    /// the record's hash and refused unless it resolves to a file inside the `files` folder.
    pub fn file_path(&self, id: &FileId) -> Result<PathBuf> {
        let file = get(self.conn(), id)?;
        let folder = self.files_folder()?;
        let Some(path) = stored_path(&folder, &file.sha256) else {
            return Err(Error::NotAllowed(format!(
                "file {id} does not name a stored file ({:?})",
                file.sha256
            )));
        };
        let missing = || Error::bad_file(&path, ErrorKind::StoredFileMissing, "not in the folder");
        let (Ok(inside), Ok(resolved)) = (folder.canonicalize(), path.canonicalize()) else {
            return Err(missing());
        };
        if !resolved.starts_with(&inside) {
            return Err(Error::NotAllowed(format!(
                "file {id} points outside the files folder"
            )));
        }
        if !resolved.is_file() {
            return Err(missing());
        }
        Ok(resolved)
    }

    /// A copy of a file to open in the system's viewer, named after the record (with its
    /// extension, so that the system knows what opens it): `<temp>/tripdesk-open/<id>/<name>`.
    /// The stored file itself is never handed out (it is named by its hash, without an
    /// extension, and other records may share it). The name is made safe first: no separators,
    /// nothing that leaves the record's folder. A copy of the same bytes already there (the
    /// viewer may still hold it) is reused.
    pub fn file_to_open(&self, id: &FileId) -> Result<PathBuf> {
        let stored = self.file_path(id)?;
        let file = get(self.conn(), id)?;
        let folder = std::env::temp_dir()
            .join(OPEN_FOLDER)
            .join(safe_name(file.id.as_str()));
        fs::create_dir_all(&folder)?;
        let copy = folder.join(safe_name(&file.name));
        if !copy.starts_with(&folder) || copy.parent() != Some(folder.as_path()) {
            return Err(Error::NotAllowed(format!(
                "file {id} has a name that leaves its folder"
            )));
        }
        if let Ok(meta) = fs::symlink_metadata(&copy) {
            let same = meta.is_file()
                && i64::try_from(meta.len()).ok() == Some(file.size)
                && matches!((fs::read(&copy), fs::read(&stored)), (Ok(a), Ok(b)) if a == b);
            if same {
                return Ok(copy);
            }
            // An older copy (the record's bytes changed) or something else: replaced.
            let mut writable = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            writable.set_readonly(false);
            fs::set_permissions(&copy, writable).ok();
            fs::remove_file(&copy)?;
        }
        // The copy keeps the stored file's read-only mark: her edits in the viewer go to a
        // file she saves elsewhere, not to a temporary copy.
        fs::copy(&stored, &copy)?;
        Ok(copy)
    }

    /// The folder beside the database that holds the stored files.
    pub fn files_folder(&self) -> Result<PathBuf> {
        let Some(db) = self.path() else {
            return Err(Error::invalid(
                "file",
                ErrorKind::NoFilesFolder,
                "a desk in memory has no folder to keep files in",
            ));
        };
        let beside = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Ok(beside.join(FILES_FOLDER))
    }
}

/// The folder under the system's temporary folder that holds the copies opened in a viewer.
pub const OPEN_FOLDER: &str = "tripdesk-open";

/// A picked file's name as her list shows it, and its category (`None` guesses from the name).
fn picked(source: &Path, category: Option<FileCategory>) -> (String, FileCategory) {
    // A file system allows a line break in a name; her list does not.
    let name: String = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let category = category.unwrap_or_else(|| FileCategory::guess(&name));
    (name, category)
}

/// A record's name as one safe file name on any system: separators, control characters and
/// the characters Windows refuses become `_`, leading dots and trailing dots and spaces go (no
/// `..`, no hidden file), at most 200 bytes with the extension kept; `file` when nothing is
/// left.
fn safe_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let trimmed = replaced
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let mut safe = trimmed.to_owned();
    const MAX: usize = 200;
    if safe.len() > MAX {
        let (stem, ext) = match safe.rfind('.') {
            Some(dot) if safe.len() - dot <= 16 => (&safe[..dot], &safe[dot..]),
            _ => (safe.as_str(), ""),
        };
        let mut cut = MAX.saturating_sub(ext.len());
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        safe = format!("{}{ext}", &stem[..cut]);
    }
    if safe.is_empty() {
        "file".to_owned()
    } else {
        safe
    }
}

/// Refuses what cannot be added, before anything is copied: a file that is not there, a
/// folder, one over 50 MB. Returns its size.
pub fn check_source(source: &Path) -> Result<u64> {
    let meta = fs::metadata(source).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::bad_file(source, ErrorKind::FileMissing, "no such file")
        }
        _ => Error::bad_file(source, ErrorKind::FileUnreadable, e.to_string()),
    })?;
    if meta.is_dir() {
        return Err(Error::bad_file(source, ErrorKind::NotAFile, "a folder"));
    }
    if !meta.is_file() {
        return Err(Error::bad_file(source, ErrorKind::NotAFile, "not a file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(meta.len())
}

fn too_large() -> Error {
    Error::invalid("file", ErrorKind::FileTooLarge, MAX_FILE_LABEL)
}

/// Deletes the stored bytes of `hashes` that no record holds any more (a customer erased for
/// good takes her scans with her). Best effort: the erasure has committed, and a file that
/// cannot be deleted now is only logged.
pub(crate) fn forget_unused(desk: &Desk, hashes: &[String]) {
    let Ok(folder) = desk.files_folder() else {
        return;
    };
    for sha256 in hashes {
        let held = desk
            .conn()
            .prepare_cached("SELECT 1 FROM files WHERE sha256 = ?1")
            .and_then(|mut s| s.exists([sha256]));
        if held.unwrap_or(true) {
            continue;
        }
        if let Some(path) = stored_path(&folder, sha256) {
            if let Err(e) = std::fs::remove_file(&path) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(path = %path.display(), "an erased customer's file stays: {e}");
                }
            }
        }
    }
}

/// Removes `.incoming-*` files over an hour old from the folder: copies a crash cut short
/// (one under way is younger). Returns how many went.
pub(crate) fn forget_stale_incoming(folder: &Path) -> usize {
    forget_stale(folder, |name| name.starts_with(".incoming-"))
}

/// Removes the files of `folder` whose names `ours` accepts and that were last written over an
/// hour ago: what a process killed mid-write left (one still writing is younger).
pub(crate) fn forget_stale(folder: &Path, ours: impl Fn(&str) -> bool) -> usize {
    let Ok(entries) = fs::read_dir(folder) else {
        return 0;
    };
    let mut gone = 0;
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(3600));
        if old
            && ours(&entry.file_name().to_string_lossy())
            && fs::remove_file(entry.path()).is_ok()
        {
            gone += 1;
        }
    }
    gone
}

/// Where the bytes of `sha256` are stored, or `None` for anything but 64 lowercase hex digits.
pub(crate) fn stored_path(folder: &Path, sha256: &str) -> Option<PathBuf> {
    let hex = sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    hex.then(|| folder.join(&sha256[..2]).join(sha256))
}

/// Bytes stored in the folder.
#[derive(Debug)]
pub(crate) struct Stored {
    pub(crate) sha256: String,
    pub(crate) size: i64,
}

fn store_file(folder: &Path, source: &Path) -> Result<Stored> {
    let file = File::open(source)
        .map_err(|e| Error::bad_file(source, ErrorKind::FileUnreadable, e.to_string()))?;
    // One byte over the limit is enough to know: a file that grew since it was checked.
    store(folder, &mut file.take(MAX_FILE_BYTES + 1), source, true)
}

/// A file being written; removed unless it was renamed into place.
struct Incoming(Option<PathBuf>);

impl Drop for Incoming {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            fs::remove_file(path).ok();
        }
    }
}

/// Copies `bytes` into the folder while hashing them (a chunk at a time), then moves the copy
/// to its hash's name; the same bytes already there are kept and the copy dropped. `durable`
/// syncs the file and its folder before the record that names it is written. `source` names
/// what is read, for a refusal.
pub(crate) fn store(
    folder: &Path,
    bytes: &mut dyn Read,
    source: &Path,
    durable: bool,
) -> Result<Stored> {
    fs::create_dir_all(folder)?;
    let temp = folder.join(format!(".incoming-{}", uuid::Uuid::now_v7()));
    let mut out = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let mut incoming = Incoming(Some(temp.clone()));
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match bytes.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Error::bad_file(
                    source,
                    ErrorKind::FileUnreadable,
                    e.to_string(),
                ))
            }
        };
        size += n as u64;
        if size > MAX_FILE_BYTES {
            return Err(too_large());
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
    }
    if durable {
        out.sync_all()?;
    }
    drop(out);
    let sha256: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let Some(target) = stored_path(folder, &sha256) else {
        return Err(Error::NotAllowed("a hash that is not hex".into()));
    };
    let already = fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == size);
    if !already {
        let fan = target.parent().unwrap_or(folder);
        fs::create_dir_all(fan)?;
        if let Ok(meta) = fs::symlink_metadata(&target) {
            // Something else under the hash's name (a damaged copy): this copy replaces it.
            let mut writable = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            writable.set_readonly(false);
            fs::set_permissions(&target, writable).ok();
            fs::remove_file(&target).ok();
        }
        fs::rename(&temp, &target)?;
        incoming.0 = None;
        // Read-only: a viewer that opens it saves her edits elsewhere instead of changing the
        // bytes that other records may share.
        if let Ok(meta) = fs::metadata(&target) {
            let mut read_only = meta.permissions();
            read_only.set_readonly(true);
            fs::set_permissions(&target, read_only).ok();
        }
        if durable {
            sync_folder(fan)?;
        }
    }
    Ok(Stored {
        sha256,
        size: i64::try_from(size).unwrap_or(i64::MAX),
    })
}

/// Makes a rename in `folder` survive a power cut (POSIX; Windows has no folder handle to sync).
pub(crate) fn sync_folder(folder: &Path) -> Result<()> {
    if cfg!(unix) {
        File::open(folder)?.sync_all()?;
    }
    Ok(())
}

const SELECT: &str = "SELECT id, customer_id, name, category, sha256, size, created_at FROM files";

fn row_to_file(r: &Row) -> rusqlite::Result<FileRecord> {
    Ok(FileRecord {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        name: r.get(2)?,
        category: FileCategory::parse(&r.get::<_, String>(3)?),
        sha256: r.get(4)?,
        size: r.get(5)?,
        created_at: r.get(6)?,
        missing: false,
    })
}

fn page(conn: &Connection, customer: &CustomerId, offset: u32, limit: u32) -> Result<FilePage> {
    let total = conn
        .prepare_cached("SELECT count(*) FROM files WHERE customer_id = ?1 AND deleted_at IS NULL")?
        .query_row([customer], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE customer_id = ?1 AND deleted_at IS NULL
         ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(rusqlite::params![customer, limit, offset], row_to_file)?;
    Ok(FilePage {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total,
    })
}

fn get(conn: &Connection, id: &FileId) -> Result<FileRecord> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], row_to_file)
        .optional()?
        .ok_or(Error::NotFound("file"))
}

/// What the change log records of a file.
#[derive(Serialize)]
struct Logged<'a> {
    name: &'a str,
    category: &'a str,
    sha256: &'a str,
    size: i64,
}

fn add(
    tx: &Tx,
    customer: &CustomerId,
    name: &str,
    category: FileCategory,
    stored: &Stored,
) -> Result<FileRecord> {
    crate::customers::ensure_customer(tx, customer)?;
    let name = file_name(name)?;
    let id = FileId::new();
    insert(tx, &id, customer, &name, category, stored, &tx.now())?;
    get(tx, &id)
}

fn insert(
    tx: &Tx,
    id: &FileId,
    customer: &CustomerId,
    name: &str,
    category: FileCategory,
    stored: &Stored,
    at: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO files (id, customer_id, name, category, sha256, size, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        rusqlite::params![
            id,
            customer,
            name,
            category.as_str(),
            stored.sha256,
            stored.size,
            at
        ],
    )?;
    let logged = Logged {
        name,
        category: category.as_str(),
        sha256: &stored.sha256,
        size: stored.size,
    };
    tx.log(
        Entity::File,
        id.as_str(),
        Some(customer.as_str()),
        ChangeOp::Insert,
        inserted(&serde_json::to_value(&logged)?),
    );
    Ok(())
}

/// A file's name: required, one line, at most 255 characters.
fn file_name(name: &str) -> Result<String> {
    crate::customers::required("name", name, 255)
}

fn update(tx: &mut Tx, id: &FileId, name: &str, category: FileCategory) -> Result<FileRecord> {
    let before = get(tx, id)?;
    let name = file_name(name)?;
    tx.execute(
        "UPDATE files SET name = ?2, category = ?3, updated_at = ?4 WHERE id = ?1",
        rusqlite::params![id, name, category.as_str(), tx.now()],
    )?;
    let changes = diff(
        &serde_json::json!({ "name": before.name, "category": before.category.as_str() }),
        &serde_json::json!({ "name": name, "category": category.as_str() }),
    );
    tx.log(
        Entity::File,
        id.as_str(),
        Some(before.customer_id.as_str()),
        ChangeOp::Update,
        changes,
    );
    get(tx, id)
}

fn set_removed(tx: &mut Tx, id: &FileId, removed: bool) -> Result<FileRecord> {
    let (customer, deleted): (CustomerId, Option<String>) = tx
        // An erased customer's files are gone for good: neither removed again nor restored.
        .prepare_cached(
            "SELECT f.customer_id, f.deleted_at FROM files f
             JOIN customers c ON c.id = f.customer_id AND c.erased_at IS NULL WHERE f.id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound("file"))?;
    if deleted.is_some() != removed {
        crate::customers::mark_deleted(
            tx,
            "files",
            Entity::File,
            id.as_str(),
            Some(&customer),
            removed,
            Default::default(),
        )?;
    }
    if removed {
        // What it was, for the caller that removed it.
        let mut stmt = tx.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?;
        return Ok(stmt.query_row([id], row_to_file)?);
    }
    get(tx, id)
}

// Demo files

/// Demo files for a few dozen demo customers: passport scans, contracts (one template shared
/// by several, so that the same bytes are stored once), quotes, visas and invoices. Skipped
/// for a desk in memory, which has no folder.
pub(crate) fn demo(desk: &mut Desk, today: chrono::NaiveDate) -> Result<()> {
    let Ok(folder) = desk.files_folder() else {
        return Ok(());
    };
    let started = std::time::Instant::now();
    let customers: Vec<(CustomerId, String, bool)> = {
        let mut stmt = desk.conn().prepare(
            "SELECT id, full_name, customer_type <> 'individual' FROM customers
             WHERE deleted_at IS NULL ORDER BY rowid LIMIT 400",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let contract = pdf(&[
        "HOP DONG DICH VU DU LICH (MAU)",
        "Cong ty TNHH Du lich Sen Vang - 123 Nguyen Hue, Quan 1, TP. Ho Chi Minh",
        "Dieu 1. Noi dung dich vu: to chuc tour theo chuong trinh dinh kem.",
        "Dieu 2. Gia tri hop dong va phuong thuc thanh toan.",
    ]);
    let mut planned: Vec<(CustomerId, String, FileCategory, Vec<u8>, String)> = Vec::new();
    for (index, (id, full_name, company)) in customers.iter().enumerate() {
        // The first customers (the ones shown as recently viewed) and two in five after them,
        // among the first 400 (a demo of 100,000 customers stays quick to make).
        if index >= 5 && index % 5 >= 2 {
            continue;
        }
        // Files are written after the demo's transaction (their bytes need the folder), so
        // each customer is met again here, in the order the demo made them: her place seeds
        // the Files area's numbers (area 7) like every other tab's.
        let c = crate::demo::DemoCustomer {
            id,
            full_name,
            company: *company,
            index: u32::try_from(index).unwrap_or(u32::MAX),
            staff: &[],
            today,
        };
        let mut rng = c.rng(7);
        let ascii = crate::text::fold(full_name);
        let slug: String = ascii.split_whitespace().collect::<Vec<_>>().join("-");
        // One to three files, each of another kind.
        let (count, first) = (rng.usize(1..=3), rng.usize(0..5));
        for k in 0..count {
            let (name, category, bytes) = match (first + k) % 5 {
                0 => (
                    format!("Ho-chieu-{slug}.png"),
                    FileCategory::Passport,
                    passport_png(&mut rng),
                ),
                1 => (
                    "Hop-dong-du-lich-mau.pdf".to_owned(),
                    FileCategory::Contract,
                    contract.clone(),
                ),
                2 => {
                    let (tour, file) = TOURS[rng.usize(0..TOURS.len())];
                    let price = 4_990 + rng.u32(0..40) * 250;
                    (
                        format!("Bao-gia-{file}.pdf"),
                        FileCategory::Quote,
                        pdf(&[
                            "BAO GIA TOUR",
                            &format!("Kinh gui: {}", title_case(&ascii)),
                            &format!("Chuong trinh: {tour}"),
                            &format!(
                                "Gia tron goi: {}.{:03}.000 VND / khach",
                                price / 1000,
                                price % 1000
                            ),
                        ]),
                    )
                }
                3 => (
                    format!("Visa-{slug}.txt"),
                    FileCategory::Visa,
                    format!(
                        "Thị thực du lịch – {full_name}\nSố thị thực: V{:07}\n\
                         Hiệu lực: 90 ngày, nhập cảnh một lần\n",
                        rng.u32(0..10_000_000)
                    )
                    .into_bytes(),
                ),
                _ => (
                    format!("Hoa-don-VAT-{:05}.pdf", rng.u32(1..99_999)),
                    FileCategory::Invoice,
                    pdf(&[
                        "HOA DON GIA TRI GIA TANG",
                        &format!("Nguoi mua: {}", title_case(&ascii)),
                        "Dich vu du lich tron goi",
                    ]),
                ),
            };
            let days = rng.i64(1..400);
            let at = (today - chrono::Duration::days(days))
                .and_hms_opt(rng.u32(8..18), rng.u32(0..60), rng.u32(0..60))
                .map(|t| crate::timestamp(t.and_utc()))
                .unwrap_or_default();
            planned.push((id.clone(), name, category, bytes, at));
        }
    }
    let mut stored = Vec::with_capacity(planned.len());
    for (customer, name, category, bytes, at) in planned {
        let s = store(&folder, &mut bytes.as_slice(), Path::new(&name), false)?;
        stored.push((customer, name, category, s, at));
    }
    sync_folder(&folder)?;
    desk.transact_as(Origin::Demo, "demo_files", |tx| {
        for (customer, name, category, s, at) in &stored {
            insert(tx, &FileId::new(), customer, name, *category, s, at)?;
        }
        Ok(())
    })?;
    tracing::debug!(
        files = stored.len(),
        ms = started.elapsed().as_millis(),
        "demo files"
    );
    Ok(())
}

/// Demo tours a quote is for, and how the quote's file is named.
const TOURS: &[(&str, &str)] = &[
    ("Da Nang - Hoi An 4N3D", "Da-Nang-Hoi-An"),
    ("Nhat Ban mua hoa anh dao 6N5D", "Nhat-Ban-6N5D"),
    ("Phu Quoc 3N2D", "Phu-Quoc"),
    ("Han Quoc 5N4D", "Han-Quoc"),
    ("Sa Pa - Fansipan 3N2D", "Sa-Pa"),
];

fn title_case(folded: &str) -> String {
    folded
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A one-page PDF with a few lines of (ASCII) text.
fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 16 Tf 56 780 Td 22 TL\n");
    for (i, line) in lines.iter().enumerate() {
        let escaped: String = line
            .chars()
            .filter(char::is_ascii)
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                _ => vec![c],
            })
            .collect();
        if i == 1 {
            text.push_str("/F1 11 Tf\n");
        }
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        concat!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ",
            "/Resources << /Font << /F1 5 0 R >> >> >>"
        )
        .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

/// A small PNG that looks like the photo page of a passport: a cover-coloured band, a photo,
/// lines of text and the machine-readable zone.
fn passport_png(rng: &mut fastrand::Rng) -> Vec<u8> {
    const W: usize = 180;
    const H: usize = 120;
    let band = [[122u8, 28, 38], [20, 60, 110], [24, 90, 60]][rng.usize(0..3)];
    let shade = rng.u8(150..210);
    let mut raw = Vec::with_capacity(H * (1 + W * 3));
    for y in 0..H {
        raw.push(0); // no filter
        for x in 0..W {
            let px = if y < 16 {
                band
            } else if (12..60).contains(&x) && (26..90).contains(&y) {
                [shade, shade - 20, shade - 40]
            } else if x >= 70 && x < 70 + (y * 7 % 90) && (30..84).contains(&y) && y % 10 < 3 {
                [90, 90, 100]
            } else if y >= 98 && y % 8 < 4 && x % 6 < 4 {
                [60, 60, 60]
            } else {
                [246, 240, 226]
            };
            raw.extend_from_slice(&px);
        }
    }
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(W as u32).to_be_bytes());
    ihdr.extend_from_slice(&(H as u32).to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &zlib_stored(&raw));
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = png.len();
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let crc = crc32(&png[start..]);
    png.extend_from_slice(&crc.to_be_bytes());
}

/// zlib without compression (stored blocks): small images need no deflate.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&((b << 16) | a).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, entry) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xedb8_8320
            } else {
                c >> 1
            };
        }
        *entry = c;
    }
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc = table[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_in_either_language_says_what_it_is() {
        assert_eq!(
            FileCategory::guess("Hộ chiếu Nguyễn Văn A.jpg"),
            FileCategory::Passport
        );
        assert_eq!(
            FileCategory::guess("hochieu_scan.png"),
            FileCategory::Passport
        );
        assert_eq!(FileCategory::guess("PASSPORT.pdf"), FileCategory::Passport);
        assert_eq!(FileCategory::guess("Visa Nhật.pdf"), FileCategory::Visa);
        assert_eq!(
            FileCategory::guess("Hợp đồng tour.docx"),
            FileCategory::Contract
        );
        assert_eq!(
            FileCategory::guess("bao-gia-phu-quoc.pdf"),
            FileCategory::Quote
        );
        assert_eq!(
            FileCategory::guess("Hoá đơn VAT.pdf"),
            FileCategory::Invoice
        );
        assert_eq!(FileCategory::guess("IMG_2041.jpg"), FileCategory::Other);
    }

    /// A desk without a file, as a front end that keeps everything in memory would open.
    fn desk_in_memory() -> Desk {
        Desk {
            conn: Connection::open_in_memory().expect("memory"),
            path: None,
            device_id: String::new(),
            origin: Origin::App,
            clock: crate::db::Clock::default(),
            verdict: crate::Verdict::Sound,
            _lock: None,
        }
    }

    #[test]
    fn a_desk_in_memory_refuses_files_with_a_message_and_makes_no_demo_files() {
        let mut desk = desk_in_memory();
        let e = desk
            .add_file(&CustomerId::new(), Path::new("scan.pdf"), None)
            .expect_err("no folder");
        assert_eq!(e.kind(), ErrorKind::NoFilesFolder);
        assert!(e.to_string().contains("no folder to keep files in"), "{e}");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        assert!(demo(&mut desk, today).is_ok());
    }

    #[test]
    fn a_copy_that_fails_halfway_leaves_nothing_in_the_folder() {
        let dir = std::env::temp_dir().join(format!("tripdesk-store-{}", uuid::Uuid::now_v7()));
        let source = Path::new("grown.bin");
        // A file that grew past the limit after it was checked.
        let mut grown = std::io::repeat(1).take(MAX_FILE_BYTES + 1);
        let e = store(&dir, &mut grown, source, true).expect_err("too large");
        assert_eq!(e.kind(), ErrorKind::FileTooLarge);
        // A disk that fails to read halfway.
        struct Broken(u32);
        impl Read for Broken {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += 1;
                if self.0 > 3 {
                    return Err(std::io::Error::other("read error"));
                }
                buf.fill(7);
                Ok(buf.len())
            }
        }
        let e = store(&dir, &mut Broken(0), source, true).expect_err("broken");
        assert_eq!(e.kind(), ErrorKind::FileUnreadable);
        let left: Vec<_> = fs::read_dir(&dir).expect("folder").flatten().collect();
        assert!(left.is_empty(), "{left:?}");
        fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn demo_images_and_documents_are_well_formed() {
        let png = passport_png(&mut fastrand::Rng::with_seed(1));
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(png.ends_with(&[0xae, 0x42, 0x60, 0x82]), "IEND's CRC");
        let doc = pdf(&["HELLO (world)"]);
        let text = String::from_utf8_lossy(&doc);
        assert!(text.starts_with("%PDF-1.4") && text.contains("HELLO \\(world\\)"));
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(text[xref..].starts_with("xref"));
    }
}
