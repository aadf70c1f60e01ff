// What the Prepaid tab, the top-up dialog and the Revenue card share: how her balances are
// laid out, the revenue rows by currency, and a top-up as the desk takes it. No amount is
// computed here: every figure comes from the desk as a decimal string.
import type { Amount, Language, PrepaidEntry, Revenue, TopUpInput } from "../../lib/api";
import { isNegative, parseAmount } from "../../lib/money";

/** How her balances show: none, the one balance, or a detail per currency (never a total). */
export type BalanceLayout =
  { kind: "none" } | { kind: "one"; balance: Amount } | { kind: "many"; balances: Amount[] };

export function balanceLayout(balances: Amount[]): BalanceLayout {
  const [first] = balances;
  if (!first) return { kind: "none" };
  if (balances.length === 1) return { kind: "one", balance: first };
  return { kind: "many", balances };
}

/** Whether any balance is below zero: she must top up before her next booking. */
export function mustTopUp(balances: Amount[]): boolean {
  return balances.some((b) => isNegative(b.amount));
}

/** One row of the Revenue card: a currency's revenue, receipted and owed amounts. */
export type RevenueRow = { currency: string; revenue: string; receipted: string; owed: string };

/** The desk's three lists (one entry per currency in each) as rows by currency. */
export function revenueRows(r: Revenue): RevenueRow[] {
  const find = (list: Amount[], currency: string) => list.find((a) => a.currency === currency)?.amount ?? "0";
  return r.revenue.map((a) => ({
    currency: a.currency,
    revenue: a.amount,
    receipted: find(r.receipted, a.currency),
    owed: find(r.owed, a.currency),
  }));
}

/** A credit payment is named by its booking; a top-up by its description. */
export function isCreditPayment(entry: Pick<PrepaidEntry, "kind">): boolean {
  return entry.kind === "credit_payment";
}

/** What the top-up dialog holds, as she typed it. */
export type TopUpForm = { description: string; amount: string; currency: string; receivedOn: string };

/** The form as the desk takes it, or the field she must correct first and why. */
export function topUpInput(
  form: TopUpForm,
  language: Language,
):
  | { input: TopUpInput }
  | { field: "description" | "amount" | "received_on"; problem: "required" | "notANumber" } {
  if (!form.description.trim()) return { field: "description", problem: "required" };
  if (!form.amount.trim()) return { field: "amount", problem: "required" };
  const amount = parseAmount(form.amount, language);
  if (amount === null) return { field: "amount", problem: "notANumber" };
  if (!form.receivedOn.trim()) return { field: "received_on", problem: "required" };
  return {
    input: {
      description: form.description,
      amount,
      currency: form.currency,
      received_on: form.receivedOn,
    },
  };
}
