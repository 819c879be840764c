// The chat's look and language from the console's widget settings
// (`GET /api/settings/widget`), with what the embedding page asked for on
// top (widget.js passes them in the frame's query): title, greeting, brand
// colour and locale. Asked once before the app starts, so the first render
// and hello already use them; without an answer in time, the defaults.
import type { WidgetSettings } from "@webchat/shared";
import { browserLanguages, pickLocale, type Locale } from "./i18n";

export interface Look {
  /** The chat's header; "Webchat" when the console left it empty. */
  title: string;
  /** The first line of the start form; "" for the app's own (translated) one. */
  greeting: string;
  /** A checked `#rrggbb`, or null for the app's own colour. */
  color: string | null;
  locale: Locale;
  /** The site widget chats are about, when the console set one. */
  site: string;
}

export const DEFAULT_TITLE = "Webchat";
const SETTINGS_TIMEOUT_MS = 2500;

/** `#rgb` or `#rrggbb` as `#rrggbb`, lower case; null for anything else (it goes into CSS). */
export function checkedColor(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return `#${hex.toLowerCase()}`;
}

/** The settings, with `overrides` (the page's own choices, "" meaning none) on top. */
export function resolveLook(
  settings: Partial<WidgetSettings> | null,
  overrides: Partial<Record<"title" | "greeting" | "color" | "locale" | "site", string | null>> = {},
  browser: readonly string[] = browserLanguages(),
): Look {
  const pick = (key: keyof typeof overrides) => (overrides[key] || settings?.[key] || "").trim();
  return {
    title: pick("title") || DEFAULT_TITLE,
    greeting: pick("greeting"),
    color: checkedColor(overrides.color) ?? checkedColor(settings?.color),
    locale: pickLocale(pick("locale"), browser),
    site: pick("site"),
  };
}

/** The settings, or null when the server does not answer (in time). */
export async function fetchSettings(get: () => Promise<WidgetSettings>, timeoutMs = SETTINGS_TIMEOUT_MS): Promise<WidgetSettings | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    return await Promise.race([get(), late]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The brand colour on the page: the header, buttons and my messages, with text that stays readable on it. */
export function applyColor(root: HTMLElement, color: string | null): void {
  if (!color) return;
  root.style.setProperty("--brand", color);
  root.style.setProperty("--on-brand", contrast(color, "#ffffff") >= contrast(color, "#1b2333") ? "#ffffff" : "#1b2333");
  // links and brand-coloured words sit on white: the colour itself only when it reads well there
  if (contrast(color, "#ffffff") >= 4.5) root.style.setProperty("--brand-ink", color);
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
