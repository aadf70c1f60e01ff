// The one place that calls `invoke`: a typed function per command of the desktop shell.
import { invoke } from "@tauri-apps/api/core";
import type * as T from "./types";

export type * from "./types";

/** An error from the desk, as the shell sends it: `kind` says what went wrong. */
export class DeskError extends Error {
  readonly dto: T.ErrorDto;
  constructor(dto: T.ErrorDto) {
    super(dto.message);
    this.dto = dto;
  }
}

function isErrorDto(e: unknown): e is T.ErrorDto {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Told when the desk answers that the file is damaged, whichever call found it out. */
let damaged: (dto: T.ErrorDto) => void = () => {};

/** The window's answer to a damaged file: it shows why, and offers the newest backup. */
export function whenDamaged(handler: (dto: T.ErrorDto) => void) {
  damaged = handler;
}

async function call<R>(command: string, args?: Record<string, unknown>): Promise<R> {
  try {
    return await invoke<R>(command, args);
  } catch (e) {
    if (isErrorDto(e) && e.kind === "dbCorrupt") damaged(e);
    if (isErrorDto(e)) throw new DeskError(e);
    throw new DeskError({ kind: "internal", message: String(e), field: null, value: null });
  }
}

/** A file saved where she chose, and how many customers it holds. */
export type SavedFile = { path: string; count: number };
/** A sheet sent to print: its file, and whether the system's viewer took it. */
export type PrintedSheet = { name: string; path: string; opened: boolean };

export const api = {
  deskInfo: () => call<T.DeskInfo>("desk_info"),
  createNewDatabase: () => call<T.DeskInfo>("create_new_database"),
  uiReady: () => call<void>("ui_ready"),
  lookups: () => call<T.Lookups>("lookups"),
  loadDemo: (customers: number) => call<T.DeskInfo>("load_demo", { customers }),

  listCustomers: (query: T.CustomerQuery) => call<T.CustomerList>("list_customers", { query }),
  searchCustomers: (text: string, limit: number) =>
    call<T.CustomerRow[]>("search_customers", { text, limit }),
  customerView: (id: T.CustomerId) => call<T.CustomerView>("customer_view", { id }),
  addCustomer: (customer: T.NewCustomer) => call<T.Customer>("add_customer", { customer }),
  updateCustomer: (id: T.CustomerId, changes: T.CustomerChange[]) =>
    call<T.Customer>("update_customer", { id, changes }),
  promoteCustomer: (id: T.CustomerId) => call<T.Customer>("promote_customer", { id }),
  archiveCustomer: (id: T.CustomerId) => call<T.Customer>("archive_customer", { id }),
  restoreCustomer: (id: T.CustomerId) => call<T.Customer>("restore_customer", { id }),
  erasePreview: (id: T.CustomerId) => call<T.ErasePreview>("erase_preview", { id }),
  eraseCustomer: (id: T.CustomerId) => call<void>("erase_customer", { id }),
  recordView: (id: T.CustomerId) => call<void>("record_view", { id }),
  customerHistory: (id: T.CustomerId) => call<T.HistoryEntry[]>("customer_history", { id }),

  addLevel: (name: string) => call<T.Level>("add_level", { name }),
  renameLevel: (id: T.LevelId, name: string) => call<T.Level>("rename_level", { id, name }),
  moveLevel: (id: T.LevelId, up: boolean) => call<T.Level[]>("move_level", { id, up }),
  removeLevel: (id: T.LevelId) => call<void>("remove_level", { id }),

  addStaff: (input: T.StaffInput) => call<T.Staff>("add_staff", { input }),
  updateStaff: (id: T.StaffId, input: T.StaffInput) => call<T.Staff>("update_staff", { id, input }),
  removeStaff: (id: T.StaffId) => call<void>("remove_staff", { id }),

  agency: () => call<T.Agency>("agency"),
  updateAgency: (input: T.AgencyInput) => call<T.Agency>("update_agency", { input }),
  agencyLogo: () => call<string | null>("agency_logo"),
  pickAgencyLogo: () => call<T.Agency | null>("pick_agency_logo"),
  clearAgencyLogo: () => call<T.Agency>("clear_agency_logo"),
  setLanguage: (language: T.Language) => call<void>("set_language", { language }),
  addCustomField: (input: T.CustomFieldInput) => call<T.CustomField>("add_custom_field", { input }),
  updateCustomField: (id: T.CustomFieldId, input: T.CustomFieldInput) =>
    call<T.CustomField>("update_custom_field", { id, input }),
  removeCustomField: (id: T.CustomFieldId) => call<void>("remove_custom_field", { id }),
  countries: () => call<string[]>("countries"),
  currencies: () => call<T.Currency[]>("currencies"),
  checkDatabase: () => call<T.CheckReport>("check_database"),
  backupsView: () => call<T.BackupsView>("backups_view"),
  backupNow: () => call<T.BackupInfo>("backup_now"),
  restoreBackup: (name: string) => call<T.Restored>("restore_backup", { name }),
  newestBackup: () => call<T.BackupInfo | null>("newest_backup"),
  chooseSecondFolder: () => call<T.BackupsView>("choose_second_folder"),
  clearSecondFolder: () => call<T.BackupsView>("clear_second_folder"),
  openLink: (url: string) => call<void>("open_link", { url }),

  pickImportFile: () => call<string | null>("pick_import_file"),
  importFields: () => call<T.ImportField[]>("import_fields"),
  inspectImport: (path: string, choice: T.FileChoice) =>
    call<T.FileSummary>("inspect_import", { path, choice }),
  planImport: (path: string, setup: T.ImportSetup) => call<T.Preview>("plan_import", { path, setup }),
  runImport: () => call<T.ImportReport>("run_import"),
  cancelImport: () => call<void>("cancel_import"),
  discardImport: () => call<void>("discard_import"),
  saveRejectedRows: () => call<string | null>("save_rejected_rows"),
  saveImportTemplate: () => call<string | null>("save_import_template"),
  imports: () => call<T.ImportRecord[]>("imports"),
  undoImportPreview: (id: string) => call<T.UndoPreview>("undo_import_preview", { id }),
  undoImport: (id: string) => call<T.UndoPreview>("undo_import", { id }),

  // Tasks, the lists she edits in Settings (care methods, task types), and the dashboard
  addListEntry: (kind: T.ListKind, name: string) => call<T.ListEntry>("add_list_entry", { kind, name }),
  renameListEntry: (kind: T.ListKind, id: string, name: string) =>
    call<T.ListEntry>("rename_list_entry", { kind, id, name }),
  moveListEntry: (kind: T.ListKind, id: string, up: boolean) =>
    call<T.ListEntry[]>("move_list_entry", { kind, id, up }),
  removeListEntry: (kind: T.ListKind, id: string) => call<void>("remove_list_entry", { kind, id }),
  restoreListEntry: (kind: T.ListKind, id: string) => call<T.ListEntry>("restore_list_entry", { kind, id }),
  tasks: (customerId: T.CustomerId, offset: number, limit: number) =>
    call<T.TaskPage>("tasks", { customerId, offset, limit }),
  /** Adds a task with `fileIds` attached, all or nothing. */
  addTask: (customerId: T.CustomerId, input: T.TaskInput, fileIds: T.FileId[]) =>
    call<T.Task>("add_task", { customerId, input, fileIds }),
  /** Changes a task and leaves exactly `fileIds` attached, all or nothing. */
  updateTask: (customerId: T.CustomerId, id: T.TaskId, input: T.TaskInput, fileIds: T.FileId[]) =>
    call<T.Task>("update_task", { customerId, id, input, fileIds }),
  /** `doneOn` gives back the day it was done (the Undo of a reopening); none is today. */
  setTaskStatus: (id: T.TaskId, status: T.TaskStatus, doneOn: string | null = null) =>
    call<T.Task>("set_task_status", { id, status, doneOn }),
  removeTask: (id: T.TaskId) => call<void>("remove_task", { id }),
  restoreTask: (id: T.TaskId) => call<T.Task>("restore_task", { id }),
  attachableFiles: (customerId: T.CustomerId) => call<T.AttachableFile[]>("attachable_files", { customerId }),
  dashboard: () => call<T.Dashboard>("dashboard"),
  taskDays: (month: string) => call<string[]>("task_days", { month }),
  tasksOn: (day: string) => call<T.CustomerTask[]>("tasks_on", { day }),

  // People: a customer's contacts, addresses, bank accounts and notes
  contacts: (customer: T.CustomerId) => call<T.Contact[]>("contacts", { customer }),
  addContact: (customer: T.CustomerId, input: T.ContactInput) =>
    call<T.Contact>("add_contact", { customer, input }),
  updateContact: (id: T.ContactId, input: T.ContactInput) => call<T.Contact>("update_contact", { id, input }),
  makePrimaryContact: (id: T.ContactId) => call<T.Contact>("make_primary_contact", { id }),
  removeContact: (id: T.ContactId) => call<void>("remove_contact", { id }),
  restoreContact: (id: T.ContactId) => call<T.Contact>("restore_contact", { id }),
  addresses: (customer: T.CustomerId) => call<T.Address[]>("addresses", { customer }),
  addAddress: (customer: T.CustomerId, input: T.AddressInput) =>
    call<T.Address>("add_address", { customer, input }),
  updateAddress: (id: T.AddressId, input: T.AddressInput) => call<T.Address>("update_address", { id, input }),
  makeDefaultAddress: (id: T.AddressId) => call<T.Address>("make_default_address", { id }),
  removeAddress: (id: T.AddressId) => call<void>("remove_address", { id }),
  restoreAddress: (id: T.AddressId) => call<T.Address>("restore_address", { id }),
  bankAccounts: (customer: T.CustomerId) => call<T.BankAccount[]>("bank_accounts", { customer }),
  addBankAccount: (customer: T.CustomerId, input: T.BankAccountInput) =>
    call<T.BankAccount>("add_bank_account", { customer, input }),
  updateBankAccount: (id: T.BankAccountId, input: T.BankAccountInput) =>
    call<T.BankAccount>("update_bank_account", { id, input }),
  makeDefaultBankAccount: (id: T.BankAccountId) => call<T.BankAccount>("make_default_bank_account", { id }),
  removeBankAccount: (id: T.BankAccountId) => call<void>("remove_bank_account", { id }),
  restoreBankAccount: (id: T.BankAccountId) => call<T.BankAccount>("restore_bank_account", { id }),
  notes: (customer: T.CustomerId) => call<T.Note[]>("notes", { customer }),
  addNote: (customer: T.CustomerId, input: T.NoteInput) => call<T.Note>("add_note", { customer, input }),
  updateNote: (id: T.NoteId, input: T.NoteInput) => call<T.Note>("update_note", { id, input }),
  removeNote: (id: T.NoteId) => call<void>("remove_note", { id }),
  restoreNote: (id: T.NoteId) => call<T.Note>("restore_note", { id }),

  // Files (a customer's stored files; paths stay in Rust: the dialog and the window's drop)
  customerFiles: (customerId: T.CustomerId, offset: number, limit: number) =>
    call<T.FilePage>("customer_files", { customerId, offset, limit }),
  pickCustomerFiles: (customerId: T.CustomerId, category: T.FileCategory | null) =>
    call<T.FileRecord[]>("pick_customer_files", { customerId, category }),
  addDroppedFiles: (customerId: T.CustomerId, category: T.FileCategory | null) =>
    call<T.FileRecord[]>("add_dropped_files", { customerId, category }),
  discardDroppedFiles: () => call<void>("discard_dropped_files"),
  updateFile: (id: T.FileId, name: string, category: T.FileCategory) =>
    call<T.FileRecord>("update_file", { id, name, category }),
  removeFile: (id: T.FileId) => call<void>("remove_file", { id }),
  restoreFile: (id: T.FileId) => call<T.FileRecord>("restore_file", { id }),
  openFile: (id: T.FileId) => call<void>("open_file", { id }),

  // Print and export: a customer's sheet (PDF, Excel), several sheets in one PDF, the list
  sheetSettings: () => call<T.SheetSettings>("sheet_settings"),
  setSheetSettings: (settings: T.SheetSettings) => call<T.SheetSettings>("set_sheet_settings", { settings }),
  /** Saves a customer's sheet through the save dialog: its path, or null if she cancelled. */
  exportSheet: (customerId: T.CustomerId, format: "pdf" | "xlsx", settings: T.SheetSettings) =>
    call<string | null>("export_sheet", { customerId, format, settings }),
  /** Opens a customer's sheet in the system's PDF viewer (preview, print): the file, and
   * whether a viewer took it. */
  printSheet: (customerId: T.CustomerId, settings: T.SheetSettings) =>
    call<PrintedSheet>("print_sheet", { customerId, settings }),
  /** Several sheets in one PDF, with `sheets-progress` events; null if she cancelled the dialog. */
  exportSheetsPdf: (ids: T.CustomerId[], settings: T.SheetSettings) =>
    call<SavedFile | null>("export_sheets_pdf", { ids, settings }),
  cancelSheets: () => call<void>("cancel_sheets"),
  /** The customers `ids`, or none for those `query` finds, as a workbook with the list's columns. */
  exportCustomerList: (query: T.CustomerQuery, ids: T.CustomerId[]) =>
    call<SavedFile | null>("export_customer_list", { query, ids }),

  // Charts (the Overview's follow-ups by state and care level)
  followupCharts: (customer: T.CustomerId, months: number) =>
    call<T.FollowUpCharts>("followup_charts", { customer, months }),

  // Follow-ups: a customer's care steps (read and written at the laptop's clock)
  followups: (customer: T.CustomerId, filter: T.FollowUpFilter, offset: number, limit: number) =>
    call<T.FollowUpPage>("followups", { customer, filter, offset, limit }),
  addFollowup: (customer: T.CustomerId, input: T.FollowUpInput) =>
    call<T.FollowUp>("add_followup", { customer, input }),
  updateFollowup: (id: T.FollowUpId, input: T.FollowUpInput) =>
    call<T.FollowUp>("update_followup", { id, input }),
  setFollowupStatus: (id: T.FollowUpId, status: T.FollowUpStatus) =>
    call<T.FollowUp>("set_followup_status", { id, status }),
  removeFollowup: (id: T.FollowUpId) => call<void>("remove_followup", { id }),
  restoreFollowup: (id: T.FollowUpId) => call<T.FollowUp>("restore_followup", { id }),

  // Quotes: a customer's priced offers (read at the laptop's clock: "expired" is derived)
  quotes: (customerId: T.CustomerId, offset: number, limit: number) =>
    call<T.QuotePage>("quotes", { customerId, offset, limit }),
  quote: (id: T.QuoteId) => call<T.Quote>("quote", { id }),
  /** Adds a quote (`id` null) or changes one, its lines included. */
  saveQuote: (customerId: T.CustomerId, id: T.QuoteId | null, input: T.QuoteInput) =>
    call<T.Quote>("save_quote", { customerId, id, input }),
  removeQuote: (id: T.QuoteId) => call<void>("remove_quote", { id }),
  restoreQuote: (id: T.QuoteId) => call<T.Quote>("restore_quote", { id }),
  /** Accepts a quote and makes its booking in one step. */
  acceptQuote: (id: T.QuoteId) => call<T.BookingRef>("accept_quote", { id }),
  /** What lines come to, priced by the desk (the dialog's running total). */
  priceLines: (lines: T.LineInput[], currency: string) =>
    call<T.PricedLines>("price_lines", { lines, currency }),

  // Prepaid: a customer's credit, her revenue and debt; the agency's bank accounts (Settings)
  prepaid: (customerId: T.CustomerId, offset: number, limit: number) =>
    call<T.PrepaidView>("prepaid", { customerId, offset, limit }),
  /** Adds a top-up (`id` null) or changes one. */
  saveTopUp: (customerId: T.CustomerId, id: T.TopUpId | null, input: T.TopUpInput) =>
    call<T.TopUp>("save_top_up", { customerId, id, input }),
  removeTopUp: (id: T.TopUpId) => call<void>("remove_top_up", { id }),
  restoreTopUp: (id: T.TopUpId) => call<T.TopUp>("restore_top_up", { id }),
  revenue: (customerId: T.CustomerId) => call<T.Revenue>("revenue", { customerId }),
  agencyAccounts: () => call<T.AgencyAccount[]>("agency_accounts"),
  addAgencyAccount: (input: T.AgencyAccountInput) => call<T.AgencyAccount>("add_agency_account", { input }),
  updateAgencyAccount: (id: T.AgencyAccountId, input: T.AgencyAccountInput) =>
    call<T.AgencyAccount>("update_agency_account", { id, input }),
  moveAgencyAccount: (id: T.AgencyAccountId, up: boolean) =>
    call<T.AgencyAccount[]>("move_agency_account", { id, up }),
  removeAgencyAccount: (id: T.AgencyAccountId) => call<void>("remove_agency_account", { id }),
  restoreAgencyAccount: (id: T.AgencyAccountId) => call<T.AgencyAccount>("restore_agency_account", { id }),

  // Bookings: a customer's bookings, their lines and payments (paid and remaining from the desk)
  bookings: (customerId: T.CustomerId, offset: number, limit: number) =>
    call<T.BookingPage>("bookings", { customerId, offset, limit }),
  booking: (id: T.BookingId) => call<T.Booking>("booking", { id }),
  /** Adds a booking (`id` null) or changes one, its lines included. */
  saveBooking: (customerId: T.CustomerId, id: T.BookingId | null, input: T.BookingInput) =>
    call<T.Booking>("save_booking", { customerId, id, input }),
  removeBooking: (id: T.BookingId) => call<void>("remove_booking", { id }),
  restoreBooking: (id: T.BookingId) => call<T.Booking>("restore_booking", { id }),
  /** Adds a payment (`id` null) or changes one; `allowOverdraw` once she confirmed paying more
   * than her prepaid balance. Returns the booking as it now stands. */
  savePayment: (
    bookingId: T.BookingId,
    id: T.PaymentId | null,
    input: T.PaymentInput,
    allowOverdraw = false,
  ) => call<T.Booking>("save_payment", { bookingId, id, input, allowOverdraw }),
  removePayment: (id: T.PaymentId) => call<T.Booking>("remove_payment", { id }),
  restorePayment: (id: T.PaymentId) => call<T.Booking>("restore_payment", { id }),
};
