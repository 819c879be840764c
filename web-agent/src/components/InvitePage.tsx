import { useEffect, useRef, useState } from "react";
import { errorText, HttpError, type User } from "@webchat/shared";
import type { InvitationPreview, InviteApi } from "../inviteApi";
import { sentence } from "../invitation";
import { appPath } from "../inviteLink";
import { InviteForm } from "./InviteForm";

type Phase =
  | { kind: "loading" }
  | { kind: "ready"; token: string; invitation: InvitationPreview }
  /** The link cannot be used: the server's reason (404), or the address has no token. */
  | { kind: "invalid"; message: string }
  /** The lookup failed otherwise (network, rate limit): it may be tried again. */
  | { kind: "failed"; message: string };

const NO_TOKEN = "This address holds no invitation: open the link from your invitation email again.";

/** The page an invitation link opens: looks the invitation up, then offers the form. */
export function InvitePage({
  token,
  api,
  signedIn,
  onAccepted,
}: {
  token: string | null;
  api: InviteApi;
  signedIn: boolean;
  onAccepted: (token: string, user: User) => void;
}) {
  const [phase, setPhase] = useState<Phase>(token ? { kind: "loading" } : { kind: "invalid", message: NO_TOKEN });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let live = true;
    api.lookup(token).then(
      (invitation) => live && setPhase({ kind: "ready", token, invitation }),
      (e: unknown) => {
        if (!live) return;
        const message = sentence(errorText(e, "Could not check your invitation."));
        setPhase(e instanceof HttpError && e.status === 404 ? { kind: "invalid", message } : { kind: "failed", message });
      },
    );
    return () => {
      live = false;
    };
  }, [api, token, attempt]);

  if (phase.kind === "ready") {
    return <InviteForm token={phase.token} invitation={phase.invitation} api={api} signedIn={signedIn} onAccepted={onAccepted} />;
  }
  if (phase.kind === "invalid") return <InvalidInvite message={phase.message} />;
  return (
    <main className="login">
      <div className="login-card invite-card">
        <h1>Join the team</h1>
        {phase.kind === "loading" ? (
          <p role="status" aria-live="polite">
            Checking your invitation…
          </p>
        ) : (
          <>
            <p className="form-error" role="alert">
              Could not check your invitation: {phase.message}
            </p>
            <button
              type="button"
              onClick={() => {
                setPhase({ kind: "loading" });
                setAttempt((n) => n + 1);
              }}
            >
              Try again
            </button>
          </>
        )}
      </div>
    </main>
  );
}

/** The server's reason, plainly, and the way to the sign-in page. */
function InvalidInvite({ message }: { message: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main className="login">
      <div className="login-card invite-card">
        <h1 ref={heading} tabIndex={-1}>
          This invitation cannot be used
        </h1>
        <p>{message}</p>
        <p>
          <a href={appPath(window.location.pathname)}>Go to the sign-in page</a>
        </p>
      </div>
    </main>
  );
}
