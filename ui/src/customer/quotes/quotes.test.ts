import { describe, expect, it } from "vitest";
import {
  amountsByRow,
  blankRow,
  canAccept,
  guestsText,
  lineInputs,
  priceable,
  rowOf,
  wholeNumber,
} from "./quotes";

const row = (description: string, quantity: string, price: string) => ({
  ...blankRow(),
  description,
  quantity,
  price,
});

describe("accepting a quote", () => {
  it("is offered until it has a booking, and not for a rejected one", () => {
    expect(canAccept({ status: "draft", booking: null })).toBe(true);
    expect(canAccept({ status: "sent", booking: null })).toBe(true);
    expect(canAccept({ status: "expired", booking: null })).toBe(true);
    expect(canAccept({ status: "accepted", booking: null })).toBe(true);
    expect(canAccept({ status: "rejected", booking: null })).toBe(false);
    expect(canAccept({ status: "accepted", booking: { id: "b", code: "BK-2026-0001" } })).toBe(false);
  });
});

describe("the line editor", () => {
  it("sends prices as canonical decimals read in her language", () => {
    const rows = [row("Vé máy bay", "2", "1.250.000"), row("Khách sạn", "3", "1.250,5")];
    const { lines, problems } = lineInputs(rows, "vi");
    expect(problems).toEqual({});
    expect(lines.map((l) => [l.quantity, l.unit_price])).toEqual([
      [2, "1250000"],
      [3, "1250.5"],
    ]);
    expect(lineInputs([row("Tour", "1", "1,250.50")], "en").lines[0]?.unit_price).toBe("1250.50");
  });

  it("marks a price or a quantity that does not read, by the line's place", () => {
    const { problems } = lineInputs([row("A", "1", "10"), row("B", "x", "1,2,3")], "vi");
    expect(problems).toEqual({ "lines.1.unit_price": "amount", "lines.1.quantity": "quantity" });
    // An empty price is the desk's to name (required), not a bad amount.
    expect(lineInputs([row("A", "1", "")], "vi").problems).toEqual({});
  });

  it("prices only the rows that read, and puts the amounts back beside them", () => {
    const rows = [row("A", "2", "12,345"), row("B", "1", ""), row("C", "0", "5"), row("", "1", "0,10")];
    const { lines, at } = priceable(rows, "vi");
    expect(at).toEqual([0, 3]);
    expect(lines.map((l) => l.unit_price)).toEqual(["12.345", "0.10"]);
    expect(amountsByRow(rows.length, at, ["24.70", "0.10"])).toEqual(["24.70", null, null, "0.10"]);
  });

  it("shows a stored line as she would type it", () => {
    const r = rowOf({ id: "l1", description: "Vé", quantity: 2, unit_price: "1250000.50" }, "vi");
    expect([r.id, r.quantity, r.price]).toEqual(["l1", "2", "1.250.000,5"]);
    expect(rowOf({ id: "l2", description: "Vé", quantity: 1, unit_price: "12.00" }, "en").price).toBe("12");
  });

  it("reads whole counts only", () => {
    expect(wholeNumber(" 12 ")).toBe(12);
    expect(wholeNumber("1.5")).toBeNull();
    expect(wholeNumber("")).toBeNull();
    expect(wholeNumber("-1")).toBeNull();
  });
});

describe("a quote's guests", () => {
  it("name each kind there is", () => {
    const words = { adults: "{n} người lớn", children: "{n} trẻ em", infants: "{n} em bé" };
    expect(guestsText({ adults: 2, children: 1, infants: 0 }, words)).toBe("2 người lớn, 1 trẻ em");
    expect(guestsText({ adults: 0, children: 0, infants: 0 }, words)).toBe("");
  });
});
