import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IngestProgress, KnowledgeSite } from "@webchat/shared";
import { bodyOf, openConsole, settle, type Reply } from "../test/console";
import { POLL_MS } from "./JobProgress";

const acme: KnowledgeSite = { site: "https://acme.test/", pages: 120, lastIngestAt: "2026-05-01T10:00:00Z", lastJob: { jobId: "j0", status: "done", pagesDone: 30, pagesFailed: 1 } };
const docs: KnowledgeSite = { site: "https://docs.acme.test/", pages: 0, lastIngestAt: null, lastJob: null };

/** A stand-in server: the sites, crawls started (`j1`, `j2`…) whose state the test sets, and what was sent. */
function server(initial: KnowledgeSite[] = [acme, docs]) {
  let sites = initial;
  const sent: { method: string; url: string; body: unknown }[] = [];
  const jobs = new Map<string, IngestProgress>();
  let refuse: Reply | null = null;
  let lists = 0;
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    const method = init.method ?? "GET";
    if (method !== "GET") sent.push({ method, url, body: bodyOf(init) });
    if (refuse && method !== "GET") return refuse;
    if (url === "/api/knowledge/sites") return (lists += 1), { status: 200, body: { sites } };
    if (url === "/ingest" && method === "POST") {
      const jobId = `j${jobs.size + 1}`;
      jobs.set(jobId, { status: "queued", pagesDone: 0, pagesFailed: 0 });
      return { status: 202, body: { jobId } };
    }
    const job = jobs.get(url.match(/^\/ingest\/(.+)$/)?.[1] ?? "");
    if (job) return { status: 200, body: job };
    if (url.startsWith("/api/knowledge/sites?site=") && method === "DELETE") {
      sites = sites.filter((s) => s.site !== decodeURIComponent(url.split("=")[1]));
      return { status: 204 };
    }
    return undefined;
  };
  return { answer, sent, jobs, lists: () => lists, refuseWith: (r: Reply | null) => (refuse = r), setSites: (s: KnowledgeSite[]) => (sites = s) };
}

async function openKnowledge(initial?: KnowledgeSite[]) {
  const srv = server(initial);
  const h = await openConsole("/admin/knowledge", srv.answer);
  return { ...h, srv };
}

const table = () => screen.getByRole("table", { name: "Knowledge" });
const rowOf = (site: string) => within(table()).getByRole("rowheader", { name: site }).closest("tr")!;
const crawls = () => screen.getByRole("region", { name: "Crawls" });
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const crawl = () => fireEvent.click(screen.getByRole("button", { name: "Crawl site" }));

