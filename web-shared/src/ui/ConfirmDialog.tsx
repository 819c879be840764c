import { useState, type ReactNode } from "react";
import { Modal } from "./Modal";

/**
 * "Delete /refund?": an alert dialog with Cancel (focused first) and the
 * action. While the action runs its button is disabled; if it fails, the
 * message `failed(error)` gives stays in the dialog and the action can be
 * tried again.
 */
export function ConfirmDialog({
  id,
  title,
  children,
  action,
  danger = true,
  onConfirm,
  failed,
  onClose,
}: {
  /** Prefix of the title's and the text's ids. */
  id: string;
  title: ReactNode;
  /** What will happen, read out with the title. */
  children: ReactNode;
  /** The action button's label. */
  action: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  failed: (error: unknown) => string;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(failed(e));
      setBusy(false);
    }
  }
  return (
    <Modal titleId={`${id}-title`} describedBy={`${id}-text`} role="alertdialog" onClose={onClose} className="card">
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-text`}>{children}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button type="button" className={danger ? "danger" : "primary"} onClick={() => void confirm()} disabled={busy}>
          {action}
        </button>
      </div>
    </Modal>
  );
}
