import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { msg, session } from "@webchat/shared/testing/fixtures";
import { admin, openConsole, settle } from "../test/console";
import { catchDownloads } from "../test/download";

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

describe("Contact privacy", () => {
  const named = { ...anonymous, displayName: "Vera", email: "vera@example.test", sessionCount: 1 };
  const talk = { ...session({ status: "closed" }), contactId: "c7", tags: [] };

  /** A stand-in server for one contact that an erasure empties; `sent` is what changed it. */
  function server() {
    let erased = false;
    const sent: string[] = [];
    const answer = (url: string, init: RequestInit) => {
      const method = init.method ?? "GET";
      if (url === "/api/contacts/c7" && method === "DELETE") return sent.push(`DELETE ${url}`), (erased = true), { status: 204 };
      if (url === "/api/contacts/c7") return { status: 200, body: { contact: erased ? { ...anonymous, displayName: "", erased: true } : named, sessions: [talk] } };
      if (url === "/api/contacts/c7/export") return { status: 200, body: { contact: named, sessions: [talk] } };
      if (url === "/api/sessions/s1/messages") return { status: 200, body: { session: talk, messages: [erased ? { ...msg(1), text: "", erased: true } : msg(1, { text: "My card ends 4242" })] } };
      return undefined;
    };
    return { answer, sent };
  }

  it("is for admins only", async () => {
    await openConsole("/admin/contact?id=c7", server().answer, { ...admin, role: "supervisor" });
    expect(screen.getByRole("region", { name: "Vera Not verified" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Privacy" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Export data" })).toBeNull();
  });

  it("exports everything stored about the contact as a JSON file", async () => {
    const saved = catchDownloads();
    const h = await openConsole("/admin/contact?id=c7", server().answer);
    fireEvent.click(screen.getByRole("button", { name: "Export data" }));
    await settle();
    const call = h.http.calls.find((c) => c.url === "/api/contacts/c7/export")!;
    expect(call.init.headers).toEqual({ authorization: "Bearer adm" });
    expect(saved.files.map((f) => f.name)).toEqual(["contact-c7.json"]);
    expect(JSON.parse(await saved.files[0].blob.text()).contact.email).toBe("vera@example.test");
    expect(screen.getByText("Downloaded contact-c7.json.")).toBeTruthy();
    saved.restore();
  });

  it("erases the contact after a confirmation that says what happens, then shows it erased", async () => {
    const srv = server();
    await openConsole("/admin/contact?id=c7", srv.answer);
    fireEvent.click(screen.getByRole("button", { name: "Erase contact" }));
    let dialog = screen.getByRole("alertdialog", { name: "Erase Vera?" });
    const said = dialog.textContent ?? "";
    for (const part of ["text of all their messages", "attachments", "details (name, email, phone, external id)", "conversations stay, empty, so reports still add up", "cannot be undone"]) expect(said).toContain(part);
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(srv.sent).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Erase contact" }));
    dialog = screen.getByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Erase contact" }));
    await settle();
    expect(srv.sent).toEqual(["DELETE /api/contacts/c7"]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByText("Vera was erased.")).toBeTruthy();
    expect(screen.getByText("This contact’s details and messages were erased.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Erase contact" })).toBeNull();
    fireEvent.click(within(screen.getByRole("table")).getByRole("button"));
    await settle();
    const transcript = screen.getByRole("list", { name: "Transcript" });
    expect(within(transcript).getByText("(erased)")).toBeTruthy();
    expect(within(transcript).queryByText("My card ends 4242")).toBeNull();
  });

  it("keeps a refused erasure in the dialog", async () => {
    await openConsole("/admin/contact?id=c7", (url, init) =>
      init.method === "DELETE" ? { status: 409, body: { error: { code: "conflict", message: "the contact is in an open chat" } } } : server().answer(url, init),
    );
    fireEvent.click(screen.getByRole("button", { name: "Erase contact" }));
    const dialog = screen.getByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Erase contact" }));
    await settle();
    expect(within(dialog).getByRole("alert").textContent).toBe("Could not erase Vera: the contact is in an open chat");
  });
});
