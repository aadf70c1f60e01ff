import { describe, expect, it } from "vitest";
import { formatDay, parseDay } from "./format";

describe("dates as she types and reads them", () => {
  it("reads day-first dates and ISO dates", () => {
    expect(parseDay("15/03/1985")).toBe("1985-03-15");
    expect(parseDay("5-3-1985")).toBe("1985-03-05");
    expect(parseDay("1985-03-15")).toBe("1985-03-15");
    expect(parseDay("  ")).toBe("");
  });
  it("refuses impossible dates and two-digit years", () => {
    expect(parseDay("31/02/1985")).toBeNull();
    expect(parseDay("15/03/85")).toBeNull();
    expect(parseDay("yesterday")).toBeNull();
  });
  it("shows stored dates day first", () => {
    expect(formatDay("1985-03-15")).toBe("15/03/1985");
    expect(formatDay(null)).toBe("");
  });
});
