import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { QueueList } from "./QueueList";
import { queueItem } from "../test/fixtures";

describe("QueueList", () => {
  it("shows who waits, the channel, how long, and the last messages", () => {
    const onAccept = vi.fn();
    render(
      <QueueList
        items={[queueItem(), queueItem({ sessionId: "s2", userDisplayName: "Wim", channel: "whatsapp", preview: [] })]}
        now={Date.now()}
        claiming={null}
        claimError={null}
        onAccept={onAccept}
      />,
    );
    const items = within(screen.getByRole("list", { name: "Waiting visitors" })).getAllByRole("listitem").filter((li) => li.className === "queue-item");
    expect(items).toHaveLength(2);
    const vera = items.find((li) => li.textContent?.includes("Vera"))!;
    expect(within(vera).getByText("Web")).toBeTruthy();
    expect(within(vera).getByText("Waiting 5 min")).toBeTruthy();
    expect(within(vera).getByText(/Where is my order\?/)).toBeTruthy();
    const wim = items.find((li) => li.textContent?.includes("Wim"))!;
    expect(within(wim).getByText("WhatsApp")).toBeTruthy();
    fireEvent.click(within(wim).getByRole("button", { name: "Accept" }));
    expect(onAccept).toHaveBeenCalledWith("s2");
  });

  it("says who took a chat when the race was lost", () => {
    render(<QueueList items={[]} now={Date.now()} claiming={null} claimError="Vera: already taken by Bob" onAccept={() => undefined} />);
    expect(screen.getByRole("alert").textContent).toBe("Vera: already taken by Bob");
    expect(screen.getByText("No one is waiting.")).toBeTruthy();
  });
});
