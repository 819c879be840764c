import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { Composer } from "./Composer";

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
});
