// The import wizard's fields as a <select> holds them, and the checks on a column mapping.
import type { ImportField } from "../lib/api";

/** The <select> value of a field ("" for an ignored column). */
export function fieldValue(field: ImportField | null): string {
  if (!field) return "";
  return field.field === "custom" ? `custom:${field.id}` : field.field;
}

/** The field a <select> value names (none for ""). */
export function parseField(value: string): ImportField | null {
  if (!value) return null;
  if (value.startsWith("custom:")) return { field: "custom", id: value.slice("custom:".length) };
  return { field: value } as ImportField;
}

/** The field's key in a customer record (`level_id`, `custom.<id>`), which names its label. */
export function fieldKey(field: ImportField): string {
  switch (field.field) {
    case "level":
      return "level_id";
    case "referrer":
      return "referrer_id";
    case "responsible":
      return "responsible_id";
    case "custom":
      return `custom.${field.id}`;
    default:
      return field.field;
  }
}

/** Phones and emails may come from several columns (their values are joined). */
export function takesMany(field: ImportField): boolean {
  return field.field === "phones" || field.field === "emails";
}

/** The fields that more than one column fills where only one column may. */
export function clashes(columns: (ImportField | null)[]): ImportField[] {
  const seen = new Map<string, number>();
  for (const field of columns) {
    if (field && !takesMany(field)) seen.set(fieldValue(field), (seen.get(fieldValue(field)) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([value]) => parseField(value) as ImportField);
}

/** A spreadsheet's name for the column at `index` (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
