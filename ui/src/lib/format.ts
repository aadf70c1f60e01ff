// How dates, times and countries read: dd/mm/yyyy in both languages, as Vietnamese papers do.
import type { Language } from "./api";

/** `1985-03-15` → `15/03/1985`; empty for none. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A stored UTC timestamp in local time: `23/11/2026 15:04`, or with `seconds` `23/11/2026 15:04:05`
 *  (where two can fall in one minute, as backups do). */
export function formatTimestamp(utc: string, seconds = false): string {
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return utc;
  const two = (n: number) => String(n).padStart(2, "0");
  const time = `${two(d.getHours())}:${two(d.getMinutes())}${seconds ? `:${two(d.getSeconds())}` : ""}`;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

/**
 * What she typed as a date, read day first (`15/3/1985`, `15-03-1985`, `15.03.1985`) or ISO,
 * as the ISO text the desk stores; `null` for something that is not a whole date. The desk
 * checks again.
 */
export function parseDay(text: string): string | null {
  const s = text.trim();
  if (s === "") return "";
  const parts = s.split(/[/.-]/);
  if (parts.length !== 3 || parts.some((p) => !/^\d{1,4}$/.test(p))) return null;
  const [a, b, c] = parts as [string, string, string];
  const [y, m, d] = a.length === 4 ? [a, b, c] : c.length === 4 ? [c, b, a] : [null, null, null];
  if (y === null || m === null || d === null) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(m) - 1 ||
    date.getUTCDate() !== Number(d)
  )
    return null;
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

const regionNames = new Map<Language, Intl.DisplayNames>();

/** `VN` → `Việt Nam` / `Vietnam`. */
export function countryName(code: string, locale: Language): string {
  if (!code) return "";
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "region" });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** Sorts texts as a Vietnamese reader expects. */
export const collator = new Intl.Collator("vi");
