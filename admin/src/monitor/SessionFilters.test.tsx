import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { AdminSession, SessionDetails } from "@webchat/shared";
import { agent } from "@webchat/shared/testing/fixtures";
import { session, stats } from "../test/fixtures";
import { openConsole, settle } from "../test/console";

/** Noon, local time, on a day of May 2026. */
const may = (day: number) => new Date(2026, 4, day, 12).toISOString();

type Row = AdminSession & Partial<SessionDetails>;
const row = (over: Partial<Row>): Row => ({ ...session(), ...over });

const SESSIONS: Row[] = [
  row({ id: "s1", userDisplayName: "Vera", status: "bot_pending", createdAt: may(1), tags: [] }),
  row({ id: "s2", userDisplayName: "Walt", status: "queued_for_agent", channel: "whatsapp", createdAt: may(2), tags: ["vip"] }),
  row({ id: "s3", userDisplayName: "Xena", status: "active_with_agent", agentId: "a2", agentDisplayName: "Bob", createdAt: may(3), tags: ["vip", "billing"] }),
  row({ id: "s4", userDisplayName: "Yuri", status: "active_with_agent", channel: "whatsapp", agentId: "a3", agentDisplayName: "Cleo", createdAt: may(4), tags: ["billing"] }),
  row({ id: "s5", userDisplayName: "Zoe", status: "closed", agentId: "a2", agentDisplayName: "Bob", createdAt: may(5), tags: ["vip"] }),
];

const answer = (url: string) => {
  if (url === "/api/agents") return { status: 200, body: { agents: [agent(), agent({ id: "a3", displayName: "Cleo" })] } };
  if (url.startsWith("/api/sessions/")) return { status: 200, body: { session: SESSIONS[0], messages: [] } };
  if (url.startsWith("/api/search?")) return { status: 200, body: { results: [] } };
  return undefined;
};

async function openMonitor(path = "/admin/") {
  const h = await openConsole(path, answer);
  h.socket().fire("admin:bootstrap", { sessions: SESSIONS, stats });
  await settle();
  return h;
}

const filters = () => screen.getByRole("search", { name: "Filter conversations" });
const set = (label: string, value: string) => fireEvent.change(within(filters()).getByLabelText(label), { target: { value } });
/** The visitors in the sessions table, in order. */
const visitors = () =>
  within(screen.getByRole("table", { name: "Sessions" }))
    .queryAllByRole("button")
    .map((b) => b.textContent);
const count = () => screen.getByText((_, el) => el?.classList.contains("search-count") ?? false);
const address = () => window.location.pathname + window.location.search;
const field = (label: string) => within(filters()).getByLabelText(label) as HTMLInputElement | HTMLSelectElement;

