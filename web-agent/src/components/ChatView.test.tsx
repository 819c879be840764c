import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { AgentChat } from "../agentClient";
import { ChatView, type ChatViewActions } from "./ChatView";
import { ChatList } from "./ChatList";
import { msg, session, workspace } from "../test/fixtures";

function chat(over: Partial<AgentChat> = {}): AgentChat {
  return {
    session: session(),
    messages: [],
    pending: [],
    unread: 0,
    typing: false,
    notes: [],
    noteError: null,
    endRequested: false,
    closed: null,
    error: null,
    isNew: false,
    transfer: null,
    ...over,
  };
}

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

describe("ChatView notes", () => {
  it("shows private notes apart from the messages and adds one", async () => {
    const a = actions();
    const note = { id: "n1", sessionId: "s1", authorId: "a1", authorName: "Alice", text: "VIP, refund ok", createdAt: "2026-12-01T10:00:00Z" };
    render(<ChatView chat={chat({ notes: [note] })} workspace={workspace()} actions={a} />);
    const list = screen.getByRole("list", { name: "Private notes" });
    expect(list.textContent).toContain("VIP, refund ok");
    expect(screen.getByRole("list", { name: "Messages" }).textContent ?? "").not.toContain("VIP");
    fireEvent.change(screen.getByLabelText("Add a private note"), { target: { value: "Called back" } });
    fireEvent.click(screen.getByRole("button", { name: "Add note" }));
    expect(a.addNote).toHaveBeenCalledWith("s1", "Called back");
  });
});

describe("ChatView", () => {
  it("shows the history and sends a reply", () => {
    const a = actions();
    render(<ChatView chat={chat({ messages: [msg(1, { text: "Hello?" }), msg(2, { senderType: "system", text: "Alice joined the chat" })] })} workspace={workspace()} actions={a} />);
    expect(screen.getByText("Hello?")).toBeTruthy();
    expect(screen.getByText("Alice joined the chat")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Message"), { target: { value: "Hi Vera" } });
    expect(a.setTyping).toHaveBeenCalledWith("s1", true);
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(a.send).toHaveBeenCalledWith("s1", "Hi Vera", { attachments: [] });
    expect((screen.getByLabelText("Message") as HTMLTextAreaElement).value).toBe("");
  });

  it("shows the delivery status of WhatsApp messages", () => {
    render(
      <ChatView
        chat={chat({
          session: session({ channel: "whatsapp" }),
          messages: [
            msg(1, { senderType: "agent", senderName: "Alice", text: "ok", deliveryStatus: "delivered" }),
            msg(2, { senderType: "agent", senderName: "Alice", text: "again", deliveryStatus: "failed", deliveryError: "63016 outside window" }),
          ],
        })}
        workspace={workspace()}
        actions={actions()}
      />,
    );
    expect(screen.getByText("Delivered")).toBeTruthy();
    expect(screen.getByText("Failed: 63016 outside window")).toBeTruthy();
  });

  it("answers an end request with Accept or Decline, and ends at once with End chat", () => {
    const a = actions();
    render(<ChatView chat={chat({ endRequested: true })} workspace={workspace()} actions={a} />);
    expect(screen.getByRole("alert", { name: "End request" }).textContent).toContain("Vera asks to end the chat");
    fireEvent.click(screen.getByRole("button", { name: "Decline" }));
    expect(a.declineEnd).toHaveBeenCalledWith("s1");
    fireEvent.click(screen.getByRole("button", { name: "Accept" }));
    expect(a.acceptEnd).toHaveBeenCalledWith("s1");
    fireEvent.click(screen.getByRole("button", { name: "End chat" }));
    expect(a.closeChat).toHaveBeenCalledWith("s1");
  });

  it("shows the visitor typing, and a closed chat with its summary", () => {
    const { rerender } = render(<ChatView chat={chat({ typing: true })} workspace={workspace()} actions={actions()} />);
    expect(screen.getByText("Vera is typing…")).toBeTruthy();
    rerender(
      <ChatView
        chat={chat({
          closed: {
            endedBy: "user",
            summary: { sessionId: "s1", userDisplayName: "Vera", summary: "Asked about an order.", topics: ["orders"], messageCount: 4, startedAt: "", endedAt: "", endedBy: "user" },
          },
        })}
        workspace={workspace()}
        actions={actions()}
      />,
    );
    expect(screen.getByText(/This chat is closed/)).toBeTruthy();
    expect(screen.getByText("Asked about an order.")).toBeTruthy();
    expect(screen.queryByLabelText("Message")).toBeNull();
    expect(screen.getByRole("button", { name: "Dismiss" })).toBeTruthy();
  });
});

describe("ChatList", () => {
  it("shows unread counts and selects a chat", () => {
    const onSelect = vi.fn();
    render(
      <ChatList
        chats={[chat(), chat({ session: session({ id: "s2", userDisplayName: "Wim" }), unread: 3 })]}
        selectedId="s1"
        onSelect={onSelect}
      />,
    );
    const wim = screen.getByRole("button", { name: /Wim/ });
    expect(wim.textContent).toContain("3 unread");
    fireEvent.click(wim);
    expect(onSelect).toHaveBeenCalledWith("s2");
  });
});

describe("ChatView composer", () => {
  it("counts near the limit and will not send a reply that is too long", () => {
    const a = actions();
    render(<ChatView chat={chat()} workspace={workspace()} actions={a} />);
    const box = screen.getByLabelText("Message") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "é".repeat(3900) } });
    expect(screen.getByText("3,900 / 4,000")).toBeTruthy();
    fireEvent.change(box, { target: { value: "😀".repeat(4010) } });
    expect(box.value).toHaveLength(8020);
    expect(screen.getByText(/10 characters too long/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(a.send).not.toHaveBeenCalled();
  });

  it("shows a visitor's line breaks and links", () => {
    render(<ChatView chat={chat({ messages: [msg(1, { text: "hi\nsee https://x.example/p." })] })} workspace={workspace()} actions={actions()} />);
    expect(document.querySelector(".msg-text")?.textContent).toBe("hi\nsee https://x.example/p.");
    expect(screen.getByRole("link", { name: "https://x.example/p" }).getAttribute("target")).toBe("_blank");
  });
});
