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

/** What an error says, in the current language, naming its field. */
export function errorText(e: unknown, customName?: (id: string) => string | undefined): string {
  const dto: ErrorDto =
    e instanceof DeskError
      ? e.dto
      : { kind: "internal", message: e instanceof Error ? e.message : String(e), field: null, value: null };
  const key = `error.${dto.kind}`;
  if (!hasMessage(key)) return dto.message;
  return t(key, {
    field: dto.field ? fieldLabel(dto.field, customName) : "",
    value: dto.value ?? "",
    message: dto.message,
  });
}
