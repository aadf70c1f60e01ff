// Money on screen. Amounts arrive from the desk as exact decimal strings ("1250000", "12.50")
// and are written digit by digit from that string, never through a Number, so nothing is
// rounded or lost. The currency sign and its place come from Intl; the result matches the
// printed sheet: `1.250.000 ₫` and `1.250,00 US$` in Vietnamese, `₫1,250,000` and `$1,250.00`
// in English, a negative amount in parentheses.
import type { Language } from "./api";

type Shape = { prefix: string; suffix: string; group: string; point: string };

const shapes = new Map<string, Shape>();

const localeOf = (language: Language) => (language === "vi" ? "vi-VN" : "en-US");

/** Where a currency's sign goes in a language, and its separators (asked of Intl once). */
function shape(currency: string, language: Language): Shape {
  const key = `${language}:${currency}`;
  let s = shapes.get(key);
  if (!s) {
    s = {
      prefix: "",
      suffix: "",
      group: language === "vi" ? "." : ",",
      point: language === "vi" ? "," : ".",
    };
    try {
      const parts = new Intl.NumberFormat(localeOf(language), { style: "currency", currency }).formatToParts(
        1000.5,
      );
      const at = parts.findIndex((p) => p.type === "integer");
      const before = parts
        .slice(0, at)
        .map((p) => p.value)
        .join("");
      const last = parts.reduce((i, p, n) => (p.type === "integer" || p.type === "fraction" ? n : i), at);
      const after = parts
        .slice(last + 1)
        .map((p) => p.value)
        .join("");
      s.prefix = before.replace(/\s/g, "\u00a0");
      s.suffix = after.replace(/\s/g, "\u00a0");
    } catch {
      s.suffix = `\u00a0${currency}`;
    }
    shapes.set(key, s);
  }
  return s;
}

/** The minor units Intl knows for a currency (the desk's list agrees for every one it keeps). */
function places(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** `"-1250000"`, `"VND"`, `"vi"` → `(1.250.000 ₫)`. A text that is not a decimal shows as it is. */
export function formatMoney(amount: string, currency: string, language: Language): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const negative = m[1] === "-" && /[1-9]/.test(amount);
  const whole = (m[2] ?? "0").replace(/^0+(?=\d)/, "");
  const n = places(currency);
  const fraction = (m[3] ?? "").padEnd(n, "0");
  const s = shape(currency, language);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, s.group);
  const digits = fraction.length ? `${grouped}${s.point}${fraction}` : grouped;
  const body = `${s.prefix}${digits}${s.suffix}`;
  return negative ? `(${body})` : body;
}

/** Whether an amount string is below zero (to flag it). */
export function isNegative(amount: string): boolean {
  return /^-/.test(amount.trim()) && /[1-9]/.test(amount);
}

/**
 * What she typed in an amount box, read in her language (`1.250.000` or `1.250.000,5` in
 * Vietnamese, `1,250,000.50` in English; spaces and a currency sign are ignored), as the
 * canonical decimal string the desk takes; `null` when it is not a number. The desk rounds
 * to the currency's minor units and checks again.
 */
export function parseAmount(text: string, language: Language): string | null {
  let s = text.replace(/[\s\u00a0₫$€£¥]/g, "").replace(/^\((.*)\)$/, "-$1");
  if (s === "") return null;
  const [group, point] = language === "vi" ? [".", ","] : [",", "."];
  const sign = s.startsWith("-") ? "-" : "";
  if (sign) s = s.slice(1);
  const at = s.lastIndexOf(point);
  const whole = at >= 0 ? s.slice(0, at) : s;
  const fraction = at >= 0 ? s.slice(at + 1) : "";
  // Groups of three after the first, or no grouping at all.
  const wholeOk = new RegExp(`^(\\d+|\\d{1,3}(\\${group}\\d{3})+)$`).test(whole);
  if (!wholeOk || !/^\d*$/.test(fraction) || (at >= 0 && fraction === "")) return null;
  const digits = whole
    .split(group)
    .join("")
    .replace(/^0+(?=\d)/, "");
  return fraction ? `${sign}${digits}.${fraction}` : `${sign}${digits}`;
}

/** A decimal string from the desk as she would type it back (`1250000.5` → `1.250.000,5`). */
export function editAmount(amount: string, language: Language): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return amount;
  const [group, point] = language === "vi" ? [".", ","] : [",", "."];
  const grouped = (m[2] ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  return `${m[1]}${grouped}${fraction ? point + fraction : ""}`;
}
