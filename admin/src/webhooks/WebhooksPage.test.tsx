import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openConsole, settle } from "../test/console";
import type { Webhook } from "./api";
import { SECRET, server, webhook } from "./testServer";
import { EVENT_TYPES } from "./words";

const CRM = webhook({ pending: 3, failed: 2 });
const LAKE = webhook({ id: "w2", url: "https://lake.example.test/in", events: ["message.created", "csat.submitted"], active: false, createdAt: "2026-04-20T08:30:00Z" });

async function openWebhooks(initial: Webhook[] = [CRM, LAKE]) {
  const srv = server(initial);
  const h = await openConsole("/admin/webhooks", srv.answer);
  return { ...h, srv };
}

const table = () => screen.getByRole("table", { name: "Webhooks" });
const rowOf = (url: string) => within(table()).getByRole("rowheader", { name: url }).closest("tr")!;
const cells = (url: string) => [...rowOf(url).children].map((c) => c.textContent);
const form = () => screen.getByRole("region", { name: "Add a webhook" });
const events = () => within(form()).getByRole("group", { name: "Events" });
const tick = (name: string) => fireEvent.click(within(events()).getByLabelText(name));
const add = () => fireEvent.click(within(form()).getByRole("button", { name: "Add webhook" }));
const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });

describe("Webhooks page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is in the nav after API tokens, for admins", async () => {
    await openWebhooks();
    const nav = within(screen.getByRole("navigation", { name: "Console" })).getAllByRole("link").map((a) => a.textContent);
    expect(nav.slice(nav.indexOf("API tokens"), nav.indexOf("API tokens") + 2)).toEqual(["API tokens", "Webhooks"]);
    expect(screen.getByRole("link", { name: "Webhooks" }).getAttribute("aria-current")).toBe("page");
  });

  it("lists each webhook with its events, status, waiting and failed counts, and when it was added", async () => {
    await openWebhooks();
    expect(within(table()).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["URL", "Events", "Status", "Waiting", "Failed", "Created", "Actions"]);
    expect(cells(CRM.url).slice(0, 6)).toEqual([CRM.url, "All events", "Active", "3 waiting", "2 failed", when(CRM.createdAt)]);
    expect(cells(LAKE.url).slice(0, 6)).toEqual([LAKE.url, "message.created, csat.submitted", "Paused", "0 waiting", "0 failed", when(LAKE.createdAt)]);
    expect(within(rowOf(CRM.url)).getByText("2 failed").className).toBe("webhook-failed");
    expect(within(rowOf(LAKE.url)).getByText("0 failed").className).toBe("");
    expect(within(rowOf(CRM.url)).getAllByRole("button").map((b) => b.textContent)).toEqual([
      `Deliveries to ${CRM.url}`,
      `Pause the webhook to ${CRM.url}`,
      `Delete the webhook to ${CRM.url}`,
    ]);
    expect(within(rowOf(LAKE.url)).getByRole("button", { name: `Resume the webhook to ${LAKE.url}` })).toBeTruthy();
  });

  it("says when there are none yet", async () => {
    await openWebhooks([]);
    expect(screen.getByText("No webhooks yet. Add one to send every event to your CRM or data tools.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("says when the list cannot be read, and tries again", async () => {
    let fail = true;
    await openConsole("/admin/webhooks", (url) =>
      url === "/api/webhooks" ? (fail ? { status: 500, body: { error: { code: "internal", message: "database unavailable" } } } : { status: 200, body: { webhooks: [CRM] } }) : undefined,
    );
    expect(screen.getByRole("alert").textContent).toBe("Could not load the webhooks: database unavailable Try again");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await settle();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(rowOf(CRM.url)).toBeTruthy();
  });

  it("adds a webhook for all events by default, and shows its secret once, to copy", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { srv } = await openWebhooks([]);
    expect((within(events()).getByLabelText("All events") as HTMLInputElement).checked).toBe(true);
    expect(EVENT_TYPES.every((t) => !(within(events()).getByLabelText(t) as HTMLInputElement).checked)).toBe(true);
    fireEvent.change(within(form()).getByLabelText("URL"), { target: { value: " https://crm.example.test/new " } });
    add();
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/webhooks", body: { url: "https://crm.example.test/new", events: ["*"] } }]);

    const shown = screen.getByRole("region", { name: "New webhook: https://crm.example.test/new" });
    const field = within(shown).getByLabelText("Signing secret") as HTMLInputElement;
    expect(field.value).toBe(SECRET);
    expect(field.readOnly).toBe(true);
    expect(document.activeElement).toBe(field);
    const note = within(shown).getByText(/^Copy it now/);
    expect(note.textContent).toBe("Copy it now: it will not be shown again. Receivers verify each request's Webchat-Signature with it (see the README).");
    expect(field.getAttribute("aria-describedby")).toBe(note.id);
    fireEvent.click(within(shown).getByRole("button", { name: "Copy the secret" }));
    await settle();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(within(shown).getByText("Copied to the clipboard.")).toBeTruthy();
    expect(cells("https://crm.example.test/new").slice(1, 3)).toEqual(["All events", "Active"]);
    expect((within(form()).getByLabelText("URL") as HTMLInputElement).value).toBe("");

    fireEvent.click(within(shown).getByRole("button", { name: "Done, I have copied it" }));
    expect(screen.queryByRole("region", { name: /^New webhook/ })).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(document.activeElement).toBe(within(form()).getByLabelText("URL"));
  });

  it("adds a webhook for the chosen events only, in the list's order; ticking one clears All events and All events clears them", async () => {
    const { srv } = await openWebhooks([]);
    fireEvent.change(within(form()).getByLabelText("URL"), { target: { value: "https://lake.example.test/in" } });
    tick("summary.ready");
    expect((within(events()).getByLabelText("All events") as HTMLInputElement).checked).toBe(false);
    tick("session.created");
    tick("contact.erased");
    tick("contact.erased");
    add();
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/webhooks", body: { url: "https://lake.example.test/in", events: ["session.created", "summary.ready"] } }]);
    expect(cells("https://lake.example.test/in")[1]).toBe("session.created, summary.ready");
    // the form is back to All events
    expect((within(events()).getByLabelText("All events") as HTMLInputElement).checked).toBe(true);
    tick("note.created");
    tick("All events");
    expect((within(events()).getByLabelText("note.created") as HTMLInputElement).checked).toBe(false);
  });

  it("asks for a URL and at least one event without sending", async () => {
    const { srv } = await openWebhooks([]);
    add();
    expect(within(form()).getByText("Enter the URL to send events to.")).toBeTruthy();
    expect(document.activeElement).toBe(within(form()).getByLabelText("URL"));
    fireEvent.change(within(form()).getByLabelText("URL"), { target: { value: "https://crm.example.test/x" } });
    tick("All events");
    add();
    const problem = within(events()).getByText("Choose at least one event, or All events.");
    expect(events().getAttribute("aria-describedby")).toBe(problem.id);
    expect(document.activeElement).toBe(within(events()).getByLabelText("All events"));
    expect(srv.sent).toEqual([]);
    tick("message.created");
    expect(within(events()).queryByText("Choose at least one event, or All events.")).toBeNull();
  });

  it("shows the server's refusal beside the form and keeps what was typed", async () => {
    const { srv } = await openWebhooks([]);
    const message = "url: refused 10.0.0.5: a private address (set WEBHOOK_ALLOW_PRIVATE=true to allow private addresses)";
    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message } } });
    fireEvent.change(within(form()).getByLabelText("URL"), { target: { value: "http://10.0.0.5/hook" } });
    tick("note.created");
    add();
    expect((await within(form()).findByRole("alert")).textContent).toBe(`Could not add the webhook: ${message}`);
    expect((within(form()).getByLabelText("URL") as HTMLInputElement).value).toBe("http://10.0.0.5/hook");
    expect((within(events()).getByLabelText("note.created") as HTMLInputElement).checked).toBe(true);
    expect((within(events()).getByLabelText("All events") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole("region", { name: /^New webhook/ })).toBeNull();
    expect(screen.getByText(/^No webhooks yet/)).toBeTruthy();
  });

  it("pauses and resumes a webhook, saying what pausing means; a refusal is said above the table", async () => {
    const { srv } = await openWebhooks();
    fireEvent.click(within(rowOf(CRM.url)).getByRole("button", { name: `Pause the webhook to ${CRM.url}` }));
    await settle();
    expect(srv.sent).toEqual([{ method: "PATCH", url: "/api/webhooks/w1", body: { active: false } }]);
    expect(cells(CRM.url)[2]).toBe("Paused");
    expect(screen.getByText("Paused: events wait and are sent when you resume.").getAttribute("aria-live")).toBe("polite");

    fireEvent.click(within(rowOf(CRM.url)).getByRole("button", { name: `Resume the webhook to ${CRM.url}` }));
    await settle();
    expect(srv.sent[1]).toEqual({ method: "PATCH", url: "/api/webhooks/w1", body: { active: true } });
    expect(cells(CRM.url)[2]).toBe("Active");

    srv.refuseWith({ status: 404, body: { error: { code: "not_found", message: "no such webhook" } } });
    fireEvent.click(within(rowOf(LAKE.url)).getByRole("button", { name: `Resume the webhook to ${LAKE.url}` }));
    await settle();
    const list = screen.getByRole("region", { name: "Webhooks" });
    expect(within(list).getByRole("alert").textContent).toBe(`Could not resume the webhook to ${LAKE.url}: no such webhook`);
    expect(cells(LAKE.url)[2]).toBe("Paused");
  });

  it("deletes after asking; Cancel sends nothing and a refusal stays in the dialog", async () => {
    const { srv } = await openWebhooks();
    const del = () => fireEvent.click(within(rowOf(CRM.url)).getByRole("button", { name: `Delete the webhook to ${CRM.url}` }));
    del();
    let dialog = screen.getByRole("alertdialog", { name: `Delete the webhook to ${CRM.url}?` });
    expect(dialog.textContent).toContain("Its delivery log goes too.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(srv.sent).toEqual([]);

    del();
    dialog = screen.getByRole("alertdialog", { name: `Delete the webhook to ${CRM.url}?` });
    srv.refuseWith({ status: 500, body: { error: { code: "internal", message: "try again later" } } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete webhook" }));
    await settle();
    expect(within(dialog).getByRole("alert").textContent).toBe(`Could not delete the webhook to ${CRM.url}: try again later`);
    srv.refuseWith(null);
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete webhook" }));
    await settle();
    expect(srv.sent.map((s) => `${s.method} ${s.url}`)).toEqual(["DELETE /api/webhooks/w1", "DELETE /api/webhooks/w1"]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(within(table()).queryByRole("rowheader", { name: CRM.url })).toBeNull();
    expect(screen.getByText(`The webhook to ${CRM.url} was deleted.`).getAttribute("aria-live")).toBe("polite");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Webhooks" }));
  });

  it("is not offered to supervisors", async () => {
    await openConsole("/admin/webhooks", server().answer, { id: "s1", role: "supervisor", displayName: "Sam" });
    expect(screen.queryByRole("link", { name: "Webhooks" })).toBeNull();
    expect(screen.queryByRole("region", { name: "Add a webhook" })).toBeNull();
  });
});
