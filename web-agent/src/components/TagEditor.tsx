// The chat's tags: chips with a remove button each, and a box that adds one
// on Enter or comma. Tags are lower case, 1–32 letters, digits, spaces, "-"
// or "_", at most 20; they are saved at once (PUT tags) and follow
// `session:update`.
import { useId, useState, type KeyboardEvent } from "react";

export const MAX_TAGS = 20;
const TAG = /^[\p{L}\p{N} _-]{1,32}$/u;

/** The tag as stored, or why it cannot be one. */
export function checkTag(raw: string, existing: string[]): { tag: string } | { error: string } {
  const tag = raw.trim().replace(/\s+/g, " ").toLowerCase();
  if (!tag) return { error: "Type a tag first." };
  if (tag.length > 32) return { error: "A tag has at most 32 characters." };
  if (!TAG.test(tag)) return { error: "Use letters, digits, spaces, - or _ only." };
  if (existing.includes(tag)) return { error: `The chat is already tagged “${tag}”.` };
  if (existing.length >= MAX_TAGS) return { error: `A chat has at most ${MAX_TAGS} tags. Remove one first.` };
  return { tag };
}

export function TagEditor({ tags, onSave }: { tags: string[]; onSave: (tags: string[]) => Promise<string | null> }) {
  const inputId = useId();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");

  async function save(next: string[], done: string) {
    setBusy(true);
    const failed = await onSave(next);
    setBusy(false);
    setError(failed);
    if (!failed) setSaid(done);
    return !failed;
  }

  async function add() {
    const checked = checkTag(draft, tags);
    if ("error" in checked) {
      setError(checked.error);
      return;
    }
    if (await save([...tags, checked.tag], `Tag “${checked.tag}” added.`)) setDraft("");
  }

  function keyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      if (!busy) void add();
    }
  }

  return (
    <div className="tags" role="group" aria-labelledby={`${inputId}-label`}>
      <span id={`${inputId}-label`} className="visually-hidden">
        Tags
      </span>
      <ul className="tag-list" aria-label="Tags">
        {tags.map((t) => (
          <li key={t} className="tag-chip">
            {t}
            <button type="button" className="tag-remove" disabled={busy} onClick={() => void save(tags.filter((x) => x !== t), `Tag “${t}” removed.`)}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Remove tag {t}</span>
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor={inputId} className="visually-hidden">
        Add a tag
      </label>
      <input
        id={inputId}
        className="tag-input"
        value={draft}
        placeholder="Add a tag…"
        maxLength={40}
        aria-invalid={!!error}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(e) => {
          setDraft(e.target.value.replace(",", ""));
          setError(null);
        }}
        onKeyDown={keyDown}
      />
      {error && (
        <p id={`${inputId}-error`} className="form-error" role="alert">
          {error}
        </p>
      )}
      <span className="visually-hidden" aria-live="polite">
        {said}
      </span>
    </div>
  );
}
