import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@webchat/shared";
import { openConsole, settle, type Reply } from "../test/console";

const entry = (id: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: "2026-05-09T10:00:00Z",
  actorId: "a1",
  actorName: "Ada",
  action: "login",
  target: null,
  detail: null,
  ...over,
});

const first = [
  entry("e3", { action: "agent.updated", target: "a2", detail: { role: "supervisor", capacity: 5 } }),
  entry("e2", { action: "crm.synced", actorName: null, target: "https://hooks.acme.test/x", detail: {} }),
  entry("e1", { action: "contact.erased", actorId: null, actorName: null, target: "c7" }),
];

async function openAudit(answer: (url: string) => Reply) {
  const h = await openConsole("/admin/audit", (url) => (url.startsWith("/api/audit?") ? answer(url) : undefined));
  return { ...h, asked: () => h.http.calls.filter((c) => c.url.startsWith("/api/audit?")).map((c) => c.url) };
}

const said = () => within(screen.getByRole("region", { name: "Audit log" })).getByRole("status").textContent;
const cells = (row: HTMLElement) => [...row.children].map((c) => c.textContent);

describe("Audit log page", () => {
  it("lists who did what in words, newest first, with the detail in short", async () => {
    const { asked } = await openAudit(() => ({ status: 200, body: { entries: first, nextCursor: null } }));
    expect(asked()).toEqual(["/api/audit?limit=50"]);
    const rows = within(screen.getByRole("table", { name: "Audit log" })).getAllByRole("row");
    expect(cells(rows[0])).toEqual(["Time", "Who", "Action", "Target", "Detail"]);
    const when = new Date("2026-05-09T10:00:00Z").toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
    expect(cells(rows[1])).toEqual([when, "Ada", "Changed a staff account", "a2", '{"role":"supervisor","capacity":5}']);
    // an action this console does not know is shown as the server wrote it; no name: the id
    expect(cells(rows[2])).toEqual([when, "a1", "crm.synced", "https://hooks.acme.test/x", "—"]);
    expect(cells(rows[3])).toEqual([when, "Webchat", "Erased a contact", "c7", "—"]);
    expect(said()).toBe("3 entries shown.");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("loads more with the cursor and moves the focus to the first new entry", async () => {
    const { asked } = await openAudit((url) =>
      url.includes("cursor=")
        ? { status: 200, body: { entries: [entry("e0", { action: "token.created", target: "CI" })] } }
        : { status: 200, body: { entries: first, nextCursor: "c/3" } },
    );
    expect(said()).toBe("3 entries shown; more can be loaded.");
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await settle();
    expect(asked()).toEqual(["/api/audit?limit=50", "/api/audit?limit=50&cursor=c%2F3"]);
    const rows = within(screen.getByRole("table")).getAllByRole("row");
    expect(rows).toHaveLength(5);
    expect(within(rows[4]).getByText("Created an API token")).toBeTruthy();
    expect(document.activeElement).toBe(within(rows[4]).getByRole("rowheader"));
    expect(said()).toBe("1 more entry loaded.");
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("says when it cannot read the log, and tries again", async () => {
    let fail = true;
    await openAudit(() => (fail ? { status: 403, body: { error: { code: "forbidden", message: "admins only" } } } : { status: 200, body: { entries: [] } }));
    expect(screen.getByRole("alert").textContent).toBe("Could not load the audit log: admins only Try again");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await settle();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("Nothing has been recorded yet.")).toBeTruthy();
  });
});
