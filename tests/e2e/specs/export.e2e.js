// Print and export: a customer's sheet saved as a PDF (read back: her name with its accents, the
// sections she chose and none she left out, her choice remembered), as a workbook, and printed
// (the PDF handed to the system's viewer); on the list, two customers ticked (one by its box,
// one with Space) exported to Excel and their sheets made into one PDF. It photographs the list
// with its selection.
import { $, browser, expect } from "@wdio/globals";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { photograph, zipText } from "../lib/shared.js";

// Where the save dialog's stand-in puts every file (wdio.conf.js): one file at a time here.
const saved = path.join(process.env.TRIPDESK_E2E_SCRATCH ?? "", "saved", "rows-not-imported.xlsx");
const HONG = "Nguyễn Thị Hồng";
const BINH = "Trần Văn Bình";
const NOTE = "Thích đi biển Đà Nẵng vào tháng Sáu";

/** The text of the PDF at `file`, as `pdftotext` extracts it (what a search in it finds). */
const pdfText = (file) => execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"]).toString("utf8");

/** Waits until the notices say `text`; on failure names every notice seen meanwhile. */
async function expectToast(text) {
  const seen = new Set();
  let last = "";
  await browser.waitUntil(
    async () => {
      last = (
        await $(".toasts")
          .getText()
          .catch(() => "")
      ).replace(/\s+/g, " ");
      if (last) seen.add(last);
      return last.includes(text);
    },
    // A sheet is made and written on a machine that may be busy: give it time.
    { timeout: 30000, timeoutMsg: `expected a notice "${text}", saw ${JSON.stringify([...seen])}` },
  );
}


async function quickAdd(name) {
  await $("button=Thêm nhanh").click();
  const dialog = await $("dialog[open]");
  await dialog.$("aria/Họ và tên").setValue(name);
  await dialog.$("button=Lưu").click();
  await expect(dialog).not.toBeDisplayed();
  await expect($('[role="grid"]').$(`button=${name}`)).toBeDisplayed();
}

/** Opens the sheet dialog from the customer's header: "In", or "Xuất" then PDF or Excel. */
async function sheetDialog(action, title) {
  if (action === "print") {
    await $('[aria-label="Thao tác với khách hàng"]').$("button=In").click();
  } else {
    await $('button[aria-haspopup="menu"]').click();
    await $('[role="menu"]').$(`button=${action}`).click();
  }
  const dialog = await $("dialog[open]");
  await expect(dialog.$(`h2=${title}`)).toBeDisplayed();
  // The remembered choice has come in when the button can be pressed.
  await expect(dialog.$("button.primary")).toBeEnabled();
  return dialog;
}

/** The section's box in the sheet dialog. */
const sectionBox = (dialog, section) => dialog.$(`input[name="section"][value="${section}"]`);

/** Waits for the stand-in file to be written, and answers its bytes. */
async function savedFile() {
  await browser.waitUntil(() => existsSync(saved), {
    timeout: 30000,
    timeoutMsg: `nothing saved at ${saved}`,
  });
  return readFileSync(saved);
}

