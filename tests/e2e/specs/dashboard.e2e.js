// The start page of an agency at work: the demo agency's dashboard, a task marked done from
// "Hôm nay & quá hạn" (and its Undo), a calendar day opened to list its tasks, a task added
// on a customer's Tasks tab (its finish before its start refused at the field first), and a
// task type renamed in Settings.
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
    // How many are due in all: "(12)", or "(100 trên 345)" when the list shows the first 100.
    await expect($('[data-testid="due-tasks-count"]')).toHaveText(/^\((\d+|100 trên [\d.,]+)\)$/);
    await photograph("dashboard");
  });

  it("marks a due task done, it leaves the list, and Undo brings it back", async () => {
    const count = $('[data-testid="due-tasks-count"]');
    const before = await count.getText();
    const first = (await dueTasks())[0];
    const name = await first.getAttribute("data-task");
    const id = await first.getAttribute("data-id");
    const row = () => $(`[data-testid="due-tasks"] > li[data-id="${id}"]`);
    await first.$("button*=Xong").click();
    await expect(toast(`Đã xong “${name}”`)).toBeDisplayed();
    await expect(row()).not.toBeExisting();
    await expect(count).not.toHaveText(before);
    await toast(`Đã xong “${name}”`).parentElement().$("button=Hoàn tác").click();
    await expect(row()).toBeExisting();
    await expect(count).toHaveText(before);
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
    // Each entry's name is the visible label of the input that renames it.
    const inputOf = async (name) => panel.$(`#${await panel.$(`label.badge=${name}`).getAttribute("for")}`);
    await expect(panel.$('button[aria-label="Xoá “Visa”"]')).toBeExisting();
    await (await inputOf("Visa")).setValue("Thị thực");
    await browser.keys(Key.Tab);
    await expect(panel.$("label.badge=Thị thực")).toBeDisplayed();
    await photograph("settings-lists");
    await (await inputOf("Thị thực")).click();
    await browser.keys([Key.Ctrl, "a"]);
    await browser.keys(Key.Backspace);
    await browser.keys(Key.Tab);
    await expect(panel.$("label.badge=Visa")).toBeDisplayed();
  });
});
