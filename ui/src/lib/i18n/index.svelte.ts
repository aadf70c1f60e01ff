// The UI's words: `t(key)` in the current language, re-rendered when the language changes.
import type { ErrorDto, Language } from "../api";
import { DeskError } from "../api";
import { en } from "./en";
import { vi, type MessageKey } from "./vi";

export type { MessageKey };

const catalogs: Record<Language, Record<MessageKey, string>> = { vi, en };

export const i18n = $state({ locale: "vi" as Language });

/** The message `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = catalogs[i18n.locale][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether `key` names a message (for keys built from data, like `level.<key>`). */
export function hasMessage(key: string): key is MessageKey {
  return key in vi;
}

export function setLocale(locale: Language) {
  i18n.locale = locale;
  document.documentElement.lang = locale;
}

/** The label of a customer field, including custom fields (`custom.<id>`). */
export function fieldLabel(field: string, customName?: (id: string) => string | undefined): string {
  if (field.startsWith("custom.")) return customName?.(field.slice(7)) ?? t("fields.custom");
  const key = `fields.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** The label of a field of one of her records (`contact`, `followup`, `task`, ...), as its form
 * and the History tab name it: `fields.<entity>.<field>`. */
export function recordFieldLabel(entity: string, field: string): string {
  const key = `fields.${entity}.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** What an error says, in the current language, naming its field. */
export function errorText(e: unknown, customName?: (id: string) => string | undefined): string {
  return errorNaming(e, (field) => fieldLabel(field, customName));
}

/** The error that belongs next to a field of a record's form, named by `label`; null for one
 * that names no field. */
export function fieldError(
  e: unknown,
  label: (field: string) => string,
): { field: string; text: string } | null {
  if (!(e instanceof DeskError) || !e.dto.field) return null;
  return { field: e.dto.field, text: errorNaming(e, label) };
}

/** What an error says, in the current language, its field named by `label`. */
function errorNaming(e: unknown, label: (field: string) => string): string {
  const dto: ErrorDto =
    e instanceof DeskError
      ? e.dto
      : { kind: "internal", message: e instanceof Error ? e.message : String(e), field: null, value: null };
  const key = `error.${dto.kind}`;
  if (!hasMessage(key)) return dto.message;
  return t(key, {
    field: dto.field ? label(dto.field) : "",
    value: dto.value ?? "",
    message: dto.message,
  });
}
