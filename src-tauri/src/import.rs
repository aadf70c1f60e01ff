//! The import wizard's commands: pick a file, look at it, plan it, run the plan with progress
//! and a Cancel, save the rows left out, and undo a past import. The engine is the core's;
//! this keeps only what lives between two steps of the wizard (the plan, the rows left out).

use crate::state::{internal, AppState};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_dialog::DialogExt;
use tripdesk::import::columns::BUILT_IN;
use tripdesk::import::{
    FileChoice, FileSummary, ImportField, ImportPlan, ImportRecord, ImportReport, ImportSetup,
    Preview, RejectedRows, UndoPreview,
};
use tripdesk::settings::Language;
use tripdesk::ErrorDto;

type Reply<T> = Result<T, ErrorDto>;

/// What the wizard carries between its steps.
#[derive(Default)]
pub struct ImportSession {
    /// The file and the plan made of it (the preview she sees), ready to run.
    planned: Mutex<Option<(PathBuf, ImportPlan)>>,
    /// The rows the last import left out, until she saves them or starts another import.
    rejected: Mutex<Option<(String, RejectedRows)>>,
    /// Set by Cancel; the running import looks at it between rows.
    cancel: AtomicBool,
}

/// How far the running import is: sent as the `import-progress` event.
#[derive(Clone, Serialize)]
struct Progress {
    done: u64,
    total: u64,
}

