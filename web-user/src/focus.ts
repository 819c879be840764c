// Where the keyboard goes: the chat marks its entry field (the name field,
// the message box, or the line saying the chat ended) with `data-entry`;
// the chat focuses it when it opens or changes step, and the widget's frame
// when the host page opens the panel.
import { useEffect, useRef } from "react";

export const ENTRY = { "data-entry": true } as const;

export function focusEntry(root: ParentNode | null | undefined): void {
  root?.querySelector<HTMLElement>("[data-entry]")?.focus();
}

/** A ref focused when `shown` turns true (a confirmation that replaces the form the focus was in). */
export function useFocusWhenShown<T extends HTMLElement>(shown: boolean) {
  const ref = useRef<T>(null);
  const before = useRef(shown);
  useEffect(() => {
    if (shown && !before.current) ref.current?.focus();
    before.current = shown;
  }, [shown]);
  return ref;
}
