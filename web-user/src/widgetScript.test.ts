// widget/widget.js, the one-line embed, run in jsdom: its closed shadow root
// is caught as it is attached, so the test sees what a visitor would.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import SOURCE from "../../widget/widget.js?raw";

const SERVER = "https://chat.test";

async function embed(settings: Record<string, unknown> | null, attributes: Record<string, string> = {}) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string) => {
    calls.push(url);
    if (url.endsWith("/api/settings/widget") && settings) return new Response(JSON.stringify(settings));
    if (url.endsWith("/api/config")) return new Response(JSON.stringify({ whatsappNumber: null }));
    return new Response("", { status: 404 });
  });
  let root: ShadowRoot | null = null;
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, "attachShadow").mockImplementation(function (this: Element, init) {
    root = attach.call(this, init);
    return root;
  });
  const script = document.createElement("script");
  script.src = `${SERVER}/widget.js`;
  for (const [k, v] of Object.entries(attributes)) script.setAttribute(`data-${k}`, v);
  document.body.append(script);
  Object.defineProperty(document, "currentScript", { value: script, configurable: true });
  new Function(SOURCE)();
  await flush();
  await flush();
  const shadow = root as ShadowRoot | null;
  if (!shadow) throw new Error("the widget did not mount");
  const bubble = shadow.querySelector("button")!;
  const panel = shadow.querySelector("iframe")!;
  return { calls, shadow, bubble, panel, host: shadow.host as HTMLElement };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.innerHTML = "";
});

describe("widget.js", () => {
  it("with no attributes takes the console's settings from its own server: colour, side, and what the frame shows", async () => {
    const settings = { title: "Acme help", greeting: "Hi!", color: "#0f766e", position: "left", site: "", locale: "" };
    const { calls, bubble, panel, host } = await embed(settings);
    expect(calls).toEqual([`${SERVER}/api/settings/widget`, `${SERVER}/api/config`]);
    expect(bubble.style.background).toBe("rgb(15, 118, 110)");
    expect(host.style.left).toBe("0px");
    expect(bubble.textContent).toBe("Chat");
    bubble.click();
    const src = new URL(panel.src);
    expect(src.origin + src.pathname).toBe(`${SERVER}/widget.html`);
    expect(Object.fromEntries(src.searchParams)).toEqual({ site: location.origin, title: "Acme help", greeting: "Hi!", color: "#0f766e", locale: "en" });
    expect(bubble.getAttribute("aria-expanded")).toBe("true");
    expect(bubble.textContent).toBe("Close");
  });

  it("lets the page's data-* attributes override the settings, and no colour but #rgb/#rrggbb into the CSS", async () => {
    const settings = { title: "Acme", color: "red;background:url(x)", position: "left", site: "https://acme.test", locale: "fr" };
    const { bubble, panel, host } = await embed(settings, { position: "right", locale: "ar", site: "https://shop.test", color: "#12345" });
    expect(bubble.getAttribute("style")).toBeNull();
    expect(host.style.right).toBe("0px");
    expect(bubble.textContent).toBe("دردشة");
    expect(bubble.dir).toBe("rtl");
    bubble.click();
    const query = new URL(panel.src).searchParams;
    expect(query.get("site")).toBe("https://shop.test");
    expect(query.get("locale")).toBe("ar");
    expect(query.has("color")).toBe(false);
  });

  it("still shows the bubble when the server has no settings, in the browser's language", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["de-AT", "en"]);
    const { bubble } = await embed(null);
    expect(bubble.textContent).toBe("Chat");
    bubble.click();
    expect(bubble.textContent).toBe("Schließen");
  });

  it("opens into the chat, and Escape (in the chat or on the bubble) closes it with the focus back on the bubble", async () => {
    const { shadow, bubble, panel } = await embed({ color: "#000000" });
    bubble.click();
    expect(panel.classList.contains("open")).toBe(true);
    expect(shadow.activeElement).toBe(panel);
    window.dispatchEvent(new MessageEvent("message", { data: { type: "webchat:close" }, origin: "https://elsewhere.test", source: panel.contentWindow }));
    expect(panel.classList.contains("open")).toBe(true);
    window.dispatchEvent(new MessageEvent("message", { data: { type: "webchat:close" }, origin: SERVER, source: panel.contentWindow }));
    expect(panel.classList.contains("open")).toBe(false);
    expect(shadow.activeElement).toBe(bubble);
    expect(bubble.getAttribute("aria-expanded")).toBe("false");
    bubble.click();
    bubble.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    expect(panel.classList.contains("open")).toBe(false);
    expect(shadow.activeElement).toBe(bubble);
  });
});
