import { describe, expect, it } from "vitest";
import { PAGES, pageFor } from "./pages";

describe("console pages", () => {
  it("starts with the monitor, and falls back to it for unknown paths", () => {
    expect(PAGES[0].title).toBe("Monitor");
    expect(pageFor("/admin/")).toBe(PAGES[0]);
    expect(pageFor("/admin/nowhere/")).toBe(PAGES[0]);
    expect(pageFor("/admin/people").title).toBe("People");
    expect(PAGES.map((p) => p.title).slice(0, 2)).toEqual(["Monitor", "People"]);
  });
});
