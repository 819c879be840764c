// The widget frame's side of widget.js, by postMessage: the host page posts
// page changes (`webchat:page`) and asks for the keyboard when it opens the
// panel (`webchat:focus`); the frame asks the host to close the panel on
// Escape (`webchat:close`; the host then gives the focus back to the bubble).
// Only messages from the host window itself are heard.
import type { VisitorPage } from "@webchat/shared";
import { hostPageMessage } from "./visitorContext";

export interface HostHandlers {
  pageChanged: (page: VisitorPage) => void;
  focus: () => void;
}

export function connectHost(frame: Window, host: Window, handlers: HostHandlers): void {
  if (host === frame) return; // not framed: no host to talk to
  frame.addEventListener("message", (e) => {
    if (e.source !== host) return;
    const page = hostPageMessage(e.data);
    if (page) handlers.pageChanged(page);
    else if ((e.data as { type?: unknown } | null)?.type === "webchat:focus") handlers.focus();
  });
  frame.addEventListener("keydown", (e) => {
    // an Escape a dialog in the chat took (a picture shown full size) goes no further
    if (e.key === "Escape" && !e.defaultPrevented) host.postMessage({ type: "webchat:close" }, "*");
  });
}
