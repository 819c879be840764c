import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { User } from "@webchat/shared";
import { FakeSocket, fakeFetch, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { App } from "../App";
import { K } from "../agentState";
import { restInviteApi } from "../inviteApi";
import { TeamClient } from "../teamClient";
import { fakeWorkspaceApi } from "../test/fixtures";

afterEach(() => window.history.replaceState(null, "", "/"));

const invitation = { email: "nina@example.test", role: "supervisor", displayName: "Nina", expiresAt: "2026-12-08T12:00:00Z" };
type Answer = { status: number; body?: unknown };
const error = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } });

/** The agent app opened at `address`, the server answering lookup and accept as given. */
function openAt(address: string, answers: { lookup?: Answer; accept?: Answer } = {}, storage = memoryStorage()) {
  window.history.replaceState(null, "", address);
  const server = fakeFetch((url) =>
    url === "/api/invitations/lookup"
      ? (answers.lookup ?? { status: 200, body: { invitation } })
      : url === "/api/invitations/accept"
        ? (answers.accept ?? accepted({ id: "u9", role: "supervisor", displayName: "Nina K" }))
        : { status: 404 },
  );
  const sockets: FakeSocket[] = [];
  const client = new TeamClient({
    storage,
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    api: { agents: async () => [], sessions: async () => [] },
  });
  render(<App client={client} api={fakeWorkspaceApi()} invites={restInviteApi(server.fetch)} />);
  const body = (i: number) => JSON.parse(String(server.calls[i].init.body));
  return { client, server, body, sockets, storage };
}

const accepted = (user: User): Answer => ({ status: 201, body: { token: "newtok", user } });
const settle = () => act(async () => void (await flush()));

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const described = (label: string) =>
  (input(label).getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent)
    .join(" | ");
const create = () => fireEvent.click(screen.getByRole("button", { name: "Create my account" }));

async function filledForm(answers: { accept?: Answer } = {}) {
  const app = openAt("/agent/invite#token=tok%2B1", answers);
  await settle();
  type("Your name", "  Nina K ");
  type("New password", "correct horse");
  type("Confirm the password", "correct horse");
  return app;
}

