import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { msg, session } from "@webchat/shared/testing/fixtures";
import { openConsole, settle } from "../test/console";

const anonymous = { id: "c7", displayName: "Visitor 7", verified: false, firstSeenAt: "2024-05-01T10:00:00Z", lastSeenAt: "2024-05-01T10:00:00Z", sessionCount: 0 };

describe("Contact view", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("is reached from the monitor's transcript", async () => {
    const h = await openConsole("/admin/", (url) => {
      if (url === "/api/sessions/s1/messages") return { status: 200, body: { session: session(), messages: [msg(1)] } };
      if (url === "/api/contacts/c7") return { status: 200, body: { contact: anonymous, sessions: [] } };
      return undefined;
    });
    h.socket().fire("admin:bootstrap", { sessions: [{ ...session(), contactId: "c7" }], stats: { queued: 0, active: 0, bot: 1, closedToday: 0, medianWaitSeconds: null } });
    fireEvent.click(await screen.findByRole("button", { name: "Vera" }));
    await settle();
    fireEvent.click(screen.getByRole("link", { name: "View contact Vera" }));
    await settle();
    expect(window.location.pathname + window.location.search).toBe("/admin/contact?id=c7");
    const card = screen.getByRole("region", { name: "Visitor 7 Not verified" });
    expect(within(card).getAllByText("—")).toHaveLength(3);
    expect(screen.getByText("No conversations yet.")).toBeTruthy();
    // The contact view is not a nav entry; no nav link claims to be the current page.
    expect(within(screen.getByRole("navigation", { name: "Console" })).queryByRole("link", { current: "page" })).toBeNull();
  });

  it("says so when the contact does not exist", async () => {
    await openConsole("/admin/contact?id=nobody", () => undefined);
    expect(screen.getByRole("alert").textContent).toBe("This contact does not exist (the link may be wrong, or it was removed).");
  });

  it("says when no contact was chosen", async () => {
    await openConsole("/admin/contact", () => undefined);
    expect(screen.getByRole("alert").textContent).toBe("No contact was chosen. Open one from a search result or a transcript.");
  });

  it("opens a conversation with the visitor's rating and whether it came in offline", async () => {
    const rated = { ...session({ status: "closed" }), contactId: "c7", tags: [], offline: true, csat: { rating: 4, comment: "Quick and kind" } };
    await openConsole("/admin/contact?id=c7", (url) => {
      if (url === "/api/contacts/c7") return { status: 200, body: { contact: anonymous, sessions: [rated] } };
      if (url === "/api/sessions/s1/messages") return { status: 200, body: { session: rated, messages: [msg(1)] } };
      return undefined;
    });
    fireEvent.click(within(screen.getByRole("table")).getByRole("button"));
    await settle();
    const conversation = screen.getByRole("region", { name: "Conversation with Vera" });
    expect(within(conversation).getByText("Came in offline · replies went by email")).toBeTruthy();
    const rating = within(conversation).getByText(/^Rating:/);
    expect(rating.textContent).toBe("Rating: ★ 4/5 — “Quick and kind”");
    expect(within(rating).getByText("★").getAttribute("aria-hidden")).toBe("true");
  });

  it("marks an erased contact", async () => {
    await openConsole("/admin/contact?id=c7", (url) => (url === "/api/contacts/c7" ? { status: 200, body: { contact: { ...anonymous, erased: true }, sessions: [] } } : undefined));
    expect(screen.getByText("This contact’s details and messages were erased.")).toBeTruthy();
  });
});
