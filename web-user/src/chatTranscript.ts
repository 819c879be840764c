// The open session as state and in storage: adopting a session, applying the
// server's changes to it (agent joined, back in the queue, waiting for an
// offline answer, closed), merging
// messages in seq order (which confirms what the outbox sent, and replaces
// the draft of a bot answer being written), the drafts themselves, forgetting
// a session, and saving the outbox. No socket here: chatSession.ts connects.
import { confirmedIds, mergeBySeq, Store, type Message, type Session, type SessionDetails } from "@webchat/shared";
import { initialState, type ChatClientDeps, type ChatState, type Draft } from "./chatState";
import { storageKeys, type StorageKeys } from "./storageKeys";

const MAX_CACHED = 500;
/** A draft with no new piece for this long is dropped: its stream ended without a message (the bot failed). */
export const STALE_DRAFT_MS = 20_000;
/** How many ended streams are remembered, so that a late piece of one never brings its draft back. */
const ENDED_KEPT = 100;

export abstract class ChatTranscript extends Store<ChatState> {
  protected keys: StorageKeys;
  /** Streams whose draft was replaced by its message or dropped. */
  private endedStreams = new Set<string>();
  private draftTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(protected deps: ChatClientDeps) {
    const keys = storageKeys(deps.keyPrefix ?? "webchat.user", deps.site);
    super(initialState(deps, keys));
    this.keys = keys;
  }

  protected adopt(session: Session, keepMessages: boolean): void {
    this.deps.storage.setItem(this.keys.session, session.id);
    this.endDrafts();
    this.set({
      session,
      messages: keepMessages ? this.state.messages : [],
      drafts: [],
      pending: this.state.pending.filter((p) => p.sessionId === session.id),
      endRequest: "none",
      agentJoined: null,
      queuePosition: null,
      offline: null,
    });
  }

  protected applySession(session: Session): void {
    const prev = this.state.session;
    const patch: Partial<ChatState> = { session };
    if (session.status === "active_with_agent" && session.agentDisplayName) {
      patch.agentJoined = session.agentDisplayName;
    }
    const details = session as Partial<SessionDetails>;
    if (session.status === "queued_for_agent") {
      // back in the queue (the agent left): no one is with me now
      patch.agentJoined = null;
      const position = details.queuePosition;
      if (position && !this.state.queuePosition) patch.queuePosition = { position, estimatedWaitSecs: null };
      if (details.offline && !this.state.offline) patch.offline = { nextOpenAt: this.state.availability?.nextOpenAt ?? null, emailedTo: null };
    } else {
      patch.queuePosition = null;
      patch.offline = null;
    }
    // only the bot writes answers, and only in bot_pending
    if (session.status !== "bot_pending") {
      const drafts = this.endDrafts();
      if (drafts) patch.drafts = drafts;
    }
    if (session.status === "closed") {
      patch.endRequest = "none";
      patch.typing = null;
      if (prev?.status !== "closed") this.deps.storage.removeItem(this.keys.session);
    }
    this.set(patch);
  }

  protected mergeMessages(incoming: Message[]): void {
    if (!incoming.length) return;
    const messages = mergeBySeq(this.state.messages, incoming);
    const confirmed = confirmedIds(incoming);
    const pending = this.state.pending.filter((p) => !confirmed.has(p.clientMsgId));
    const outboxChanged = pending.length !== this.state.pending.length;
    // the stored answer replaces its draft in the same change: one item, never both
    const drafts = this.endDrafts((d) => confirmed.has(d.streamId));
    this.set({ messages, pending, ...(drafts ? { drafts } : {}) });
    if (outboxChanged) this.saveOutbox();
    const s = this.state.session;
    if (s) this.deps.storage.setItem(this.keys.messages(s.id), JSON.stringify(messages.slice(-MAX_CACHED)));
  }

  protected forgetSession(): void {
    const s = this.state.session?.id ?? this.deps.storage.getItem(this.keys.session);
    if (s) this.deps.storage.removeItem(this.keys.messages(s));
    this.deps.storage.removeItem(this.keys.session);
    this.endDrafts();
    this.set({ session: null, messages: [], pending: [], drafts: [], typing: null, agentJoined: null, queuePosition: null, offline: null, endRequest: "none" });
    this.saveOutbox();
  }

  /**
   * The next piece of a bot answer (`message:delta`): starts its draft or
   * appends to it, and gives it STALE_DRAFT_MS more to live. Nothing for a
   * stream that ended: its message is here, or its draft was dropped.
   */
  protected appendDelta(streamId: string, delta: string): void {
    if (this.endedStreams.has(streamId) || this.state.messages.some((m) => m.clientMsgId === streamId)) return;
    const drafts = this.state.drafts;
    const at = drafts.findIndex((d) => d.streamId === streamId);
    this.set({
      drafts:
        at < 0
          ? [...drafts, { streamId, text: delta, startedAt: new Date().toISOString() }]
          : drafts.map((d, i) => (i === at ? { ...d, text: d.text + delta } : d)),
    });
    const timer = this.draftTimers.get(streamId);
    if (timer) clearTimeout(timer);
    this.draftTimers.set(
      streamId,
      setTimeout(() => this.dropDrafts((d) => d.streamId === streamId), STALE_DRAFT_MS),
    );
  }

  /** Drops the drafts `which` picks (all by default) for good: later pieces of them are ignored. */
  protected dropDrafts(which?: (d: Draft) => boolean): void {
    const drafts = this.endDrafts(which);
    if (drafts) this.set({ drafts });
  }

  /** Ends the drafts `which` picks (all by default): the drafts left, or null when none was picked. */
  private endDrafts(which: (d: Draft) => boolean = () => true): Draft[] | null {
    const ending = this.state.drafts.filter(which);
    if (!ending.length) return null;
    for (const { streamId } of ending) {
      const timer = this.draftTimers.get(streamId);
      if (timer) clearTimeout(timer);
      this.draftTimers.delete(streamId);
      this.endedStreams.add(streamId);
      if (this.endedStreams.size > ENDED_KEPT) this.endedStreams.delete(this.endedStreams.values().next().value!);
    }
    return this.state.drafts.filter((d) => !which(d));
  }

  /** The visitor's own email, kept for the next form that asks for it. */
  protected rememberEmail(email: string): void {
    this.deps.storage.setItem(this.keys.email, email);
    this.set({ email });
  }

  protected saveOutbox(): void {
    const keep = this.state.pending.filter((p) => !p.error);
    if (keep.length) this.deps.storage.setItem(this.keys.outbox, JSON.stringify(keep));
    else this.deps.storage.removeItem(this.keys.outbox);
  }
}
