import { useMemo, useState } from "react";
import { channelName, type AttachmentLimits, type CannedResponse, type PendingExtras, type SessionDetails } from "@webchat/shared";
import type { AgentChat } from "../agentClient";
import type { WorkspaceApi } from "../workspaceApi";
import { AgentComposer, type Draft } from "./AgentComposer";
import { ContactPanel, useContact } from "./ContactPanel";
import { MessageList } from "./MessageList";
import { NotesPanel } from "./NotesPanel";
import { CsatRating, OfflineBadge } from "./SessionBadges";
import { TagEditor } from "./TagEditor";
import { TranscriptDialog } from "./TranscriptDialog";

export interface ChatViewActions {
  send: (sessionId: string, text: string, extras?: PendingExtras) => void;
  discard: (sessionId: string, clientMsgId: string) => void;
  setTyping: (sessionId: string, isTyping: boolean) => void;
  acceptEnd: (sessionId: string) => void;
  declineEnd: (sessionId: string) => void;
  closeChat: (sessionId: string) => void;
  dismiss: (sessionId: string) => void;
  /** Saves the chat's tags; resolves with the error to show, null when saved. */
  setTags: (sessionId: string, tags: string[]) => Promise<string | null>;
  addNote: (sessionId: string, text: string) => Promise<boolean>;
  /** Opens the transfer dialog for the chat. */
  openTransfer: (sessionId: string) => void;
}

/** What the chat needs from the workspace: the REST calls, the team's canned responses, the upload limits, who I am. */
export interface ChatWorkspace {
  api: WorkspaceApi;
  canned: CannedResponse[];
  cannedError: string | null;
  limits: AttachmentLimits;
  agentName: string | null;
  /** Uploads need the connection. */
  online: boolean;
}

/** How the chat came to me: "Transferred from Bob" and Bob's note, styled as a private note. */
export function TransferNote({ transfer }: { transfer: NonNullable<AgentChat["transfer"]> }) {
  const { from, note } = transfer;
  return (
    <aside className="transfer-note" aria-label="Transfer note">
      {from && <p className="transfer-from">Transferred from {from.displayName}</p>}
      {note && (
        <p className="transfer-note-text">
          <strong>Note from {note.authorName}:</strong> {note.text}
        </p>
      )}
    </aside>
  );
}

/** One chat: history, tags, end request, offline mark, the visitor's rating once closed, contact panel, composer with canned responses and files. */
export function ChatView({ chat, actions, workspace }: { chat: AgentChat; actions: ChatViewActions; workspace: ChatWorkspace }) {
  const id = chat.session.id;
  const name = chat.session.userDisplayName;
  const details = chat.session as AgentChat["session"] & Partial<SessionDetails>;
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [viewing, setViewing] = useState<SessionDetails | null>(null);
  const contact = useContact(workspace.api, details.contactId);
  const { api, limits, online } = workspace;
  const uploader = useMemo(() => (online ? api.uploader(id, limits) : null), [api, id, limits, online]);

  return (
    <div className="chat-with-contact">
      <section className="chat-view" aria-label={`Chat with ${name}`}>
        <header className="chat-view-head">
          <div>
            <h2>{name}</h2>
            <p className="muted">
              <span className={`badge badge-${chat.session.channel}`}>{channelName(chat.session.channel)}</span>{" "}
              {chat.closed ? "Closed" : "Active"}
            </p>
            {details.offline && !chat.closed && <OfflineBadge email={contact.history ? (contact.history.contact.email ?? null) : undefined} />}
          </div>
          {chat.closed ? (
            <button type="button" onClick={() => actions.dismiss(id)}>
              Dismiss
            </button>
          ) : (
            <div className="chat-view-actions">
              <button type="button" onClick={() => actions.openTransfer(id)}>
                Transfer
              </button>
              <button type="button" className="danger" onClick={() => actions.closeChat(id)}>
                End chat
              </button>
            </div>
          )}
        </header>
        <TagEditor tags={details.tags ?? []} onSave={(tags) => actions.setTags(id, tags)} />
        {chat.endRequested && !chat.closed && (
          <div className="end-request" role="alert" aria-label="End request">
            <span>{name} asks to end the chat.</span>
            <button type="button" className="primary" onClick={() => actions.acceptEnd(id)}>
              Accept
            </button>
            <button type="button" onClick={() => actions.declineEnd(id)}>
              Decline
            </button>
          </div>
        )}
        {chat.error && (
          <p className="form-error" role="alert">
            {chat.error}
          </p>
        )}
        {chat.transfer && <TransferNote transfer={chat.transfer} />}
        <MessageList messages={chat.messages} pending={chat.pending} visitorName={name} onDiscard={(c) => actions.discard(id, c)} />
        <NotesPanel sessionId={id} notes={chat.notes} error={chat.noteError} canWrite onAdd={(text) => actions.addNote(id, text)} />
        {chat.typing && !chat.closed && (
          <p className="typing" role="status">
            {name} is typing…
          </p>
        )}
        {chat.closed ? (
          <div className="closed-note" role="status">
            <p>
              <strong>This chat is closed</strong>
              {chat.closed.endedBy && chat.closed.endedBy !== "unknown" ? ` (ended by ${chat.closed.endedBy}).` : "."}
            </p>
            {details.csat && (
              <p>
                The visitor’s rating: <CsatRating csat={details.csat} />
              </p>
            )}
            {chat.closed.summary && (
              <div className="summary">
                <h3>Summary</h3>
                <p>{chat.closed.summary.summary}</p>
                {chat.closed.summary.topics?.length > 0 && <p className="muted">Topics: {chat.closed.summary.topics.join(", ")}</p>}
              </div>
            )}
          </div>
        ) : (
          <div className="compose-area">
            <AgentComposer
              key={id}
              sessionId={id}
              visitorName={name}
              draft={drafts[id] ?? { text: "" }}
              onDraft={(d) => setDrafts((all) => ({ ...all, [id]: d }))}
              canned={workspace.canned}
              cannedError={workspace.cannedError}
              vars={{ visitorName: name, visitorEmail: contact.history?.contact.email, agentName: workspace.agentName }}
              limits={limits}
              uploader={uploader}
              onSend={(text, extras) => actions.send(id, text, extras)}
              onTyping={(t) => actions.setTyping(id, t)}
            />
          </div>
        )}
      </section>
      <ContactPanel session={chat.session} contact={contact} onOpen={setViewing} />
      {viewing && (
        <TranscriptDialog
          api={api}
          sessionId={viewing.id}
          title={`${viewing.userDisplayName}, ${new Date(viewing.createdAt).toLocaleDateString()}`}
          onClose={() => setViewing(null)}
        />
      )}
    </div>
  );
}
