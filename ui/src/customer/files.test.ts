import { describe, expect, it } from "vitest";
import { DeskError } from "../lib/api";
import { setLocale } from "../lib/i18n/index.svelte";
import { fileErrorText, formatSize } from "./files";

describe("file sizes", () => {
  it("read in bytes, kilobytes and megabytes in her locale", () => {
    setLocale("vi");
    expect(formatSize(681, "vi")).toBe("0,7 KB");
    expect(formatSize(3, "vi")).toBe("0,1 KB");
    expect(formatSize(2048, "vi")).toBe("2 KB");
    expect(formatSize(1536, "vi")).toBe("1,5 KB");
    expect(formatSize(1.5 * 1024 * 1024, "vi")).toBe("1,5 MB");
    expect(formatSize(50 * 1024 * 1024, "vi")).toBe("50 MB");
    setLocale("en");
    expect(formatSize(1.5 * 1024 * 1024, "en")).toBe("1.5 MB");
    setLocale("vi");
  });
});

describe("a refused file", () => {
  it("names the 50 MB limit in her language", () => {
    setLocale("vi");
    const e = new DeskError({ kind: "fileTooLarge", message: "file: 50 MB", field: "file", value: "50 MB" });
    expect(fileErrorText(e)).toBe("Tệp quá lớn: mỗi tệp tối đa 50 MB. Chưa tệp nào được thêm.");
  });

  it("says a folder is not a file", () => {
    setLocale("vi");
    const e = new DeskError({ kind: "notAFile", message: "x", field: null, value: "/home/lan/Tài liệu" });
    expect(fileErrorText(e)).toBe("/home/lan/Tài liệu là một thư mục, không phải tệp.");
  });
});
