import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { FakeXhr, fakeFile } from "@webchat/shared/testing/fakeXhr";
import { AttachmentsProvider } from "@webchat/shared/ui";
import { hostPageMessage, readHostContext } from "./visitorContext";
import { chatting, Panel, setup, vera } from "./test/harness";

const identity = { externalId: "cust-7", email: "vera@example.test", name: "Vera J", hash: "abc123" };
const page = { url: "https://shop.test/cart", title: "Cart", referrer: "https://search.example/" };

describe("the visitor's page", () => {
  it("is sent with visitor:page once the session is created, and again on a host navigation", async () => {
    const { client, s } = await chatting({ page: () => page });
    expect(s.last("visitor:page").payload).toEqual({ sessionId: "s1", ...page });
    s.reply("visitor:page", {});
    client.pageChanged({ url: "https://shop.test/checkout", title: "Checkout" });
    await flush();
    expect(s.last("visitor:page").payload).toEqual({ sessionId: "s1", url: "https://shop.test/checkout", title: "Checkout" });
  });

  it("is read from the widget's fragment and from the host's page messages only", () => {
    const hash = "#" + new URLSearchParams({ page: page.url, title: "Cart", referrer: page.referrer, identity: JSON.stringify(identity) });
    expect(readHostContext(hash)).toEqual({ page, identity });
    expect(readHostContext("#identity=%7Bbad")).toEqual({ page: null, identity: null });
    expect(readHostContext("")).toEqual({ page: null, identity: null });
    expect(hostPageMessage({ type: "webchat:page", url: "https://a.test/x", title: "" })).toEqual({ url: "https://a.test/x" });
    expect(hostPageMessage({ type: "other", url: "https://a.test/x" })).toBeNull();
  });
});

describe("a signed-in visitor", () => {
  it("says hello with the identity, no name asked", async () => {
    const { client, socket } = setup({ identity });
    expect(client.getState().identified).toBe(true);
    client.start("");
    const s = socket();
    s.connect();
    expect(s.last("hello").payload).toEqual({ role: "user", identity });
    s.reply("hello", { user: { ...vera, displayName: "Vera J" }, token: "vtok", sessions: [] });
    await flush();
    expect(s.last("session:create")).toBeTruthy();
  });

  it("falls back to an anonymous visitor with a console warning when the hash is refused", async () => {
    const warn = vi.fn();
    const { client, socket } = setup({ identity, warn });
    client.start("");
    const s = socket();
    s.connect();
    s.fail("hello", "unauthorized", "bad identity");
    await flush();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("refused the visitor identity"));
    expect(s.last("hello").payload).toEqual({ role: "user", displayName: "Vera J" });
    s.reply("hello", { user: vera, token: "tok", sessions: [] });
    await flush();
    expect(client.getState().identified).toBe(false);
    expect(s.last("session:create")).toBeTruthy();
  });
});

describe("files from the visitor", () => {
  beforeEach(() => {
    FakeXhr.install();
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: vi.fn(() => "blob:x/1"), revokeObjectURL: vi.fn() }));
  });
  afterEach(() => vi.unstubAllGlobals());

  it("a pasted screenshot uploads with a progress bar, then goes with the message and shows on it", async () => {
    const { client, s } = await chatting();
    const blob = vi.fn(async () => new Blob(["png"], { type: "image/png" }));
    render(
      <AttachmentsProvider value={{ blob }}>
        <Panel client={client} />
      </AttachmentsProvider>,
    );
    const shot = fakeFile("image.png", "image/png", 2000);
    fireEvent.paste(screen.getByLabelText("Message"), { clipboardData: { types: ["Files"], items: [{ kind: "file", getAsFile: () => shot }], files: [shot] } });
    const x = FakeXhr.last();
    expect(x.headers.authorization).toBe("Bearer tok");
    expect(x.body?.get("sessionId")).toBe("s1");
    act(() => x.progress(1000, 2000));
    expect(screen.getByRole("progressbar", { name: /^Uploading screenshot-/ }).getAttribute("value")).toBe("50");
    const att = { id: "f1", name: (x.body?.get("file") as File).name, contentType: "image/png", size: 2000, url: "/api/attachments/f1" };
    await act(async () => x.respond(201, { attachment: att }));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(s.last("message:send").payload).toMatchObject({ sessionId: "s1", text: "", attachmentIds: ["f1"] });
    const { clientMsgId } = s.last("message:send").payload as { clientMsgId: string };
    s.reply("message:send", { message: { id: "m1", sessionId: "s1", seq: 1, senderType: "user", text: "", createdAt: "2026-01-01T10:00:00Z", clientMsgId, attachments: [att] } });
    await act(flush);
    await act(flush);
    expect(screen.getByRole("img", { name: att.name }).getAttribute("src")).toBe("blob:x/1");
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  it("says what to do when the upload fails, and retries", async () => {
    const { client } = await chatting();
    render(<Panel client={client} />);
    fireEvent.change(screen.getByLabelText("Attach file"), { target: { files: [fakeFile("a.pdf", "application/pdf")] } });
    await act(async () => FakeXhr.last().networkError());
    expect(screen.getByRole("alert").textContent).toContain("Check your connection and retry.");
    fireEvent.click(screen.getByRole("button", { name: "Retry a.pdf" }));
    expect(FakeXhr.all).toHaveLength(2);
  });
});
