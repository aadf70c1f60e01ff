// A customer's follow-ups: three added through the dialog with different methods and statuses,
// listed newest first with their count, found by a keyword typed without accents and by a date
// range, finished in one click and reopened (Undo puts each back as it was, the day it was
// done included), deleted and brought back with Undo.
import { $, $$, browser, expect } from "@wdio/globals";

const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const shownCount = () => $('[data-testid="followups-count"]');
const expectCount = (text) => expect(shownCount()).toHaveText(text);
const undoOf = (text) =>
  $(
    `//div[contains(@class, 'toast')][span[contains(., '${text}')]]/button[normalize-space(.) = 'Hoàn tác']`,
  );
const item = (subject) =>
  $(
    `//ul[contains(@class, 'items')]/li[.//h3[normalize-space(.) = '${subject}']]`,
  );
const subjects = async () => {
  const shown = await $$("ul.items h3.subject");
  const texts = [];
  for (const el of shown) texts.push(await el.getText());
  return texts;
};

/** `dd/mm/yyyy`, `days` from today on this laptop's clock. */
function day(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}

async function addFollowUp({
  subject,
  method,
  status,
  date,
  time,
  doneOn,
  content,
  result,
}) {
  await $("button=Thêm chăm sóc").click();
  const dialog = await $("dialog[open]");
  await expect(dialog.$("h2=Thêm chăm sóc")).toBeDisplayed();
  await dialog.$("#followup-subject").setValue(subject);
  await dialog.$("#followup-method").selectByVisibleText(method);
  await dialog.$("#followup-status").selectByVisibleText(status);
  await dialog.$("#followup-due-date").setValue(date);
  await dialog.$("#followup-due-time").setValue(time);
  if (doneOn) await dialog.$("#followup-done-on").setValue(doneOn);
  if (content) await dialog.$("#followup-content").setValue(content);
  if (result) await dialog.$("#followup-result").setValue(result);
  await dialog.$("button=Lưu").click();
  await expect(dialog).not.toBeDisplayed();
  await expect(toast(`Đã thêm chăm sóc “${subject}”`)).toBeDisplayed();
}

async function clearFilters() {
  await $("button=Bỏ lọc").click();
  await expectCount("3 kết quả");
}

