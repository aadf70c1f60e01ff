//! The commands the UI invokes. Each one parses, calls `Desk`, and returns: no SQL and no
//! business rule lives here.

use crate::state::{internal, AppState};
use std::time::Instant;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use tripdesk::check::CheckReport;
use tripdesk::currency::Currency;
use tripdesk::customers::{
    Customer, CustomerChange, CustomerList, CustomerQuery, CustomerRow, CustomerView, ErasePreview,
    NewCustomer,
};
use tripdesk::history::HistoryEntry;
use tripdesk::levels::Level;
use tripdesk::settings::{Agency, AgencyInput, CustomField, CustomFieldInput, Language};
use tripdesk::staff::{Staff, StaffInput};
use tripdesk::{
    CustomFieldId, CustomerId, DeskInfo, ErrorDto, ErrorKind, LevelId, Lookups, StaffId,
};

type Reply<T> = Result<T, ErrorDto>;

/// When the process started, for the time-to-ready figure.
pub struct Started(pub Instant);

pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        desk_info,
        create_new_database,
        ui_ready,
        lookups,
        load_demo,
        list_customers,
        search_customers,
        customer_view,
        add_customer,
        update_customer,
        promote_customer,
        archive_customer,
        restore_customer,
        erase_preview,
        erase_customer,
        record_view,
        customer_history,
        add_level,
        rename_level,
        move_level,
        remove_level,
        add_staff,
        update_staff,
        remove_staff,
        agency,
        update_agency,
        agency_logo,
        pick_agency_logo,
        clear_agency_logo,
        set_language,
        add_custom_field,
        update_custom_field,
        remove_custom_field,
        countries,
        currencies,
        check_database,
        open_link,
        crate::import::pick_import_file,
        crate::import::import_fields,
        crate::import::inspect_import,
        crate::import::plan_import,
        crate::import::run_import,
        crate::import::cancel_import,
        crate::import::discard_import,
        crate::import::save_rejected_rows,
        crate::import::save_import_template,
        crate::import::imports,
        crate::import::undo_import_preview,
        crate::import::undo_import,
        crate::files::pick_customer_files,
        crate::files::add_dropped_files,
        crate::files::discard_dropped_files,
        crate::files::customer_files,
        crate::files::update_file,
        crate::files::remove_file,
        crate::files::restore_file,
        crate::files::open_file,
        crate::export::sheet_settings,
        crate::export::set_sheet_settings,
        crate::export::export_sheet,
        crate::export::print_sheet,
        crate::export::export_sheets_pdf,
        crate::export::cancel_sheets,
        crate::export::export_customer_list,
        crate::tasks::add_list_entry,
        crate::tasks::rename_list_entry,
        crate::tasks::move_list_entry,
        crate::tasks::remove_list_entry,
        crate::tasks::restore_list_entry,
        crate::tasks::tasks,
        crate::tasks::add_task,
        crate::tasks::update_task,
        crate::tasks::set_task_status,
        crate::tasks::remove_task,
        crate::tasks::restore_task,
        crate::tasks::attachable_files,
        crate::dashboard::dashboard,
        crate::dashboard::task_days,
        crate::dashboard::tasks_on,
        crate::people::contacts,
        crate::people::add_contact,
        crate::people::update_contact,
        crate::people::make_primary_contact,
        crate::people::remove_contact,
        crate::people::restore_contact,
        crate::people::addresses,
        crate::people::add_address,
        crate::people::update_address,
        crate::people::make_default_address,
        crate::people::remove_address,
        crate::people::restore_address,
        crate::people::bank_accounts,
        crate::people::add_bank_account,
        crate::people::update_bank_account,
        crate::people::make_default_bank_account,
        crate::people::remove_bank_account,
        crate::people::restore_bank_account,
        crate::people::notes,
        crate::people::add_note,
        crate::people::update_note,
        crate::people::remove_note,
        crate::people::restore_note,
        crate::stats::followup_charts,
        crate::followups::followups,
        crate::followups::add_followup,
        crate::followups::update_followup,
        crate::followups::set_followup_status,
        crate::followups::remove_followup,
        crate::followups::restore_followup,
        crate::quotes::quotes,
        crate::quotes::quote,
        crate::quotes::save_quote,
        crate::quotes::remove_quote,
        crate::quotes::restore_quote,
        crate::quotes::accept_quote,
        crate::quotes::price_lines,
        crate::prepaid::agency_accounts,
        crate::prepaid::add_agency_account,
        crate::prepaid::update_agency_account,
        crate::prepaid::move_agency_account,
        crate::prepaid::remove_agency_account,
        crate::prepaid::restore_agency_account,
        crate::prepaid::prepaid,
        crate::prepaid::save_top_up,
        crate::prepaid::remove_top_up,
        crate::prepaid::restore_top_up,
        crate::prepaid::revenue,
        crate::bookings::bookings,
        crate::bookings::booking,
        crate::bookings::save_booking,
        crate::backup::backups_view,
        crate::backup::backup_now,
        crate::backup::restore_backup,
        crate::backup::newest_backup,
        crate::backup::choose_second_folder,
        crate::backup::clear_second_folder,
        crate::bookings::remove_booking,
        crate::bookings::restore_booking,
        crate::bookings::save_payment,
        crate::bookings::remove_payment,
        crate::bookings::restore_payment,
    ]
}

