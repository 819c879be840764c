import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SearchResult, SessionDetails } from "@webchat/shared";
import { agent, msg, session } from "@webchat/shared/testing/fixtures";
import { openConsole, settle, type Reply } from "../test/console";

function details(over: Partial<SessionDetails> = {}): SessionDetails {
  return { ...session(), status: "closed", agentId: "a2", agentDisplayName: "Bob", contactId: "c1", tags: ["billing"], offline: false, ...over };
}

const first: SearchResult[] = [
  { session: details(), matches: [{ seq: 2, snippet: "I want a <mark>refund</mark> &lt;script&gt;alert(1)&lt;/script&gt; now" }] },
  { session: details({ id: "s2", userDisplayName: "Walt", channel: "whatsapp", tags: [] }), matches: [{ seq: 1, snippet: "<mark>Refund</mark> please &amp; thanks" }] },
];
const second: SearchResult[] = [{ session: details({ id: "s3", userDisplayName: "Xena", agentDisplayName: null, agentId: null }), matches: [{ seq: 4, snippet: "late <mark>refund</mark>" }] }];

/** A stand-in server: two pages of results, one transcript, one contact. `refuse` answers searches instead. */
function server() {
  const searches: URLSearchParams[] = [];
  let refuse: Reply | null = null;
  const answer = (url: string): Reply | undefined => {
    if (url === "/api/agents") return { status: 200, body: { agents: [agent(), agent({ id: "a3", displayName: "Cleo" })] } };
    if (url.startsWith("/api/search?")) {
      const q = new URLSearchParams(url.slice(url.indexOf("?") + 1));
      searches.push(q);
      if (refuse) return refuse;
      return q.get("cursor") === "p2" ? { status: 200, body: { results: second } } : { status: 200, body: { results: first, nextCursor: "p2" } };
    }
    if (url === "/api/sessions/s1/messages") {
      const messages = [
        msg(1, { text: "Hello" }),
        msg(2, { text: "I want a refund <script>alert(1)</script> now", attachments: [{ id: "f1", name: "receipt.pdf", contentType: "application/pdf", size: 20480, url: "/api/attachments/f1" }] as never }),
        msg(3, { senderType: "agent", senderName: "Bob", text: "Sure." }),
      ];
      return { status: 200, body: { session: details(), messages } };
    }
    if (url === "/api/contacts/c1") {
      const contact = { id: "c1", displayName: "Vera", email: "vera@example.test", phone: "+33 6 12 34 56 78", externalId: "cust-42", verified: true, firstSeenAt: "2024-04-01T08:00:00Z", lastSeenAt: "2024-05-01T10:05:00Z", sessionCount: 2 };
      return { status: 200, body: { contact, sessions: [details({ id: "s1" }), details({ id: "s0", createdAt: "2024-04-01T08:00:00Z", tags: [] })] } };
    }
    if (url === "/api/sessions/s0/messages") return { status: 200, body: { session: details({ id: "s0" }), messages: [msg(1, { sessionId: "s0", text: "An older question" })] } };
    return undefined;
  };
  return { answer, searches, refuseWith: (r: Reply | null) => (refuse = r) };
}

const announced = () => screen.getByText((_, el) => el?.classList.contains("search-count") ?? false).textContent;
const results = () => screen.getByRole("region", { name: "Results" });
const resultOf = (name: string) => within(results()).getByRole("button", { name }).closest("li")!;

async function searchFor(words: string) {
  const srv = server();
  const h = await openConsole("/admin/search", srv.answer);
  fireEvent.change(screen.getByLabelText("Words"), { target: { value: words } });
  fireEvent.click(screen.getByRole("button", { name: "Search" }));
  await settle();
  return { ...h, srv };
}

