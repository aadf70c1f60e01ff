// Her existing list comes in through the wizard: a messy workbook (title rows above the header,
// a header the app does not know, a phone that lost its leading zero, a bad phone, a total row)
// is read, one column's match corrected, an existing customer overwritten, every row previewed,
// imported, the rows left out saved, and the whole import undone.
import { $, $$, browser, expect } from "@wdio/globals";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { zipText } from "../lib/shared.js";

// With TRIPDESK_SCREENSHOTS set, each step of the wizard is photographed there.
const shots = process.env.TRIPDESK_SCREENSHOTS;
async function photograph(name) {
  if (!shots) return;
  // WebKitWebDriver sometimes never answers a screenshot on a busy machine: the picture is
  // not what is tested, so it gets ten seconds.
  const shot = browser.saveScreenshot(path.join(shots, `${name}.png`));
  await Promise.race([shot.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10000))]);
}
const saved = path.join(process.env.TRIPDESK_E2E_SCRATCH ?? "", "saved", "rows-not-imported.xlsx");

const row = (name) => $('[role="grid"]').$(`button=${name}`);
const count = (text) => $("main footer").$(`span=${text}`);
const previewRow = (n) => $(`tr[data-row="${n}"]`);

describe("importing her customer list", () => {
  it("starts from one customer she already has", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Nguyễn Hồng");
    await dialog.$("button=Lưu").click();
    await expect(row("Nguyễn Hồng")).toBeDisplayed();
    await expect(count("1 khách hàng")).toBeDisplayed();
  });

  it("downloads the template to fill in", async () => {
    await $("button=Nhập từ Excel").click();
    await expect($("h1=Nhập khách hàng từ tệp")).toBeDisplayed();
    await expect($("h2=Các lần nhập trước")).toBeDisplayed();
    mkdirSync(path.dirname(saved), { recursive: true });
    await $("button=Tải tệp mẫu…").click();
    await expect($('[role="status"]').$(`span*=Đã lưu tệp mẫu: ${saved}`)).toBeDisplayed();
    const headers = zipText(readFileSync(saved), "xl/sharedStrings.xml");
    for (const text of ["Mã khách hàng", "Họ và tên", "Người phụ trách", "Nguyễn Thị Hồng"]) {
      expect(headers).toContain(text);
    }
    expect(zipText(readFileSync(saved), "xl/workbook.xml")).toContain('name="Hướng dẫn"');
    rmSync(saved);
  });

  it("finds the header row below the title rows", async () => {
    await $("button=Chọn tệp…").click();
    await expect($("h2=messy-list.xlsx")).toBeDisplayed();
    await expect($('[data-testid="header-row"]')).toHaveValue("4");
    await expect($('button[aria-pressed="true"]')).toHaveAttribute("aria-label", "Chọn dòng 4 làm dòng tiêu đề");
    await expect($("tr.header").$("td=Họ tên")).toBeDisplayed();
    await photograph("import-file");
    await $("button=Tiếp tục").click();
  });

  it("matches the known headers and lets her correct the one it cannot know", async () => {
    const select = (header) => $(`aria/Điền vào trường: ${header}`);
    await expect(select("Họ tên")).toHaveValue("full_name");
    await expect(select("SĐT")).toHaveValue("phones");
    await expect(select("Ngày sinh")).toHaveValue("birth_date");
    await expect(select("Mã KH")).toHaveValue("code");
    await expect(select("Số HC")).toHaveValue("");
    await select("Số HC").selectByVisibleText("Số hộ chiếu");
    await expect(select("Số HC")).toHaveValue("passport_no");
    await photograph("import-columns");
    const overwrite = await $('[data-testid="overwrite"]');
    await overwrite.scrollIntoView();
    await overwrite.click();
    await expect(overwrite).toBeSelected();
    await $("button=Tiếp tục").click();
  });

  it("shows every row's outcome before writing anything", async () => {
    await expect($("h2=3. Xem trước")).toBeDisplayed();
    await expect($('[data-outcome="create"]')).toHaveText("Thêm mới (2)");
    await expect($('[data-outcome="update"]')).toHaveText("Cập nhật (1)");
    await expect($('[data-outcome="skip"]')).toHaveText("Bỏ qua (1)");
    await expect($('[data-outcome="error"]')).toHaveText("Lỗi (1)");
    // Row 5 overwrites the customer she had, naming the change.
    await expect(previewRow(5)).toHaveText(expect.stringContaining("Cùng mã với KH00001 Nguyễn Hồng"));
    await expect(previewRow(5)).toHaveText(expect.stringContaining("Họ và tên: Nguyễn Hồng → Nguyễn Thị Hồng"));
    await expect(previewRow(5)).toHaveText(expect.stringContaining("Số hộ chiếu: (trống) → B1234567"));
    await expect(previewRow(8)).toHaveText(
      expect.stringContaining("SĐT: “gọi sau” không phải là số điện thoại hợp lệ."),
    );
    await expect(previewRow(9)).toHaveText(expect.stringContaining("Dòng tổng cộng"));
    await photograph("import-preview");
  });

  it("imports and says what it did", async () => {
    await $("button=Nhập vào Tripdesk").click();
    await expect($("h2=Đã nhập xong messy-list.xlsx")).toBeDisplayed();
    await expect($('[data-figure="created"]')).toHaveText("2");
    await expect($('[data-figure="updated"]')).toHaveText("1");
    await expect($('[data-figure="errors"]')).toHaveText("1");
    await photograph("import-result");
  });

  it("saves the row left out, with its reason, to fix and import again", async () => {
    await $("button*=Lưu 1 dòng chưa nhập").click();
    await expect($('[role="status"]').$(`span*=Đã lưu: ${saved}`)).toBeDisplayed();
    expect(existsSync(saved)).toBe(true);
    // The file's own headers, the row as it was, and why it was left out.
    const strings = zipText(readFileSync(saved), "xl/sharedStrings.xml");
    for (const text of ["Họ tên", "SĐT", "Phạm Minh", "gọi sau", "Lý do", "không phải số điện thoại"]) {
      expect(strings).toContain(text);
    }
  });

  it("has the customers in the list, the phone's leading zero back", async () => {
    await $("button=Xem danh sách khách hàng").click();
    await expect(count("3 khách hàng")).toBeDisplayed();
    await expect(row("Nguyễn Thị Hồng")).toBeDisplayed();
    await expect(row("Trần Văn An")).toBeDisplayed();
    await expect(row("Lê Thu Hà")).toBeDisplayed();
    await expect($('[role="grid"]')).toHaveText(expect.stringContaining("0912 345 678"));
    await $("aria/Tìm khách hàng").setValue("tran van an");
    await expect(count("1 khách hàng")).toBeDisplayed();
    await $("button=Xoá tìm kiếm và bộ lọc").click();
    await expect(count("3 khách hàng")).toBeDisplayed();
  });

  it("undoes the whole import from the list of imports", async () => {
    await $("button=Nhập từ Excel").click();
    await $("section[aria-labelledby='import-history'] tbody tr").waitForDisplayed();
    const imports = await $$("section[aria-labelledby='import-history'] tbody tr");
    expect(imports.length).toBe(1);
    await expect(imports[0]).toHaveText(expect.stringContaining("2 thêm mới · 1 cập nhật · 1 bỏ qua · 1 lỗi"));
    await imports[0].$("button=Hoàn tác lần nhập này…").click();
    const dialog = await $("dialog[open]");
    await expect(dialog).toHaveText(expect.stringContaining("2 khách hàng đã thêm sẽ bị xoá, 1 khách hàng đã cập nhật"));
    await dialog.$("button=Đồng ý").click();
    await expect($('[role="status"]').$("span*=Đã hoàn tác: xoá 2, khôi phục 1 khách hàng.")).toBeDisplayed();
    await expect($("section[aria-labelledby='import-history'] tbody tr")).toHaveText(
      expect.stringContaining("Đã hoàn tác lúc"),
    );
    await $("aside, nav").$("button=Khách hàng").click();
    await expect(count("1 khách hàng")).toBeDisplayed();
    await expect(row("Nguyễn Hồng")).toBeDisplayed();
  });
});
