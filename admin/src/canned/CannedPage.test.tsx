import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { CannedResponse } from "@webchat/shared";
import { bodyOf, openConsole, settle, type Reply } from "../test/console";

const refund: CannedResponse = { id: "c1", shortcut: "refund", title: "Refund policy", text: "Hi {{visitor.name}}, refunds take 5 days. — {{agent.name}}" };

/** A stand-in server holding the library; `refuse` answers the next writes instead of it. */
function server(items: CannedResponse[]) {
  const lib = new Map(items.map((c) => [c.id, c]));
  const writes: { method: string; url: string; body: unknown }[] = [];
  let refuse: Reply | null = null;
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    const method = init.method ?? "GET";
    if (!url.startsWith("/api/canned-responses")) return undefined;
    if (method === "GET") return { status: 200, body: { cannedResponses: [...lib.values()] } };
    writes.push({ method, url, body: bodyOf(init) });
    if (refuse) return refuse;
    const id = url.split("/")[3];
    if (method === "POST") {
      const made = { id: "c9", ...bodyOf(init) };
      lib.set(made.id, made);
      return { status: 201, body: { cannedResponse: made } };
    }
    if (method === "PUT") {
      const next = { id, ...bodyOf(init) };
      lib.set(id, next);
      return { status: 200, body: { cannedResponse: next } };
    }
    lib.delete(id);
    return { status: 204 };
  };
  return { answer, writes, refuseWith: (r: Reply | null) => (refuse = r) };
}

async function openCanned(items: CannedResponse[] = [refund]) {
  const srv = server(items);
  await openConsole("/admin/canned-responses", srv.answer);
  return srv;
}

const addForm = () => screen.getByRole("region", { name: "Add canned response" });
const field = (name: string, scope = addForm()) => within(scope).getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string, scope?: HTMLElement) => fireEvent.change(field(name, scope), { target: { value } });
const table = () => screen.getByRole("table", { name: "Canned responses" });
const notice = () => screen.getByText((_, el) => el?.classList.contains("notice") ?? false);

