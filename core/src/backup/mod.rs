//! Backups: verified copies of the file in a `backups` folder beside it, thinned as they age,
//! and restoring one in place.
//!
//! A backup is made with SQLite's backup API into a temporary file in the folder, turned into a
//! plain (rollback-journal) file, synced, and verified before it takes its name: opened
//! read-only, `integrity_check` is `ok`, `foreign_key_check` is empty. Its manifest
//! (`<name>.json`, written last) records its SHA-256, the rows of each table, the customers and
//! the attachments it names; a backup without a manifest does not count. Attachments are kept in
//! `backups/files/ab/<sha256>`, content-addressed like the `files` folder: a backup adds only the
//! files the folder lacks.
//!
//! Names are `<file stem>.<YYYYMMDD-HHMMSS>.<reason>.sqlite3` (UTC). Thinning and the list read
//! only names of that form, for this file's stem, in this folder.

pub mod thin;

use crate::error::{Error, ErrorKind, Result};
use crate::files::{self, FILES_FOLDER};
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The folder beside the database that holds its backups.
pub const BACKUPS_FOLDER: &str = "backups";

const EXTENSION: &str = "sqlite3";
/// Where the second folder is remembered (in `meta`: it belongs to this laptop's file).
const SECOND_FOLDER_KEY: &str = "backup_second_folder";
const MANIFEST_FORMAT: u32 = 1;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Every 30 minutes while the app is open and the data changed.
    Auto,
    /// "Back up now", or `tripdesk backup`.
    Manual,
    /// When the app closes.
    Close,
    BeforeImport,
    /// The file as it was before a restore: never thinned.
    BeforeRestore,
    BeforeUpgrade,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Auto,
        Reason::Manual,
        Reason::Close,
        Reason::BeforeImport,
        Reason::BeforeRestore,
        Reason::BeforeUpgrade,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Auto => "auto",
            Reason::Manual => "manual",
            Reason::Close => "close",
            Reason::BeforeImport => "before-import",
            Reason::BeforeRestore => "before-restore",
            Reason::BeforeUpgrade => "before-upgrade",
        }
    }

    fn parse(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// An attachment a backup names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub sha256: String,
    pub size: i64,
}

/// What a verified backup holds: written beside it as `<name>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The backup's file name.
    pub file: String,
    /// UTC, RFC 3339.
    pub time: String,
    pub reason: Reason,
    pub bytes: u64,
    pub sha256: String,
    pub schema: i64,
    /// The newest change in it (the file's clock): a backup is due only when this moved on.
    pub newest_change: Option<String>,
    pub customers: u32,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
    pub attachments: Vec<Attachment>,
    /// Attachments the file names whose bytes were already gone from the `files` folder.
    #[serde(default)]
    pub attachments_missing: Vec<String>,
    pub verified: bool,
}

impl Manifest {
    /// The backup it describes, in the folder of the database at `db`.
    pub fn info(&self, db: &Path) -> BackupInfo {
        BackupInfo {
            path: folder_for(db).join(&self.file).display().to_string(),
            name: self.file.clone(),
            time: self.time.clone(),
            reason: self.reason,
            bytes: self.bytes,
            customers: self.customers,
            verified: self.verified,
        }
    }
}

/// One backup, as the list and the command line show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BackupInfo {
    pub path: String,
    pub name: String,
    /// UTC, RFC 3339.
    pub time: String,
    pub reason: Reason,
    #[ts(type = "number")]
    pub bytes: u64,
    pub customers: u32,
    /// Verified when it was made: it has its manifest.
    pub verified: bool,
}

/// What Settings → Backups shows.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupsView {
    /// The folder the backups are kept in.
    pub folder: String,
    /// The second folder that receives a daily copy, if she named one.
    pub second_folder: Option<String>,
    /// The second folder is named but not there now (a stick not plugged in).
    pub second_missing: bool,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
}