describe("Knowledge page", () => {
  afterEach(() => void vi.useRealTimers());

  it("lists the sites with their pages, last crawl and last job", async () => {
    await openKnowledge();
    expect(screen.getByRole("link", { name: "Knowledge" }).getAttribute("aria-current")).toBe("page");
    expect(within(rowOf("https://acme.test/")).getAllByRole("cell").map((c) => c.textContent)).toEqual(["120", new Date(acme.lastIngestAt!).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }), "Done · 30 pages, 1 failed", "Re-crawl https://acme.test/Forget https://acme.test/"]);
    const never = rowOf("https://docs.acme.test/");
    expect(within(never).getByText("Never")).toBeTruthy();
    expect(within(never).getByText("—")).toBeTruthy();
  });

  it("checks the address and the page limit before sending", async () => {
    const { srv } = await openKnowledge([]);
    expect(screen.getByText(/^No site yet/)).toBeTruthy();
    expect((screen.getByLabelText("Max pages") as HTMLInputElement).value).toBe("50");
    type("Site address", "acme.test");
    crawl();
    expect(screen.getByText(/^Enter the site’s full address/)).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText("Site address"));
    type("Site address", "https://acme.test/");
    type("Max pages", "501");
    crawl();
    expect(screen.getByText("Enter a whole number from 1 to 500.")).toBeTruthy();
    expect(screen.getByLabelText("Max pages").getAttribute("aria-invalid")).toBe("true");
    await settle();
    expect(srv.sent).toEqual([]);
  });

  it("starts a crawl and follows it live from the socket, then reads the list again", async () => {
    const h = await openKnowledge([]);
    type("Site address", " https://acme.test/ ");
    type("Max pages", "120");
    crawl();
    await settle();
    expect(h.srv.sent).toEqual([{ method: "POST", url: "/ingest", body: { site: "https://acme.test/", maxPages: 120 } }]);
    expect((screen.getByLabelText("Site address") as HTMLInputElement).value).toBe("");
    const line = within(crawls()).getByRole("status");
    expect(line.getAttribute("aria-live")).toBe("polite");
    expect(line.textContent).toBe("Waiting to start…");
    h.socket().fire("ingest:progress", { jobId: "j1", site: "https://acme.test/", pagesDone: 12, pagesFailed: 1, status: "running", currentUrl: "https://acme.test/pricing" });
    await settle();
    expect(line.textContent).toBe("12 pages read, 1 failed — reading https://acme.test/pricing");
    const bar = within(crawls()).getByRole("progressbar", { name: "https://acme.test/" }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([13, 120]);
    // The socket says it ended: the page asks the server at once, and lists the sites again.
    h.srv.jobs.set("j1", { status: "done", pagesDone: 30, pagesFailed: 1 });
    h.srv.setSites([{ ...acme, lastJob: { jobId: "j1", status: "done", pagesDone: 30, pagesFailed: 1 } }]);
    h.socket().fire("ingest:progress", { jobId: "j1", site: "https://acme.test/", pagesDone: 30, pagesFailed: 1, status: "done" });
    await settle();
    expect(line.textContent).toBe("Done: 30 pages, 1 failed.");
    expect(h.srv.lists()).toBe(2);
    expect(within(rowOf("https://acme.test/")).getByText("Done · 30 pages, 1 failed")).toBeTruthy();
    fireEvent.click(within(crawls()).getByRole("button", { name: "Dismiss the crawl of https://acme.test/" }));
    expect(screen.queryByRole("region", { name: "Crawls" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Knowledge" }));
  });

  it("polls the job every 2 s when the socket is quiet, and shows why a crawl failed", async () => {
    const h = await openKnowledge([]);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const tick = async (ms = 0) => {
      for (let i = 0; i < 6; i++) await vi.advanceTimersByTimeAsync(i === 0 ? ms : 0);
    };
    type("Site address", "https://acme.test/");
    crawl();
    await tick();
    const polls = () => h.http.calls.filter((c) => c.url === "/ingest/j1").length;
    expect(polls()).toBe(1);
    h.srv.jobs.set("j1", { status: "running", pagesDone: 4, pagesFailed: 0 });
    await tick(POLL_MS);
    expect(polls()).toBe(2);
    expect(within(crawls()).getByRole("status").textContent).toBe("4 pages read");
    h.srv.jobs.set("j1", { status: "failed", pagesDone: 4, pagesFailed: 2, error: "robots.txt disallows the site" });
    await tick(POLL_MS);
    expect(within(crawls()).getByRole("status").textContent).toBe("Failed: robots.txt disallows the site (4 pages read, 2 failed).");
    await tick(POLL_MS * 3);
    expect(polls()).toBe(3);
  });

  it("shows the server's refusal: a private address, too many crawls", async () => {
    const { srv } = await openKnowledge([]);
    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "private addresses are refused (set INGEST_ALLOW_PRIVATE=true to allow them)" } } });
    type("Site address", "http://10.0.0.5/");
    crawl();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Could not start the crawl: private addresses are refused (set INGEST_ALLOW_PRIVATE=true to allow them)");
    expect(alert.closest("section")?.querySelector("form")?.getAttribute("aria-describedby")).toBe(alert.id);
    srv.refuseWith({ status: 429, body: { error: { code: "rate_limited", message: "too many crawls queued; try again in a minute" } } });
    crawl();
    await settle();
    expect(screen.getByRole("alert").textContent).toBe("Could not start the crawl: too many crawls queued; try again in a minute");
    expect((screen.getByLabelText("Site address") as HTMLInputElement).value).toBe("http://10.0.0.5/");
  });

  it("crawls a site again with room for all its pages, one crawl at a time", async () => {
    const { srv } = await openKnowledge();
    fireEvent.click(within(rowOf("https://acme.test/")).getByRole("button", { name: "Re-crawl https://acme.test/" }));
    await settle();
    expect(srv.sent).toEqual([{ method: "POST", url: "/ingest", body: { site: "https://acme.test/", maxPages: 120 } }]);
    const busy = within(rowOf("https://acme.test/")).getByRole("button", { name: "Crawling… https://acme.test/" }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    srv.refuseWith({ status: 429, body: { error: { code: "rate_limited", message: "the crawl queue is full" } } });
    fireEvent.click(within(rowOf("https://docs.acme.test/")).getByRole("button", { name: "Re-crawl https://docs.acme.test/" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Could not crawl https://docs.acme.test/ again: the crawl queue is full");
    expect(srv.sent[1].body).toEqual({ site: "https://docs.acme.test/", maxPages: 50 });
  });

  it("forgets a site after asking, and keeps a refusal in the dialog", async () => {
    const { srv } = await openKnowledge();
    fireEvent.click(screen.getByRole("button", { name: "Forget https://acme.test/" }));
    let dialog = screen.getByRole("alertdialog", { name: "Forget https://acme.test/?" });
    expect(dialog.textContent).toContain("Its 120 pages are deleted and the bot stops answering from them.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Forget https://acme.test/" }));
    dialog = screen.getByRole("alertdialog");
    srv.refuseWith({ status: 403, body: { error: { code: "forbidden", message: "admins only" } } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Forget site" }));
    await settle();
    expect(within(dialog).getByRole("alert").textContent).toBe("Could not forget https://acme.test/: admins only");
    srv.refuseWith(null);
    fireEvent.click(within(dialog).getByRole("button", { name: "Forget site" }));
    await settle();
    expect(srv.sent.map((s) => `${s.method} ${s.url}`)).toEqual(["DELETE /api/knowledge/sites?site=https%3A%2F%2Facme.test%2F", "DELETE /api/knowledge/sites?site=https%3A%2F%2Facme.test%2F"]);
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(screen.getByText("https://acme.test/ was forgotten.")).toBeTruthy();
    expect(within(table()).queryByRole("rowheader", { name: "https://acme.test/" })).toBeNull();
  });
});
