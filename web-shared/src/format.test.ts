import { describe, expect, it } from "vitest";
import { duration } from "./format";

describe("duration", () => {
  it("writes seconds, minutes and seconds, or hours and minutes; a dash when unknown", () => {
    expect(duration(42.4)).toBe("42 s");
    expect(duration(80)).toBe("1 min 20 s");
    expect(duration(3599)).toBe("59 min 59 s");
    expect(duration(3600 * 3 + 20 * 60 + 9)).toBe("3 h 20 min");
    expect(duration(null)).toBe("–");
    expect(duration(undefined)).toBe("–");
    expect(duration(Number.NaN)).toBe("–");
  });
});
