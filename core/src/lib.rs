//! Tripdesk: the customer desk of a travel agent, over one SQLite file.
//!
//! `Desk` is the whole API. Every front end (the desktop app, the `tripdesk` command line, the
//! tests) opens a `Desk` and calls its methods; mutations go through `transact`, which writes
//! the change log in the same transaction as the change.

pub mod addresses;
pub mod agency_accounts;
pub mod backup;
pub mod banks;
pub mod bindings;
pub mod bookings;
pub mod check;
pub mod codes;
pub mod contacts;
pub mod countries;
pub mod currency;
pub mod customers;
pub mod dashboard;
pub mod dates;
pub mod db;
pub mod demo;
mod demo_money;
pub mod error;
pub mod export;
pub mod files;
pub mod followups;
pub mod history;
pub mod ids;
pub mod import;
pub mod levels;
pub mod lines;
pub mod lists;
pub mod money;
pub mod notes;
pub mod prepaid;
pub mod quotes;
pub mod settings;
pub mod staff;
pub mod stats;
pub mod tasks;
pub mod text;

pub use chrono;
pub use error::{Error, ErrorDto, ErrorKind, Result};
pub use ids::*;

use chrono::{DateTime, Utc};
use db::{Check, Clock, OpenMode, Tx};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Who made a change, as the change log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    App,
    Import,
    Cli,
    Demo,
    Sync,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::App => "app",
            Origin::Import => "import",
            Origin::Cli => "cli",
            Origin::Demo => "demo",
            Origin::Sync => "sync",
        }
    }
}

/// One open Tripdesk file.
pub struct Desk {
    conn: Connection,
    path: Option<PathBuf>,
    device_id: String,
    origin: Origin,
    clock: Clock,
    verdict: Verdict,
    _lock: Option<File>,
}

/// Where the check of the file's pages stands.
pub(crate) enum Verdict {
    Sound,
    Pending(std::thread::JoinHandle<Result<()>>),
    Damaged(String),
}

impl Desk {
    /// Opens (or, with `OpenMode::Create`, creates) the file at `path`, checked and upgraded.
    pub fn open(path: &Path, mode: OpenMode, origin: Origin) -> Result<Desk> {
        Desk::open_with(path, mode, origin, Check::Now)
    }

    /// Opens the file and checks its pages on another thread: she can read at once, and the
    /// first write waits for the check (the app's start, where a second counts).
    pub fn open_checking_in_background(
        path: &Path,
        mode: OpenMode,
        origin: Origin,
    ) -> Result<Desk> {
        Desk::open_with(path, mode, origin, Check::Background)
    }

    fn open_with(path: &Path, mode: OpenMode, origin: Origin, check: Check) -> Result<Desk> {
        Desk::open_holding(path, mode, origin, check, None)
    }

    fn open_holding(
        path: &Path,
        mode: OpenMode,
        origin: Origin,
        check: Check,
        lock: Option<File>,
    ) -> Result<Desk> {
        let opened = db::open_holding(path, mode, check, lock)?;
        let verdict = if opened.unchecked {
            let path = opened.path.clone();
            Verdict::Pending(std::thread::spawn(move || db::verify(&path)))
        } else {
            Verdict::Sound
        };
        Desk::wrap(opened.conn, Some(opened.path), opened.lock, origin, verdict)
            .map_err(|e| e.on_full_disk(path))
    }

    /// Waits for the check of the file's pages, if it is still running; a damaged file is
    /// never written to.
    pub(crate) fn ensure_sound(&mut self) -> Result<()> {
        self.verdict = match std::mem::replace(&mut self.verdict, Verdict::Sound) {
            Verdict::Pending(check) => match check.join() {
                Ok(Ok(())) => Verdict::Sound,
                Ok(Err(e)) => Verdict::Damaged(e.to_string()),
                Err(_) => Verdict::Damaged("the check of the file stopped unexpectedly".into()),
            },
            settled => settled,
        };
        match &self.verdict {
            Verdict::Damaged(detail) => Err(Error::DbCorrupt {
                path: self.path.clone().unwrap_or_default(),
                detail: detail.clone(),
            }),
            _ => Ok(()),
        }
    }

