import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

/** A radio group takes one Tab stop: any of its radios counts as the group. */
function sameStop(a: Element | null, b: HTMLElement): boolean {
  if (a === b) return true;
  return a instanceof HTMLInputElement && b instanceof HTMLInputElement && a.type === "radio" && b.type === "radio" && a.name === b.name;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: labelled by its heading (and described by `describedBy`),
 * focus moved inside on open (to `[data-autofocus]` if any) and kept there
 * (Tab and Shift+Tab wrap), Escape closes, and the focus goes back to what
 * had it before. `role="alertdialog"` for confirmations.
 */
export function Modal({
  titleId,
  describedBy,
  role = "dialog",
  onClose,
  children,
  className = "",
}: {
  titleId: string;
  describedBy?: string;
  role?: "dialog" | "alertdialog";
  onClose: () => void;
  children: ReactNode;
  className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>("[data-autofocus]") ?? box.current?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box.current)?.focus();
    return () => before?.focus?.();
  }, []);

  function keyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape") {
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== "Tab" || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && sameStop(document.activeElement, first)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && sameStop(document.activeElement, last)) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`modal ${className}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={keyDown}
      >
        {children}
      </div>
    </div>
  );
}
