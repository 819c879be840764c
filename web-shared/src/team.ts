// Who supervises: supervisors and admins see every open chat, monitor it
// silently, take it over and transfer it (PROTOCOL.md part 2 "Roles").
import type { Role } from "./protocol";

/** True for the staff who supervise the team: supervisors and admins. */
export function isSupervising(role: Role | null | undefined): boolean {
  return role === "supervisor" || role === "admin";
}

/** True for any staff account (agent, supervisor, admin). */
export function isStaff(role: Role | null | undefined): boolean {
  return role === "agent" || isSupervising(role);
}
