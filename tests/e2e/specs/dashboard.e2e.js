// The start page of an agency at work: the demo agency's dashboard, a task marked done from
// "Hôm nay & quá hạn", a calendar day opened to list its tasks, and a task added on a
// customer's Tasks tab (its finish before its start refused at the field first).
import { $, $$, browser, expect } from "@wdio/globals";
import { Key } from "webdriverio";

const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const dueTasks = () => $$('[data-testid="due-tasks"] > li');

async function photograph(name) {
  // A screenshot that never comes back must not hang the spec.
  const shot = browser.saveScreenshot(`/tmp/${name}.png`);
  await Promise.race([shot.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 10000))]);
}

describe("the dashboard", () => {
  it("opens on the welcome of an empty file, then on the dashboard once there are customers", async () => {
    await expect($("h2=Chào mừng đến với Tripdesk")).toBeDisplayed();
    await $("button*=Tải dữ liệu mẫu").click();
    await expect($$('[role="grid"] [role="row"]')).toBeElementsArrayOfSize({ gte: 10 }, { wait: 30000 });
    await browser.keys([Key.Alt, "1"]);
    await expect($("h1=Trang chủ")).toBeDisplayed();
    await expect($("h2=Lịch công việc")).toBeDisplayed();
    await expect($("h2*=Hôm nay & quá hạn")).toBeDisplayed();
    await expect($("h2*=Sinh nhật 14 ngày tới")).toBeDisplayed();
    await expect($("h2*=Hộ chiếu sắp hết hạn")).toBeDisplayed();
    await expect(dueTasks()).toBeElementsArrayOfSize({ gte: 1 });
    await photograph("dashboard");
  });

  it("marks an overdue task done, and it leaves the list", async () => {
    const before = (await dueTasks()).length;
    const first = (await dueTasks())[0];
    const name = await first.getAttribute("data-task");
    await first.$("button*=Xong").click();
    await expect(toast(`Đã xong “${name}”`)).toBeDisplayed();
    await expect(dueTasks()).toBeElementsArrayOfSize(before - 1);
  });

  it("lists the tasks of a calendar day with a dot, chosen by keyboard", async () => {
    const marked = await $("td button.has-tasks");
    const day = await marked.getAttribute("data-day");
    await marked.click();
    const [y, m, d] = day.split("-");
    await expect($(`h3=Công việc ngày ${d}/${m}/${y}`)).toBeDisplayed();
    await expect($$(".day-tasks li")).toBeElementsArrayOfSize({ gte: 1 });
    // The arrows move the focused day, Enter opens it.
    await browser.keys(Key.ArrowRight);
    await browser.keys(Key.Enter);
    await expect($("h3*=Công việc ngày")).not.toHaveText(`Công việc ngày ${d}/${m}/${y}`);
  });

  it("adds a task with an attachment on a customer's Tasks tab, its finish before its start refused at the field", async () => {
    await $('[data-testid="due-tasks"] button.customer').click();
    await expect($('[role="tab"][aria-selected="true"]')).toHaveText("Công việc");
    await $("button*=Thêm công việc").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Tên công việc").setValue("Nộp hồ sơ visa Hàn Quốc");
    await dialog.$("aria/Ngày bắt đầu").clearValue();
    await dialog.$("aria/Ngày bắt đầu").setValue("10/12/2026");
    await dialog.$("aria/Ngày kết thúc").setValue("05/12/2026");
    await dialog.$("#task-priority").selectByVisibleText("Khẩn cấp");
    await dialog.$("button=Lưu").click();
    await expect(dialog.$("#task-finishes_on-error")).toHaveText(
      "Ngày kết thúc không được trước ngày bắt đầu.",
    );
    await dialog.$("aria/Ngày kết thúc").clearValue();
    await dialog.$("aria/Ngày kết thúc").setValue("15/12/2026");
    // A new file of the customer, picked from the task dialog, is attached to it.
    await dialog.$("button=Thêm tệp mới…").click();
    await expect(dialog.$("span.file-name*=hop-dong-du-lich.pdf")).toBeDisplayed();
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await expect(toast("Đã thêm công việc “Nộp hồ sơ visa Hàn Quốc”")).toBeDisplayed();
    const row = await $('tr[data-task="Nộp hồ sơ visa Hàn Quốc"]');
    await expect(row).toBeDisplayed();
    await expect(row.$(".badge")).toHaveText(expect.stringContaining("Khẩn cấp"));
    await expect(row.$("ul.files")).toHaveText(expect.stringContaining("hop-dong-du-lich.pdf"));
    await photograph("tasks");
  });

  it("renames a built-in task type in Settings, and an empty name gives it back", async () => {
    await browser.keys([Key.Alt, "3"]);
    const panel = await $("h2=Loại công việc").parentElement();
    const visa = await panel.$('input[aria-label="Tên: Visa"]');
    await visa.setValue("Thị thực");
    await browser.keys(Key.Tab);
    await expect(panel.$("span.badge=Thị thực")).toBeDisplayed();
    await photograph("settings-lists");
    const renamed = await panel.$('input[aria-label="Tên: Thị thực"]');
    await renamed.click();
    await browser.keys([Key.Ctrl, "a"]);
    await browser.keys(Key.Backspace);
    await browser.keys(Key.Tab);
    await expect(panel.$("span.badge=Visa")).toBeDisplayed();
  });
});
