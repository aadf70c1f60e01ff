//! Print and export: a customer's sheet printed (through the system's PDF viewer, which has the
//! preview and the print dialog) or saved as a PDF or a workbook; several customers' sheets in
//! one PDF with progress and a Cancel; the customer list saved as a workbook. The files are made
//! by the desk; here they are only written where she chose, whole or not at all.

use crate::state::{internal, now, AppState};
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_opener::OpenerExt;
use tripdesk::customers::CustomerQuery;
use tripdesk::export::{SheetFile, SheetSettings};
use tripdesk::settings::Language;
use tripdesk::{CustomerId, ErrorDto};

type Reply<T> = Result<T, ErrorDto>;

/// The folder under the system's temporary folder where sheets to print are written.
const PRINT_FOLDER: &str = "tripdesk-print";

/// Set by Cancel; the running export of several sheets looks at it after each sheet.
#[derive(Default)]
pub struct ExportSession {
    cancel: AtomicBool,
}

/// How far the export of several sheets is: sent as the `sheets-progress` event.
#[derive(Clone, Serialize)]
struct Progress {
    done: u32,
    total: u32,
}

/// A customer's sheet as a PDF or as a workbook.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SheetFormat {
    Pdf,
    Xlsx,
}

/// A file saved: where, and how many customers it holds.
#[derive(Debug, Clone, Serialize)]
pub struct Saved {
    path: String,
    count: u32,
}

#[tauri::command(async)]
pub fn sheet_settings(state: State<AppState>) -> Reply<SheetSettings> {
    state.with(|d| d.sheet_settings())
}

/// Remembers her choice of sections and paper; answers it as kept.
#[tauri::command(async)]
pub fn set_sheet_settings(state: State<AppState>, settings: SheetSettings) -> Reply<SheetSettings> {
    state.with(|d| d.set_sheet_settings(&settings))
}

/// Saves a customer's sheet where she chooses (or at `TRIPDESK_SAVE_FILE` in the end-to-end
/// tests), offered as `KH00042 Nguyen Thi Hong.pdf`. Answers the path, or none if she cancelled.
#[tauri::command(async)]
pub fn export_sheet(
    app: AppHandle,
    state: State<AppState>,
    customer_id: CustomerId,
    format: SheetFormat,
    settings: SheetSettings,
) -> Reply<Option<String>> {
    let file = sheet_file(&state, &customer_id, format, &settings)?;
    let Some(path) = crate::import::save_path(&app, &file.name) else {
        return Ok(None);
    };
    tripdesk::export::save(&path, &file.bytes).map_err(|e| e.to_dto())?;
    tracing::info!(path = %path.display(), bytes = file.bytes.len(), "saved a customer sheet");
    Ok(Some(path.display().to_string()))
}

/// A sheet sent to print: its file, and whether the system's viewer took it.
#[derive(Debug, Clone, Serialize)]
pub struct Printed {
    name: String,
    path: String,
    opened: bool,
}

/// Prints a customer's sheet: the PDF is written to a temporary file and opened in the
/// system's viewer, whose preview and print dialog she uses. When no viewer takes it, the
/// answer says so and where the file is.
#[tauri::command(async)]
pub fn print_sheet(
    app: AppHandle,
    state: State<AppState>,
    customer_id: CustomerId,
    settings: SheetSettings,
) -> Reply<Printed> {
    let file = sheet_file(&state, &customer_id, SheetFormat::Pdf, &settings)?;
    let folder = std::env::temp_dir().join(PRINT_FOLDER);
    std::fs::create_dir_all(&folder).map_err(io)?;
    let path = folder.join(&file.name);
    if path.parent() != Some(folder.as_path()) {
        return Err(internal(&format!(
            "the sheet's name leaves its folder: {}",
            file.name
        )));
    }
    tripdesk::export::save(&path, &file.bytes).map_err(|e| e.to_dto())?;
    let opened = match app.opener().open_path(path.to_string_lossy(), None::<&str>) {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!("no viewer opened {}: {e}", path.display());
            false
        }
    };
    Ok(Printed {
        name: file.name,
        path: path.display().to_string(),
        opened,
    })
}

