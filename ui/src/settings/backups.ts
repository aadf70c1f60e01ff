// How a backup reads in the list: its size in megabytes, in her language's digits.
import type { Language } from "../lib/api";

/** `1234567` bytes → `1,2` (vi) or `1.2` (en); never `0` for a file that has something in it. */
export function megabytes(bytes: number, locale: Language): string {
  const mb = bytes / 1_000_000;
  const shown = bytes > 0 ? Math.max(mb, 0.1) : 0;
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(shown);
}
