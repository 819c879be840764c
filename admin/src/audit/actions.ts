// The audit log in words: what each action was, and its detail in short.
import type { AuditEntry } from "@webchat/shared";

export const ACTION_TEXT: Record<string, string> = {
  login: "Signed in",
  "agent.created": "Created a staff account",
  "agent.updated": "Changed a staff account",
  "settings.widget": "Changed the widget settings",
  "settings.business_hours": "Changed the business hours",
  "contact.exported": "Exported a contact’s data",
  "contact.erased": "Erased a contact",
  "token.created": "Created an API token",
  "token.revoked": "Revoked an API token",
  "knowledge.forgotten": "Forgot a site",
  "knowledge.ingest": "Started a crawl",
  "agent.password_reset": "Reset a password",
  "report.exported": "Exported a report",
  "invitation.sent": "Sent an invitation",
  "invitation.withdrawn": "Withdrew an invitation",
  "invitation.accepted": "Accepted an invitation",
  "webhook.created": "Added a webhook",
  "webhook.updated": "Changed a webhook",
  "webhook.deleted": "Deleted a webhook",
};

/** The action in words; an action this console does not know, as the server wrote it. */
export const actionText = (action: string) => (Object.hasOwn(ACTION_TEXT, action) ? ACTION_TEXT[action] : action);

/** Who did it: their name, else their id, else the server itself. */
export const actorText = (e: Pick<AuditEntry, "actorId" | "actorName">) => e.actorName || e.actorId || "Webchat";

/** The detail as compact JSON (`{"role":"admin"}`); "" when there is none. */
export function detailText(detail: AuditEntry["detail"]): string {
  if (detail === null || detail === undefined) return "";
  if (typeof detail === "object" && Object.keys(detail).length === 0) return "";
  return JSON.stringify(detail);
}
