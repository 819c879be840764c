import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { ChatPanel } from "../components/ChatPanel";
import { checkedColor, resolveLook } from "../look";
import { chatActions, chatState } from "../test/fixtures";
import { setup } from "../test/harness";
import { I18nProvider } from "./context";
import { ar } from "./ar";
import { de } from "./de";
import { en } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { pt } from "./pt";
import { LOCALES, makeI18n, pickLocale } from "./index";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
  document.documentElement.removeAttribute("lang");
});

describe("the visitor's language", () => {
  it("is the widget settings' when set, whatever the browser prefers", () => {
    expect(resolveLook({ locale: "fr" }, {}, ["de-DE", "en"]).locale).toBe("fr");
    // the page's own choice (widget.js data-locale, in the frame's query) beats the settings
    expect(resolveLook({ locale: "fr" }, { locale: "pt" }, ["de-DE"]).locale).toBe("pt");
  });

  it("else the first of the browser's languages we have, else English", () => {
    expect(resolveLook({ locale: "" }, {}, ["it-IT", "es-MX", "de"]).locale).toBe("es");
    expect(pickLocale("", ["pt-BR"])).toBe("pt");
    expect(pickLocale(null, ["ja", "zh-CN"])).toBe("en");
    expect(pickLocale("xx", [])).toBe("en");
  });

  it("Arabic: the page turns right to left, in Arabic", () => {
    render(
      <I18nProvider locale="ar">
        <ChatPanel state={chatState({ view: "form", session: null, displayName: "" })} actions={chatActions()} />
      </I18nProvider>,
    );
    expect(document.documentElement.getAttribute("dir")).toBe("rtl");
    expect(document.documentElement.getAttribute("lang")).toBe("ar");
    expect(screen.getByRole("button", { name: "ابدأ الدردشة" })).toBeTruthy();
    expect(screen.getByLabelText("اسمك")).toBeTruthy();
  });

  it("Spanish: the shared pieces too (a message still sending)", () => {
    const pending = [{ clientMsgId: "c1", sessionId: "s1", text: "hola", createdAt: "" }];
    render(
      <I18nProvider locale="es">
        <ChatPanel state={chatState({ pending })} actions={chatActions()} />
      </I18nProvider>,
    );
    expect(document.documentElement.getAttribute("dir")).toBe("ltr");
    expect(screen.getByRole("button", { name: "Enviar" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Hablar con una persona" })).toBeTruthy();
    expect(screen.getByText("Tú")).toBeTruthy();
    expect(screen.getByText("Enviando…")).toBeTruthy();
  });

  it("is told to the server in hello, which then writes its system messages in it", async () => {
    const { client, socket } = setup({ locale: "de" });
    client.start("Vera");
    socket().connect();
    expect(socket().last("hello").payload).toEqual({ role: "user", displayName: "Vera", locale: "de" });
    socket().reply("hello", { user: { id: "u1", role: "user", displayName: "Vera" }, token: "tok" });
    await flush();
    expect(socket().last("session:create")).toBeTruthy();
  });

  it("counts in the language's plural forms", () => {
    const { t } = makeI18n("ar", ["ar"]);
    expect(t("ui.tooLong", { count: 1 })).toBe("حرف واحد زائد");
    expect(t("ui.tooLong", { count: 2 })).toBe("حرفان زائدان");
    expect(t("ui.tooLong", { count: 5 })).toBe("5 أحرف زائدة");
    expect(makeI18n("en", []).t("ui.tooLong", { count: 1234 })).toBe("1,234 characters too long");
  });

  it("has every text in every language", () => {
    const keys = Object.keys(en).sort();
    for (const catalog of [es, fr, de, pt, ar]) expect(Object.keys(catalog).sort()).toEqual(keys);
    expect(LOCALES).toEqual(["en", "es", "fr", "de", "pt", "ar"]);
  });
});

describe("the widget settings' look", () => {
  it("takes the title, greeting and a checked colour, the page's own choices on top", () => {
    expect(resolveLook({ title: "Acme", greeting: "Hello!", color: "#0A7", site: "https://acme.test", locale: "" }, {}, [])).toEqual({
      title: "Acme",
      greeting: "Hello!",
      color: "#00aa77",
      locale: "en",
      site: "https://acme.test",
    });
    expect(resolveLook({ title: "Acme", color: "#112233" }, { title: "Shop help", color: "#abcdef" }, []).title).toBe("Shop help");
    expect(resolveLook(null, {}, [])).toMatchObject({ title: "Webchat", greeting: "", color: null });
  });

  it("lets no other colour into the CSS", () => {
    for (const bad of ["red", "#12345", "#1234567", "#abc;background:url(x)", "expression(alert(1))", "", null, 7]) expect(checkedColor(bad)).toBeNull();
    expect(checkedColor("#ABCDEF")).toBe("#abcdef");
  });
});