/// The view of the backups of the database at `db`.
pub fn view(db: &Path, second: Option<PathBuf>) -> Result<BackupsView> {
    Ok(BackupsView {
        folder: folder_for(db).display().to_string(),
        second_missing: second.as_ref().is_some_and(|p| !p.is_dir()),
        second_folder: second.map(|p| p.display().to_string()),
        backups: list(db)?,
    })
}

/// The backups folder of the database at `db`.
pub fn folder_for(db: &Path) -> PathBuf {
    beside(db).join(BACKUPS_FOLDER)
}

fn beside(db: &Path) -> &Path {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tripdesk".to_owned())
}

/// A backup's name, parsed: only names of our form are ever listed or thinned.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    at: NaiveDateTime,
    /// 1, or 2, 3, ... for further backups made in the same second.
    seq: u32,
    reason: Reason,
}

fn parse_name(stem: &str, file_name: &str) -> Option<Name> {
    let rest = file_name.strip_prefix(stem)?.strip_prefix('.')?;
    let rest = rest.strip_suffix(EXTENSION)?.strip_suffix('.')?;
    let (stamp, reason) = rest.split_once('.')?;
    // `20261202-143005`, or `20261202-143005-2` for a second backup in the same second.
    let (time, seq) = match (stamp.get(..15), stamp.get(15..)) {
        (Some(time), Some("")) => (time, 1),
        (Some(time), Some(more)) => {
            let n = more.strip_prefix('-')?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            (time, n.parse().ok()?)
        }
        _ => return None,
    };
    let at = NaiveDateTime::parse_from_str(time, "%Y%m%d-%H%M%S").ok()?;
    Some(Name {
        at,
        seq,
        reason: Reason::parse(reason)?,
    })
}

fn manifest_path(backup: &Path) -> PathBuf {
    let mut p = backup.as_os_str().to_owned();
    p.push(".json");
    PathBuf::from(p)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_of(path: &Path) -> Result<(String, u64)> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((hex(&hasher.finalize()), size))
}

fn failed(path: &Path, detail: impl Into<String>) -> Error {
    Error::Backup {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

/// A file being written; removed unless it was kept.
struct Partial(Option<PathBuf>);

impl Drop for Partial {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            fs::remove_file(&path).ok();
            let mut journal = path.into_os_string();
            journal.push("-journal");
            fs::remove_file(journal).ok();
        }
    }
}

