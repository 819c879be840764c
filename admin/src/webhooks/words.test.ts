import { describe, expect, it } from "vitest";
import { answerText, deliveryStateText, eventsText, eventsToSend, shortId, statusText } from "./words";

describe("a webhook's words", () => {
  it("names the events a webhook gets", () => {
    expect(eventsText(["*"])).toBe("All events");
    expect(eventsText(["message.created", "session.created"])).toBe("message.created, session.created");
  });

  it("sends ['*'] for All events, else the ticked ones in the list's order, and nothing for nothing", () => {
    expect(eventsToSend(true, new Set(["note.created"]))).toEqual(["*"]);
    expect(eventsToSend(false, new Set(["message.created", "session.created"]))).toEqual(["session.created", "message.created"]);
    expect(eventsToSend(false, new Set())).toBeNull();
  });

  it("says whether it is paused", () => {
    expect(statusText({ active: true })).toBe("Active");
    expect(statusText({ active: false })).toBe("Paused");
  });

  it("says where a delivery stands", () => {
    const next = "2026-05-09T12:00:00Z";
    const when = new Date(next).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    expect(deliveryStateText({ state: "delivered", nextAttemptAt: null })).toBe("Delivered");
    expect(deliveryStateText({ state: "pending", nextAttemptAt: next })).toBe(`Waiting, next try at ${when}`);
    expect(deliveryStateText({ state: "pending", nextAttemptAt: null })).toBe("Waiting");
    expect(deliveryStateText({ state: "failed", nextAttemptAt: null })).toBe("Failed");
  });

  it("says what the receiver last answered", () => {
    expect(answerText({ lastStatus: 500, attempts: 3 })).toBe("HTTP 500");
    expect(answerText({ lastStatus: null, attempts: 2 })).toBe("no answer");
    expect(answerText({ lastStatus: null, attempts: 0 })).toBe("not sent yet");
  });

  it("shortens an id to its end (time-ordered ids share their start)", () => {
    expect(shortId("3f2a9c1e-7b4d-4e8a-9c0d-1e2f3a4b5c6d")).toBe("3a4b5c6d");
  });
});
