// What the server accepts in the widget settings (mirrored so the form says
// what is wrong before sending; the server still decides), the languages the
// visitor app speaks, colours, and the embed code.
import type { VisitorLocale, WidgetSettings } from "@webchat/shared";

export const TITLE_MAX = 60;
export const GREETING_MAX = 200;

/** The locale choices, each language by its own name; "" follows the visitor's browser. */
export const LOCALES: { value: VisitorLocale | ""; name: string }[] = [
  { value: "", name: "Visitor’s browser" },
  { value: "en", name: "English" },
  { value: "es", name: "Español" },
  { value: "fr", name: "Français" },
  { value: "de", name: "Deutsch" },
  { value: "pt", name: "Português" },
  { value: "ar", name: "العربية" },
];

/** The script attributes that override a setting on one page. */
export const OVERRIDES = ["data-title", "data-greeting", "data-color", "data-position", "data-locale", "data-site"];

export type Problems = Partial<Record<keyof WidgetSettings, string>>;

const chars = (s: string) => [...s].length;

/** "#3B2" → "#33bb22", "#3B2F8F" → "#3b2f8f"; null for anything else. */
export function hex6(color: string): string | null {
  const c = color.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{3}$/.test(c)) return `#${[...c.slice(1)].map((d) => d + d).join("")}`;
  return null;
}

function httpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

export function check(s: WidgetSettings): Problems {
  const problems: Problems = {};
  const title = chars(s.title.trim());
  if (!title) problems.title = "Enter a title: visitors read it at the top of the chat.";
  else if (title > TITLE_MAX) problems.title = `Use at most ${TITLE_MAX} characters (now ${title}).`;
  const greeting = chars(s.greeting.trim());
  if (greeting > GREETING_MAX) problems.greeting = `Use at most ${GREETING_MAX} characters (now ${greeting}).`;
  if (!hex6(s.color)) problems.color = "Enter a colour as # and 3 or 6 hex digits, for example #3b2f8f, or pick one.";
  const site = s.site.trim();
  if (site && !httpUrl(site)) problems.site = "Enter a full address starting with https:// or http://, or leave it empty.";
  return problems;
}

/** The body to PUT: text trimmed, the colour as #rrggbb. */
export function tidy(s: WidgetSettings): WidgetSettings {
  return { ...s, title: s.title.trim(), greeting: s.greeting.trim(), color: hex6(s.color) ?? s.color, site: s.site.trim() };
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast of white text on `hex` (#rrggbb), 1 to 21. */
export const contrastWithWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

/** The one line a site adds to its pages. */
export const embedCode = (origin: string) => `<script src="${origin}/widget.js" async></script>`;
