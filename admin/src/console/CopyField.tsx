import { useEffect, useRef, useState } from "react";

/**
 * A value to pass on (a token's secret, an invitation's link): a read-only
 * field with its label, selected on focus, and a Copy button; whether it was
 * copied is said politely below. When the clipboard refuses, the value is
 * selected to copy by hand. `focus` moves the focus to it when it appears.
 */
export function CopyField({
  id,
  label,
  value,
  what,
  describedBy,
  focus = false,
  className,
}: {
  id: string;
  label: string;
  value: string;
  /** "the token", "the link": read with Copy and in the failure. */
  what: string;
  describedBy?: string;
  focus?: boolean;
  className?: string;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState("");
  useEffect(() => {
    if (!focus) return;
    field.current?.focus();
    field.current?.select();
  }, [focus]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setSaid("Copied to the clipboard.");
    } catch {
      field.current?.focus();
      field.current?.select();
      setSaid(`Could not copy: ${what} is selected, press Ctrl+C (⌘C on a Mac).`);
    }
  }

  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="embed">
          <input
            id={id}
            ref={field}
            className={`token-value${className ? ` ${className}` : ""}`}
            readOnly
            value={value}
            aria-describedby={describedBy}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" onClick={() => void copy()}>
            Copy<span className="visually-hidden"> {what}</span>
          </button>
        </div>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {said}
      </p>
    </>
  );
}
