//! The commands of a customer's Tasks tab, and of the lists she edits in Settings (care
//! methods and task types).

use crate::state::{today, AppState};
use tauri::State;
use tripdesk::chrono::NaiveDate;
use tripdesk::lists::{ListEntry, ListKind};
use tripdesk::tasks::{AttachableFile, Task, TaskInput, TaskPage, TaskStatus};
use tripdesk::{CustomerId, ErrorDto, FileId, TaskId};

type Reply<T> = Result<T, ErrorDto>;

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

/// Adds a task with the files to attach to it, all or nothing.
#[tauri::command(async)]
pub fn add_task(
    state: State<AppState>,
    customer_id: CustomerId,
    input: TaskInput,
    file_ids: Vec<FileId>,
) -> Reply<Task> {
    state.with(|d| d.save_task(&customer_id, None, input, &file_ids, today()))
}

/// Changes a task of the customer and leaves exactly `file_ids` attached, all or nothing.
#[tauri::command(async)]
pub fn update_task(
    state: State<AppState>,
    customer_id: CustomerId,
    id: TaskId,
    input: TaskInput,
    file_ids: Vec<FileId>,
) -> Reply<Task> {
    state.with(|d| d.save_task(&customer_id, Some(&id), input, &file_ids, today()))
}

/// `done_on` gives back the day a task was done (the Undo of a reopening); none is today.
#[tauri::command(async)]
pub fn set_task_status(
    state: State<AppState>,
    id: TaskId,
    status: TaskStatus,
    done_on: Option<NaiveDate>,
) -> Reply<Task> {
    state.with(|d| d.set_task_status(&id, status, done_on, today()))
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
pub fn attachable_files(
    state: State<AppState>,
    customer_id: CustomerId,
) -> Reply<Vec<AttachableFile>> {
    state.with(|d| d.attachable_files(&customer_id))
}
