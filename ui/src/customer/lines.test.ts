import { describe, expect, it } from "vitest";
import { amountsByRow, blankRow, lineField, lineInputs, priceable, rowOf, wholeNumber } from "./lines";

const row = (description: string, quantity: string, price: string) => ({
  ...blankRow(),
  description,
  quantity,
  price,
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
    expect(rowOf({ id: "l3", description: "Tour", quantity: 3, unit_price: "1250.50" }, "en").price).toBe(
      "1,250.5",
    );
  });

  it("reads whole counts only", () => {
    expect(wholeNumber(" 12 ")).toBe(12);
    expect(wholeNumber("1.5")).toBeNull();
    expect(wholeNumber("")).toBeNull();
    expect(wholeNumber("-1")).toBeNull();
  });

  it("finds the line a desk error names", () => {
    expect(lineField("lines.1.unit_price")).toEqual({ n: 2, field: "unit_price" });
    expect(lineField("amount")).toBeNull();
  });
});
