//! The commands of a customer's Bookings tab: her bookings, their lines and payments.

use crate::state::{today, AppState};
use tauri::State;
use tripdesk::bookings::{Booking, BookingInput, BookingPage, PaymentInput};

use tripdesk::{BookingId, CustomerId, ErrorDto, PaymentId};

type Reply<T> = Result<T, ErrorDto>;

#[tauri::command(async)]
pub fn bookings(
    state: State<AppState>,
    customer_id: CustomerId,
    offset: u32,
    limit: u32,
) -> Reply<BookingPage> {
    state.with(|d| d.bookings(&customer_id, offset, limit))
}

#[tauri::command(async)]
pub fn booking(state: State<AppState>, id: BookingId) -> Reply<Booking> {
    state.with(|d| d.booking(&id))
}

/// Adds a booking to the customer (`id` null) or changes one of hers, lines included.
#[tauri::command(async)]
pub fn save_booking(
    state: State<AppState>,
    customer_id: CustomerId,
    id: Option<BookingId>,
    input: BookingInput,
) -> Reply<Booking> {
    state.with(|d| d.save_booking(&customer_id, id.as_ref(), input, today()))
}

#[tauri::command(async)]
pub fn remove_booking(state: State<AppState>, id: BookingId) -> Reply<()> {
    state.with(|d| d.remove_booking(&id))
}

#[tauri::command(async)]
pub fn restore_booking(state: State<AppState>, id: BookingId) -> Reply<Booking> {
    state.with(|d| d.restore_booking(&id))
}

/// Adds (`id` null) or changes a payment of a booking; `allow_overdraw` once she has confirmed
/// paying more than her prepaid balance.
#[tauri::command(async)]
pub fn save_payment(
    state: State<AppState>,
    booking_id: BookingId,
    id: Option<PaymentId>,
    input: PaymentInput,
    allow_overdraw: bool,
) -> Reply<Booking> {
    state.with(|d| d.save_payment(&booking_id, id.as_ref(), input, allow_overdraw))
}

#[tauri::command(async)]
pub fn remove_payment(state: State<AppState>, id: PaymentId) -> Reply<Booking> {
    state.with(|d| d.remove_payment(&id))
}

#[tauri::command(async)]
pub fn restore_payment(state: State<AppState>, id: PaymentId) -> Reply<Booking> {
    state.with(|d| d.restore_payment(&id))
}
