// The filter fields the monitor and the search page share: a channel and
// an agent, each a labelled select with "any" first.
import type { Agent, Channel } from "@webchat/shared";

export function ChannelField({ id, value, onChange }: { id: string; value: Channel | ""; onChange: (channel: Channel | "") => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Channel</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Channel | "")}>
        <option value="">Any</option>
        <option value="web">Web</option>
        <option value="whatsapp">WhatsApp</option>
      </select>
    </div>
  );
}

/** `value` may name an agent no longer in `agents` (a search from the address bar): it stays chosen. */
export function AgentField({ id, value, agents, onChange }: { id: string; value: string; agents: Agent[]; onChange: (agentId: string) => void }) {
  const known = !value || agents.some((a) => a.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>Agent</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Anyone</option>
        {!known && <option value={value}>The agent chosen earlier</option>}
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.displayName}
          </option>
        ))}
      </select>
    </div>
  );
}
