// Swagger UI lays its view out as if it owned the page: the operations in a
// <main> and the document's title in an <h1>. This page already has its
// <main> (one per page) and its <h1> ("Webchat API"), so a small plugin has
// the React that Swagger UI bundles make those a <div> and an <h2>. Its
// styles go by class, so it looks the same; #operations (the skip link's
// target) is kept.

type Create = (type: unknown, props?: Record<string, unknown> | null, ...children: unknown[]) => unknown;

/** The part of Swagger UI's own React (given to its plugins) that is used here. */
export interface BundledReact {
  createElement: Create;
}

const PATCHED = Symbol.for("webchat.docs.landmarks");

/** What an element Swagger UI asks for is made as on this page. */
export function pageType(type: unknown, props?: Record<string, unknown> | null): unknown {
  if (type === "main") return "div";
  if (type === "h1" && String(props?.className ?? "").split(/\s+/).includes("title")) return "h2";
  return type;
}

/** A Swagger UI plugin (once per React, however often it is registered). */
export function pageLandmarks({ React }: { React: BundledReact }): Record<string, never> {
  const marked = React as BundledReact & { [PATCHED]?: true };
  if (marked[PATCHED]) return {};
  const create = React.createElement;
  React.createElement = (type, props, ...children) => create(pageType(type, props), props, ...children);
  marked[PATCHED] = true;
  return {};
}
