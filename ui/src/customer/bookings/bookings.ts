// What the Bookings tab, its dialogs and the Overview's bookings share: the statuses and
// payment methods in their order, how a booking's dates and guests read, and the prepaid
// overdraw the desk asks to confirm. The line editor is ../lines.ts.
// Nothing here adds or multiplies money: totals, paid and remaining come from the desk.
import {
  DeskError,
  type AgencyAccount,
  type Booking,
  type BookingStatus,
  type PaymentMethod,
} from "../../lib/api";
import { formatDay } from "../../lib/format";

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
