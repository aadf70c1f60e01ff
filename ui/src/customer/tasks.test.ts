import { describe, expect, it } from "vitest";
import { dateSpan, daysBetween, deadline, isoDay } from "./tasks";

describe("a task's deadline", () => {
  it("is overdue after its finish day and due on it, while open", () => {
    expect(deadline({ status: "todo", finishes_on: "2026-11-20" }, "2026-11-23")).toBe("overdue");
    expect(deadline({ status: "in_progress", finishes_on: "2026-11-23" }, "2026-11-23")).toBe("today");
    expect(deadline({ status: "todo", finishes_on: "2026-11-24" }, "2026-11-23")).toBeNull();
  });

  it("no longer matters once the task is done or cancelled", () => {
    expect(deadline({ status: "done", finishes_on: "2026-11-20" }, "2026-11-23")).toBeNull();
    expect(deadline({ status: "cancelled", finishes_on: "2026-11-20" }, "2026-11-23")).toBeNull();
    expect(deadline({ status: "todo", finishes_on: null }, "2026-11-23")).toBeNull();
  });
});

describe("a task's dates", () => {
  it("read as a span, or one day when they are the same or only one is set", () => {
    expect(dateSpan({ starts_on: "2026-11-20", finishes_on: "2026-11-25" })).toBe("20/11/2026 – 25/11/2026");
    expect(dateSpan({ starts_on: "2026-11-20", finishes_on: "2026-11-20" })).toBe("20/11/2026");
    expect(dateSpan({ starts_on: null, finishes_on: "2026-11-25" })).toBe("25/11/2026");
    expect(dateSpan({ starts_on: null, finishes_on: null })).toBe("");
  });

  it("count whole days across a month's end, and today is the local day", () => {
    expect(daysBetween("2026-11-28", "2026-12-02")).toBe(4);
    expect(isoDay(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
});
