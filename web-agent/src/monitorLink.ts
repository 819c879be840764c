// The console links a live chat to the agent app as `/agent/?monitor=<id>`:
// the id goes to the client, which monitors the chat once logged in, and
// then leaves the address (so a reload or a bookmark does not do it again).
import type { TeamClient } from "./teamClient";

type Place = Pick<Window, "location" | "history">;

export function followMonitorLink(client: Pick<TeamClient, "monitorFromLink">, place: Place = window): void {
  const sessionId = new URLSearchParams(place.location.search).get("monitor");
  if (!sessionId) return;
  client.monitorFromLink(sessionId, () => {
    const url = new URL(place.location.href);
    url.searchParams.delete("monitor");
    place.history.replaceState(place.history.state, "", url.pathname + url.search + url.hash);
  });
}
