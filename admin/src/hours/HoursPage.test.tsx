import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Availability, BusinessHours } from "@webchat/shared";
import { admin, bodyOf, openConsole, settle, type Reply } from "../test/console";

const stored: BusinessHours = {
  timezone: "Europe/Paris",
  weekly: { mon: [["09:00", "17:30"]], tue: [["09:00", "17:30"]], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: ["2026-12-25"],
};
const open: Availability = { online: true, agentsOnline: 2, withinBusinessHours: true };

/** A stand-in server with the hours and the availability; `refuse` answers the next PUT instead of it. */
function server(initial: BusinessHours = stored) {
  let hours = initial;
  const puts: unknown[] = [];
  let asked = 0;
  let refuse: Reply | null = null;
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    if (url === "/api/availability") {
      asked += 1;
      return { status: 200, body: open };
    }
    if (url !== "/api/settings/business-hours") return undefined;
    if ((init.method ?? "GET") === "GET") return { status: 200, body: hours };
    puts.push(bodyOf(init));
    if (refuse) return refuse;
    hours = bodyOf(init);
    return { status: 200, body: hours };
  };
  return { answer, puts, asked: () => asked, refuseWith: (r: Reply) => (refuse = r) };
}

async function openHours(initial?: BusinessHours, user = admin) {
  const srv = server(initial);
  await openConsole("/admin/business-hours", srv.answer, user);
  return srv;
}

const day = (name: string) => screen.getByRole("group", { name });
const input = (label: string | RegExp, scope: HTMLElement = document.body) => within(scope).getByLabelText(label) as HTMLInputElement;
const setValue = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save business hours" }));

