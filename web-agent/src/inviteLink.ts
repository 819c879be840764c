// The address an invitation mail links to: `/agent/invite#token=<token>`
// (in the fragment, so the token never reaches a server's log). Reads the
// token, and once the account exists leaves for the app's own address
// without a new history entry, so the token is out of the URL.
import { useCallback, useEffect, useState } from "react";

type Place = Pick<Window, "location" | "history" | "addEventListener" | "removeEventListener">;

/** An invitation the address opens; `token` is null on the invite page without one. */
export interface InviteLink {
  token: string | null;
}

/** The invitation the address holds, or null when it is no invite address. */
export function inviteLink(location: Pick<Location, "pathname" | "hash">): InviteLink | null {
  const token = tokenIn(location.hash);
  if (token) return { token };
  return /\/invite\/?$/.test(location.pathname) ? { token: null } : null;
}

function tokenIn(hash: string): string | null {
  const found = /(?:^#?|&)token=([^&]*)/.exec(hash)?.[1];
  if (!found) return null;
  try {
    return decodeURIComponent(found);
  } catch {
    return found;
  }
}

/** The app's own path beside the invite page: "/agent/invite" is under "/agent/". */
export function appPath(pathname: string): string {
  return pathname.replace(/invite\/?$/, "");
}

/** "/agent/invite?x=1#token=…" becomes "/agent/?x=1". */
export function leaveInviteAddress(place: Pick<Window, "location" | "history">): void {
  place.history.replaceState(null, "", appPath(place.location.pathname) + place.location.search);
}

/** The address's invitation, read again when the fragment changes; `done` leaves the address. */
export function useInviteLink(place: Place = window): [InviteLink | null, () => void] {
  const [link, setLink] = useState(() => inviteLink(place.location));
  useEffect(() => {
    const reread = () => setLink(inviteLink(place.location));
    place.addEventListener("hashchange", reread);
    return () => place.removeEventListener("hashchange", reread);
  }, [place]);
  const done = useCallback(() => {
    leaveInviteAddress(place);
    setLink(null);
  }, [place]);
  return [link, done];
}
