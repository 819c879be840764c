import { describe, expect, it, vi } from "vitest";
import page from "../../api-docs.html?raw";
import { pageLandmarks, pageProps, pageType, type BundledReact } from "./landmarks";
import { docsOptions } from "./options";

describe("the API docs page", () => {
  it("is in English, with one main landmark holding the h1, the line that says what it is, and Swagger UI's place", () => {
    const doc = new DOMParser().parseFromString(page, "text/html");
    expect(doc.documentElement.lang).toBe("en");
    expect(doc.title).toBe("Webchat API");
    const mains = doc.querySelectorAll("main");
    expect(mains).toHaveLength(1);
    expect([...mains[0].querySelectorAll("h1")].map((h) => h.textContent)).toEqual(["Webchat API"]);
    expect(mains[0].querySelector(".docs-intro > p")!.textContent).toBe(
      "Every HTTP route of this server. Authorize with a token from the console's API tokens page (or a login token) to try them.",
    );
    expect(mains[0].querySelector("#swagger-ui")).toBeTruthy();
    expect(doc.querySelector("header a")!.getAttribute("href")).toBe("/admin/");
  });

  it("loads its code from this origin only (the entry Vite bundles with swagger-ui-dist), no CDN", () => {
    const doc = new DOMParser().parseFromString(page, "text/html");
    expect([...doc.querySelectorAll("script")].map((s) => s.getAttribute("src"))).toEqual(["/src/docs/main.ts"]);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it("sets Swagger UI up over the server's OpenAPI document: deep links, the token kept, Try it out open, nothing from elsewhere", () => {
    const node = document.createElement("div");
    expect(docsOptions(node)).toEqual({
      domNode: node,
      url: "/api/openapi.json",
      deepLinking: true,
      persistAuthorization: true,
      tryItOutEnabled: true,
      validatorUrl: null,
      queryConfigEnabled: false,
      displayRequestDuration: true,
      requestSnippetsEnabled: true,
      plugins: [pageLandmarks],
    });
  });

  it("makes Swagger UI's own <main> a <div> and its title an <h2>, and leaves the rest alone", () => {
    expect(pageType("main", { id: "operations" })).toBe("div");
    expect(pageType("h1", { className: "title" })).toBe("h2");
    expect(pageType("h1", { className: "other" })).toBe("h1");
    expect(pageType("section", null)).toBe("section");
    expect(pageType("a", { className: "nostyle", href: "#/auth/me" })).toBe("span");
    expect(pageType("a", { className: "link", href: "/" })).toBe("a");

    const Component = () => null;
    expect(pageType(Component, {})).toBe(Component);

    const create = vi.fn((type: unknown) => ({ type }));
    const React: BundledReact = { createElement: create };
    pageLandmarks({ React });
    pageLandmarks({ React }); // registered twice, patched once
    expect(React.createElement("main", { id: "operations" }, "x")).toEqual({ type: "div" });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledWith("div", { id: "operations" }, "x");
  });

  it("makes the Authorize dialog a dialog, and names its buttons by what they show", () => {
    expect(pageProps("div", { className: "modal-ux" })).toEqual({
      className: "modal-ux",
      role: "dialog",
      "aria-modal": "true",
      "aria-label": "Available authorizations",
    });
    expect(pageProps("button", { className: "close-modal" })).toEqual({ className: "close-modal", "aria-label": "Close" });
    expect(pageProps("button", { className: "btn modal-btn auth authorize button", "aria-label": "Apply credentials", type: "submit" })).toEqual({
      className: "btn modal-btn auth authorize button",
      type: "submit",
    });
    expect(pageProps("button", { className: "btn execute" })).toEqual({ className: "btn execute" });
    expect(pageProps("div", null)).toBeNull();
  });
});
