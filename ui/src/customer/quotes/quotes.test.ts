import { describe, expect, it } from "vitest";
import { canAccept } from "./quotes";

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
