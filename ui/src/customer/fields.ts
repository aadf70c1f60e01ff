// The customer's fields as the forms show them: how each reads, how it is edited as text, and
// the change it becomes. The full form and the in-place edits of the Overview share this.
import type { Customer, CustomerChange, CustomField, CustomerView, NewCustomer } from "../lib/api";
import { app, levelLabel, staffName } from "../lib/app.svelte";
import { collator, countryName, formatDay, parseDay } from "../lib/format";
import { i18n, t, type MessageKey } from "../lib/i18n/index.svelte";

export type FieldKind = "text" | "textarea" | "date" | "select" | "list" | "referrer";
export type Option = { value: string; label: string };

export interface FieldDef {
  /** The field's name in the desk (`custom.<id>` for a custom field). */
  field: string;
  kind: FieldKind;
  options?: () => Option[];
  /** A web link she may open from the page. */
  link?: boolean;
  /** Type of the input for text fields (tel, email). */
  inputType?: string;
  /** Values to suggest while she types. */
  suggestions?: () => string[];
}

const genders = (): Option[] =>
  (["", "female", "male", "other"] as const).map((g) => ({ value: g, label: t(`gender.${g}`) }));
const types = (): Option[] =>
  (["individual", "company", "agency"] as const).map((v) => ({ value: v, label: t(`type.${v}`) }));
const levels = (): Option[] => app.levels.map((l) => ({ value: l.id, label: levelLabel(l) }));
const staff = (): Option[] => [
  { value: "", label: t("nobody") },
  ...app.staff.filter((s) => !s.removed).map((s) => ({ value: s.id, label: s.name })),
];
const countries = (): Option[] => [
  { value: "", label: t("none") },
  ...app.countries
    .map((c) => ({ value: c, label: countryName(c, i18n.locale) }))
    .sort((a, b) => collator.compare(a.label, b.label)),
];

export const sections: { title: MessageKey; fields: FieldDef[] }[] = [
  {
    title: "section.contact",
    fields: [
      { field: "phones", kind: "list", inputType: "tel" },
      { field: "emails", kind: "list", inputType: "email" },
      { field: "address", kind: "textarea" },
      { field: "country", kind: "select", options: countries },
      { field: "zalo", kind: "text" },
      { field: "facebook", kind: "text", link: true },
      { field: "linkedin", kind: "text", link: true },
      { field: "x", kind: "text", link: true },
    ],
  },
  {
    title: "section.personal",
    fields: [
      { field: "full_name", kind: "text" },
      { field: "gender", kind: "select", options: genders },
      { field: "birth_date", kind: "date" },
      { field: "passport_no", kind: "text" },
      { field: "passport_expiry", kind: "date" },
    ],
  },
  {
    title: "section.work",
    fields: [
      { field: "company", kind: "text" },
      { field: "position_title", kind: "text" },
      { field: "customer_type", kind: "select", options: types },
    ],
  },
  {
    title: "section.relationship",
    fields: [
      { field: "code", kind: "text" },
      { field: "level_id", kind: "select", options: levels },
      { field: "responsible_id", kind: "select", options: staff },
      {
        field: "assigned_to",
        kind: "text",
        suggestions: () => [
          ...new Set([...app.units, ...app.staff.filter((s) => !s.removed).map((s) => s.name)]),
        ],
      },
      { field: "source", kind: "text" },
      { field: "referrer_id", kind: "referrer" },
      { field: "last_contact_on", kind: "date" },
    ],
  },
  { title: "section.notes", fields: [{ field: "description", kind: "textarea" }] },
];

/** The custom fields she defined, as form fields. */
export function customDefs(fields: CustomField[]): FieldDef[] {
  return fields.map((f) => ({
    field: `custom.${f.id}`,
    kind: f.kind === "date" ? "date" : f.kind === "choice" ? "select" : "text",
    options:
      f.kind === "choice"
        ? () => [{ value: "", label: t("none") }, ...f.choices.map((c) => ({ value: c, label: c }))]
        : undefined,
  }));
}

function raw(c: Customer, field: string): unknown {
  if (field.startsWith("custom.")) return c.custom[field.slice(7)] ?? "";
  return (c as unknown as Record<string, unknown>)[field];
}

/** How a field reads on the page. */
export function displayValue(view: CustomerView, def: FieldDef): string {
  const c = view.customer;
  const value = raw(c, def.field);
  switch (def.field) {
    case "phones":
      return view.phones_display.join(", ");
    case "level_id":
      return levelLabel(app.levels.find((l) => l.id === value));
    case "responsible_id":
      return staffName(value as string | null);
    case "country":
      return countryName(String(value ?? ""), i18n.locale);
    case "referrer_id":
      return view.referrer ? `${view.referrer.code} ${view.referrer.full_name}` : "";
  }
  if (def.kind === "date") return formatDay(value as string | null);
  if (def.kind === "select") return def.options?.().find((o) => o.value === (value ?? ""))?.label ?? "";
  if (Array.isArray(value)) return value.join(", ");
  return String(value ?? "");
}

/** The text an editor starts from. */
export function editText(view: CustomerView, def: FieldDef): string {
  if (def.field === "phones") return view.phones_display.join(", ");
  const value = raw(view.customer, def.field);
  if (def.kind === "date") return formatDay(value as string | null);
  if (Array.isArray(value)) return value.join(", ");
  return String(value ?? "");
}

export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A date typed in the form, or the message that says why it is not one. */
export function checkDate(text: string, label: string): string | null {
  return parseDay(text) === null ? t("error.invalidDate", { value: text.trim(), field: label }) : null;
}

/** The change an edited text makes. */
export function toChange(def: FieldDef, text: string): CustomerChange {
  const f = def.field;
  if (f.startsWith("custom.")) {
    const value = def.kind === "date" ? (parseDay(text) ?? text) : text;
    return { field: "custom", value: { id: f.slice(7), value } };
  }
  switch (f) {
    case "phones":
    case "emails":
      return { field: f, value: splitList(text) };
    case "level_id":
    case "responsible_id":
    case "referrer_id":
      return { field: f, value: text || null } as CustomerChange;
    case "gender":
      return { field: f, value: text as Customer["gender"] };
    case "customer_type":
      return { field: f, value: text as Customer["customer_type"] };
  }
  const value = def.kind === "date" ? (parseDay(text) ?? text) : text;
  return { field: f, value } as CustomerChange;
}

/** A new customer from the full form's texts. */
export function toNewCustomer(base: NewCustomer, texts: Record<string, string>): NewCustomer {
  const out: NewCustomer = { ...base, custom: {} };
  for (const [field, text] of Object.entries(texts)) {
    if (field.startsWith("custom.")) {
      if (text.trim()) out.custom[field.slice(7)] = parseDay(text) ?? text;
      continue;
    }
    const change = toChange({ field, kind: "text" }, text);
    (out as unknown as Record<string, unknown>)[field] = change.value;
  }
  return out;
}
