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

async function call<R>(command: string, args?: Record<string, unknown>): Promise<R> {
  try {
    return await invoke<R>(command, args);
  } catch (e) {
    if (isErrorDto(e)) throw new DeskError(e);
    throw new DeskError({ kind: "internal", message: String(e), field: null, value: null });
  }
}

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
};
