import { describe, expect, it } from "vitest";
import { isDay, oneOf } from "./params";

describe("params read from the address bar", () => {
  it("take only days that exist", () => {
    expect(isDay("2026-05-09")).toBe(true);
    expect(isDay("2024-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-00-10", "2026-5-9", "2026-05-09T00:00", "", null, undefined]) expect(isDay(bad)).toBe(false);
  });

  it("take only the values allowed", () => {
    expect(oneOf("30d", ["today", "30d"])).toBe("30d");
    expect(oneOf("30D", ["today", "30d"])).toBe("");
    expect(oneOf(null, ["today"])).toBe("");
  });
});
