// What the Bookings tab, its dialogs and the Overview's bookings share: the statuses and
// payment methods in their order, how a booking's dates and guests read, the line editor's rows
// read into what the desk takes, and the prepaid overdraw the desk asks to confirm.
// Nothing here adds or multiplies money: totals, paid and remaining come from the desk.
import {
  DeskError,
  type AgencyAccount,
  type Booking,
  type BookingStatus,
  type Language,
  type LineId,
  type LineInput,
  type PaymentMethod,
} from "../../lib/api";
import { formatDay } from "../../lib/format";
import { editAmount, parseAmount } from "../../lib/money";

export const statuses: BookingStatus[] = ["pending", "confirmed", "completed", "cancelled"];
export const methods: PaymentMethod[] = ["cash", "transfer", "card", "prepaid"];

/** Pending and confirmed bookings are still to travel. */
export function isOpen(b: Pick<Booking, "status">): boolean {
  return b.status === "pending" || b.status === "confirmed";
}

/** `10/12/2026 → 15/12/2026`, one day alone, or empty. */
export function dateSpan(b: Pick<Booking, "departure_on" | "return_on">): string {
  const from = formatDay(b.departure_on);
  const to = formatDay(b.return_on);
  if (from && to && from !== to) return `${from} → ${to}`;
  return from || (to ? `→ ${to}` : "");
}

/** `2 người lớn, 1 trẻ em` from the counts and the words for each (`{n}` in them); zeros left out. */
export function guestsText(
  b: Pick<Booking, "adults" | "children" | "infants">,
  words: { adults: string; children: string; infants: string },
): string {
  return (
    [
      [b.adults, words.adults],
      [b.children, words.children],
      [b.infants, words.infants],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, w]) => w.replace("{n}", String(n)))
    .join(", ");
}

/** An agency account as the picker and the payments list name it. */
export function accountLabel(
  a: Pick<AgencyAccount, "bank_name" | "account_number" | "account_name">,
): string {
  return [a.bank_name, a.account_number, a.account_name].filter((s) => s.trim() !== "").join(" · ");
}

/** The balance the desk says a prepaid payment would leave (a decimal string), when it refused
 * the payment for that; null for any other error. */
export function overdrawAfter(e: unknown): string | null {
  if (e instanceof DeskError && e.dto.kind === "prepaidOverdraw") return e.dto.value ?? "";
  return null;
}

/** A field the desk names on a line (`lines.1.unit_price`): its line (from 1) and its field. */
export function lineField(field: string): { n: number; field: string } | null {
  const m = /^lines\.(\d+)\.(\w+)$/.exec(field);
  return m ? { n: Number(m[1]) + 1, field: m[2] ?? "" } : null;
}

/** A line as the editor holds it: what she typed. */
export type LineRow = {
  key: number;
  id: LineId | null;
  description: string;
  quantity: string;
  price: string;
};

let nextKey = 1;

export function blankRow(): LineRow {
  return { key: nextKey++, id: null, description: "", quantity: "1", price: "" };
}

/** A stored line, as she would type it again. */
export function rowOf(
  line: { id: LineId; description: string; quantity: number; unit_price: string },
  language: Language,
): LineRow {
  return {
    key: nextKey++,
    id: line.id,
    description: line.description,
    quantity: String(line.quantity),
    price: editAmount(line.unit_price, language),
  };
}

/** A whole count she typed (`3`), or null when it is not one. */
export function wholeNumber(text: string): number | null {
  const s = text.trim();
  return /^\d{1,6}$/.test(s) ? Number(s) : null;
}

/**
 * The rows as the desk takes them, and the problems found on the way, keyed as the desk names
 * them (`lines.1.unit_price`): a price that is not an amount in her language, a quantity that
 * is not a whole number. Everything else (empty descriptions, limits) is the desk's to say.
 */
export function lineInputs(
  rows: LineRow[],
  language: Language,
): { lines: LineInput[]; problems: Record<string, "amount" | "quantity"> } {
  const problems: Record<string, "amount" | "quantity"> = {};
  const lines = rows.map((row, i) => {
    const price = parseAmount(row.price, language);
    if (price === null && row.price.trim() !== "") problems[`lines.${i}.unit_price`] = "amount";
    const quantity = wholeNumber(row.quantity);
    if (quantity === null) problems[`lines.${i}.quantity`] = "quantity";
    return {
      id: row.id,
      description: row.description,
      quantity: quantity ?? 0,
      unit_price: price ?? row.price.trim(),
    };
  });
  return { lines, problems };
}

/** The rows the desk can price while she types, and where each sits among the rows. */
export function priceable(rows: LineRow[], language: Language): { lines: LineInput[]; at: number[] } {
  const lines: LineInput[] = [];
  const at: number[] = [];
  rows.forEach((row, i) => {
    const price = parseAmount(row.price, language);
    const quantity = wholeNumber(row.quantity);
    if (price === null || quantity === null || quantity < 1) return;
    lines.push({ id: row.id, description: row.description, quantity, unit_price: price });
    at.push(i);
  });
  return { lines, at };
}

/** The desk's amounts put back beside their rows (`null` for a row it did not price). */
export function amountsByRow(count: number, at: number[], amounts: string[]): (string | null)[] {
  const out: (string | null)[] = Array.from({ length: count }, () => null);
  at.forEach((row, i) => {
    if (row < count && i < amounts.length) out[row] = amounts[i] ?? null;
  });
  return out;
}