    fn wrap(
        conn: Connection,
        path: Option<PathBuf>,
        lock: Option<File>,
        origin: Origin,
        verdict: Verdict,
    ) -> Result<Desk> {
        let read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
        let mut desk = Desk {
            conn,
            path,
            device_id: String::new(),
            origin,
            clock: Clock::default(),
            verdict,
            _lock: lock,
        };
        desk.device_id = meta_get(&desk.conn, "device_id")?.unwrap_or_default();
        if desk.device_id.is_empty() && !read_only {
            desk.ensure_sound()?;
            desk.device_id = uuid::Uuid::now_v7().to_string();
            meta_set(&desk.conn, "device_id", &desk.device_id)?;
        }
        if !read_only && !customers::rowids_are_dense(&desk.conn)? {
            desk.ensure_sound()?;
            tracing::warn!(
                "customer rows were renumbered outside Tripdesk: rebuilding the search index"
            );
            customers::rebuild_search_index(&desk.conn)?;
        }
        // The newest stamp is kept in `meta`; a file without it is read once.
        let newest = match meta_get(&desk.conn, "hlc")? {
            Some(hlc) => Some(hlc),
            None => desk
                .conn
                .query_row("SELECT max(hlc) FROM change_log", [], |r| r.get(0))?,
        };
        desk.clock = Clock::resume(newest.as_deref());
        Ok(desk)
    }

    /// The file this desk has open (none for an in-memory desk).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// This file's device id, made on first open.
    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// Read access for the areas' query functions.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction; appends its change-log rows (one per record
    /// touched, stamped with this device, origin and a hybrid clock) and commits, or rolls
    /// everything back when `f` fails.
    pub(crate) fn transact<T>(
        &mut self,
        action: &str,
        f: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<T> {
        self.transact_as(self.origin, action, f)
    }

    /// `transact`, with the change log naming another origin (an import run from the app).
    pub(crate) fn transact_as<T>(
        &mut self,
        origin: Origin,
        action: &str,
        f: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<T> {
        self.ensure_sound()?;
        let written = self.transact_unchecked(origin, action, f);
        match (&self.path, written) {
            (Some(path), Err(e)) => Err(e.on_full_disk(path)),
            (_, written) => written,
        }
    }

    fn transact_unchecked<T>(
        &mut self,
        origin: Origin,
        action: &str,
        f: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<T> {
        let now = Utc::now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut work = Tx::new(tx, now);
        let out = f(&mut work)?;
        let (tx, tx_id, pending) = work.into_parts();
        if !pending.is_empty() {
            let at = timestamp(now);
            let header = db::LogHeader {
                tx_id: &tx_id,
                at: &at,
                now_ms: now.timestamp_millis(),
                device_id: &self.device_id,
                origin: origin.as_str(),
                action,
            };
            let hlc = db::append_log(&tx, &header, &mut self.clock, pending)?;
            meta_set(&tx, "hlc", &hlc)?;
        }
        tx.commit()?;
        Ok(out)
    }
}

/// Where the app and the command line look for the file when none is named: `TRIPDESK_DB`,
/// else `tripdesk.sqlite3` in the user's data folder under the app's identifier (the folder
/// Tauri's `app_data_dir` gives, so both front ends open the same file).
pub fn default_db_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TRIPDESK_DB").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join("tripdesk.sqlite3"))
}

/// The app's bundle identifier, which names its data folder.
pub const APP_IDENTIFIER: &str = "vn.tripdesk.desk";

/// Timestamps are stored as UTC text that sorts: `2026-11-23T15:04:05.123Z`.
pub fn timestamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub(crate) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// What the app shows about the open file.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct DeskInfo {
    pub path: String,
    pub customers: u32,
    pub language: settings::Language,
}

impl Desk {
    pub fn info(&self) -> Result<DeskInfo> {
        Ok(DeskInfo {
            path: self
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            customers: self.customer_count()?,
            language: self.language()?,
        })
    }
}

/// Loads, on another thread, what the first customer list would otherwise wait for (the phone
/// numbering plans take ~200 ms to load), so that the app's first page is not slowed by it.
pub fn warm_up() {
    std::thread::spawn(|| customers::display_phone("+84903123456"));
}

/// What every screen names things from, in one call: levels, staff, custom fields, the
/// countries and units in use, and the customers opened last.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct Lookups {
    pub levels: Vec<levels::Level>,
    pub staff: Vec<staff::Staff>,
    pub custom_fields: Vec<settings::CustomField>,
    pub customer_countries: Vec<String>,
    pub units: Vec<String>,
    pub recent: Vec<customers::CustomerRef>,
    pub care_methods: Vec<lists::ListEntry>,
    pub task_types: Vec<lists::ListEntry>,
}

impl Desk {
    pub fn lookups(&self) -> Result<Lookups> {
        Ok(Lookups {
            levels: self.levels()?,
            staff: self.staff()?,
            custom_fields: self.custom_fields()?,
            customer_countries: self.customer_countries()?,
            units: self.assigned_units()?,
            recent: self.recent_customers(RECENT_SHOWN)?,
            care_methods: lists::entries(self.conn(), lists::ListKind::CareMethods)?,
            task_types: lists::entries(self.conn(), lists::ListKind::TaskTypes)?,
        })
    }
}

/// How many recently viewed customers the app shows.
pub const RECENT_SHOWN: u32 = 8;
