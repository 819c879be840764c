// Swagger UI lays its view out as if it owned the page: the operations in a
// <main> and the document's title in an <h1>. This page already has its
// <main> (one per page) and its <h1> ("Webchat API"), so a small plugin has
// the React that Swagger UI bundles make those a <div> and an <h2> (and its
// deep links inside buttons plain text, see pageType). Its
// styles go by class, so it looks the same; #operations (the skip link's
// target) is kept.

type Create = (type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;

/** The part of Swagger UI's own React (given to its plugins) that is used here. */
export interface BundledReact {
  createElement: Create;
}

const PATCHED = Symbol.for("webchat.docs.landmarks");

const classes = (props?: Record<string, unknown> | null) => String(props?.className ?? "").split(/\s+/);

/** What an element Swagger UI asks for is made as on this page. Its deep
 * link (`a.nostyle`) sits inside the operation's expand button, a link in a
 * button that screen readers cannot reach (axe: nested-interactive): it is
 * made plain text; the address still follows the open operation. */
export function pageType(type: unknown, props?: Record<string, unknown> | null): unknown {
  if (type === "main") return "div";
  if (type === "h1" && classes(props).includes("title")) return "h2";
  if (type === "a" && classes(props).includes("nostyle")) return "span";
  return type;
}

/** The props an element Swagger UI asks for gets on this page: the
 * Authorize dialog is a dialog to screen readers, its close button (an
 * icon) is named, and its submit button's name says what it shows
 * ("Authorize", not "Apply credentials"). */
export function pageProps(type: unknown, props?: Record<string, unknown> | null): Record<string, unknown> | null | undefined {
  if (!props) return props;
  const cls = classes(props);
  if (type === "div" && cls.includes("modal-ux")) return { ...props, role: "dialog", "aria-modal": "true", "aria-label": "Available authorizations" };
  if (type !== "button") return props;
  if (cls.includes("close-modal") && !props["aria-label"]) return { ...props, "aria-label": "Close" };
  if (cls.includes("modal-btn") && cls.includes("authorize") && props["aria-label"]) {
    const { "aria-label": _dropped, ...rest } = props;
    return rest;
  }
  return props;
}

/** A Swagger UI plugin (once per React, however often it is registered). */
export function pageLandmarks({ React }: { React: BundledReact }): Record<string, never> {
  const marked = React as BundledReact & { [PATCHED]?: true };
  if (marked[PATCHED]) return {};
  const create = React.createElement;
  React.createElement = (type, props, ...children) => create(pageType(type, props), pageProps(type, props), ...children);
  marked[PATCHED] = true;
  return {};
}
