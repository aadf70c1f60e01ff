// The Overview's charts of a customer's follow-ups: empty for a new customer, counting three
// follow-ups added through the Follow-ups tab by state and by care method and month, and opening
// the Follow-ups tab filtered from a slice (clicked) and from a month of a method (by keyboard).
import { $, browser, expect } from "@wdio/globals";
import { Key } from "webdriverio";

const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const two = (n) => String(n).padStart(2, "0");
const now = new Date();
/** `dd/mm/yyyy` of a day of this month (`back` = 1: of last month). */
function dayOfMonth(day, back = 0) {
  const d = new Date(now.getFullYear(), now.getMonth() - back, day);
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}
const lastDay = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
const monthKey = (back) => {
  const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}`;
};

/** What the charts' summary table says for each state. */
async function stateCounts() {
  await $("#care-summary-states").waitForExist();
  const counts = {};
  for (const state of ["unfulfilled", "processing", "finish", "out_of_date"]) {
    const cell = await $(`#care-summary-states tr[data-state="${state}"] td`);
    counts[state] = Number((await cell.getProperty("textContent")).trim());
  }
  return counts;
}

/** What the summary says for one care method (by its row's label) in one month. */
async function methodCount(label, month) {
  const row = await $(
    `//table[@id="care-summary-methods"]//tr[th[normalize-space()="${label}"]]`,
  );
  const cell = await row.$(`td[data-month="${month}"]`);
  return Number((await cell.getProperty("textContent")).trim());
}

async function methodTotal(label) {
  const row = await $(
    `//table[@id="care-summary-methods"]//tr[th[normalize-space()="${label}"]]`,
  );
  const text = await row.getProperty("textContent");
  return [...text.matchAll(/\d+/g)].reduce((sum, m) => sum + Number(m[0]), 0);
}

async function addFollowUp({ subject, method, status, date, time }) {
  await $("button=Thêm chăm sóc").click();
  const dialog = await $("dialog[open]");
  await dialog.$("#followup-subject").setValue(subject);
  await dialog.$("#followup-method").selectByVisibleText(method);
  await dialog.$("#followup-status").selectByVisibleText(status);
  await dialog.$("#followup-due-date").setValue(date);
  await dialog.$("#followup-due-time").setValue(time);
  await dialog.$("button=Lưu").click();
  await expect(dialog).not.toBeDisplayed();
  await expect(toast(`Đã thêm chăm sóc “${subject}”`)).toBeDisplayed();
}

/** A real mouse click on a pie slice: on a point of its ring that is the slice itself. */
async function clickSlice(state) {
  const point = await browser.execute((s) => {
    const slice = document.querySelector(`figure.by-state [data-state="${s}"]`);
    const box = slice.ownerSVGElement.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    const r = Math.min(box.width, box.height) * 0.4;
    for (let a = 0; a < 360; a += 5) {
      const x = Math.round(cx + r * Math.sin((a * Math.PI) / 180));
      const y = Math.round(cy - r * Math.cos((a * Math.PI) / 180));
      if (document.elementFromPoint(x, y) === slice) return { x, y };
    }
    return null;
  }, state);
  expect(point).not.toBeNull();
  await browser.performActions([
    {
      type: "pointer",
      id: "mouse",
      parameters: { pointerType: "mouse" },
      actions: [
        {
          type: "pointerMove",
          duration: 0,
          origin: "viewport",
          x: point.x,
          y: point.y,
        },
        { type: "pointerDown", button: 0 },
        { type: "pointerUp", button: 0 },
      ],
    },
  ]);
  await browser.releaseActions();
}

describe("the charts of a customer's follow-ups", () => {
  it("are empty for a new customer, every count zero", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue("Phạm Minh Châu");
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    await $('[role="grid"]').$("button=Phạm Minh Châu").click();
    await expect($("h1=Phạm Minh Châu")).toBeDisplayed();
    await expect($("#care-empty")).toHaveText(
      expect.stringContaining("Chưa có theo dõi nào"),
    );
    expect(await stateCounts()).toEqual({
      unfulfilled: 0,
      processing: 0,
      finish: 0,
      out_of_date: 0,
    });
    expect(await methodTotal("Gọi điện")).toBe(0);
    expect(await methodTotal("Zalo")).toBe(0);
  });

  it("count three follow-ups by state and by method and month", async () => {
    await $("#tab-followups").click();
    await addFollowUp({
      subject: "Gọi tư vấn tour Nhật Bản",
      method: "Gọi điện",
      status: "Hoàn thành",
      date: dayOfMonth(10, 1),
      time: "09:00",
    });
    await addFollowUp({
      subject: "Gửi báo giá qua email",
      method: "Email",
      status: "Chưa thực hiện",
      date: dayOfMonth(20, 1),
      time: "14:30",
    });
    await addFollowUp({
      subject: "Nhắn Zalo lịch bay",
      method: "Zalo",
      status: "Đang xử lý",
      date: dayOfMonth(lastDay),
      time: "23:59",
    });
    await $("#tab-overview").click();
    await expect($("figure.by-state text.total")).toHaveText("3");
    expect(await stateCounts()).toEqual({
      unfulfilled: 0,
      processing: 1,
      finish: 1,
      out_of_date: 1,
    });
    expect(await methodCount("Gọi điện", monthKey(1))).toBe(1);
    expect(await methodCount("Email", monthKey(1))).toBe(1);
    expect(await methodCount("Zalo", monthKey(0))).toBe(1);
    expect(await methodTotal("Zalo")).toBe(1);
    expect(await methodTotal("Gặp mặt")).toBe(0);
    await browser.saveScreenshot("/tmp/charts.png");
  });

  it("open the Follow-ups tab filtered by the state of a clicked slice", async () => {
    await clickSlice("out_of_date");
    await expect($("#tab-followups")).toHaveAttribute("aria-selected", "true");
    await expect($("#followups-state")).toHaveValue("out_of_date");
    await expect($('[data-testid="followups-count"]')).toHaveText("1 kết quả");
    await expect($("h3*=Gửi báo giá qua email")).toBeDisplayed();
  });

  it("open a method's month from the figures by keyboard", async () => {
    await $("#tab-overview").click();
    await $("#care-summary-states").waitForExist();
    // The figures table shows itself when the keyboard reaches its links.
    const link = await $(
      `#care-summary-methods td[data-month="${monthKey(0)}"] a`,
    );
    await browser.execute((el) => el.focus(), link);
    await expect($("#care-summary")).toBeDisplayed();
    await browser.keys(Key.Enter);
    await expect($("#tab-followups")).toHaveAttribute("aria-selected", "true");
    await expect($('[data-testid="followups-count"]')).toHaveText("1 kết quả");
    await expect($("h3*=Nhắn Zalo lịch bay")).toBeDisplayed();
  });

  it("reach the slices with Tab and follow the range she picks", async () => {
    await $("#tab-overview").click();
    await $("figure.by-state").waitForExist();
    await browser.execute(
      (el) => el.focus(),
      await $("label*=Khoảng thời gian").$("select"),
    );
    await browser.keys(Key.Tab);
    const focused = await browser.execute(() =>
      document.activeElement?.getAttribute("aria-label"),
    );
    expect(focused).toMatch(/^(Đang xử lý|Hoàn thành|Quá hạn): 1\./);
    await $("label*=Khoảng thời gian")
      .$("select")
      .selectByVisibleText("6 tháng gần nhất");
    await expect($("#care-summary-methods thead th:last-child")).toExist();
    const months = await browser.execute(
      () => document.querySelectorAll("#care-summary-methods thead th").length,
    );
    expect(months).toBe(7);
  });
});
