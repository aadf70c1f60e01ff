// Another Tripdesk (a second window, or a command) already writes to the file: this window
// says so and touches nothing.
import { $, expect } from "@wdio/globals";

describe("a database file another Tripdesk has open", () => {
  it("is refused with a message that names it", async () => {
    await expect($("h1=Không mở được dữ liệu")).toBeDisplayed();
    await expect($('[role="alert"]')).toHaveText(
      expect.stringContaining("đang được mở trong một cửa sổ hoặc lệnh Tripdesk khác"),
    );
    await expect($('[role="alert"]')).toHaveText(expect.stringContaining("Tripdesk không thay đổi gì"));
    await expect($("button=Tạo tệp dữ liệu mới, trống")).not.toBeExisting();
  });
});
