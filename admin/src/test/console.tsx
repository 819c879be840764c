// Opens the console at a path, logged in (as an admin unless told), with the
// /admin socket live; `answer` stands in for the server (login is answered
// here).
import { fireEvent, render, screen } from "@testing-library/react";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { App } from "../App";
import { harness } from "./harness";

export type Reply = { status: number; body?: unknown };
export type Answer = (url: string, init: RequestInit) => Reply | undefined;

export const admin = { id: "a1", role: "admin", displayName: "Ada" };

/** Lets the fake server's answers (a few promise hops each) reach the page. */
export const settle = async () => {
  for (let i = 0; i < 6; i++) await flush();
};

export async function openConsole(path: string, answer: Answer, user = admin) {
  const h = harness((url, init) => {
    if (url === "/api/auth/login") return { status: 200, body: { token: "adm", user } };
    return answer(url, init) ?? { status: 404, body: { error: { code: "not_found", message: "not found" } } };
  });
  render(<App auth={h.auth} monitor={h.monitor} path={path} />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@x.io" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
  fireEvent.click(screen.getByRole("button", { name: "Log in" }));
  await flush();
  h.socket().connect();
  await settle();
  return h;
}

/** The JSON body of a recorded call. */
export const bodyOf = (init: RequestInit) => (init.body ? JSON.parse(String(init.body)) : undefined);
