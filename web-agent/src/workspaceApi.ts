// The REST calls of the agent's workspace (PROTOCOL Part 2 "Workspace"):
// the team's canned responses, contacts and their earlier conversations,
// tags, search, attachments (upload with progress, bytes with the token),
// and the server's attachment limits. Components get it as one object, so
// tests hand them a fake.
import {
  RestClient,
  uploadAttachment,
  type AttachmentLimits,
  type CannedResponse,
  type Contact,
  type Message,
  type SearchPage,
  type SearchQuery,
  type Session,
  type SessionDetails,
  type Uploader,
} from "@webchat/shared";

export interface ContactHistory {
  contact: Contact;
  /** Newest first. */
  sessions: SessionDetails[];
}

export interface WorkspaceApi {
  cannedResponses(): Promise<CannedResponse[]>;
  contact(contactId: string): Promise<ContactHistory>;
  /** Any session's transcript, read-only. */
  transcript(sessionId: string): Promise<{ session: Session; messages: Message[] }>;
  setTags(sessionId: string, tags: string[]): Promise<Session>;
  search(query: SearchQuery): Promise<SearchPage>;
  limits(): Promise<AttachmentLimits>;
  /** An uploader bound to the session, with the agent's token. */
  uploader(sessionId: string, limits: AttachmentLimits): Uploader;
  blob(url: string): Promise<Blob>;
}

export function restWorkspaceApi(token: () => string | null): WorkspaceApi {
  const rest = new RestClient({ token });
  return {
    cannedResponses: async () => (await rest.cannedResponses()).cannedResponses ?? [],
    contact: (id) => rest.contact(id),
    transcript: (id) => rest.sessionMessages(id),
    setTags: async (id, tags) => (await rest.setTags(id, tags)).session,
    search: (q) => rest.search(q),
    limits: async () => {
      const c = await rest.config();
      return { maxBytes: c.attachmentMaxBytes, types: c.attachmentTypes };
    },
    uploader: (sessionId, limits) => (file, onProgress, signal) =>
      uploadAttachment({ file, sessionId, token: token(), onProgress, signal, limits }),
    blob: (url) => rest.attachmentBlob(url),
  };
}
