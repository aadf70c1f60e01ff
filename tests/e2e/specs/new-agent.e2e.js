// A new agent's first minutes: quick add, search without accents, edit in place, archive and
// restore, switch to English. Elements are found the way she sees them: by label, role, text.
import { $, $$, browser, expect } from "@wdio/globals";
import { Key } from "webdriverio";

const row = (name) => $('[role="grid"]').$(`button=${name}`);
const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const count = (text) => $("main footer").$(`span=${text}`);

async function quickAdd(name, phone, email) {
  await $("button=Thêm nhanh").click();
  const dialog = await $("dialog[open]");
  await dialog.$("aria/Họ và tên").setValue(name);
  if (phone) await dialog.$("aria/Điện thoại").setValue(phone);
  if (email) await dialog.$("aria/Email").setValue(email);
  await dialog.$("button=Lưu").click();
  await expect(dialog).not.toBeDisplayed();
}

describe("a new travel agent", () => {
  it("is welcomed on an empty file and offered demo data", async () => {
    await expect($("h2=Chào mừng đến với Tripdesk")).toBeDisplayed();
    await expect($("button*=Tải dữ liệu mẫu")).toBeDisplayed();
  });

  it("adds customers with the quick-add dialog", async () => {
    await quickAdd("Nguyễn Thị Hồng", "0903 123 456", "hong@example.vn");
    await expect(toast("Đã thêm Nguyễn Thị Hồng (KH00001)")).toBeDisplayed();
    await quickAdd("Trần Văn An", "0987 654 321", "");
    await expect(row("Nguyễn Thị Hồng")).toBeDisplayed();
    await expect(row("Trần Văn An")).toBeDisplayed();
    await expect(count("2 khách hàng")).toBeDisplayed();
  });

  it("says what is wrong next to the field instead of saving a bad phone", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Lê Thu");
    await dialog.$("aria/Điện thoại").setValue("12345");
    await dialog.$("button=Lưu").click();
    await expect(dialog.$("p.error")).toHaveText("“12345” không phải là số điện thoại hợp lệ.");
    await browser.keys(Key.Escape);
    await expect(dialog).not.toBeDisplayed();
    await expect(count("2 khách hàng")).toBeDisplayed();
  });

  it("finds her by typing her name without accents", async () => {
    const search = await $("aria/Tìm khách hàng");
    await search.setValue("nguyen thi hong");
    await expect(count("1 khách hàng")).toBeDisplayed();
    await expect(row("Nguyễn Thị Hồng")).toBeDisplayed();
    await expect(row("Trần Văn An")).not.toBeExisting();
    await search.setValue("NGUYEN");
    await expect(count("1 khách hàng")).toBeDisplayed();
  });

  it("opens her with Enter and edits her phone in place", async () => {
    await browser.keys(Key.Enter);
    await expect($("h1=Nguyễn Thị Hồng")).toBeDisplayed();
    await $("aria/Sửa Điện thoại").click();
    const input = await $("input#edit-phones");
    await input.clearValue();
    await input.setValue("0912 345 678");
    await browser.keys(Key.Enter);
    const shown = await $("aria/Sửa Điện thoại");
    await expect(shown).toHaveText(expect.stringMatching(/^0?91\s?2/));
    await expect(toast("Đã lưu Điện thoại")).toBeDisplayed();
    // A bad value is refused next to the field; Escape leaves the saved one.
    await shown.click();
    await (await $("input#edit-phones")).setValue("12345");
    await browser.keys(Key.Enter);
    await expect($("p#edit-phones-error")).toHaveText("“12345” không phải là số điện thoại hợp lệ.");
    await browser.keys(Key.Escape);
    const digits = (await $("aria/Sửa Điện thoại").getText()).replace(/\D/g, "");
    expect(digits).toBe("0912345678");
  });

  it("shows the change in her history with the old and new value", async () => {
    await $("button=Lịch sử").click();
    const table = await $("table");
    await expect(table).toHaveText(expect.stringContaining("Điện thoại"));
    await expect(table).toHaveText(expect.stringContaining("0903 123 456"));
    await expect(table).toHaveText(expect.stringContaining("0912 345 678"));
    await expect(table).toHaveText(expect.stringContaining("Tạo mới"));
    await $("button=Tổng quan").click();
  });

  it("archives her: she leaves the list and waits under the Archived filter", async () => {
    await $("button=Lưu trữ").click();
    await expect(toast("Đã lưu trữ Nguyễn Thị Hồng")).toBeDisplayed();
    await $("nav").$("button=Khách hàng").click();
    await expect(count("0 khách hàng")).toBeDisplayed();
    await $("button=Xoá tìm kiếm và bộ lọc").click();
    await expect(row("Trần Văn An")).toBeDisplayed();
    await expect(row("Nguyễn Thị Hồng")).not.toBeExisting();
    await $("label*=Đã lưu trữ").click();
    await expect(row("Nguyễn Thị Hồng")).toBeDisplayed();
    await expect(row("Trần Văn An")).not.toBeExisting();
  });

  it("restores her to the list", async () => {
    await row("Nguyễn Thị Hồng").click();
    await $("button=Khôi phục").click();
    await expect(toast("Đã khôi phục Nguyễn Thị Hồng")).toBeDisplayed();
    await $("nav").$("button=Khách hàng").click();
    await $("label*=Đã lưu trữ").click();
    await expect(row("Nguyễn Thị Hồng")).toBeDisplayed();
    await expect(row("Trần Văn An")).toBeDisplayed();
  });

  it("switches the UI to English in Settings, and it stays English", async () => {
    await $("nav").$("button=Cài đặt").click();
    await $("label=English").click();
    await expect($("h1=Settings")).toBeDisplayed();
    await $("nav").$("button=Customers").click();
    await expect($("h1=Customers")).toBeDisplayed();
    await expect(count("2 customers")).toBeDisplayed();
    await browser.reloadSession();
    // A file with customers opens on the dashboard.
    await expect($("h1=Dashboard")).toBeDisplayed();
    await $("nav").$("button=Customers").click();
    await expect($("h1=Customers")).toBeDisplayed();
    await expect($$('[role="grid"] [role="row"]')).toBeElementsArrayOfSize(3);
  });
});
