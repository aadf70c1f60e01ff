//! The commands of a customer's Quotes tab and of the quotes on her Overview (read and written
//! at the laptop's clock: a quote reads as expired from the day after its "valid until").

use crate::state::{today, AppState};
use tauri::State;
use tripdesk::bookings::BookingRef;

use tripdesk::lines::LineInput;
use tripdesk::quotes::{PricedLines, Quote, QuoteInput, QuotePage};
use tripdesk::{CustomerId, ErrorDto, QuoteId};

type Reply<T> = Result<T, ErrorDto>;

#[tauri::command(async)]
pub fn quotes(
    state: State<AppState>,
    customer_id: CustomerId,
    offset: u32,
    limit: u32,
) -> Reply<QuotePage> {
    state.with(|d| d.quotes(&customer_id, today(), offset, limit))
}

#[tauri::command(async)]
pub fn quote(state: State<AppState>, id: QuoteId) -> Reply<Quote> {
    state.with(|d| d.quote(&id, today()))
}

/// Adds a quote (`id` null) or changes one of the customer's, its lines included.
#[tauri::command(async)]
pub fn save_quote(
    state: State<AppState>,
    customer_id: CustomerId,
    id: Option<QuoteId>,
    input: QuoteInput,
) -> Reply<Quote> {
    state.with(|d| d.save_quote(&customer_id, id.as_ref(), input, today()))
}

#[tauri::command(async)]
pub fn remove_quote(state: State<AppState>, id: QuoteId) -> Reply<()> {
    state.with(|d| d.remove_quote(&id))
}

#[tauri::command(async)]
pub fn restore_quote(state: State<AppState>, id: QuoteId) -> Reply<Quote> {
    state.with(|d| d.restore_quote(&id))
}

/// Accepts the quote and makes its booking, in one step.
#[tauri::command(async)]
pub fn accept_quote(state: State<AppState>, id: QuoteId) -> Reply<BookingRef> {
    state.with(|d| d.accept_quote(&id, today()))
}

/// What lines come to, priced by the desk (the quote dialog's running total).
#[tauri::command(async)]
pub fn price_lines(lines: Vec<LineInput>, currency: String) -> Reply<PricedLines> {
    // Pricing reads nothing stored, so it does not wait for the desk.
    tripdesk::quotes::price_lines(&lines, &currency)
        .map(|(amounts, total)| PricedLines { amounts, total })
        .map_err(|e| e.to_dto())
}
