import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ReportSummary } from "@webchat/shared";
import { admin, openConsole, settle, type Reply } from "../test/console";
import { catchDownloads } from "../test/download";

const DAYS = ["2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07", "2026-05-08", "2026-05-09"];

function report(over: Partial<ReportSummary> = {}): ReportSummary {
  return {
    conversations: 120,
    handedOff: 45,
    resolvedByBot: 60,
    medianFirstResponseSecs: 80,
    medianWaitSecs: 42,
    medianResolutionSecs: 3 * 3600 + 20 * 60,
    csat: { average: 4.26, count: 28 },
    perAgent: [
      { agentId: "a2", displayName: "Bob", conversations: 15, medianFirstResponseSecs: null, csatAverage: null },
      { agentId: "a3", displayName: "Cleo", conversations: 30, medianFirstResponseSecs: 65, csatAverage: 4.5 },
    ],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: hour === 14 ? 18 : 4, handedOff: hour === 14 ? 6 : 1 })),
    byDay: DAYS.map((date, i) => ({ date, conversations: i === 0 ? 30 : 15, handedOff: i === 0 ? 15 : 5, resolvedByBot: i === 0 ? 10 : 8 })),
    ...over,
  };
}

/** A stand-in server answering the summary (or `refuse`), recording the periods asked for. */
async function openReports(answer: (url: string) => Reply | undefined = () => ({ status: 200, body: report() }), user = admin, path = "/admin/reports") {
  const asked: URLSearchParams[] = [];
  const h = await openConsole(
    path,
    (url) => {
      if (!url.startsWith("/api/reports/")) return undefined;
      if (url.startsWith("/api/reports/summary?")) asked.push(new URL(url, "http://x").searchParams);
      return answer(url);
    },
    user,
  );
  return { ...h, asked };
}

const card = (label: string) => screen.getByText(label, { selector: "dt" }).parentElement!;
const period = (p: URLSearchParams) => [p.get("from"), p.get("to"), p.get("tz")];
const address = () => window.location.pathname + window.location.search;
const checked = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).checked;

