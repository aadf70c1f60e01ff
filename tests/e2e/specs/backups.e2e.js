// Backups in Settings: "Sao lưu ngay" makes a verified backup (its file and manifest beside the
// database, a row with today's date and the customers), a restore puts it back without a restart
// (a customer added since is gone, the file as it was is kept as a "before restore" backup), a
// second folder receives a copy, and a copy there that fails says so in a notice while the backup
// itself is made; then the app is started on a damaged copy of the file and offers its newest
// backup, which opens it again with its customers. It photographs Settings → Backups with a
// second folder chosen.
import { $, $$, browser, expect } from "@wdio/globals";
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  closeSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { photograph } from "../lib/shared.js";

const ADDED = "Phan Thị Thu Backup";
const count = () => $("main footer span");
const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const backupsPanel = () => $('section[aria-labelledby="set-backups"]');
const backupRows = () => backupsPanel().$$("table tbody tr");

/** The first row of the backups table whose text has `text`. */
async function backupRow(text) {
  for (const row of await backupRows()) {
    if ((await row.getText()).includes(text)) return row;
  }
  throw new Error(`no backup row says ${text}: ${await backupsPanel().getText()}`);
}

/** The text of the row's `n`th cell. */
const cell = async (row, n) => (await row.$$("td")[n].getText()).trim();

/** The database this session opened, as wdio.conf.js handed it to the app. */
const database = () => browser.requestedCapabilities["tauri:options"].args[1];
/** The command-line `tripdesk` built beside the app. */
const tripdesk = () =>
  path.join(path.dirname(browser.requestedCapabilities["tauri:options"].application), "tripdesk");

/** Today as the app shows dates: dd/mm/yyyy. */
function today() {
  const d = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** The backups' files in `folder` whose names end with `ending`. */
const filesIn = (folder, ending) =>
  existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(ending)) : [];

async function openBackups() {
  await $("nav").$("button=Cài đặt").click();
  await expect($("h1=Cài đặt")).toBeDisplayed();
  await backupsPanel().scrollIntoView();
  await expect(backupsPanel().$("h2=Sao lưu")).toBeDisplayed();
}

/** Overwrites eight pages in the middle of the SQLite file at `file` with garbage, and marks it
 *  in WAL mode as the app leaves its file (header bytes 18 and 19), so that the app opens it
 *  at once and checks its pages in the background, as it does her own file every day. */
function damage(file) {
  const bytes = readFileSync(file);
  bytes[18] = 2;
  bytes[19] = 2;
  const page = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = Math.floor(bytes.length / page);
  const garbage = Buffer.alloc(page * 8);
  let x = 20261202;
  for (let i = 0; i < garbage.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    garbage[i] = (x >> 16) & 0xff;
  }
  const fd = openSync(file, "r+");
  writeSync(fd, bytes, 18, 2, 18);
  writeSync(fd, garbage, 0, garbage.length, Math.floor(pages / 2) * page);
  closeSync(fd);
}

