//! The open file of this window: which file, whether it opened, and why not.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tripdesk::db::OpenMode;
use tripdesk::{Desk, Error, ErrorDto, ErrorKind, Origin};

pub struct AppState {
    pub path: PathBuf,
    /// The desk, or why it is not open (shown by the UI instead of the list).
    pub desk: Mutex<Result<Desk, ErrorDto>>,
    /// Where the app remembers the files it has created, so that one that goes missing is
    /// reported instead of silently replaced by an empty one.
    known_files: PathBuf,
}

impl AppState {
    pub fn open(path: PathBuf, config_dir: &Path) -> AppState {
        let path = std::path::absolute(&path).unwrap_or(path);
        let known_files = config_dir.join("known-files.txt");
        let desk = open(&path, &known_files).map_err(|e| {
            tracing::error!(path = %path.display(), "cannot open the database: {e}");
            e.to_dto()
        });
        AppState {
            path,
            desk: Mutex::new(desk),
            known_files,
        }
    }

    /// Runs `f` on the open desk; an error (or a desk that did not open) comes back as the
    /// UI's error.
    pub fn with<T>(&self, f: impl FnOnce(&mut Desk) -> Result<T, Error>) -> Result<T, ErrorDto> {
        let asked = std::time::Instant::now();
        let mut guard = self
            .desk
            .lock()
            .map_err(|_| internal("the desk lock was poisoned"))?;
        let _timing = Timing {
            what: std::any::type_name::<T>(),
            asked,
            waited: asked.elapsed(),
        };
        match guard.as_mut() {
            Ok(desk) => f(desk).map_err(|e| {
                if e.kind() == ErrorKind::Internal || e.kind() == ErrorKind::Io {
                    tracing::error!("{e}");
                }
                e.to_dto()
            }),
            Err(why) => Err(why.clone()),
        }
    }

    /// Restores `backup` over the file and opens it: through the open desk, or, when the file
    /// did not open (damaged), on the closed file; either way the file as it was is kept first.
    pub fn restore(&self, backup: &Path) -> Result<tripdesk::backup::Restored, ErrorDto> {
        let mut guard = self
            .desk
            .lock()
            .map_err(|_| internal("the desk lock was poisoned"))?;
        if let Ok(desk) = guard.as_mut() {
            return desk.restore(backup).map_err(|e| e.to_dto());
        }
        let restored =
            tripdesk::backup::restore_unopened(&self.path, backup, tripdesk::chrono::Utc::now())
                .map_err(|e| e.to_dto())?;
        *guard = Desk::open_checking_in_background(&self.path, OpenMode::Existing, Origin::App)
            .map_err(|e| e.to_dto());
        Ok(restored)
    }

    /// Creates a new, empty file where the missing one was, after she asked for it.
    pub fn create_anew(&self) -> Result<(), ErrorDto> {
        let mut guard = self
            .desk
            .lock()
            .map_err(|_| internal("the desk lock was poisoned"))?;
        if guard.is_ok() {
            return Ok(());
        }
        let desk = Desk::open(&self.path, OpenMode::Create, Origin::App).map_err(|e| e.to_dto())?;
        remember(&self.known_files, &self.path);
        *guard = Ok(desk);
        Ok(())
    }
}

fn open(path: &Path, known_files: &Path) -> Result<Desk, Error> {
    let known = std::fs::read_to_string(known_files).unwrap_or_default();
    let seen_before = known.lines().any(|l| Path::new(l) == path);
    let mode = if seen_before {
        OpenMode::Existing
    } else {
        OpenMode::Create
    };
    let desk = Desk::open_checking_in_background(path, mode, Origin::App)?;
    if !seen_before {
        remember(known_files, path);
    }
    Ok(desk)
}

fn remember(known_files: &Path, path: &Path) {
    let mut known = std::fs::read_to_string(known_files).unwrap_or_default();
    known.push_str(&format!("{}\n", path.display()));
    if let Some(dir) = known_files.parent() {
        std::fs::create_dir_all(dir).ok();
    }
    if let Err(e) = std::fs::write(known_files, known) {
        tracing::warn!("cannot remember {}: {e}", path.display());
    }
}

/// Logs how long a command waited for the desk and how long it took: at debug level, or as a
/// warning past half a second. `what` names the command by the type it returns.
struct Timing {
    what: &'static str,
    asked: std::time::Instant,
    waited: std::time::Duration,
}

impl Drop for Timing {
    fn drop(&mut self) {
        let total = self.asked.elapsed();
        let (what, waited_ms, total_ms) = (self.what, self.waited.as_millis(), total.as_millis());
        if total.as_millis() > 500 {
            tracing::warn!(what, waited_ms, total_ms, "slow command");
        } else {
            tracing::debug!(what, waited_ms, total_ms, "command");
        }
    }
}

pub fn internal(message: &str) -> ErrorDto {
    ErrorDto {
        kind: ErrorKind::Internal,
        message: message.to_owned(),
        field: None,
        value: None,
    }
}

/// Her day, by the laptop's clock: what dates new codes and derives "expired" and "done".
pub fn today() -> tripdesk::chrono::NaiveDate {
    tripdesk::chrono::Local::now().date_naive()
}

/// Her wall-clock time, by the laptop's clock: what a printed sheet says it was printed at.
pub fn now() -> tripdesk::chrono::NaiveDateTime {
    tripdesk::chrono::Local::now().naive_local()
}
