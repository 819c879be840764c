import type { FormEvent, RefObject } from "react";
import { STATUS_TEXT, type Agent, type SessionStatus } from "@webchat/shared";
import { AgentField, ChannelField } from "../console/FilterFields";
import type { SearchFields } from "./query";

const STATUSES = Object.keys(STATUS_TEXT) as SessionStatus[];

/**
 * The words to look for and the filters (status, agent, tag, channel,
 * dates). What is wrong is said under the form and the field is marked;
 * `refs` let the page focus the field at fault.
 */
export function SearchForm({
  fields,
  agents,
  problem,
  busy,
  refs,
  onChange,
  onSubmit,
  onClear,
}: {
  fields: SearchFields;
  agents: Agent[];
  problem: { field: keyof SearchFields; text: string } | null;
  busy: boolean;
  refs: { q: RefObject<HTMLInputElement | null>; to: RefObject<HTMLInputElement | null> };
  onChange: (patch: Partial<SearchFields>) => void;
  onSubmit: () => void;
  onClear: () => void;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  const wrong = (f: keyof SearchFields) => (problem?.field === f ? { "aria-invalid": true, "aria-describedby": "search-problem" } : {});
  return (
    <form className="search-form" role="search" aria-label="Search conversations" onSubmit={submit} noValidate>
      <div className="field field-grow">
        <label htmlFor="search-q">Words</label>
        <input id="search-q" ref={refs.q} type="search" value={fields.q} onChange={(e) => onChange({ q: e.target.value })} {...wrong("q")} />
      </div>
      <div className="field">
        <label htmlFor="search-status">Status</label>
        <select id="search-status" value={fields.status} onChange={(e) => onChange({ status: e.target.value as SessionStatus | "" })}>
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_TEXT[s]}
            </option>
          ))}
        </select>
      </div>
      <AgentField id="search-agent" value={fields.agentId} agents={agents} onChange={(agentId) => onChange({ agentId })} />
      <div className="field">
        <label htmlFor="search-tag">Tag</label>
        <input id="search-tag" value={fields.tag} onChange={(e) => onChange({ tag: e.target.value })} autoComplete="off" />
      </div>
      <ChannelField id="search-channel" value={fields.channel} onChange={(channel) => onChange({ channel })} />
      <div className="field">
        <label htmlFor="search-from">From</label>
        <input id="search-from" type="date" value={fields.from} onChange={(e) => onChange({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="search-to">To</label>
        <input id="search-to" ref={refs.to} type="date" value={fields.to} min={fields.from || undefined} onChange={(e) => onChange({ to: e.target.value })} {...wrong("to")} />
      </div>
      <div className="field field-submit">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Searching…" : "Search"}
        </button>
        <button type="button" onClick={onClear}>
          Clear
        </button>
      </div>
      {problem && (
        <p id="search-problem" className="form-error field-wide" role="alert">
          {problem.text}
        </p>
      )}
    </form>
  );
}
