import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { agent } from "@webchat/shared/testing/fixtures";
import { bodyOf, openConsole, settle, type Reply } from "../test/console";
import type { Invitation } from "./api";

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const LINK = "https://chat.example.test/agent/invite#token=abc";

function invitation(over: Partial<Invitation> = {}): Invitation {
  return {
    id: "i1",
    email: "erin@example.test",
    role: "agent",
    displayName: null,
    capacity: null,
    invitedBy: "a1",
    invitedByName: "Ada",
    createdAt: at(-1),
    expiresAt: at(6),
    acceptedAt: null,
    status: "pending",
    ...over,
  };
}

const LIST = [
  invitation(),
  invitation({ id: "i2", email: "finn@example.test", role: "supervisor", status: "accepted", acceptedAt: at(-0.5), invitedByName: null }),
  invitation({ id: "i3", email: "gus@example.test", createdAt: at(-9), expiresAt: at(-2), status: "expired" }),
  // still "pending" in the list, but its link ran out since
  invitation({ id: "i4", email: "hal@example.test", createdAt: at(-8), expiresAt: at(-0.01) }),
];

/** A stand-in server holding the invitations; `refuse` answers the next POST or DELETE instead of it; `mailed` says whether it has SMTP. */
function server(initial: Invitation[] = LIST) {
  let list = initial;
  let refuse: Reply | null = null;
  let mailed = true;
  let links = 0;
  const sent: { method: string; url: string; body: unknown }[] = [];
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    const method = init.method ?? "GET";
    if (url === "/api/agents") return { status: 200, body: { agents: [agent()] } };
    if (!url.startsWith("/api/invitations")) return undefined;
    if (method === "GET") return { status: 200, body: { invitations: list } };
    sent.push({ method, url, body: bodyOf(init) });
    if (refuse) return refuse;
    const link = `${LINK}${++links}`;
    if (url === "/api/invitations") {
      const b = bodyOf(init);
      const made = invitation({ id: "i9", email: b.email, role: b.role ?? "agent", displayName: b.displayName ?? null, capacity: b.capacity ?? null, createdAt: at(0), expiresAt: at(7) });
      list = [made, ...list];
      return { status: 201, body: { invitation: made, link, mailed } };
    }
    const id = url.match(/^\/api\/invitations\/([^/]+)/)![1];
    if (method === "DELETE") {
      list = list.filter((i) => i.id !== id);
      return { status: 204 };
    }
    const again = { ...list.find((i) => i.id === id)!, status: "pending" as const, expiresAt: at(7) };
    list = list.map((i) => (i.id === id ? again : i));
    return { status: 200, body: { invitation: again, link, mailed } };
  };
  return { answer, sent, refuseWith: (r: Reply | null) => (refuse = r), noMail: () => (mailed = false) };
}

async function openPeople(initial?: Invitation[]) {
  const srv = server(initial);
  const h = await openConsole("/admin/people", srv.answer);
  return { ...h, srv };
}

const form = () => screen.getByRole("region", { name: "Invite by email" });
const fill = (label: string, value: string) => fireEvent.change(within(form()).getByLabelText(label), { target: { value } });
const table = () => screen.getByRole("table", { name: "Pending invitations" });
const rowOf = (email: string) => within(table()).getByRole("rowheader", { name: email }).closest("tr")!;
const cells = (email: string) => [...rowOf(email).children].map((c) => c.textContent);
const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
const linkCard = () => screen.getByRole("region", { name: /^Invitation for / });

