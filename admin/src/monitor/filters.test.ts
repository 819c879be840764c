import { describe, expect, it } from "vitest";
import { session } from "../test/fixtures";
import { countText, filtersFrom, isFiltered, matches, NO_FILTERS, paramsOfFilters, type MonitorFilters } from "./filters";

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

  it("go to the address bar and back unchanged, the ones not set left out", () => {
    const f: MonitorFilters = { words: "late refund", status: "open", channel: "whatsapp", agentId: "a2", tag: "vip & co", from: "2026-05-04", to: "2026-05-10" };
    const params = new URLSearchParams(paramsOfFilters(f));
    expect(params.toString()).toBe("q=late+refund&status=open&channel=whatsapp&agentId=a2&tag=vip+%26+co&from=2026-05-04&to=2026-05-10");
    expect(filtersFrom(new URLSearchParams(params.toString()))).toEqual(f);
    expect(paramsOfFilters(NO_FILTERS)).toEqual({});
    expect(filtersFrom(new URLSearchParams(""))).toEqual(NO_FILTERS);
    expect(paramsOfFilters({ ...NO_FILTERS, words: "  bob ", tag: " " })).toEqual({ q: "bob" });
  });

  it("drop from the address what they cannot hold", () => {
    const odd = new URLSearchParams("status=deleted&channel=fax&from=2026-02-30&to=yesterday&agentId=a3&extra=1&q=%3Cb%3E");
    expect(filtersFrom(odd)).toEqual({ ...NO_FILTERS, agentId: "a3", words: "<b>" });
    expect(filtersFrom(new URLSearchParams("status=&channel=WEB&from=2026-5-1"))).toEqual(NO_FILTERS);
  });
});
