//! The commands of a customer's Tasks tab, and of the lists she edits in Settings (care
//! methods and task types).

use crate::state::AppState;
use tauri::State;
use tripdesk::chrono::{Local, NaiveDate};
use tripdesk::lists::{ListEntry, ListKind};
use tripdesk::tasks::{AttachableFile, Task, TaskInput, TaskPage, TaskStatus};
use tripdesk::{CustomerId, ErrorDto, FileId, TaskId};

type Reply<T> = Result<T, ErrorDto>;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

// Lists

#[tauri::command(async)]
pub fn add_list_entry(state: State<AppState>, kind: ListKind, name: String) -> Reply<ListEntry> {
    state.with(|d| d.add_list_entry(kind, &name))
}

#[tauri::command(async)]
pub fn rename_list_entry(
    state: State<AppState>,
    kind: ListKind,
    id: String,
    name: String,
) -> Reply<ListEntry> {
    state.with(|d| d.rename_list_entry(kind, &id, &name))
}

#[tauri::command(async)]
pub fn move_list_entry(
    state: State<AppState>,
    kind: ListKind,
    id: String,
    up: bool,
) -> Reply<Vec<ListEntry>> {
    state.with(|d| d.move_list_entry(kind, &id, up))
}

#[tauri::command(async)]
pub fn remove_list_entry(state: State<AppState>, kind: ListKind, id: String) -> Reply<()> {
    state.with(|d| d.remove_list_entry(kind, &id))
}

#[tauri::command(async)]
pub fn restore_list_entry(state: State<AppState>, kind: ListKind, id: String) -> Reply<ListEntry> {
    state.with(|d| d.restore_list_entry(kind, &id))
}

// Tasks

#[tauri::command(async)]
pub fn tasks(
    state: State<AppState>,
    customer_id: CustomerId,
    offset: u32,
    limit: u32,
) -> Reply<TaskPage> {
    state.with(|d| d.tasks(&customer_id, offset, limit))
}

#[tauri::command(async)]
pub fn add_task(state: State<AppState>, customer_id: CustomerId, input: TaskInput) -> Reply<Task> {
    state.with(|d| d.add_task(&customer_id, input, today()))
}

#[tauri::command(async)]
pub fn update_task(state: State<AppState>, id: TaskId, input: TaskInput) -> Reply<Task> {
    state.with(|d| d.update_task(&id, input, today()))
}

#[tauri::command(async)]
pub fn set_task_status(state: State<AppState>, id: TaskId, status: TaskStatus) -> Reply<Task> {
    state.with(|d| d.set_task_status(&id, status, today()))
}

#[tauri::command(async)]
pub fn remove_task(state: State<AppState>, id: TaskId) -> Reply<()> {
    state.with(|d| d.remove_task(&id))
}

#[tauri::command(async)]
pub fn restore_task(state: State<AppState>, id: TaskId) -> Reply<Task> {
    state.with(|d| d.restore_task(&id))
}

#[tauri::command(async)]
pub fn attach_file(state: State<AppState>, task_id: TaskId, file_id: FileId) -> Reply<Task> {
    state.with(|d| d.attach_file(&task_id, &file_id))
}

#[tauri::command(async)]
pub fn detach_file(state: State<AppState>, task_id: TaskId, file_id: FileId) -> Reply<Task> {
    state.with(|d| d.detach_file(&task_id, &file_id))
}

#[tauri::command(async)]
pub fn attachable_files(
    state: State<AppState>,
    customer_id: CustomerId,
) -> Reply<Vec<AttachableFile>> {
    state.with(|d| d.attachable_files(&customer_id))
}
