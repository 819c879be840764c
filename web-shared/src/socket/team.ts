// The team's requests over Socket.IO: handing a chat to another agent (or
// to myself, to take it over) and monitoring a chat silently.
import type { Message, Note, Session } from "../protocol";
import { request, type ChatSocket } from "./request";

/** `session:transfer`; a blank note is left out. Resolves with the session as it now is. */
export async function transferSession(socket: ChatSocket, sessionId: string, toAgentId: string, note?: string): Promise<Session> {
  const text = note?.trim();
  const { session } = await request(socket, "session:transfer", { sessionId, toAgentId, ...(text ? { note: text } : {}) });
  return session;
}

/** `session:monitor` (supervisors and admins): joins the chat's room without the visitor seeing it. */
export async function monitorSession(
  socket: ChatSocket,
  sessionId: string,
): Promise<{ session: Session; messages: Message[]; notes: Note[] }> {
  const { session, messages, notes } = await request(socket, "session:monitor", { sessionId });
  return { session, messages: messages ?? [], notes: notes ?? [] };
}
