// What the tabs of a customer's records share: field labels and errors.
import { notify } from "../../lib/app.svelte";
import { errorText, recordFieldLabel } from "../../lib/i18n/index.svelte";
import { saveErrors } from "../../lib/records";

export type Entity = "contact" | "address" | "bank_account" | "note";

/**
 * What a failed save says: next to its field when the desk names one (the returned map),
 * else in a toast.
 */
export function fieldErrors(e: unknown, entity: Entity): Record<string, string> {
  return saveErrors(e, (field) => recordFieldLabel(entity, field));
}

/** Runs an action on a record and reloads; a failure is a toast. */
export async function act(action: () => Promise<unknown>, reload: () => Promise<void>, done?: string) {
  try {
    await action();
    await reload();
    if (done) notify(done);
  } catch (e) {
    notify(errorText(e), { error: true });
  }
}

/** The start of a note, to name it in a button or a question. */
export function excerpt(text: string, max = 40): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The longest note, in characters (the desk refuses longer ones). */
export const NOTE_MAX = 10_000;
