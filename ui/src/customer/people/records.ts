// What the tabs of a customer's records share: field labels and errors, delete with Undo.
import { ask, notify } from "../../lib/app.svelte";
import { errorText, fieldError, recordFieldLabel } from "../../lib/i18n/index.svelte";

export type Entity = "contact" | "address" | "bank_account" | "note";

/**
 * What a failed save says: next to its field when the desk names one (the returned map),
 * else in a toast.
 */
export function fieldErrors(e: unknown, entity: Entity): Record<string, string> {
  const failed = fieldError(e, (field) => recordFieldLabel(entity, field));
  if (failed) return { [failed.field]: failed.text };
  notify(errorText(e), { error: true });
  return {};
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

/** Deletes a record once she confirms; the toast's Undo brings it back. */
export async function removeWithUndo(options: {
  question: string;
  removed: string;
  remove: () => Promise<unknown>;
  restore: () => Promise<unknown>;
  reload: () => Promise<void>;
}) {
  if (!(await ask(options.question))) return;
  try {
    await options.remove();
    await options.reload();
    notify(options.removed, {
      undo: async () => {
        try {
          await options.restore();
        } catch (e) {
          notify(errorText(e), { error: true });
        }
        await options.reload();
      },
    });
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
