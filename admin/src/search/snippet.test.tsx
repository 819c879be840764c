import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Snippet, snippetParts, unescapeHtml } from "./snippet";
import { fieldsFrom, paramsOf, problemOf, NO_SEARCH } from "./query";

describe("search snippets", () => {
  it("splits on the marks and unescapes the text between them", () => {
    expect(snippetParts("a <mark>b &amp; c</mark> &lt;i&gt; &#39;d&#x27; &quot;e&quot;")).toEqual([
      { text: "a ", mark: false },
      { text: "b & c", mark: true },
      { text: " <i> 'd' \"e\"", mark: false },
    ]);
    expect(unescapeHtml("&amp;lt; &bogus; &#0;")).toBe("&lt; &bogus; &#0;");
    expect(snippetParts("<mark>open to the end")).toEqual([{ text: "open to the end", mark: true }]);
  });

  it("never turns other tags into elements, escaped or not", () => {
    const { container } = render(<Snippet snippet={'<mark onclick="x()">a</mark> <img src=x onerror=alert(1)> &lt;b&gt;bold&lt;/b&gt; <mark>hit</mark>'} />);
    expect(container.querySelector("img, b, script, [onclick]")).toBeNull();
    expect([...container.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["hit"]);
    expect(container.textContent).toBe('<mark onclick="x()">a <img src=x onerror=alert(1)> <b>bold</b> hit');
  });
});

describe("search query", () => {
  it("reads what the form can show from the address and writes it back without empties", () => {
    const f = fieldsFrom(new URLSearchParams("q=a+b&status=open&channel=web&from=2024-05-01&to=yesterday&agentId=a2"));
    expect(f).toEqual({ ...NO_SEARCH, q: "a b", channel: "web", from: "2024-05-01", agentId: "a2" });
    expect(paramsOf({ ...f, tag: "  " })).toEqual({ q: "a b", agentId: "a2", channel: "web", from: "2024-05-01" });
    expect(problemOf({ ...NO_SEARCH, tag: "vip" })).toBeNull();
  });
});