/// Makes a verified backup of the open database `conn` (the file at `db`), keeps the
/// attachments it names, then thins the folder. A backup that fails is removed and reported,
/// and nothing older is thinned.
pub fn create(
    conn: &Connection,
    db: &Path,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<Manifest> {
    let folder = folder_for(db);
    fs::create_dir_all(&folder).map_err(|e| failed(&folder, e.to_string()))?;
    let stem = stem(db);
    let name = fresh_name(&folder, &stem, now, reason)?;
    let target = folder.join(&name);
    forget_stale_partials(&folder);
    let partial_path = folder.join(format!(".{name}.partial"));
    let mut partial = Partial(Some(partial_path.clone()));
    copy_database(conn, &partial_path).map_err(|e| failed(&target, e.to_string()))?;
    let (mut manifest, (sha256, bytes)) = checked_and_hashed(&partial_path)?;
    manifest.file = name.clone();
    manifest.time = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    manifest.reason = reason;
    manifest.sha256 = sha256;
    manifest.bytes = bytes;
    manifest.attachments_missing = keep_attachments(db, &folder, &manifest.attachments)?;
    fs::rename(&partial_path, &target).map_err(|e| failed(&target, e.to_string()))?;
    partial.0 = None;
    let written = serde_json::to_vec_pretty(&manifest)?;
    if let Err(e) = crate::export::save(&manifest_path(&target), &written) {
        fs::remove_file(&target).ok();
        return Err(failed(&target, e.to_string()));
    }
    files::sync_folder(&folder)?;
    if let Err(e) = thin_folder(db, Local::now().date_naive()) {
        tracing::warn!("thinning the backups failed: {e}");
    }
    Ok(manifest)
}

/// The name of a new backup made `now`: a second one in the same second, whatever its reason,
/// is numbered after the first, so no name is ever reused.
fn fresh_name(folder: &Path, stem: &str, now: DateTime<Utc>, reason: Reason) -> Result<String> {
    let stamp = now.format("%Y%m%d-%H%M%S").to_string();
    let same_second = scan_folder(folder, stem)?
        .iter()
        .filter(|f| f.name.at.format("%Y%m%d-%H%M%S").to_string() == stamp)
        .map(|f| f.name.seq)
        .max();
    Ok(match same_second {
        None => format!("{stem}.{stamp}.{}.{EXTENSION}", reason.as_str()),
        Some(seq) => format!("{stem}.{stamp}-{}.{}.{EXTENSION}", seq + 1, reason.as_str()),
    })
}

/// Removes what a backup killed mid-way left: `.<name>.partial` files over an hour old (a
/// backup under way elsewhere is younger).
fn forget_stale_partials(folder: &Path) {
    files::forget_stale(folder, |name| {
        name.starts_with('.') && (name.ends_with(".partial") || name.ends_with(".partial-journal"))
    });
}

/// Copies the database page by page into a new file at `to`, then makes that a plain file
/// (rollback journal), so opening it needs nothing beside it.
fn copy_database(conn: &Connection, to: &Path) -> Result<()> {
    let mut out = Connection::open(to)?;
    {
        use rusqlite::backup::{Backup, StepResult};
        let backup = Backup::new(conn, &mut out)?;
        // All pages in one step: one consistent read of the file. Busy or locked only while
        // another connection commits; after 5 s of that it fails.
        let mut waited = 0;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => {}
                _ if waited < 100 => {
                    waited += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => return Err(Error::NotAllowed("the file stayed busy for 5 s".into())),
            }
        }
    }
    out.pragma_update(None, "journal_mode", "DELETE")?;
    out.close().map_err(|(_, e)| e)?;
    File::open(to)?.sync_all()?;
    Ok(())
}

/// `verify_database` and the file's SHA-256 and size, the hash on a thread of its own: the two
/// read the same file at once, each on its own core.
fn checked_and_hashed(path: &Path) -> Result<(Manifest, (String, u64))> {
    std::thread::scope(|scope| {
        let hashing = scope.spawn(|| sha256_of(path));
        let checked = verify_database(path);
        let hashed = hashing
            .join()
            .map_err(|_| failed(path, "hashing it stopped"))?
            .map_err(|e| failed(path, e.to_string()))?;
        Ok((checked?, hashed))
    })
}

