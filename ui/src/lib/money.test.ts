import { describe, expect, it } from "vitest";
import { editAmount, formatMoney, isNegative, parseAmount } from "./money";

const nb = "\u00a0";

describe("formatMoney", () => {
  it("writes VND, USD and EUR as each language does", () => {
    expect(formatMoney("1250000", "VND", "vi")).toBe(`1.250.000${nb}₫`);
    expect(formatMoney("1250000", "VND", "en")).toBe("₫1,250,000");
    expect(formatMoney("1250.00", "USD", "vi")).toBe(`1.250,00${nb}US$`);
    expect(formatMoney("1250.00", "USD", "en")).toBe("$1,250.00");
    expect(formatMoney("1250.5", "EUR", "vi")).toBe(`1.250,50${nb}€`);
    expect(formatMoney("1250.5", "EUR", "en")).toBe("€1,250.50");
  });

  it("puts a negative amount in parentheses", () => {
    expect(formatMoney("-2000000", "VND", "vi")).toBe(`(2.000.000${nb}₫)`);
    expect(formatMoney("-12.50", "USD", "en")).toBe("($12.50)");
    expect(formatMoney("-0.00", "USD", "en")).toBe("$0.00");
  });

  it("keeps every digit of an amount beyond what a Number holds", () => {
    expect(formatMoney("123456789012345678.99", "USD", "en")).toBe("$123,456,789,012,345,678.99");
  });

  it("shows what is not an amount as it came", () => {
    expect(formatMoney("abc", "VND", "vi")).toBe("abc");
  });
});

describe("parseAmount", () => {
  it("reads her grouping and decimal mark by language", () => {
    expect(parseAmount("1.250.000", "vi")).toBe("1250000");
    expect(parseAmount("1.250.000,5", "vi")).toBe("1250000.5");
    expect(parseAmount("1,250,000.50", "en")).toBe("1250000.50");
    expect(parseAmount("1250000", "en")).toBe("1250000");
    expect(parseAmount(" 200 $ ", "en")).toBe("200");
    expect(parseAmount("-500.000", "vi")).toBe("-500000");
  });

  it("refuses what is not a number", () => {
    expect(parseAmount("", "vi")).toBeNull();
    expect(parseAmount("abc", "vi")).toBeNull();
    expect(parseAmount("1.25.000", "vi")).toBeNull();
    expect(parseAmount("12,", "vi")).toBeNull();
    expect(parseAmount("1e5", "en")).toBeNull();
  });

  it("reads back what editAmount wrote", () => {
    for (const [amount, language] of [
      ["1250000.5", "vi"],
      ["1250.25", "en"],
      ["-7", "vi"],
    ] as const) {
      expect(parseAmount(editAmount(amount, language), language)).toBe(amount);
    }
  });
});

describe("isNegative", () => {
  it("flags only amounts below zero", () => {
    expect(isNegative("-1")).toBe(true);
    expect(isNegative("-0.00")).toBe(false);
    expect(isNegative("5")).toBe(false);
  });
});