describe("invitations on the People page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists the invitations with who sent them and when; pending ones can be resent or withdrawn, expired ones resent, accepted ones neither", async () => {
    await openPeople();
    expect(within(table()).getAllByRole("columnheader").map((c) => c.textContent)).toEqual(["Email", "Role", "Invited by", "Sent", "Expires", "Status", "Actions"]);
    const erin = LIST[0];
    expect(cells("erin@example.test")).toEqual(["erin@example.test", "Agent", "Ada", when(erin.createdAt), when(erin.expiresAt), "Pending", "Resend the invitation to erin@example.test" + "Withdraw the invitation to erin@example.test"]);
    expect(within(rowOf("erin@example.test")).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Resend the invitation to erin@example.test",
      "Withdraw the invitation to erin@example.test",
    ]);
    const finn = rowOf("finn@example.test");
    expect(cells("finn@example.test").slice(1, 3)).toEqual(["Supervisor", "–"]);
    expect(within(finn).getByText("Accepted")).toBeTruthy();
    expect(within(finn).queryAllByRole("button")).toEqual([]);
    for (const email of ["gus@example.test", "hal@example.test"]) {
      expect(within(rowOf(email)).getByText("Expired")).toBeTruthy();
      expect(within(rowOf(email)).getAllByRole("button").map((b) => b.textContent)).toEqual([`Resend the invitation to ${email}`]);
    }
  });

  it("sends an invitation that the server mails: says so, and shows the link to copy as well", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { srv } = await openPeople([]);
    expect(screen.getByText("No invitations yet.")).toBeTruthy();
    fill("Email", " dana@example.test ");
    fill("Role", "supervisor");
    fill("Name (optional)", "Dana");
    fill("Capacity (optional)", "5");
    fireEvent.click(within(form()).getByRole("button", { name: "Send invitation" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/invitations", body: { email: "dana@example.test", role: "supervisor", displayName: "Dana", capacity: 5 } }]);
    const card = linkCard();
    expect(within(card).getByRole("heading").textContent).toBe("Invitation for dana@example.test");
    expect(within(card).getByText("Invitation sent to dana@example.test. The link works for 7 days.")).toBeTruthy();
    const field = within(card).getByLabelText("Invitation link") as HTMLInputElement;
    expect(field.value).toBe(`${LINK}1`);
    expect(field.readOnly).toBe(true);
    expect(document.activeElement).toBe(field);
    fireEvent.click(within(card).getByRole("button", { name: "Copy the link" }));
    await settle();
    expect(writeText).toHaveBeenCalledWith(`${LINK}1`);
    expect(within(card).getByText("Copied to the clipboard.").getAttribute("aria-live")).toBe("polite");
    expect(cells("dana@example.test").slice(1, 3)).toEqual(["Supervisor", "Ada"]);
    expect((within(form()).getByLabelText("Email") as HTMLInputElement).value).toBe("");

    fireEvent.click(within(card).getByRole("button", { name: "Done" }));
    expect(screen.queryByRole("region", { name: /^Invitation for / })).toBeNull();
    expect(document.activeElement).toBe(within(form()).getByLabelText("Email"));
  });

  it("says plainly when the server cannot mail, so the link is to be sent by hand; empty optional fields are not sent", async () => {
    const { srv } = await openPeople([]);
    srv.noMail();
    fill("Email", "eve@example.test");
    fireEvent.click(within(form()).getByRole("button", { name: "Send invitation" }));
    await settle();
    expect(srv.sent[0].body).toEqual({ email: "eve@example.test", role: "agent" });
    const card = linkCard();
    const note = within(card).getByText(/^Email is not configured on this server/);
    expect(note.textContent).toBe(
      "Email is not configured on this server (SMTP_URL is not set), so no email was sent. Copy the link below and send it to eve@example.test yourself. It works for 7 days.",
    );
    const field = within(card).getByLabelText("Invitation link") as HTMLInputElement;
    expect(field.value).toBe(`${LINK}1`);
    expect(field.getAttribute("aria-describedby")).toBe(note.id);
    expect(document.activeElement).toBe(field);
  });

  it("asks for an email first, and shows the server's refusal beside the form, keeping what was typed", async () => {
    const { srv } = await openPeople([]);
    fireEvent.click(within(form()).getByRole("button", { name: "Send invitation" }));
    expect(within(form()).getByText("Enter the email address to send the invitation to.")).toBeTruthy();
    expect(document.activeElement).toBe(within(form()).getByLabelText("Email"));
    expect(srv.sent).toEqual([]);

    srv.refuseWith({ status: 409, body: { error: { code: "conflict", message: "conflict" } } });
    fill("Email", "bob@example.test");
    fireEvent.click(within(form()).getByRole("button", { name: "Send invitation" }));
    expect((await within(form()).findByRole("alert")).textContent).toBe("Could not invite: someone already has an account with this email.");
    expect((within(form()).getByLabelText("Email") as HTMLInputElement).value).toBe("bob@example.test");

    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "that is not an email address" } } });
    fill("Email", "bob@");
    fireEvent.click(within(form()).getByRole("button", { name: "Send invitation" }));
    await settle();
    expect(within(form()).getByRole("alert").textContent).toBe("Could not invite: that is not an email address");
    expect(screen.queryByRole("region", { name: /^Invitation for / })).toBeNull();
  });

  it("sends a new link for an expired invitation and shows it the same way; a refusal is said above the table", async () => {
    const { srv } = await openPeople();
    fireEvent.click(within(rowOf("gus@example.test")).getByRole("button", { name: "Resend the invitation to gus@example.test" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/api/invitations/i3/resend", body: undefined }]);
    const card = linkCard();
    expect(within(card).getByText("Invitation sent to gus@example.test. The link works for 7 days.")).toBeTruthy();
    expect((within(card).getByLabelText("Invitation link") as HTMLInputElement).value).toBe(`${LINK}1`);
    expect(within(rowOf("gus@example.test")).getByText("Pending")).toBeTruthy();

    srv.refuseWith({ status: 409, body: { error: { code: "conflict", message: "already accepted" } } });
    fireEvent.click(within(rowOf("erin@example.test")).getByRole("button", { name: "Resend the invitation to erin@example.test" }));
    await settle();
    const section = screen.getByRole("region", { name: "Pending invitations" });
    expect(within(section).getByRole("alert").textContent).toBe("Could not send a new link to erin@example.test: the invitation was already accepted.");
  });

  it("withdraws after asking; a refusal stays in the dialog", async () => {
    const { srv } = await openPeople();
    fireEvent.click(within(rowOf("erin@example.test")).getByRole("button", { name: "Withdraw the invitation to erin@example.test" }));
    let dialog = screen.getByRole("alertdialog", { name: "Withdraw the invitation to erin@example.test?" });
    expect(dialog.textContent).toContain("Its link stops working at once.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(srv.sent).toEqual([]);

    fireEvent.click(within(rowOf("erin@example.test")).getByRole("button", { name: "Withdraw the invitation to erin@example.test" }));
    dialog = screen.getByRole("alertdialog", { name: "Withdraw the invitation to erin@example.test?" });
    srv.refuseWith({ status: 500, body: { error: { code: "internal", message: "try again later" } } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Withdraw invitation" }));
    await settle();
    expect(within(dialog).getByRole("alert").textContent).toBe("Could not withdraw the invitation to erin@example.test: try again later");
    srv.refuseWith(null);
    fireEvent.click(within(dialog).getByRole("button", { name: "Withdraw invitation" }));
    await settle();
    expect(srv.sent.map((s) => `${s.method} ${s.url}`)).toEqual(["DELETE /api/invitations/i1", "DELETE /api/invitations/i1"]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(within(table()).queryByRole("rowheader", { name: "erin@example.test" })).toBeNull();
    expect(screen.getByText("The invitation to erin@example.test was withdrawn; its link no longer works.").getAttribute("aria-live")).toBe("polite");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Pending invitations" }));
  });

  it("Refresh reads the invitations and the team again (to see who accepted)", async () => {
    const h = await openPeople();
    const before = h.http.calls.length;
    fireEvent.click(screen.getByRole("button", { name: "Refresh" }));
    await settle();
    expect(h.http.calls.slice(before).map((c) => c.url).sort()).toEqual(["/api/agents", "/api/invitations"]);
  });
});
