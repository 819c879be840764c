import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Availability } from "@webchat/shared";
import { openingText } from "../hours/AvailabilityStatus";
import { session } from "../test/fixtures";
import { openConsole, settle } from "../test/console";

describe("monitor", () => {
  it("says whether visitors can reach the team, with the opening time in the business time zone", async () => {
    const nextOpenAt = new Date(Date.now() + 36 * 3600_000).toISOString();
    const closed: Availability = { online: false, agentsOnline: 1, withinBusinessHours: false, nextOpenAt };
    await openConsole("/admin/", (url) => {
      if (url === "/api/availability") return { status: 200, body: closed };
      if (url === "/api/settings/business-hours") return { status: 200, body: { timezone: "America/New_York", weekly: null, holidays: [] } };
      return undefined;
    });
    const line = within(screen.getByRole("region", { name: "Availability" })).getByRole("status");
    expect(line.textContent).toBe(`Closed · opens again ${openingText(nextOpenAt, "America/New_York")} · 1 agent online`);
    expect(line.textContent).toContain("(America/New_York)");
  });

  it("marks a followed session that came in offline", async () => {
    const waiting = { ...session({ status: "queued_for_agent" }), offline: true };
    const h = await openConsole("/admin/", (url) => (url === "/api/sessions/s1/messages" ? { status: 200, body: { session: waiting, messages: [] } } : undefined));
    h.socket().fire("admin:bootstrap", { sessions: [waiting], stats: { queued: 1, active: 0, bot: 0, closedToday: 0, medianWaitSeconds: null } });
    fireEvent.click(await screen.findByRole("button", { name: "Vera" }));
    await settle();
    expect(within(screen.getByRole("region", { name: "Transcript: Vera" })).getByText("Offline · replies go by email")).toBeTruthy();
  });

  it("says so when availability cannot be checked", async () => {
    await openConsole("/admin/", () => undefined);
    expect(within(screen.getByRole("region", { name: "Availability" })).getByRole("status").textContent).toBe("Could not check availability: not found");
  });

  it("offers to open an open session in the agent app, to monitor it there, and not once it is closed", async () => {
    const live = session({ status: "active_with_agent", agentId: "a2", agentDisplayName: "Bob" });
    const h = await openConsole("/admin/", (url) => (url === "/api/sessions/s1/messages" ? { status: 200, body: { session: live, messages: [] } } : undefined));
    h.socket().fire("admin:bootstrap", { sessions: [live], stats: { queued: 0, active: 1, bot: 0, closedToday: 0, medianWaitSeconds: null } });
    fireEvent.click(await screen.findByRole("button", { name: "Vera" }));
    await settle();
    const panel = screen.getByRole("region", { name: "Transcript: Vera" });
    const link = within(panel).getByRole("link", { name: "Open in the agent app to monitor the chat with Vera" });
    expect(link.getAttribute("href")).toBe("/agent/?monitor=s1");
    h.socket().fire("admin:session:update", { ...live, status: "closed" });
    await settle();
    expect(within(panel).queryByRole("link", { name: /Open in the agent app/ })).toBeNull();
  });
});
