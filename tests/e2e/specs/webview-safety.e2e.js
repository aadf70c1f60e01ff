// What she types is shown, never run: notes holding an <img onerror> and a <script>, and a
// customer whose name holds a <script>, saved and read back after the page reloads, show as
// text and run nothing; the page itself refuses eval and inline scripts (its content security
// policy). And opening Tripdesk a second time brings this window forward instead of starting a
// second writer: the second process hands over and ends.
import { $, $$, browser, expect } from "@wdio/globals";
import { spawn } from "node:child_process";
import path from "node:path";
import { Key } from "webdriverio";

const toast = (text) => $('[role="status"]').$(`span*=${text}`);
const NAME = "Hồng <script>window.__pwned=3</script>";
const IMG_NOTE = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_NOTE = "<script>window.__pwned=2</script>";
// By XPath: a `tag=text` selector cannot hold the "=" in her text.
const nameInList = () => $(`//*[@role='grid']//button[normalize-space(.)='${NAME}']`);
const nameHeading = () => $(`//h1[normalize-space(.)='${NAME}']`);

/** The notes' texts, top to bottom, once they read so. */
async function expectBodies(expected) {
  await browser.waitUntil(
    async () => {
      const bodies = await $$(".note-list p.body").map((p) => p.getProperty("textContent"));
      return JSON.stringify(bodies) === JSON.stringify(expected);
    },
    { timeoutMsg: `notes are not ${JSON.stringify(expected)}` },
  );
}

/** Whatever the page would have run sets window.__pwned; and no markup from her text exists. */
async function expectNothingRan() {
  const seen = await browser.execute(() => ({
    pwned: typeof window.__pwned,
    images: document.querySelectorAll("img[src='x']").length,
    scripts: [...document.scripts].filter((s) => s.textContent.includes("__pwned")).length,
  }));
  expect(seen).toEqual({ pwned: "undefined", images: 0, scripts: 0 });
}

async function openCustomerNotes() {
  await nameInList().click();
  await expect(nameHeading()).toBeDisplayed();
  await $("button=Ghi chú").click();
}

describe("the window shows what she typed and runs nothing of it", () => {
  it("saves a customer whose name holds a script; the list shows the name as text", async () => {
    await $("button=Thêm nhanh").click();
    const dialog = await $("dialog[open]");
    await dialog.$("aria/Họ và tên").setValue(NAME);
    await dialog.$("button=Lưu").click();
    await expect(dialog).not.toBeDisplayed();
    const name = await nameInList();
    expect(await name.getProperty("textContent")).toBe(NAME);
    await expectNothingRan();
  });

  it("saves a note with an <img onerror> and one with a <script>, shown as typed", async () => {
    await openCustomerNotes();
    for (const note of [IMG_NOTE, SCRIPT_NOTE]) {
      await $("aria/Ghi chú mới").setValue(note);
      await $("button=Thêm ghi chú").click();
      await expect(toast("Đã thêm ghi chú")).toBeDisplayed();
    }
    await expectBodies([SCRIPT_NOTE, IMG_NOTE]);
    await expectNothingRan();
  });

  it("after the page reloads, still shows them as text and has run nothing", async () => {
    await browser.refresh();
    // The page starts again on Home, where the customer seen last is listed by name.
    await expect($("h1=Trang chủ")).toBeDisplayed();
    await expect($(`//main//*[normalize-space(.)='${NAME}']`)).toBeDisplayed();
    await expectNothingRan();
    await $("nav").$("button=Khách hàng").click();
    await expect(nameInList()).toBeDisplayed();
    await openCustomerNotes();
    await expectBodies([SCRIPT_NOTE, IMG_NOTE]);
    await expectNothingRan();
    // Nothing is left waiting to run either (an image's error comes a moment after it is drawn).
    await browser.keys([Key.Escape]);
    await browser.pause(500);
    await expectNothingRan();
  });

  it("refuses eval and an inline script put into the page (its security policy holds)", async () => {
    const tried = await browser.execute(() => {
      let evaluated;
      try {
        evaluated = eval("'ran'");
      } catch (e) {
        evaluated = e.name;
      }
      const script = document.createElement("script");
      script.textContent = "window.__pwned = 4";
      document.body.append(script);
      script.remove();
      return { evaluated, pwned: typeof window.__pwned };
    });
    expect(tried).toEqual({ evaluated: "EvalError", pwned: "undefined" });
  });
});

describe("opening Tripdesk a second time", () => {
  it("brings this window forward; the second process ends and this one carries on", async () => {
    // The same program with the same file and folders as this window.
    const { application, args } = browser.requestedCapabilities["tauri:options"];
    const scratch = process.env.TRIPDESK_E2E_SCRATCH;
    const second = spawn(application, args, {
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(scratch, "config"),
        XDG_DATA_HOME: path.join(scratch, "data"),
        TRIPDESK_LOG: "warn",
      },
      stdio: "ignore",
    });
    const ended = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve("still running after 10 s"), 10000);
      second.on("exit", (code, signal) => {
        clearTimeout(timer);
        resolve(signal ? `killed by ${signal}` : `exit ${code}`);
      });
    });
    if (ended.startsWith("still")) second.kill("SIGKILL");
    expect(ended).toBe("exit 0");
    // This window is still the one open, on the same customer, and still answers.
    expect(await browser.getTitle()).toBe("Tripdesk");
    await expect(nameHeading()).toBeDisplayed();
    await $("aria/Ghi chú mới").setValue("Vẫn ghi được");
    await $("button=Thêm ghi chú").click();
    await expectBodies(["Vẫn ghi được", SCRIPT_NOTE, IMG_NOTE]);
  });
});