describe("printing and exporting customer sheets", () => {
  before(() => {
    mkdirSync(path.dirname(saved), { recursive: true });
    rmSync(saved, { force: true });
  });

  it("starts from two customers, one with a note", async () => {
    await quickAdd(HONG);
    await quickAdd(BINH);
    await $('[role="grid"]').$(`button=${HONG}`).click();
    await expect($(`h1=${HONG}`)).toBeDisplayed();
    await $("#tab-notes").click();
    await $("aria/Ghi chú mới").setValue(NOTE);
    await $("button=Thêm ghi chú").click();
    await expectToast("Đã thêm ghi chú");
  });

  it("exports her sheet as a PDF whose text has her name with its accents and the sections", async () => {
    const dialog = await sheetDialog("PDF", "Xuất phiếu khách hàng (PDF)");
    await expect(sectionBox(dialog, "notes")).toBeSelected();
    await dialog.$("button=Xuất PDF").click();
    await expectToast(`Đã lưu tệp: ${saved}`);
    const bytes = await savedFile();
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(saved);
    for (const words of [HONG, "Phiếu khách hàng", "Thông tin khách hàng", "Ghi chú", NOTE, "Trang 1/"]) {
      expect(text).toContain(words);
    }
    rmSync(saved);
  });

  it("leaves out a section she unticks, and remembers it", async () => {
    let dialog = await sheetDialog("PDF", "Xuất phiếu khách hàng (PDF)");
    await sectionBox(dialog, "notes").click();
    await expect(sectionBox(dialog, "notes")).not.toBeSelected();
    await dialog.$("button=Xuất PDF").click();
    await expectToast(`Đã lưu tệp: ${saved}`);
    await savedFile();
    const text = pdfText(saved);
    expect(text).toContain(HONG);
    expect(text).toContain("Thông tin khách hàng");
    expect(text).not.toContain(NOTE);
    expect(text.split("\n").map((l) => l.trim())).not.toContain("Ghi chú");
    rmSync(saved);

    dialog = await sheetDialog("PDF", "Xuất phiếu khách hàng (PDF)");
    await expect(sectionBox(dialog, "notes")).not.toBeSelected();
    await expect(sectionBox(dialog, "details")).toBeSelected();
    await dialog.$("button=Huỷ").click();
    await expect(dialog).not.toBeDisplayed();
  });

  it("exports her sheet as a workbook, a worksheet per section chosen", async () => {
    const dialog = await sheetDialog("Excel", "Xuất phiếu khách hàng (Excel)");
    await dialog.$("button=Xuất Excel").click();
    await expectToast(`Đã lưu tệp: ${saved}`);
    const bytes = await savedFile();
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const workbook = zipText(bytes, "xl/workbook.xml");
    expect(workbook).toContain('name="Thông tin khách hàng"');
    expect(workbook).not.toContain('name="Ghi chú"');
    rmSync(saved);
  });

  it("prints by handing the PDF to the system's viewer", async () => {
    // No viewer is installed under Xvfb: the PDF is written, and she is told where it is.
    const code = await $(".who .code").getText();
    const printed = path.join(os.tmpdir(), "tripdesk-print", `${code} Nguyen Thi Hong.pdf`);
    const before = existsSync(printed) ? statSync(printed).mtimeMs : 0;
    const dialog = await sheetDialog("print", "In phiếu khách hàng");
    await dialog.$("button=In").click();
    await browser.waitUntil(() => existsSync(printed) && statSync(printed).mtimeMs > before, {
      timeout: 30000,
      timeoutMsg: `no sheet to print at ${printed}`,
    });
    expect(pdfText(printed)).toContain(HONG);
    await expectToast(`Máy chưa có trình xem PDF để mở phiếu. Phiếu đã được lưu tại ${printed}.`);
  });

  it("ticks two customers on the list, by their box and with Space", async () => {
    await $("nav").$("button=Khách hàng").click();
    await expect($("span*=Chưa chọn khách hàng nào")).toBeDisplayed();
    await expect($("button=In phiếu (PDF)")).toBeDisabled();
    await $(`aria/Chọn ${HONG}`).click();
    await expect($("span=Đã chọn 1 khách hàng")).toBeDisplayed();
    // The click left the keyboard in the grid, its cursor on her row: ↓ then Space ticks the next.
    await browser.keys(["ArrowDown", " "]);
    await expect($("span=Đã chọn 2 khách hàng")).toBeDisplayed();
    await expect($(`aria/Chọn ${BINH}`)).toBeSelected();
    await photograph("export-list-selection");
  });

  it("exports the ticked customers to Excel", async () => {
    await $("button=Xuất Excel").click();
    await expectToast(`Đã xuất 2 khách hàng ra Excel: ${saved}`);
    const bytes = await savedFile();
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    // The list is written row by row, its text inline in the worksheet.
    const rows = zipText(bytes, "xl/worksheets/sheet1.xml");
    expect(rows).toContain(HONG);
    expect(rows).toContain(BINH);
    rmSync(saved);
  });

  it("makes one PDF of the ticked customers' sheets, each on new pages", async () => {
    await $("button=In phiếu (PDF)").click();
    const dialog = await $("dialog[open]");
    await expect(dialog.$("h2=In phiếu của 2 khách hàng (PDF)")).toBeDisplayed();
    await expect(dialog.$("button.primary")).toBeEnabled();
    await dialog.$("button=Xuất PDF").click();
    await expectToast(`Đã lưu phiếu của 2 khách hàng: ${saved}`);
    await savedFile();
    const text = pdfText(saved);
    expect(text).toContain(HONG);
    expect(text).toContain(BINH);
    // Each customer starts on new pages: two first pages.
    expect(text.match(/Trang 1\//g)?.length).toBe(2);
    rmSync(saved);
    await $("button=Bỏ chọn").click();
    await expect($("span*=Chưa chọn khách hàng nào")).toBeDisplayed();
  });
});
