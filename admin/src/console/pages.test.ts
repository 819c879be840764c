import { describe, expect, it } from "vitest";
import { PAGES, pageFor, pagesFor, paramsFor } from "./pages";
import { hrefOf, searchOf } from "./route";

describe("console pages", () => {
  it("starts with the monitor, and falls back to it for unknown paths", () => {
    expect(PAGES[0].title).toBe("Monitor");
    expect(pageFor("/admin/")).toBe(PAGES[0]);
    expect(pageFor("/admin/nowhere/")).toBe(PAGES[0]);
    expect(pageFor("/admin/people").title).toBe("People");
    expect(PAGES.filter((p) => p.nav !== false).map((p) => p.title)).toEqual(["Monitor", "People", "Canned responses", "Search", "Reports", "Knowledge", "Widget", "Business hours", "Audit log", "API tokens", "Webhooks"]);
  });

  it("keeps the admins' own pages from supervisors", () => {
    expect(pagesFor("supervisor").map((p) => p.title)).toEqual(["Monitor", "Canned responses", "Search", "Reports", "Business hours", "Contact"]);
    expect(pagesFor("admin").map((p) => p.path)).toEqual(expect.arrayContaining(["widget", "knowledge", "audit", "tokens", "webhooks"]));
  });

  it("reads a page and its params from a location with a query", () => {
    expect(pageFor("/admin/search?q=refund&status=closed").title).toBe("Search");
    expect(pageFor("/admin/contact?id=c1").title).toBe("Contact");
    expect(paramsFor("/admin/search?q=refund%20please&status=closed").get("q")).toBe("refund please");
    expect(paramsFor("/admin/search").toString()).toBe("");
  });

  it("writes params without empty values", () => {
    expect(searchOf({ q: "a&b", status: "", tag: undefined })).toBe("?q=a%26b");
    expect(hrefOf("contact", { id: "c1" })).toBe("/admin/contact?id=c1");
    expect(hrefOf("search")).toBe("/admin/search");
  });
});
