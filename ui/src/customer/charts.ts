// The pure side of the Overview's charts: colors, month labels and ranges, and what a click opens.
import type { FollowUpCharts, FollowUpState } from "../lib/api";
import type { FollowUpRouteFilter } from "../lib/app.svelte";

/** The ranges she can choose for the care chart, in months. */
export const chartRanges = [6, 12, 24] as const;

/**
 * One color and one print pattern per state: the colors read apart on screen, the patterns on
 * a black-and-white printout. The Follow-ups tab marks its items in the same colors.
 */
export const stateStyle: Record<
  FollowUpState,
  { color: string; pattern: "solid" | "stripes" | "dots" | "cross" }
> = {
  unfulfilled: { color: "#94a3b8", pattern: "solid" },
  processing: { color: "#f59e0b", pattern: "stripes" },
  finish: { color: "#16a34a", pattern: "dots" },
  out_of_date: { color: "#b91c1c", pattern: "cross" },
};

const patternIds = { stripes: "care-stripes", dots: "care-dots", cross: "care-cross" } as const;

/** A state's fill: its color, or its print pattern (drawn in the same color by the pie's defs). */
export function stateFill(state: FollowUpState): string {
  const style = stateStyle[state];
  return style.pattern === "solid" ? style.color : `url(#${patternIds[style.pattern]})`;
}

/** Line colors and dashes for care methods, by their place in her list (repeating after eight). */
const methodColors = ["#0f766e", "#2563eb", "#b45309", "#7c3aed", "#db2777", "#475569", "#65a30d", "#0891b2"];
const methodDashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 2 1 2", "12 2"];

export function methodStyle(index: number): { color: string; dash: string } {
  const i = ((index % methodColors.length) + methodColors.length) % methodColors.length;
  return { color: methodColors[i] ?? "#475569", dash: methodDashes[i] ?? "" };
}

/** Each month of a line with its count. */
export function monthly(months: string[], counts: number[]): { month: string; n: number }[] {
  return months.map((month, i) => ({ month, n: counts[i] ?? 0 }));
}

/** `2026-01` as a date at the first of that month (UTC, so no time zone moves it). */
function monthStart(month: string): Date {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

/** A month for an axis ("Jan 26", "thg 1 26") or for reading ("January 2026"). */
export function monthLabel(month: string, locale: string, long = false): string {
  const format = new Intl.DateTimeFormat(locale, {
    month: long ? "long" : "short",
    year: long ? "numeric" : "2-digit",
    timeZone: "UTC",
  });
  return format.format(monthStart(month));
}

/** The Follow-ups tab's filter for one method in one month: the first to the last day. */
export function monthFilter(methodId: string, month: string): FollowUpRouteFilter {
  const start = monthStart(month);
  const last = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
  return { method: methodId, from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

/** Whether the customer has any follow-up at all (the state counts hold every one). */
export function hasFollowUps(charts: FollowUpCharts): boolean {
  return charts.by_state.some((s) => s.count > 0);
}

/** The highest monthly count of any method (at least 1, so an empty chart keeps its axis). */
export function highestCount(charts: FollowUpCharts): number {
  return Math.max(1, ...charts.series.flatMap((s) => s.counts));
}

/** Which month labels an axis of `n` months shows so that they do not crowd: every k-th. */
export function labelStep(n: number, width: number): number {
  const fit = Math.max(1, Math.floor(width / 56));
  return Math.max(1, Math.ceil(n / fit));
}
