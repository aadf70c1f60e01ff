//! A customer's follow-ups: list with filters, add, edit, one-click status, delete and undo.
//! Read and written at the laptop's wall clock (out of date, done today).

use crate::state::AppState;
use tauri::State;
use tripdesk::chrono::{Local, NaiveDateTime};
use tripdesk::followups::{FollowUp, FollowUpFilter, FollowUpInput, FollowUpPage, FollowUpStatus};
use tripdesk::{CustomerId, ErrorDto, FollowUpId};

type Reply<T> = Result<T, ErrorDto>;

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

#[tauri::command(async)]
pub fn followups(
    state: State<AppState>,
    customer: CustomerId,
    filter: FollowUpFilter,
    offset: u32,
    limit: u32,
) -> Reply<FollowUpPage> {
    state.with(|d| d.followups(&customer, &filter, offset, limit, now()))
}

#[tauri::command(async)]
pub fn add_followup(
    state: State<AppState>,
    customer: CustomerId,
    input: FollowUpInput,
) -> Reply<FollowUp> {
    state.with(|d| d.add_followup(&customer, input, now()))
}

#[tauri::command(async)]
pub fn update_followup(
    state: State<AppState>,
    id: FollowUpId,
    input: FollowUpInput,
) -> Reply<FollowUp> {
    state.with(|d| d.update_followup(&id, input, now()))
}

#[tauri::command(async)]
pub fn set_followup_status(
    state: State<AppState>,
    id: FollowUpId,
    status: FollowUpStatus,
) -> Reply<FollowUp> {
    state.with(|d| d.set_followup_status(&id, status, now()))
}

#[tauri::command(async)]
pub fn remove_followup(state: State<AppState>, id: FollowUpId) -> Reply<()> {
    state.with(|d| d.remove_followup(&id))
}

#[tauri::command(async)]
pub fn restore_followup(state: State<AppState>, id: FollowUpId) -> Reply<FollowUp> {
    state.with(|d| d.restore_followup(&id, now()))
}
