import { describe, expect, it } from "vitest";
import { ticksFor } from "./BarChart";
import { daySummary, hourSummary, percent, rating } from "./figures";
import { daysProblem, daysText, presetDays } from "./period";

describe("report figures", () => {
  it("writes shares and ratings, with a dash for nothing", () => {
    expect(percent(45, 120)).toBe("38%");
    expect(percent(0, 0)).toBe("–");
    expect(rating(4.26)).toBe("4.3 / 5");
    expect(rating(null)).toBe("–");
  });

  it("steps the value axis in round numbers", () => {
    expect(ticksFor(0)).toEqual([0, 1]);
    expect(ticksFor(3)).toEqual([0, 1, 2, 3]);
    expect(ticksFor(18)).toEqual([0, 5, 10, 15, 20]);
    expect(ticksFor(120)).toEqual([0, 50, 100, 150]);
  });

  it("sums up empty charts in words", () => {
    expect(daySummary([{ short: "3", label: "Sun, May 3", values: [0, 0, 0] }])).toBe("0 conversations over 1 day.");
    expect(hourSummary([{ short: "00", label: "00:00–01:00", values: [0, 0] }])).toBe("No conversations at any hour.");
  });

  it("counts presets back from today, and checks custom days", () => {
    const now = new Date(2026, 0, 3, 9);
    expect(presetDays("today", now)).toEqual({ first: "2026-01-03", last: "2026-01-03" });
    expect(presetDays("7d", now)).toEqual({ first: "2025-12-28", last: "2026-01-03" });
    expect(daysProblem({ first: "", last: "2026-01-03" })).toBe("Choose both a first and a last day.");
    expect(daysProblem({ first: "2026-01-03", last: "2026-01-03" })).toBeNull();
    expect(daysText({ first: "2026-01-03", last: "2026-01-03" })).toBe("Jan 3, 2026");
  });
});
