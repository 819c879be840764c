import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Attachment, CannedResponse, SessionDetails } from "@webchat/shared";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { fakeFile } from "@webchat/shared/testing/fakeXhr";
import type { AgentChat } from "../agentClient";
import { newChat } from "../agentState";
import { contact, fakeWorkspaceApi, msg, session, workspace } from "../test/fixtures";
import { ChatView, type ChatViewActions } from "./ChatView";
import { SearchView } from "./Search";

const canned: CannedResponse[] = [
  { id: "k1", shortcut: "thx", title: "Thanks", text: "Thanks {{visitor.name}}, this is {{agent.name}}." },
  { id: "k2", shortcut: "mail", title: "Email check", text: "Is {{visitor.email}} right?" },
];

function actions(): ChatViewActions {
  return {
    send: vi.fn(),
    discard: vi.fn(),
    setTyping: vi.fn(),
    acceptEnd: vi.fn(),
    declineEnd: vi.fn(),
    closeChat: vi.fn(),
    dismiss: vi.fn(),
    setTags: vi.fn(async () => null),
    addNote: vi.fn(async () => true),
    openTransfer: vi.fn(),
  };
}

const details = (over: Partial<SessionDetails> = {}) =>
  ({ ...session(), contactId: "c1", tags: [], offline: false, ...over }) as SessionDetails;
const chat = (over: Partial<AgentChat> = {}): AgentChat => ({ ...newChat(details()), ...over });
const box = () => screen.getByRole("combobox", { name: "Message" }) as HTMLTextAreaElement;
const type = (value: string) => fireEvent.change(box(), { target: { value, selectionStart: value.length } });

