import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorText, type User } from "@webchat/shared";
import type { InvitationPreview, InviteApi } from "../inviteApi";
import { confirmProblem, NAME_MAX, nameProblem, passwordProblem, sentence } from "../invitation";
import { Field } from "./Field";
import { InvitationFacts } from "./InvitationFacts";

type Input = "name" | "password" | "confirm";

/**
 * "Join the team": what the invitation is (InvitationFacts), a name and a
 * new password typed twice. What is wrong shows under a field once it has
 * been left or the form sent; the server's refusal shows above the button
 * and takes the focus, and nothing typed is lost.
 */
export function InviteForm({
  token,
  invitation,
  api,
  signedIn,
  onAccepted,
}: {
  token: string;
  invitation: InvitationPreview;
  api: InviteApi;
  /** Someone is signed in on this browser already. */
  signedIn: boolean;
  onAccepted: (token: string, user: User) => void;
}) {
  const [name, setName] = useState(invitation.displayName ?? "");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [show, setShow] = useState(false);
  const [left, setLeft] = useState<Record<Input, boolean>>({ name: false, password: false, confirm: false });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
  const refs = { name: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null), confirm: useRef<HTMLInputElement>(null) };

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  const problems: Record<Input, string | null> = {
    name: nameProblem(name),
    password: passwordProblem(password),
    confirm: confirmProblem(password, confirm),
  };
  const shown = (input: Input) => (tried || left[input] ? problems[input] : null);
  const leave = (input: Input, value: string) => value && setLeft((l) => ({ ...l, [input]: true }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    const wrong = (["name", "password", "confirm"] as const).find((input) => problems[input]);
    if (wrong) {
      refs[wrong].current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const signIn = await api.accept({ token, password, displayName: name.trim() });
      onAccepted(signIn.token, signIn.user);
    } catch (err) {
      setBusy(false);
      setError({ text: sentence(errorText(err, "Could not create your account.")) });
    }
  }

  return (
    <main className="login">
      <form className="login-card invite-card" aria-labelledby="invite-title" noValidate onSubmit={(e) => void submit(e)}>
        <h1 id="invite-title" ref={heading} tabIndex={-1}>
          Join the team
        </h1>
        <InvitationFacts invitation={invitation} signedIn={signedIn} />
        <Field
          id="invite-name"
          label="Your name"
          hint="The team and visitors see it."
          ref={refs.name}
          value={name}
          maxLength={NAME_MAX}
          autoComplete="name"
          required
          problem={shown("name")}
          onChange={(e) => setName(e.target.value)}
          onBlur={(e) => leave("name", e.target.value)}
        />
        <Field
          id="invite-password"
          label="New password"
          hint="8 to 256 characters."
          ref={refs.password}
          type={show ? "text" : "password"}
          value={password}
          autoComplete="new-password"
          required
          problem={shown("password")}
          onChange={(e) => setPassword(e.target.value)}
          onBlur={(e) => leave("password", e.target.value)}
        />
        <Field
          id="invite-confirm"
          label="Confirm the password"
          ref={refs.confirm}
          type={show ? "text" : "password"}
          value={confirm}
          autoComplete="new-password"
          required
          problem={shown("confirm")}
          onChange={(e) => setConfirm(e.target.value)}
          onBlur={(e) => leave("confirm", e.target.value)}
        />
        <label className="invite-show">
          <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> Show passwords
        </label>
        {error && (
          <p id="invite-error" className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
            {error.text}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} aria-describedby={error ? "invite-error" : undefined}>
          {busy ? "Creating your account…" : "Create my account"}
        </button>
      </form>
    </main>
  );
}