describe("Canned responses page", () => {
  it("explains canned responses when there are none", async () => {
    await openCanned([]);
    expect(screen.getByRole("link", { name: "Canned responses" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByText("No canned responses yet.")).toBeTruthy();
    expect(screen.getByText(/Agents type/).textContent).toContain("in the composer, for example /refund");
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("lists shortcut, title and the start of the text", async () => {
    await openCanned();
    const row = within(table()).getByRole("rowheader", { name: "/refund" }).closest("tr")!;
    expect(within(row).getByText("Refund policy")).toBeTruthy();
    expect(within(row).getByText(refund.text)).toBeTruthy();
  });

  it("says what is wrong with each field before sending, and focuses the first", async () => {
    const srv = await openCanned();
    fireEvent.click(within(addForm()).getByRole("button", { name: "Add response" }));
    expect(document.activeElement).toBe(field("Shortcut"));
    expect(field("Shortcut").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/Enter a shortcut, for example refund/)).toBeTruthy();
    expect(screen.getByText("Enter a title, so agents can tell the responses apart.")).toBeTruthy();
    expect(screen.getByText("Enter the text agents will send.")).toBeTruthy();

    type("Shortcut", "Refund now");
    expect(screen.getByText("Use only lower-case letters, digits, - and _ (no spaces or other signs).")).toBeTruthy();
    type("Shortcut", "/refund");
    expect(screen.getByText("The shortcut /refund is taken by “Refund policy”. Choose another.")).toBeTruthy();
    type("Shortcut", "x".repeat(33));
    expect(screen.getByText("Use at most 32 characters (now 33).")).toBeTruthy();
    type("Title", "t".repeat(101));
    expect(screen.getByText("Use at most 100 characters (now 101).")).toBeTruthy();
    type("Text", "Hello {{visitor.phone}}");
    const problem = screen.getByText(/\{\{visitor\.phone\}\} is not a variable the server fills in/);
    expect(field("Text").getAttribute("aria-describedby")).toContain(problem.id);
    fireEvent.click(within(addForm()).getByRole("button", { name: "Add response" }));
    expect(srv.writes).toEqual([]);
  });

  it("warns about an unknown variable while typing, before any submit", async () => {
    await openCanned();
    type("Text", "Dear {{ visitor.name }}");
    expect(screen.getByText(/\{\{ visitor\.name \}\} is not a variable/).textContent).toContain("no spaces inside the braces");
  });

  it("inserts variables at the cursor, previews with sample values, and adds the response", async () => {
    const srv = await openCanned();
    type("Shortcut", "/hours");
    type("Title", "  Opening hours ");
    type("Text", "Hi , we open at 9.");
    const text = field("Text");
    text.setSelectionRange(3, 3);
    fireEvent.click(within(addForm()).getByRole("button", { name: /^Visitor name/ }));
    expect(text.value).toBe("Hi {{visitor.name}}, we open at 9.");
    expect(document.activeElement).toBe(text);
    expect(text.selectionStart).toBe(3 + "{{visitor.name}}".length);
    fireEvent.click(within(addForm()).getByRole("button", { name: /^Agent name/ }));
    expect(text.value).toBe("Hi {{visitor.name}}{{agent.name}}, we open at 9.");
    const preview = within(addForm()).getByRole("region", { name: "Preview" });
    expect(preview.textContent).toContain("Hi Alex MorganAda, we open at 9.");

    fireEvent.click(within(addForm()).getByRole("button", { name: "Add response" }));
    await settle();
    expect(srv.writes).toEqual([
      { method: "POST", url: "/api/canned-responses", body: { shortcut: "hours", title: "Opening hours", text: "Hi {{visitor.name}}{{agent.name}}, we open at 9." } },
    ]);
    expect(within(table()).getByRole("rowheader", { name: "/hours" })).toBeTruthy();
    expect(notice().textContent).toBe("/hours was added.");
    expect(field("Shortcut").value).toBe("");
    expect(document.activeElement).toBe(field("Shortcut"));
  });

  it("shows the server's message when a save is forbidden, and keeps what was typed", async () => {
    const srv = await openCanned();
    srv.refuseWith({ status: 403, body: { error: { code: "forbidden", message: "only supervisors and admins may change canned responses" } } });
    type("Shortcut", "bye");
    type("Title", "Goodbye");
    type("Text", "Bye!");
    fireEvent.click(within(addForm()).getByRole("button", { name: "Add response" }));
    expect((await within(addForm()).findByRole("alert")).textContent).toBe("Could not save: only supervisors and admins may change canned responses");
    expect(field("Shortcut").value).toBe("bye");
    expect(within(table()).queryByRole("rowheader", { name: "/bye" })).toBeNull();
  });

  it("edits in a dialog: the whole object is PUT, a conflict is shown, Escape closes", async () => {
    const srv = await openCanned([refund, { id: "c2", shortcut: "hi", title: "Hello", text: "Hello!" }]);
    const edit = within(table()).getByRole("button", { name: "Edit /hi" });
    edit.focus(); // as a keyboard user would reach it
    fireEvent.click(edit);
    let dialog = screen.getByRole("dialog", { name: "Edit /hi" });
    expect(document.activeElement).toBe(field("Shortcut", dialog));
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(edit);

    fireEvent.click(edit);
    dialog = screen.getByRole("dialog", { name: "Edit /hi" });
    srv.refuseWith({ status: 409, body: { error: { code: "conflict", message: "the shortcut /hello is taken" } } });
    type("Shortcut", "hello", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    expect((await within(dialog).findByRole("alert")).textContent).toBe("Could not save: the shortcut /hello is taken");

    srv.refuseWith(null);
    type("Title", "Hello there", dialog);
    fireEvent.click(within(dialog).getByRole("button", { name: "Save" }));
    await settle();
    expect(srv.writes[1]).toEqual({ method: "PUT", url: "/api/canned-responses/c2", body: { shortcut: "hello", title: "Hello there", text: "Hello!" } });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(table()).getByRole("rowheader", { name: "/hello" }).closest("tr")!.textContent).toContain("Hello there");
    expect(notice().textContent).toBe("/hello was saved.");
  });

  it("deletes after a confirmation; Cancel keeps it", async () => {
    const srv = await openCanned();
    fireEvent.click(within(table()).getByRole("button", { name: "Delete /refund" }));
    let dialog = screen.getByRole("alertdialog", { name: "Delete /refund?" });
    expect(dialog.textContent).toContain("removed for the whole team");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Cancel" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(srv.writes).toEqual([]);

    fireEvent.click(within(table()).getByRole("button", { name: "Delete /refund" }));
    dialog = screen.getByRole("alertdialog", { name: "Delete /refund?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await settle();
    expect(srv.writes).toEqual([{ method: "DELETE", url: "/api/canned-responses/c1", body: undefined }]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByText("No canned responses yet.")).toBeTruthy();
    expect(notice().textContent).toBe("/refund was deleted.");
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Canned responses" }));
  });

  it("says when the list cannot be loaded, with a way to try again", async () => {
    let fail = true;
    await openConsole("/admin/canned-responses", (url) => {
      if (url !== "/api/canned-responses") return undefined;
      return fail ? { status: 500, body: { error: { code: "internal", message: "database unavailable" } } } : { status: 200, body: { cannedResponses: [refund] } };
    });
    expect(screen.getByRole("alert").textContent).toContain("Could not load the canned responses: database unavailable");
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await settle();
    expect(within(table()).getByRole("rowheader", { name: "/refund" })).toBeTruthy();
  });
});
