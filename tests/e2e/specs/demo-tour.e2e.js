// The demo agency: load it from the welcome screen, move through a list of hundreds of
// customers by keyboard and by sorting, walk a Lead on to Potential, add a customer with the
// full form, delete one for good. With TRIPDESK_SCREENSHOTS set, it also photographs the
// screens (the README's picture comes from here).
import { $, $$, browser, expect } from "@wdio/globals";
import path from "node:path";
import { Key } from "webdriverio";

const shots = process.env.TRIPDESK_SCREENSHOTS;
async function photograph(name) {
  if (shots) await browser.saveScreenshot(path.join(shots, `${name}.png`));
}
const grid = () => $('[role="grid"]');
const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const count = () => $("main footer span");

describe("the demo agency", () => {
  it("loads from the welcome screen", async () => {
    await $("button*=Tải dữ liệu mẫu").click();
    // 4 of the 200 demo customers are archived.
    await expect(count()).toHaveText("196 khách hàng", { wait: 30000 });
    await expect($$('[role="grid"] [role="row"]')).toBeElementsArrayOfSize({ gte: 10 });
    await photograph("list");
  });

  it("sorts by any column, both ways", async () => {
    await grid().$("button*=Mã KH").click();
    await expect(grid().$('[aria-rowindex="2"] [role="gridcell"].code')).toHaveText("KH00001");
    await grid().$("button*=Mã KH").click();
    await expect(grid().$('[aria-rowindex="2"] [role="gridcell"].code')).toHaveText("KH00200");
    await expect(grid().$('[role="columnheader"][aria-sort="descending"]')).toHaveText(expect.stringContaining("Mã KH"));
    await grid().$("button*=Họ và tên").click();
  });

  it("moves through the list by keyboard and opens the selected customer with Enter", async () => {
    await grid().click();
    await browser.keys(Key.End);
    await expect(grid().$('[aria-rowindex="197"]')).toHaveAttribute("aria-selected", "true");
    for (const key of [Key.Home, Key.ArrowDown, Key.ArrowDown]) await browser.keys(key);
    await expect(grid().$('[aria-rowindex="4"]')).toHaveAttribute("aria-selected", "true");
    const name = await grid().$('[aria-rowindex="4"] .name button').getText();
    await browser.keys(Key.Enter);
    await expect($(`h1=${name}`)).toBeDisplayed();
    await expect($("nav").$(`span=${name}`)).toBeDisplayed(); // recently viewed
  });

  it("walks a Lead on to Potential in one recorded step", async () => {
    await $("nav").$("button=Khách hàng").click();
    await $("label=Cấp độ").$("select").selectByVisibleText("Lead");
    const lead = await grid().$(".name button");
    const name = await lead.getText();
    await lead.click();
    await $("button=Chuyển sang Tiềm năng").click();
    await expect(toast(`${name} đã chuyển sang Tiềm năng`)).toBeDisplayed();
    await expect($("button=Chuyển sang Khách hàng")).toBeDisplayed();
    await photograph("customer");
    await $("button=Lịch sử").click();
    await expect($("table")).toHaveText(expect.stringContaining("Chuyển cấp độ"));
    await expect($("table")).toHaveText(expect.stringContaining("Lead"));
    await photograph("history");
  });

  it("adds a customer with the full form, each problem next to its field", async () => {
    await $("nav").$("button=Khách hàng").click();
    await $("label=Cấp độ").$("select").selectByVisibleText("Tất cả");
    await $("button=Thêm khách hàng").click();
    const form = await $("#full-form");
    await form.$("aria/Họ và tên").setValue("Đặng Thu Thảo");
    await form.$("aria/Ngày sinh").setValue("31/02/1990");
    await form.$("aria/Email").setValue("thao@example");
    await form.$("button=Tạo khách hàng").click();
    await expect(form.$("#new-birth_date-error")).toHaveText(expect.stringContaining("31/02/1990"));
    await form.$("aria/Ngày sinh").clearValue();
    await form.$("aria/Ngày sinh").setValue("14/02/1990");
    await form.$("button=Tạo khách hàng").click();
    await expect(form.$("#new-emails-error")).toHaveText("“thao@example” không phải là địa chỉ email hợp lệ.");
    await form.$("aria/Email").addValue(".vn");
    await form.$("aria/Số hộ chiếu").setValue("c 1234567");
    await form.$("button=Tạo khách hàng").click();
    await expect($("h1=Đặng Thu Thảo")).toBeDisplayed();
    await expect($("aria/Sửa Ngày sinh")).toHaveText("14/02/1990");
    await expect($("aria/Sửa Số hộ chiếu")).toHaveText("C1234567");
    await expect($("aria/Sửa Mã khách hàng")).toHaveText("KH00201");
  });

  it("deletes a customer for good only after naming what goes and her code is typed", async () => {
    await $("button=Xoá vĩnh viễn…").click();
    const dialog = await $("dialog[open]");
    await expect(dialog.$("h2")).toHaveText("Xoá vĩnh viễn Đặng Thu Thảo?");
    await expect(dialog).toHaveText(expect.stringContaining("họ tên, điện thoại, email"));
    const erase = await dialog.$("button=Xoá vĩnh viễn");
    await expect(erase).toBeDisabled();
    await photograph("erase");
    await dialog.$("aria/Gõ mã KH00201 để xác nhận").setValue("kh00201");
    await expect(erase).toBeEnabled();
    await erase.click();
    await expect(toast("Đã xoá vĩnh viễn Đặng Thu Thảo")).toBeDisplayed();
    await expect(count()).toHaveText("196 khách hàng");
    await $("aria/Tìm khách hàng").setValue("dang thu thao");
    await expect(count()).toHaveText("0 khách hàng");
  });

  it("shows the settings: agency, staff, levels, custom fields", async () => {
    await $("nav").$("button=Cài đặt").click();
    await expect($("aria/Tên công ty")).toHaveValue("Công ty TNHH Du lịch Sen Vàng");
    await expect($("td=Phạm Thu Trang")).toBeDisplayed();
    await expect($("strong=Sở thích du lịch")).toBeDisplayed();
    await photograph("settings");
  });

  it("gives the agency a logo picked from a file", async () => {
    await expect($("span=Chưa có logo")).toBeDisplayed();
    await $("button=Chọn logo…").click();
    const logo = await $('img[alt="Logo công ty"]');
    await expect(logo).toBeDisplayed();
    expect(await logo.getProperty("naturalWidth")).toBe(128);
    await $("button=Bỏ logo").click();
    await expect($("span=Chưa có logo")).toBeDisplayed();
  });

  it("shows a customer's care on her Overview: follow-ups by state and by method", async () => {
    await $("nav").$("button=Khách hàng").click();
    await $("aria/Tìm khách hàng").setValue("ho van phong");
    await expect(count()).toHaveText("1 khách hàng");
    await grid().$(".name button").click();
    await $("#care-summary-states").waitForExist();
    // The demo gives most customers a few follow-ups: the summary counts them.
    const counts = await $$("#care-summary-states td").map((td) => td.getProperty("textContent"));
    expect(counts.map((c) => Number(String(c).trim())).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The README's picture: no notice left over from the steps before.
    await $('[role="status"] button').waitForExist({ reverse: true, timeout: 15000 });
    await photograph("overview");
  });
});