describe("Reports page", () => {
  // Days are the browser's: Paris, two hours ahead of UTC in May.
  beforeAll(() => void vi.stubEnv("TZ", "Europe/Paris"));
  afterAll(() => void vi.unstubAllEnvs());
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2026, 4, 9, 15, 30));
  });
  afterEach(() => {
    vi.useRealTimers();
    window.history.replaceState(null, "", "/");
  });

  it("asks for the last 7 days in the browser's time zone, and shows the key figures", async () => {
    const { asked } = await openReports();
    expect(screen.getByRole("link", { name: "Reports" }).getAttribute("aria-current")).toBe("page");
    expect((screen.getByLabelText("Last 7 days") as HTMLInputElement).checked).toBe(true);
    expect(asked.map(period)).toEqual([["2026-05-02T22:00:00.000Z", "2026-05-09T22:00:00.000Z", "Europe/Paris"]]);
    expect(screen.getByText(/^Showing May 3 – May 9, 2026, days and hours in Europe\/Paris\.$/)).toBeTruthy();
    expect(within(card("Conversations")).getByText("120")).toBeTruthy();
    expect(within(card("Handed off")).getByText("38% of conversations")).toBeTruthy();
    expect(within(card("Resolved by the bot")).getByText("50% deflection")).toBeTruthy();
    expect(within(card("Median first response")).getByText("1 min 20 s")).toBeTruthy();
    expect(within(card("Median wait")).getByText("42 s")).toBeTruthy();
    expect(within(card("Median resolution")).getByText("3 h 20 min")).toBeTruthy();
    expect(within(card("Satisfaction")).getByText("4.3 / 5")).toBeTruthy();
    expect(within(card("Satisfaction")).getByText("from 28 ratings")).toBeTruthy();
  });

  it("shows a dash for figures without data", async () => {
    const empty = report({ conversations: 0, handedOff: 0, resolvedByBot: 0, medianFirstResponseSecs: null, medianWaitSecs: null, medianResolutionSecs: null, csat: { average: null, count: 0 }, perAgent: [] });
    await openReports(() => ({ status: 200, body: empty }));
    expect(within(card("Handed off")).getByText("– of conversations")).toBeTruthy();
    for (const label of ["Median first response", "Median wait", "Median resolution", "Satisfaction"]) expect(within(card(label)).getByText("–")).toBeTruthy();
    expect(within(card("Satisfaction")).getByText("no ratings yet")).toBeTruthy();
    expect(screen.getByText("No conversation reached an agent in this period.")).toBeTruthy();
  });

  it("switches presets at once, and sends custom days only when they make sense", async () => {
    const { asked } = await openReports();
    fireEvent.click(screen.getByLabelText("Today"));
    await settle();
    expect(period(asked[1])).toEqual(["2026-05-08T22:00:00.000Z", "2026-05-09T22:00:00.000Z", "Europe/Paris"]);
    fireEvent.click(screen.getByLabelText("Last 30 days"));
    await settle();
    expect(asked[2].get("from")).toBe("2026-04-09T22:00:00.000Z");
    fireEvent.click(screen.getByLabelText("Custom dates"));
    expect((screen.getByLabelText("From") as HTMLInputElement).value).toBe("2026-04-10");
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-05-20" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-05-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Show report" }));
    await settle();
    expect(asked).toHaveLength(3);
    expect(screen.getByText("The first day must not be after the last.")).toBeTruthy();
    expect(screen.getByLabelText("From").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(screen.getByLabelText("From"));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-03-29" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-03-29" } });
    fireEvent.click(screen.getByRole("button", { name: "Show report" }));
    await settle();
    // The day clocks went forward in Paris: 23 hours, from UTC+1 to UTC+2.
    expect(period(asked[3])).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z", "Europe/Paris"]);
  });

  it("draws each chart as one labelled image with its numbers in a table", async () => {
    await openReports();
    const days = screen.getByRole("img", { name: /^Conversations per day\./ });
    expect(days.getAttribute("aria-label")).toBe(
      "Conversations per day. 120 conversations over 7 days: 58 resolved by the bot, 45 handed off, 17 still with the bot. Busiest: Sun, May 3, with 30.",
    );
    expect(screen.getByRole("img", { name: /^Conversations by hour of day\./ }).getAttribute("aria-label")).toBe(
      "Conversations by hour of day. Busiest hour: 14:00–15:00, with 18 conversations, 6 handed off.",
    );
    const section = screen.getByRole("region", { name: "Conversations per day" });
    const table = within(section).getByRole("table", { name: "Conversations per day" });
    expect(table.parentElement?.className).toBe("visually-hidden");
    expect(within(table).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Day", "Resolved by the bot", "Handed off", "Still with the bot", "Total"]);
    const first = within(table).getByRole("rowheader", { name: "Sun, May 3" }).closest("tr")!;
    expect(within(first).getAllByRole("cell").map((c) => c.textContent)).toEqual(["10", "15", "5", "30"]);
    const toggle = within(section).getByRole("button", { name: "Show the numbers for conversations per day" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(toggle.getAttribute("aria-controls")).toBe(table.parentElement?.id);
    fireEvent.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect(table.parentElement?.className).toBe("table-wrap");
    const hours = within(screen.getByRole("region", { name: "Conversations by hour of day" })).getByRole("table");
    expect(within(hours).getAllByRole("row")).toHaveLength(25);
    expect(within(hours).getByRole("rowheader", { name: "23:00–00:00" })).toBeTruthy();
    // The bars are stacked: one rect per non-empty part, 7 days × 3 parts.
    expect(days.querySelectorAll("rect")).toHaveLength(21);
  });

  it("lists the agents busiest first, with a dash where there is no data", async () => {
    await openReports();
    const table = screen.getByRole("table", { name: "Per agent" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ["Cleo", "30", "1 min 5 s", "4.5 / 5"],
      ["Bob", "15", "–", "–"],
    ]);
  });

  it("shows the server's refusal, and is open to supervisors", async () => {
    await openReports(() => ({ status: 400, body: { error: { code: "invalid", message: "the period is longer than 366 days" } } }), { ...admin, role: "supervisor" });
    expect(screen.getByRole("link", { name: "Reports" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Could not load the report: the period is longer than 366 days");
    expect(screen.queryByRole("region", { name: "Key figures" })).toBeNull();
  });

  it("downloads the period's CSV with the token, named by its days", async () => {
    const saved = catchDownloads();
    const h = await openReports((url) => (url.includes(".csv") ? { status: 200, body: "id,status\n" } : { status: 200, body: report() }));
    fireEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    await settle();
    const call = h.http.calls.find((c) => c.url.startsWith("/api/reports/conversations.csv?"))!;
    expect(period(new URL(call.url, "http://x").searchParams)).toEqual(["2026-05-02T22:00:00.000Z", "2026-05-09T22:00:00.000Z", "Europe/Paris"]);
    expect(call.init.headers).toEqual({ authorization: "Bearer adm" });
    expect(saved.files.map((f) => f.name)).toEqual(["conversations-2026-05-03-2026-05-09.csv"]);
    expect(await saved.files[0].blob.text()).toBe("id,status\n");
    expect(screen.getByText("Downloaded conversations-2026-05-03-2026-05-09.csv.")).toBeTruthy();
    saved.restore();
  });

  it("says why the CSV could not be downloaded", async () => {
    await openReports((url) => (url.includes(".csv") ? { status: 429, body: { error: { code: "rate_limited", message: "one export at a time" } } } : { status: 200, body: report() }));
    fireEvent.click(screen.getByRole("button", { name: "Download CSV" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Could not download the CSV: one export at a time");
  });

  it("opens on the period in the address: a preset by name, or custom days", async () => {
    const { asked } = await openReports(undefined, admin, "/admin/reports?period=30d");
    expect(checked("Last 30 days")).toBe(true);
    expect(period(asked[0])).toEqual(["2026-04-09T22:00:00.000Z", "2026-05-09T22:00:00.000Z", "Europe/Paris"]);
    expect(address()).toBe("/admin/reports?period=30d");
  });

  it("opens on custom days from the address, and on the last 7 days for what it cannot read", async () => {
    const custom = await openReports(undefined, admin, "/admin/reports?from=2026-04-01&to=2026-04-30");
    expect(checked("Custom dates")).toBe(true);
    expect((screen.getByLabelText("From") as HTMLInputElement).value).toBe("2026-04-01");
    expect((screen.getByLabelText("To") as HTMLInputElement).value).toBe("2026-04-30");
    expect(period(custom.asked[0])).toEqual(["2026-03-31T22:00:00.000Z", "2026-04-30T22:00:00.000Z", "Europe/Paris"]);
    cleanup();

    const odd = await openReports(undefined, admin, "/admin/reports?period=forever&from=2026-05-09&to=2026-05-01");
    expect(checked("Last 7 days")).toBe(true);
    expect(period(odd.asked[0])).toEqual(["2026-05-02T22:00:00.000Z", "2026-05-09T22:00:00.000Z", "Europe/Paris"]);
    expect(address()).toBe("/admin/reports");
  });

  it("keeps the period chosen in the address, in place", async () => {
    await openReports();
    const entries = window.history.length;
    fireEvent.click(screen.getByLabelText("Today"));
    await settle();
    expect(address()).toBe("/admin/reports?period=today");
    fireEvent.click(screen.getByLabelText("Custom dates"));
    expect(address()).toBe("/admin/reports?period=today");
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-05-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-05-05" } });
    fireEvent.click(screen.getByRole("button", { name: "Show report" }));
    await settle();
    expect(address()).toBe("/admin/reports?from=2026-05-01&to=2026-05-05");
    fireEvent.click(screen.getByLabelText("Last 7 days"));
    await settle();
    expect(address()).toBe("/admin/reports");
    expect(window.history.length).toBe(entries);
  });
});
