// What the Tasks tab, the task dialog and the Dashboard share: the choices in their order,
// today as the desk stores days, and how a task's dates and deadline read.
import type { Task, TaskPriority, TaskStatus } from "../lib/api";
import { formatDay } from "../lib/format";

export const priorities: TaskPriority[] = ["low", "normal", "high", "urgent"];
export const statuses: TaskStatus[] = ["todo", "in_progress", "done", "cancelled"];

/** A local day as the desk stores it: `2026-11-23`. */
export function isoDay(d: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

export function isOpen(task: Pick<Task, "status">): boolean {
  return task.status === "todo" || task.status === "in_progress";
}

/** Where an open task stands against its finish day: overdue, due today, or neither. */
export function deadline(
  task: Pick<Task, "status" | "finishes_on">,
  today: string,
): "overdue" | "today" | null {
  if (!isOpen(task) || !task.finishes_on) return null;
  if (task.finishes_on < today) return "overdue";
  return task.finishes_on === today ? "today" : null;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `20/11/2026 – 25/11/2026`, one day alone, or empty. */
export function dateSpan(task: Pick<Task, "starts_on" | "finishes_on">): string {
  const start = formatDay(task.starts_on);
  const finish = formatDay(task.finishes_on);
  if (start && finish && start !== finish) return `${start} – ${finish}`;
  return finish || start;
}