/// Opens a database file read-only and checks it whole: its pages, its foreign keys; counts
/// its rows. The caller fills in the name, time, reason and hash.
pub fn verify_database(path: &Path) -> Result<Manifest> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| failed(path, e.to_string()))?;
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql).map_err(|e| failed(path, e.to_string()))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| failed(path, e.to_string()))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| failed(path, e.to_string()))
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| failed(path, e.to_string()))?;
    if app_id != crate::db::APPLICATION_ID {
        return Err(failed(path, "not a Tripdesk database"));
    }
    let integrity = strings("PRAGMA integrity_check")?;
    if integrity != ["ok"] {
        return Err(failed(path, format!("damaged: {}", integrity.join("; "))));
    }
    let orphans = strings(
        "SELECT format('%s row %d points at a missing %s', \"table\", rowid, parent) FROM pragma_foreign_key_check",
    )?;
    if !orphans.is_empty() {
        return Err(failed(path, orphans.join("; ")));
    }
    let schema: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let names = strings(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )?;
    let mut tables = BTreeMap::new();
    for table in names {
        let quoted = table.replace('"', "\"\"");
        let count: i64 =
            conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                r.get(0)
            })?;
        tables.insert(table, u64::try_from(count).unwrap_or(0));
    }
    let customers: u32 = conn
        .query_row(
            "SELECT count(*) FROM customers WHERE erased_at IS NULL",
            [],
            |r| r.get(0),
        )
        .or_else(|_| conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0)))?;
    let newest_change: Option<String> = conn
        .query_row(
            "SELECT (SELECT value FROM meta WHERE key = 'hlc')",
            [],
            |r| r.get(0),
        )
        .unwrap_or(None);
    let attachments = if tables.contains_key("files") {
        let mut stmt =
            conn.prepare("SELECT sha256, max(size) FROM files GROUP BY sha256 ORDER BY sha256")?;
        let rows = stmt.query_map([], |r| {
            Ok(Attachment {
                sha256: r.get(0)?,
                size: r.get(1)?,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    Ok(Manifest {
        format: MANIFEST_FORMAT,
        file: String::new(),
        time: String::new(),
        reason: Reason::Manual,
        bytes: 0,
        sha256: String::new(),
        schema,
        newest_change,
        customers,
        tables,
        attachments,
        attachments_missing: Vec::new(),
        verified: true,
    })
}

/// Copies into `backups/files` the attachments it lacks; returns those the `files` folder
/// lacks too.
fn keep_attachments(db: &Path, folder: &Path, attachments: &[Attachment]) -> Result<Vec<String>> {
    let source = beside(db).join(FILES_FOLDER);
    let kept = folder.join(FILES_FOLDER);
    let mut missing = Vec::new();
    for a in attachments {
        let Some(target) = files::stored_path(&kept, &a.sha256) else {
            continue;
        };
        if fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() as i64 == a.size) {
            continue;
        }
        let Some(from) = files::stored_path(&source, &a.sha256) else {
            continue;
        };
        let Ok(mut bytes) = File::open(&from) else {
            missing.push(a.sha256.clone());
            continue;
        };
        let stored = files::store(&kept, &mut bytes, &from, true)
            .map_err(|e| failed(&target, e.to_string()))?;
        if stored.sha256 != a.sha256 {
            // The file under that hash has changed outside Tripdesk: not the attachment.
            if let Some(wrong) = files::stored_path(&kept, &stored.sha256) {
                remove_read_only(&wrong);
            }
            missing.push(a.sha256.clone());
        }
    }
    Ok(missing)
}

fn remove_read_only(path: &Path) {
    if let Ok(meta) = fs::metadata(path) {
        let mut writable = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        writable.set_readonly(false);
        fs::set_permissions(path, writable).ok();
    }
    fs::remove_file(path).ok();
}

/// One of our backups found in the folder.
#[derive(Debug, Clone)]
struct Found {
    path: PathBuf,
    name: Name,
    manifest: Option<Manifest>,
}

fn scan(db: &Path) -> Result<Vec<Found>> {
    scan_folder(&folder_for(db), &stem(db))
}

/// The backups named for the file `stem` in `folder`, newest first.
fn scan_folder(folder: &Path, stem: &str) -> Result<Vec<Found>> {
    let entries = match fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(name) = parse_name(stem, &file_name) else {
            continue;
        };
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let manifest = fs::read(manifest_path(&path))
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            .filter(|m| m.verified && m.file == file_name);
        out.push(Found {
            path,
            name,
            manifest,
        });
    }
    out.sort_by_key(|f| std::cmp::Reverse((f.name.at, f.name.seq)));
    Ok(out)
}

/// The backups of the database at `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    Ok(scan(db)?
        .into_iter()
        .map(|f| {
            let bytes = f
                .manifest
                .as_ref()
                .map(|m| m.bytes)
                .or_else(|| fs::metadata(&f.path).ok().map(|m| m.len()))
                .unwrap_or(0);
            BackupInfo {
                path: f.path.display().to_string(),
                name: f
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                time: Utc
                    .from_utc_datetime(&f.name.at)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                reason: f.name.reason,
                bytes,
                customers: f.manifest.as_ref().map(|m| m.customers).unwrap_or(0),
                verified: f.manifest.is_some(),
            }
        })
        .collect())
}

