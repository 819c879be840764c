// A bot answer written as it comes (`message:delta`), from the fake socket to
// what the visitor sees and hears: one bubble growing, busy and never read
// out, then the stored message in its place, read out once.
import { act, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { msg } from "@webchat/shared/testing/fixtures";
import type { Message } from "@webchat/shared";
import { EmbedApp } from "./EmbedApp";
import { STALE_DRAFT_MS } from "./chatTranscript";
import { I18nProvider } from "./i18n/context";
import { resolveLook } from "./look";
import { chatting, Panel } from "./test/harness";

const delta = (delta: string, streamId = "bot:m1", sessionId = "s1") => ({ sessionId, streamId, delta });
const answer = (over: Partial<Message> = {}) =>
  msg(2, {
    senderType: "bot",
    senderName: "Assistant",
    text: "We open at 9, Monday to Friday.",
    clientMsgId: "bot:m1",
    citations: [{ url: "https://shop.test/hours", title: "Opening hours" }],
    ...over,
  });
const question = msg(1, { senderType: "user", text: "When do you open?" });

const spoken = () => document.querySelector(".announcer[aria-live=polite]")!.textContent;
const items = () => within(screen.getByRole("list", { name: "Messages" })).getAllByRole("listitem").filter((li) => li.dataset.sender);
const bot = () => items().filter((li) => li.dataset.sender === "bot");

afterEach(() => vi.useRealTimers());

describe("a bot answer being written", () => {
  it("grows as one busy bot bubble, then the stored message takes its place: one bubble, its full text and sources", async () => {
    const { client, s } = await chatting();
    render(<Panel client={client} />);
    act(() => {
      s.fire("message:new", question);
      s.fire("typing", { sessionId: "s1", senderType: "bot", isTyping: true });
    });
    expect(screen.getByText("The assistant is typing…")).toBeTruthy();

    act(() => s.fire("message:delta", delta("We open")));
    const draft = bot()[0];
    expect(bot()).toHaveLength(1);
    expect(draft.getAttribute("aria-busy")).toBe("true");
    expect(within(draft).getByText("Writing…")).toBeTruthy();
    expect(within(draft).getByText("Assistant")).toBeTruthy();
    expect(draft.querySelector(".msg-caret")?.getAttribute("aria-hidden")).toBe("true");
    expect(draft.querySelector(".msg-text")!.textContent).toBe("We open");
    // the bubble says it is being written; the typing line does not say it again
    expect(screen.queryByText("The assistant is typing…")).toBeNull();

    act(() => {
      s.fire("message:delta", delta(" at 9,"));
      s.fire("message:delta", delta(" Monday to Friday."));
    });
    expect(bot()).toHaveLength(1);
    expect(draft.querySelector(".msg-text")!.textContent).toBe("We open at 9, Monday to Friday.");

    act(() => s.fire("message:new", answer()));
    expect(bot()).toHaveLength(1);
    // the same item, now the stored message: nothing removed and added, so nothing flickers
    expect(bot()[0]).toBe(draft);
    expect(draft.getAttribute("aria-busy")).toBeNull();
    expect(draft.dataset.seq).toBe("2");
    expect(draft.querySelector(".msg-caret")).toBeNull();
    expect(within(draft).queryByText("Writing…")).toBeNull();
    expect(within(draft).getByText("We open at 9, Monday to Friday.")).toBeTruthy();
    expect(within(draft).getByRole("link", { name: "Opening hours" }).getAttribute("href")).toBe("https://shop.test/hours");
    expect(items().map((li) => li.dataset.sender)).toEqual(["user", "bot"]);
  });

  it("is read out once, as the stored message, never piece by piece", async () => {
    const { client, s } = await chatting();
    render(<Panel client={client} />);
    const heard: string[] = [];
    const listen = () => heard.push(spoken() ?? "");
    act(() => s.fire("message:new", question));
    listen();
    for (const piece of ["We open", " at 9,", " Monday to Friday."]) {
      act(() => s.fire("message:delta", delta(piece)));
      listen();
    }
    act(() => s.fire("message:new", answer()));
    listen();
    // a late piece and a re-render bring nothing new to say
    act(() => s.fire("message:delta", delta(" Late piece.")));
    listen();
    act(() => s.fire("typing", { sessionId: "s1", senderType: "bot", isTyping: false }));
    listen();
    expect(heard).toEqual(["", "", "", "", ...Array(3).fill("Assistant: We open at 9, Monday to Friday.")]);
    expect(bot()).toHaveLength(1);
    expect(screen.queryByText(/Late piece/)).toBeNull();
  });

  it("is gone when no piece came for 20 s and no message followed", async () => {
    const { client, s } = await chatting();
    render(<Panel client={client} />);
    vi.useFakeTimers();
    act(() => s.fire("message:delta", delta("Let me check")));
    expect(bot()).toHaveLength(1);
    act(() => vi.advanceTimersByTime(STALE_DRAFT_MS));
    expect(screen.queryByText("Let me check")).toBeNull();
    expect(screen.queryByText("Writing…")).toBeNull();
    expect(spoken()).toBe("");
  });

  it("shows nothing for another session's answer", async () => {
    const { client, s } = await chatting();
    render(<Panel client={client} />);
    act(() => s.fire("message:delta", delta("Not for you", "bot:x", "s2")));
    expect(screen.queryByText("Not for you")).toBeNull();
    expect(screen.queryByText("Writing…")).toBeNull();
  });

  it("keeps the list at its end while it grows, if the visitor was there; else leaves it where they scrolled", async () => {
    const { client, s } = await chatting();
    render(<Panel client={client} />);
    const list = screen.getByRole("list", { name: "Messages" });
    // jsdom lays nothing out: a 100 px high list whose content grows with the text
    let top = 0;
    Object.defineProperty(list, "clientHeight", { configurable: true, get: () => 100 });
    Object.defineProperty(list, "scrollHeight", { configurable: true, get: () => 100 + 10 * list.textContent!.length });
    Object.defineProperty(list, "scrollTop", { configurable: true, get: () => top, set: (v: number) => void (top = v) });

    act(() => s.fire("message:delta", delta("We open")));
    act(() => s.fire("message:delta", delta(" at 9,")));
    expect(top).toBe(list.scrollHeight);
    act(() => s.fire("message:new", answer()));
    expect(top).toBe(list.scrollHeight);

    // scrolled up to reread: the next answer growing does not pull the list down
    top = 0;
    act(() => void list.dispatchEvent(new Event("scroll")));
    act(() => s.fire("message:delta", delta("Anything", "bot:m3")));
    act(() => s.fire("message:delta", delta(" else?", "bot:m3")));
    expect(top).toBe(0);
  });

  it("in the widget's frame too, in the visitor's language", async () => {
    const { client, s } = await chatting();
    render(
      <I18nProvider locale="es">
        <EmbedApp client={client} look={resolveLook({}, {}, [])} />
      </I18nProvider>,
    );
    act(() => s.fire("message:delta", delta("Abrimos")));
    const draft = screen.getByText("Escribiendo…").closest("li")!;
    expect(draft.getAttribute("aria-busy")).toBe("true");
    expect(draft.querySelector(".msg-text")!.textContent).toBe("Abrimos");
    act(() => s.fire("message:new", answer({ text: "Abrimos a las 9." })));
    expect(screen.queryByText("Escribiendo…")).toBeNull();
    expect(draft.querySelector(".msg-text")!.textContent).toBe("Abrimos a las 9.");
    expect(draft.getAttribute("aria-busy")).toBeNull();
  });
});
