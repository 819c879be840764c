import { useRef, useState, type FormEvent } from "react";
import { errorText, type Agent, type AgentChanges, type StaffRole } from "@webchat/shared";
import { parseCapacity } from "./AddPersonForm";
import { CAPACITY_MAX, CAPACITY_MIN, loadText, PRESENCE_TEXT, roleText } from "./labels";
import { RoleField } from "./RoleField";

export const COLUMNS = 7;

/**
 * One staff member: name, email, role, presence (a word beside the dot),
 * load and whether the account is active; Edit opens a row beneath for the
 * role and capacity; Reset password and Deactivate / Reactivate ask the page
 * to open their dialogs.
 */
export function PersonRow({
  agent,
  onSave,
  onResetPassword,
  onToggleActive,
}: {
  agent: Agent;
  onSave: (changes: AgentChanges) => Promise<Agent>;
  onResetPassword: () => void;
  onToggleActive: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setEditing(false);
    editButton.current?.focus();
  };
  const name = agent.displayName;
  return (
    <>
      <tr className={agent.active ? undefined : "person-inactive"}>
        <th scope="row" className="person-name">
          {name}
        </th>
        <td>{agent.email}</td>
        <td>{roleText(agent.role)}</td>
        <td>
          <span className={`presence presence-${agent.status}`}>
            <span className="presence-dot" aria-hidden="true" />
            {PRESENCE_TEXT[agent.status] ?? agent.status}
          </span>
        </td>
        <td className="num">{loadText(agent)}</td>
        <td>
          <span className={`account account-${agent.active ? "active" : "inactive"}`}>{agent.active ? "Active" : "Deactivated"}</span>
        </td>
        <td>
          <div className="row-actions">
            <button ref={editButton} type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing}>
              Edit<span className="visually-hidden"> {name}</span>
            </button>
            <button type="button" onClick={onResetPassword}>
              Reset password<span className="visually-hidden"> for {name}</span>
            </button>
            <button type="button" onClick={onToggleActive}>
              {agent.active ? "Deactivate" : "Reactivate"}
              <span className="visually-hidden"> {name}</span>
            </button>
          </div>
        </td>
      </tr>
      {editing && (
        <tr className="person-edit-row">
          <td colSpan={COLUMNS}>
            <EditPerson agent={agent} onSave={onSave} onDone={close} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Role and capacity of one person; sends only what changed, shows the server's refusal. */
function EditPerson({ agent, onSave, onDone }: { agent: Agent; onSave: (c: AgentChanges) => Promise<Agent>; onDone: () => void }) {
  const [role, setRole] = useState<StaffRole>(agent.role === "user" ? "agent" : agent.role);
  const [capacity, setCapacity] = useState(String(agent.capacity));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `edit-${agent.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const cap = parseCapacity(capacity);
    if (typeof cap === "string") return setError(cap);
    const changes: AgentChanges = {};
    if (role !== agent.role) changes.role = role;
    if (cap !== agent.capacity) changes.capacity = cap;
    if (Object.keys(changes).length === 0) return onDone();
    setBusy(true);
    setError(null);
    try {
      await onSave(changes);
      onDone();
    } catch (err) {
      setError(`Could not save: ${errorText(err)}`);
      setBusy(false);
    }
  }

  return (
    <form
      className="person-form person-edit"
      aria-label={`Edit ${agent.displayName}`}
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <RoleField id={`${id}-role`} value={role} onChange={setRole} autoFocus />
      <div className="field">
        <label htmlFor={`${id}-capacity`}>Capacity</label>
        <input
          id={`${id}-capacity`}
          type="number"
          inputMode="numeric"
          min={CAPACITY_MIN}
          max={CAPACITY_MAX}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <div className="field field-submit">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
