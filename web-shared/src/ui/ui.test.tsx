import { act, fireEvent, render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Citations } from "./Citations";
import { LoginForm } from "./LoginForm";
import { useTypingSignal } from "./hooks";
import { CharCount, messageLimit } from "./CharCount";
import { MessageItem, PendingItem } from "./messages";
import { msg } from "../testing/fixtures";
import { ENGLISH_UI, UiStringsProvider } from "./strings";

describe("shared UI", () => {
  it("LoginForm logs in with the labelled email and password", () => {
    const onLogin = vi.fn();
    render(<LoginForm title="Webchat Admin" intro="Watch." busy={false} error="Wrong email or password." onLogin={onLogin} />);
    expect(screen.getByRole("heading", { name: "Webchat Admin" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Wrong email or password.");
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.io " } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(onLogin).toHaveBeenCalledWith("a@x.io", "secret");
  });

  it("Citations link http(s) sources only", () => {
    render(<Citations items={[{ url: "https://a.example/x", title: "A" }, { url: "javascript:alert(1)", title: "Bad" }]} />);
    expect(screen.getByRole("link", { name: "A" }).getAttribute("rel")).toContain("noopener");
    expect(screen.queryByRole("link", { name: "Bad" })).toBeNull();
    expect(screen.getByText("Bad")).toBeTruthy();
  });

  it("useTypingSignal says true once, false when idle, and false for the old chat on a switch", () => {
    vi.useFakeTimers();
    const calls: [string, boolean][] = [];
    const { result, rerender } = renderHook(({ id }) => useTypingSignal((t) => calls.push([id, t]), id), {
      initialProps: { id: "s1" },
    });
    act(() => result.current.update("h"));
    act(() => result.current.update("hi"));
    expect(calls).toEqual([["s1", true]]);
    act(() => void vi.advanceTimersByTime(2500));
    expect(calls).toEqual([["s1", true], ["s1", false]]);
    act(() => result.current.update("again"));
    rerender({ id: "s2" });
    expect(calls.at(-1)).toEqual(["s1", false]);
    act(() => result.current.update("x"));
    expect(calls.at(-1)).toEqual(["s2", true]);
    vi.useRealTimers();
  });

  it("shows an app's own words when it provides them, English otherwise", () => {
    const pending = { clientMsgId: "c1", sessionId: "s1", text: "hola", createdAt: "", error: "Demasiado largo" };
    const spanish = { ...ENGLISH_UI, locale: "es", you: "Tú", notSent: "No enviado", discard: "Descartar", tooLong: (_n: number, f: string) => `${f} caracteres de más` };
    render(
      <UiStringsProvider value={spanish}>
        <ul>
          <PendingItem pending={pending} side="user" onDiscard={() => undefined} />
        </ul>
        <CharCount id="c" limit={messageLimit("a".repeat(5123))} />
      </UiStringsProvider>,
    );
    expect(screen.getByText("Tú")).toBeTruthy();
    expect(screen.getByText("No enviado")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Descartar" })).toBeTruthy();
    expect(document.querySelector(".char-count")?.textContent).toBe("5123 / 4000 — 1123 caracteres de más");
  });

  it("MessageItem streaming: a bot answer being written is busy, says so, and its caret is not read", () => {
    const draft = msg(0, { senderType: "bot", text: "We open", clientMsgId: "bot:m1" });
    const { rerender } = render(
      <ul>
        <MessageItem key="stream:bot:m1" message={draft} sender="Assistant" streaming />
      </ul>,
    );
    const item = screen.getByRole("listitem");
    expect(item.getAttribute("aria-busy")).toBe("true");
    expect(item.dataset.seq).toBeUndefined();
    expect(screen.getByText("Writing…")).toBeTruthy();
    expect(item.querySelector(".msg-text")!.textContent).toBe("We open");
    expect(item.querySelector(".msg-caret")!.getAttribute("aria-hidden")).toBe("true");
    // the stored message under the same key: the same item, no longer busy
    rerender(
      <ul>
        <MessageItem key="stream:bot:m1" message={{ ...draft, seq: 2, text: "We open at 9." }} sender="Assistant" />
      </ul>,
    );
    expect(screen.getByRole("listitem")).toBe(item);
    expect(item.getAttribute("aria-busy")).toBeNull();
    expect(item.dataset.seq).toBe("2");
    expect(screen.queryByText("Writing…")).toBeNull();
    expect(item.querySelector(".msg-caret")).toBeNull();
  });
});
