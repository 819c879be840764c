import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { ChatPanel } from "./components/ChatPanel";
import { availability, chatActions, chatState, session } from "./test/fixtures";
import { chatting, Panel, setup } from "./test/harness";

/** 09:00 local time, `days` from today. */
function nineOClock(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d.toISOString();
}

const header = () => screen.getByRole("banner");
const handoff = () => screen.getByRole("button", { name: "Talk to a human" });

describe("whether someone can answer, before the chat", () => {
  it("is asked at start-up and shown on the start form", async () => {
    const { client } = setup({ availability: async () => availability({ estimatedWaitSecs: 110 }) });
    client.init();
    render(<Panel client={client} />);
    await act(flush);
    expect(header().textContent).toContain("We're online · usually answer in about 2 min");
    expect(screen.getByLabelText("Your name")).toBeTruthy();
  });

  it("says nothing while the server has not told (no guess)", () => {
    render(<ChatPanel state={chatState({ view: "form", session: null })} actions={chatActions()} />);
    expect(header().textContent).not.toMatch(/online|available|closed/);
  });
});

describe("whether someone can answer, in words", () => {
  const shown = (a: ReturnType<typeof availability>) => {
    render(<ChatPanel state={chatState({ availability: a })} actions={chatActions()} />);
    return { line: header().querySelector(".availability")!.textContent, hint: screen.getByText((_, el) => el?.id === "handoff-hint").textContent };
  };

  it("online: the usual wait, and that an agent will join", () => {
    expect(shown(availability({ estimatedWaitSecs: 30 }))).toEqual({
      line: "We're online · usually answer in less than a minute",
      hint: "An agent will join in less than a minute",
    });
  });

  it("online without an estimate", () => {
    expect(shown(availability())).toEqual({ line: "We're online", hint: "An agent will join shortly" });
  });

  it("open but no one online: the email path, said before the click", () => {
    expect(shown(availability({ online: false, agentsOnline: 0 }))).toEqual({
      line: "No one is available right now",
      hint: "No one is online: leave your email and we'll answer there",
    });
    expect(handoff().getAttribute("aria-describedby")).toBe("handoff-hint");
  });

  it("closed: when it opens again, in the visitor's time zone", () => {
    const { line, hint } = shown(availability({ online: false, withinBusinessHours: false, nextOpenAt: nineOClock(1) }));
    expect(line).toBe("We're closed · we open again tomorrow at 9:00 AM");
    expect(hint).toBe("We're closed until tomorrow at 9:00 AM: leave your email and we'll answer there");
  });

  it("closed for a few days: the weekday", () => {
    const { line } = shown(availability({ online: false, withinBusinessHours: false, nextOpenAt: nineOClock(3) }));
    expect(line).toMatch(/^We're closed · we open again (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day 9:00 AM$/);
  });

  it("closed with no next opening known", () => {
    expect(shown(availability({ online: false, withinBusinessHours: false })).line).toBe("We're closed");
  });

  it("is not shown once an agent is with the visitor", () => {
    const state = chatState({ availability: availability({ online: false }), session: session({ status: "active_with_agent", agentDisplayName: "Alice" }) });
    render(<ChatPanel state={state} actions={chatActions()} />);
    expect(header().textContent).toBe("WebchatChatting with Alice");
  });
});

describe("whether someone can answer, live", () => {
  it("follows the hello ack, then every availability event", async () => {
    const { client, s } = await chatting({}, { availability: availability({ online: false, agentsOnline: 0 }) });
    render(<Panel client={client} />);
    expect(header().textContent).toContain("No one is available right now");
    expect(screen.getByText("No one is online: leave your email and we'll answer there")).toBeTruthy();
    act(() => s.fire("availability", availability({ estimatedWaitSecs: 240 })));
    expect(header().textContent).toContain("We're online · usually answer in about 4 min");
    expect(handoff().getAttribute("aria-describedby")).toBe("handoff-hint");
    expect(screen.getByText("An agent will join in about 4 min")).toBeTruthy();
  });
});

describe("whether someone can answer, in order", () => {
  it("keeps what the socket said over a start-up answer that came later", async () => {
    let answer: (a: ReturnType<typeof availability>) => void = () => undefined;
    const t = setup({ availability: () => new Promise((resolve) => (answer = resolve)) });
    t.client.init();
    t.client.start("Vera");
    const s = t.socket();
    s.connect();
    s.fire("availability", availability({ online: false, withinBusinessHours: false }));
    answer(availability());
    await flush();
    expect(t.client.getState().availability).toMatchObject({ online: false, withinBusinessHours: false });
  });
});
