// A customer's money: the agency's bank account and a staff member set up in Settings; a quote
// with two lines priced by the desk, accepted into a booking; prepaid credit topped up in VND and
// USD (a wrong amount refused at its field); the booking paid partly from that credit (more than
// its balance, after a confirmation naming the balance left) and partly by a transfer to the
// agency's account; the balances read back per currency, the VND one overdrawn in parentheses
// and flagged; revenue, receipted and owed on the Overview, where the responsible person changes;
// every step in her History. It photographs the Prepaid tab and the Overview's money cards.
import { $, $$, browser, expect } from "@wdio/globals";
import { photograph } from "../lib/shared.js";

/** Amounts as read on screen. The desk writes a no-break space before the sign; the driver's
 *  visible text gives it as a plain one (the quote's total checks the no-break space itself). */
const vnd = (digits) => `${digits} ₫`;
const usd = (digits) => `${digits} US$`;
const year = new Date().getFullYear();
const CUSTOMER = "Phạm Minh Châu";
const STAFF = "Phạm Thu Trang";
const LINE_1 = "Vé máy bay Hà Nội - Tokyo";
const LINE_2 = "Khách sạn 4 sao, 5 đêm";

/** Waits for a notice containing `text`. */
const expectToast = (text) => expectText($(".toasts"), text);
/** The confirmation asked over whatever dialog is open. */
const confirmation = () =>
  $(`//dialog[@open][.//h2[normalize-space()="Xác nhận"]]`);
/** An element's text as she reads it, its spacing made plain (a no-break space kept). */
const textOf = async (el) =>
  (await (await find(el)).getText()).replace(/[\s\u00a0]+/g, " ").trim();
/** An element, or a function finding it afresh each time it is read (the page redraws). */
const find = (el) => (typeof el === "function" ? el() : el);
/** Waits until an element's text contains every one of `parts`. */
async function expectText(el, ...parts) {
  let last = "";
  await browser.waitUntil(
    async () => {
      last = await textOf(el).catch(() => "");
      return parts.every((p) => last.includes(p));
    },
    {
      timeoutMsg: `expected ${JSON.stringify(parts)} in ${JSON.stringify(last)}`,
    },
  );
}
/** Waits until an element's text is exactly `text`. */
async function expectExactly(el, text) {
  let last = "";
  await browser.waitUntil(
    async () => {
      last = await textOf(el).catch(() => "");
      return last === text;
    },
    {
      timeoutMsg: `expected ${JSON.stringify(text)}, read ${JSON.stringify(last)}`,
    },
  );
}
/** A table row as read, a space between its cells (the driver's text runs them together). */
const cellsOf = async (row) => {
  const texts = [];
  for (const cell of await (await find(row)).$$("th, td"))
    texts.push(await textOf(cell));
  return texts.join(" ").replace(/ +/g, " ").trim();
};
/** The rows of a table's body, as read. */
const rowsOf = async (table) => {
  const texts = [];
  for (const r of await (await find(table)).$$("tbody tr"))
    texts.push(await cellsOf(r));
  return texts;
};
async function expectRows(table, expected) {
  let last = [];
  await browser.waitUntil(
    async () => {
      last = await rowsOf(table).catch(() => []);
      return JSON.stringify(last) === JSON.stringify(expected);
    },
    {
      timeoutMsg: `expected rows ${JSON.stringify(expected)}, read ${JSON.stringify(last)}`,
    },
  );
}

/** `dd/mm/yyyy`, `days` from today on this laptop's clock. */
function day(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const two = (n) => String(n).padStart(2, "0");
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()}`;
}


let quoteCode = "";
let bookingCode = "";

async function openTab(id) {
  await $(`#tab-${id}`).click();
  await expect($(`#tab-${id}`)).toHaveAttribute("aria-selected", "true");
}

async function topUp({ description, amount, currency }) {
  await $("button*=Nạp tiền").click();
  const dialog = await $("dialog[open]");
  await expect(dialog.$("h2=Nạp tiền trả trước")).toBeDisplayed();
  await dialog.$("#top-up-description").setValue(description);
  // The agency's currency comes in by itself; wait for it before choosing another.
  await expect(dialog.$("#top-up-currency")).toHaveValue("VND");
  if (currency !== "VND")
    await dialog.$("#top-up-currency").selectByVisibleText(currency);
  await dialog.$("#top-up-amount").setValue(amount);
  await dialog.$("button=Lưu").click();
  await expect(dialog).not.toBeDisplayed();
}

