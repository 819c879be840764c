import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { availability, session } from "./test/fixtures";
import { chatting, Panel } from "./test/harness";

const queued = (over = {}) => session({ status: "queued_for_agent", ...over });
const emailBox = () => screen.getByLabelText("Your email") as HTMLInputElement;

async function handedOffWhileAway(ack: Record<string, unknown>, over = {}) {
  const t = await chatting(over);
  render(<Panel client={t.client} />);
  fireEvent.click(screen.getByRole("button", { name: "Talk to a human" }));
  expect(t.s.last("handoff:request").payload).toEqual({ sessionId: "s1" });
  t.s.reply("handoff:request", ack);
  await act(flush);
  return t;
}

describe("the offline path", () => {
  it("asks for an email, says when to expect the answer, and confirms the address the server took", async () => {
    const opens = new Date(Date.now() + 86_400_000);
    opens.setHours(9, 0, 0, 0);
    const { s } = await handedOffWhileAway({ session: queued({ offline: true }), offline: true, nextOpenAt: opens.toISOString() });
    const form = screen.getByRole("region", { name: "We're away right now. Leave your email and we'll reply there." });
    expect(form.textContent).toContain("We open again tomorrow at 9:00 AM.");
    fireEvent.change(emailBox(), { target: { value: " vera@example.test " } });
    fireEvent.click(screen.getByRole("button", { name: "Email me" }));
    expect(s.last("contact:update").payload).toEqual({ sessionId: "s1", email: "vera@example.test" });
    s.reply("contact:update", { contact: { id: "c1", displayName: "Vera", email: "vera@example.test" } });
    await act(flush);
    expect(screen.getByText("We'll email you at vera@example.test.")).toBeTruthy();
    expect(screen.queryByLabelText("Your email")).toBeNull();
    // still queued: the visitor may go on writing meanwhile
    expect((screen.getByLabelText("Message") as HTMLTextAreaElement).disabled).toBe(false);
  });

  it("shows the server's refusal next to the field, and takes a corrected address", async () => {
    const { s } = await handedOffWhileAway({ session: queued(), offline: true });
    expect(screen.getByText("We'll answer as soon as someone is back.")).toBeTruthy();
    fireEvent.change(emailBox(), { target: { value: "vera@" } });
    fireEvent.click(screen.getByRole("button", { name: "Email me" }));
    s.fail("contact:update", "invalid", "That is not an email address.");
    await act(flush);
    expect(screen.getByRole("alert").textContent).toBe("That is not an email address.");
    expect(emailBox().getAttribute("aria-invalid")).toBe("true");
    expect(emailBox().getAttribute("aria-describedby")).toBe(screen.getByRole("alert").id);
    fireEvent.change(emailBox(), { target: { value: "vera@example.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Email me" }));
    s.reply("contact:update", { contact: { id: "c1", displayName: "Vera", email: "vera@example.test" } });
    await act(flush);
    expect(screen.getByText("We'll email you at vera@example.test.")).toBeTruthy();
  });

  it("prefills the email the host site gave, and is asked again after a reload (session.offline)", async () => {
    const identity = { externalId: "x1", email: "vj@example.test", hash: "h" };
    const { client, s } = await chatting({ identity });
    render(<Panel client={client} />);
    act(() => s.fire("session:update", queued({ offline: true })));
    expect(emailBox().value).toBe("vj@example.test");
  });

  it("goes on live as usual when an agent joins after all", async () => {
    const { s } = await handedOffWhileAway({ session: queued(), offline: true });
    act(() => s.fire("handoff:accepted", { sessionId: "s1", agent: { id: "a1", role: "agent", displayName: "Alice" } }));
    expect(screen.queryByLabelText("Your email")).toBeNull();
    expect(screen.getByText("Alice joined the chat")).toBeTruthy();
  });

  it("is not shown when someone is online", async () => {
    await handedOffWhileAway({ session: queued(), offline: false }, { availability: async () => availability() });
    expect(screen.queryByLabelText("Your email")).toBeNull();
    expect(screen.getByText(/in the queue, waiting for an agent/)).toBeTruthy();
  });
});
