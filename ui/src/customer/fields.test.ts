import { describe, expect, it } from "vitest";
import { splitList, toChange, toNewCustomer } from "./fields";
import { emptyCustomer } from "../customers/QuickAdd.svelte";

describe("what an edited field sends to the desk", () => {
  it("splits phones and emails on commas, semicolons and new lines", () => {
    expect(splitList("0903 123 456, 0912345678;\n hong@example.vn ,")).toEqual([
      "0903 123 456",
      "0912345678",
      "hong@example.vn",
    ]);
    expect(toChange({ field: "phones", kind: "list" }, "0903 123 456, 0912 345 678")).toEqual({
      field: "phones",
      value: ["0903 123 456", "0912 345 678"],
    });
  });

  it("sends dates as ISO when she typed a real one, as typed otherwise (the desk explains)", () => {
    expect(toChange({ field: "birth_date", kind: "date" }, "15/03/1985")).toEqual({
      field: "birth_date",
      value: "1985-03-15",
    });
    expect(toChange({ field: "birth_date", kind: "date" }, "31/02/1985")).toEqual({
      field: "birth_date",
      value: "31/02/1985",
    });
  });

  it("clears a reference with null and names a custom field by its id", () => {
    expect(toChange({ field: "responsible_id", kind: "select" }, "")).toEqual({
      field: "responsible_id",
      value: null,
    });
    expect(toChange({ field: "custom.abc", kind: "date" }, "20/10/2015")).toEqual({
      field: "custom",
      value: { id: "abc", value: "2015-10-20" },
    });
  });

  it("builds a new customer from the full form's texts", () => {
    const made = toNewCustomer(emptyCustomer(), {
      full_name: "Nguyễn Thị Hồng",
      phones: "0903123456",
      emails: "",
      level_id: "",
      "custom.trips": "3",
      "custom.empty": "  ",
    });
    expect(made.full_name).toBe("Nguyễn Thị Hồng");
    expect(made.phones).toEqual(["0903123456"]);
    expect(made.emails).toEqual([]);
    expect(made.level_id).toBeNull();
    expect(made.custom).toEqual({ trips: "3" });
  });
});
