// Messages kept in seq order, and resuming by seq: after a reconnect or a
// reload a client asks `session:join { afterSeq }` for what it missed, and
// a gap in a live stream is filled from the last contiguous message.
import type { Message, Note, Session } from "../protocol";
import { request, type ChatSocket } from "./request";

/** The highest seq held (0 for none). */
export function lastSeq(messages: readonly Message[]): number {
  return messages.length ? messages[messages.length - 1].seq : 0;
}

/** The highest seq n such that 1..n are all held. */
export function contiguousSeq(messages: readonly Message[]): number {
  let seq = 0;
  for (const m of messages) {
    if (m.seq !== seq + 1) break;
    seq = m.seq;
  }
  return seq;
}

/** True when `m` arrives after a hole (some seq before it was never seen). */
export function opensGap(messages: readonly Message[], m: Message): boolean {
  const last = lastSeq(messages);
  return last > 0 && m.seq > last + 1;
}

/** `existing` and `incoming` by seq, each seq once (the newer copy's fields win), sorted. */
export function mergeBySeq(existing: readonly Message[], incoming: readonly Message[]): Message[] {
  const bySeq = new Map(existing.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The clientMsgIds `incoming` confirms, to drop them from an outbox. */
export function confirmedIds(incoming: readonly Message[]): Set<string> {
  return new Set(incoming.map((m) => m.clientMsgId).filter((id): id is string => !!id));
}

/** Joins a session, asking only for the messages after `afterSeq` (all when 0). */
export function joinAfter(
  socket: ChatSocket,
  sessionId: string,
  afterSeq: number,
): Promise<{ session: Session; messages: Message[]; notes?: Note[] }> {
  return request(socket, "session:join", { sessionId, ...(afterSeq > 0 ? { afterSeq } : {}) });
}

/** Rejoins from what `held` already has; for a gap, from its last contiguous message. */
export function resume(socket: ChatSocket, sessionId: string, held: readonly Message[], fillGap = false) {
  return joinAfter(socket, sessionId, fillGap ? contiguousSeq(held) : lastSeq(held));
}
