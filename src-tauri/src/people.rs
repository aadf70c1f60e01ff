//! The commands of a customer's contacts, addresses, bank accounts and notes.

use crate::state::AppState;
use tauri::State;
use tripdesk::addresses::{Address, AddressInput};
use tripdesk::banks::{BankAccount, BankAccountInput};
use tripdesk::contacts::{Contact, ContactInput};
use tripdesk::notes::{Note, NoteInput};
use tripdesk::{AddressId, BankAccountId, ContactId, CustomerId, ErrorDto, NoteId};

type Reply<T> = Result<T, ErrorDto>;

// Contacts

#[tauri::command(async)]
pub fn contacts(state: State<AppState>, customer: CustomerId) -> Reply<Vec<Contact>> {
    state.with(|d| d.contacts(&customer))
}

#[tauri::command(async)]
pub fn add_contact(
    state: State<AppState>,
    customer: CustomerId,
    input: ContactInput,
) -> Reply<Contact> {
    state.with(|d| d.add_contact(&customer, input))
}

#[tauri::command(async)]
pub fn update_contact(
    state: State<AppState>,
    id: ContactId,
    input: ContactInput,
) -> Reply<Contact> {
    state.with(|d| d.update_contact(&id, input))
}

#[tauri::command(async)]
pub fn make_primary_contact(state: State<AppState>, id: ContactId) -> Reply<Contact> {
    state.with(|d| d.make_primary_contact(&id))
}

#[tauri::command(async)]
pub fn remove_contact(state: State<AppState>, id: ContactId) -> Reply<()> {
    state.with(|d| d.remove_contact(&id))
}

#[tauri::command(async)]
pub fn restore_contact(state: State<AppState>, id: ContactId) -> Reply<Contact> {
    state.with(|d| d.restore_contact(&id))
}

// Addresses

#[tauri::command(async)]
pub fn addresses(state: State<AppState>, customer: CustomerId) -> Reply<Vec<Address>> {
    state.with(|d| d.addresses(&customer))
}

#[tauri::command(async)]
pub fn add_address(
    state: State<AppState>,
    customer: CustomerId,
    input: AddressInput,
) -> Reply<Address> {
    state.with(|d| d.add_address(&customer, input))
}

#[tauri::command(async)]
pub fn update_address(
    state: State<AppState>,
    id: AddressId,
    input: AddressInput,
) -> Reply<Address> {
    state.with(|d| d.update_address(&id, input))
}

#[tauri::command(async)]
pub fn make_default_address(state: State<AppState>, id: AddressId) -> Reply<Address> {
    state.with(|d| d.make_default_address(&id))
}

#[tauri::command(async)]
pub fn remove_address(state: State<AppState>, id: AddressId) -> Reply<()> {
    state.with(|d| d.remove_address(&id))
}

#[tauri::command(async)]
pub fn restore_address(state: State<AppState>, id: AddressId) -> Reply<Address> {
    state.with(|d| d.restore_address(&id))
}

// Bank accounts

#[tauri::command(async)]
pub fn bank_accounts(state: State<AppState>, customer: CustomerId) -> Reply<Vec<BankAccount>> {
    state.with(|d| d.bank_accounts(&customer))
}

#[tauri::command(async)]
pub fn add_bank_account(
    state: State<AppState>,
    customer: CustomerId,
    input: BankAccountInput,
) -> Reply<BankAccount> {
    state.with(|d| d.add_bank_account(&customer, input))
}

#[tauri::command(async)]
pub fn update_bank_account(
    state: State<AppState>,
    id: BankAccountId,
    input: BankAccountInput,
) -> Reply<BankAccount> {
    state.with(|d| d.update_bank_account(&id, input))
}

#[tauri::command(async)]
pub fn make_default_bank_account(state: State<AppState>, id: BankAccountId) -> Reply<BankAccount> {
    state.with(|d| d.make_default_bank_account(&id))
}

#[tauri::command(async)]
pub fn remove_bank_account(state: State<AppState>, id: BankAccountId) -> Reply<()> {
    state.with(|d| d.remove_bank_account(&id))
}

#[tauri::command(async)]
pub fn restore_bank_account(state: State<AppState>, id: BankAccountId) -> Reply<BankAccount> {
    state.with(|d| d.restore_bank_account(&id))
}

// Notes

#[tauri::command(async)]
pub fn notes(state: State<AppState>, customer: CustomerId) -> Reply<Vec<Note>> {
    state.with(|d| d.notes(&customer))
}

#[tauri::command(async)]
pub fn add_note(state: State<AppState>, customer: CustomerId, input: NoteInput) -> Reply<Note> {
    state.with(|d| d.add_note(&customer, input))
}

#[tauri::command(async)]
pub fn update_note(state: State<AppState>, id: NoteId, input: NoteInput) -> Reply<Note> {
    state.with(|d| d.update_note(&id, input))
}

#[tauri::command(async)]
pub fn remove_note(state: State<AppState>, id: NoteId) -> Reply<()> {
    state.with(|d| d.remove_note(&id))
}

#[tauri::command(async)]
pub fn restore_note(state: State<AppState>, id: NoteId) -> Reply<Note> {
    state.with(|d| d.restore_note(&id))
}
