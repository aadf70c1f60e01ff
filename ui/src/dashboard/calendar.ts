// The month calendar's arithmetic: weeks from Monday (as Vietnamese calendars run), days as
// the desk stores them (`YYYY-MM-DD`), moving by days and months without time zones.

export type CalendarDay = { iso: string; day: number; inMonth: boolean };

const two = (n: number) => String(n).padStart(2, "0");

function fromUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

function toUtc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** The first day of the month of `iso`. */
export function monthOf(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

/** `iso` moved by `days` (negative goes back). */
export function addDays(iso: string, days: number): string {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** The first day of the month `months` after the month of `iso`. */
export function addMonths(iso: string, months: number): string {
  const d = toUtc(monthOf(iso));
  d.setUTCMonth(d.getUTCMonth() + months);
  return fromUtc(d);
}

/** The same day of the month `months` away, kept inside that month (31 Jan + 1 → 28/29 Feb). */
export function sameDayIn(iso: string, months: number): string {
  const first = addMonths(iso, months);
  const last = addDays(addMonths(first, 1), -1);
  const day = Math.min(Number(iso.slice(8, 10)), Number(last.slice(8, 10)));
  return `${first.slice(0, 8)}${two(day)}`;
}

/** The weeks shown for the month of `iso`: Monday to Sunday, padded with the days around it. */
export function monthGrid(iso: string): CalendarDay[][] {
  const first = monthOf(iso);
  const weekday = (toUtc(first).getUTCDay() + 6) % 7; // Monday = 0
  let day = addDays(first, -weekday);
  const month = first.slice(0, 7);
  const weeks: CalendarDay[][] = [];
  do {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      week.push({ iso: day, day: Number(day.slice(8, 10)), inMonth: day.slice(0, 7) === month });
      day = addDays(day, 1);
    }
    weeks.push(week);
  } while (day.slice(0, 7) === month);
  return weeks;
}
