// What the Follow-ups tab and its dialog share: the filter as typed and as sent, the due time
// as typed and as stored, field labels and errors.
import {
  type FollowUp,
  type FollowUpFilter,
  type FollowUpInput,
  type FollowUpState,
  type ListEntry,
} from "../lib/api";
import type { FollowUpRouteFilter } from "../lib/app.svelte";
import { formatDay, parseDay } from "../lib/format";
import { recordFieldLabel } from "../lib/i18n/index.svelte";

/** The filter bar as she fills it: dates as typed (`dd/mm/yyyy`), empty for "all". */
export type FilterForm = {
  keyword: string;
  methodId: string;
  from: string;
  to: string;
  state: FollowUpState | "";
};

export const emptyFilter = (): FilterForm => ({ keyword: "", methodId: "", from: "", to: "", state: "" });

/** The filter the Overview's charts opened the tab with, as the bar shows it. */
export function fromRoute(route: FollowUpRouteFilter | undefined): FilterForm {
  return {
    ...emptyFilter(),
    methodId: route?.method ?? "",
    from: formatDay(route?.from),
    to: formatDay(route?.to),
    state: route?.status ?? "",
  };
}

/** Whether any part of the filter is set. */
export function isFiltered(form: FilterForm): boolean {
  return (
    form.keyword.trim() !== "" || !!form.methodId || !!form.from.trim() || !!form.to.trim() || !!form.state
  );
}

/**
 * The filter as the desk reads it, and which typed dates are not dates (those are left out of
 * the search until she corrects them).
 */
export function toQuery(form: FilterForm): {
  filter: FollowUpFilter;
  invalid: { from: boolean; to: boolean };
} {
  const from = parseDay(form.from);
  const to = parseDay(form.to);
  return {
    filter: {
      keyword: form.keyword.trim() || null,
      method_id: form.methodId || null,
      from: from || null,
      to: to || null,
      state: form.state || null,
    },
    invalid: { from: from === null, to: to === null },
  };
}

/** `9h30`, `9:30`, `0930` → `09:30`; empty for none; `null` for something that is not a time. */
export function parseTime(text: string): string | null {
  const s = text.trim().toLowerCase();
  if (s === "") return "";
  const m = /^(\d{1,2})(?:[:hg.]\s*(\d{2})?|(\d{2}))?$/.exec(s);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? m[3] ?? "0");
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/**
 * The due time as the desk reads it from the date and time she typed: the date as typed (the
 * desk checks it and names the field), with the time when there is one. A date alone is due at
 * the end of that day.
 */
export function dueAt(date: string, time: string): { value: string; error: "" | "time" | "timeNeedsDate" } {
  const day = date.trim();
  const clock = parseTime(time);
  if (clock === null) return { value: "", error: "time" };
  if (clock && !day) return { value: "", error: "timeNeedsDate" };
  return { value: clock ? `${day} ${clock}` : day, error: "" };
}

/** A stored due time (`2026-12-05T09:00`) as the form shows it: `05/12/2026` and `09:00`. */
export function splitDueAt(stored: string | null): { date: string; time: string } {
  if (!stored) return { date: "", time: "" };
  return { date: formatDay(stored.slice(0, 10)), time: stored.slice(11, 16) };
}

/**
 * A follow-up as it is, as an update sends it: Undo puts it back exactly, its done day
 * included (setting the status again would date it today).
 */
export function asInput(f: FollowUp): FollowUpInput {
  return {
    method_id: f.method_id,
    subject: f.subject,
    content: f.content,
    due_at: f.due_at ?? "",
    done_on: f.done_on ?? "",
    result: f.result,
    status: f.status,
    staff_id: f.staff_id,
  };
}

/** The methods she may choose: the current ones, and this follow-up's even if removed since. */
export function methodChoices(current: ListEntry[], f: FollowUp | null): ListEntry[] {
  return f?.method && !current.some((m) => m.id === f.method?.id) ? [...current, f.method] : current;
}

/** The label of a follow-up's field, as the form and the History tab name it. */
export const fieldName = (field: string): string => recordFieldLabel("followup", field);