describe("backups in Settings", () => {
  it("makes a verified backup now: a row with today's date and the customers, its file and manifest beside the database", async () => {
    await $("button*=Tải dữ liệu mẫu").click();
    await expect(count()).toHaveText("196 khách hàng", { wait: 30000 });
    await openBackups();
    await backupsPanel().$("button=Sao lưu ngay").click();
    await expect(toast(`Đã sao lưu lúc ${today()}`)).toBeDisplayed({
      wait: 30000,
    });

    const folder = path.join(path.dirname(database()), "backups");
    const files = filesIn(folder, ".manual.sqlite3");
    expect(files).toHaveLength(1);
    expect(existsSync(path.join(folder, `${files[0]}.json`))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(folder, `${files[0]}.json`), "utf8"));
    // Archived customers are in the file too: 200 in the demo, 4 of them archived.
    expect(manifest.customers).toBe(200);

    await expect(backupsPanel().$("code")).toHaveText(folder);
    const row = await backupRow("Thủ công");
    expect(await cell(row, 0)).toContain(today());
    expect(await cell(row, 2)).toBe("200");
    expect(await cell(row, 3)).toMatch(/^\d+,\d MB$/);
    expect(await row.getText()).not.toContain("chưa kiểm tra");
  });

  it("restores that backup: a customer added since is gone without a restart, and the file as it was is kept", async () => {
    await $("nav").$("button=Khách hàng").click();
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue(ADDED);
    await dialog.$("button=Lưu").click();
    await expect(count()).toHaveText("197 khách hàng");

    await openBackups();
    const manual = await backupRow("Thủ công");
    const time = await cell(manual, 0);
    await manual.$("button=Khôi phục").click();
    const confirm = await $("dialog[open]");
    await expect(confirm).toHaveText(expect.stringContaining(`bản sao lưu lúc ${time} (200 khách hàng)`));
    await expect(confirm).toHaveText(expect.stringContaining("Dữ liệu hiện tại sẽ được giữ lại"));
    await confirm.$("button=Đồng ý").click();
    await expect(toast(`Đã khôi phục bản sao lưu lúc ${time}`)).toBeDisplayed({
      wait: 30000,
    });

    // The window reads the file again from its start page.
    await expect($("h1=Trang chủ")).toBeDisplayed();
    await $("nav").$("button=Khách hàng").click();
    await expect(count()).toHaveText("196 khách hàng");
    await $("aria/Tìm khách hàng").setValue("phan thi thu backup");
    await expect($("span*=Không có khách hàng nào khớp")).toBeDisplayed();
    await $("aria/Tìm khách hàng").clearValue();

    await openBackups();
    await expect(backupsPanel()).toHaveText(expect.stringContaining("Trước khi khôi phục"));
    expect(await cell(await backupRow("Trước khi khôi phục"), 2)).toBe("201");
    expect(filesIn(path.join(path.dirname(database()), "backups"), ".before-restore.sqlite3")).toHaveLength(
      1,
    );
  });

  it("copies the newest backup into the second folder she chooses, and forgets the folder on Bỏ", async () => {
    // The folder dialog's stand-in (wdio.conf.js) answers this folder.
    const second = path.join(process.env.TRIPDESK_E2E_SCRATCH ?? "", "second-folder");
    mkdirSync(second, { recursive: true });
    await openBackups();
    await backupsPanel().$("button=Chọn thư mục…").click();
    await expect(backupsPanel().$(`code=${second}`)).toBeDisplayed({
      wait: 30000,
    });
    await expect(backupsPanel()).not.toHaveText(expect.stringContaining("không có ở đây lúc này"));
    const copies = filesIn(second, ".sqlite3");
    expect(copies).toHaveLength(1);
    expect(existsSync(path.join(second, `${copies[0]}.json`))).toBe(true);
    // Settings scrolls inside its page, the window not at all: the panel is brought up there,
    // and the notices are put away, before the picture.
    for (const close of await $$(".toasts button.close")) await close.click();
    await browser.execute(() => {
      const panel = document.querySelector('section[aria-labelledby="set-backups"]');
      const page = panel.closest(".page");
      document.scrollingElement.scrollTop = 0;
      page.scrollTop += panel.getBoundingClientRect().top - page.getBoundingClientRect().top - 16;
    });
    await photograph("backups-settings");

    await backupsPanel().$("button=Bỏ").click();
    await expect(backupsPanel().$(`code=${second}`)).not.toBeExisting();
    await expect(backupsPanel()).toHaveText(expect.stringContaining("Chưa chọn thư mục nào."));
    // Its copies stay where they are.
    expect(filesIn(second, ".sqlite3")).toHaveLength(1);
  });

  it("says so in a notice when the copy to her second folder fails, and the backup itself is made", async () => {
    const second = path.join(process.env.TRIPDESK_E2E_SCRATCH ?? "", "second-folder");
    // Today's copy gone, so another is due; and a plain file where the copy keeps attachments.
    for (const f of readdirSync(second)) rmSync(path.join(second, f), { recursive: true });
    writeFileSync(path.join(second, "files"), "not a folder");
    await openBackups();
    for (const close of await $$(".toasts button.close")) await close.click();
    await backupsPanel().$("button=Chọn thư mục…").click();
    // Naming the folder tries the copy at once, and says why it failed.
    await expect(toast("Không tạo hoặc không kiểm tra được bản sao lưu")).toBeDisplayed({
      wait: 30000,
    });
    await expect(backupsPanel().$(`code=${second}`)).toBeDisplayed();
    for (const close of await $$(".toasts button.close")) await close.click();

    const folder = path.join(path.dirname(database()), "backups");
    const before = filesIn(folder, ".manual.sqlite3").length;
    await backupsPanel().$("button=Sao lưu ngay").click();
    // The backup is made and listed; the copy that follows it fails, and a notice says so
    // whatever screen she is on, and that the older backups are intact.
    await expect(toast(`Đã sao lưu lúc ${today()}`)).toBeDisplayed({ wait: 30000 });
    await expect(toast("các bản sao lưu cũ vẫn còn nguyên")).toBeDisplayed({ wait: 30000 });
    expect(filesIn(folder, ".manual.sqlite3")).toHaveLength(before + 1);
    expect(filesIn(second, ".sqlite3")).toHaveLength(0);
    expect(readdirSync(second).filter((f) => f.endsWith(".partial"))).toHaveLength(0);

    await backupsPanel().$("button=Bỏ").click();
    await expect(backupsPanel().$(`code=${second}`)).not.toBeExisting();
  });
});

