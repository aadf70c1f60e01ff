//! The commands of a customer's Prepaid tab and Revenue card, and of the agency's bank
//! accounts in Settings.

use crate::state::AppState;
use tauri::State;
use tripdesk::agency_accounts::{AgencyAccount, AgencyAccountInput};
use tripdesk::prepaid::{PrepaidView, Revenue, TopUp, TopUpInput};
use tripdesk::{AgencyAccountId, CustomerId, ErrorDto, TopUpId};

type Reply<T> = Result<T, ErrorDto>;

// Prepaid credit, revenue and debt

#[tauri::command(async)]
pub fn prepaid(
    state: State<AppState>,
    customer_id: CustomerId,
    offset: u32,
    limit: u32,
) -> Reply<PrepaidView> {
    state.with(|d| d.prepaid(&customer_id, offset, limit))
}

#[tauri::command(async)]
pub fn save_top_up(
    state: State<AppState>,
    customer_id: CustomerId,
    id: Option<TopUpId>,
    input: TopUpInput,
) -> Reply<TopUp> {
    state.with(|d| d.save_top_up(&customer_id, id.as_ref(), input))
}

#[tauri::command(async)]
pub fn remove_top_up(state: State<AppState>, id: TopUpId) -> Reply<()> {
    state.with(|d| d.remove_top_up(&id))
}

#[tauri::command(async)]
pub fn restore_top_up(state: State<AppState>, id: TopUpId) -> Reply<TopUp> {
    state.with(|d| d.restore_top_up(&id))
}

#[tauri::command(async)]
pub fn revenue(state: State<AppState>, customer_id: CustomerId) -> Reply<Revenue> {
    state.with(|d| d.revenue(&customer_id))
}

// The agency's bank accounts

#[tauri::command(async)]
pub fn agency_accounts(state: State<AppState>) -> Reply<Vec<AgencyAccount>> {
    state.with(|d| d.agency_accounts())
}

#[tauri::command(async)]
pub fn add_agency_account(
    state: State<AppState>,
    input: AgencyAccountInput,
) -> Reply<AgencyAccount> {
    state.with(|d| d.add_agency_account(input))
}

#[tauri::command(async)]
pub fn update_agency_account(
    state: State<AppState>,
    id: AgencyAccountId,
    input: AgencyAccountInput,
) -> Reply<AgencyAccount> {
    state.with(|d| d.update_agency_account(&id, input))
}

#[tauri::command(async)]
pub fn move_agency_account(
    state: State<AppState>,
    id: AgencyAccountId,
    up: bool,
) -> Reply<Vec<AgencyAccount>> {
    state.with(|d| d.move_agency_account(&id, up))
}

#[tauri::command(async)]
pub fn remove_agency_account(state: State<AppState>, id: AgencyAccountId) -> Reply<()> {
    state.with(|d| d.remove_agency_account(&id))
}

#[tauri::command(async)]
pub fn restore_agency_account(state: State<AppState>, id: AgencyAccountId) -> Reply<AgencyAccount> {
    state.with(|d| d.restore_agency_account(&id))
}
