import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { ChatClient } from "./chatClient";
import { EmbedApp } from "./EmbedApp";
import { focusEntry } from "./focus";
import { connectHost } from "./hostBridge";
import { resolveLook } from "./look";
import { adoptLegacyWidgetKeys } from "./storageKeys";
import { session } from "./test/fixtures";

const vera = { id: "u1", role: "user", displayName: "Vera" };

function widgetClient(storage = memoryStorage()) {
  const sockets: FakeSocket[] = [];
  const client = new ChatClient({
    storage,
    site: "https://shop.test",
    keyPrefix: "webchat.widget",
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
  });
  return { client, storage, socket: () => sockets[sockets.length - 1] };
}

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status });
}

afterEach(() => vi.unstubAllGlobals());

describe("the widget's frame (embed mode)", () => {
  it("opens its session for the host site, under its own storage keys", async () => {
    const { client, storage, socket } = widgetClient();
    client.start("Vera");
    const s = socket();
    s.connect();
    // another open session of this visitor (another site) is not taken over
    s.reply("hello", { user: vera, token: "wtok", sessions: [session({ id: "elsewhere" })] });
    await flush();
    expect(s.all("session:join")).toHaveLength(0);
    expect(s.last("session:create").payload).toEqual({ site: "https://shop.test" });
    s.reply("session:create", { session: session({ site: "https://shop.test" }) });
    await flush();
    expect(storage.getItem("webchat.widget.token")).toBe("wtok");
    expect(storage.getItem("webchat.widget.session:https://shop.test")).toBe("s1");
    expect(storage.getItem("webchat.user.token")).toBeNull();
    expect(client.getState().view).toBe("chat");
  });

  it("resumes the host site's session after a reload", async () => {
    const first = widgetClient();
    first.storage.setItem("webchat.widget.token", "wtok");
    first.storage.setItem("webchat.widget.session:https://shop.test", "s1");
    const { client, socket } = widgetClient(first.storage);
    expect(client.getState().view).toBe("chat");
    client.init();
    const s = socket();
    s.connect();
    s.reply("hello", { user: vera, token: "wtok", sessions: [] });
    await flush();
    expect(s.last("session:join").payload).toEqual({ sessionId: "s1" });
  });

  it("keeps a chat the old widget page had open", () => {
    const storage = memoryStorage();
    storage.setItem("webchat-widget-token", "old");
    storage.setItem("webchat-widget-session:https://shop.test", "s7");
    adoptLegacyWidgetKeys(storage, "https://shop.test");
    expect(storage.getItem("webchat.widget.token")).toBe("old");
    expect(storage.getItem("webchat.widget.session:https://shop.test")).toBe("s7");
    expect(storage.getItem("webchat-widget-token")).toBeNull();
    expect(widgetClient(storage).client.getState().view).toBe("chat");
  });

  it("shows the same chat panel as the page, with the ingest bar when ingest is public", async () => {
    const calls: string[] = [];
    vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? "GET"} ${url}`);
      if (url === "/api/config") return json({ whatsappNumber: null, ingestPublic: true });
      if (url === "/ingest") return json({ jobId: "j1" }, 202);
      return json({ status: "done", pagesDone: 3, pagesFailed: 1 });
    });
    const { client } = widgetClient();
    render(<EmbedApp client={client} look={resolveLook(null, { site: "https://shop.test" })} />);
    expect(screen.getByRole("region", { name: "Chat" })).toBeTruthy();
    expect(screen.getByLabelText("Your name")).toBeTruthy();
    const site = (await screen.findByLabelText("Site to ingest")) as HTMLInputElement;
    expect(site.value).toBe("https://shop.test");
    fireEvent.click(screen.getByRole("button", { name: "Ingest" }));
    expect(await screen.findByText("done: 3 pages, 1 failed")).toBeTruthy();
    expect(calls).toEqual(["GET /api/config", "POST /ingest", "GET /ingest/j1"]);
  });
});

describe("the widget's frame and its host page", () => {
  function framed() {
    const host = { postMessage: vi.fn() } as unknown as Window & { postMessage: ReturnType<typeof vi.fn> };
    const handlers = { pageChanged: vi.fn(), focus: vi.fn() };
    connectHost(window, host, handlers);
    const post = (data: unknown, source: unknown = host) => window.dispatchEvent(new MessageEvent("message", { data, source: source as Window }));
    return { host, handlers, post };
  }

  it("Escape asks the host to close the panel (and give the focus back to the bubble)", () => {
    const { host } = framed();
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(host.postMessage).toHaveBeenCalledWith({ type: "webchat:close" }, "*");
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(host.postMessage).toHaveBeenCalledTimes(1);
  });

  it("the host opening the panel puts the keyboard in the chat; page changes reach the agent; anyone else is ignored", () => {
    const { handlers, post } = framed();
    post({ type: "webchat:focus" });
    expect(handlers.focus).toHaveBeenCalledTimes(1);
    post({ type: "webchat:page", url: "https://shop.test/b" });
    expect(handlers.pageChanged).toHaveBeenCalledWith({ url: "https://shop.test/b" });
    post({ type: "webchat:focus" }, window);
    expect(handlers.focus).toHaveBeenCalledTimes(1);
  });

  it("moves the focus to the chat's entry field when asked", () => {
    const { client } = widgetClient();
    render(<EmbedApp client={client} look={resolveLook(null, { site: "https://shop.test" })} />);
    (document.activeElement as HTMLElement).blur();
    expect(document.activeElement).toBe(document.body);
    focusEntry(document);
    expect(document.activeElement).toBe(screen.getByLabelText("Your name"));
  });
});
