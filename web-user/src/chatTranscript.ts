// The open session as state and in storage: adopting a session, applying the
// server's changes to it (agent joined, back in the queue, waiting for an
// offline answer, closed), merging
// messages in seq order (which confirms what the outbox sent), forgetting a
// session, and saving the outbox. No socket here: chatSession.ts connects.
import { confirmedIds, mergeBySeq, Store, type Message, type Session, type SessionDetails } from "@webchat/shared";
import { initialState, type ChatClientDeps, type ChatState } from "./chatState";
import { storageKeys, type StorageKeys } from "./storageKeys";

const MAX_CACHED = 500;

export abstract class ChatTranscript extends Store<ChatState> {
  protected keys: StorageKeys;

  constructor(protected deps: ChatClientDeps) {
    const keys = storageKeys(deps.keyPrefix ?? "webchat.user", deps.site);
    super(initialState(deps, keys));
    this.keys = keys;
  }

  protected adopt(session: Session, keepMessages: boolean): void {
    this.deps.storage.setItem(this.keys.session, session.id);
    this.set({
      session,
      messages: keepMessages ? this.state.messages : [],
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
    this.set({ messages, pending });
    if (outboxChanged) this.saveOutbox();
    const s = this.state.session;
    if (s) this.deps.storage.setItem(this.keys.messages(s.id), JSON.stringify(messages.slice(-MAX_CACHED)));
  }

  protected forgetSession(): void {
    const s = this.state.session?.id ?? this.deps.storage.getItem(this.keys.session);
    if (s) this.deps.storage.removeItem(this.keys.messages(s));
    this.deps.storage.removeItem(this.keys.session);
    this.set({ session: null, messages: [], pending: [], typing: null, agentJoined: null, queuePosition: null, offline: null, endRequest: "none" });
    this.saveOutbox();
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
