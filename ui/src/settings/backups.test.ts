import { describe, expect, it } from "vitest";
import { formatTimestamp } from "../lib/format";
import { megabytes } from "./backups";

describe("a backup's size", () => {
  it("reads in megabytes with her language's decimal mark", () => {
    expect(megabytes(1_234_567, "vi")).toBe("1,2");
    expect(megabytes(1_234_567, "en")).toBe("1.2");
    expect(megabytes(215_000_000, "vi")).toBe("215,0");
  });

  it("never reads as nothing for a small file", () => {
    expect(megabytes(40_960, "vi")).toBe("0,1");
    expect(megabytes(0, "en")).toBe("0.0");
  });
});

describe("a backup's time", () => {
  it("reads in local time to the second, so two backups of one minute differ", () => {
    const at = new Date(2026, 11, 2, 13, 14, 5);
    expect(formatTimestamp(at.toISOString(), true)).toBe("02/12/2026 13:14:05");
    expect(formatTimestamp(at.toISOString())).toBe("02/12/2026 13:14");
  });
});
