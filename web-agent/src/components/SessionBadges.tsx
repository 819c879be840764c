// What an agent must know at a glance about a conversation: that it came in
// offline (outside business hours or with no one online: the visitor left an
// email, and replies reach them there while they are away), and how the
// visitor rated it after it closed.
import type { SessionDetails } from "@webchat/shared";

export type Csat = NonNullable<SessionDetails["csat"]>;

/** "Offline · replies go by email" and where to, once the contact is known (`email` undefined: not known yet). */
export function OfflineBadge({ email }: { email?: string | null }) {
  return (
    <span className="offline-note">
      <span className="badge badge-offline">Offline · replies go by email</span>
      {email && <span className="offline-email"> to {email}</span>}
      {email === null && <span className="offline-email muted"> (no email left yet)</span>}
    </span>
  );
}

/** "★ 4/5 — “Quick and kind”"; the star is decoration, so put words before it ("rated", "The visitor’s rating:"). */
export function CsatRating({ csat }: { csat: Csat }) {
  return (
    <span className="csat">
      <span className="csat-star" aria-hidden="true">
        ★{" "}
      </span>
      {csat.rating}/5{csat.comment ? ` — “${csat.comment}”` : ""}
    </span>
  );
}