describe("canned responses in the composer", () => {
  it("opens on /, filters, and Enter then Enter sends the response by id with empty text", async () => {
    const a = actions();
    render(<ChatView chat={chat()} actions={a} workspace={workspace({ canned })} />);
    await act(flush);
    expect(box().getAttribute("aria-expanded")).toBe("false");
    type("/th");
    expect(box().getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByRole("listbox", { name: "Canned responses" });
    expect(box().getAttribute("aria-controls")).toBe(list.id);
    const options = within(list).getAllByRole("option");
    expect(options).toHaveLength(1);
    expect(box().getAttribute("aria-activedescendant")).toBe(options[0].id);
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(box().value).toBe("Thanks Vera, this is Alice.");
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(a.send).toHaveBeenCalledWith("s1", "Thanks Vera, this is Alice.", { attachments: [], cannedId: "k1" });
  });

  it("moves with the arrows, closes on Escape, and sends edited text as text", async () => {
    const a = actions();
    render(<ChatView chat={chat()} actions={a} workspace={workspace({ canned })} />);
    await act(flush);
    type("/");
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    const options = screen.getAllByRole("option");
    expect(options[1].getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(box(), { key: "Escape" });
    expect(box().getAttribute("aria-expanded")).toBe("false");
    type("");
    type("/");
    fireEvent.keyDown(box(), { key: "ArrowDown" });
    fireEvent.keyDown(box(), { key: "Tab" });
    // the contact's email is filled once loaded
    expect(box().value).toBe("Is vera@example.test right?");
    type("Is vera@example.test right? Or another one?");
    fireEvent.keyDown(box(), { key: "Enter" });
    expect(a.send).toHaveBeenCalledWith("s1", "Is vera@example.test right? Or another one?", { attachments: [] });
  });

  it("has a Canned responses button for the mouse", async () => {
    render(<ChatView chat={chat()} actions={actions()} workspace={workspace({ canned })} />);
    fireEvent.click(screen.getByRole("button", { name: "Canned responses" }));
    fireEvent.click(screen.getByRole("option", { name: /Thanks/ }));
    expect(box().value).toBe("Thanks Vera, this is Alice.");
  });
});

describe("files in the agent's composer", () => {
  it("uploads a pasted screenshot with a progress bar, then sends it with the text", async () => {
    const a = actions();
    let finish: (x: Attachment) => void = () => undefined;
    let progress: (f: number) => void = () => undefined;
    const api = fakeWorkspaceApi({ uploader: vi.fn(() => (_f: File, p: (f: number) => void) => new Promise<Attachment>((r) => ((finish = r), (progress = p)))) });
    render(<ChatView chat={chat()} actions={a} workspace={workspace({ api })} />);
    const shot = fakeFile("image.png", "image/png");
    fireEvent.paste(box(), { clipboardData: { types: ["Files"], items: [{ kind: "file", getAsFile: () => shot }], files: [shot] } });
    const bar = screen.getByRole("progressbar", { name: /^Uploading screenshot-/ });
    act(() => progress(0.3));
    expect(bar.getAttribute("value")).toBe("30");
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
    const att: Attachment = { id: "f1", name: "screenshot.png", contentType: "image/png", size: 10, url: "/api/attachments/f1" };
    await act(async () => finish(att));
    type("see this");
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(a.send).toHaveBeenCalledWith("s1", "see this", { attachments: [att] });
    expect(screen.queryByRole("listitem", { name: /screenshot/ })).toBeNull();
  });

  it("shows a message's attachments", async () => {
    const att: Attachment = { id: "f2", name: "invoice.pdf", contentType: "application/pdf", size: 2048, url: "/api/attachments/f2" };
    render(<ChatView chat={chat({ messages: [msg(1, { text: "", attachments: [att] })] })} actions={actions()} workspace={workspace()} />);
    expect(screen.getByRole("link", { name: "invoice.pdf (2 KB)" })).toBeTruthy();
  });
});

describe("contact panel and tags", () => {
  it("shows who the visitor is, where they are, and opens an earlier conversation read-only", async () => {
    const earlier = details({ id: "old", status: "closed", createdAt: "2026-02-01T10:00:00Z" });
    const api = fakeWorkspaceApi({
      contact: vi.fn(async () => ({ contact: contact({ phone: "+31 6 1234" }), sessions: [details(), earlier] })),
      transcript: vi.fn(async () => ({ session: earlier, messages: [msg(1, { sessionId: "old", text: "My parcel is late" })] })),
    });
    const page = { url: "https://shop.test/cart", title: "Your cart", referrer: "https://search.example/?q=shoes" };
    render(<ChatView chat={chat({ session: details({ page }) })} actions={actions()} workspace={workspace({ api })} />);
    await act(flush);
    const panel = screen.getByRole("complementary", { name: "Contact" });
    expect(api.contact).toHaveBeenCalledWith("c1");
    expect(within(panel).getByText("Verified")).toBeTruthy();
    expect(within(panel).getByRole("link", { name: "vera@example.test" })).toBeTruthy();
    expect(within(panel).getByText("+31 6 1234")).toBeTruthy();
    expect(within(panel).getByRole("link", { name: "Your cart" }).getAttribute("href")).toBe("https://shop.test/cart");
    expect(within(panel).getByRole("link", { name: "https://search.example/?q=shoes" })).toBeTruthy();
    const list = within(panel).getByRole("region", { name: "Earlier conversations" });
    fireEvent.click(within(list).getByRole("button"));
    await act(flush);
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("My parcel is late")).toBeTruthy();
    expect(within(dialog).queryByRole("combobox")).toBeNull();
  });

  it("adds a tag on Enter, refuses a bad one, removes one", async () => {
    const a = actions();
    render(<ChatView chat={chat({ session: details({ tags: ["vip"] }) })} actions={a} workspace={workspace()} />);
    const input = screen.getByLabelText("Add a tag");
    fireEvent.change(input, { target: { value: "Refund Asked" } });
    fireEvent.keyDown(input, { key: "Enter" });
    await act(flush);
    expect(a.setTags).toHaveBeenCalledWith("s1", ["vip", "refund asked"]);
    fireEvent.change(input, { target: { value: "no<way>" } });
    fireEvent.keyDown(input, { key: "," });
    expect(screen.getByRole("alert").textContent).toBe("Use letters, digits, spaces, - or _ only.");
    fireEvent.click(screen.getByRole("button", { name: "Remove tag vip" }));
    await act(flush);
    expect(a.setTags).toHaveBeenLastCalledWith("s1", []);
  });
});

describe("search", () => {
  const result = (id: string, snippet: string) => ({ session: details({ id, status: "closed" }), matches: [{ seq: 3, snippet }] });

  it("shows snippets safely, filters, loads more, and opens a result at the match", async () => {
    const search = vi
      .fn()
      .mockResolvedValueOnce({ results: [result("r1", "&lt;script&gt;x&lt;/script&gt; where is my <mark>order</mark>")], nextCursor: "c2" })
      .mockResolvedValueOnce({ results: [result("r2", "second <mark>order</mark>")] })
      .mockResolvedValueOnce({ results: [] });
    const api = fakeWorkspaceApi({
      search,
      transcript: vi.fn(async () => ({ session: details({ id: "r1" }), messages: [msg(1), msg(2), msg(3, { text: "where is my order" })] })),
    });
    const { container } = render(<SearchView api={api} q="order" onClose={vi.fn()} />);
    await act(flush);
    expect(search).toHaveBeenCalledWith({ q: "order", limit: 20 });
    expect(container.querySelector("script")).toBeNull();
    const first = screen.getByRole("button", { name: "<script>x</script> where is my order" });
    expect(first.querySelector("mark")?.textContent).toBe("order");
    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    await act(flush);
    expect(search).toHaveBeenLastCalledWith({ q: "order", limit: 20, cursor: "c2" });
    expect(screen.getAllByRole("listitem").filter((li) => li.classList.contains("search-result"))).toHaveLength(2);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();

    fireEvent.click(first);
    await act(flush);
    const dialog = screen.getByRole("dialog");
    expect(dialog.querySelector('[data-seq="3"]')?.getAttribute("aria-current")).toBe("true");
    fireEvent.click(within(dialog).getByRole("button", { name: "Close" }));

    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "closed" } });
    fireEvent.change(screen.getByLabelText("Tag"), { target: { value: "VIP" } });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-01-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Apply filters" }));
    await act(flush);
    expect(search).toHaveBeenLastCalledWith({ q: "order", status: "closed", tag: "vip", from: "2026-01-01", limit: 20 });
    expect(screen.getByRole("status").textContent).toBe("No conversation matches “order”.");
  });

  it("says when the search failed and retries", async () => {
    const search = vi.fn().mockRejectedValueOnce(new Error("The server cannot be reached.")).mockResolvedValueOnce({ results: [] });
    render(<SearchView api={fakeWorkspaceApi({ search })} q="x" onClose={vi.fn()} />);
    await act(flush);
    expect(screen.getByRole("alert").textContent).toContain("The server cannot be reached.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await act(flush);
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
