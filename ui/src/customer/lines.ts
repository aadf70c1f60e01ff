// The line editor of a quote and of a booking: the rows as she types them, read into what the
// desk takes, and the desk's amounts put back beside them. Nothing here adds or multiplies
// money: each line's amount and the total come from the desk.
import type { Language, LineId, LineInput } from "../lib/api";
import { editAmount, parseAmount } from "../lib/money";

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

/** A field the desk names on a line (`lines.1.unit_price`): its line (from 1) and its field. */
export function lineField(field: string): { n: number; field: string } | null {
  const m = /^lines\.(\d+)\.(\w+)$/.exec(field);
  return m ? { n: Number(m[1]) + 1, field: m[2] ?? "" } : null;
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

/**
 * The rows the desk can price while she types (a price and a quantity that read), and where
 * each one sits among the rows; rows still half-typed are left out of the running total.
 */
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
