import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Agent, Role, Session, SessionStatus } from "@webchat/shared";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { FakeNotification } from "@webchat/shared/testing/fakeNotification";
import { App } from "../App";
import { TeamClient } from "../teamClient";
import { agent, msg, note, queueItem, session } from "../test/fixtures";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
  vi.restoreAllMocks();
});

const TEAM: Agent[] = [
  agent({ id: "a1", displayName: "Alice", activeChats: 1 }),
  agent({ id: "a2", displayName: "Bob", activeChats: 2 }),
  agent({ id: "a3", displayName: "Carol", status: "away" }),
  agent({ id: "a4", displayName: "Dave", status: "offline" }),
];

async function open(opts: { role?: Role; permission?: "default" | "granted" | "denied"; focused?: boolean; team?: Session[] } = {}) {
  restore = FakeNotification.install(opts.permission ?? "granted");
  const user = { id: "a1", role: opts.role ?? "agent", displayName: "Alice" };
  const sockets: FakeSocket[] = [];
  const beep = vi.fn();
  const api = {
    agents: vi.fn(async () => TEAM),
    sessions: vi.fn(async (status: SessionStatus) => (opts.team ?? []).filter((s) => s.status === status)),
  };
  const client = new TeamClient({
    storage: memoryStorage(),
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    login: async () => ({ token: "atok", user }),
    beep,
    api,
    hasFocus: () => opts.focused ?? false,
  });
  render(<App client={client} />);
  await act(() => client.login("a@x.io", "pw"));
  const s = sockets[0];
  act(() => void s.connect());
  await act(async () => {
    s.reply("hello", { user, token: "atok", sessions: [] });
    await flush();
  });
  const fire = (event: string, payload: unknown) => act(() => s.fire(event, payload));
  const answer = async (event: string, data: Record<string, unknown>) =>
    act(async () => {
      s.reply(event, data);
      await flush();
    });
  const refuse = async (event: string, code: string, message: string) =>
    act(async () => {
      s.fail(event, code, message);
      await flush();
    });
  return { client, s, beep, api, fire, answer, refuse };
}

const myChats = () => screen.getByRole("region", { name: /My chats/ });