/// The newest verified backup's manifest.
pub fn newest(db: &Path) -> Result<Option<Manifest>> {
    Ok(scan(db)?.into_iter().find_map(|f| f.manifest))
}

/// Thins the backups of `db` as they age (see `thin`), then removes the kept attachments no
/// remaining backup names. Returns the backups removed.
pub fn thin_folder(db: &Path, today: chrono::NaiveDate) -> Result<Vec<PathBuf>> {
    thin_in(&folder_for(db), &stem(db), today)
}

fn thin_in(folder: &Path, stem: &str, today: chrono::NaiveDate) -> Result<Vec<PathBuf>> {
    let found = scan_folder(folder, stem)?;
    let aged: Vec<thin::Aged> = found
        .iter()
        .map(|f| thin::Aged {
            at: Utc
                .from_utc_datetime(&f.name.at)
                .with_timezone(&Local)
                .naive_local(),
            verified: f.manifest.is_some(),
            pinned: f.name.reason == Reason::BeforeRestore,
        })
        .collect();
    let gone = thin::to_remove(&aged, today);
    let mut removed = Vec::new();
    for i in gone {
        let path = &found[i].path;
        fs::remove_file(manifest_path(path)).ok();
        fs::remove_file(path)?;
        removed.push(path.clone());
    }
    if !removed.is_empty() {
        forget_unnamed_attachments(folder)?;
    }
    Ok(removed)
}

/// Removes from `<folder>/files` the attachments no manifest left in the folder names. Only
/// names that are a hash, in a folder of two hex digits, are touched.
fn forget_unnamed_attachments(folder: &Path) -> Result<()> {
    let mut named = std::collections::HashSet::new();
    // Every manifest of the folder, whatever its file's stem: attachments are shared.
    for entry in fs::read_dir(folder)?.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            if let Some(m) = fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            {
                named.extend(m.attachments.into_iter().map(|a| a.sha256));
            }
        }
    }
    let kept = folder.join(FILES_FOLDER);
    let Ok(fans) = fs::read_dir(&kept) else {
        return Ok(());
    };
    for fan in fans.flatten() {
        let Ok(entries) = fs::read_dir(fan.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = files::stored_path(&kept, &name).is_some_and(|p| p == entry.path());
            if ours && !named.contains(&name) {
                remove_read_only(&entry.path());
            }
        }
    }
    Ok(())
}

/// Makes a verified backup of the file at `db` from a read-only connection of its own: the app
/// keeps working while it runs (a read sees the file as it was when the copy began).
pub fn create_from_file(db: &Path, reason: Reason, now: DateTime<Utc>) -> Result<Manifest> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| failed(db, e.to_string()))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    create(&conn, db, reason, now)
}

