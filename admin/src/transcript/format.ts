// How the console writes a conversation's facts: dates, status, who.
import { channelName, STATUS_TEXT, type Session, type SessionDetails } from "@webchat/shared";

export type AnySession = Session & Partial<SessionDetails>;

/** "1 May 2024, 10:00" in the reader's locale; "" for a bad time. */
export function dateTime(iso: string | null | undefined): string {
  const d = new Date(iso ?? "");
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
}

export function statusText(s: Pick<Session, "status">): string {
  return STATUS_TEXT[s.status] ?? s.status;
}

/** "Closed · Web · agent Bob · started 1 May 2024, 10:00". */
export function sessionMeta(s: AnySession): string {
  const agent = s.agentDisplayName ? ` · agent ${s.agentDisplayName}` : "";
  return `${statusText(s)} · ${channelName(s.channel)}${agent} · started ${dateTime(s.createdAt)}`;
}

export const visitorName = (s: Pick<Session, "userDisplayName">) => s.userDisplayName || "(no name)";