// The file

#[tauri::command(async)]
fn desk_info(state: State<AppState>, started: State<Started>) -> Reply<DeskInfo> {
    tracing::info!(
        ms = started.0.elapsed().as_millis(),
        "the window asks for the file"
    );
    state.with(|d| d.info())
}

#[tauri::command(async)]
fn create_new_database(state: State<AppState>) -> Reply<DeskInfo> {
    state.create_anew()?;
    state.with(|d| d.info())
}

/// The UI shows its first page of customers: logs the time since start, and ends the process
/// when a startup benchmark asked for it (`TRIPDESK_EXIT_WHEN_READY=1`).
#[tauri::command(async)]
fn ui_ready(app: AppHandle, started: State<Started>) {
    let ms = started.0.elapsed().as_millis();
    tracing::info!(ms, "customer list ready");
    if std::env::var_os("TRIPDESK_EXIT_WHEN_READY").is_some() {
        println!("ready_ms={ms}");
        app.exit(0);
    }
}

/// Levels, staff, custom fields, countries and units in use, recently viewed customers.
#[tauri::command(async)]
fn lookups(state: State<AppState>) -> Reply<Lookups> {
    state.with(|d| d.lookups())
}

#[tauri::command(async)]
fn load_demo(state: State<AppState>, customers: u32) -> Reply<DeskInfo> {
    state.with(|d| {
        d.load_demo(customers.min(100_000), chrono_today())?;
        d.info()
    })
}

fn chrono_today() -> tripdesk::chrono::NaiveDate {
    tripdesk::chrono::Local::now().date_naive()
}

// Customers

#[tauri::command(async)]
fn list_customers(state: State<AppState>, query: CustomerQuery) -> Reply<CustomerList> {
    state.with(|d| d.list_customers(&query))
}

#[tauri::command(async)]
fn search_customers(state: State<AppState>, text: String, limit: u32) -> Reply<Vec<CustomerRow>> {
    state.with(|d| d.search_customers(&text, limit))
}

#[tauri::command(async)]
fn customer_view(state: State<AppState>, id: CustomerId) -> Reply<CustomerView> {
    state.with(|d| d.customer_view(&id))
}

#[tauri::command(async)]
fn add_customer(state: State<AppState>, customer: NewCustomer) -> Reply<Customer> {
    state.with(|d| d.add_customer(customer))
}

#[tauri::command(async)]
fn update_customer(
    state: State<AppState>,
    id: CustomerId,
    changes: Vec<CustomerChange>,
) -> Reply<Customer> {
    state.with(|d| d.update_customer(&id, changes))
}

#[tauri::command(async)]
fn promote_customer(state: State<AppState>, id: CustomerId) -> Reply<Customer> {
    state.with(|d| d.promote_customer(&id))
}

#[tauri::command(async)]
fn archive_customer(state: State<AppState>, id: CustomerId) -> Reply<Customer> {
    state.with(|d| d.archive_customer(&id))
}

#[tauri::command(async)]
fn restore_customer(state: State<AppState>, id: CustomerId) -> Reply<Customer> {
    state.with(|d| d.restore_customer(&id))
}

#[tauri::command(async)]
fn erase_preview(state: State<AppState>, id: CustomerId) -> Reply<ErasePreview> {
    state.with(|d| d.erase_preview(&id))
}

#[tauri::command(async)]
fn erase_customer(state: State<AppState>, id: CustomerId) -> Reply<()> {
    state.with(|d| d.erase_customer(&id))
}

#[tauri::command(async)]
fn record_view(state: State<AppState>, id: CustomerId) -> Reply<()> {
    state.with(|d| d.record_view(&id))
}

#[tauri::command(async)]
fn customer_history(state: State<AppState>, id: CustomerId) -> Reply<Vec<HistoryEntry>> {
    state.with(|d| d.customer_history(&id))
}

// Levels

#[tauri::command(async)]
fn add_level(state: State<AppState>, name: String) -> Reply<Level> {
    state.with(|d| d.add_level(&name))
}

#[tauri::command(async)]
fn rename_level(state: State<AppState>, id: LevelId, name: String) -> Reply<Level> {
    state.with(|d| d.rename_level(&id, &name))
}

