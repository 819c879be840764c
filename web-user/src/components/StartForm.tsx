import { useState, type FormEvent } from "react";

export function StartForm({
  initialName,
  signedInAs = null,
  starting,
  onStart,
}: {
  initialName: string;
  /** The host site's signed-in user: no name to ask for. */
  signedInAs?: string | null;
  starting: boolean;
  onStart: (name: string) => void;
}) {
  const [name, setName] = useState(initialName);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() || signedInAs) onStart(name);
  }
  if (signedInAs) {
    return (
      <form className="start-form" onSubmit={submit}>
        <p className="start-intro">Hi {signedInAs}! Our assistant answers right away, and a person can take over whenever you like.</p>
        <button type="submit" className="primary" disabled={starting}>
          {starting ? "Starting…" : "Start chat"}
        </button>
      </form>
    );
  }
  return (
    <form className="start-form" onSubmit={submit}>
      <p className="start-intro">Hi there! Our assistant answers right away, and a person can take over whenever you like.</p>
      <label htmlFor="start-name">Your name</label>
      <input
        id="start-name"
        value={name}
        maxLength={80}
        autoComplete="name"
        onChange={(e) => setName(e.target.value)}
        required
      />
      <button type="submit" className="primary" disabled={starting || !name.trim()}>
        {starting ? "Starting…" : "Start chat"}
      </button>
    </form>
  );
}
