import { describe, expect, it } from "vitest";
import { session } from "../test/fixtures";
import { countText, isFiltered, matches, NO_FILTERS } from "./filters";

const at = (...local: [number, number, number, number, number]) => session({ createdAt: new Date(...local).toISOString() });

describe("monitor filters", () => {
  it("take the days whole, in the reader's time zone", () => {
    const may3 = { ...NO_FILTERS, from: "2026-05-03", to: "2026-05-03" };
    expect(matches(at(2026, 4, 3, 0, 0), may3)).toBe(true);
    expect(matches(at(2026, 4, 3, 23, 59), may3)).toBe(true);
    expect(matches(at(2026, 4, 2, 23, 59), may3)).toBe(false);
    expect(matches(at(2026, 4, 4, 0, 0), may3)).toBe(false);
  });

  it("count what they let through, and know when none is set", () => {
    expect(countText(12, 40, true)).toBe("12 of 40 conversations");
    expect(countText(1, 1, true)).toBe("1 of 1 conversation");
    expect(countText(40, 40, false)).toBe("40 conversations");
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, words: "  " })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, tag: "vip" })).toBe(true);
  });
});