async function addPayment({ amount, method, account, reference }) {
  const detail = await $('[data-testid="booking-detail"]');
  await detail.$("button*=Thêm thanh toán").click();
  const dialog = await $("dialog[open]");
  await expect(
    dialog.$(`h2=Thêm thanh toán cho đơn ${bookingCode}`),
  ).toBeDisplayed();
  await expect(dialog.$("#payment-paid_on")).toHaveValue(day(0));
  await dialog.$("#payment-amount").setValue(amount);
  await dialog.$("#payment-method").selectByVisibleText(method);
  if (account)
    await dialog.$("#payment-account_id").selectByVisibleText(account);
  if (reference) await dialog.$("#payment-reference").setValue(reference);
  await dialog.$("button=Lưu").click();
  return dialog;
}

describe("a customer's quotes, bookings, payments and prepaid credit", () => {
  it("sets up the agency's bank account and a staff member in Settings", async () => {
    await $("nav").$("button=Cài đặt").click();
    await expect($("#agency-currency")).toHaveValue("VND");
    await $("#agency-account-new-bank_name").setValue("Vietcombank");
    await $("#agency-account-new-account_number").setValue("0071001234567");
    await $("#agency-account-new-account_name").setValue(
      "CONG TY TNHH DU LICH SEN VANG",
    );
    await $("#agency-account-new-branch").setValue("Chi nhánh Hoàn Kiếm");
    await $("button=Thêm tài khoản").click();
    await expectToast("Đã thêm tài khoản Vietcombank 0071001234567");
    await expectText(
      $('[data-testid="agency-accounts"]'),
      "0071001234567",
      "CONG TY TNHH DU LICH SEN VANG",
    );
    await $("#staff-new-name").setValue(STAFF);
    await $("#staff-new-email").setValue("trang@senvang.vn");
    await $("button=Thêm nhân viên").click();
    await expect($(`td=${STAFF}`)).toBeDisplayed();
  });

  it("adds a customer and gives her a quote of two lines, priced by the desk", async () => {
    await $("nav").$("button=Khách hàng").click();
    await $("button=Thêm nhanh").click();
    const add = await $("dialog[open]");
    await add.$("aria/Họ và tên").setValue(CUSTOMER);
    await add.$("button=Lưu").click();
    await expect(add).not.toBeDisplayed();
    await $('[role="grid"]').$(`button=${CUSTOMER}`).click();
    await expect($(`h1=${CUSTOMER}`)).toBeDisplayed();
    // No money yet: the Overview says so.
    await expectText(
      $('[data-testid="revenue-card"]'),
      "Chưa có đơn đặt dịch vụ nào",
    );

    await openTab("quotes");
    await expect($("p*=Chưa có báo giá nào")).toBeDisplayed();
    await $("button*=Báo giá mới").click();
    const dialog = await $("dialog[open]");
    await expect(dialog.$("h2=Báo giá mới")).toBeDisplayed();
    await dialog.$("#quote-title").setValue("Tour Nhật Bản 6 ngày 5 đêm");
    await dialog.$("#quote-destination").setValue("Tokyo");
    await dialog.$("#quote-departure_on").setValue(day(45));
    await dialog.$("#quote-valid_until").setValue(day(14));
    await expect(dialog.$("#quote-currency")).toHaveValue("VND");
    await dialog.$("aria/Nội dung (dòng 1)").setValue(LINE_1);
    await dialog.$("aria/Số lượng (dòng 1)").setValue("2");
    await dialog.$("aria/Đơn giá (dòng 1)").setValue("12.500.000");
    await dialog.$("button*=Thêm hạng mục").click();
    await dialog.$("aria/Nội dung (dòng 2)").setValue(LINE_2);
    await dialog.$("aria/Đơn giá (dòng 2)").setValue("15.000.000");
    // The running total is the desk's, a moment after she stops typing.
    await expectExactly(
      dialog.$('[data-testid="quote-dialog-total"]'),
      vnd("40.000.000"),
    );
    await expectExactly(
      dialog.$('[data-testid="quote-line-amount"]'),
      vnd("25.000.000"),
    );
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();

    const row = await $("tr[data-quote]");
    quoteCode = await row.getAttribute("data-quote");
    expect(quoteCode).toMatch(new RegExp(`^QT-${year}-\\d{4}$`));
    await expectToast(`Đã tạo báo giá ${quoteCode}`);
    await expectExactly(
      row.$('[data-testid="quote-total"]'),
      vnd("40.000.000"),
    );
    // As written on the page: a no-break space keeps the sign with its figure.
    expect(
      await row.$('[data-testid="quote-total"]').getProperty("textContent"),
    ).toBe("40.000.000\u00a0₫");
    await expect(row.$("span.badge")).toHaveText("Nháp");
    await expect($('[data-testid="quotes-count"]')).toHaveText("1 báo giá");
  });

  it("accepts the quote into a booking carrying both lines", async () => {
    await $(`aria/Chấp nhận báo giá ${quoteCode} và tạo đơn đặt chỗ`).click();
    const ask = await confirmation();
    await expectText(ask, `báo giá ${quoteCode}`, `(${vnd("40.000.000")})`);
    await ask.$("button=Đồng ý").click();
    await expect(ask).not.toBeDisplayed();
    const notice = await $('[data-testid="quote-accepted"]');
    await expectText(
      notice,
      `Báo giá ${quoteCode} đã thành đơn đặt chỗ BK-${year}-`,
    );
    bookingCode = /BK-\d{4}-\d{4}/.exec(await textOf(notice))?.[0] ?? "";
    expect(bookingCode).toMatch(new RegExp(`^BK-${year}-\\d{4}$`));
    await expect($(`tr[data-quote="${quoteCode}"] span.badge`)).toHaveText(
      "Đã chấp nhận",
    );

    await $("#quotes-open-booking").click();
    await expect($("#tab-bookings")).toHaveAttribute("aria-selected", "true");
    const detail = await $('[data-testid="booking-detail"]');
    await expectText(
      detail.$("#booking-detail-title"),
      bookingCode,
      "Tour Nhật Bản 6 ngày 5 đêm",
    );
    await expectText(detail, `Từ báo giá ${quoteCode}`, LINE_1, LINE_2);
    await expectText(
      detail.$("table.lines"),
      vnd("12.500.000"),
      vnd("25.000.000"),
      vnd("15.000.000"),
    );
    const figures = await detail.$('[data-testid="booking-figures"]');
    await expectText(
      figures,
      `Tổng cộng ${vnd("40.000.000")}`,
      `Đã trả ${vnd("0")}`,
    );
    await expectExactly(
      detail.$('[data-testid="booking-remaining"]'),
      vnd("40.000.000"),
    );
    const row = await $(`tr[data-booking="${bookingCode}"]`);
    await expectText(row, vnd("40.000.000"), `Từ báo giá ${quoteCode}`);
  });

  it("refuses a wrong amount at its field, then tops up 5.000.000 VND and 200 USD", async () => {
    await openTab("prepaid");
    await expect($('[data-testid="prepaid-count"]')).toHaveText("0 mục");
    await $("button*=Nạp tiền").click();
    const dialog = await $("dialog[open]");
    await dialog
      .$("#top-up-description")
      .setValue("Khách chuyển khoản đặt cọc");
    await expect(dialog.$("#top-up-currency")).toHaveValue("VND");
    await dialog.$("#top-up-amount").setValue("12,5,0");
    await dialog.$("button=Lưu").click();
    await expect(dialog.$("#top-up-amount-error")).toHaveText(
      "“12,5,0” không phải là một số tiền.",
    );
    await expect(dialog.$("#top-up-amount")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await dialog.$("button=Huỷ").click();
    await expect(dialog).not.toBeDisplayed();
    await expect($('[data-testid="prepaid-count"]')).toHaveText("0 mục");
    await expect($("p*=Chưa có khoản nạp hay thanh toán nào")).toBeDisplayed();

    await topUp({
      description: "Khách chuyển khoản đặt cọc",
      amount: "5.000.000",
      currency: "VND",
    });
    await expectToast(`Đã nạp ${vnd("5.000.000")}.`);
    await expectExactly(
      $('[data-testid="prepaid-balance"]'),
      `Số dư ${vnd("5.000.000")}`,
    );
    await topUp({
      description: "Tiền mặt đô la",
      amount: "200",
      currency: "USD",
    });
    await expectToast(`Đã nạp ${usd("200,00")}.`);
    await expect($('[data-testid="prepaid-count"]')).toHaveText("2 mục");
    // Two currencies: a balance for each, and no total across them.
    const balance = await $('[data-testid="prepaid-balance"]');
    await expectText(balance, "Số dư theo từng loại tiền");
    await expectRows(
      balance,
      [`USD ${usd("200,00")}`, `VND ${vnd("5.000.000")}`].sort(),
    );
    await expect($('[data-testid="prepaid-negative"]')).not.toBeExisting();
  });

  it("pays the booking from prepaid credit beyond its balance, after a confirmation, and by transfer", async () => {
    await openTab("bookings");
    await $(`aria/Mở đơn ${bookingCode}`).click();
    const detail = await $('[data-testid="booking-detail"]');
    await expect(detail.$("p=Chưa có khoản thanh toán nào.")).toBeDisplayed();

    const payment = await addPayment({
      amount: "7.000.000",
      method: "Tiền trả trước",
    });
    const ask = await confirmation();
    await expectExactly(
      ask.$("p"),
      `Số dư trả trước của khách không đủ. Sau khoản này số dư sẽ là (${vnd("2.000.000")}). Vẫn ghi nhận?`,
    );
    await ask.$("button=Đồng ý").click();
    await expect(ask).not.toBeDisplayed();
    await expect(payment).not.toBeDisplayed();
    await expectToast(`Đã ghi nhận thanh toán ${vnd("7.000.000")}`);
    await expectExactly(
      detail.$('[data-testid="booking-remaining"]'),
      vnd("33.000.000"),
    );

    await addPayment({
      amount: "10.000.000",
      method: "Chuyển khoản",
      account: "Vietcombank · 0071001234567 · CONG TY TNHH DU LICH SEN VANG",
      reference: "VCB 240611",
    });
    await expect(payment).not.toBeDisplayed();
    await expectToast(`Đã ghi nhận thanh toán ${vnd("10.000.000")}`);
    await expectExactly(
      detail.$('[data-testid="booking-remaining"]'),
      vnd("23.000.000"),
    );
    await expectText(
      detail.$('[data-testid="booking-figures"]'),
      `Đã trả ${vnd("17.000.000")}`,
    );
    const payments = await detail.$('[data-testid="booking-payments"]');
    await expect(payments.$$("tbody tr")).toBeElementsArrayOfSize(2);
    await expectText(
      payments,
      "Tiền trả trước",
      "Chuyển khoản",
      "Vietcombank · 0071001234567",
      "VCB 240611",
    );
    await expectText(
      $(`tr[data-booking="${bookingCode}"]`),
      vnd("40.000.000"),
      vnd("17.000.000"),
      vnd("23.000.000"),
    );
  });

  it("reads the balances per currency, the VND one overdrawn in parentheses and flagged", async () => {
    await openTab("prepaid");
    const balance = await $('[data-testid="prepaid-balance"]');
    await expectRows(
      balance,
      [`USD ${usd("200,00")}`, `VND (${vnd("2.000.000")})`].sort(),
    );
    await expectExactly(balance.$("td.below"), `(${vnd("2.000.000")})`);
    await expectExactly(
      $('[data-testid="prepaid-negative"]'),
      "⚠ Cần nạp thêm Số dư âm: khách cần nạp thêm trước lần đặt dịch vụ tiếp theo.",
    );
    await expect($('[data-testid="prepaid-count"]')).toHaveText("3 mục");
    // The credit payment, in parentheses, names its booking.
    const credit = await $('tr[data-entry="credit_payment"]');
    await expect(credit.$(`aria/Mở đơn đặt dịch vụ ${bookingCode}`)).toHaveText(
      bookingCode,
    );
    await expectExactly(credit.$("td.figure"), `(${vnd("7.000.000")})`);
    await expectText(credit, "Thanh toán đơn");
    const topUps = await $$('tr[data-entry="top_up"]');
    expect(topUps.length).toBe(2);
    // No total across currencies anywhere on the tab.
    const whole = await textOf($("section.prepaid"));
    expect(whole).not.toMatch(/Tổng/);
    await $(".toasts .toast").waitForExist({ reverse: true, timeout: 15000 });
    await photograph("money-prepaid");
  });

  it("shows revenue, receipted and owed on the Overview, and changes the responsible person there", async () => {
    await openTab("overview");
    const card = await $('[data-testid="revenue-card"]');
    await expectRows(card.$("table"), [
      `VND ${vnd("40.000.000")} ${vnd("17.000.000")} ${vnd("23.000.000")}`,
    ]);
    await expectText(
      card.$('[data-testid="revenue-prepaid"]'),
      `(${vnd("2.000.000")})`,
      usd("200,00"),
      "Cần nạp thêm",
    );

    const responsible = await card.$("#revenue-responsible");
    await responsible.selectByVisibleText(STAFF);
    await expectToast("Đã đổi người phụ trách.");
    await expect(responsible).not.toHaveValue("");
    await expect(responsible.$("option:checked")).toHaveText(STAFF);
    await $(".toasts .toast").waitForExist({ reverse: true, timeout: 15000 });
    await photograph("money-overview");
    // Saved: it is still there after leaving and coming back.
    await openTab("history");
    await openTab("overview");
    await expect($("#revenue-responsible option:checked")).toHaveText(STAFF);
  });

  it("photographs a still screen after leaving the Overview with a booking on it", async () => {
    await openTab("bookings");
    await expect($(`tr[data-booking="${bookingCode}"]`)).toBeDisplayed();
    // Nothing moving on the page: no notice left, nothing clicked since.
    await $(".toasts .toast").waitForExist({ reverse: true, timeout: 15000 });
    await browser.pause(500);
    await photograph("money-bookings");
  });

  it("shows every money change in her History, old and new", async () => {
    await openTab("history");
    const table = () => $("table.panel");
    await expectText(
      table,
      "Thêm · Báo giá",
      "Thêm · Đặt dịch vụ",
      "Thêm · Thanh toán",
      "Thêm · Khoản nạp trả trước",
    );
    const rows = await rowsOf(table);
    const shows = (text) =>
      expect(rows).toContainEqual(expect.stringContaining(text));
    // What was added, with its new values.
    shows(`Mã báo giá ${quoteCode}`);
    shows(LINE_1);
    shows(`Mã đặt dịch vụ ${bookingCode}`);
    shows("Nguồn tiền Khách chuyển khoản đặt cọc");
    shows("Nguồn tiền Tiền mặt đô la");
    shows("Hình thức Tiền trả trước");
    shows("Hình thức Chuyển khoản");
    shows("Số tham chiếu VCB 240611");
    // Amounts read as money, each in its currency.
    shows(`Số tiền ${vnd("5.000.000")}`);
    shows(`Số tiền ${usd("200,00")}`);
    shows(`Số tiền ${vnd("7.000.000")}`);
    shows(`Tổng cộng ${vnd("40.000.000")}`);
    // What changed, old → new: the quote accepted, the person responsible for her.
    shows("Trạng thái Nháp Đã chấp nhận");
    shows(`Sửa Người phụ trách ${STAFF}`);
  });

  it("reminds her of the overdrawn credit when she opens a new booking", async () => {
    await openTab("bookings");
    await $("button*=Đặt dịch vụ mới").click();
    const dialog = await $("dialog[open]");
    await expectText(
      dialog.$('[data-testid="booking-overdrawn"]'),
      "khách cần nạp thêm trước lần đặt dịch vụ tiếp theo",
      `(${vnd("2.000.000")})`,
    );
    await dialog.$("button=Huỷ").click();
    await expect(dialog).not.toBeDisplayed();
  });
});
