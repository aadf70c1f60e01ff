// Undoing a whole import, after she has read what it will do.
import { api } from "../lib/api";
import { ask, customersChanged, notify } from "../lib/app.svelte";
import { errorText, t } from "../lib/i18n/index.svelte";

const NAMED = 10;

/** Asks, then undoes import `id` of `file`; true when it was undone. */
export async function undoImport(id: string, file: string): Promise<boolean> {
  try {
    const preview = await api.undoImportPreview(id);
    let text = t("import.undoConfirm", { file, removed: preview.removed, restored: preview.restored });
    if (preview.blocked.length > 0) text += " " + blockedText(preview.blocked);
    if (!(await ask(text))) return false;
    const done = await api.undoImport(id);
    notify(t("import.undoneToast", { removed: done.removed, restored: done.restored }));
    if (done.blocked.length > 0) notify(blockedText(done.blocked), { error: true });
    await customersChanged();
    return true;
  } catch (e) {
    notify(errorText(e), { error: true });
    return false;
  }
}

function blockedText(blocked: { code: string; full_name: string }[]): string {
  const names = blocked.slice(0, NAMED).map((c) => `${c.code} ${c.full_name}`);
  if (blocked.length > NAMED) names.push("…");
  return t("import.undoBlocked", { n: blocked.length, names: names.join(", ") });
}
