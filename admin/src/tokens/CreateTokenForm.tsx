import { useRef, useState, type FormEvent } from "react";
import { errorText, type StaffRole } from "@webchat/shared";
import { FieldError } from "../console/FieldError";
import { ROLES, ROLE_TEXT } from "../people/labels";

/** A name for the script that uses the token, and the role it acts with; the server's refusal is shown beside it. */
export function CreateTokenForm({ onCreate }: { onCreate: (name: string, role: StaffRole) => Promise<void> }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<StaffRole>("agent");
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const problem = tried && !name.trim() ? "Enter a name, so you know later which script uses the token." : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (!name.trim()) return nameInput.current?.focus();
    setBusy(true);
    setError(null);
    try {
      await onCreate(name.trim(), role);
      setName("");
      setTried(false);
    } catch (err) {
      setError(`Could not create the token: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      <form className="person-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "create-token-error" : undefined}>
        <div className="field field-grow">
          <label htmlFor="token-name">Name</label>
          <input
            id="token-name"
            ref={nameInput}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            placeholder="Nightly export"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "token-name-error" : undefined}
          />
          <FieldError id="token-name-error" text={problem} />
        </div>
        <div className="field">
          <label htmlFor="token-role">Role</label>
          <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_TEXT[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-submit">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
      {error && (
        <p id="create-token-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
