import { describe, expect, it } from "vitest";
import { balanceLayout, isCreditPayment, mustTopUp, revenueRows, topUpInput } from "./prepaid";

const vnd = (amount: string) => ({ currency: "VND", amount });
const usd = (amount: string) => ({ currency: "USD", amount });

describe("her prepaid balances", () => {
  it("show one balance, or a detail per currency, and never a total", () => {
    expect(balanceLayout([])).toEqual({ kind: "none" });
    expect(balanceLayout([vnd("3500000")])).toEqual({ kind: "one", balance: vnd("3500000") });
    expect(balanceLayout([usd("200.00"), vnd("3500000")])).toEqual({
      kind: "many",
      balances: [usd("200.00"), vnd("3500000")],
    });
  });

  it("are flagged when one is below zero", () => {
    expect(mustTopUp([vnd("3500000")])).toBe(false);
    expect(mustTopUp([usd("200.00"), vnd("-2000000")])).toBe(true);
    expect(mustTopUp([vnd("-0")])).toBe(false);
  });
});

describe("her revenue", () => {
  it("reads as one row per currency, the desk's figures as they are", () => {
    const rows = revenueRows({
      revenue: [vnd("37000000"), usd("2500.00")],
      receipted: [usd("3000.00"), vnd("15000000")],
      owed: [usd("-500.00"), vnd("22000000")],
    });
    expect(rows).toEqual([
      { currency: "VND", revenue: "37000000", receipted: "15000000", owed: "22000000" },
      { currency: "USD", revenue: "2500.00", receipted: "3000.00", owed: "-500.00" },
    ]);
  });
});

describe("a top-up as she types it", () => {
  const form = {
    description: "Chuyển khoản VCB",
    amount: "5.000.000",
    currency: "VND",
    receivedOn: "01/03/2026",
  };

  it("goes to the desk with the amount as a canonical decimal", () => {
    expect(topUpInput(form, "vi")).toEqual({
      input: {
        description: "Chuyển khoản VCB",
        amount: "5000000",
        currency: "VND",
        received_on: "01/03/2026",
      },
    });
    expect(topUpInput({ ...form, amount: "1,250.50", currency: "USD" }, "en")).toEqual({
      input: {
        description: "Chuyển khoản VCB",
        amount: "1250.50",
        currency: "USD",
        received_on: "01/03/2026",
      },
    });
  });

  it("names the field to correct", () => {
    expect(topUpInput({ ...form, description: " " }, "vi")).toEqual({
      field: "description",
      problem: "required",
    });
    expect(topUpInput({ ...form, amount: "" }, "vi")).toEqual({ field: "amount", problem: "required" });
    expect(topUpInput({ ...form, amount: "5,000,000" }, "vi")).toEqual({
      field: "amount",
      problem: "notANumber",
    });
    expect(topUpInput({ ...form, receivedOn: "" }, "vi")).toEqual({
      field: "received_on",
      problem: "required",
    });
  });

  it("a credit payment is told from a top-up", () => {
    expect(isCreditPayment({ kind: "credit_payment" })).toBe(true);
    expect(isCreditPayment({ kind: "top_up" })).toBe(false);
  });
});
