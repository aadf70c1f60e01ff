// What the forms and lists of her records share: a refused save's error next to its field or in
// a toast, and deleting with Undo.
import { ask, notify } from "./app.svelte";
import { errorText, fieldError } from "./i18n/index.svelte";

/**
 * What a failed save says: next to its field when the desk names one (the returned map, the
 * field named by `label`), else in a toast (and an empty map).
 */
export function saveErrors(e: unknown, label: (field: string) => string): Record<string, string> {
  const failed = fieldError(e, label);
  if (failed) return { [failed.field]: failed.text };
  notify(errorText(e), { error: true });
  return {};
}

/** Puts the cursor in the form's first field marked invalid, once the marks are drawn. */
export function focusInvalid(formId: string) {
  queueMicrotask(() => document.querySelector<HTMLElement>(`#${formId} [aria-invalid='true']`)?.focus());
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
