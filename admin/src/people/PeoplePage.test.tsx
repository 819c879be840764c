import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Agent } from "@webchat/shared";
import { agent } from "@webchat/shared/testing/fixtures";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { App } from "../App";
import { harness } from "../test/harness";

const admin = { id: "a1", role: "admin", displayName: "Ada" };
type Reply = { status: number; body?: unknown };

/** A stand-in server holding the team; `refuse` answers a POST or PATCH instead of it. */
function server(team: Agent[]) {
  const agents = new Map(team.map((a) => [a.id, a]));
  const sent: { method: string; url: string; body: unknown }[] = [];
  let refuse: Reply | null = null;
  const answer = (url: string, init: RequestInit): Reply => {
    const method = init.method ?? "GET";
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    if (url === "/api/auth/login") return { status: 200, body: { token: "adm", user: admin } };
    if (method !== "GET") sent.push({ method, url, body });
    if (refuse && method !== "GET") return refuse;
    if (url === "/api/agents" && method === "GET") return { status: 200, body: { agents: [...agents.values()] } };
    if (url === "/api/invitations" && method === "GET") return { status: 200, body: { invitations: [] } };
    if (url === "/api/agents" && method === "POST") {
      const made = agent({ id: "a9", email: body.email, displayName: body.displayName, role: body.role, capacity: body.capacity, status: "offline" });
      agents.set(made.id, made);
      return { status: 201, body: { user: { id: made.id, role: made.role, displayName: made.displayName } } };
    }
    if (/^\/api\/agents\/[^/]+\/password$/.test(url) && method === "POST") return { status: 204 };
    const id = url.match(/^\/api\/agents\/(.+)$/)?.[1];
    if (id && method === "PATCH") {
      const next = { ...agents.get(id)!, ...body };
      if (body.active === false) next.activeChats = 0;
      agents.set(id, next);
      return { status: 200, body: { agent: next } };
    }
    return { status: 404 };
  };
  return { answer, sent, refuseWith: (r: Reply | null) => (refuse = r) };
}

async function openPeople(team: Agent[] = [agent({ activeChats: 2 }), agent({ id: "a3", displayName: "Cleo", email: "cleo@example.test", role: "supervisor", status: "away", capacity: 5, activeChats: 1 })]) {
  const srv = server(team);
  const h = harness(srv.answer);
  render(<App auth={h.auth} monitor={h.monitor} path="/admin/people" />);
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: "ada@x.io" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });
  fireEvent.click(screen.getByRole("button", { name: "Log in" }));
  await flush();
  h.socket().connect();
  await settle();
  return { ...h, srv };
}

