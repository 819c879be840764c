import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Session, SessionDetails } from "@webchat/shared";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { newChat } from "../agentState";
import { contact, fakeWorkspaceApi, queueItem, session, workspace } from "../test/fixtures";
import { ChatView, type ChatViewActions } from "./ChatView";
import { MonitorView } from "./MonitorView";
import { QueueList } from "./QueueList";
import { TeamChats } from "./TeamChats";

const details = (over: Partial<SessionDetails> = {}) => ({ ...session(), contactId: "c1", tags: [], offline: false, ...over }) as SessionDetails;
const rated = { rating: 4, comment: "Quick and kind" };

function actions(): ChatViewActions {
  return {
    send: vi.fn(),
    discard: vi.fn(),
    setTyping: vi.fn(),
    acceptEnd: vi.fn(),
    declineEnd: vi.fn(),
    closeChat: vi.fn(),
    dismiss: vi.fn(),
    setTags: vi.fn(async () => null),
    addNote: vi.fn(async () => true),
    openTransfer: vi.fn(),
  };
}

async function openChat(s: SessionDetails, api = fakeWorkspaceApi()) {
  const view = render(<ChatView chat={newChat(s)} actions={actions()} workspace={workspace({ api })} />);
  await act(flush);
  return view;
}

const header = () => screen.getByRole("heading", { level: 2 }).closest("header")!;

describe("offline sessions", () => {
  it("are marked in the queue", () => {
    render(
      <QueueList items={[queueItem({ offline: true }), queueItem({ sessionId: "s2", userDisplayName: "Wim" })]} now={Date.now()} claiming={null} claimError={null} onAccept={() => undefined} />,
    );
    const cards = within(screen.getByRole("list", { name: "Waiting visitors" })).getAllByRole("listitem").filter((li) => li.className === "queue-item");
    expect(within(cards.find((c) => c.textContent?.includes("Vera"))!).getByText("Offline · replies go by email")).toBeTruthy();
    expect(within(cards.find((c) => c.textContent?.includes("Wim"))!).queryByText(/Offline/)).toBeNull();
  });

  it("say in the chat header where replies go once the contact is known", async () => {
    await openChat(details({ offline: true }));
    expect(within(header()).getByText("Offline · replies go by email")).toBeTruthy();
    expect(within(header()).getByText("to vera@example.test")).toBeTruthy();
  });

  it("say when the visitor has not left an email yet", async () => {
    await openChat(details({ offline: true }), fakeWorkspaceApi({ contact: vi.fn(async () => ({ contact: contact({ email: undefined }), sessions: [] })) }));
    expect(within(header()).getByText("(no email left yet)")).toBeTruthy();
  });

  it("are not marked once closed, nor when the chat is live", async () => {
    const closed = await openChat(details({ offline: true, status: "closed" }));
    expect(screen.queryByText("Offline · replies go by email")).toBeNull();
    closed.unmount();
    await openChat(details());
    expect(screen.queryByText(/Offline/)).toBeNull();
  });

  it("are marked in a chat a supervisor monitors", () => {
    render(
      <MonitorView chat={newChat(details({ offline: true }))} error={null} canTakeOver onTakeOver={vi.fn()} onTransfer={vi.fn()} onStop={vi.fn()} onAddNote={vi.fn(async () => true)} />,
    );
    expect(within(header()).getByText("Offline · replies go by email")).toBeTruthy();
  });

  it("are marked in the supervisors' team chats", () => {
    const queued: Session = { ...details({ offline: true, status: "queued_for_agent" }) };
    render(<TeamChats sessions={[queued]} now={Date.now()} meId="a1" error={null} onRefresh={vi.fn()} onMonitor={vi.fn()} onTakeOver={vi.fn()} onTransfer={vi.fn()} />);
    expect(within(screen.getByRole("rowheader", { name: /Vera/ })).getByText("Offline · replies go by email")).toBeTruthy();
  });
});

describe("the visitor's rating", () => {
  it("shows under a closed chat, the star only as decoration", async () => {
    await openChat(details({ status: "closed", csat: rated }));
    const line = screen.getByText(/The visitor’s rating:/);
    expect(line.textContent).toBe("The visitor’s rating: ★ 4/5 — “Quick and kind”");
    expect(within(line).getByText("★").getAttribute("aria-hidden")).toBe("true");
  });

  it("shows beside earlier conversations in the contact panel, and in the transcript opened from there", async () => {
    const earlier = details({ id: "s0", status: "closed", createdAt: "2026-02-01T09:00:00Z", csat: { rating: 2 } });
    const api = fakeWorkspaceApi({
      contact: vi.fn(async () => ({ contact: contact(), sessions: [details(), earlier] })),
      transcript: vi.fn(async () => ({ session: earlier, messages: [] })),
    });
    await openChat(details(), api);
    const history = screen.getByRole("region", { name: "Earlier conversations" });
    const item = within(history).getByRole("listitem");
    expect(item.textContent).toContain("· rated ★ 2/5");
    expect(item.textContent).not.toContain("—");
    fireEvent.click(within(item).getByRole("button"));
    await act(flush);
    expect(within(screen.getByRole("dialog")).getByText(/The visitor’s rating:/).textContent).toBe("The visitor’s rating: ★ 2/5");
  });
});
