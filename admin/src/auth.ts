// The operator's login: a supervisor's or admin's token in localStorage, who is logged in,
// and logging out (also when the server refuses the token).
import { loginErrorText, RestClient, Store, type User } from "@webchat/shared";

export interface AuthState {
  status: "loggedOut" | "loggingIn" | "loggedIn";
  user: User | null;
  error: string | null;
}

export interface AuthDeps {
  storage: Storage;
  /** A REST client for a token (tests pass a fake). */
  rest?: (token: () => string | null) => RestClient;
}

const TOKEN_KEY = "webchat.admin.token";

export class AuthClient extends Store<AuthState> {
  readonly api: RestClient;

  constructor(private deps: AuthDeps) {
    super({ status: "loggedOut", user: null, error: null });
    const token = () => this.token;
    this.api = deps.rest ? deps.rest(token) : new RestClient({ token });
  }

  get token(): string | null {
    return this.deps.storage.getItem(TOKEN_KEY);
  }

  /** Resumes a stored login and asks who it is. */
  init(): void {
    if (!this.token) return;
    this.set({ status: "loggedIn" });
    this.api
      .me()
      .then((user) => this.set({ user }))
      .catch(() => undefined);
  }

  async login(email: string, password: string): Promise<void> {
    this.deps.storage.removeItem(TOKEN_KEY);
    this.set({ status: "loggingIn", error: null });
    try {
      const { token, user } = await this.api.login(email, password);
      if (user?.role !== "admin" && user?.role !== "supervisor") {
        this.set({ status: "loggedOut", error: "The console is for supervisors and admins." });
        return;
      }
      this.deps.storage.setItem(TOKEN_KEY, token);
      this.set({ status: "loggedIn", user });
    } catch (e) {
      this.set({ status: "loggedOut", error: loginErrorText(e) });
    }
  }

  async logout(): Promise<void> {
    if (this.token) await this.api.logout().catch(() => undefined);
    this.signOut(null);
  }

  /** Forgets the token; `message` says why on the login form. */
  signOut(message: string | null): void {
    this.deps.storage.removeItem(TOKEN_KEY);
    this.set({ status: "loggedOut", user: null, error: message });
  }
}

