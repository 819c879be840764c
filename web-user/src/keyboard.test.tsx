import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { Landing } from "./components/Landing";
import { session } from "./test/fixtures";
import { Panel, setup, vera } from "./test/harness";

describe("the keyboard", () => {
  // jsdom says the page lost the focus once the focused element is removed; a browser's window keeps it
  beforeEach(() => vi.spyOn(document, "hasFocus").mockReturnValue(true));
  afterEach(() => vi.restoreAllMocks());

  it("starts in the name field, and moves into the message box once the chat has started", async () => {
    const { client, socket } = setup();
    render(<Panel client={client} />);
    expect(document.activeElement).toBe(screen.getByLabelText("Your name"));
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Vera" } });
    fireEvent.click(screen.getByRole("button", { name: "Start chat" }));
    const s = socket();
    s.connect();
    s.reply("hello", { user: vera, token: "tok", sessions: [] });
    await act(flush);
    s.reply("session:create", { session: session() });
    await act(flush);
    expect(document.activeElement).toBe(screen.getByLabelText("Message"));
  });

  it("stays where it is while the chat goes on, and goes to the end of the chat when it closes", async () => {
    const { client, socket } = setup();
    render(<Panel client={client} />);
    client.start("Vera");
    const s = socket();
    s.connect();
    s.reply("hello", { user: vera, token: "tok", sessions: [] });
    await act(flush);
    s.reply("session:create", { session: session() });
    await act(flush);
    screen.getByRole("button", { name: "End chat" }).focus();
    act(() => s.fire("session:update", session({ status: "queued_for_agent" })));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "End chat" }));
    act(() => s.fire("session:closed", { sessionId: "s1", endedBy: "agent" }));
    expect(document.activeElement?.textContent).toBe("This chat has ended. Thank you!");
  });

  it("does not take the keyboard from elsewhere on the page when the chat moves on", async () => {
    const { client, socket } = setup();
    render(
      <>
        <input aria-label="Search the shop" />
        <Panel client={client} />
      </>,
    );
    client.start("Vera");
    const s = socket();
    s.connect();
    s.reply("hello", { user: vera, token: "tok", sessions: [] });
    await act(flush);
    s.reply("session:create", { session: session() });
    await act(flush);
    screen.getByLabelText("Search the shop").focus();
    act(() => s.fire("session:closed", { sessionId: "s1", endedBy: "agent" }));
    expect(document.activeElement).toBe(screen.getByLabelText("Search the shop"));
  });

  it("Escape closes the chat on the landing page, and the keyboard is back on the chat button", () => {
    const onCloseChat = vi.fn();
    const props = { title: "Webchat", availability: null, whatsappNumber: null, onOpenChat: () => undefined, onCloseChat };
    const { rerender } = render(<Landing {...props} chatOpen chat={<input aria-label="Message" />} />);
    fireEvent.keyDown(screen.getByLabelText("Message"), { key: "Escape" });
    expect(onCloseChat).toHaveBeenCalled();
    rerender(<Landing {...props} chatOpen={false} chat={<input aria-label="Message" />} />);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Chat with us" }));
  });
});
