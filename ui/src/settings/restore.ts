// Restoring a backup, from Settings or from the damaged-file screen: one confirmation that names
// its date and time, then a notice of what came back.
import { api, type BackupInfo } from "../lib/api";
import { app, ask, notify } from "../lib/app.svelte";
import { formatTimestamp } from "../lib/format";
import { errorText, t } from "../lib/i18n/index.svelte";

/** Asks her, then puts `backup` in place of the file (the file as it was is kept first). True
 *  when the file now holds the backup: the caller reads everything again. */
export async function restoreAsked(backup: BackupInfo): Promise<boolean> {
  const time = formatTimestamp(backup.time, true);
  if (!(await ask(t("backup.confirm", { time, n: backup.customers })))) return false;
  app.busy = true;
  try {
    const done = await api.restoreBackup(backup.name);
    notify(
      t("backup.restored", { time: formatTimestamp(done.restored.time, true), n: done.restored.customers }),
    );
    return true;
  } catch (e) {
    notify(errorText(e), { error: true });
    return false;
  } finally {
    app.busy = false;
  }
}
