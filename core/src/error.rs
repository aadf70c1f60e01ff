//! Errors: a rich internal enum, and the small `{kind, message, field?, value?}` that crosses to
//! the UI, which switches on `kind` to say it in the user's language.

use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

/// What went wrong, as the UI branches on it. Never a free string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    Required,
    TooLong,
    InvalidEmail,
    InvalidPhone,
    InvalidDate,
    /// A date written with a two-digit year (`15/03/85`): asked about, never guessed.
    TwoDigitYear,
    DateInFuture,
    /// An end (a task's finish day) before its start.
    EndBeforeStart,
    InvalidFormat,
    CodeTaken,
    /// A customer code that appears on more than one row of a file to import.
    DuplicateInFile,
    UnknownLevel,
    UnknownStaff,
    UnknownCustomer,
    InvalidNumber,
    InvalidChoice,
    InvalidLink,
    InvalidCurrency,
    /// A SWIFT (BIC) code that is not 8 or 11 letters and digits.
    InvalidSwift,
    /// An amount that is not a plain decimal number (`1250000`, `12.50`).
    InvalidAmount,
    /// An amount over `money::MAX_MINOR`, or a total that would not fit.
    AmountTooLarge,
    /// A payment or a top-up of zero or less.
    AmountNotPositive,
    /// A payment from prepaid credit of more than the balance: saved only once she confirms.
    PrepaidOverdraw,
    /// A booking's currency changed while it has payments in the old one.
    HasPayments,
    /// A removed payment in another currency than its booking's now (the Undo of a removal
    /// after the booking's currency changed): it cannot come back.
    CurrencyChanged,
    /// A quote that has a current booking (named by the value): it stays accepted and stays.
    QuoteBooked,
    /// Accepting a quote she set to Rejected: she sets it back to Draft or Sent first.
    QuoteRejected,
    InvalidImage,
    ImageTooLarge,
    NotFound,
    InUse,
    NotAllowed,
    DbMissing,
    DbNewer,
    DbForeign,
    DbLocked,
    DbCorrupt,
    DbNotEmpty,
    /// A file to import that is not what it claims: a broken workbook, binary garbage.
    FileUnreadable,
    FileEmpty,
    FilePasswordProtected,
    /// Over the limits (size, rows, or what it would inflate to).
    FileTooLarge,
    /// A kind of file Tripdesk does not import.
    FileUnsupported,
    /// The import was cancelled; nothing was written.
    Cancelled,
    /// A file she picked or dropped that is not there (any more).
    FileMissing,
    /// A folder where a file was expected.
    NotAFile,
    /// A customer's stored file gone from the `files` folder beside the database.
    StoredFileMissing,
    /// A desk without a file (in memory) has no folder to keep files in.
    NoFilesFolder,
    /// A backup that could not be written or did not verify; older backups are untouched.
    BackupFailed,
    /// The disk is full: the change was not saved, and what was saved before is intact.
    DiskFull,
    Io,
    Internal,
}