describe("Search page", () => {
  const scroll = vi.fn();
  beforeEach(() => {
    Element.prototype.scrollIntoView = scroll;
    scroll.mockClear();
  });
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("searches with the filters, keeps the search in the address, and announces the count", async () => {
    const srv = server();
    await openConsole("/admin/search", srv.answer);
    fireEvent.change(screen.getByLabelText("Words"), { target: { value: " refund " } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "closed" } });
    fireEvent.change(screen.getByLabelText("Agent"), { target: { value: "a3" } });
    fireEvent.change(screen.getByLabelText("Tag"), { target: { value: "billing" } });
    fireEvent.change(screen.getByLabelText("Channel"), { target: { value: "web" } });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2024-05-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2024-05-31" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await settle();
    expect(Object.fromEntries(srv.searches[0])).toEqual({ q: "refund", status: "closed", agentId: "a3", tag: "billing", channel: "web", from: "2024-05-01", to: "2024-05-31", limit: "20" });
    expect(window.location.pathname + window.location.search).toBe("/admin/search?q=refund&status=closed&agentId=a3&tag=billing&channel=web&from=2024-05-01&to=2024-05-31");
    expect(announced()).toBe("2 conversations found; more can be loaded.");
    expect(screen.getByText("2 conversations found; more can be loaded.").getAttribute("role")).toBe("status");
  });

  it("runs the search in the address on load (a shared link or a reload)", async () => {
    const srv = server();
    // Hostile words are only data: sent encoded, shown as the field's value.
    await openConsole("/admin/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%26cursor%3Dx&channel=whatsapp", srv.answer);
    expect(Object.fromEntries(srv.searches[0])).toEqual({ q: "<script>alert(1)</script> &cursor=x", channel: "whatsapp", limit: "20" });
    expect((screen.getByLabelText("Words") as HTMLInputElement).value).toBe("<script>alert(1)</script> &cursor=x");
    expect(document.querySelector("script")).toBeNull();
    expect((screen.getByLabelText("Channel") as HTMLSelectElement).value).toBe("whatsapp");
    expect(within(results()).getAllByRole("heading", { level: 3 })).toHaveLength(2);
  });

  it("takes from the address the filters it can show, and leaves out the rest", async () => {
    const srv = server();
    await openConsole("/admin/search?q=refund&status=bogus&agentId=a3&from=2024-02-30&to=2024-05-31&cursor=p2", srv.answer);
    expect(Object.fromEntries(srv.searches[0])).toEqual({ q: "refund", agentId: "a3", to: "2024-05-31", limit: "20" });
    const value = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
    expect([value("Words"), value("Status"), value("Agent"), value("From"), value("To")]).toEqual(["refund", "", "a3", "", "2024-05-31"]);
  });

  it("shows a snippet's <script> as text and its marks as highlights", async () => {
    await searchFor("refund");
    const vera = resultOf("Vera");
    const snippet = within(vera).getByRole("list", { name: "Matching messages, 1" });
    expect(snippet.textContent).toBe("I want a refund <script>alert(1)</script> now");
    expect(snippet.querySelector("script")).toBeNull();
    expect([...snippet.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["refund"]);
    expect(document.querySelector("script")).toBeNull();
    expect(within(resultOf("Walt")).getByRole("list", { name: "Matching messages, 1" }).textContent).toBe("Refund please & thanks");
    expect(vera.textContent).toContain("Closed");
    expect(vera.textContent).toContain("agent Bob");
    expect(within(vera).getByRole("list", { name: "Tags" }).textContent).toBe("billing");
    expect(resultOf("Walt").textContent).toContain("WhatsApp");
  });

  it("Load more appends the next page, announces it and moves the focus to the first new one", async () => {
    const { srv } = await searchFor("refund");
    fireEvent.click(screen.getByRole("button", { name: "Load more results" }));
    await settle();
    expect(srv.searches[1].get("cursor")).toBe("p2");
    expect(srv.searches[1].get("q")).toBe("refund");
    expect(within(results()).getAllByRole("heading", { level: 3 }).map((h) => h.textContent)).toEqual(["Vera", "Walt", "Xena"]);
    expect(announced()).toBe("1 more loaded, 3 conversations shown.");
    expect(document.activeElement).toBe(within(results()).getByRole("button", { name: "Xena" }));
    expect(screen.queryByRole("button", { name: "Load more results" })).toBeNull();
    expect(resultOf("Xena").textContent).toContain("no agent");
  });

  it("opens a result's transcript read-only with the match marked and scrolled to; Close returns the focus", async () => {
    await searchFor("refund");
    const open = within(results()).getByRole("button", { name: "Vera" });
    fireEvent.click(open);
    await settle();
    const panel = screen.getByRole("region", { name: "Conversation with Vera" });
    expect(document.activeElement).toBe(within(panel).getByRole("heading", { name: "Conversation with Vera" }));
    const lines = within(panel).getByRole("list", { name: "Transcript" });
    const matched = lines.querySelector('[data-seq="2"]')!;
    expect(matched.classList.contains("line-match")).toBe(true);
    expect(matched.textContent).toContain("Matches the search");
    expect(matched.textContent).toContain("I want a refund <script>alert(1)</script> now");
    expect(lines.querySelector('[data-seq="1"]')!.classList.contains("line-match")).toBe(false);
    expect(scroll).toHaveBeenCalledTimes(1);
    expect(scroll.mock.contexts[0]).toBe(matched);
    const file = within(panel).getByRole("link", { name: "receipt.pdf" });
    expect(file.parentElement!.textContent).toBe("receipt.pdf (20 KB)");
    expect(panel.textContent).toContain("read-only");
    expect(within(panel).queryByRole("textbox")).toBeNull();

    fireEvent.click(within(panel).getByRole("button", { name: "Close conversation" }));
    expect(screen.queryByRole("region", { name: "Conversation with Vera" })).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it("goes from a transcript to the contact: the card and their conversations, each openable", async () => {
    await searchFor("refund");
    fireEvent.click(within(results()).getByRole("button", { name: "Vera" }));
    await settle();
    const panel = screen.getByRole("region", { name: "Conversation with Vera" });
    fireEvent.click(within(panel).getByRole("link", { name: "View contact Vera" }));
    await settle();
    expect(window.location.pathname + window.location.search).toBe("/admin/contact?id=c1");
    const card = screen.getByRole("region", { name: "Vera Verified" });
    expect(document.activeElement).toBe(within(card).getByRole("heading", { name: "Vera Verified" }));
    for (const text of ["vera@example.test", "+33 6 12 34 56 78", "cust-42", "2"]) expect(within(card).getByText(text)).toBeTruthy();
    const table = screen.getByRole("table", { name: "Conversations" });
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    fireEvent.click(within(table).getAllByRole("button")[1]);
    await settle();
    const older = screen.getByRole("region", { name: "Conversation with Vera" });
    expect(within(older).getByText("An older question")).toBeTruthy();
    expect(within(older).queryByRole("link", { name: /View contact/ })).toBeNull();

    window.history.back();
    await new Promise((r) => setTimeout(r, 20));
    await settle();
    expect(screen.getByRole("region", { name: "Results" })).toBeTruthy();
  });

  it("shows the server's refusal of a search, and checks the dates before sending", async () => {
    const { srv } = await searchFor("refund");
    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "the query is too long." } } });
    fireEvent.change(screen.getByLabelText("Words"), { target: { value: "x".repeat(600) } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await settle();
    expect(screen.getByRole("alert").textContent).toBe("The server refused this search: the query is too long. Change the words or filters and search again.");

    const before = srv.searches.length;
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2024-06-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2024-05-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(screen.getByText("The “To” date is before the “From” date. Change one of them.")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("To"));
    expect(srv.searches.length).toBe(before);
  });

  it("asks for words or a filter instead of sending an empty search", async () => {
    const srv = server();
    await openConsole("/admin/search", srv.answer);
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    expect(screen.getByRole("alert").textContent).toBe("Type words to search for, or choose at least one filter.");
    expect(document.activeElement).toBe(screen.getByLabelText("Words"));
    expect(srv.searches).toHaveLength(0);
  });
});
