// A customer's Files tab: add a contract through the file dialog (TRIPDESK_PICK_FILES stands in
// for it), add the same file again (two records, one stored file beside the database), delete
// one and take it back with Undo.
import { $, $$, browser, expect } from "@wdio/globals";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const rows = () => $$("table.list tbody tr");

/** The stored files in the `files` folder beside this spec's database. */
function storedFiles() {
  const scratch = process.env.TRIPDESK_E2E_SCRATCH;
  const mine = readdirSync(scratch).filter((d) => d.startsWith("files-"));
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else found.push(p);
    }
  };
  for (const d of mine) {
    const folder = path.join(scratch, d, "files");
    try {
      walk(folder);
    } catch {
      // No files yet.
    }
  }
  return found;
}

/** The copies opened in a viewer named `name`, under the system's temporary folder. */
function openedCopies(name) {
  const folder = path.join(os.tmpdir(), "tripdesk-open");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((record) => path.join(folder, record, name))
    .filter((p) => existsSync(p));
}

describe("a customer's files", () => {
  it("starts from a customer with no files", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Nguyễn Thị Hồng");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await $('[role="grid"]').$("button=Nguyễn Thị Hồng").click();
    await expect($("h1=Nguyễn Thị Hồng")).toBeDisplayed();
    await $("#tab-files").click();
    await expect($("p*=Chưa có tệp nào")).toBeDisplayed();
  });

  it("adds a contract through the file dialog and lists its name, category and size", async () => {
    await $("button=Thêm tệp…").click();
    await expect(toast("Đã thêm 1 tệp")).toBeDisplayed();
    await expect(rows()).toBeElementsArrayOfSize(1);
    const row = rows()[0];
    await expect(row.$("button.title")).toHaveText("hop-dong-du-lich.pdf");
    await expect(row.$("span.badge")).toHaveText("Hợp đồng");
    await expect(row.$("td.num span")).toHaveText("0,7 KB");
    await expect(row.$("td.date span")).toHaveText(
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/),
    );
    expect(storedFiles()).toHaveLength(1);
  });

  it("adds the same file again: two records, one stored file", async () => {
    await $("button=Thêm tệp…").click();
    await expect(rows()).toBeElementsArrayOfSize(2);
    await expect($("span=2 tệp")).toBeDisplayed();
    const names = await Promise.all(
      Array.from(await rows()).map((r) => r.$("button.title").getText()),
    );
    expect(names).toEqual(["hop-dong-du-lich.pdf", "hop-dong-du-lich.pdf"]);
    const stored = storedFiles();
    expect(stored).toHaveLength(1);
    expect(path.basename(stored[0])).toMatch(/^[0-9a-f]{64}$/);
    await browser.saveScreenshot("/tmp/files.png");
  });

  it("renames a file and changes its category", async () => {
    await rows()[0].$("aria/Sửa hop-dong-du-lich.pdf").click();
    const dialog = await $("dialog[open]");
    const name = await dialog.$("#file-name");
    await name.clearValue();
    await name.setValue("Hợp đồng tour Đà Nẵng.pdf");
    await dialog.$("#file-category").selectByVisibleText("Báo giá");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await expect($("button.title=Hợp đồng tour Đà Nẵng.pdf")).toBeDisplayed();
    await expect($("span.badge=Báo giá")).toBeDisplayed();
  });

  it("opens a file as a copy named after it, with its extension", async () => {
    // No viewer is installed under Xvfb: the copy is made, then the system says it cannot
    // open it. The stored file (named by its hash) is never what is opened.
    const name = "Hợp đồng tour Đà Nẵng.pdf";
    const earlier = new Set(openedCopies(name)); // from an earlier run
    const fresh = () => openedCopies(name).filter((p) => !earlier.has(p));
    await $(`aria/Mở ${name}`).click();
    await browser.waitUntil(() => fresh().length > 0, {
      timeoutMsg: "no copy named after the record",
    });
    const [copy] = fresh();
    const [stored] = storedFiles();
    expect(readFileSync(copy).equals(readFileSync(stored))).toBe(true);
  });

  it("deletes a file after asking, and Undo brings it back", async () => {
    await $("aria/Xoá Hợp đồng tour Đà Nẵng.pdf").click();
    const confirm = await $("dialog[open]");
    await expect(confirm).toHaveText(
      expect.stringContaining("Hợp đồng tour Đà Nẵng.pdf"),
    );
    await confirm.$("button.primary").click();
    await expect(rows()).toBeElementsArrayOfSize(1);
    await expect($("span=1 tệp")).toBeDisplayed();
    expect(storedFiles()).toHaveLength(1);
    await toast("Đã xoá tệp Hợp đồng tour Đà Nẵng.pdf")
      .parentElement()
      .$("button=Hoàn tác")
      .click();
    await expect(rows()).toBeElementsArrayOfSize(2);
    await expect($("button.title=Hợp đồng tour Đà Nẵng.pdf")).toBeDisplayed();
  });

  it("highlights the tab while files hover and asks for their category after a drop", async () => {
    // A drag from a file manager cannot be driven: the spec sends the news the window's drop
    // handler sends, and TRIPDESK_DROP_FILES names the dropped file.
    const signal = (news) =>
      browser.execute(
        (n) =>
          window.__TAURI_INTERNALS__.invoke("plugin:event|emit", {
            event: "files-drag",
            payload: n,
          }),
        news,
      );
    await signal({ kind: "enter", count: 1, names: [] });
    await expect($("section.files")).toHaveElementClass("hovering");
    await expect($("div*=Thả 1 tệp vào đây")).toBeDisplayed();
    await browser.saveScreenshot("/tmp/files-hover.png");
    await signal({ kind: "drop", count: 1, names: ["32x32.png"] });
    await expect($("section.files")).not.toHaveElementClass("hovering");
    const dialog = await $("dialog[open]");
    await expect(dialog).toHaveText(
      expect.stringContaining("1 tệp: 32x32.png"),
    );
    await dialog.$("#dropped-category").selectByVisibleText("Hộ chiếu");
    await browser.saveScreenshot("/tmp/files-drop.png");
    await dialog.$("button=Thêm").click();
    await expect(rows()).toBeElementsArrayOfSize(3);
    await expect(rows()[0].$("button.title")).toHaveText("32x32.png");
    await expect(rows()[0].$("span.badge")).toHaveText("Hộ chiếu");
    expect(storedFiles()).toHaveLength(2);
  });

  it("shows the file's changes in her history", async () => {
    await $("#tab-history").click();
    await expect($("table")).toHaveText(expect.stringContaining("Tên tệp"));
    await expect($("table")).toHaveText(
      expect.stringContaining("Hợp đồng tour Đà Nẵng.pdf"),
    );
  });
});
