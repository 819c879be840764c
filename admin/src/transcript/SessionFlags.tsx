// What a conversation's header says beyond its status: that it came in
// offline (the visitor left an email; replies go there while they are away)
// and the visitor's rating after the chat.
import type { SessionDetails } from "@webchat/shared";
import type { AnySession } from "./format";

type Csat = NonNullable<SessionDetails["csat"]>;

/** "Rating: ★ 4/5 — “Quick and kind”" (the star is decoration; the words say it). */
export function Rating({ csat }: { csat: Csat }) {
  return (
    <span className="csat">
      Rating: <span className="csat-star" aria-hidden="true">★ </span>
      {csat.rating}/5{csat.comment ? ` — “${csat.comment}”` : ""}
    </span>
  );
}

/** The offline badge and the rating, or nothing when the session has neither. */
export function SessionFlags({ session }: { session: AnySession }) {
  const { csat, offline } = session;
  if (!csat && !offline) return null;
  return (
    <p className="flags">
      {offline && (
        <span className="badge badge-offline">{session.status === "closed" ? "Came in offline · replies went by email" : "Offline · replies go by email"}</span>
      )}
      {csat && <Rating csat={csat} />}
    </p>
  );
}
