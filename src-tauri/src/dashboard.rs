//! The commands of the dashboard: the start page, the calendar's months and days.

use crate::state::AppState;
use tauri::State;
use tripdesk::chrono::{Local, NaiveDate};
use tripdesk::dashboard::Dashboard;
use tripdesk::tasks::CustomerTask;
use tripdesk::ErrorDto;

type Reply<T> = Result<T, ErrorDto>;

/// The dashboard as of her clock now.
#[tauri::command(async)]
pub fn dashboard(state: State<AppState>) -> Reply<Dashboard> {
    let now = Local::now().naive_local();
    state.with(|d| d.dashboard(now.date(), now))
}

/// The days with tasks in the month of `month` (any day of it).
#[tauri::command(async)]
pub fn task_days(state: State<AppState>, month: NaiveDate) -> Reply<Vec<NaiveDate>> {
    state.with(|d| d.task_days(month))
}

#[tauri::command(async)]
pub fn tasks_on(state: State<AppState>, day: NaiveDate) -> Reply<Vec<CustomerTask>> {
    state.with(|d| d.tasks_on(day))
}
