// The file she worked in has gone (moved, renamed, deleted): the app says so, names it, and
// creates a new empty one only when she asks.
import { $, expect } from "@wdio/globals";

describe("a database file that has gone missing", () => {
  it("is reported, not silently replaced", async () => {
    await expect($("h1=Không mở được dữ liệu")).toBeDisplayed();
    await expect($('[role="alert"]')).toHaveText(expect.stringContaining("Không tìm thấy tệp dữ liệu tại"));
    await expect($('[role="alert"]')).toHaveText(expect.stringContaining("desk.sqlite3"));
  });

  it("is created anew, empty, when she chooses to", async () => {
    await $("button=Tạo tệp dữ liệu mới, trống").click();
    await expect($("h2=Chào mừng đến với Tripdesk")).toBeDisplayed();
  });
});
