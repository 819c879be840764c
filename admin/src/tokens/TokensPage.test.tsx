import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ApiToken } from "@webchat/shared";
import { bodyOf, openConsole, settle, type Reply } from "../test/console";

const nightly: ApiToken = { id: "t1", name: "Nightly export", role: "supervisor", createdAt: "2026-05-01T10:00:00Z" };
const SECRET = "wct_5f2b9c0d7e1a4b3c";

/** A stand-in server holding the tokens; `refuse` answers the next POST or DELETE instead of it. */
function server(initial: ApiToken[] = [nightly]) {
  let tokens = initial;
  const sent: { method: string; url: string; body: unknown }[] = [];
  let refuse: Reply | null = null;
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    const method = init.method ?? "GET";
    if (!url.startsWith("/api/tokens")) return undefined;
    if (method === "GET") return { status: 200, body: { apiTokens: tokens } };
    sent.push({ method, url, body: bodyOf(init) });
    if (refuse) return refuse;
    if (method === "POST") {
      const apiToken = { id: "t2", name: bodyOf(init).name, role: bodyOf(init).role, createdAt: "2026-05-09T12:00:00Z" };
      tokens = [apiToken, ...tokens];
      return { status: 201, body: { token: SECRET, apiToken } };
    }
    tokens = tokens.filter((t) => `/api/tokens/${t.id}` !== url);
    return { status: 204 };
  };
  return { answer, sent, refuseWith: (r: Reply | null) => (refuse = r) };
}

async function openTokens(initial?: ApiToken[]) {
  const srv = server(initial);
  await openConsole("/admin/tokens", srv.answer);
  return srv;
}

const table = () => screen.getByRole("table", { name: "API tokens" });
const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });

describe("API tokens page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists the tokens without secrets, and says how to use one", async () => {
    await openTokens();
    const row = within(table()).getByRole("rowheader", { name: "Nightly export" }).closest("tr")!;
    expect([...row.children].slice(1, 3).map((c) => c.textContent)).toEqual(["Supervisor", when(nightly.createdAt)]);
    expect(screen.getByText("Authorization: Bearer <token>")).toBeTruthy();
    const docs = within(screen.getByRole("region", { name: "API tokens" })).getByRole("link", { name: "API docs" });
    expect(docs.getAttribute("href")).toBe("/api/docs");
    expect(docs.parentElement!.textContent).toBe("See every route in the API docs.");
  });

  it("creates a token and shows it once, to copy", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const srv = await openTokens([]);
    expect(screen.getByText("No tokens yet.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Create token" }));
    expect(screen.getByText(/^Enter a name/)).toBeTruthy();
    expect(srv.sent).toEqual([]);
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: " CI deploys " } });
    fireEvent.change(screen.getByLabelText("Role"), { target: { value: "admin" } });
    fireEvent.click(screen.getByRole("button", { name: "Create token" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/tokens", body: { name: "CI deploys", role: "admin" } }]);
    const shown = screen.getByRole("region", { name: "New token: CI deploys" });
    const field = within(shown).getByLabelText("Token") as HTMLInputElement;
    expect(field.value).toBe(SECRET);
    expect(field.readOnly).toBe(true);
    expect(document.activeElement).toBe(field);
    expect(screen.getByText(/^Copy it now: it will not be shown again\./).id).toBe(field.getAttribute("aria-describedby"));
    fireEvent.click(within(shown).getByRole("button", { name: "Copy the token" }));
    await settle();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(within(shown).getByText("Copied to the clipboard.")).toBeTruthy();
    expect(within(table()).getByRole("rowheader", { name: "CI deploys" })).toBeTruthy();
    fireEvent.click(within(shown).getByRole("button", { name: "Done, I have copied it" }));
    expect(screen.queryByRole("region", { name: /^New token/ })).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(document.activeElement).toBe(screen.getByLabelText("Name"));
  });

  it("shows the server's refusal to create a token", async () => {
    const srv = await openTokens();
    srv.refuseWith({ status: 409, body: { error: { code: "conflict", message: "a token with this name exists" } } });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Nightly export" } });
    fireEvent.click(screen.getByRole("button", { name: "Create token" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Could not create the token: a token with this name exists");
    expect(screen.queryByRole("region", { name: /^New token/ })).toBeNull();
  });

  it("revokes a token after asking, and keeps a refusal in the dialog", async () => {
    const srv = await openTokens();
    fireEvent.click(screen.getByRole("button", { name: "Revoke Nightly export" }));
    const dialog = screen.getByRole("alertdialog", { name: "Revoke Nightly export?" });
    expect(dialog.textContent).toContain("Every call made with it is refused from now on. This cannot be undone");
    srv.refuseWith({ status: 404, body: { error: { code: "not_found", message: "no such token" } } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    await settle();
    expect(within(dialog).getByRole("alert").textContent).toBe("Could not revoke Nightly export: no such token");
    srv.refuseWith(null);
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    await settle();
    expect(srv.sent.map((s) => `${s.method} ${s.url}`)).toEqual(["DELETE /api/tokens/t1", "DELETE /api/tokens/t1"]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByText("Nightly export was revoked.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
