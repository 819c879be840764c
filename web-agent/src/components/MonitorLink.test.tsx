import { act, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Role, Session } from "@webchat/shared";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { App } from "../App";
import { followMonitorLink } from "../monitorLink";
import { TeamClient } from "../teamClient";
import { msg, note, session } from "../test/fixtures";

afterEach(() => window.history.replaceState(null, "", "/"));

const open: Session[] = [session({ id: "s7", userDisplayName: "Nina", agentId: "a2", agentDisplayName: "Bob" })];

/** The agent app loaded at `address`, showing the login form; `logIn` logs in as `role` and answers the hello. */
function mount(address: string, role: Role) {
  window.history.replaceState({ kept: true }, "", address);
  const user = { id: "a1", role, displayName: "Alice" };
  const sockets: FakeSocket[] = [];
  const api = { agents: vi.fn(async () => []), sessions: vi.fn(async (status: string) => open.filter((s) => s.status === status)) };
  const client = new TeamClient({
    storage: memoryStorage(),
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    login: async () => ({ token: "atok", user }),
    api,
  });
  const asked = vi.spyOn(client, "monitor");
  followMonitorLink(client);
  render(<App client={client} />);
  const logIn = async () => {
    await act(() => client.login("a@x.io", "pw"));
    const s = sockets[0];
    act(() => void s.connect());
    await act(async () => {
      s.reply("hello", { user, token: "atok", sessions: [] });
      await flush();
    });
    const settle = () => act(async () => void (await flush()));
    return { s, settle };
  };
  return { asked, logIn };
}

const loadAt = (address: string, role: Role) => mount(address, role).logIn();

describe("opening the agent app at /agent/?monitor=<id>", () => {
  it("monitors that chat for a supervisor, then takes the id out of the address", async () => {
    const { s, settle } = await loadAt("/agent/?monitor=s1&lang=en#top", "supervisor");
    expect(s.last("session:monitor").payload).toEqual({ sessionId: "s1" });
    expect(window.location.search).toBe("?monitor=s1&lang=en");
    s.reply("session:monitor", {
      session: session({ agentId: "a2", agentDisplayName: "Bob" }),
      messages: [msg(1, { text: "My parcel is late" })],
      notes: [note({ authorName: "Bob", text: "Carrier delay" })],
    });
    await settle();
    const view = screen.getByRole("region", { name: "Monitoring the chat with Vera" });
    expect(within(view).getByText("My parcel is late")).toBeTruthy();
    expect(within(view).getByText("Carrier delay")).toBeTruthy();
    expect(window.location.pathname + window.location.search + window.location.hash).toBe("/agent/?lang=en#top");
    expect(window.history.state).toEqual({ kept: true });
  });

  it("waits for the login, keeping the address until then; an admin may monitor too", async () => {
    const { asked, logIn } = mount("/agent/?monitor=s1", "admin");
    expect(screen.getByRole("button", { name: "Log in" })).toBeTruthy();
    expect(asked).not.toHaveBeenCalled();
    expect(window.location.search).toBe("?monitor=s1");
    const { s } = await logIn();
    expect(asked).toHaveBeenCalledWith("s1");
    expect(s.last("session:monitor").payload).toEqual({ sessionId: "s1" });
  });

  it("tells an agent that only supervisors and admins monitor chats, and asks nothing", async () => {
    const { s } = await loadAt("/agent/?monitor=s1", "agent");
    expect(s.all("session:monitor")).toHaveLength(0);
    expect(screen.getAllByRole("status").map((e) => e.textContent)).toContain("Only supervisors and admins can monitor chats.");
    expect(screen.queryByRole("region", { name: /Monitoring/ })).toBeNull();
    expect(window.location.search).toBe("");
  });

  it.each([
    ["not_found", "session not found"],
    ["conflict", "the session is closed"],
  ])("shows the server's refusal (%s) above the team's open chats", async (code, message) => {
    const { s, settle } = await loadAt("/agent/?monitor=gone", "supervisor");
    s.fail("session:monitor", code, message);
    await settle();
    expect(screen.getByRole("alert").textContent).toBe(`Could not monitor the chat you opened: ${message}`);
    expect(within(screen.getByRole("table")).getByRole("row", { name: /Nina/ })).toBeTruthy();
    expect(screen.queryByRole("region", { name: /Monitoring/ })).toBeNull();
    expect(window.location.search).toBe("");
  });
});
