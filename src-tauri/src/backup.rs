//! Backups in the app: made by themselves (every 30 minutes while the data changed, and when
//! she closes the window), on demand from Settings, copied daily to her second folder, and
//! restored in place without a restart. The engine is the core's (`tripdesk::backup`).

use crate::state::{internal, AppState};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, Manager, State, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;
use tripdesk::backup::{self, BackupInfo, BackupsView, Reason, Restored};
use tripdesk::{ErrorDto, ErrorKind};

type Reply<T> = Result<T, ErrorDto>;

/// How often a backup is considered while the app is open (`TRIPDESK_BACKUP_EVERY_SECS`
/// shortens it in tests).
fn every() -> Duration {
    std::env::var("TRIPDESK_BACKUP_EVERY_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(30 * 60))
}

/// One backup at a time, and when the last one was tried.
pub struct Backups {
    running: Mutex<Option<Instant>>,
}

impl Default for Backups {
    fn default() -> Self {
        Backups {
            running: Mutex::new(Some(Instant::now())),
        }
    }
}

/// Makes a backup from the file (outside the desk's lock: she keeps working), then the daily
/// copy to her second folder. `None` when no backup was due.
fn make(app: &AppHandle, reason: Reason, only_if_due: bool) -> Reply<Option<BackupInfo>> {
    let backups = app.state::<Backups>();
    let mut last = backups
        .running
        .lock()
        .map_err(|_| internal("the backup lock was poisoned"))?;
    let state = app.state::<AppState>();
    let (due, second) = state.with(|d| Ok((d.backup_due()?, d.backup_second_folder()?)))?;
    if only_if_due && !due {
        return Ok(None);
    }
    *last = Some(Instant::now());
    let made = backup::create_from_file(&state.path, reason, tripdesk::chrono::Utc::now())
        .map_err(|e| {
            tracing::error!("backup failed: {e}");
            e.to_dto()
        })?;
    let info = made.info(&state.path);
    tracing::info!(path = %info.path, "verified backup");
    if let Some(second) = second {
        match backup::copy_to_second_folder(&state.path, &second, crate::state::today()) {
            Ok(Some(copy)) => tracing::info!(path = %copy.display(), "copied to the second folder"),
            Ok(None) => {}
            Err(e) => {
                tracing::error!("the copy to the second folder failed: {e}");
                app.emit("backup-failed", e.to_dto()).ok();
            }
        }
    }
    app.emit("backups-changed", ()).ok();
    Ok(Some(info))
}

/// Every minute, a backup when 30 minutes have passed since the last and the data changed.
pub fn start_timer(app: AppHandle) {
    let period = every();
    let tick = period.min(Duration::from_secs(60));
    std::thread::spawn(move || loop {
        std::thread::sleep(tick);
        let since = app
            .state::<Backups>()
            .running
            .lock()
            .ok()
            .and_then(|l| *l)
            .map(|t| t.elapsed());
        if since.is_some_and(|s| s < period) {
            continue;
        }
        if let Err(e) = make(&app, Reason::Auto, true) {
            if e.kind != ErrorKind::DbMissing && e.kind != ErrorKind::DbCorrupt {
                app.emit("backup-failed", e).ok();
            }
        }
    });
}

/// When she closes the window: a last backup if the data changed since the last one.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { .. } = event {
        if let Err(e) = make(window.app_handle(), Reason::Close, true) {
            tracing::warn!("no backup at close: {}", e.message);
        }
    }
}

fn view(state: &AppState) -> Reply<BackupsView> {
    let second = state.with(|d| d.backup_second_folder()).unwrap_or_default();
    backup::view(&state.path, second).map_err(|e| e.to_dto())
}

/// The backups of the open file, newest first (also when the file did not open).
#[tauri::command(async)]
pub fn backups_view(state: State<AppState>) -> Reply<BackupsView> {
    view(&state)
}

/// "Back up now".
#[tauri::command(async)]
pub fn backup_now(app: AppHandle) -> Reply<BackupInfo> {
    make(&app, Reason::Manual, false)?.ok_or_else(|| internal("no backup was made"))
}

/// The backup of this file named `name` in its folder; a name from anywhere else is refused,
/// so the window never hands the app a path.
fn named(state: &AppState, name: &str) -> Reply<PathBuf> {
    backup::list(&state.path)
        .map_err(|e| e.to_dto())?
        .into_iter()
        .find(|b| b.name == name)
        .map(|b| PathBuf::from(b.path))
        .ok_or_else(|| ErrorDto {
            kind: ErrorKind::NotFound,
            message: format!("no backup named {name}"),
            field: None,
            value: Some(name.to_owned()),
        })
}

/// Restores a backup in place and reopens the file on it. The file as it was is kept first.
#[tauri::command(async)]
pub fn restore_backup(app: AppHandle, state: State<AppState>, name: String) -> Reply<Restored> {
    let path = named(&state, &name)?;
    let backups = app.state::<Backups>();
    let _one = backups
        .running
        .lock()
        .map_err(|_| internal("the backup lock was poisoned"))?;
    let restored = state.restore(&path)?;
    app.emit("backups-changed", ()).ok();
    Ok(restored)
}

/// The newest verified backup, offered when the file is damaged.
#[tauri::command(async)]
pub fn newest_backup(state: State<AppState>) -> Reply<Option<BackupInfo>> {
    Ok(backup::list(&state.path)
        .map_err(|e| e.to_dto())?
        .into_iter()
        .find(|b| b.verified))
}

/// Picks the second folder with the native dialog (or `TRIPDESK_PICK_FOLDER` in tests).
#[tauri::command(async)]
pub fn choose_second_folder(app: AppHandle, state: State<AppState>) -> Reply<BackupsView> {
    let picked = crate::import::stand_in("TRIPDESK_PICK_FOLDER").or_else(|| {
        app.dialog()
            .file()
            .blocking_pick_folder()
            .and_then(|f| f.into_path().ok())
    });
    if let Some(folder) = picked {
        state.with(|d| d.set_backup_second_folder(Some(&folder)))?;
        if let Err(e) = make(&app, Reason::Auto, true) {
            tracing::warn!("no backup after naming the second folder: {}", e.message);
        }
        if let Err(e) = backup::copy_to_second_folder(&state.path, &folder, crate::state::today()) {
            return Err(e.to_dto());
        }
    }
    view(&state)
}

/// Forgets the second folder (its copies stay where they are).
#[tauri::command(async)]
pub fn clear_second_folder(state: State<AppState>) -> Reply<BackupsView> {
    state.with(|d| d.set_backup_second_folder(None))?;
    view(&state)
}
