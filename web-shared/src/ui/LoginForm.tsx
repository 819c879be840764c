import { useState, type FormEvent } from "react";

/** Email and password, labelled; the staff apps' login. */
export function LoginForm({
  title,
  intro,
  busy,
  error,
  onLogin,
}: {
  title: string;
  intro: string;
  busy: boolean;
  error: string | null;
  onLogin: (email: string, password: string) => void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  function submit(e: FormEvent) {
    e.preventDefault();
    onLogin(email.trim(), password);
  }
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit}>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
        <label htmlFor="login-email">Email</label>
        <input id="login-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Log in
        </button>
      </form>
    </main>
  );
}