#[tauri::command(async)]
fn move_level(state: State<AppState>, id: LevelId, up: bool) -> Reply<Vec<Level>> {
    state.with(|d| d.move_level(&id, up))
}

#[tauri::command(async)]
fn remove_level(state: State<AppState>, id: LevelId) -> Reply<()> {
    state.with(|d| d.remove_level(&id))
}

// Staff

#[tauri::command(async)]
fn add_staff(state: State<AppState>, input: StaffInput) -> Reply<Staff> {
    state.with(|d| d.add_staff(input))
}

#[tauri::command(async)]
fn update_staff(state: State<AppState>, id: StaffId, input: StaffInput) -> Reply<Staff> {
    state.with(|d| d.update_staff(&id, input))
}

#[tauri::command(async)]
fn remove_staff(state: State<AppState>, id: StaffId) -> Reply<()> {
    state.with(|d| d.remove_staff(&id))
}

// Settings

#[tauri::command(async)]
fn agency(state: State<AppState>) -> Reply<Agency> {
    state.with(|d| d.agency())
}

#[tauri::command(async)]
fn update_agency(state: State<AppState>, input: AgencyInput) -> Reply<Agency> {
    state.with(|d| d.update_agency(input))
}

/// The logo as a `data:` URL for an `<img>`, or null.
#[tauri::command(async)]
fn agency_logo(state: State<AppState>) -> Reply<Option<String>> {
    use base64::Engine;
    state.with(|d| {
        Ok(d.agency_logo()?.map(|(mime, bytes)| {
            format!(
                "data:{mime};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        }))
    })
}

/// Asks for an image in the system's file dialog and makes it the logo; `None` when she
/// cancels. `TRIPDESK_PICK_FILE` stands in for the dialog in end-to-end tests.
#[tauri::command(async)]
fn pick_agency_logo(app: AppHandle, state: State<AppState>) -> Reply<Option<Agency>> {
    let picked = crate::import::stand_in("TRIPDESK_PICK_FILE").or_else(|| {
        app.dialog()
            .file()
            .add_filter("Image", &["png", "jpg", "jpeg", "webp"])
            .blocking_pick_file()
            .and_then(|f| f.into_path().ok())
    });
    let Some(path) = picked else { return Ok(None) };
    let size = std::fs::metadata(&path).map_err(|e| io_error(&e))?.len();
    if size > tripdesk::settings::MAX_LOGO_BYTES as u64 {
        return Err(tripdesk::Error::invalid(
            "logo",
            ErrorKind::ImageTooLarge,
            (tripdesk::settings::MAX_LOGO_BYTES / 1024).to_string(),
        )
        .to_dto());
    }
    let bytes = std::fs::read(&path).map_err(|e| io_error(&e))?;
    state.with(|d| d.set_agency_logo(&bytes)).map(Some)
}

fn io_error(e: &std::io::Error) -> ErrorDto {
    ErrorDto {
        kind: ErrorKind::Io,
        message: e.to_string(),
        field: None,
        value: None,
    }
}

#[tauri::command(async)]
fn clear_agency_logo(state: State<AppState>) -> Reply<Agency> {
    state.with(|d| d.clear_agency_logo())
}

#[tauri::command(async)]
fn set_language(state: State<AppState>, language: Language) -> Reply<()> {
    state.with(|d| d.set_language(language))
}

#[tauri::command(async)]
fn add_custom_field(state: State<AppState>, input: CustomFieldInput) -> Reply<CustomField> {
    state.with(|d| d.add_custom_field(input))
}

#[tauri::command(async)]
fn update_custom_field(
    state: State<AppState>,
    id: CustomFieldId,
    input: CustomFieldInput,
) -> Reply<CustomField> {
    state.with(|d| d.update_custom_field(&id, input))
}

#[tauri::command(async)]
fn remove_custom_field(state: State<AppState>, id: CustomFieldId) -> Reply<()> {
    state.with(|d| d.remove_custom_field(&id))
}

#[tauri::command]
fn countries() -> Vec<&'static str> {
    tripdesk::settings::COUNTRIES.to_vec()
}

#[tauri::command]
fn currencies() -> Vec<Currency> {
    tripdesk::currency::all()
}

#[tauri::command(async)]
fn check_database(state: State<AppState>) -> Reply<CheckReport> {
    state.with(|d| d.check_and_repair())
}

/// Opens a web, mail or phone link in the system's own application. Nothing else: a link
/// typed into a customer's record is never run as a file or a script.
#[tauri::command(async)]
fn open_link(app: AppHandle, url: String) -> Reply<()> {
    let lower = url.to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !allowed || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(tripdesk::Error::invalid("url", ErrorKind::InvalidLink, url).to_dto());
    }
    app.opener()
        .open_url(&url, None::<&str>)
        .map_err(|e| internal(&format!("cannot open {url}: {e}")))
}
