import { describe, expect, it } from "vitest";
import type { FollowUpCharts } from "../lib/api";
import { hasFollowUps, highestCount, labelStep, methodStyle, monthFilter, monthLabel } from "./charts";

const empty: FollowUpCharts = {
  by_state: [
    { state: "unfulfilled", count: 0 },
    { state: "processing", count: 0 },
    { state: "finish", count: 0 },
    { state: "out_of_date", count: 0 },
  ],
  months: ["2026-01", "2026-02"],
  series: [{ method_id: "call", counts: [0, 0] }],
};

describe("the charts of the Overview", () => {
  it("open a month of a method from its first to its last day", () => {
    expect(monthFilter("m1", "2026-02")).toEqual({ method: "m1", from: "2026-02-01", to: "2026-02-28" });
    expect(monthFilter("m1", "2028-02").to).toBe("2028-02-29");
    expect(monthFilter("m1", "2025-12")).toEqual({ method: "m1", from: "2025-12-01", to: "2025-12-31" });
  });

  it("name months in the UI's language", () => {
    expect(monthLabel("2026-01", "en", true)).toBe("January 2026");
    expect(monthLabel("2026-01", "vi", true)).toBe("tháng 1 năm 2026");
    expect(monthLabel("2026-12", "en")).toBe("Dec 26");
  });

  it("show the empty state only when no follow-up exists", () => {
    expect(hasFollowUps(empty)).toBe(false);
    expect(highestCount(empty)).toBe(1);
    const one = { ...empty, by_state: empty.by_state.map((s, i) => ({ ...s, count: i === 3 ? 1 : 0 })) };
    expect(hasFollowUps(one)).toBe(true);
  });

  it("thin out month labels on a narrow axis and give each method its own line", () => {
    expect(labelStep(6, 600)).toBe(1);
    expect(labelStep(24, 600)).toBe(3);
    expect(methodStyle(0)).not.toEqual(methodStyle(1));
    expect(methodStyle(8)).toEqual(methodStyle(0));
  });
});
