// The files waiting to go with the next message: a progress bar each (named
// by the file, with its percentage), and Cancel, Retry or Remove. A polite
// live region says when one is uploaded or fails.
import type { PendingUpload } from "../upload/queue";
import { formatBytes } from "../upload/limits";
import { useUiStrings } from "./strings";

export interface PendingUploadsProps {
  items: PendingUpload[];
  announcement?: string;
  onCancel: (id: string) => void;
  onRetry: (id: string) => void;
  onRemove: (id: string) => void;
}

export function PendingUploads({ items, announcement = "", onCancel, onRetry, onRemove }: PendingUploadsProps) {
  const words = useUiStrings();
  return (
    <div className="uploads">
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      {items.length > 0 && (
        <ul className="upload-list" aria-label={words.filesToSend}>
          {items.map((u) => {
            const pct = Math.round(u.progress * 100);
            return (
              <li key={u.id} className={`upload upload-${u.status}`}>
                <span className="upload-name">
                  {u.name} <span className="muted">({formatBytes(u.size)})</span>
                </span>
                {u.status === "uploading" && (
                  <>
                    <progress max={100} value={pct} aria-label={words.uploading(u.name)} aria-valuetext={`${pct}%`} />
                    <span className="upload-pct">{pct}%</span>
                    <button type="button" className="link-button" onClick={() => onCancel(u.id)}>
                      {words.cancel}<span className="visually-hidden"> {u.name}</span>
                    </button>
                  </>
                )}
                {u.status === "done" && <span className="upload-done">{words.ready}</span>}
                {u.error && (
                  <span className="upload-error" role="alert">
                    {u.error}
                  </span>
                )}
                {u.status === "failed" && (
                  <button type="button" className="link-button" onClick={() => onRetry(u.id)}>
                    {words.retry}<span className="visually-hidden"> {u.name}</span>
                  </button>
                )}
                {u.status !== "uploading" && (
                  <button type="button" className="link-button" onClick={() => onRemove(u.id)}>
                    {words.remove}<span className="visually-hidden"> {u.name}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