describe("a chat routed to me", () => {
  it("opens at once when no chat is open, chimes, and shows a desktop notification", async () => {
    const { fire, beep } = await open();
    fire("session:assigned", { session: session(), messages: [msg(1, { text: "Hi, I need help" })] });
    const chat = screen.getByRole("region", { name: "Chat with Vera" });
    expect(within(chat).getByText("Hi, I need help")).toBeTruthy();
    expect(within(myChats()).getByRole("button", { name: /Vera/ })).toBeTruthy();
    expect(beep).toHaveBeenCalledTimes(1);
    expect(FakeNotification.shown.map((n) => n.title)).toEqual(["New chat from Vera"]);
  });

  it("leaves the open chat alone, marks the new one New, and a click on the notification opens it", async () => {
    const { fire } = await open();
    fire("session:assigned", { session: session(), messages: [] });
    fire("session:assigned", { session: session({ id: "s2", userDisplayName: "Wim" }), messages: [] });
    expect(screen.getByRole("region", { name: "Chat with Vera" })).toBeTruthy();
    const wim = within(myChats()).getByRole("button", { name: /Wim/ });
    expect(wim.textContent).toContain("New");
    const focus = vi.spyOn(window, "focus").mockImplementation(() => undefined);
    act(() => FakeNotification.shown[1].click());
    expect(focus).toHaveBeenCalled();
    expect(screen.getByRole("region", { name: "Chat with Wim" })).toBeTruthy();
    expect(within(myChats()).getByRole("button", { name: /Wim/ }).textContent).not.toContain("New");
  });

  it("does not notify while the agent looks at the window, or without permission", async () => {
    const { fire, beep } = await open({ focused: true });
    fire("session:assigned", { session: session(), messages: [] });
    expect(beep).toHaveBeenCalledTimes(1);
    expect(FakeNotification.shown).toHaveLength(0);
    restore?.();
    const b = await open({ permission: "denied" });
    b.fire("session:assigned", { session: session({ id: "s3" }), messages: [] });
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it("shows the transfer note and who it came from above the history, not as a message", async () => {
    const { fire } = await open();
    const from = { id: "a2", role: "agent", displayName: "Bob" };
    fire("session:assigned", {
      session: session(),
      messages: [msg(1, { text: "Where is my refund?" })],
      note: note({ authorId: "a2", authorName: "Bob", text: "VIP, refund approved" }),
      from,
    });
    const transfer = screen.getByRole("complementary", { name: "Transfer note" });
    expect(transfer.textContent).toContain("Transferred from Bob");
    expect(transfer.textContent).toContain("Note from Bob: VIP, refund approved");
    expect(screen.getByRole("list", { name: "Messages" }).textContent).not.toContain("VIP");
    // before the history
    expect(transfer.compareDocumentPosition(screen.getByRole("list", { name: "Messages" })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("offers desktop notifications with a button, never asking on load", async () => {
    await open({ permission: "default" });
    expect(FakeNotification.requests).toBe(0);
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Enable desktop notifications" }));
      await flush();
    });
    expect(FakeNotification.requests).toBe(1);
    expect(screen.queryByRole("button", { name: "Enable desktop notifications" })).toBeNull();
  });

  it("lets the agent say Not now, and shows no offer once permission is decided", async () => {
    await open({ permission: "default" });
    fireEvent.click(screen.getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("button", { name: "Enable desktop notifications" })).toBeNull();
    expect(FakeNotification.requests).toBe(0);
    restore?.();
    await open({ permission: "granted" });
    expect(screen.queryByRole("button", { name: "Enable desktop notifications" })).toBeNull();
  });
});

describe("a chat taken from me", () => {
  it.each([
    ["transferred", "Your chat with Vera was transferred."],
    ["agent_offline", "Your chat with Vera went back to the queue because you were offline."],
    ["deactivated", "Your chat with Vera went back to the queue because your account was deactivated."],
  ])("leaves My chats and says why (%s)", async (reason, text) => {
    const { fire } = await open();
    fire("session:assigned", { session: session(), messages: [] });
    expect(screen.getByRole("region", { name: "Chat with Vera" })).toBeTruthy();
    fire("session:unassigned", { sessionId: "s1", reason });
    expect(screen.queryByRole("region", { name: "Chat with Vera" })).toBeNull();
    expect(within(myChats()).queryByRole("button", { name: /Vera/ })).toBeNull();
    expect(screen.getAllByRole("status").map((e) => e.textContent)).toContain(text);
  });
});

describe("a long wait in the queue", () => {
  it("marks the card in words, chimes, and prefixes the title until the window gets focus", async () => {
    const { fire, beep } = await open();
    fire("queue:bootstrap", { items: [queueItem({ requestedAt: new Date(Date.now() - 30_000).toISOString() })] });
    fire("queue:alert", { sessionId: "s1", waitingSecs: 125 });
    const card = within(screen.getByRole("list", { name: "Waiting visitors" })).getAllByRole("listitem")[0];
    expect(card.textContent).toContain("Long wait");
    expect(card.textContent).toContain("Waiting 2 min");
    expect(beep).toHaveBeenCalledTimes(1);
    expect(document.title).toBe("(1) Waiting – Webchat Agent");
    act(() => void fireEvent.focus(window));
    expect(document.title).not.toContain("Waiting –");
    expect(card.textContent).toContain("Long wait");
  });

  it("stops calling once the chat leaves the queue (assigned to someone)", async () => {
    const { fire } = await open();
    fire("queue:bootstrap", { items: [queueItem()] });
    fire("queue:alert", { sessionId: "s1", waitingSecs: 60 });
    expect(document.title).toBe("(1) Waiting – Webchat Agent");
    fire("queue:remove", { sessionId: "s1", reason: "assigned" });
    expect(screen.getByText("No one is waiting.")).toBeTruthy();
    expect(document.title).not.toContain("Waiting –");
  });
});

describe("the transfer dialog", () => {
  async function withChat() {
    const t = await open();
    t.fire("session:assigned", { session: session(), messages: [] });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Transfer" }));
      await flush();
    });
    return { ...t, dialog: screen.getByRole("dialog", { name: "Transfer the chat with Vera" }) };
  }

  it("lists the other agents who are not offline, with status and load, kept live", async () => {
    const { dialog, api, fire } = await withChat();
    expect(api.agents).toHaveBeenCalled();
    const bob = within(dialog).getByRole("radio", { name: /Bob/ });
    expect(bob.closest("label")!.textContent).toContain("Online · 2 / 3 chats");
    expect(within(dialog).getByRole("radio", { name: /Carol/ }).closest("label")!.textContent).toContain("Away · 0 / 3 chats");
    expect(within(dialog).queryByRole("radio", { name: /Dave/ })).toBeNull();
    expect(within(dialog).queryByRole("radio", { name: /Alice/ })).toBeNull();
    fire("agent:update", agent({ id: "a2", displayName: "Bob", activeChats: 3 }));
    expect(within(dialog).getByRole("radio", { name: /Bob/ }).closest("label")!.textContent).toContain("3 / 3 chats");
    fire("agent:update", agent({ id: "a3", displayName: "Carol", status: "offline" }));
    expect(within(dialog).queryByRole("radio", { name: /Carol/ })).toBeNull();
  });

  it("sends the target and the note, shows the server's refusal, and on success drops the chat", async () => {
    const { dialog, s, refuse, answer } = await withChat();
    const transfer = within(dialog).getByRole("button", { name: "Transfer" });
    expect((transfer as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole("radio", { name: /Bob/ }));
    fireEvent.change(within(dialog).getByLabelText("Note for the next agent, not shown to the visitor"), {
      target: { value: "VIP, refund approved" },
    });
    fireEvent.click(transfer);
    expect(s.last("session:transfer").payload).toEqual({ sessionId: "s1", toAgentId: "a2", note: "VIP, refund approved" });
    await refuse("session:transfer", "conflict", "Bob has gone offline.");
    expect(within(dialog).getByRole("alert").textContent).toBe("Bob has gone offline.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Transfer" }));
    await answer("session:transfer", { session: session({ agentId: "a2", agentDisplayName: "Bob" }) });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(myChats()).queryByRole("button", { name: /Vera/ })).toBeNull();
    expect(screen.getAllByRole("status").map((e) => e.textContent)).toContain("The chat with Vera was transferred to Bob.");
  });

  it("works with the keyboard: focus inside, Tab wraps, Escape closes and gives the focus back", async () => {
    const opener = await (async () => {
      const t = await open();
      t.fire("session:assigned", { session: session(), messages: [] });
      return screen.getByRole("button", { name: "Transfer" });
    })();
    opener.focus();
    await act(async () => {
      fireEvent.click(opener);
      await flush();
    });
    const dialog = screen.getByRole("dialog", { name: "Transfer the chat with Vera" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.contains(document.activeElement)).toBe(true);
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    cancel.focus();
    fireEvent.keyDown(cancel, { key: "Tab" });
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).not.toBe(cancel);
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe("supervisors", () => {
  const team = [
    session({ id: "s1", userDisplayName: "Vera", agentId: "a2", agentDisplayName: "Bob", assignedAt: new Date(Date.now() - 4 * 60_000).toISOString() }),
    session({ id: "s2", userDisplayName: "Nina", status: "queued_for_agent", agentId: null, agentDisplayName: null, queuedAt: new Date(Date.now() - 3 * 60_000).toISOString() }),
  ];

  async function teamView() {
    const t = await open({ role: "supervisor", team });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Team chats" }));
      await flush();
    });
    return t;
  }

  it("agents have no Team chats view", async () => {
    await open({ role: "agent" });
    expect(screen.queryByRole("button", { name: "Team chats" })).toBeNull();
  });

  it("see every open chat with agent, visitor and time, kept live by session:update", async () => {
    const { api, fire } = await teamView();
    expect(api.sessions.mock.calls.map((c) => c[0]).sort()).toEqual(["active_with_agent", "queued_for_agent"]);
    const table = screen.getByRole("table");
    const vera = within(table).getByRole("row", { name: /Vera/ });
    expect(vera.textContent).toContain("Bob");
    expect(vera.textContent).toContain("Active 4 min");
    const nina = within(table).getByRole("row", { name: /Nina/ });
    expect(nina.textContent).toContain("In the queue");
    expect(nina.textContent).toContain("Waiting 3 min");
    fire("session:update", session({ id: "s3", userDisplayName: "Omar", agentId: "a3", agentDisplayName: "Carol" }));
    expect(within(table).getByRole("row", { name: /Omar/ }).textContent).toContain("Carol");
    fire("session:update", session({ id: "s1", userDisplayName: "Vera", status: "closed" }));
    expect(within(table).queryByRole("row", { name: /Vera/ })).toBeNull();
  });

  it("monitor a chat read-only under a clear banner, live, with notes only", async () => {
    const { s, answer, fire } = await teamView();
    fireEvent.click(within(screen.getByRole("row", { name: /Vera/ })).getByRole("button", { name: "Monitor" }));
    expect(s.last("session:monitor").payload).toEqual({ sessionId: "s1" });
    await answer("session:monitor", {
      session: team[0],
      messages: [msg(1, { text: "My parcel is late" }), msg(2, { senderType: "agent", senderName: "Bob", text: "Let me look" })],
      notes: [note({ authorName: "Bob", text: "Carrier delay" })],
    });
    const view = screen.getByRole("region", { name: "Monitoring the chat with Vera" });
    expect(within(view).getByRole("status").textContent).toBe("Monitoring — the visitor does not see you.");
    expect(within(view).getByText("My parcel is late")).toBeTruthy();
    expect(within(view).getByRole("list", { name: "Private notes" }).textContent).toContain("Carrier delay");
    expect(within(view).queryByLabelText("Message")).toBeNull();
    expect(within(view).queryByRole("button", { name: "Send" })).toBeNull();
    expect(within(view).getByLabelText("Add a private note")).toBeTruthy();
    fire("message:new", msg(3, { text: "Any news?" }));
    fire("note:new", note({ id: "n2", authorName: "Bob", text: "Asked the carrier" }));
    expect(within(view).getByText("Any news?")).toBeTruthy();
    expect(within(view).getByText("Asked the carrier")).toBeTruthy();
  });

  it("take over: the chat is transferred to me and becomes a normal chat, without a chime", async () => {
    const { s, answer, fire, beep } = await teamView();
    fireEvent.click(within(screen.getByRole("row", { name: /Vera/ })).getByRole("button", { name: "Take over" }));
    expect(s.last("session:transfer").payload).toEqual({ sessionId: "s1", toAgentId: "a1" });
    const mine = session({ id: "s1", agentId: "a1", agentDisplayName: "Alice" });
    // the server may send the event before the ack
    fire("session:assigned", { session: mine, messages: [msg(1, { text: "My parcel is late" })], from: { id: "a2", role: "agent", displayName: "Bob" } });
    await answer("session:transfer", { session: mine });
    const chat = screen.getByRole("region", { name: "Chat with Vera" });
    expect(within(chat).getByLabelText("Message")).toBeTruthy();
    expect(within(chat).getByText("Transferred from Bob")).toBeTruthy();
    expect(beep).not.toHaveBeenCalled();
  });

  it("take over from the monitor view, and say why when it is refused", async () => {
    const { answer, refuse } = await teamView();
    fireEvent.click(within(screen.getByRole("row", { name: /Vera/ })).getByRole("button", { name: "Monitor" }));
    await answer("session:monitor", { session: team[0], messages: [msg(1, { text: "hello" })], notes: [] });
    fireEvent.click(screen.getByRole("button", { name: "Take over" }));
    await refuse("session:transfer", "conflict", "The chat is closed.");
    expect(screen.getByRole("alert").textContent).toBe("The chat is closed.");
    fireEvent.click(screen.getByRole("button", { name: "Take over" }));
    await answer("session:transfer", { session: session({ id: "s1", agentId: "a1", agentDisplayName: "Alice" }) });
    const chat = screen.getByRole("region", { name: "Chat with Vera" });
    expect(within(chat).getByText("hello")).toBeTruthy();
    expect(screen.queryByText(/Monitoring/)).toBeNull();
  });

  it("transfer another agent's chat from the list to a third agent", async () => {
    const { s } = await teamView();
    await act(async () => {
      fireEvent.click(within(screen.getByRole("row", { name: /Vera/ })).getByRole("button", { name: "Transfer…" }));
      await flush();
    });
    const dialog = screen.getByRole("dialog", { name: "Transfer the chat with Vera" });
    // Bob has the chat and Alice is me: neither is offered
    expect(within(dialog).getAllByRole("radio").map((r) => r.closest("label")!.textContent)).toEqual([
      expect.stringContaining("Carol"),
    ]);
    fireEvent.click(within(dialog).getByRole("radio", { name: /Carol/ }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Transfer" }));
    expect(s.last("session:transfer").payload).toEqual({ sessionId: "s1", toAgentId: "a3" });
  });
});
