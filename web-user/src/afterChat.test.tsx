import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { session } from "./test/fixtures";
import { chatting, Panel } from "./test/harness";

async function ended(over = {}) {
  const t = await chatting(over);
  render(<Panel client={t.client} />);
  act(() => t.s.fire("session:closed", { sessionId: "s1", endedBy: "agent" }));
  return t;
}

describe("rating the chat", () => {
  it("one tap sends the rating with the comment typed above it, then thanks", async () => {
    const { s } = await ended();
    expect(screen.getByRole("group", { name: "How was this chat?" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Anything to add? (optional)"), { target: { value: "  Quick and kind  " } });
    fireEvent.click(screen.getByRole("button", { name: "5 of 5, very good" }));
    expect(s.last("csat:submit").payload).toEqual({ sessionId: "s1", rating: 5, comment: "Quick and kind" });
    s.reply("csat:submit", { session: { ...session({ status: "closed" }), csat: { rating: 5, comment: "Quick and kind" } } });
    await act(flush);
    expect(screen.getByText("Thanks for your feedback")).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Thanks for your feedback");
    expect(screen.queryByRole("group", { name: "How was this chat?" })).toBeNull();
  });

  it("without a comment sends the rating alone", async () => {
    const { s } = await ended();
    fireEvent.click(screen.getByRole("button", { name: "1 of 5, very bad" }));
    expect(s.last("csat:submit").payload).toEqual({ sessionId: "s1", rating: 1 });
  });

  it("rated before: the server's conflict says so", async () => {
    const { s } = await ended();
    fireEvent.click(screen.getByRole("button", { name: "3 of 5, okay" }));
    s.fail("csat:submit", "conflict", "already rated");
    await act(flush);
    expect(screen.getByText("Thanks, you already rated this chat")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "3 of 5, okay" })).toBeNull();
  });

  it("a chat that already carries its rating (a reload) only says thanks", async () => {
    const { s } = await ended();
    act(() => s.fire("session:update", { ...session({ status: "closed" }), csat: { rating: 4 } }));
    expect(screen.getByText("Thanks for your feedback")).toBeTruthy();
    expect(screen.queryByRole("group", { name: "How was this chat?" })).toBeNull();
  });

  it("the scale is reached with Tab and walked with the arrow keys", async () => {
    await ended();
    const three = screen.getByRole("button", { name: "3 of 5, okay" });
    three.focus();
    fireEvent.keyDown(three, { key: "ArrowRight" });
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "4 of 5, good" }));
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "2 of 5, bad" }));
  });
});

describe("the transcript by email", () => {
  it("goes to the address typed, prefilled with one the visitor gave before", async () => {
    const { s } = await ended({ identity: { externalId: "x1", email: "vj@example.test", hash: "h" } });
    const box = screen.getByLabelText("Your email") as HTMLInputElement;
    expect(box.value).toBe("vj@example.test");
    fireEvent.click(screen.getByRole("button", { name: "Send transcript" }));
    expect(s.last("transcript:email").payload).toEqual({ sessionId: "s1", email: "vj@example.test" });
    s.reply("transcript:email", {});
    await act(flush);
    expect(screen.getByText("We've sent the transcript to vj@example.test.")).toBeTruthy();
  });

  it("says what the server says when too many were sent", async () => {
    const { s } = await ended();
    fireEvent.change(screen.getByLabelText("Your email"), { target: { value: "vera@example.test" } });
    fireEvent.click(screen.getByRole("button", { name: "Send transcript" }));
    s.fail("transcript:email", "rate_limited", "Three transcripts an hour at most. Try again later.");
    await act(flush);
    expect(screen.getByRole("alert").textContent).toBe("Three transcripts an hour at most. Try again later.");
    expect(screen.getByLabelText("Your email")).toBeTruthy();
  });

  it("then a new chat, as before", async () => {
    const { client } = await ended();
    fireEvent.click(screen.getByRole("button", { name: "Start a new chat" }));
    expect(client.getState().view).toBe("form");
    expect(screen.getByLabelText("Your name")).toBeTruthy();
  });
});
