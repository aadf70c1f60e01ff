//! The charts of a customer's Overview.

use crate::state::AppState;
use tauri::State;
use tripdesk::stats::FollowUpCharts;
use tripdesk::{CustomerId, ErrorDto};

/// Her follow-ups by state and per care method per month, read at the laptop's wall clock.
#[tauri::command(async)]
pub fn followup_charts(
    state: State<AppState>,
    customer: CustomerId,
    months: u32,
) -> Result<FollowUpCharts, ErrorDto> {
    let now = tripdesk::chrono::Local::now().naive_local();
    state.with(|d| d.followup_charts(&customer, months, now))
}
