import { describe, expect, it } from "vitest";
import type { Message } from "../protocol";
import { FakeSocket } from "../testing/fakeSocket";
import { confirmedIds, contiguousSeq, joinAfter, lastSeq, mergeBySeq, opensGap, resume } from "./transcript";

function m(seq: number, over: Partial<Message> = {}): Message {
  return { id: `m${seq}`, sessionId: "s1", seq, senderType: "user", text: `t${seq}`, createdAt: "2024-05-01T10:00:00Z", ...over };
}

describe("transcript", () => {
  it("merges by seq: sorted, each seq once, newer fields win", () => {
    const merged = mergeBySeq([m(1), m(3, { deliveryStatus: "sent" })], [m(2), m(3, { deliveryStatus: "read" }), m(1)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3]);
    expect(merged[2].deliveryStatus).toBe("read");
  });

  it("knows the last seq, the last contiguous seq and a gap", () => {
    const held = [m(1), m(2), m(5)];
    expect(lastSeq([])).toBe(0);
    expect(lastSeq(held)).toBe(5);
    expect(contiguousSeq(held)).toBe(2);
    expect(opensGap([m(1)], m(2))).toBe(false);
    expect(opensGap([m(1)], m(4))).toBe(true);
    expect(opensGap([], m(4))).toBe(false);
  });

  it("resumes with session:join { afterSeq } from the last seq held, or without it when nothing is", () => {
    const s = new FakeSocket();
    void resume(s.asSocket(), "s1", [m(1), m(2)]);
    expect(s.last("session:join").payload).toEqual({ sessionId: "s1", afterSeq: 2 });
    void joinAfter(s.asSocket(), "s1", 0);
    expect(s.all("session:join")[1].payload).toEqual({ sessionId: "s1" });
    void resume(s.asSocket(), "s1", [m(1), m(4)], true);
    expect(s.all("session:join")[2].payload).toEqual({ sessionId: "s1", afterSeq: 1 });
  });

  it("lists the clientMsgIds a batch confirms", () => {
    expect([...confirmedIds([m(1, { clientMsgId: "c1" }), m(2)])]).toEqual(["c1"]);
  });
});
