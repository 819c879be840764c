// What the team features say and how their lists are kept: texts for chats
// taken away, wait times, transfer targets, and the supervisors' list of
// open chats. Pure functions, so the client and the components share them.
import type { Agent, AgentStatus, Session, UnassignReason } from "@webchat/shared";

/** The polite line an agent reads when the server took a chat away. */
export function unassignedText(visitor: string, reason: UnassignReason | (string & {})): string {
  switch (reason) {
    case "agent_offline":
      return `Your chat with ${visitor} went back to the queue because you were offline.`;
    case "deactivated":
      return `Your chat with ${visitor} went back to the queue because your account was deactivated.`;
    default:
      return `Your chat with ${visitor} was transferred.`;
  }
}

/** Seconds as a wait: "less than a minute", "2 min", "1 h 5 min". */
export function waitText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (!Number.isFinite(s) || s < 60) return "less than a minute";
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const STATUS_LABEL: Record<AgentStatus, string> = { online: "Online", away: "Away", offline: "Offline" };

/** "2 / 3 chats". */
export function loadText(a: Pick<Agent, "activeChats" | "capacity">): string {
  return `${a.activeChats} / ${a.capacity} chats`;
}

/** Who a chat may go to: active staff who are not offline, not me and not the chat's own agent; least loaded first. */
export function transferTargets(agents: Agent[], exclude: (string | null | undefined)[]): Agent[] {
  return agents
    .filter((a) => a.active && a.status !== "offline" && a.role !== "user" && !exclude.includes(a.id))
    .sort((a, b) => a.activeChats - b.activeChats || a.displayName.localeCompare(b.displayName));
}

/** Replaces the item with the same id, or adds it. */
export function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}

/** True for the chats a supervisor's team list shows: waiting for an agent or with one. */
export function isOpenForTeam(s: Session): boolean {
  return s.status === "queued_for_agent" || s.status === "active_with_agent";
}

/** The team list after a session changed: kept while open, dropped once closed (or back with the bot). */
export function applyTeamSession(team: Session[], s: Session): Session[] {
  return isOpenForTeam(s) ? upsert(team, s) : team.filter((x) => x.id !== s.id);
}

/** Queued first (longest waiting first), then active chats, oldest first. */
export function sortTeam(team: Session[]): Session[] {
  const since = (s: Session) => (s.status === "queued_for_agent" ? (s.queuedAt ?? s.createdAt) : (s.assignedAt ?? s.createdAt));
  return [...team].sort((a, b) => {
    if (a.status !== b.status) return a.status === "queued_for_agent" ? -1 : 1;
    return since(a).localeCompare(since(b));
  });
}