describe("a customer's follow-ups", () => {
  it("opens a new customer on her empty Follow-ups tab", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Nguyễn Thị Hồng");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await $('[role="grid"]').$("button=Nguyễn Thị Hồng").click();
    await expect($("h1=Nguyễn Thị Hồng")).toBeDisplayed();
    await $("#tab-followups").click();
    await expectCount("0 kết quả");
    await expect($("p*=Chưa có chăm sóc nào")).toBeDisplayed();
  });

  it("refuses a follow-up without a subject at its field", async () => {
    await $("button=Thêm chăm sóc").click();
    const dialog = await $("dialog[open]");
    await dialog.$("#followup-due-date").setValue(day(1));
    await dialog.$("button=Lưu").click();
    await expect(dialog.$("#followup-subject-error")).toHaveText(
      "Vui lòng nhập Tiêu đề.",
    );
    await dialog.$("button=Huỷ").click();
    await expect(dialog).not.toBeDisplayed();
  });

  it("adds three follow-ups and lists them newest first with their count", async () => {
    await addFollowUp({
      subject: "Gọi điện tư vấn tour Nhật Bản",
      method: "Gọi điện",
      status: "Hoàn thành",
      date: day(-30),
      time: "9h",
      doneOn: day(-29),
      result: "Khách quan tâm, hẹn bàn thêm với gia đình.",
    });
    await addFollowUp({
      subject: "Gửi báo giá qua email",
      method: "Email",
      status: "Chưa thực hiện",
      date: day(-10),
      time: "14:30",
      content: "Báo giá tour Châu Âu 10 ngày cho 2 người.",
    });
    await addFollowUp({
      subject: "Hẹn gặp tại văn phòng",
      method: "Gặp mặt",
      status: "Đang xử lý",
      date: day(10),
      time: "10:00",
    });
    await expectCount("3 kết quả");
    expect(await subjects()).toEqual([
      "Hẹn gặp tại văn phòng",
      "Gửi báo giá qua email",
      "Gọi điện tư vấn tour Nhật Bản",
    ]);
    // The open one whose day has passed shows as out of date.
    const late = await $('li[data-state="out_of_date"]');
    await expect(late.$("h3=Gửi báo giá qua email")).toBeDisplayed();
    await expect(late.$("span.badge=Quá hạn")).toBeDisplayed();
    await expect(
      $('li[data-state="finish"]').$("span.badge=Hoàn thành"),
    ).toBeDisplayed();
    await browser.saveScreenshot("/tmp/followups.png");
  });

  it("finds one by a keyword typed without accents", async () => {
    await $("#followups-keyword").setValue("goi dien");
    await expectCount("1 kết quả");
    expect(await subjects()).toEqual(["Gọi điện tư vấn tour Nhật Bản"]);
    await clearFilters();
  });

  it("shows the follow-ups due within a date range", async () => {
    await $("#followups-from").setValue(day(-15));
    await $("#followups-to").setValue(day(10));
    await expectCount("2 kết quả");
    expect(await subjects()).toEqual([
      "Hẹn gặp tại văn phòng",
      "Gửi báo giá qua email",
    ]);
    await $("#followups-state").selectByVisibleText("Quá hạn");
    await expectCount("1 kết quả");
    await clearFilters();
  });

  it("finishes a follow-up in one click", async () => {
    await $("aria/Đánh dấu “Gửi báo giá qua email” đã hoàn thành").click();
    await expect(
      toast("Đã hoàn thành “Gửi báo giá qua email”"),
    ).toBeDisplayed();
    await expect($('li[data-state="out_of_date"]')).not.toBeExisting();
    await expect($$('li[data-state="finish"]')).toBeElementsArrayOfSize(2);
    await expect(item("Gửi báo giá qua email").$("p.meta")).toHaveText(
      `Hoàn thành ${day(0)}`,
    );
    // Undo puts it back as it was: open, out of date, with no done day.
    await undoOf("Đã hoàn thành “Gửi báo giá qua email”").click();
    await expect(item("Gửi báo giá qua email")).toHaveAttribute(
      "data-state",
      "out_of_date",
    );
    await expect(item("Gửi báo giá qua email").$("p.meta")).not.toBeExisting();
    await $("aria/Đánh dấu “Gửi báo giá qua email” đã hoàn thành").click();
    await expect($$('li[data-state="finish"]')).toBeElementsArrayOfSize(2);
  });

  it("reopens a finished one, and Undo brings back the day it was done", async () => {
    const old = item("Gọi điện tư vấn tour Nhật Bản");
    await expect(old.$("p.meta")).toHaveText(`Hoàn thành ${day(-29)}`);
    await $("aria/Mở lại “Gọi điện tư vấn tour Nhật Bản”").click();
    await expect(old).toHaveAttribute("data-state", "out_of_date");
    await expect(old.$("p.meta")).not.toBeExisting();
    await undoOf("Đã mở lại “Gọi điện tư vấn tour Nhật Bản”").click();
    await expect(old).toHaveAttribute("data-state", "finish");
    // The day it was done, not today.
    await expect(old.$("p.meta")).toHaveText(`Hoàn thành ${day(-29)}`);
  });

  it("deletes one after asking, and Undo brings it back", async () => {
    await $("aria/Xoá Hẹn gặp tại văn phòng").click();
    const confirm = await $("dialog[open]");
    await expect(confirm).toHaveText(
      expect.stringContaining("Hẹn gặp tại văn phòng"),
    );
    await confirm.$("button.primary").click();
    await expectCount("2 kết quả");
    // The Undo of this toast, not of the one before it.
    await undoOf("Đã xoá chăm sóc").click();
    await expectCount("3 kết quả");
    expect((await subjects())[0]).toBe("Hẹn gặp tại văn phòng");
  });

  it("edits one in the dialog", async () => {
    await $("aria/Sửa Hẹn gặp tại văn phòng").click();
    const dialog = await $("dialog[open]");
    await expect(dialog.$("h2=Sửa chăm sóc")).toBeDisplayed();
    await expect(dialog.$("#followup-due-time")).toHaveValue("10:00");
    await browser.saveScreenshot("/tmp/followups-dialog.png");
    await dialog
      .$("#followup-content")
      .setValue("Mang theo catalogue tour trăng mật Maldives.");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await expect(
      $("p*=Mang theo catalogue tour trăng mật Maldives."),
    ).toBeDisplayed();
    await browser.saveScreenshot("/tmp/followups-final.png");
  });
});