describe("the invitation page (/agent/invite#token=…)", () => {
  it("says it is checking, then shows the invitation: the email as text, the role in words, the expiry; the heading has the focus", async () => {
    const { server, body } = openAt("/agent/invite#token=tok%2B1");
    expect(screen.getByRole("status").textContent).toBe("Checking your invitation…");
    await settle();
    expect(server.calls[0].url).toBe("/api/invitations/lookup");
    expect(body(0)).toEqual({ token: "tok+1" });
    expect(server.calls[0].init.headers).toEqual({ "content-type": "application/json" });
    const heading = screen.getByRole("heading", { name: "Join the team" });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByText("Email").nextElementSibling?.textContent).toBe("nina@example.test");
    expect(screen.queryByRole("textbox", { name: "Email" })).toBeNull();
    expect(screen.getByText("You're invited as a supervisor.")).toBeTruthy();
    expect(screen.getByText(/^This invitation expires on .*2026/)).toBeTruthy();
    expect(input("Your name").value).toBe("Nina");
    expect(input("Your name").maxLength).toBe(80);
    expect(input("New password").type).toBe("password");
    expect(screen.queryByText(/Someone is signed in/)).toBeNull();
    expect(screen.queryByRole("button", { name: "Log in" })).toBeNull();
  });

  it.each([
    ["agent", "You're invited as an agent."],
    ["admin", "You're invited as an admin."],
  ])("names the role %s", async (role, words) => {
    openAt("/agent/invite#token=t", { lookup: { status: 200, body: { invitation: { ...invitation, role, displayName: null } } } });
    await settle();
    expect(screen.getByText(words)).toBeTruthy();
    expect(input("Your name").value).toBe("");
  });

  it("shows the server's reason for a link that cannot be used, with a link to the sign-in page", async () => {
    const gone = "this invitation expired on 2026-12-08: ask whoever invited you for a new one";
    openAt("/agent/invite#token=old", { lookup: error(404, "not_found", gone) });
    await settle();
    const heading = screen.getByRole("heading", { name: "This invitation cannot be used" });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByText("This invitation expired on 2026-12-08: ask whoever invited you for a new one")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to the sign-in page" }).getAttribute("href")).toBe("/agent/");
    expect(screen.queryByRole("button", { name: "Create my account" })).toBeNull();
  });

  it("asks nothing when the invite page has no token", async () => {
    const { server } = openAt("/agent/invite");
    await settle();
    expect(server.calls).toHaveLength(0);
    expect(screen.getByText(/This address holds no invitation/)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to the sign-in page" })).toBeTruthy();
  });

  it("offers to try the lookup again when it failed otherwise", async () => {
    const { server } = openAt("/agent/invite#token=t", { lookup: error(429, "rate_limited", "too many requests") });
    await settle();
    expect(screen.getByRole("alert").textContent).toBe("Could not check your invitation: Too many requests");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(screen.getByRole("status").textContent).toBe("Checking your invitation…");
    await settle();
    expect(server.calls).toHaveLength(2);
  });

  it("says what is wrong with the password before sending, tied to the field, and sends nothing", async () => {
    const { server } = openAt("/agent/invite#token=t");
    await settle();
    type("New password", "short");
    expect(described("New password")).toBe("8 to 256 characters.");
    fireEvent.blur(input("New password"));
    expect(described("New password")).toBe("8 to 256 characters. | The password must be at least 8 characters (it has 5).");
    expect(input("New password").getAttribute("aria-invalid")).toBe("true");
    create();
    expect(document.activeElement).toBe(input("New password"));
    expect(described("Confirm the password")).toBe("Please type the password again.");

    type("New password", "x".repeat(257));
    expect(described("New password")).toMatch(/The password must be at most 256 characters \(it has 257\)\.$/);
    type("New password", "long enough");
    type("Confirm the password", "long enougH");
    expect(input("New password").getAttribute("aria-invalid")).toBeNull();
    expect(described("Confirm the password")).toBe("The two passwords differ.");
    create();
    expect(document.activeElement).toBe(input("Confirm the password"));

    type("Confirm the password", "long enough");
    type("Your name", "   ");
    create();
    expect(described("Your name")).toBe("The team and visitors see it. | Please enter your name.");
    expect(document.activeElement).toBe(input("Your name"));
    expect(server.calls.map((c) => c.url)).toEqual(["/api/invitations/lookup"]);
  });

  it("shows both passwords on request", async () => {
    openAt("/agent/invite#token=t");
    await settle();
    fireEvent.click(screen.getByRole("checkbox", { name: "Show passwords" }));
    expect(input("New password").type).toBe("text");
    expect(input("Confirm the password").type).toBe("text");
  });

  it("creates the account, signs in like a login, leaves the token out of the address, and offers the console once", async () => {
    const { server, body, client, storage, sockets } = await filledForm();
    create();
    const busy = screen.getByRole("button", { name: "Creating your account…" }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    await settle();
    expect(server.calls[1].url).toBe("/api/invitations/accept");
    expect(server.calls[1].init.method).toBe("POST");
    expect(body(1)).toEqual({ token: "tok+1", password: "correct horse", displayName: "Nina K" });
    expect(storage.getItem(K.token)).toBe("newtok");
    expect(client.getState()).toMatchObject({ auth: "loggedIn", user: { id: "u9", role: "supervisor" } });
    expect(sockets).toHaveLength(1);
    expect(window.location.pathname + window.location.search + window.location.hash).toBe("/agent/");
    expect(screen.getByRole("button", { name: "Log out" })).toBeTruthy();
    const offer = screen.getByRole("region", { name: "The console" });
    expect(within(offer).getByRole("link", { name: "open the console" }).getAttribute("href")).toBe("/admin/");
    fireEvent.click(within(offer).getByRole("button", { name: "Got it" }));
    expect(screen.queryByRole("region", { name: "The console" })).toBeNull();
  });

  it("offers no console to an agent", async () => {
    await filledForm({ accept: accepted({ id: "u9", role: "agent", displayName: "Nina K" }) });
    create();
    await settle();
    expect(screen.getByRole("button", { name: "Log out" })).toBeTruthy();
    expect(screen.queryByRole("region", { name: "The console" })).toBeNull();
  });

  it.each([
    [400, "invalid", "password too short"],
    [404, "not_found", "this invitation link is not valid any more (used, withdrawn or replaced): ask whoever invited you for a new one"],
    [429, "rate_limited", "too many attempts, try again in a minute"],
  ])("shows the server's refusal (%s) beside the form, focused, and keeps what was typed", async (status, code, message) => {
    const { storage } = await filledForm({ accept: error(status, code, message) });
    create();
    await settle();
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toBe(message.charAt(0).toUpperCase() + message.slice(1));
    expect(document.activeElement).toBe(alert);
    expect(screen.getByRole("button", { name: "Create my account" }).getAttribute("aria-describedby")).toBe(alert.id);
    expect(input("Your name").value).toBe("  Nina K ");
    expect(input("New password").value).toBe("correct horse");
    expect(input("Confirm the password").value).toBe("correct horse");
    expect(storage.getItem(K.token)).toBeNull();
    expect(window.location.hash).toBe("#token=tok%2B1");
  });

  it("shows the invitation to someone already signed in here, and replaces their sign-in only once accepted", async () => {
    const storage = memoryStorage();
    storage.setItem(K.token, "oldtok");
    const { client, sockets } = openAt("/agent/#token=tok", {}, storage);
    client.init();
    await settle();
    expect(sockets).toHaveLength(1);
    expect(screen.getByText("Someone is signed in on this browser: creating this account signs you in instead.")).toBeTruthy();
    expect(storage.getItem(K.token)).toBe("oldtok");
    type("New password", "correct horse");
    type("Confirm the password", "correct horse");
    create();
    await settle();
    expect(storage.getItem(K.token)).toBe("newtok");
    expect(sockets).toHaveLength(2);
    expect(sockets[0].connected).toBe(false);
    act(() => void sockets[1].connect());
    expect(sockets[1].last("hello").payload).toEqual({ role: "agent", token: "newtok" });
    expect(window.location.pathname + window.location.hash).toBe("/agent/");
  });
});
