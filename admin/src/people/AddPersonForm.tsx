import { useRef, useState, type FormEvent } from "react";
import { errorText, type Agent, type NewAgent, type StaffRole } from "@webchat/shared";
import { CAPACITY_MAX, CAPACITY_MIN, DEFAULT_CAPACITY, PASSWORD_MIN } from "./labels";
import { RoleField } from "./RoleField";

/** A capacity field's value as a number, or a sentence saying what is wrong. The server checks the range. */
export function parseCapacity(value: string): number | string {
  const n = Number(value.trim());
  if (!value.trim() || !Number.isInteger(n)) return `Capacity must be a whole number from ${CAPACITY_MIN} to ${CAPACITY_MAX}.`;
  return n;
}

const EMPTY = { displayName: "", email: "", password: "", role: "agent" as StaffRole, capacity: String(DEFAULT_CAPACITY) };

/** Adds a staff account: name, email, password, role and capacity; the server's refusal is shown beside it. */
export function AddPersonForm({ onCreate }: { onCreate: (body: NewAgent) => Promise<Agent> }) {
  const [fields, setFields] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<typeof EMPTY>) => setFields((f) => ({ ...f, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const capacity = parseCapacity(fields.capacity);
    if (typeof capacity === "string") return setError(capacity);
    setBusy(true);
    setError(null);
    try {
      await onCreate({ displayName: fields.displayName, email: fields.email, password: fields.password, role: fields.role, capacity });
      setFields(EMPTY);
      nameInput.current?.focus();
    } catch (err) {
      setError(`Could not add this person: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card people-add" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">Add person</h2>
      {/* The server checks every field and says what is wrong; its answer is shown below. */}
      <form className="person-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "add-person-error" : undefined}>
        <div className="field">
          <label htmlFor="new-name">Name</label>
          <input id="new-name" ref={nameInput} value={fields.displayName} onChange={(e) => set({ displayName: e.target.value })} required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-email">Email</label>
          <input id="new-email" type="email" value={fields.email} onChange={(e) => set({ email: e.target.value })} required autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="new-password">Password</label>
          <input
            id="new-password"
            type="password"
            value={fields.password}
            onChange={(e) => set({ password: e.target.value })}
            required
            minLength={PASSWORD_MIN}
            autoComplete="new-password"
            aria-describedby="new-password-hint"
          />
          <span id="new-password-hint" className="hint">
            At least {PASSWORD_MIN} characters.
          </span>
        </div>
        <RoleField id="new-role" value={fields.role} onChange={(role) => set({ role })} />
        <div className="field">
          <label htmlFor="new-capacity">Capacity</label>
          <input
            id="new-capacity"
            type="number"
            inputMode="numeric"
            min={CAPACITY_MIN}
            max={CAPACITY_MAX}
            value={fields.capacity}
            onChange={(e) => set({ capacity: e.target.value })}
            aria-describedby="new-capacity-hint"
          />
          <span id="new-capacity-hint" className="hint">
            Chats at once, {CAPACITY_MIN}–{CAPACITY_MAX}.
          </span>
        </div>
        <div className="field field-submit">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Adding…" : "Add person"}
          </button>
        </div>
      </form>
      {error && (
        <p id="add-person-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
