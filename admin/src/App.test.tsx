import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { App } from "./App";
import { harness } from "./test/harness";
import { msg, session, stats, summary } from "./test/fixtures";

const admin = { id: "a1", role: "admin", displayName: "Ada" };

async function logIn(role = "admin") {
  const h = harness((url) => {
    if (url === "/api/auth/login") return { status: 200, body: { token: "adm", user: { ...admin, role } } };
    if (url.startsWith("/api/sessions/")) return { status: 200, body: { session: session(), messages: [msg(1, { text: "Great, thank you!" })] } };
    return { status: 404 };
  });
  render(<App auth={h.auth} monitor={h.monitor} path="/admin/" />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@x.io" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
  fireEvent.click(screen.getByRole("button", { name: "Log in" }));
  await flush();
  return h;
}

describe("admin console", () => {
  it("refuses an account that is not a supervisor's or an admin's", async () => {
    const h = await logIn("agent");
    expect((await screen.findByRole("alert")).textContent).toBe("The console is for supervisors and admins.");
    expect(h.sockets).toHaveLength(0);
  });

  it("logs in, goes live, and shows counters, sessions, a transcript and its summary", async () => {
    const h = await logIn();
    const s = h.socket();
    s.connect();
    expect(await screen.findByText("Live", { exact: true })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Monitor" }).getAttribute("aria-current")).toBe("page");
    s.fire("admin:bootstrap", { sessions: [session({ status: "queued_for_agent" })], stats });
    expect(await screen.findByRole("heading", { name: "Sessions" })).toBeTruthy();
    const counters = screen.getByRole("region", { name: "Counters" });
    expect(within(counters).getByText("Queued now").nextSibling?.textContent).toBe("1");
    expect(within(counters).getByText("1 min 15 s")).toBeTruthy();
    const row = screen.getAllByRole("row").find((r) => r.textContent?.includes("Vera"))!;
    expect(within(row).getByText("Queued")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: "Vera" }));
    const transcript = await screen.findByRole("list", { name: "Transcript" });
    expect(await within(transcript).findByText("Great, thank you!")).toBeTruthy();
    s.fire("admin:session:update", session({ status: "closed" }));
    s.fire("admin:summary:ready", summary());
    expect(await screen.findByRole("heading", { name: "Summary" })).toBeTruthy();
    expect(within(row).getByText("Closed")).toBeTruthy();
    expect(screen.getAllByText("Asked about opening hours.")).toHaveLength(2);
  });

  it("logs out: the socket closes and the login form is back", async () => {
    const h = await logIn();
    h.socket().connect();
    fireEvent.click(await screen.findByRole("button", { name: "Log out" }));
    await flush();
    expect(screen.getByRole("button", { name: "Log in" })).toBeTruthy();
    expect(h.socket().connected).toBe(false);
    expect(h.storage.getItem("webchat.admin.token")).toBeNull();
  });

  it("reopens an admin's page from a stored login without losing its address while it asks who is logged in", async () => {
    const h = harness((url) => (url === "/api/me" ? { status: 200, body: { user: admin } } : { status: 404 }));
    h.storage.setItem("webchat.admin.token", "adm");
    window.history.replaceState(null, "", "/admin/people");
    h.auth.init();
    // the role is not known yet: the monitor stands in, and must not write its filters over the address
    render(<App auth={h.auth} monitor={h.monitor} path="/admin/people" />);
    expect(screen.getByRole("link", { name: "Monitor" }).getAttribute("aria-current")).toBe("page");
    await flush();
    await flush();
    expect(screen.getByRole("link", { name: "People" }).getAttribute("aria-current")).toBe("page");
    expect(window.location.pathname).toBe("/admin/people");
    window.history.replaceState(null, "", "/");
  });
});
