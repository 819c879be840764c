import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "./Composer";

const liveRegion = () => document.querySelector("[aria-live=polite].char-count-live")!;

describe("Composer", () => {
  it("sends with the Send button and clears the box", () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByLabelText("Message") as HTMLTextAreaElement;
    const send = screen.getByRole("button", { name: "Send" }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(box, { target: { value: "  Hello there " } });
    expect(send.disabled).toBe(false);
    fireEvent.click(send);
    expect(onSend).toHaveBeenCalledWith("Hello there");
    expect(box.value).toBe("");
  });

  it("sends on Enter but not on Shift+Enter", () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByLabelText("Message");
    fireEvent.change(box, { target: { value: "line one" } });
    fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onSend).toHaveBeenCalledWith("line one");
  });

  it("reports typing, and stops when the message is sent", () => {
    const onTyping = vi.fn();
    render(<Composer onSend={() => undefined} onTyping={onTyping} />);
    const box = screen.getByLabelText("Message");
    fireEvent.change(box, { target: { value: "h" } });
    fireEvent.change(box, { target: { value: "hi" } });
    expect(onTyping.mock.calls).toEqual([[true]]);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(onTyping.mock.calls).toEqual([[true], [false]]);
  });

  it("shows a live count near the limit", () => {
    render(<Composer onSend={() => undefined} />);
    const box = screen.getByLabelText("Message");
    fireEvent.change(box, { target: { value: "a".repeat(3599) } });
    expect(screen.queryByText(/\/ 4,000/)).toBeNull();
    fireEvent.change(box, { target: { value: "a".repeat(3812) } });
    expect(screen.getByText("3,812 / 4,000")).toBeTruthy();
    expect(box.getAttribute("aria-describedby")).toBe(document.querySelector(".char-count")?.id);
  });

  it("over the limit says how many too many and sends neither by button nor Enter", () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByLabelText("Message") as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: "a".repeat(4123) } });
    expect(box.value).toHaveLength(4123);
    expect(document.querySelector(".char-count")?.textContent).toBe("4,123 / 4,000 — 123 characters too long");
    expect(liveRegion().textContent).toContain("123 characters too long");
    const send = screen.getByRole("button", { name: "Send" }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.submit(box.form!);
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toHaveLength(4123);
  });

  it("counts an emoji as one character, as the server does", () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByLabelText("Message");
    fireEvent.change(box, { target: { value: "😀".repeat(4000) } });
    expect(document.querySelector(".char-count")?.textContent).toBe("4,000 / 4,000");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onSend).toHaveBeenCalledWith("😀".repeat(4000));
    fireEvent.change(box, { target: { value: "😀".repeat(4001) } });
    expect(liveRegion().textContent).toContain("1 character too long");
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
