import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { msg } from "../testing/fixtures";
import { CharCount, messageLimit } from "./CharCount";
import { LinkedText, linkify } from "./linkify";
import { MessageItem, PendingItem } from "./messages";

const links = (text: string) => linkify(text).filter((p) => p.href).map((p) => p.href);

const liveRegion = () => document.querySelector("[aria-live=polite].char-count-live")!;

describe("linkify", () => {
  it("links http, https and mailto, keeping the text around them", () => {
    const parts = linkify("See http://a.example/x and HTTPS://b.example/y?q=1#z or mailto:help@c.example now");
    expect(parts.map((p) => p.text).join("")).toBe("See http://a.example/x and HTTPS://b.example/y?q=1#z or mailto:help@c.example now");
    expect(links("See http://a.example/x and HTTPS://b.example/y?q=1#z or mailto:help@c.example now")).toEqual([
      "http://a.example/x",
      "https://b.example/y?q=1#z",
      "mailto:help@c.example",
    ]);
    expect(parts[0]).toEqual({ text: "See " });
    expect(parts.at(-1)).toEqual({ text: " now" });
  });

  it("never links javascript:, data:, vbscript: or other schemes", () => {
    for (const t of ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://a.example/f", "file:///etc/passwd", "mailto:nobody", "https://"]) {
      expect(links(t), t).toEqual([]);
      expect(linkify(t).map((p) => p.text).join("")).toBe(t);
    }
    expect(links("xhttps://a.example")).toEqual([]);
  });

  it("leaves trailing punctuation and unopened brackets out of the link", () => {
    expect(linkify("Go to https://a.example/x.")).toEqual([{ text: "Go to " }, { text: "https://a.example/x", href: "https://a.example/x" }, { text: "." }]);
    expect(links("(see https://a.example/y), ok")).toEqual(["https://a.example/y"]);
    expect(links("wow https://a.example!!")).toEqual(["https://a.example/"]);
    expect(links("is it https://a.example/q?")).toEqual(["https://a.example/q"]);
    expect(links("https://en.wikipedia.org/wiki/Rust_(language)")).toEqual(["https://en.wikipedia.org/wiki/Rust_(language)"]);
    expect(links('"https://a.example/z";')).toEqual(["https://a.example/z"]);
  });

  it("renders links that open in a new tab without the opener, and nothing as HTML", () => {
    const { container } = render(
      <p>
        <LinkedText text={"<b>hi</b> https://a.example/p, javascript:alert(1)"} />
      </p>,
    );
    const a = screen.getByRole("link", { name: "https://a.example/p" });
    expect(a.getAttribute("href")).toBe("https://a.example/p");
    expect(a.getAttribute("target")).toBe("_blank");
    expect(a.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(container.querySelectorAll("a")).toHaveLength(1);
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toBe("<b>hi</b> https://a.example/p, javascript:alert(1)");
  });
});

describe("message text", () => {
  it("keeps line breaks and links in stored and pending messages", () => {
    render(
      <ol>
        <MessageItem message={msg(1, { text: "line one\nline two https://a.example" })} sender="Ann" />
        <PendingItem pending={{ clientMsgId: "c1", sessionId: "s1", text: "a\nb", createdAt: "" }} side="user" />
      </ol>,
    );
    const texts = document.querySelectorAll(".msg-text");
    expect(texts[0].textContent).toBe("line one\nline two https://a.example");
    expect(screen.getByRole("link", { name: "https://a.example" })).toBeTruthy();
    expect(texts[1].textContent).toBe("a\nb");
  });
});

describe("CharCount", () => {
  it("counts code points of the trimmed text, an emoji as one", () => {
    expect(messageLimit("  😀é  ").chars).toBe(2);
    expect(messageLimit("😀".repeat(4000))).toEqual({ chars: 4000, over: 0, near: true });
    expect(messageLimit("😀".repeat(4001)).over).toBe(1);
    expect(messageLimit("a".repeat(3599)).near).toBe(false);
  });

  it("shows nothing far from the limit, the count near it, and how many too many over it", () => {
    const { rerender, container } = render(<CharCount id="c" limit={messageLimit("hi")} />);
    expect(container.textContent).toBe("");
    rerender(<CharCount id="c" limit={messageLimit("a".repeat(3812))} />);
    expect(container.textContent).toBe("3,812 / 4,000");
    rerender(<CharCount id="c" limit={messageLimit("a".repeat(4123))} />);
    expect(container.textContent).toBe("4,123 / 4,000 — 123 characters too long");
    expect(liveRegion().textContent).toBe(" — 123 characters too long");
    rerender(<CharCount id="c" limit={messageLimit("a".repeat(4001))} />);
    expect(liveRegion().textContent).toBe(" — 1 character too long");
  });
});
