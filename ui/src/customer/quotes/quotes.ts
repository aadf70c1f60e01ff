// What the Quotes tab and its dialog share: the statuses she can set, and when a quote can be
// accepted. The line editor is ../lines.ts; amounts and totals come from the desk.
import type { Quote, QuoteStatus } from "../../lib/api";

/** What she can set; "expired" is read from "valid until", never chosen. */
export const settable: QuoteStatus[] = ["draft", "sent", "accepted", "rejected"];

/** A quote can become a booking while it has none, unless she rejected it (set it back first). */
export function canAccept(q: Pick<Quote, "status" | "booking">): boolean {
  return !q.booking && q.status !== "rejected";
}
