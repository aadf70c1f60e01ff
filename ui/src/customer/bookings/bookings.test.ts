import { describe, expect, it } from "vitest";
import { DeskError } from "../../lib/api";
import {
  accountLabel,
  amountsByRow,
  blankRow,
  dateSpan,
  guestsText,
  isOpen,
  lineField,
  lineInputs,
  overdrawAfter,
  priceable,
  rowOf,
} from "./bookings";

describe("bookings", () => {
  it("reads the trip's dates", () => {
    expect(dateSpan({ departure_on: "2026-12-10", return_on: "2026-12-15" })).toBe("10/12/2026 → 15/12/2026");
    expect(dateSpan({ departure_on: "2026-12-10", return_on: "2026-12-10" })).toBe("10/12/2026");
    expect(dateSpan({ departure_on: null, return_on: null })).toBe("");
    expect(dateSpan({ departure_on: null, return_on: "2026-12-15" })).toBe("→ 15/12/2026");
  });

  it("names the guests there are", () => {
    const words = { adults: "{n} người lớn", children: "{n} trẻ em", infants: "{n} em bé" };
    expect(guestsText({ adults: 2, children: 0, infants: 1 }, words)).toBe("2 người lớn, 1 em bé");
    expect(guestsText({ adults: 0, children: 0, infants: 0 }, words)).toBe("");
  });

  it("knows the open statuses", () => {
    expect(isOpen({ status: "pending" })).toBe(true);
    expect(isOpen({ status: "confirmed" })).toBe(true);
    expect(isOpen({ status: "cancelled" })).toBe(false);
  });

  it("names an account by what it has", () => {
    expect(accountLabel({ bank_name: "Vietcombank", account_number: "0071", account_name: "" })).toBe(
      "Vietcombank · 0071",
    );
  });

  it("reads the overdraw the desk refused, and only that", () => {
    const overdraw = new DeskError({
      kind: "prepaidOverdraw",
      message: "",
      field: "amount",
      value: "-1000000",
    });
    expect(overdrawAfter(overdraw)).toBe("-1000000");
    expect(
      overdrawAfter(new DeskError({ kind: "required", message: "", field: "amount", value: null })),
    ).toBeNull();
    expect(overdrawAfter(new Error("x"))).toBeNull();
  });

  it("finds the line a desk error names", () => {
    expect(lineField("lines.1.unit_price")).toEqual({ n: 2, field: "unit_price" });
    expect(lineField("amount")).toBeNull();
  });

  it("reads the line rows in her language without computing money", () => {
    const rows = [
      { ...blankRow(), description: "Vé", quantity: "2", price: "1.250.000" },
      { ...blankRow(), description: "Giảm", quantity: "x", price: "1,5,0" },
      { ...blankRow(), description: "", quantity: "1", price: "" },
    ];
    const { lines, problems } = lineInputs(rows, "vi");
    expect(lines[0]).toMatchObject({ quantity: 2, unit_price: "1250000" });
    expect(problems).toEqual({ "lines.1.unit_price": "amount", "lines.1.quantity": "quantity" });
    const { lines: ready, at } = priceable(rows, "vi");
    expect(ready).toHaveLength(1);
    expect(at).toEqual([0]);
    expect(amountsByRow(3, at, ["2500000"])).toEqual(["2500000", null, null]);
  });

  it("gives a stored line back as she types it", () => {
    const row = rowOf({ id: "l1", description: "Tour", quantity: 3, unit_price: "1250.50" }, "en");
    expect(row).toMatchObject({ id: "l1", quantity: "3", price: "1,250.5" });
  });
});
