//! Connection setup: where a file may be opened, how it is checked, locked and upgraded.

mod clock;
mod migrate;
mod transact;

pub use clock::Clock;
pub use migrate::{LATEST_VERSION, MIGRATIONS};
pub(crate) use transact::{append_log, values_sql, LogHeader};
pub use transact::{diff, inserted, ChangeOp, Entity, Tx};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a Tripdesk file: 'TRDP'.
pub const APPLICATION_ID: i64 = 0x5452_4450;

/// How a file may be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Open the file, creating it (and its folder) when it does not exist yet.
    Create,
    /// Open a file that must already exist; a missing one is an error, never a new file.
    Existing,
    /// Read without writing, locking or checking the pages; the file must exist and be current.
    ReadOnly,
}

/// When the file's pages are checked (`PRAGMA quick_check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Before `open` returns.
    Now,
    /// On another thread, while she already reads; writes wait for its verdict. A file that
    /// needs a schema upgrade is still checked before the upgrade writes to it.
    Background,
}

/// An open, current database and the lock that makes this process its one writer.
pub struct Opened {
    pub conn: Connection,
    pub path: PathBuf,
    pub lock: Option<File>,
    /// The file has not been checked yet (`Check::Background`).
    pub unchecked: bool,
}

pub fn open(path: &Path, mode: OpenMode, check: Check) -> Result<Opened> {
    open_holding(path, mode, check, None)
}

/// `open`, with the file's lock already held by this process (reopening after a restore).
pub fn open_holding(
    path: &Path,
    mode: OpenMode,
    check: Check,
    held: Option<File>,
) -> Result<Opened> {
    open_inner(path, mode, check, held).map_err(|e| e.on_full_disk(path))
}

fn open_inner(path: &Path, mode: OpenMode, check: Check, held: Option<File>) -> Result<Opened> {
    let exists = path.exists();
    if !exists && mode != OpenMode::Create {
        return Err(Error::DbMissing(path.to_path_buf()));
    }
    if !exists {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
    }
    let path = canonical(path)?;
    let lock = match (mode, held) {
        (OpenMode::ReadOnly, _) => None,
        (_, Some(held)) => Some(held),
        _ => Some(take_lock(&path)?),
    };
    if exists {
        check_header(&path)?;
    }
    let flags = match mode {
        OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        OpenMode::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
        OpenMode::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(&path, flags).map_err(|e| refused(&path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    identify(&conn, &path)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    // A reader writes nothing, and a damaged page fails its read on its own: only a writer
    // waits for the check (or, in the background, has its writes wait). Opening writes only to
    // upgrade the schema or to turn WAL on, and those wait for the check in any case.
    let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    let writes_at_open = version != LATEST_VERSION || !journal.eq_ignore_ascii_case("wal");
    let check_now = mode != OpenMode::ReadOnly && (check == Check::Now || writes_at_open);
    let unchecked = mode != OpenMode::ReadOnly && !check_now;
    if check_now {
        // From a read-only connection, like the check in the background: a writer's
        // `quick_check` also evaluates every CHECK constraint of every row (the change log's
        // JSON above all), four times the work at 100,000 customers. Those are Check
        // database's to verify; this check is of the pages.
        verify(&path)?;
    }
    if mode != OpenMode::ReadOnly {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MB of page cache (SQLite's default is 2 MB): the customers' indexes of a big file,
    // and an import's pages, stay in memory instead of being read back from the log.
    conn.pragma_update(None, "cache_size", -65_536)?;
    // What she erases is overwritten, not left in free pages of the file.
    conn.pragma_update(None, "secure_delete", "ON")?;
    if mode == OpenMode::ReadOnly {
        if version != LATEST_VERSION {
            return Err(Error::NotAllowed(format!(
                "{} must be opened by the app once to upgrade it",
                path.display()
            )));
        }
    } else {
        if version != LATEST_VERSION && version != 0 {
            // Her file as it was, before the upgrade changes it.
            crate::backup::create(
                &conn,
                &path,
                crate::backup::Reason::BeforeUpgrade,
                chrono::Utc::now(),
            )?;
        }
        migrate::run(&mut conn)?;
    }
    Ok(Opened {
        conn,
        path,
        lock,
        unchecked,
    })
}

/// The real location of a file: a symbolic link and the file it points to share one lock.
pub fn canonical(path: &Path) -> Result<PathBuf> {
    if path.exists() {
        return Ok(path.canonicalize()?);
    }
    let name = path
        .file_name()
        .ok_or_else(|| Error::DbMissing(path.to_path_buf()))?;
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.canonicalize()?,
        None => std::env::current_dir()?,
    };
    Ok(dir.join(name))
}

/// The exclusive lock beside the file (`<file>.lock`), held for as long as the file is open.
/// `path` must be the file's real location (symbolic links resolved).
pub fn take_lock(path: &Path) -> Result<File> {
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(lock_path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::DbLocked(path.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// A file that is not SQLite at all is refused before SQLite touches it.
fn check_header(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let mut file = File::open(path)?;
    let read = file.read(&mut header)?;
    if read == 0 {
        return Ok(());
    }
    if read < 16 || &header != b"SQLite format 3\0" {
        return Err(Error::DbForeign(path.to_path_buf()));
    }
    Ok(())
}

/// Ours, empty (new), or refused: another program's file or one from a newer Tripdesk.
fn identify(conn: &Connection, path: &Path) -> Result<()> {
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| refused(path, e))?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| refused(path, e))?;
    if app_id != APPLICATION_ID && !(app_id == 0 && objects == 0) {
        return Err(Error::DbForeign(path.to_path_buf()));
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > LATEST_VERSION {
        return Err(Error::DbNewer {
            path: path.to_path_buf(),
            found: version,
            supported: LATEST_VERSION,
        });
    }
    Ok(())
}

/// A read transaction held across many queries (planning an import looks up every row): one
/// consistent view of the file, and the log's read lock taken once instead of per query.
/// It ends when dropped; inside a transaction already open it does nothing.
pub(crate) struct ReadSnapshot<'c> {
    conn: Option<&'c Connection>,
}

impl<'c> ReadSnapshot<'c> {
    pub(crate) fn begin(conn: &'c Connection) -> Result<ReadSnapshot<'c>> {
        if !conn.is_autocommit() {
            return Ok(ReadSnapshot { conn: None });
        }
        conn.execute_batch("BEGIN DEFERRED")?;
        Ok(ReadSnapshot { conn: Some(conn) })
    }
}

impl Drop for ReadSnapshot<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn {
            // It wrote nothing: ending it cannot lose anything, and cannot fail but on a
            // connection that is gone already.
            conn.execute_batch("ROLLBACK").ok();
        }
    }
}

/// Checks a file's pages from a connection of its own (for `Check::Background`).
pub fn verify(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| refused(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    quick_check(&conn, path)
}

fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| refused(path, e))?;
    if verdict != "ok" {
        return Err(Error::DbCorrupt {
            path: path.to_path_buf(),
            detail: verdict,
        });
    }
    Ok(())
}

/// SQLite's own refusals at open, said in our words.
fn refused(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::DbForeign(path.to_path_buf()),
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::DbCorrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => Error::Sqlite(e),
    }
}
