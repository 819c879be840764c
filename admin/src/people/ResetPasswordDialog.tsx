import { useRef, useState, type FormEvent } from "react";
import { errorText, type Agent } from "@webchat/shared";
import { Modal } from "@webchat/shared/ui";
import { PASSWORD_MAX, PASSWORD_MIN } from "./labels";
import { generatePassword, GENERATED_LENGTH, passwordProblem } from "./password";

/**
 * "Reset Pat's password": a new password typed or generated (a generated
 * one is shown, to be copied and passed on), Show / Hide, Save and Cancel.
 * What is wrong with it, or the server's refusal, stays in the dialog;
 * Escape and Cancel close it and the focus goes back to the row's button.
 */
export function ResetPasswordDialog({
  agent,
  onReset,
  onClose,
}: {
  agent: Agent;
  onReset: (password: string) => Promise<void>;
  onClose: () => void;
}) {
  const [password, setPassword] = useState("");
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const name = agent.displayName;

  function generate() {
    setPassword(generatePassword());
    setShown(true);
    setError(null);
    input.current?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = passwordProblem(password);
    if (problem) {
      setError(problem);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onReset(password);
    } catch (err) {
      setError(`Could not change the password: ${errorText(err)}`);
      setBusy(false);
      input.current?.focus();
    }
  }

  return (
    <Modal titleId="reset-title" describedBy="reset-text" onClose={onClose} className="card">
      <h2 id="reset-title">Reset {name}’s password</h2>
      <p id="reset-text">
        {name} is signed out everywhere and logs in again with the new password. Pass it on to them yourself.
      </p>
      <form className="reset-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="reset-password">New password</label>
          <div className="password-input">
            <input
              id="reset-password"
              ref={input}
              type={shown ? "text" : "password"}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="new-password"
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "reset-hint reset-error" : "reset-hint"}
              data-autofocus
            />
            <button type="button" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
              {shown ? "Hide" : "Show"}
              <span className="visually-hidden"> password</span>
            </button>
          </div>
          <span id="reset-hint" className="hint">
            {PASSWORD_MIN}–{PASSWORD_MAX} characters.
          </span>
        </div>
        <p>
          <button type="button" onClick={generate}>
            Generate a strong one
          </button>{" "}
          <span className="hint">{GENERATED_LENGTH} random characters, shown so you can copy them.</span>
        </p>
        {error && (
          <p id="reset-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
