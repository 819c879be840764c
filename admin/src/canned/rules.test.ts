import { describe, expect, it } from "vitest";
import { check, cleanShortcut, excerpt, preview, tidy, unknownVariables } from "./rules";

describe("canned response rules", () => {
  it("tidies the shortcut as the server stores it", () => {
    expect(cleanShortcut("  /refund ")).toBe("refund");
    expect(tidy({ shortcut: "/a_b-1", title: " T ", text: " x \n" })).toEqual({ shortcut: "a_b-1", title: "T", text: "x" });
    expect(check({ shortcut: "a_b-1", title: "T", text: "x" }, [])).toEqual({});
    expect(check({ shortcut: "a/b", title: "T", text: "x" }, []).shortcut).toMatch(/lower-case letters/);
  });

  it("counts characters as code points and knows only the server's variables", () => {
    expect(check({ shortcut: "e", title: "😀".repeat(100), text: "x" }, [])).toEqual({});
    expect(check({ shortcut: "e", title: "t", text: "y".repeat(4001) }, []).text).toBe("Use at most 4,000 characters (now 4,001).");
    expect(unknownVariables("{{visitor.name}} {{visitor.phone}} {{visitor.phone}} {{Agent.Name}}")).toEqual(["{{visitor.phone}}", "{{Agent.Name}}"]);
    expect(preview("{{visitor.name}} / {{visitor.email}} / {{agent.name}}", null)).toBe("Alex Morgan / alex@example.com / Sam");
    expect(excerpt("a\n\nb", 80)).toBe("a b");
    expect(excerpt("x".repeat(100), 10)).toBe(`${"x".repeat(9)}…`);
  });
});
