import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { openConsole, settle } from "../test/console";
import { delivery, server, webhook, type Logs } from "./testServer";

const CRM = webhook({ pending: 1, failed: 1 });
const OTHER = webhook({ id: "w2", url: "https://lake.example.test/in" });

const NEXT = "2026-05-09T10:05:00Z";
const FIRST = [
  delivery({ id: "d3", eventId: "00000003-0000-4000-8000-0000aa11bb22", eventType: "session.created", state: "pending", attempts: 2, lastStatus: 500, lastError: "Internal Server Error", nextAttemptAt: NEXT, deliveredAt: null }),
  delivery({ id: "d2", eventId: "00000002-0000-4000-8000-0000cc33dd44", eventType: "summary.ready", state: "failed", attempts: 9, lastStatus: null, lastError: "timed out after 10 s", deliveredAt: null }),
  delivery({ id: "d1" }),
];
const MORE = [delivery({ id: "d0", eventId: "00000000-0000-4000-8000-0000ee55ff66", eventType: "csat.submitted" })];

async function openLog(logs: Logs = { first: { w1: FIRST } }) {
  const srv = server([CRM, OTHER], logs);
  const h = await openConsole("/admin/webhooks", srv.answer);
  fireEvent.click(screen.getByRole("button", { name: `Deliveries to ${CRM.url}` }));
  await settle();
  const asked = () => h.http.calls.filter((c) => (c.init.method ?? "GET") === "GET").map((c) => c.url).filter((u) => u.includes("/deliveries"));
  return { ...h, srv, asked };
}

const log = () => screen.getByRole("region", { name: `Deliveries to ${CRM.url}` });
const rows = () => within(within(log()).getByRole("table")).getAllByRole("row");
const cells = (row: HTMLElement) => [...row.children].map((c) => c.textContent);
const said = () => within(log()).getByRole("status").textContent;
const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });

describe("a webhook's delivery log", () => {
  it("opens below the list with the webhook's URL as its heading, and shows the three states in words", async () => {
    const { asked } = await openLog();
    expect(asked()).toEqual(["/api/webhooks/w1/deliveries?limit=50"]);
    expect(document.activeElement).toBe(within(log()).getByRole("heading", { name: `Deliveries to ${CRM.url}` }));
    expect(screen.getByRole("button", { name: `Deliveries to ${CRM.url}` }).getAttribute("aria-expanded")).toBe("true");
    expect(cells(rows()[0])).toEqual(["Event", "State", "Attempts", "Last answer", "Created", "Delivered", "Actions"]);
    expect(cells(rows()[1]).slice(0, 6)).toEqual([
      "session.created aa11bb22",
      `Waiting, next try at ${when(NEXT)}`,
      "2",
      "HTTP 500 Internal Server Error",
      when(FIRST[0].createdAt),
      "—",
    ]);
    expect(within(rows()[1]).getByText("Internal Server Error").className).toBe("delivery-error");
    expect(cells(rows()[2]).slice(0, 6)).toEqual(["summary.ready cc33dd44", "Failed", "9", "no answer timed out after 10 s", when(FIRST[1].createdAt), "—"]);
    expect(within(rows()[2]).getByText("Failed").className).toContain("webhook-failed");
    expect(cells(rows()[3]).slice(0, 6)).toEqual(["message.created 3a4b5c6d", "Delivered", "1", "HTTP 200", when(FIRST[2].createdAt), when(FIRST[2].deliveredAt!)]);
    expect(said()).toBe("3 deliveries shown.");
    expect(within(log()).queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("says when nothing was sent yet, and closes, giving the focus back to the row's button", async () => {
    await openLog({ first: {} });
    expect(within(log()).getByText("Nothing has been sent to it yet.")).toBeTruthy();
    expect(window.location.search).toBe("?log=w1");
    fireEvent.click(within(log()).getByRole("button", { name: "Close the delivery log" }));
    expect(screen.queryByRole("region", { name: /^Deliveries to / })).toBeNull();
    expect(window.location.search).toBe("");
    const button = screen.getByRole("button", { name: `Deliveries to ${CRM.url}` });
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute("aria-expanded")).toBe("false");
  });

  it("loads more with the cursor and moves the focus to the first delivery it added", async () => {
    const { asked } = await openLog({ first: { w1: FIRST }, more: { w1: MORE } });
    expect(said()).toBe("3 deliveries shown; more can be loaded.");
    fireEvent.click(within(log()).getByRole("button", { name: "Load more" }));
    await settle();
    expect(asked()).toEqual(["/api/webhooks/w1/deliveries?limit=50", "/api/webhooks/w1/deliveries?limit=50&cursor=c%2F50"]);
    expect(rows()).toHaveLength(5);
    expect(document.activeElement).toBe(within(rows()[4]).getByRole("rowheader"));
    expect(cells(rows()[4])[0]).toBe("csat.submitted ee55ff66");
    expect(said()).toBe("1 more delivery loaded.");
    expect(within(log()).queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("Refresh reads the first page again, and the webhooks' counts", async () => {
    const { http, asked } = await openLog({ first: { w1: FIRST }, more: { w1: MORE } });
    fireEvent.click(within(log()).getByRole("button", { name: "Load more" }));
    await settle();
    const before = http.calls.length;
    fireEvent.click(within(log()).getByRole("button", { name: "Refresh" }));
    await settle();
    expect(http.calls.slice(before).map((c) => c.url).sort()).toEqual(["/api/webhooks", "/api/webhooks/w1/deliveries?limit=50"]);
    expect(asked()).toHaveLength(3);
    expect(rows()).toHaveLength(4);
  });

  it("sends a delivery again: posts to its retry URL, says so politely and reads the log again", async () => {
    const { srv, asked } = await openLog();
    fireEvent.click(within(rows()[2]).getByRole("button", { name: "Send again summary.ready cc33dd44" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/webhooks/w1/deliveries/d2/retry", body: undefined }]);
    expect(said()).toBe("Queued to send again.");
    expect(within(log()).getByRole("status").getAttribute("aria-live")).toBe("polite");
    expect(asked()).toEqual(["/api/webhooks/w1/deliveries?limit=50", "/api/webhooks/w1/deliveries?limit=50"]);

    srv.refuseWith({ status: 404, body: { error: { code: "not_found", message: "no such delivery" } } });
    fireEvent.click(within(rows()[1]).getByRole("button", { name: "Send again session.created aa11bb22" }));
    await settle();
    expect(within(log()).getByRole("alert").textContent).toBe("Could not send session.created again: no such delivery");
  });

  it("opens from the address, and goes when its webhook is deleted", async () => {
    const srv = server([CRM], { first: { w1: FIRST } });
    await openConsole("/admin/webhooks?log=w1", srv.answer);
    expect(rows()).toHaveLength(4);
    fireEvent.click(screen.getByRole("button", { name: `Delete the webhook to ${CRM.url}` }));
    fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete webhook" }));
    await settle();
    expect(screen.queryByRole("region", { name: /^Deliveries to / })).toBeNull();
    expect(window.location.search).toBe("");
  });
});
