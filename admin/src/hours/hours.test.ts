import { describe, expect, it } from "vitest";
import type { BusinessHours } from "@webchat/shared";
import { availabilityText, openingText } from "./AvailabilityStatus";
import { check, copyMondayToWeekdays, draftOf, holidayProblem, hoursOf, nextWindow, overnight, timeZones } from "./hours";

const paris: BusinessHours = {
  timezone: "Europe/Paris",
  weekly: { mon: [["09:00", "12:00"], ["13:00", "17:30"]], fri: [["22:00", "02:00"]], sat: [["10:00", "24:00"]], sun: [] },
  holidays: ["2026-12-25", "2026-01-01"],
};

describe("business hours in the form", () => {
  it("reads the stored hours: 24:00 as end of day, missing days closed, holidays in order", () => {
    const d = draftOf(paris);
    expect(d.alwaysOpen).toBe(false);
    expect(d.days.sat).toEqual([{ start: "10:00", end: "", endOfDay: true }]);
    expect(d.days.tue).toEqual([]);
    expect(overnight(d.days.fri[0])).toBe(true);
    expect(overnight(d.days.mon[0])).toBe(false);
    expect(d.holidays).toEqual(["2026-01-01", "2026-12-25"]);
  });

  it("writes every day back, with an overnight window and 24:00 as they were", () => {
    expect(hoursOf(draftOf(paris))).toEqual({
      timezone: "Europe/Paris",
      weekly: { mon: [["09:00", "12:00"], ["13:00", "17:30"]], tue: [], wed: [], thu: [], fri: [["22:00", "02:00"]], sat: [["10:00", "24:00"]], sun: [] },
      holidays: ["2026-01-01", "2026-12-25"],
    });
  });

  it("always open is weekly null, and switching it off starts from an office week", () => {
    const d = draftOf({ timezone: "UTC", weekly: null, holidays: [] });
    expect(d.alwaysOpen).toBe(true);
    expect(hoursOf(d)).toEqual({ timezone: "UTC", weekly: null, holidays: [] });
    expect(hoursOf({ ...d, alwaysOpen: false }).weekly).toMatchObject({ mon: [["09:00", "17:00"]], fri: [["09:00", "17:00"]], sat: [], sun: [] });
  });

  it("finds empty, zero-length and overlapping windows, but not an overnight one", () => {
    const d = draftOf(paris);
    expect(check(d)).toEqual({});
    d.days.tue = [
      { start: "09:00", end: "", endOfDay: false },
      { start: "10:00", end: "10:00", endOfDay: false },
    ];
    d.days.wed = [
      { start: "08:00", end: "12:00", endOfDay: false },
      { start: "11:00", end: "14:00", endOfDay: false },
      { start: "23:00", end: "01:00", endOfDay: false },
      { start: "", end: "24:00", endOfDay: true },
    ];
    d.days.thu = [
      { start: "20:00", end: "03:00", endOfDay: false },
      { start: "22:00", end: "", endOfDay: true },
    ];
    expect(check({ ...d, timezone: "" })).toEqual({
      timezone: "Choose the time zone the hours are in.",
      "tue-0": "Enter the closing time, or tick End of day.",
      "tue-1": "The opening and closing times are the same. Change one, or remove this window.",
      "wed-1": "Overlaps 08:00–12:00. Change the times, or remove one of the windows.",
      "wed-3": "Enter the opening time.",
      "thu-1": "Overlaps 20:00–03:00. Change the times, or remove one of the windows.",
    });
    expect(check({ ...d, alwaysOpen: true })).toEqual({});
  });

  it("adds a window after the last one, and copies Monday to the weekdays", () => {
    expect(nextWindow([])).toEqual({ start: "09:00", end: "17:00", endOfDay: false });
    expect(nextWindow([{ start: "09:00", end: "12:00", endOfDay: false }])).toEqual({ start: "12:00", end: "13:00", endOfDay: false });
    expect(nextWindow([{ start: "20:00", end: "23:30", endOfDay: false }])).toEqual({ start: "23:30", end: "", endOfDay: true });
    const days = copyMondayToWeekdays(draftOf(paris).days);
    expect(days.thu).toEqual(days.mon);
    expect(days.thu).not.toBe(days.mon);
    expect(days.fri).toEqual(days.mon);
    expect(days.sat).toEqual([{ start: "10:00", end: "", endOfDay: true }]);
  });

  it("refuses a holiday twice, or none", () => {
    expect(holidayProblem(["2026-12-25"], "2026-12-25")).toBe("Fri, 25 Dec 2026 is already in the list.");
    expect(holidayProblem([], "")).toBe("Choose a date to add.");
    expect(holidayProblem([], "2026-12-24")).toBeNull();
  });

  it("lists the browser's zones, keeping the stored one and UTC", () => {
    const zones = timeZones("Mars/Olympus");
    expect(zones).toContain("Europe/Paris");
    expect(zones).toContain("UTC");
    expect(zones).toContain("Mars/Olympus");
  });
});

describe("the availability line", () => {
  const now = Date.parse("2026-12-05T20:00:00Z"); // a Saturday

  it("says open with how many agents", () => {
    expect(availabilityText({ online: true, agentsOnline: 2, withinBusinessHours: true })).toBe("Open now · 2 agents online");
    expect(availabilityText({ online: true, agentsOnline: 1, withinBusinessHours: true })).toBe("Open now · 1 agent online");
  });

  it("says when it opens again, in the business time zone", () => {
    const a = { online: false, agentsOnline: 0, withinBusinessHours: false, nextOpenAt: "2026-12-07T08:00:00Z" };
    expect(availabilityText(a, "Europe/Paris", now)).toBe("Closed · opens again Mon 09:00 (Europe/Paris)");
    expect(availabilityText({ ...a, agentsOnline: 1 }, "Europe/Paris", now)).toBe("Closed · opens again Mon 09:00 (Europe/Paris) · 1 agent online");
    expect(availabilityText({ ...a, nextOpenAt: null }, "Europe/Paris", now)).toBe("Closed · no opening hours ahead");
    expect(openingText("2026-12-25T08:00:00Z", "Europe/Paris", now)).toBe("Fri 25 Dec, 09:00 (Europe/Paris)");
  });

  it("says when the hours are open but nobody is online", () => {
    expect(availabilityText({ online: false, agentsOnline: 0, withinBusinessHours: true })).toBe(
      "Within business hours, but no agent online · visitors are asked for an email",
    );
  });
});
