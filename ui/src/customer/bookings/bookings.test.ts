import { describe, expect, it } from "vitest";
import { DeskError } from "../../lib/api";
import { accountLabel, dateSpan, guestsText, isOpen, overdrawAfter } from "./bookings";

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
});
