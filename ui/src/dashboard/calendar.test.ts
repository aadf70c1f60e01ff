import { describe, expect, it } from "vitest";
import { addDays, addMonths, monthGrid, sameDayIn } from "./calendar";

describe("the month calendar", () => {
  it("runs its weeks from Monday and pads them with the days around the month", () => {
    const weeks = monthGrid("2026-11-23");
    // 1 November 2026 is a Sunday.
    expect(weeks[0]?.[0]).toEqual({ iso: "2026-10-26", day: 26, inMonth: false });
    expect(weeks[0]?.[6]).toEqual({ iso: "2026-11-01", day: 1, inMonth: true });
    expect(weeks.at(-1)?.at(-1)?.iso).toBe("2026-12-06");
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
  });

  it("moves by days and months across the year's end", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-01");
    expect(addMonths("2026-01-31", -1)).toBe("2025-12-01");
  });

  it("keeps the chosen day inside a shorter month", () => {
    expect(sameDayIn("2027-01-31", 1)).toBe("2027-02-28");
    expect(sameDayIn("2028-01-31", 1)).toBe("2028-02-29");
    expect(sameDayIn("2026-11-23", -1)).toBe("2026-10-23");
  });
});
