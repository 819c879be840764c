// The canned-response completion: a listbox under the composer, driven from
// the textarea (the combobox) with the arrow keys; a click picks too.
import type { CannedResponse } from "@webchat/shared";

export const optionId = (listId: string, r: CannedResponse) => `${listId}-${r.id}`;

export function CannedMenu({
  id,
  items,
  active,
  query,
  error,
  onPick,
  onHover,
}: {
  id: string;
  items: CannedResponse[];
  active: number;
  query: string;
  error: string | null;
  onPick: (r: CannedResponse) => void;
  onHover: (index: number) => void;
}) {
  return (
    <div className="canned-menu">
      <ul id={id} role="listbox" aria-label="Canned responses">
        {items.map((r, i) => (
          <li
            key={r.id}
            id={optionId(id, r)}
            role="option"
            aria-selected={i === active}
            className={i === active ? "canned-option active" : "canned-option"}
            // keep the focus in the textarea
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(r)}
          >
            <span className="canned-shortcut">/{r.shortcut.replace(/^\//, "")}</span> <span className="canned-title">{r.title}</span>
            <span className="canned-preview muted">{r.text}</span>
          </li>
        ))}
      </ul>
      {!items.length && (
        <p className="muted canned-empty" role="status">
          {error ?? (query ? `No canned response matches “/${query}”.` : "Your team has no canned responses yet.")}
        </p>
      )}
    </div>
  );
}
