import { describe, expect, it } from "vitest";
import type { FollowUp, ListEntry } from "../lib/api";
import {
  asInput,
  dueAt,
  fromRoute,
  isFiltered,
  methodChoices,
  parseTime,
  splitDueAt,
  toQuery,
} from "./followups";

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

const call: ListEntry = { id: "m-call", key: "call", name: "", position: 10n };
const fair: ListEntry = { id: "m-fair", key: "", name: "Hội chợ du lịch", position: 70n };

const done: FollowUp = {
  id: "f1",
  customer_id: "c1",
  method_id: fair.id,
  method: fair,
  subject: "Gặp ở hội chợ",
  content: "Khách hỏi tour Đà Lạt",
  due_at: "2026-11-24T09:00",
  done_on: "2026-11-25",
  result: "Lấy tờ rơi",
  status: "finish",
  state: "finish",
  staff_id: null,
  created_at: "2026-11-20T01:00:00.000Z",
  updated_at: "2026-11-25T09:00:00.000Z",
};

describe("undo and removed methods", () => {
  it("sends a follow-up back as it was, with the day it was done", () => {
    expect(asInput(done)).toEqual({
      method_id: "m-fair",
      subject: "Gặp ở hội chợ",
      content: "Khách hỏi tour Đà Lạt",
      due_at: "2026-11-24T09:00",
      done_on: "2026-11-25",
      result: "Lấy tờ rơi",
      status: "finish",
      staff_id: null,
    });
    expect(asInput({ ...done, due_at: null, done_on: null, status: "processing" })).toMatchObject({
      due_at: "",
      done_on: "",
      status: "processing",
    });
  });

  it("keeps a removed method choosable on the follow-up that has it", () => {
    expect(methodChoices([call], done)).toEqual([call, fair]);
    expect(methodChoices([call, fair], done)).toEqual([call, fair]);
    expect(methodChoices([call], null)).toEqual([call]);
  });
});
