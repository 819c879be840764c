import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { HttpError } from "@webchat/shared";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import type { AgentClientDeps } from "../agentClient";
import { TeamClient } from "../teamClient";
import { App } from "../App";

function client(login: NonNullable<AgentClientDeps["login"]>) {
  return new TeamClient({ storage: memoryStorage(), open: () => new FakeSocket().asSocket(), login });
}

describe("Login", () => {
  it("logs in with the labelled email and password, and says when they are wrong", async () => {
    const login = vi.fn(() => Promise.reject(new HttpError(401, { code: "unauthorized", message: "bad credentials" })));
    render(<App client={client(login)} />);
    expect(screen.getByRole("heading", { name: "Webchat Agent" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.io " } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(login).toHaveBeenCalledWith("a@x.io", "secret");
    await flush();
    expect((await screen.findByRole("alert")).textContent).toBe("Wrong email or password.");
  });
});