/// Copies the newest verified backup of `db` into `second` (a USB stick, another disk) unless
/// it already holds one made today, then thins it like the first folder. Returns the copy, or
/// `None` when there was nothing to do. A folder that is not there is not created: the stick
/// is not plugged in.
pub fn copy_to_second_folder(
    db: &Path,
    second: &Path,
    today: chrono::NaiveDate,
) -> Result<Option<PathBuf>> {
    if !second.is_dir() {
        return Ok(None);
    }
    let stem = stem(db);
    let made_today = |f: &Found| {
        Utc.from_utc_datetime(&f.name.at)
            .with_timezone(&Local)
            .date_naive()
            == today
    };
    if scan_folder(second, &stem)?
        .iter()
        .any(|f| f.manifest.is_some() && made_today(f))
    {
        return Ok(None);
    }
    let Some(newest) = scan(db)?.into_iter().find(|f| f.manifest.is_some()) else {
        return Ok(None);
    };
    let Some(manifest) = newest.manifest else {
        return Ok(None);
    };
    let target = second.join(&manifest.file);
    let partial_path = second.join(format!(".{}.partial", manifest.file));
    let mut partial = Partial(Some(partial_path.clone()));
    fs::copy(&newest.path, &partial_path).map_err(|e| failed(&target, e.to_string()))?;
    File::open(&partial_path)?.sync_all()?;
    let (sha256, _) = sha256_of(&partial_path)?;
    if sha256 != manifest.sha256 {
        return Err(failed(&target, "the copy differs from the backup"));
    }
    let kept = folder_for(db).join(FILES_FOLDER);
    let there = second.join(FILES_FOLDER);
    for a in &manifest.attachments {
        let (Some(from), Some(to)) = (
            files::stored_path(&kept, &a.sha256),
            files::stored_path(&there, &a.sha256),
        ) else {
            continue;
        };
        if fs::metadata(&to).is_ok_and(|m| m.len() as i64 == a.size) {
            continue;
        }
        if let Ok(mut bytes) = File::open(&from) {
            files::store(&there, &mut bytes, &from, true)
                .map_err(|e| failed(&to, e.to_string()))?;
        }
    }
    fs::rename(&partial_path, &target).map_err(|e| failed(&target, e.to_string()))?;
    partial.0 = None;
    crate::export::save(
        &manifest_path(&target),
        &serde_json::to_vec_pretty(&manifest)?,
    )
    .map_err(|e| failed(&target, e.to_string()))?;
    files::sync_folder(second)?;
    if let Err(e) = thin_in(second, &stem, today) {
        tracing::warn!("thinning the second backup folder failed: {e}");
    }
    Ok(Some(target))
}

/// `restore` for a file nobody has open: takes its lock as the app does (a file open in the
/// app or another command is refused, by its path or through a link) and holds it throughout.
pub fn restore_unopened(db: &Path, backup: &Path, now: DateTime<Utc>) -> Result<Restored> {
    let db = crate::db::canonical(db)?;
    if !db.exists() {
        return Err(Error::DbMissing(db));
    }
    let _lock = crate::db::take_lock(&db)?;
    restore(&db, backup, now)
}

/// Checks a backup before it is restored: its manifest, its hash, its pages and foreign keys,
/// and the attachments it names.
pub fn verify(backup: &Path) -> Result<Manifest> {
    let manifest: Manifest = fs::read(manifest_path(backup))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| failed(backup, "it has no manifest: it was never verified"))?;
    let (checked, (sha256, bytes)) = checked_and_hashed(backup)?;
    if sha256 != manifest.sha256 || bytes != manifest.bytes {
        return Err(failed(
            backup,
            "its bytes changed since it was made (the SHA-256 differs from its manifest)",
        ));
    }
    if checked.schema > crate::db::LATEST_VERSION {
        return Err(failed(backup, "it was made by a newer Tripdesk"));
    }
    if checked.tables != manifest.tables {
        return Err(failed(backup, "its rows differ from its manifest"));
    }
    Ok(manifest)
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Restored {
    /// The backup now in place.
    pub restored: BackupInfo,
    /// The file as it was, kept first (never thinned).
    pub before: Option<BackupInfo>,
}

/// Restores `backup` over the database at `db`, which the caller has locked and has no
/// connection open to. The backup is verified first; the current file is kept as a
/// before-restore backup (verified when it can be, else copied as it is); the backup is copied
/// beside the file, synced, and renamed over it, after the file's log is folded in and removed.
/// A crash at any point leaves either the old file or the restored one.
pub fn restore(db: &Path, backup: &Path, now: DateTime<Utc>) -> Result<Restored> {
    let manifest = verify(backup)?;
    restore_verified(db, backup, &manifest, now)
}

