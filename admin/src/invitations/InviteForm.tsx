import { useRef, useState, type FormEvent } from "react";
import type { StaffRole } from "@webchat/shared";
import { FieldError } from "../console/FieldError";
import { parseCapacity } from "../people/AddPersonForm";
import { CAPACITY_MAX, CAPACITY_MIN, DEFAULT_CAPACITY } from "../people/labels";
import { RoleField } from "../people/RoleField";
import type { NewInvitation } from "./api";
import { inviteFailure } from "./words";

const EMPTY = { email: "", role: "agent" as StaffRole, displayName: "", capacity: "" };

/**
 * Invites a person by email: the address, a role, and optionally a name and
 * a capacity (they choose their own password from the link). What is wrong,
 * or the server's refusal, is shown beside the form, which keeps what was typed.
 */
export function InviteForm({ onInvite }: { onInvite: (body: NewInvitation) => Promise<void> }) {
  const [fields, setFields] = useState(EMPTY);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<typeof EMPTY>) => setFields((f) => ({ ...f, ...patch }));
  const problem = tried && !fields.email.trim() ? "Enter the email address to send the invitation to." : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!fields.email.trim()) return emailInput.current?.focus();
    const capacity = fields.capacity.trim() ? parseCapacity(fields.capacity) : undefined;
    if (typeof capacity === "string") return setError(capacity);
    const body: NewInvitation = { email: fields.email.trim(), role: fields.role };
    if (fields.displayName.trim()) body.displayName = fields.displayName.trim();
    if (capacity !== undefined) body.capacity = capacity;
    setBusy(true);
    setError(null);
    try {
      await onInvite(body);
      setFields(EMPTY);
      setTried(false);
    } catch (err) {
      setError(inviteFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card people-add" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite by email</h2>
      <p className="hint">They get a link to choose their own password; no password to pass on.</p>
      <form className="person-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "invite-error" : undefined}>
        <div className="field">
          <label htmlFor="invite-email">Email</label>
          <input
            id="invite-email"
            ref={emailInput}
            type="email"
            value={fields.email}
            onChange={(e) => set({ email: e.target.value })}
            required
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "invite-email-error" : undefined}
          />
          <FieldError id="invite-email-error" text={problem} />
        </div>
        <RoleField id="invite-role" value={fields.role} onChange={(role) => set({ role })} />
        <div className="field">
          <label htmlFor="invite-name">Name (optional)</label>
          <input id="invite-name" value={fields.displayName} onChange={(e) => set({ displayName: e.target.value })} autoComplete="off" aria-describedby="invite-name-hint" />
          <span id="invite-name-hint" className="hint">
            They can change it when they accept.
          </span>
        </div>
        <div className="field">
          <label htmlFor="invite-capacity">Capacity (optional)</label>
          <input
            id="invite-capacity"
            type="number"
            inputMode="numeric"
            min={CAPACITY_MIN}
            max={CAPACITY_MAX}
            value={fields.capacity}
            onChange={(e) => set({ capacity: e.target.value })}
            aria-describedby="invite-capacity-hint"
          />
          <span id="invite-capacity-hint" className="hint">
            Chats at once, {CAPACITY_MIN}–{CAPACITY_MAX}; {DEFAULT_CAPACITY} if left empty.
          </span>
        </div>
        <div className="field field-submit">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Sending…" : "Send invitation"}
          </button>
        </div>
      </form>
      {error && (
        <p id="invite-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
