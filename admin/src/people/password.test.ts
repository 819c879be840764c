import { describe, expect, it } from "vitest";
import { generatePassword, passwordProblem } from "./password";

describe("a new password", () => {
  it("is generated 16 characters long from the safe alphabet, different each time", () => {
    const a = generatePassword();
    expect(a).toMatch(/^[a-km-zA-HJ-NP-Z2-9\-_.!?#%+=]{16}$/);
    expect(generatePassword()).not.toBe(a);
  });

  it("draws again bytes that would favour some characters", () => {
    // 198 is the first byte past the largest multiple of the 66-character alphabet
    const bytes = [[198, 255, 0], [1, 2, 3]];
    const random = (b: Uint8Array) => {
      b.fill(0);
      b.set(bytes.shift() ?? []);
      return b;
    };
    expect(generatePassword(3, random)).toBe("abc");
  });

  it("must be 8 to 256 characters, counted as characters, not bytes", () => {
    expect(passwordProblem("1234567")).toBe("The password must be at least 8 characters (it has 7).");
    expect(passwordProblem("12345678")).toBeNull();
    expect(passwordProblem("é".repeat(256))).toBeNull();
    expect(passwordProblem("x".repeat(257))).toBe("The password must be at most 256 characters (it has 257).");
  });
});
