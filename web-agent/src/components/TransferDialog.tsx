import { useEffect, useId, useState, type FormEvent } from "react";
import { MAX_MESSAGE_CHARS, type Agent } from "@webchat/shared";
import { loadText, STATUS_LABEL, transferTargets } from "../team";
import { Modal } from "@webchat/shared/ui";

/**
 * Hands a chat to another agent: who is not offline (with status and load),
 * a private note for them, Transfer or Cancel. The server's refusal is shown
 * here; on success the dialog closes.
 */
export function TransferDialog({
  visitor,
  agents,
  exclude,
  loadError,
  onLoad,
  onTransfer,
  onClose,
}: {
  visitor: string;
  agents: Agent[];
  /** Me, and the chat's current agent. */
  exclude: (string | null | undefined)[];
  loadError: string | null;
  onLoad: () => void;
  onTransfer: (toAgentId: string, note: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const id = useId();
  const [target, setTarget] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets = transferTargets(agents, exclude);
  const chosen = targets.some((a) => a.id === target) ? target : null;

  useEffect(() => {
    onLoad();
  }, [onLoad]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    const refused = await onTransfer(chosen, note);
    setBusy(false);
    if (refused) setError(refused);
    else onClose();
  }

  return (
    <Modal titleId={`${id}-title`} onClose={onClose} className="transfer-dialog">
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={`${id}-title`}>Transfer the chat with {visitor}</h2>
        <fieldset className="transfer-targets">
          <legend>Transfer to</legend>
          {targets.length === 0 ? (
            <p className="muted">{loadError ?? "No other agent is online or away right now."}</p>
          ) : (
            <ul>
              {targets.map((a) => (
                <li key={a.id}>
                  <label className={`transfer-target status-${a.status}`}>
                    <input
                      type="radio"
                      name={`${id}-target`}
                      value={a.id}
                      checked={chosen === a.id}
                      onChange={() => setTarget(a.id)}
                    />
                    <span className="transfer-name">{a.displayName}</span>
                    <span className="transfer-meta">
                      {STATUS_LABEL[a.status]} · {loadText(a)}
                      {a.activeChats >= a.capacity && " · full"}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <label htmlFor={`${id}-note`}>Note for the next agent, not shown to the visitor</label>
        <textarea id={`${id}-note`} rows={3} value={note} maxLength={MAX_MESSAGE_CHARS} onChange={(e) => setNote(e.target.value)} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="submit" className="primary" disabled={!chosen || busy}>
            {busy ? "Transferring…" : "Transfer"}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