/// The error as the UI receives it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorDto {
    pub kind: ErrorKind,
    /// English text, for logs and as the fallback when the UI has no words for `kind`.
    pub message: String,
    /// The field the error belongs next to.
    pub field: Option<String>,
    /// The one value the message names: a path, a code, a count.
    pub value: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{field}: {detail}")]
    Invalid {
        field: String,
        kind: ErrorKind,
        detail: String,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{what} is used by {count} record(s)")]
    InUse { what: &'static str, count: u64 },
    #[error("not allowed: {0}")]
    NotAllowed(String),
    #[error("there is no database file at {}", .0.display())]
    DbMissing(PathBuf),
    #[error("{} was written by a newer Tripdesk (schema {found}; this one reads up to {supported})", path.display())]
    DbNewer {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{} is not a Tripdesk database", .0.display())]
    DbForeign(PathBuf),
    #[error("{} is already open in another Tripdesk window or command", .0.display())]
    DbLocked(PathBuf),
    #[error("{} is damaged: {detail}", path.display())]
    DbCorrupt { path: PathBuf, detail: String },
    #[error("demo data goes into an empty database; {} already has customers", .0.display())]
    DbNotEmpty(PathBuf),
    /// A file to import was refused; `detail` says why, in English, for the log.
    #[error("{}: {detail}", path.display())]
    BadFile {
        path: PathBuf,
        kind: ErrorKind,
        detail: String,
    },
    #[error("cancelled")]
    Cancelled,
    /// The disk holding the file has no room left: the change was not saved.
    #[error("the disk holding {} is full: nothing was saved; free some space and try again", .0.display())]
    DiskFull(PathBuf),
    /// A backup not written, or one that did not verify; `detail` says why, for the log.
    #[error("backup {}: {detail}", path.display())]
    Backup { path: PathBuf, detail: String },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation error on one field.
    pub fn invalid(field: impl Into<String>, kind: ErrorKind, detail: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            kind,
            detail: detail.into(),
        }
    }

    /// A file to import refused, with the reason for the log.
    pub fn bad_file(path: &std::path::Path, kind: ErrorKind, detail: impl Into<String>) -> Self {
        Error::BadFile {
            path: path.to_path_buf(),
            kind,
            detail: detail.into(),
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid { kind, .. } => *kind,
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::InUse { .. } => ErrorKind::InUse,
            Error::NotAllowed(_) => ErrorKind::NotAllowed,
            Error::DbMissing(_) => ErrorKind::DbMissing,
            Error::DbNewer { .. } => ErrorKind::DbNewer,
            Error::DbForeign(_) => ErrorKind::DbForeign,
            Error::DbLocked(_) => ErrorKind::DbLocked,
            Error::DbCorrupt { .. } => ErrorKind::DbCorrupt,
            Error::DbNotEmpty(_) => ErrorKind::DbNotEmpty,
            Error::BadFile { kind, .. } => *kind,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Backup { .. } => ErrorKind::BackupFailed,
            Error::DiskFull(_) => ErrorKind::DiskFull,
            Error::Sqlite(e) if is_corruption(e) => ErrorKind::DbCorrupt,
            Error::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
                ErrorKind::DiskFull
            }
            Error::Io(e) if e.kind() == std::io::ErrorKind::StorageFull => ErrorKind::DiskFull,
            Error::Io(_) => ErrorKind::Io,
            Error::Sqlite(_) | Error::Json(_) => ErrorKind::Internal,
        }
    }

    pub fn to_dto(&self) -> ErrorDto {
        let (field, value) = match self {
            Error::Invalid { field, detail, .. } => (Some(field.clone()), Some(detail.clone())),
            Error::InUse { count, .. } => (None, Some(count.to_string())),
            Error::DbMissing(p)
            | Error::DbForeign(p)
            | Error::DbLocked(p)
            | Error::DbNotEmpty(p)
            | Error::DiskFull(p) => (None, Some(p.display().to_string())),
            Error::DbNewer { path, .. }
            | Error::DbCorrupt { path, .. }
            | Error::BadFile { path, .. }
            | Error::Backup { path, .. } => (None, Some(path.display().to_string())),
            _ => (None, None),
        };
        ErrorDto {
            kind: self.kind(),
            message: self.to_string(),
            field,
            value,
        }
    }
}

impl Error {
    /// A failed write said for what it is when the disk holding `path` has no room left:
    /// SQLite reports some of those as an I/O error (growing its shared-memory file, say).
    pub fn on_full_disk(self, path: &std::path::Path) -> Error {
        let may_be_space = match &self {
            Error::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::SystemIoFailure | rusqlite::ErrorCode::DiskFull)
            ),
            Error::Io(e) => e.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        };
        if may_be_space && no_room_at(path) {
            Error::DiskFull(path.to_path_buf())
        } else {
            self
        }
    }
}

/// Less than 64 KB free where `path` lives (or its folder, for a file not yet there).
#[cfg(unix)]
fn no_room_at(path: &std::path::Path) -> bool {
    let at = if path.exists() {
        path
    } else {
        path.parent().unwrap_or(path)
    };
    // The counts are u32 on some systems and u64 on others.
    #[allow(clippy::unnecessary_cast)]
    nix::sys::statvfs::statvfs(at)
        .map(|s| (s.blocks_available() as u64).saturating_mul(s.fragment_size() as u64) < 64 * 1024)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn no_room_at(_path: &std::path::Path) -> bool {
    false
}

fn is_corruption(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}
