import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WidgetSettings } from "@webchat/shared";
import { bodyOf, openConsole, settle, type Reply } from "../test/console";

const stored: WidgetSettings = { title: "Acme support", greeting: "Hi! How can we help?", color: "#3b2f8f", position: "right", site: "", locale: "" };

/** A stand-in server holding the settings; `refuse` answers the next PUT instead of it. */
function server(initial: WidgetSettings = stored) {
  let settings = initial;
  const puts: unknown[] = [];
  let refuse: Reply | null = null;
  const answer = (url: string, init: RequestInit): Reply | undefined => {
    if (url !== "/api/settings/widget") return undefined;
    if ((init.method ?? "GET") === "GET") return { status: 200, body: settings };
    puts.push(bodyOf(init));
    if (refuse) return refuse;
    settings = bodyOf(init);
    return { status: 200, body: settings };
  };
  return { answer, puts, refuseWith: (r: Reply) => (refuse = r) };
}

async function openWidget(initial?: WidgetSettings) {
  const srv = server(initial);
  await openConsole("/admin/widget", srv.answer);
  return srv;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const preview = () => screen.getByRole("region", { name: "Preview" });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save widget settings" }));

describe("Widget page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows every setting as stored, with a preview of the chat", async () => {
    await openWidget();
    expect(screen.getByRole("link", { name: "Widget" }).getAttribute("aria-current")).toBe("page");
    expect(field("Title").value).toBe("Acme support");
    expect((screen.getByLabelText("Greeting") as HTMLTextAreaElement).value).toBe("Hi! How can we help?");
    expect(field("Pick a colour").value).toBe("#3b2f8f");
    expect(field("Hex code").value).toBe("#3b2f8f");
    const position = screen.getByRole("group", { name: "Position" });
    expect((within(position).getByLabelText("Bottom right") as HTMLInputElement).checked).toBe(true);
    const languages = within(screen.getByLabelText("Language")).getAllByRole("option");
    expect(languages.map((o) => o.textContent)).toEqual(["Visitor’s browser", "English", "Español", "Français", "Deutsch", "Português", "العربية"]);
    expect(languages[6].getAttribute("lang")).toBe("ar");
    expect(field("Site").getAttribute("aria-describedby")).toBe("widget-site-hint");
    expect(within(preview()).getByText("Acme support")).toBeTruthy();
    expect(within(preview()).getByText("Hi! How can we help?")).toBeTruthy();
    expect(within(preview()).getByRole("img", { name: "Chat bubble, bottom right" })).toBeTruthy();
  });

  it("keeps the picker and the hex code in sync, previews as you edit, and saves the whole object", async () => {
    const srv = await openWidget();
    type("Hex code", "#E11");
    expect(field("Pick a colour").value).toBe("#ee1111");
    type("Hex code", "#E11D4"); // mid-edit: the picker keeps the last good colour
    expect(field("Pick a colour").value).toBe("#ee1111");
    fireEvent.input(field("Pick a colour"), { target: { value: "#0f766e" } });
    expect(field("Hex code").value).toBe("#0f766e");
    const bubble = within(preview()).getByRole("img", { name: /Chat bubble/ });
    expect(bubble.style.background).toBe("rgb(15, 118, 110)");
    type("Title", "  Help desk ");
    expect(within(preview()).getByText("Help desk")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Bottom left"));
    expect(within(preview()).getByRole("img", { name: "Chat bubble, bottom left" })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "fr" } });
    type("Site", " https://www.acme.test ");
    save();
    await settle();
    expect(srv.puts).toEqual([{ title: "Help desk", greeting: "Hi! How can we help?", color: "#0f766e", position: "left", site: "https://www.acme.test", locale: "fr" }]);
    expect(screen.getByText(/^Widget settings saved\./)).toBeTruthy();
    expect(field("Title").value).toBe("Help desk");
  });

  it("says what is wrong with each field before sending, and focuses the first", async () => {
    const srv = await openWidget();
    type("Title", "   ");
    fireEvent.change(screen.getByLabelText("Greeting"), { target: { value: "x".repeat(201) } });
    type("Hex code", "purple");
    type("Site", "www.acme.test");
    save();
    await settle();
    expect(srv.puts).toEqual([]);
    expect(document.activeElement).toBe(field("Title"));
    const title = screen.getByText("Enter a title: visitors read it at the top of the chat.");
    expect(field("Title").getAttribute("aria-describedby")).toBe(`widget-title-hint ${title.id}`);
    expect(field("Title").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Use at most 200 characters (now 201).")).toBeTruthy();
    expect(field("Hex code").getAttribute("aria-describedby")).toContain("widget-color-error");
    expect(screen.getByText(/Enter a colour as # and 3 or 6 hex digits/)).toBeTruthy();
    expect(screen.getByText(/Enter a full address starting with https:\/\//)).toBeTruthy();
    type("Title", "x".repeat(61));
    expect(screen.getByText("Use at most 60 characters (now 61).")).toBeTruthy();
  });

  it("shows the server's refusal next to the form and keeps what was typed", async () => {
    const srv = await openWidget();
    srv.refuseWith({ status: 400, body: { error: { code: "invalid", message: "site must be an http(s) URL" } } });
    type("Site", "https://intranet.acme.test");
    save();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Could not save: site must be an http(s) URL");
    expect(alert.closest("form")?.getAttribute("aria-describedby")).toBe(alert.id);
    expect(field("Site").value).toBe("https://intranet.acme.test");
  });

  it("warns when white text would be hard to read on the colour", async () => {
    await openWidget({ ...stored, color: "#fde68a" });
    expect(within(preview()).getByText(/White text on #fde68a is hard to read/)).toBeTruthy();
  });

  it("gives the embed code with a Copy button, and the per-page attributes", async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    await openWidget();
    const embed = screen.getByRole("region", { name: "Add the widget to your site" });
    const code = `<script src="${window.location.origin}/widget.js" async></script>`;
    expect(within(embed).getByText(code)).toBeTruthy();
    fireEvent.click(within(embed).getByRole("button", { name: "Copy the embed code" }));
    await settle();
    expect(writeText).toHaveBeenCalledWith(code);
    expect(within(embed).getByRole("status").textContent).toBe("Copied to the clipboard.");
    for (const a of ["data-title", "data-greeting", "data-color", "data-position", "data-locale", "data-site"]) expect(within(embed).getByText(a)).toBeTruthy();
  });

  it("says when it cannot copy, and selects the code instead", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: undefined });
    await openWidget();
    fireEvent.click(screen.getByRole("button", { name: "Copy the embed code" }));
    await settle();
    expect(screen.getByText(/Could not copy: the code is selected/)).toBeTruthy();
    expect(window.getSelection()?.toString()).toContain("/widget.js");
  });
});