/// The file she picks, from the native dialog (or `TRIPDESK_PICK_IMPORT`, which the
/// end-to-end tests set because they cannot drive a native dialog).
#[tauri::command(async)]
pub fn pick_import_file(app: AppHandle) -> Option<String> {
    let picked = stand_in("TRIPDESK_PICK_IMPORT").or_else(|| {
        app.dialog()
            .file()
            .add_filter(
                "Excel, OpenDocument, CSV",
                &["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
            )
            .blocking_pick_file()
            .and_then(|f| f.into_path().ok())
    });
    picked.map(|p| p.display().to_string())
}

/// The fields a column can fill, in the order the wizard offers them: the built-in ones, then
/// her custom fields.
#[tauri::command(async)]
pub fn import_fields(state: State<AppState>) -> Reply<Vec<ImportField>> {
    state.with(|d| {
        let mut fields = BUILT_IN.to_vec();
        fields.extend(
            d.custom_fields()?
                .into_iter()
                .map(|f| ImportField::Custom(f.id.to_string())),
        );
        Ok(fields)
    })
}

#[tauri::command(async)]
pub fn inspect_import(
    state: State<AppState>,
    path: String,
    choice: FileChoice,
) -> Reply<FileSummary> {
    state.with(|d| d.inspect_import(&PathBuf::from(path), &choice))
}

/// Plans the import (nothing is written) and keeps the plan for `run_import`.
#[tauri::command(async)]
pub fn plan_import(
    state: State<AppState>,
    session: State<ImportSession>,
    path: String,
    setup: ImportSetup,
) -> Reply<Preview> {
    let path = PathBuf::from(path);
    let plan = state.with(|d| d.plan_import(&path, &setup))?;
    let preview = plan.preview.clone();
    *lock(&session.planned)? = Some((path, plan));
    // A Cancel from before belongs to an import that is over.
    session.cancel.store(false, Ordering::SeqCst);
    Ok(preview)
}

/// Runs the plan she saw, reporting progress as `import-progress` events (at most every
/// 100 ms); `cancel_import` stops it with nothing written.
#[tauri::command(async)]
pub fn run_import(
    app: AppHandle,
    state: State<AppState>,
    session: State<ImportSession>,
) -> Reply<ImportReport> {
    let Some((path, plan)) = lock(&session.planned)?.take() else {
        return Err(internal("there is no planned import to run"));
    };
    *lock(&session.rejected)? = None;
    let file_stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last: Option<Instant> = None;
    let mut progress = |done: u64, total: u64| {
        if last.is_none_or(|at| at.elapsed() >= Duration::from_millis(100)) || done == total {
            last = Some(Instant::now());
            if let Err(e) = app.emit("import-progress", Progress { done, total }) {
                tracing::warn!("cannot report the import's progress: {e}");
            }
        }
        !session.cancel.load(Ordering::SeqCst)
    };
    let imported = state.with(|d| d.run_import(&path, plan, &mut progress))?;
    tracing::info!(
        created = imported.report.created,
        updated = imported.report.updated,
        skipped = imported.report.skipped,
        errors = imported.report.errors,
        "imported {}",
        path.display()
    );
    if !imported.rejected.is_empty() {
        *lock(&session.rejected)? = Some((file_stem, imported.rejected));
    }
    Ok(imported.report)
}

#[tauri::command(async)]
pub fn cancel_import(session: State<ImportSession>) {
    session.cancel.store(true, Ordering::SeqCst);
}

/// Lets go of a plan she walked away from (it holds the rows it read).
#[tauri::command(async)]
pub fn discard_import(session: State<ImportSession>) -> Reply<()> {
    *lock(&session.planned)? = None;
    Ok(())
}

/// Saves the rows the last import left out, each with its reason, where she chooses (or at
/// `TRIPDESK_SAVE_FILE` in the end-to-end tests). Answers the path, or none if she cancelled.
#[tauri::command(async)]
pub fn save_rejected_rows(
    app: AppHandle,
    state: State<AppState>,
    session: State<ImportSession>,
) -> Reply<Option<String>> {
    let guard = lock(&session.rejected)?;
    let Some((stem, rows)) = guard.as_ref() else {
        return Err(internal("there are no rejected rows to save"));
    };
    let language = state.with(|d| d.language())?;
    let name = match language {
        Language::Vi => format!("{stem} - dòng chưa nhập.xlsx"),
        Language::En => format!("{stem} - rows not imported.xlsx"),
    };
    let Some(path) = save_path(&app, &name) else {
        return Ok(None);
    };
    rows.write_xlsx(&path).map_err(|e| e.to_dto())?;
    Ok(Some(path.display().to_string()))
}

/// Saves the import template (her fields, headers in her language, an example row) where she
/// chooses. Answers the path, or none if she cancelled.
#[tauri::command(async)]
pub fn save_import_template(app: AppHandle, state: State<AppState>) -> Reply<Option<String>> {
    let language = state.with(|d| d.language())?;
    let name = match language {
        Language::Vi => "Mẫu nhập khách hàng.xlsx",
        Language::En => "Customer import template.xlsx",
    };
    let Some(path) = save_path(&app, name) else {
        return Ok(None);
    };
    state.with(|d| d.write_import_template(&path, language))?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn imports(state: State<AppState>) -> Reply<Vec<ImportRecord>> {
    state.with(|d| d.imports())
}

#[tauri::command(async)]
pub fn undo_import_preview(state: State<AppState>, id: String) -> Reply<UndoPreview> {
    state.with(|d| d.undo_import_preview(&id))
}

#[tauri::command(async)]
pub fn undo_import(state: State<AppState>, id: String) -> Reply<UndoPreview> {
    state.with(|d| d.undo_import(&id))
}

/// Where to save a file named `name`: the native save dialog (offering the name's kind, Excel
/// or PDF), or `TRIPDESK_SAVE_FILE`.
pub fn save_path(app: &AppHandle, name: &str) -> Option<PathBuf> {
    let (kind, extension) = if name.to_lowercase().ends_with(".pdf") {
        ("PDF", "pdf")
    } else {
        ("Excel", "xlsx")
    };
    stand_in("TRIPDESK_SAVE_FILE").or_else(|| {
        app.dialog()
            .file()
            .set_file_name(name)
            .add_filter(kind, &[extension])
            .blocking_save_file()
            .and_then(|f| f.into_path().ok())
            // A name typed without its extension gets the one of the kind offered.
            .map(|p| {
                if p.extension().is_none() {
                    p.with_extension(extension)
                } else {
                    p
                }
            })
    })
}

/// The path a test names in place of a native dialog's answer: in debug builds only, which
/// the end-to-end tests drive; a release build always asks her.
pub fn stand_in(variable: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(variable).map(PathBuf::from)
    } else {
        None
    }
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>, ErrorDto> {
    m.lock()
        .map_err(|_| internal("the import session lock was poisoned"))
}
