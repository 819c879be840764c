// The words the console uses for a staff member's role, presence and load.
import type { Agent, AgentStatus, StaffRole } from "@webchat/shared";

export const PRESENCE_TEXT: Record<AgentStatus, string> = { online: "Online", away: "Away", offline: "Offline" };

export const ROLE_TEXT: Record<StaffRole, string> = { agent: "Agent", supervisor: "Supervisor", admin: "Admin" };
export const ROLES: StaffRole[] = ["agent", "supervisor", "admin"];

/** The server's bounds for capacity (`MAX_CAPACITY` in src/chat/staff.rs) and password length (src/domain/validate.rs). */
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 50;
export const DEFAULT_CAPACITY = 3;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** "2 / 3 chats". */
export function loadText(a: Pick<Agent, "activeChats" | "capacity">): string {
  return `${a.activeChats} / ${a.capacity} ${a.capacity === 1 ? "chat" : "chats"}`;
}

export function roleText(role: string): string {
  return ROLE_TEXT[role as StaffRole] ?? role;
}