describe("the monitor's filters", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("narrow the sessions by status, channel, agent and tag together, and say how many politely", async () => {
    await openMonitor();
    expect(visitors()).toEqual(["Zoe", "Yuri", "Xena", "Walt", "Vera"]);
    expect(count().textContent).toBe("5 conversations");
    expect(count().getAttribute("aria-live")).toBe("polite");
    const statuses = within(filters()).getByLabelText("Status") as HTMLSelectElement;
    expect([...statuses.options].map((o) => o.text)).toEqual(["Any", "Open (not closed)", "With bot", "Queued", "With agent", "Closed"]);
    const team = within(filters()).getByLabelText("Agent") as HTMLSelectElement;
    expect([...team.options].map((o) => o.text)).toEqual(["Anyone", "Bob", "Cleo"]);

    set("Status", "active_with_agent");
    expect(visitors()).toEqual(["Yuri", "Xena"]);
    expect(count().textContent).toBe("2 of 5 conversations");
    set("Channel", "whatsapp");
    expect(visitors()).toEqual(["Yuri"]);
    set("Agent", "a2");
    expect(visitors()).toEqual([]);
    expect(screen.getByText("No conversations match these filters.")).toBeTruthy();
    expect(count().textContent).toBe("0 of 5 conversations");

    set("Channel", "");
    set("Status", "open");
    expect(visitors()).toEqual(["Xena"]);
    set("Agent", "");
    // a tag matches exactly, compared as the server stores it (trimmed, lower case)
    set("Tag", " VIP ");
    expect(visitors()).toEqual(["Xena", "Walt"]);
    set("Tag", "vi");
    expect(visitors()).toEqual([]);
  });

  it("keep the sessions created within the days chosen, and say when the days are the wrong way round", async () => {
    await openMonitor();
    set("Created from", "2026-05-02");
    expect(visitors()).toEqual(["Zoe", "Yuri", "Xena", "Walt"]);
    set("Created to", "2026-05-03");
    expect(visitors()).toEqual(["Xena", "Walt"]);
    expect(count().textContent).toBe("2 of 5 conversations");
    set("Created to", "2026-05-01");
    expect(visitors()).toEqual([]);
    const to = within(filters()).getByLabelText("Created to");
    expect(to.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(to.getAttribute("aria-describedby")!)!.textContent).toContain("before the “from” day");
  });

  it("follow live updates, and Clear filters shows everything again with the focus back on Search", async () => {
    const h = await openMonitor();
    set("Search", "bob  xe");
    expect(visitors()).toEqual(["Xena"]);
    h.socket().fire("admin:session:update", session({ id: "s6", userDisplayName: "Xerxes", agentId: "a2", agentDisplayName: "Bob", createdAt: may(6) }));
    await settle();
    expect(visitors()).toEqual(["Xerxes", "Xena"]);
    expect(count().textContent).toBe("2 of 6 conversations");
    const clear = within(filters()).getByRole("button", { name: "Clear filters" });
    clear.focus();
    fireEvent.click(clear);
    expect(visitors()).toHaveLength(6);
    expect(count().textContent).toBe("6 conversations");
    expect(document.activeElement).toBe(within(filters()).getByLabelText("Search"));
    expect((within(filters()).getByLabelText("Search") as HTMLInputElement).value).toBe("");
  });

  it("are kept while visiting another page", async () => {
    await openMonitor();
    set("Status", "closed");
    fireEvent.click(screen.getByRole("link", { name: "Reports" }));
    fireEvent.click(screen.getByRole("link", { name: "Monitor" }));
    await settle();
    expect(visitors()).toEqual(["Zoe"]);
    expect((within(filters()).getByLabelText("Status") as HTMLSelectElement).value).toBe("closed");
    expect(address()).toBe("/admin/?status=closed");
  });

  it("open with the filters in the address (a bookmark, a shared link, a reload), what they cannot hold left out", async () => {
    await openMonitor("/admin/?status=active_with_agent&agentId=a2&channel=fax&from=2026-02-30&tag=%20VIP");
    expect(visitors()).toEqual(["Xena"]);
    expect([field("Status").value, field("Agent").value, field("Channel").value, field("Tag").value, field("Created from").value]).toEqual(["active_with_agent", "a2", "", " VIP", ""]);
    expect(count().textContent).toBe("1 of 5 conversations");
    // the address now says what is applied
    expect(address()).toBe("/admin/?status=active_with_agent&agentId=a2&tag=VIP");
  });

  it("write each change to the address in place, without a new history entry, and Clear filters empties it", async () => {
    await openMonitor();
    expect(address()).toBe("/admin/");
    const entries = window.history.length;
    set("Status", "open");
    set("Agent", "a3");
    set("Search", "yu");
    set("Created from", "2026-05-04");
    expect(address()).toBe("/admin/?q=yu&status=open&agentId=a3&from=2026-05-04");
    expect(visitors()).toEqual(["Yuri"]);
    expect(window.history.length).toBe(entries);
    fireEvent.click(within(filters()).getByRole("button", { name: "Clear filters" }));
    expect(address()).toBe("/admin/");
  });

  it("link to the Search page with the typed words, to search every message", async () => {
    const h = await openMonitor();
    set("Search", " late refund ");
    expect(visitors()).toEqual([]);
    const link = within(filters()).getByRole("link", { name: "Search all messages…" });
    expect(link.getAttribute("href")).toBe("/admin/search?q=late+refund");
    fireEvent.click(link);
    await settle();
    expect(window.location.pathname + window.location.search).toBe("/admin/search?q=late+refund");
    expect((screen.getByLabelText("Words") as HTMLInputElement).value).toBe("late refund");
    expect(h.http.calls.some((c) => c.url.startsWith("/api/search?q=late+refund"))).toBe(true);
  });
});
