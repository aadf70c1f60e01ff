// How a customer's files read: their size in her locale, their category's name, and what a
// refusal to add or open one says. The Files tab and the task dialog's attachments share this.
import type { FileCategory, Language } from "../lib/api";
import { DeskError } from "../lib/api";
import { errorText, i18n, t } from "../lib/i18n/index.svelte";

/** The categories, in the order the menus offer them. */
export const fileCategories: FileCategory[] = ["contract", "passport", "visa", "quote", "invoice", "other"];

export function categoryLabel(category: FileCategory): string {
  return t(`fileCategory.${category}`);
}

const numbers = new Map<string, Intl.NumberFormat>();

function number(n: number, locale: Language, digits: number): string {
  const key = `${locale}:${digits}`;
  let format = numbers.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    numbers.set(key, format);
  }
  return format.format(n);
}

/** `2048` → `2 KB`, `1572864` → `1,5 MB` (vi) or `1.5 MB` (en); a small file is `0,7 KB`. */
export function formatSize(bytes: number, locale: Language = i18n.locale): string {
  const kb = bytes === 0 ? 0 : Math.max(bytes / 1024, 0.1);
  if (kb < 1024) return t("files.size.kb", { n: number(kb, locale, kb < 10 ? 1 : 0) });
  const mb = kb / 1024;
  return t("files.size.mb", { n: number(mb, locale, mb < 100 ? 1 : 0) });
}

/** What a refusal to add or open a file says, in her language, naming the 50 MB limit. */
export function fileErrorText(e: unknown): string {
  if (e instanceof DeskError) {
    const { kind, value, field } = e.dto;
    if (kind === "fileTooLarge" && field === "file")
      return t("files.error.tooLarge", { value: value ?? "50 MB" });
    if (kind === "fileUnreadable") return t("files.error.unreadable", { value: value ?? "" });
    if (kind === "notAllowed") return t("files.error.outside");
  }
  return errorText(e);
}
