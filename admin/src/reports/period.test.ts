import { describe, expect, it } from "vitest";
import { paramsOfShown, presetDays, shownFrom, type Shown } from "./period";

const NOW = new Date(2026, 4, 9, 15, 30);
const from = (query: string) => shownFrom(new URLSearchParams(query), NOW);
const roundTrip = (s: Shown) => from(new URLSearchParams(paramsOfShown(s)).toString());

describe("the reports' period in the address bar", () => {
  it("goes there and back unchanged: a preset by name (none for the default), custom days as from and to", () => {
    expect(paramsOfShown({ preset: "7d", days: presetDays("7d", NOW) })).toEqual({});
    expect(paramsOfShown({ preset: "30d", days: presetDays("30d", NOW) })).toEqual({ period: "30d" });
    const custom: Shown = { preset: "custom", days: { first: "2026-04-01", last: "2026-04-30" } };
    expect(paramsOfShown(custom)).toEqual({ from: "2026-04-01", to: "2026-04-30" });
    for (const s of [custom, { preset: "today", days: presetDays("today", NOW) }, { preset: "30d", days: presetDays("30d", NOW) }, { preset: "7d", days: presetDays("7d", NOW) }] as Shown[]) {
      expect(roundTrip(s)).toEqual(s);
    }
  });

  it("is the last 7 days for anything it cannot read", () => {
    const week = { preset: "7d", days: { first: "2026-05-03", last: "2026-05-09" } };
    expect(from("")).toEqual(week);
    expect(from("period=year")).toEqual(week);
    expect(from("period=custom")).toEqual(week);
    // the wrong way round, a day that does not exist, or one day only
    expect(from("from=2026-05-09&to=2026-05-01")).toEqual(week);
    expect(from("from=2026-02-30&to=2026-03-02")).toEqual(week);
    expect(from("from=2026-05-01")).toEqual(week);
    // custom days win over a preset
    expect(from("period=today&from=2026-05-01&to=2026-05-01")).toEqual({ preset: "custom", days: { first: "2026-05-01", last: "2026-05-01" } });
  });
});