describe("Business hours page", () => {
  it("shows the stored hours, the holidays and whether visitors can reach someone now", async () => {
    await openHours();
    expect(screen.getByRole("link", { name: "Business hours" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByText("Open now · 2 agents online")).toBeTruthy();
    expect((screen.getByLabelText("Time zone") as HTMLSelectElement).value).toBe("Europe/Paris");
    expect(screen.getByText(/Your browser’s time zone is UTC/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Use UTC" })).toBeTruthy();
    expect((screen.getByRole("switch", { name: "Always open" }) as HTMLInputElement).checked).toBe(false);
    expect(input("Opens on Monday", day("Monday")).value).toBe("09:00");
    expect(input("Closes on Monday", day("Monday")).value).toBe("17:30");
    expect(within(day("Wednesday")).getByText("Closed")).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Holidays" })).getByText("Fri, 25 Dec 2026", { selector: "time" })).toBeTruthy();
  });

  it("edits the week (overnight, end of day, copy Monday) and holidays, and PUTs the whole object", async () => {
    const srv = await openHours();
    const asked = srv.asked();
    setValue(input("Closes on Monday", day("Monday")), "12:00");
    fireEvent.click(within(day("Monday")).getByRole("button", { name: "Add hours on Monday" }));
    expect(document.activeElement).toBe(input("Opens on Monday, window 2"));
    setValue(input("Closes on Monday, window 2"), "18:00");
    fireEvent.click(screen.getByRole("button", { name: "Copy Monday to weekdays" }));
    expect(input("Opens on Thursday, window 2").value).toBe("12:00");

    fireEvent.click(within(day("Friday")).getByRole("button", { name: "Remove Friday 12:00–18:00" }));
    expect(document.activeElement).toBe(within(day("Friday")).getByRole("button", { name: "Add hours on Friday" }));
    setValue(input("Opens on Friday"), "22:00");
    setValue(input("Closes on Friday"), "02:00");
    const note = within(day("Friday")).getByText("Runs past midnight, until 02:00 on Saturday.");
    expect(input("Closes on Friday").getAttribute("aria-describedby")).toBe(note.id);

    fireEvent.click(within(day("Saturday")).getByRole("button", { name: "Open this day on Saturday" }));
    setValue(input("Opens on Saturday"), "18:00");
    fireEvent.click(input("End of day (24:00) on Saturday"));
    expect(input("Closes on Saturday").disabled).toBe(true);

    setValue(input("Date"), "2026-12-24");
    fireEvent.click(screen.getByRole("button", { name: "Add holiday" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove Fri, 25 Dec 2026" }));
    expect(document.activeElement).toBe(input("Date"));
    setValue(input("Date"), "2027-01-01");
    fireEvent.keyDown(input("Date"), { key: "Enter" });

    save();
    await settle();
    const weekday: [string, string][] = [["09:00", "12:00"], ["12:00", "18:00"]];
    expect(srv.puts).toEqual([
      {
        timezone: "Europe/Paris",
        weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: [["22:00", "02:00"]], sat: [["18:00", "24:00"]], sun: [] },
        holidays: ["2026-12-24", "2027-01-01"],
      },
    ]);
    expect(screen.getByText("Business hours saved.")).toBeTruthy();
    expect(srv.asked()).toBe(asked + 1);
  });

  it("always open sends weekly null, and keeps the week for when it is switched off", async () => {
    const srv = await openHours();
    fireEvent.click(screen.getByRole("switch", { name: "Always open" }));
    expect(screen.queryByRole("group", { name: "Monday" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Use UTC" }));
    save();
    await settle();
    expect(srv.puts).toEqual([{ timezone: "UTC", weekly: null, holidays: ["2026-12-25"] }]);
    fireEvent.click(screen.getByRole("switch", { name: "Always open" }));
    expect(input("Opens on Monday").value).toBe("09:00");
  });

  it("says what is wrong with a window before sending, and focuses it", async () => {
    const srv = await openHours();
    setValue(input("Closes on Tuesday"), "09:00");
    fireEvent.click(within(day("Monday")).getByRole("button", { name: "Add hours on Monday" }));
    setValue(input("Opens on Monday, window 2"), "12:00");
    save();
    await settle();
    expect(srv.puts).toEqual([]);
    const clash = within(day("Monday")).getByText("Overlaps 09:00–17:30. Change the times, or remove one of the windows.");
    expect(document.activeElement).toBe(input("Opens on Monday, window 2"));
    expect(input("Opens on Monday, window 2").getAttribute("aria-describedby")).toBe(clash.id);
    expect(input("Opens on Monday, window 2").getAttribute("aria-invalid")).toBe("true");
    expect(within(day("Tuesday")).getByText(/The opening and closing times are the same/)).toBeTruthy();
  });

  it("refuses a holiday already listed", async () => {
    await openHours();
    setValue(input("Date"), "2026-12-25");
    fireEvent.click(screen.getByRole("button", { name: "Add holiday" }));
    const problem = screen.getByText("Fri, 25 Dec 2026 is already in the list.");
    expect(input("Date").getAttribute("aria-describedby")).toBe(`holiday-hint ${problem.id}`);
    expect(document.activeElement).toBe(input("Date"));
  });

  it("shows the server's refusal next to the form", async () => {
    const srv = await openHours();
    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "unknown time zone" } } });
    save();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Could not save: unknown time zone");
    expect(alert.closest("form")?.getAttribute("aria-describedby")).toBe(alert.id);
  });

  it("lets a supervisor read the hours but not change them", async () => {
    await openHours(stored, { ...admin, role: "supervisor" });
    expect(screen.getByText("Only admins can change the business hours.")).toBeTruthy();
    expect(input("Opens on Monday").matches(":disabled")).toBe(true);
    expect(screen.getByRole("switch", { name: "Always open" }).matches(":disabled")).toBe(true);
    expect(screen.getByRole("button", { name: "Add holiday" }).matches(":disabled")).toBe(true);
    expect(screen.queryByRole("button", { name: "Save business hours" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Use UTC" })).toBeNull();
    expect(screen.queryByRole("link", { name: "Widget" })).toBeNull();
  });
});
