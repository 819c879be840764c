import { useState } from "react";

/** Canned answers: click to put one in the composer; "Edit quick replies" changes the list. */
export function QuickReplies({
  replies,
  onPick,
  onSave,
}: {
  replies: string[];
  onPick: (text: string) => void;
  onSave: (replies: string[]) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<string[]>(replies);

  if (editing) {
    return (
      <fieldset className="quick-edit">
        <legend>Quick replies</legend>
        {draft.map((r, i) => (
          <div className="quick-edit-row" key={i}>
            <label htmlFor={`quick-${i}`}>Quick reply {i + 1}</label>
            <input
              id={`quick-${i}`}
              value={r}
              maxLength={1000}
              onChange={(e) => setDraft(draft.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <button type="button" onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
              Remove
            </button>
          </div>
        ))}
        <div className="quick-edit-actions">
          <button type="button" onClick={() => setDraft([...draft, ""])}>
            Add quick reply
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              onSave(draft.map((r) => r.trim()).filter(Boolean));
              setEditing(false);
            }}
          >
            Save quick replies
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </div>
      </fieldset>
    );
  }
  return (
    <div className="quick" aria-label="Quick replies" role="group">
      {replies.map((r, i) => (
        <button type="button" key={i} className="quick-reply" onClick={() => onPick(r)}>
          {r}
        </button>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setDraft(replies);
          setEditing(true);
        }}
      >
        Edit quick replies
      </button>
    </div>
  );
}
