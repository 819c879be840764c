import { useState, type FormEvent } from "react";
import { MAX_MESSAGE_CHARS } from "@webchat/shared";
import type { Note } from "@webchat/shared";

function time(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The chat's private notes: the team sees them, the visitor never does. */
export function NotesPanel({
  sessionId,
  notes,
  error,
  canWrite,
  onAdd,
}: {
  sessionId: string;
  notes: Note[];
  error: string | null;
  canWrite: boolean;
  onAdd: (text: string) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.trim() || busy) return;
    setBusy(true);
    if (await onAdd(draft)) setDraft("");
    setBusy(false);
  }

  return (
    <details className="notes" open={notes.length > 0}>
      <summary>
        Private notes <span className="count">{notes.length}</span>
        <span className="muted notes-hint"> · only the team sees these</span>
      </summary>
      {notes.length > 0 && (
        <ol className="note-list" aria-label="Private notes">
          {notes.map((n) => (
            <li key={n.id} className="note">
              <span className="note-meta">
                {n.authorName} · {time(n.createdAt)}
              </span>
              <span className="note-text">{n.text}</span>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {canWrite && (
        <form className="note-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={`note-${sessionId}`}>Add a private note</label>
          <textarea
            id={`note-${sessionId}`}
            rows={2}
            value={draft}
            maxLength={MAX_MESSAGE_CHARS}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" disabled={!draft.trim() || busy}>
            Add note
          </button>
        </form>
      )}
    </details>
  );
}
