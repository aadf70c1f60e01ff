// A customer's people and papers: contacts and addresses, a bank account with its SWIFT code
// checked at the field, and notes shown exactly as typed (HTML included, as text).
import { $, $$, browser, expect } from "@wdio/globals";
import { Key } from "webdriverio";

const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const NOTE = "Khách ăn chay <img src=x onerror=alert(1)>\nThích phòng tầng cao";

/** The notes' texts, top to bottom, once they read so (a keyed list moves its rows). */
async function expectBodies(expected) {
  await browser.waitUntil(
    async () => {
      const bodies = await $$(".note-list p.body").map((p) => p.getProperty("textContent"));
      return JSON.stringify(bodies) === JSON.stringify(expected);
    },
    { timeoutMsg: `notes are not ${JSON.stringify(expected)}` },
  );
}

async function confirmYes() {
  const dialog = await $("dialog[open]");
  await dialog.$("button.primary").click();
  await expect(dialog).not.toBeDisplayed();
}

describe("a customer's contacts, bank accounts and notes", () => {
  it("opens a new customer on her Contacts tab", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Nguyễn Thị Hồng");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await $('[role="grid"]').$("button=Nguyễn Thị Hồng").click();
    await expect($("h1=Nguyễn Thị Hồng")).toBeDisplayed();
    await $("button=Liên hệ").click();
    await expect($("h2=Người liên hệ")).toBeDisplayed();
    await expect($("h2=Địa chỉ")).toBeDisplayed();
  });

  it("adds a contact, who is listed as the primary one", async () => {
    await $("button=Thêm người liên hệ").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Trần Văn Bình");
    await dialog.$("aria/Phòng ban").setValue("Phòng Nhân sự");
    await dialog.$("aria/Chức vụ / quan hệ").setValue("Trưởng phòng");
    await dialog.$("aria/Điện thoại").setValue("0903123456");
    await dialog.$("aria/Email").setValue("binh@hoabinh.vn");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await expect(toast("Đã thêm người liên hệ “Trần Văn Bình”")).toBeDisplayed();
    const list = await $("#contact-list");
    await expect(list).toHaveText(expect.stringContaining("Trần Văn Bình"));
    await expect(list.$("span.badge=Liên hệ chính")).toBeDisplayed();
    await expect(list.$("button=0903 123 456")).toBeDisplayed();
    await expect(list.$("button=binh@hoabinh.vn")).toBeDisplayed();
  });

  it("refuses a contact without a name at the field", async () => {
    await $("button=Thêm người liên hệ").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Phòng ban").setValue("Phòng Kế toán");
    await dialog.$("button=Lưu").click();
    await expect(dialog.$("p#contact-full_name-error")).toHaveText("Vui lòng nhập Họ và tên.");
    await dialog.$("aria/Họ và tên").setValue("Lê Thị Lan");
    await dialog.$("aria/Chức vụ / quan hệ").setValue("Kế toán trưởng");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    // The primary one stays first, the second offers to become primary.
    await expect($("#contact-list tbody tr:first-child td")).toHaveText(expect.stringContaining("Trần Văn Bình"));
    await expect($("aria/Đặt Lê Thị Lan làm liên hệ chính")).toBeDisplayed();
  });

  it("adds an address, which is the default", async () => {
    await $("button=Thêm địa chỉ").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Địa chỉ").setValue("12 Lê Lợi, Phường Bến Nghé, Quận 1");
    await dialog.$("aria/Tỉnh / thành phố").setValue("TP. Hồ Chí Minh");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    const list = await $("#address-list");
    await expect(list).toHaveText(expect.stringContaining("12 Lê Lợi, Phường Bến Nghé, Quận 1"));
    await expect(list.$("span.badge=Mặc định")).toBeDisplayed();
    await browser.saveScreenshot("/tmp/people-contacts.png");
  });

  it("refuses a wrong SWIFT code at its field and saves a right one", async () => {
    await $("button=Ngân hàng").click();
    await $("button=Thêm tài khoản").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Số tài khoản").setValue("0071 0012 34567");
    await dialog.$("aria/Tên chủ tài khoản").setValue("NGUYEN THI HONG");
    await dialog.$("aria/Ngân hàng").setValue("Vietcombank");
    await dialog.$("aria/Chi nhánh").setValue("Chi nhánh Tân Định");
    const swift = await dialog.$("aria/Mã SWIFT");
    await swift.setValue("BFTV-VNVX");
    await dialog.$("button=Lưu").click();
    await expect(dialog.$("p#bank-swift-error")).toHaveText(
      "“BFTV-VNVX” không phải là mã SWIFT hợp lệ (8 hoặc 11 chữ cái và chữ số).",
    );
    await expect(swift).toHaveAttribute("aria-invalid", "true");
    await browser.saveScreenshot("/tmp/people-swift-error.png");
    await swift.clearValue();
    await swift.setValue("bftvvnvx");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    const list = await $("#bank-list");
    await expect(list).toHaveText(expect.stringContaining("0071001234567"));
    await expect(list).toHaveText(expect.stringContaining("BFTVVNVX"));
    await expect(list.$("span.badge=Mặc định")).toBeDisplayed();
    await browser.saveScreenshot("/tmp/people-banks.png");
  });

  it("shows a note with HTML exactly as typed, as text", async () => {
    await $("button=Ghi chú").click();
    // WebKit's driver drops a "\n" typed into a textarea: the line break is a key press.
    const [first, second] = NOTE.split("\n");
    const draft = await $("aria/Ghi chú mới");
    await draft.setValue(first);
    await browser.keys([Key.Enter]);
    await draft.addValue(second);
    await $("button=Thêm ghi chú").click();
    await expect(toast("Đã thêm ghi chú")).toBeDisplayed();
    const body = await $(".note-list p.body");
    expect(await body.getProperty("textContent")).toBe(NOTE);
    await expect($$(".note-list img")).toBeElementsArrayOfSize(0);
    await expect(await browser.execute(() => document.querySelectorAll("img[src='x']").length)).toBe(0);
  });

  it("pins a note above the newer ones", async () => {
    await $("aria/Ghi chú mới").setValue("Hộ chiếu hết hạn 03/2027, nhắc gia hạn");
    await $("button=Thêm ghi chú").click();
    await expectBodies(["Hộ chiếu hết hạn 03/2027, nhắc gia hạn", NOTE]);
    await $(".note-list li:nth-child(2)").$("button=Ghim").click();
    await expectBodies([NOTE, "Hộ chiếu hết hạn 03/2027, nhắc gia hạn"]);
    await expect($(".note-list li:first-child").$("span.badge=Đã ghim")).toBeDisplayed();
    await browser.saveScreenshot("/tmp/people-notes.png");
  });

  it("deletes a note after asking, and Undo brings it back", async () => {
    await $("aria/Xoá ghi chú “Hộ chiếu hết hạn 03/2027, nhắc gia hạn”").click();
    await confirmYes();
    await expect($$(".note-list li")).toBeElementsArrayOfSize(1);
    // The Undo of this deletion, not of an older notice still showing.
    await $('//div[contains(concat(" ", normalize-space(@class), " "), " toast ")][contains(., "Đã xoá ghi chú")]//button[.="Hoàn tác"]').click();
    await expect($$(".note-list li")).toBeElementsArrayOfSize(2);
  });

  it("shows every change in her History", async () => {
    await $("button=Lịch sử").click();
    const table = await $("table");
    await expect(table).toHaveText(expect.stringContaining("Người liên hệ"));
    await expect(table).toHaveText(expect.stringContaining("Tài khoản ngân hàng"));
    await expect(table).toHaveText(expect.stringContaining("Mã SWIFT"));
    await expect(table).toHaveText(expect.stringContaining("Ghi chú"));
    await browser.saveScreenshot("/tmp/people-history.png");
  });
});
