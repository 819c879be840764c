import type { AgentStatus } from "@webchat/shared";

const LABEL: Record<AgentStatus, string> = { online: "Online", away: "Away", offline: "Offline" };

/** The agent's own status: online takes new chats, away takes none. */
export function StatusMenu({
  status,
  error,
  onChange,
}: {
  status: AgentStatus;
  error: string | null;
  onChange: (status: "online" | "away") => void;
}) {
  return (
    <span className={`status-menu status-${status}`}>
      <label htmlFor="agent-status">Status</label>
      <select
        id="agent-status"
        value={status === "offline" ? "away" : status}
        onChange={(e) => onChange(e.target.value === "away" ? "away" : "online")}
      >
        <option value="online">{LABEL.online}</option>
        <option value="away">{LABEL.away}</option>
      </select>
      {error && (
        <span className="status-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
