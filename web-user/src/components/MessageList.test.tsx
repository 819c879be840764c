import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MessageList } from "./MessageList";
import { message } from "../test/fixtures";

describe("MessageList", () => {
  it("shows a bot answer with its citations as links", () => {
    render(
      <MessageList
        pending={[]}
        messages={[
          message({
            senderType: "bot",
            text: "We open at 9.",
            citations: [
              { url: "https://example.com/hours", title: "Opening hours" },
              { url: "https://example.com/faq" },
            ],
          }),
        ]}
      />,
    );
    expect(screen.getByText("We open at 9.")).toBeTruthy();
    const hours = screen.getByRole("link", { name: "Opening hours" });
    expect(hours.getAttribute("href")).toBe("https://example.com/hours");
    expect(hours.getAttribute("rel")).toContain("noopener");
    expect(screen.getByRole("link", { name: "https://example.com/faq" })).toBeTruthy();
  });

  it("never turns a javascript: citation into a link", () => {
    render(
      <MessageList pending={[]} messages={[message({ senderType: "bot", citations: [{ url: "javascript:alert(1)", title: "Bad" }] })]} />,
    );
    expect(screen.queryByRole("link", { name: "Bad" })).toBeNull();
    expect(screen.getByText("Bad")).toBeTruthy();
  });

  it("tells agent, bot, system and own messages apart", () => {
    render(
      <MessageList
        pending={[]}
        messages={[
          message({ senderType: "user", text: "hi" }),
          message({ senderType: "bot", text: "hello from bot" }),
          message({ senderType: "system", text: "Alice joined the chat" }),
          message({ senderType: "agent", senderName: "Alice", text: "How can I help?" }),
        ]}
      />,
    );
    const items = within(screen.getByRole("list", { name: "Messages" })).getAllByRole("listitem");
    const kinds = items.map((li) => li.getAttribute("data-sender")).filter(Boolean);
    expect(kinds).toEqual(["user", "bot", "system", "agent"]);
    expect(within(items[0]).getByText("You")).toBeTruthy();
    expect(within(items[1]).getByText("Assistant")).toBeTruthy();
    expect(within(items[3]).getByText("Alice")).toBeTruthy();
    expect(items[2].className).toContain("msg-system");
  });

  it("shows user text as text, never as HTML", () => {
    const { container } = render(
      <MessageList pending={[]} messages={[message({ text: '<img src=x onerror="alert(1)"><b>bold</b>' })]} />,
    );
    expect(container.querySelector("img")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(screen.getByText('<img src=x onerror="alert(1)"><b>bold</b>')).toBeTruthy();
  });

  it("shows unsent messages as sending, and refused ones with a Discard button", () => {
    render(
      <MessageList
        messages={[]}
        pending={[
          { clientMsgId: "c1", sessionId: "s1", text: "queued one", createdAt: "" },
          { clientMsgId: "c2", sessionId: "s1", text: "refused one", createdAt: "", error: "Too long" },
        ]}
        onDiscard={() => undefined}
      />,
    );
    expect(screen.getByText("Sending…")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("Too long");
    expect(screen.getByRole("button", { name: "Discard" })).toBeTruthy();
  });

  it("keeps line breaks and makes only safe links clickable", () => {
    render(<MessageList pending={[]} messages={[message({ senderType: "agent", text: "Try\nhttps://help.example/a, or javascript:alert(1)." })]} />);
    const text = document.querySelector(".msg-text")!;
    expect(text.textContent).toBe("Try\nhttps://help.example/a, or javascript:alert(1).");
    const links = screen.getAllByRole("link");
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute("href")).toBe("https://help.example/a");
    expect(links[0].getAttribute("rel")).toBe("noopener noreferrer nofollow");
  });
});

describe("MessageList read out to screen readers", () => {
  const spoken = () => document.querySelector(".announcer[aria-live=polite]")!.textContent;

  it("announces what the other side writes as it arrives, politely, never my own messages nor the backlog", () => {
    const backlog = [message({ senderType: "bot", text: "Welcome back" })];
    const { rerender } = render(<MessageList pending={[]} messages={backlog} />);
    expect(spoken()).toBe("");
    expect(screen.getByRole("list", { name: "Messages" }).getAttribute("aria-live")).toBeNull();

    const mine = [...backlog, message({ senderType: "user", text: "Is anyone there?" })];
    rerender(<MessageList pending={[]} messages={mine} />);
    expect(spoken()).toBe("");

    const answered = [...mine, message({ senderType: "agent", senderName: "Alice", text: "Hi, I'm here." })];
    rerender(<MessageList pending={[]} messages={answered} />);
    expect(spoken()).toBe("Alice: Hi, I'm here.");

    // a re-render with nothing new says nothing new
    rerender(<MessageList pending={[]} messages={[...answered]} />);
    expect(spoken()).toBe("Alice: Hi, I'm here.");

    const more = [
      ...answered,
      message({ senderType: "system", text: "Alice left the chat." }),
      message({ senderType: "bot", text: "", attachments: [{ contentType: "application/pdf", url: "/api/attachments/f" }] }),
    ];
    rerender(<MessageList pending={[]} messages={more} />);
    expect(spoken()).toBe("Alice left the chat.\nAssistant sent a file");
  });
});
