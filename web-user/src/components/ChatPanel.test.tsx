import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ChatPanel } from "./ChatPanel";
import { chatActions, chatState, message, session } from "../test/fixtures";

const state = chatState;
const actions = chatActions;

describe("ChatPanel", () => {
  it("asks for a name before starting", () => {
    const a = actions();
    render(<ChatPanel state={state({ view: "form", session: null, displayName: "" })} actions={a} />);
    fireEvent.change(screen.getByLabelText("Your name"), { target: { value: "Vera" } });
    fireEvent.click(screen.getByRole("button", { name: "Start chat" }));
    expect(a.start).toHaveBeenCalledWith("Vera");
  });

  it("offers Talk to a human while the bot answers", () => {
    const a = actions();
    render(<ChatPanel state={state()} actions={a} />);
    fireEvent.click(screen.getByRole("button", { name: "Talk to a human" }));
    expect(a.requestHuman).toHaveBeenCalled();
  });

  it("says the chat is queued, then who joined", () => {
    const a = actions();
    const { rerender } = render(<ChatPanel state={state({ session: session({ status: "queued_for_agent" }) })} actions={a} />);
    expect(screen.getByText(/in the queue, waiting for an agent/i)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Talk to a human" })).toBeNull();
    rerender(
      <ChatPanel
        state={state({ session: session({ status: "active_with_agent", agentDisplayName: "Alice" }), agentJoined: "Alice", typing: { senderType: "agent", name: "Alice" } })}
        actions={a}
      />,
    );
    expect(screen.getByText("Alice joined the chat")).toBeTruthy();
    expect(screen.getByText("Alice is typing…")).toBeTruthy();
  });

  it("shows when it is offline or reconnecting", () => {
    const { rerender } = render(<ChatPanel state={state({ connection: "reconnecting" })} actions={actions()} />);
    expect(screen.getByRole("status").textContent).toMatch(/Reconnecting/);
    rerender(<ChatPanel state={state({ browserOnline: false })} actions={actions()} />);
    expect(screen.getByRole("status").textContent).toMatch(/offline/);
    rerender(<ChatPanel state={state()} actions={actions()} />);
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows a declined end request, then the closed chat", () => {
    const a = actions();
    const active = session({ status: "active_with_agent", agentDisplayName: "Alice" });
    const { rerender } = render(<ChatPanel state={state({ session: active, endRequest: "declined" })} actions={a} />);
    expect(screen.getByText(/declined/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "End chat" }));
    expect(a.endChat).toHaveBeenCalled();
    rerender(<ChatPanel state={state({ session: session({ status: "closed" }) })} actions={a} />);
    expect(screen.getByText(/This chat has ended/)).toBeTruthy();
    expect(screen.queryByLabelText("Message")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Start a new chat" }));
    expect(a.newChat).toHaveBeenCalled();
  });
});

describe("ChatPanel in the queue", () => {
  const queued = session({ status: "queued_for_agent" });
  const line = () => screen.getByRole("status").querySelector(".queue-position")?.textContent ?? null;

  it.each([
    [3, 120, "You're number 3 in line · about 2 min"],
    [3, null, "You're number 3 in line"],
    [2, 30, "You're number 2 in line · less than a minute"],
    [1, null, "You're next"],
    [1, 200, "You're next · about 3 min"],
  ])("position %s, estimate %s s: %s", (position, estimatedWaitSecs, text) => {
    render(<ChatPanel state={state({ session: queued, queuePosition: { position, estimatedWaitSecs } })} actions={actions()} />);
    expect(line()).toBe(text);
    expect(screen.getByRole("status").textContent).toContain("waiting for an agent");
  });

  it("updates the line in place as the position changes, and says nothing of a position before the first one", () => {
    const { rerender } = render(<ChatPanel state={state({ session: queued })} actions={actions()} />);
    expect(screen.getByRole("status").textContent).toBe("You are in the queue, waiting for an agent to join.");
    rerender(<ChatPanel state={state({ session: queued, queuePosition: { position: 2, estimatedWaitSecs: 90 } })} actions={actions()} />);
    expect(line()).toBe("You're number 2 in line · about 2 min");
    rerender(<ChatPanel state={state({ session: queued, queuePosition: { position: 1, estimatedWaitSecs: null } })} actions={actions()} />);
    expect(line()).toBe("You're next");
  });

  it("shows a routing system message as a system line, not as someone's message", () => {
    render(
      <ChatPanel
        state={state({ session: queued, messages: [message({ senderType: "system", text: "Bob left the chat; we are finding someone else." })] })}
        actions={actions()}
      />,
    );
    const item = within(screen.getByRole("list", { name: "Messages" })).getByText("Bob left the chat; we are finding someone else.").closest("li")!;
    expect(item.getAttribute("data-sender")).toBe("system");
    expect(item.className).toContain("msg-system");
    expect(item.textContent).toBe("Bob left the chat; we are finding someone else.");
  });
});