describe("a damaged file with backups", () => {
  let damaged;

  before(async () => {
    // A copy of this file's folder whose database is the demo backup, damaged in the middle.
    const folder = path.join(path.dirname(database()), "backups");
    const dir = mkdtempSync(path.join(process.env.TRIPDESK_E2E_SCRATCH ?? "/tmp", "damaged-"));
    cpSync(folder, path.join(dir, "backups"), { recursive: true });
    damaged = path.join(dir, "desk.sqlite3");
    const [demo] = filesIn(folder, ".manual.sqlite3");
    cpSync(path.join(folder, demo), damaged);
    damage(damaged);
    const check = spawnSync(tripdesk(), ["--db", damaged, "check"], {
      encoding: "utf8",
    });
    // The damage is real: the file's own check fails on it.
    expect({
      status: check.status,
      said: `${check.stdout}${check.stderr}`,
    }).toEqual({
      status: 1,
      said: expect.stringMatching(/is damaged|malformed/),
    });
    const options = browser.requestedCapabilities["tauri:options"];
    await browser.reloadSession({
      ...browser.requestedCapabilities,
      "tauri:options": { ...options, args: ["--db", damaged] },
    });
  });

  it("says the file is damaged and offers its newest verified backup", async () => {
    // The pages are checked beside the first screen: a damaged page it reads, or else the first
    // save, brings the damage to light.
    const damagedScreen = () => $("h1=Không mở được dữ liệu");
    await browser.waitUntil(
      async () => (await damagedScreen().isExisting()) || (await $("h1=Trang chủ").isExisting()),
      {
        timeout: 30000,
        timeoutMsg: "neither the damaged-file screen nor the dashboard came up",
      },
    );
    if (!(await damagedScreen().isExisting())) {
      try {
        await $("nav").$("button=Khách hàng").click();
        await $("button=Thêm nhanh").click();
        const dialog = await $("dialog[open]");
        await dialog.$("aria/Họ và tên").setValue("Không được lưu");
        await dialog.$("button=Lưu").click();
      } catch (e) {
        // A read of the list met the damage first, and the screen changed under the clicks.
        if (!(await damagedScreen().isExisting())) throw e;
      }
    }
    await expect($("h1=Không mở được dữ liệu")).toBeDisplayed();
    await expect($('[role="alert"]')).toHaveText(expect.stringContaining("bị hỏng"));
    await expect($('[role="alert"]')).toHaveText(expect.stringContaining("desk.sqlite3"));
    await expect($('[role="alert"]')).toHaveText(
      expect.stringContaining("Bản sao lưu gần nhất đã được kiểm tra"),
    );
    await expect($("button*=Khôi phục bản sao lưu lúc")).toBeDisplayed();
  });

  it("restores it and opens the file with its customers", async () => {
    const hint = await $("p*=Bản sao lưu gần nhất đã được kiểm tra").getText();
    const customers = Number(/(\d+) khách hàng/.exec(hint)?.[1]);
    expect(customers).toBeGreaterThan(0);
    await $("button*=Khôi phục bản sao lưu lúc").click();
    await $("dialog[open]").$("button=Đồng ý").click();
    await expect($("h1=Trang chủ")).toBeDisplayed({ wait: 30000 });
    await $("nav").$("button=Khách hàng").click();
    await expect($$('[role="grid"] [role="row"]')).toBeElementsArrayOfSize({
      gte: 10,
    });
    await $("nav").$("button=Cài đặt").click();
    await $("button=Kiểm tra cơ sở dữ liệu").click();
    await expect($(`p=Không phát hiện vấn đề nào (${customers} khách hàng).`)).toBeDisplayed({ wait: 30000 });
    await backupsPanel().scrollIntoView();
    // The damaged file is kept as it was, unverified, among the backups.
    await expect(backupsPanel()).toHaveText(expect.stringContaining("chưa kiểm tra"));
    expect(await (await backupRow("chưa kiểm tra")).getText()).toContain("Trước khi khôi phục");
  });
});
