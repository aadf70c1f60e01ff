// The desktop shell: opens the file, hands the window to the UI, and answers its commands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use std::time::Instant;
use tauri::Manager;

fn main() {
    let started = Instant::now();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TRIPDESK_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(commands::Started(started))
        .setup(|app| {
            let config_dir = app.path().app_config_dir()?;
            let path = match tripdesk::default_db_path() {
                Some(p) if std::env::var_os("TRIPDESK_DB").is_some() => p,
                _ => app.path().app_data_dir()?.join("tripdesk.sqlite3"),
            };
            tracing::info!(path = %path.display(), "opening the database");
            app.manage(state::AppState::open(path, &config_dir));
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("tripdesk: the window could not start: {e}");
        std::process::exit(1);
    }
}
