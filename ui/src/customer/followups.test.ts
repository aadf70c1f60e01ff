import { describe, expect, it } from "vitest";
import { dueAt, fromRoute, isFiltered, parseTime, splitDueAt, toQuery } from "./followups";

describe("the follow-ups filter", () => {
  it("opens with what the Overview's chart was showing", () => {
    const form = fromRoute({ status: "out_of_date", method: "m1", from: "2026-11-01", to: "2026-11-30" });
    expect(form).toEqual({
      keyword: "",
      methodId: "m1",
      from: "01/11/2026",
      to: "30/11/2026",
      state: "out_of_date",
    });
    expect(isFiltered(form)).toBe(true);
    expect(isFiltered(fromRoute(undefined))).toBe(false);
  });

  it("sends dates as ISO and leaves a wrong one out, marked", () => {
    const { filter, invalid } = toQuery({
      keyword: "  goi dien ",
      methodId: "",
      from: "1/11/2026",
      to: "31/11/2026",
      state: "",
    });
    expect(filter).toEqual({
      keyword: "goi dien",
      method_id: null,
      from: "2026-11-01",
      to: null,
      state: null,
    });
    expect(invalid).toEqual({ from: false, to: true });
  });
});

describe("the due time as typed", () => {
  it("reads times as Vietnamese write them", () => {
    expect(parseTime("9h30")).toBe("09:30");
    expect(parseTime("9:05")).toBe("09:05");
    expect(parseTime("14h")).toBe("14:00");
    expect(parseTime("0930")).toBe("09:30");
    expect(parseTime("")).toBe("");
    expect(parseTime("25:00")).toBeNull();
    expect(parseTime("sáng")).toBeNull();
  });

  it("joins the date and the time, and wants a date for a time", () => {
    expect(dueAt("05/12/2026", "9h")).toEqual({ value: "05/12/2026 09:00", error: "" });
    expect(dueAt("05/12/2026", "")).toEqual({ value: "05/12/2026", error: "" });
    expect(dueAt("", "")).toEqual({ value: "", error: "" });
    expect(dueAt("", "09:00").error).toBe("timeNeedsDate");
    expect(dueAt("05/12/2026", "9 giờ").error).toBe("time");
  });

  it("shows a stored due time as the form's two fields", () => {
    expect(splitDueAt("2026-12-05T09:00")).toEqual({ date: "05/12/2026", time: "09:00" });
    expect(splitDueAt(null)).toEqual({ date: "", time: "" });
  });
});
