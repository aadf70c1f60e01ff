// What the whole window shares: the open file, the lookups every screen names things from
// (levels, staff, custom fields), the current screen, and the toasts.
import {
  api,
  type CustomField,
  type CustomerId,
  type CustomerRef,
  type DeskInfo,
  type Level,
  type ListEntry,
  type Staff,
} from "./api";
import { t, hasMessage } from "./i18n/index.svelte";

/** The tabs of a customer's page, in the order they show. */
export const customerTabs = [
  "overview",
  "contacts",
  "followups",
  "bookings",
  "quotes",
  "tasks",
  "files",
  "banks",
  "notes",
  "prepaid",
  "history",
] as const;
export type CustomerTab = (typeof customerTabs)[number];

/** What the Follow-ups tab opens filtered by (a slice or a point of the Overview's charts). */
export type FollowUpRouteFilter = {
  status?: "unfulfilled" | "processing" | "finish" | "out_of_date";
  method?: string;
  /** `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
};

export type Route =
  | { name: "dashboard" }
  | { name: "customers" }
  | {
      name: "customer";
      id: CustomerId;
      tab: CustomerTab;
      filter?: FollowUpRouteFilter;
      /** A record of the tab to open at once (a quote or a booking clicked on the Overview). */
      open?: string;
    }
  | { name: "settings" }
  | { name: "import" };

export const app = $state({
  info: null as DeskInfo | null,
  route: { name: "dashboard" } as Route,
  levels: [] as Level[],
  staff: [] as Staff[],
  customFields: [] as CustomField[],
  countries: [] as string[],
  customerCountries: [] as string[],
  /** Groups and units in use, offered for "assigned to" with the staff's names. */
  units: [] as string[],
  recent: [] as CustomerRef[],
  careMethods: [] as ListEntry[],
  taskTypes: [] as ListEntry[],
  /** Bumped after any change to customers, so that the list reloads what it shows. */
  customersVersion: 0,
  /** Long work (an import) holds the window: navigation waits until it ends. */
  busy: false,
  /** Bumped when the file was put back from a backup: every screen is built again. */
  fileVersion: 0,
});

export function go(route: Route) {
  app.route = route;
}

export async function refreshLookups() {
  const lookups = await api.lookups();
  Object.assign(app, {
    levels: lookups.levels,
    staff: lookups.staff,
    customFields: lookups.custom_fields,
    customerCountries: lookups.customer_countries,
    units: lookups.units,
    recent: lookups.recent,
    careMethods: lookups.care_methods,
    taskTypes: lookups.task_types,
  });
}

/** Something about customers changed: the list, the counts and the lookups follow. */
export async function customersChanged() {
  app.customersVersion += 1;
  app.info = await api.deskInfo();
  await refreshLookups();
}

/** The file was put back from a backup: everything shown is read again, from the start page. */
export async function reopen() {
  app.info = await api.deskInfo();
  await refreshLookups();
  app.customersVersion += 1;
  app.fileVersion += 1;
  go({ name: app.info.customers === 0 ? "customers" : "dashboard" });
}

export function levelLabel(level: Level | undefined): string {
  if (!level) return "";
  if (level.name) return level.name;
  const key = `level.${level.key}`;
  return hasMessage(key) ? t(key) : level.key;
}

export function levelById(id: string | null | undefined): Level | undefined {
  return app.levels.find((l) => l.id === id);
}

export function staffName(id: string | null | undefined): string {
  const member = app.staff.find((s) => s.id === id);
  if (!member) return "";
  return member.removed ? t("staff.removedName", { name: member.name }) : member.name;
}

export function customerFieldName(id: string): string | undefined {
  return app.customFields.find((f) => f.id === id)?.name;
}

// Toasts: short notices, some with an Undo.

export type Toast = { id: number; text: string; error: boolean; undo?: () => Promise<void> };

export const toasts = $state({ items: [] as Toast[] });
let nextToast = 1;

export function notify(text: string, options: { error?: boolean; undo?: () => Promise<void> } = {}) {
  const toast: Toast = { id: nextToast++, text, error: options.error ?? false, undo: options.undo };
  toasts.items.push(toast);
  setTimeout(() => dismiss(toast.id), options.undo ? 8000 : options.error ? 8000 : 4000);
}

export function dismiss(id: number) {
  toasts.items = toasts.items.filter((t) => t.id !== id);
}

// One confirmation at a time, answered in the Confirm dialog.

export const confirmation = $state({ text: "", open: false, answer: (() => {}) as (yes: boolean) => void });

/** Asks her to confirm `text`; resolves true when she does. */
export function ask(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    confirmation.text = text;
    confirmation.answer = (yes: boolean) => {
      confirmation.open = false;
      resolve(yes);
    };
    confirmation.open = true;
  });
}

/** The name of a care method or task type: hers, or the built-in one's in the UI's language. */
export function listEntryLabel(entry: ListEntry | undefined, prefix: "careMethod" | "taskType"): string {
  if (!entry) return "";
  if (entry.name) return entry.name;
  const key = `${prefix}.${entry.key}`;
  return hasMessage(key) ? t(key) : entry.key;
}