const table = () => screen.getByRole("table", { name: "People" });
const rowOf = (name: string) => within(table()).getByRole("rowheader", { name }).closest("tr")!;
/** Lets the fake server's answers (a few promise hops each) reach the page. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};
const notice = () => screen.getByText((_, el) => el?.classList.contains("notice") ?? false);

describe("People page", () => {
  it("is in the console's nav after Monitor and lists the team with role, status in words, and load", async () => {
    const h = await openPeople();
    const links = within(screen.getByRole("navigation", { name: "Console" })).getAllByRole("link");
    expect(links.map((l) => l.textContent)).toEqual(["Monitor", "People", "Canned responses", "Search", "Reports", "Knowledge", "Widget", "Business hours", "Audit log", "API tokens", "Webhooks", "API docs"]);
    expect(screen.getByRole("link", { name: "API docs" }).getAttribute("href")).toBe("/api/docs");
    expect(screen.getByRole("link", { name: "People" }).getAttribute("aria-current")).toBe("page");
    const bob = rowOf("Bob");
    expect(within(bob).getByText("bob@example.test")).toBeTruthy();
    expect(within(bob).getByText("Agent")).toBeTruthy();
    expect(within(bob).getByText("Online")).toBeTruthy();
    expect(within(bob).getByText("2 / 3 chats")).toBeTruthy();
    expect(within(bob).getByText("Active")).toBeTruthy();
    const cleo = rowOf("Cleo");
    expect(within(cleo).getByText("Supervisor")).toBeTruthy();
    expect(within(cleo).getByText("Away")).toBeTruthy();
    expect(within(cleo).getByText("1 / 5 chats")).toBeTruthy();
    // Presence and load stay live from the /admin socket.
    h.socket().fire("admin:agent:update", agent({ status: "away", activeChats: 3 }));
    expect(await within(rowOf("Bob")).findByText("3 / 3 chats")).toBeTruthy();
    expect(within(rowOf("Bob")).getByText("Away")).toBeTruthy();
  });

  it("adds a person: sends the form's fields with a numeric capacity and shows them in the table", async () => {
    const { srv } = await openPeople();
    const form = screen.getByRole("region", { name: "Add person" });
    expect(within(form).getByText("At least 8 characters.")).toBeTruthy();
    expect((within(form).getByLabelText("Capacity") as HTMLInputElement).value).toBe("3");
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Dana" } });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "dana@example.test" } });
    fireEvent.change(within(form).getByLabelText("Password"), { target: { value: "correct horse" } });
    fireEvent.change(within(form).getByLabelText("Role"), { target: { value: "supervisor" } });
    fireEvent.change(within(form).getByLabelText("Capacity"), { target: { value: "4" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add person" }));
    await settle();
    expect(srv.sent).toEqual([
      { method: "POST", url: "/api/agents", body: { displayName: "Dana", email: "dana@example.test", password: "correct horse", role: "supervisor", capacity: 4 } },
    ]);
    const dana = rowOf("Dana");
    expect(within(dana).getByText("Supervisor")).toBeTruthy();
    expect(within(dana).getByText("Offline")).toBeTruthy();
    expect(within(dana).getByText("0 / 4 chats")).toBeTruthy();
    expect(notice().textContent).toBe("Dana was added as supervisor.");
    expect((within(form).getByLabelText("Name") as HTMLInputElement).value).toBe("");
  });

  it("shows the server's refusal next to the form and keeps what was typed", async () => {
    const { srv } = await openPeople();
    srv.refuseWith({ status: 409, body: { error: { code: "conflict", message: "an account with this email already exists" } } });
    const form = screen.getByRole("region", { name: "Add person" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "Bobby" } });
    fireEvent.change(within(form).getByLabelText("Email"), { target: { value: "bob@example.test" } });
    fireEvent.change(within(form).getByLabelText("Password"), { target: { value: "password1" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add person" }));
    expect((await within(form).findByRole("alert")).textContent).toBe("Could not add this person: an account with this email already exists");
    expect((within(form).getByLabelText("Name") as HTMLInputElement).value).toBe("Bobby");
    expect(within(table()).queryByRole("rowheader", { name: "Bobby" })).toBeNull();
  });

  it("changes capacity: PATCH with a number, the server's refusal for 0 shown, then a good value saved", async () => {
    const { srv } = await openPeople();
    fireEvent.click(within(rowOf("Bob")).getByRole("button", { name: "Edit Bob" }));
    const edit = screen.getByRole("form", { name: "Edit Bob" });
    expect(document.activeElement).toBe(within(edit).getByLabelText("Role"));
    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "capacity must be between 1 and 50" } } });
    fireEvent.change(within(edit).getByLabelText("Capacity"), { target: { value: "0" } });
    fireEvent.click(within(edit).getByRole("button", { name: "Save" }));
    expect((await within(edit).findByRole("alert")).textContent).toBe("Could not save: capacity must be between 1 and 50");
    expect(srv.sent[0]).toEqual({ method: "PATCH", url: "/api/agents/a2", body: { capacity: 0 } });
    expect(within(rowOf("Bob")).getByText("2 / 3 chats")).toBeTruthy();

    srv.refuseWith(null);
    fireEvent.change(within(edit).getByLabelText("Capacity"), { target: { value: "6" } });
    fireEvent.click(within(edit).getByRole("button", { name: "Save" }));
    await settle();
    expect(srv.sent[1]).toEqual({ method: "PATCH", url: "/api/agents/a2", body: { capacity: 6 } });
    expect(within(rowOf("Bob")).getByText("2 / 6 chats")).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Edit Bob" })).toBeNull();
    expect(notice().textContent).toBe("Bob is now agent with up to 6 chats.");
    expect(document.activeElement).toBe(within(rowOf("Bob")).getByRole("button", { name: "Edit Bob" }));
  });

  it("changes a role; Cancel and Escape leave the person as they were", async () => {
    const { srv } = await openPeople();
    fireEvent.click(within(rowOf("Bob")).getByRole("button", { name: "Edit Bob" }));
    fireEvent.change(within(screen.getByRole("form", { name: "Edit Bob" })).getByLabelText("Role"), { target: { value: "admin" } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(srv.sent).toEqual([]);
    fireEvent.click(within(rowOf("Bob")).getByRole("button", { name: "Edit Bob" }));
    fireEvent.keyDown(screen.getByLabelText("Role", { selector: "#edit-a2-role" }), { key: "Escape" });
    expect(screen.queryByRole("form", { name: "Edit Bob" })).toBeNull();
    fireEvent.click(within(rowOf("Bob")).getByRole("button", { name: "Edit Bob" }));
    const edit = screen.getByRole("form", { name: "Edit Bob" });
    fireEvent.change(within(edit).getByLabelText("Role"), { target: { value: "supervisor" } });
    fireEvent.click(within(edit).getByRole("button", { name: "Save" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "PATCH", url: "/api/agents/a2", body: { role: "supervisor" } }]);
    expect(within(rowOf("Bob")).getByText("Supervisor")).toBeTruthy();
  });

  it("deactivates after a confirmation that says what happens, then reactivates", async () => {
    const { srv } = await openPeople();
    const deactivate = within(rowOf("Bob")).getByRole("button", { name: "Deactivate Bob" });
    deactivate.focus(); // as a keyboard user would reach it
    fireEvent.click(deactivate);
    let dialog = screen.getByRole("alertdialog", { name: "Deactivate Bob?" });
    expect(dialog.textContent).toContain("Their chats go back to the queue and they are signed out.");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(deactivate);
    expect(srv.sent).toEqual([]);

    fireEvent.click(deactivate);
    dialog = screen.getByRole("alertdialog", { name: "Deactivate Bob?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Deactivate" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "PATCH", url: "/api/agents/a2", body: { active: false } }]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    const bob = rowOf("Bob");
    expect(within(bob).getByText("Deactivated")).toBeTruthy();
    expect(within(bob).getByText("0 / 3 chats")).toBeTruthy();
    expect(notice().textContent).toBe("Bob was deactivated.");
    expect(notice().getAttribute("aria-live")).toBe("polite");

    const reactivate = within(bob).getByRole("button", { name: "Reactivate Bob" });
    expect(document.activeElement).toBe(reactivate);
    fireEvent.click(reactivate);
    dialog = screen.getByRole("alertdialog", { name: "Reactivate Bob?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reactivate" }));
    await settle();
    expect(srv.sent[1]).toEqual({ method: "PATCH", url: "/api/agents/a2", body: { active: true } });
    expect(within(rowOf("Bob")).getByText("Active")).toBeTruthy();
    expect(notice().textContent).toBe("Bob was reactivated.");
  });

  it("keeps the dialog open with the server's refusal (an admin deactivating itself)", async () => {
    const { srv } = await openPeople([agent({ id: "a1", displayName: "Ada", role: "admin" })]);
    srv.refuseWith({ status: 409, body: { error: { code: "conflict", message: "you cannot deactivate or demote your own account; ask another admin" } } });
    fireEvent.click(within(rowOf("Ada")).getByRole("button", { name: "Deactivate Ada" }));
    const dialog = screen.getByRole("alertdialog", { name: "Deactivate Ada?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Deactivate" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe(
      "Could not deactivate Ada: you cannot deactivate or demote your own account; ask another admin",
    );
    expect(within(rowOf("Ada")).getByText("Active")).toBeTruthy();
  });

  it("resets a password: a generated one is shown, sent, and the person is said to be signed out everywhere", async () => {
    const { srv } = await openPeople();
    const reset = within(rowOf("Bob")).getByRole("button", { name: "Reset password for Bob" });
    reset.focus();
    fireEvent.click(reset);
    const dialog = screen.getByRole("dialog", { name: "Reset Bob’s password" });
    const field = within(dialog).getByLabelText("New password") as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect(field.type).toBe("password");
    expect(within(dialog).getByText("8–256 characters.")).toBeTruthy();

    fireEvent.click(within(dialog).getByRole("button", { name: "Generate a strong one" }));
    expect(field.value).toMatch(/^\S{16}$/);
    expect(field.type).toBe("text");
    const toggle = within(dialog).getByRole("button", { name: "Hide password" });
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(toggle);
    expect(field.type).toBe("password");
    expect(within(dialog).getByRole("button", { name: "Show password" }).getAttribute("aria-pressed")).toBe("false");

    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/agents/a2/password", body: { password: field.value } }]);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(notice().textContent).toBe("Password changed; Bob has been signed out everywhere.");
    expect(document.activeElement).toBe(reset);
  });

  it("says what is wrong with a short password, shows the server's refusal, and Escape closes", async () => {
    const { srv } = await openPeople();
    const reset = within(rowOf("Cleo")).getByRole("button", { name: "Reset password for Cleo" });
    reset.focus();
    fireEvent.click(reset);
    let dialog = screen.getByRole("dialog", { name: "Reset Cleo’s password" });
    const field = within(dialog).getByLabelText("New password");
    fireEvent.change(field, { target: { value: "short" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("The password must be at least 8 characters (it has 5).");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(srv.sent).toEqual([]);

    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "password must be at most 256 bytes" } } });
    fireEvent.change(field, { target: { value: "é".repeat(200) } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe("Could not change the password: password must be at most 256 bytes");
    expect(srv.sent).toHaveLength(1);
    expect(notice().textContent).toBe("");

    fireEvent.keyDown(field, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(reset);
    fireEvent.click(reset);
    dialog = screen.getByRole("dialog", { name: "Reset Cleo’s password" });
    expect((within(dialog).getByLabelText("New password") as HTMLInputElement).value).toBe("");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
