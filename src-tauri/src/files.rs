//! A customer's Files tab: add files picked in the native dialog or dropped on the window, list,
//! rename, remove and restore them, and open one in the system's viewer. Paths never come from
//! the UI: the dialog and the window's drop hand them to Rust, and the UI only says "add them".

use crate::state::{internal, AppState};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, DragDropEvent, Emitter, Manager, State, Window, WindowEvent};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use tripdesk::files::{FileCategory, FilePage, FileRecord};
use tripdesk::{CustomerId, ErrorDto, FileId};

type Reply<T> = Result<T, ErrorDto>;

/// The files last dropped on the window, until the UI adds them to a customer.
#[derive(Default)]
pub struct DroppedFiles(Mutex<Vec<PathBuf>>);

/// What the UI hears of files dragged over the window, as the `files-drag` event: `enter` (with
/// how many), `leave`, and `drop` (with their names; the paths stay here).
#[derive(Clone, Serialize)]
struct DragNews {
    kind: &'static str,
    count: usize,
    names: Vec<String>,
}

/// Keeps what is dropped on the window and tells the UI (`.on_window_event` in main.rs).
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    let WindowEvent::DragDrop(drag) = event else {
        return;
    };
    let news = match drag {
        DragDropEvent::Enter { paths, .. } => DragNews {
            kind: "enter",
            count: paths.len(),
            names: vec![],
        },
        DragDropEvent::Leave => DragNews {
            kind: "leave",
            count: 0,
            names: vec![],
        },
        DragDropEvent::Drop { paths, .. } => {
            if let Ok(mut kept) = window.state::<DroppedFiles>().0.lock() {
                kept.clone_from(paths);
            }
            DragNews {
                kind: "drop",
                count: paths.len(),
                names: paths.iter().map(|p| file_name(p)).collect(),
            }
        }
        _ => return,
    };
    if let Err(e) = window.emit("files-drag", news) {
        tracing::warn!("cannot tell the window about dropped files: {e}");
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Asks for files in the system's dialog (several at once) and adds them to her files;
/// nothing when she cancels. `TRIPDESK_PICK_FILES` (paths joined like `PATH`) stands in for
/// the dialog in end-to-end tests.
#[tauri::command(async)]
pub fn pick_customer_files(
    app: AppHandle,
    state: State<AppState>,
    customer_id: CustomerId,
    category: Option<FileCategory>,
) -> Reply<Vec<FileRecord>> {
    let picked: Vec<PathBuf> = match crate::import::stand_in("TRIPDESK_PICK_FILES") {
        Some(list) => std::env::split_paths(list.as_os_str()).collect(),
        None => app
            .dialog()
            .file()
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| f.into_path().ok())
            .collect(),
    };
    if picked.is_empty() {
        return Ok(vec![]);
    }
    state.with(|d| d.add_files(&customer_id, &picked, category))
}

/// Adds the files dropped on the window to her files. The paths never went through the UI.
#[tauri::command(async)]
pub fn add_dropped_files(
    state: State<AppState>,
    dropped: State<DroppedFiles>,
    customer_id: CustomerId,
    category: Option<FileCategory>,
) -> Reply<Vec<FileRecord>> {
    let mut paths = std::mem::take(
        &mut *dropped
            .0
            .lock()
            .map_err(|_| internal("the dropped files lock was poisoned"))?,
    );
    // End-to-end tests cannot drag from a file manager: `TRIPDESK_DROP_FILES` (debug builds)
    // names what a drop would have handed over.
    if paths.is_empty() {
        if let Some(list) = crate::import::stand_in("TRIPDESK_DROP_FILES") {
            paths = std::env::split_paths(list.as_os_str()).collect();
        }
    }
    state.with(|d| d.add_files(&customer_id, &paths, category))
}

/// Forgets a drop she did not want.
#[tauri::command(async)]
pub fn discard_dropped_files(dropped: State<DroppedFiles>) -> Reply<()> {
    dropped
        .0
        .lock()
        .map_err(|_| internal("the dropped files lock was poisoned"))?
        .clear();
    Ok(())
}

#[tauri::command(async)]
pub fn customer_files(
    state: State<AppState>,
    customer_id: CustomerId,
    offset: u32,
    limit: u32,
) -> Reply<FilePage> {
    state.with(|d| d.files(&customer_id, offset, limit))
}

#[tauri::command(async)]
pub fn update_file(
    state: State<AppState>,
    id: FileId,
    name: String,
    category: FileCategory,
) -> Reply<FileRecord> {
    state.with(|d| d.update_file(&id, &name, category))
}

#[tauri::command(async)]
pub fn remove_file(state: State<AppState>, id: FileId) -> Reply<()> {
    state.with(|d| d.remove_file(&id))
}

#[tauri::command(async)]
pub fn restore_file(state: State<AppState>, id: FileId) -> Reply<FileRecord> {
    state.with(|d| d.restore_file(&id))
}

/// Opens a file in the system's viewer: a temporary copy named after the record, with its
/// extension (the stored file has only its hash for a name, and is never handed out). The
/// desk builds the stored path from the record and refuses one outside its files folder.
#[tauri::command(async)]
pub fn open_file(app: AppHandle, state: State<AppState>, id: FileId) -> Reply<()> {
    let path = state.with(|d| d.file_to_open(&id))?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| internal(&format!("cannot open {}: {e}", path.display())))
}
