// The visitor app's languages: which one a visitor gets (the widget
// settings' locale, else the browser's, else English), a translator over a
// typed catalog per language (en.ts is the reference: every other catalog
// has exactly its keys), plurals by Intl.PluralRules, and times in the
// visitor's own time zone. Server texts (system messages, error messages)
// are not translated here: hello tells the server the language instead.
import type { VisitorLocale } from "@webchat/shared";
import { ar } from "./ar";
import { de } from "./de";
import { en, type Catalog, type MessageKey } from "./en";
import { es } from "./es";
import { fr } from "./fr";
import { pt } from "./pt";

export type { Catalog, MessageKey };
export type Locale = VisitorLocale;

const CATALOGS: Record<Locale, Catalog> = { en, es, fr, de, pt, ar };
export const LOCALES = Object.keys(CATALOGS) as Locale[];

function baseOf(tag: string | null | undefined): string {
  return (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
}

function isLocale(tag: string): tag is Locale {
  return (LOCALES as string[]).includes(tag);
}

/** The settings' locale when it is one of ours, else the first of the browser's languages we have, else English. */
export function pickLocale(setting: string | null | undefined, browser: readonly string[]): Locale {
  for (const tag of [setting, ...browser]) {
    const base = baseOf(tag);
    if (isLocale(base)) return base;
  }
  return "en";
}

/** The browser's languages, most wanted first. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export interface I18n {
  locale: Locale;
  /** The BCP 47 tag numbers and times are written in: the browser's own variant of the language when it has one (en-GB). */
  intl: string;
  dir: "ltr" | "rtl";
  t: Translate;
  /** When something happens, for a sentence: "today at 9:00 AM", "tomorrow at 9:00 AM", "Monday 9:00 AM", or a full date. */
  when: (iso: string, now?: Date) => string;
  /** "about 2 min", "less than a minute"; null without a usable estimate. */
  wait: (seconds: number | null | undefined) => string | null;
}

export function makeI18n(locale: Locale, browser: readonly string[] = browserLanguages()): I18n {
  const catalog = CATALOGS[locale];
  // the browser's own variant of the chosen language (en-GB writes 09:00, en-US 9:00 AM)
  const intl = browser.find((tag) => baseOf(tag) === locale) ?? locale;
  const plural = new Intl.PluralRules(intl);
  const numbers = new Intl.NumberFormat(intl);
  const t: Translate = (key, params = {}) => {
    const entry = catalog[key];
    const text = typeof entry === "string" ? entry : (entry[plural.select(Number(params.count)) as keyof typeof entry] ?? entry.other);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : typeof value === "number" ? numbers.format(value) : value;
    });
  };
  const clock = new Intl.DateTimeFormat(intl, { hour: "numeric", minute: "2-digit" });
  const weekday = new Intl.DateTimeFormat(intl, { weekday: "long", hour: "numeric", minute: "2-digit" });
  const full = new Intl.DateTimeFormat(intl, { weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit" });
  const when = (iso: string, now = new Date()) => {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return "";
    const days = Math.round((startOfDay(at) - startOfDay(now)) / 86_400_000);
    if (days === 0) return t("when.today", { time: clock.format(at) });
    if (days === 1) return t("when.tomorrow", { time: clock.format(at) });
    return (days > 1 && days < 7 ? weekday : full).format(at);
  };
  const wait = (seconds: number | null | undefined) => {
    if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
    if (seconds < 60) return t("wait.underMinute");
    return t("wait.minutes", { count: Math.round(seconds / 60) });
  };
  return { locale, intl, dir: locale === "ar" ? "rtl" : "ltr", t, when, wait };
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}
