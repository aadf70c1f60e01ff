import { describe, expect, it } from "vitest";
import { DeskError } from "../../lib/api";
import { recordFieldLabel } from "../../lib/i18n/index.svelte";
import { excerpt, fieldErrors } from "./records";

describe("a record's words", () => {
  it("names a note by its first words, on one line", () => {
    expect(excerpt("Khách ăn chay\nThích phòng tầng cao", 40)).toBe("Khách ăn chay Thích phòng tầng cao");
    expect(excerpt("Hộ chiếu hết hạn 03/2027, nhắc gia hạn trước khi đặt tour", 20)).toBe(
      "Hộ chiếu hết hạn 03…",
    );
  });

  it("labels a field by its entity, as the History tab does", () => {
    expect(recordFieldLabel("bank_account", "swift")).toBe("Mã SWIFT");
    expect(recordFieldLabel("contact", "nothing")).toBe("nothing");
  });

  it("puts a wrong SWIFT code's message at its field", () => {
    const e = new DeskError({
      kind: "invalidSwift",
      message: "swift: BFTV-VNVX",
      field: "swift",
      value: "BFTV-VNVX",
    });
    expect(fieldErrors(e, "bank_account")).toEqual({
      swift: "“BFTV-VNVX” không phải là mã SWIFT hợp lệ (8 hoặc 11 chữ cái và chữ số).",
    });
    const required = new DeskError({ kind: "required", message: "", field: "full_name", value: "" });
    expect(fieldErrors(required, "contact")).toEqual({ full_name: "Vui lòng nhập Họ và tên." });
  });
});