fn restore_verified(
    db: &Path,
    backup: &Path,
    manifest: &Manifest,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let before = keep_current(db, now)?;
    let folder = beside(db);
    let incoming = folder.join(format!(
        ".{}.restoring",
        db.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let mut partial = Partial(Some(incoming.clone()));
    fs::copy(backup, &incoming).map_err(|e| failed(&incoming, e.to_string()))?;
    File::open(&incoming)?.sync_all()?;
    let (sha256, _) = sha256_of(&incoming)?;
    if sha256 != manifest.sha256 {
        return Err(failed(backup, "the copy differs from the backup"));
    }
    for side in ["-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(side);
        match fs::remove_file(PathBuf::from(p)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    fs::rename(&incoming, db)?;
    partial.0 = None;
    files::sync_folder(folder)?;
    bring_back_attachments(db, manifest)?;
    let restored = list(db)?
        .into_iter()
        .find(|b| Path::new(&b.path) == backup)
        .unwrap_or_else(|| BackupInfo {
            path: backup.display().to_string(),
            name: manifest.file.clone(),
            time: manifest.time.clone(),
            reason: manifest.reason,
            bytes: manifest.bytes,
            customers: manifest.customers,
            verified: true,
        });
    Ok(Restored { restored, before })
}

/// Keeps the file as it is before a restore: a verified backup when it reads, else a plain copy
/// of the file and its log (a damaged file is kept too: it may be all there is). Its log is then
/// folded into it, so nothing in it depends on the log.
fn keep_current(db: &Path, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
    if !db.exists() {
        return Ok(None);
    }
    let read = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    );
    let verified = match &read {
        Ok(conn) => create(conn, db, Reason::BeforeRestore, now),
        Err(e) => Err(failed(db, e.to_string())),
    };
    drop(read);
    let kept = match verified {
        Ok(m) => {
            // Sound: its log is folded in, so nothing of it depends on the log.
            if let Ok(conn) = Connection::open(db) {
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                    .ok();
                conn.close().ok();
            }
            folder_for(db).join(m.file)
        }
        Err(e) => {
            // Damaged, or unreadable: never written to; kept as it is, log and all.
            tracing::warn!("the file before the restore did not verify ({e}): kept as it is");
            copy_as_is(db, now)?
        }
    };
    Ok(list(db)?.into_iter().find(|b| Path::new(&b.path) == kept))
}

/// A plain copy of the file (and its log, beside it) under a before-restore name.
fn copy_as_is(db: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let folder = folder_for(db);
    fs::create_dir_all(&folder)?;
    let target = folder.join(fresh_name(&folder, &stem(db), now, Reason::BeforeRestore)?);
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    if wal.exists() {
        let mut to = target.as_os_str().to_owned();
        to.push("-wal");
        fs::copy(&wal, PathBuf::from(to))?;
    }
    fs::copy(db, &target)?;
    File::open(&target)?.sync_all()?;
    files::sync_folder(&folder)?;
    Ok(target)
}

/// Puts back into the `files` folder the attachments of a restored backup it lacks.
fn bring_back_attachments(db: &Path, manifest: &Manifest) -> Result<()> {
    let kept = folder_for(db).join(FILES_FOLDER);
    let live = beside(db).join(FILES_FOLDER);
    for a in &manifest.attachments {
        let Some(target) = files::stored_path(&live, &a.sha256) else {
            continue;
        };
        if fs::metadata(&target).is_ok_and(|m| m.len() as i64 == a.size) {
            continue;
        }
        let Some(from) = files::stored_path(&kept, &a.sha256) else {
            continue;
        };
        if let Ok(mut bytes) = File::open(&from) {
            files::store(&live, &mut bytes, &from, true)?;
        } else {
            tracing::warn!(sha256 = %a.sha256, "an attachment of the backup is not kept");
        }
    }
    Ok(())
}

impl crate::Desk {
    fn backed_up_path(&self) -> Result<&Path> {
        self.path().ok_or_else(|| {
            Error::invalid(
                "backup",
                ErrorKind::NoFilesFolder,
                "a desk in memory has no folder to keep backups in",
            )
        })
    }

    /// Makes a verified backup now (see `create`).
    pub fn backup(&self, reason: Reason) -> Result<BackupInfo> {
        let db = self.backed_up_path()?;
        let manifest = create(&self.conn, db, reason, Utc::now())?;
        Ok(manifest.info(db))
    }

    /// This file's backups, newest first.
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        list(self.backed_up_path()?)
    }

    /// The second folder that receives a daily copy, if she named one.
    pub fn backup_second_folder(&self) -> Result<Option<PathBuf>> {
        Ok(crate::meta_get(&self.conn, SECOND_FOLDER_KEY)?
            .filter(|p| !p.is_empty())
            .map(PathBuf::from))
    }

    /// Names (or, with `None`, forgets) the second folder. It must be an absolute path to a
    /// folder; it need not be there now (a stick that is not plugged in).
    pub fn set_backup_second_folder(&mut self, folder: Option<&Path>) -> Result<()> {
        if let Some(f) = folder {
            if !f.is_absolute() {
                return Err(Error::invalid(
                    "second_folder",
                    ErrorKind::NotAFile,
                    "the second backup folder must be a full path",
                ));
            }
        }
        self.ensure_sound()?;
        let value = folder.map(|f| f.display().to_string()).unwrap_or_default();
        crate::meta_set(&self.conn, SECOND_FOLDER_KEY, &value)
    }

    /// Whether the file holds changes no verified backup has (after a restore, the backup
    /// restored has them all, though the newest backup is the one made before it).
    pub fn backup_due(&self) -> Result<bool> {
        let now: Option<String> = crate::meta_get(&self.conn, "hlc")?;
        let covered = scan(self.backed_up_path()?)?
            .into_iter()
            .filter_map(|f| f.manifest)
            .any(|m| m.newest_change == now);
        Ok(!covered)
    }

    /// Restores `backup` over this file (see `restore`) and opens the result in its place,
    /// holding the file's lock throughout so that no other writer gets in between. A backup
    /// that does not verify changes nothing. Should the file then fail to open, this desk is
    /// left closed: it refuses every write and says so.
    pub fn restore(&mut self, backup: &Path) -> Result<Restored> {
        let path = self.backed_up_path()?.to_path_buf();
        let manifest = verify(backup)?;
        let conn = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        if let Err((conn, e)) = conn.close() {
            self.conn = conn;
            return Err(e.into());
        }
        let lock = self._lock.take();
        let outcome = restore_verified(&path, backup, &manifest, Utc::now());
        match crate::Desk::open_holding(
            &path,
            crate::db::OpenMode::Existing,
            self.origin,
            crate::db::Check::Now,
            lock,
        ) {
            Ok(desk) => *self = desk,
            Err(e) => {
                self.path = None;
                self.verdict = crate::Verdict::Damaged(format!("the file did not reopen: {e}"));
                return Err(e);
            }
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_names_parse() {
        let ok = parse_name("tripdesk", "tripdesk.20261202-143005.auto.sqlite3");
        assert_eq!(
            ok.map(|n| (n.at.to_string(), n.reason)),
            Some(("2026-12-02 14:30:05".to_owned(), Reason::Auto))
        );
        let second = parse_name(
            "tripdesk",
            "tripdesk.20261202-143005-2.before-import.sqlite3",
        );
        assert_eq!(second.map(|n| n.reason), Some(Reason::BeforeImport));
        for other in [
            "tripdesk.sqlite3",
            "other.20261202-143005.auto.sqlite3",
            "tripdesk.20261202-143005.auto.sqlite3.json",
            "tripdesk.20261202-143005.weekly.sqlite3",
            "tripdesk.20261302-143005.auto.sqlite3",
            ".tripdesk.20261202-143005.auto.sqlite3.partial",
            "tripdesk.20261202-143005-x.auto.sqlite3",
            "tripdesk.2026.auto.sqlite3",
        ] {
            assert_eq!(parse_name("tripdesk", other), None, "{other}");
        }
    }
}