/// Several customers' sheets in one PDF, each on new pages, saved where she chooses. Reports
/// progress as `sheets-progress` events (the first once the file is chosen, then at most every
/// 100 ms); `cancel_sheets` stops it with nothing written. Answers none if she cancelled the
/// save dialog.
#[tauri::command(async)]
pub fn export_sheets_pdf(
    app: AppHandle,
    state: State<AppState>,
    session: State<ExportSession>,
    ids: Vec<CustomerId>,
    settings: SheetSettings,
) -> Reply<Option<Saved>> {
    session.cancel.store(false, Ordering::SeqCst);
    let language = state.with(|d| d.language())?;
    let name = match language {
        Language::Vi => "Phiếu khách hàng.pdf",
        Language::En => "Customer sheets.pdf",
    };
    let Some(path) = crate::import::save_path(&app, name) else {
        return Ok(None);
    };
    let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    emit_progress(&app, 0, total);
    let mut last = Instant::now();
    let mut progress = |done: u32, total: u32| {
        if last.elapsed() >= Duration::from_millis(100) || done == total {
            last = Instant::now();
            emit_progress(&app, done, total);
        }
        !session.cancel.load(Ordering::SeqCst)
    };
    let started = Instant::now();
    let bytes = state.with(|d| d.sheets_pdf(&ids, &settings, now(), &mut progress))?;
    // A Cancel that came after the last sheet still means nothing is written.
    if session.cancel.load(Ordering::SeqCst) {
        return Err(tripdesk::Error::Cancelled.to_dto());
    }
    tripdesk::export::save(&path, &bytes).map_err(|e| e.to_dto())?;
    tracing::info!(
        path = %path.display(),
        customers = total,
        bytes = bytes.len(),
        ms = started.elapsed().as_millis(),
        "saved customer sheets"
    );
    Ok(Some(Saved {
        path: path.display().to_string(),
        count: total,
    }))
}

#[tauri::command(async)]
pub fn cancel_sheets(session: State<ExportSession>) {
    session.cancel.store(true, Ordering::SeqCst);
}

/// Saves the customer list as a workbook where she chooses: the customers `ids`, or when none
/// are given the ones `query` finds (her search and filters), with the list's columns.
#[tauri::command(async)]
pub fn export_customer_list(
    app: AppHandle,
    state: State<AppState>,
    query: CustomerQuery,
    ids: Vec<CustomerId>,
) -> Reply<Option<Saved>> {
    let language = state.with(|d| d.language())?;
    let day = crate::state::today().format("%Y-%m-%d");
    let name = match language {
        Language::Vi => format!("Danh sách khách hàng {day}.xlsx"),
        Language::En => format!("Customer list {day}.xlsx"),
    };
    let Some(path) = crate::import::save_path(&app, &name) else {
        return Ok(None);
    };
    let count = state.with(|d| d.export_customer_list(&path, &query, &ids))?;
    tracing::info!(path = %path.display(), customers = count, "saved the customer list");
    Ok(Some(Saved {
        path: path.display().to_string(),
        count,
    }))
}

fn sheet_file(
    state: &AppState,
    id: &CustomerId,
    format: SheetFormat,
    settings: &SheetSettings,
) -> Reply<SheetFile> {
    state.with(|d| match format {
        SheetFormat::Pdf => d.sheet_pdf(id, settings, now()),
        SheetFormat::Xlsx => d.sheet_xlsx(id, settings, now()),
    })
}

fn emit_progress(app: &AppHandle, done: u32, total: u32) {
    if let Err(e) = app.emit("sheets-progress", Progress { done, total }) {
        tracing::warn!("cannot report the sheets' progress: {e}");
    }
}

fn io(e: std::io::Error) -> ErrorDto {
    tripdesk::Error::from(e).to_dto()
}
