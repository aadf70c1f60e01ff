import { describe, expect, it } from "vitest";
import { clashes, columnLetter, fieldKey, fieldValue, parseField } from "./fields";

describe("import fields", () => {
  it("round-trips a field through its select value, custom fields included", () => {
    for (const field of [{ field: "full_name" }, { field: "custom", id: "cf_1" }] as const) {
      expect(parseField(fieldValue(field))).toEqual(field);
    }
    expect(parseField("")).toBeNull();
  });

  it("names the record's key so the label is the form's", () => {
    expect(fieldKey({ field: "level" })).toBe("level_id");
    expect(fieldKey({ field: "responsible" })).toBe("responsible_id");
    expect(fieldKey({ field: "custom", id: "x" })).toBe("custom.x");
  });

  it("reports two columns filling one name, but not two phone columns", () => {
    const name = { field: "full_name" } as const;
    const phone = { field: "phones" } as const;
    expect(clashes([name, phone, null, phone])).toEqual([]);
    expect(clashes([name, phone, name])).toEqual([name]);
  });

  it("letters columns as a spreadsheet does", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});
