// The desktop shell: opens the file, hands the window to the UI, and answers its commands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod backup;
mod bookings;
mod commands;
mod dashboard;
mod export;
mod files;
mod followups;
mod import;
mod people;
mod prepaid;
mod quotes;
mod state;
mod stats;
mod tasks;

use std::time::Instant;
use tauri::Manager;

fn db_argument() -> Option<std::path::PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(Into::into);
        }
    }
    None
}

/// Without a GPU (no `/dev/dri` render node: a virtual machine, a remote desktop) WebKitGTK's
/// DMA-BUF renderer falls back to a path that takes 100-300 ms a frame; its plain software
/// renderer takes 16 ms. Chosen before GTK starts, and only when she has not chosen herself.
fn choose_renderer() {
    let has_render_node = std::fs::read_dir("/dev/dri")
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    if cfg!(target_os = "linux")
        && !has_render_node
        && std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none()
    {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// Shows the main window in front of the others, unminimised: what opening Tripdesk a second
/// time does instead of starting a second writer on her file.
fn bring_forward(app: &tauri::AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let shown = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    match shown {
        Ok(()) => tracing::info!("Tripdesk was opened again: its open window came forward"),
        Err(e) => tracing::warn!("the open window could not be brought forward: {e}"),
    }
}

fn main() {
    let started = Instant::now();
    choose_renderer();
    tripdesk::warm_up();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TRIPDESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = tauri::Builder::default()
        // First, so that a second launch hands over before anything else starts (the database
        // above all): the window already open comes forward and the second process ends.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            bring_forward(app)
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(commands::Started(started))
        .manage(import::ImportSession::default())
        .manage(files::DroppedFiles::default())
        .manage(export::ExportSession::default())
        .manage(backup::Backups::default())
        .on_window_event(|window, event| {
            files::on_window_event(window, event);
            backup::on_window_event(window, event);
        })
        .setup(move |app| {
            let config_dir = app.path().app_config_dir()?;
            // `--db PATH`, else `TRIPDESK_DB`, else the app's data folder: the same file the
            // command line opens.
            let named = db_argument().or_else(|| {
                std::env::var_os("TRIPDESK_DB")
                    .filter(|p| !p.is_empty())
                    .map(Into::into)
            });
            let path = match named {
                Some(p) => p,
                None => app.path().app_data_dir()?.join("tripdesk.sqlite3"),
            };
            tracing::info!(path = %path.display(), ms = started.elapsed().as_millis(), "opening the database");
            app.manage(state::AppState::open(path, &config_dir));
            tracing::info!(ms = started.elapsed().as_millis(), "database open");
            backup::start_timer(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("tripdesk: the window could not start: {e}");
        std::process::exit(1);
    }
}
