import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { LoginForm } from "./LoginForm";

describe("LoginForm", () => {
  it("logs in with the labelled email and password", () => {
    const onLogin = vi.fn();
    render(<LoginForm busy={false} error="Wrong email or password." onLogin={onLogin} />);
    expect(screen.getByRole("alert").textContent).toBe("Wrong email or password.");
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@x.io " } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(onLogin).toHaveBeenCalledWith("a@x.io", "secret");
  });
});
