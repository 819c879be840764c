// Small display helpers every app uses: times, durations, links, names.
import type { Channel, SessionStatus } from "./protocol";

/** "14:05" in the reader's locale (or the one given); "" for a bad time. */
export function time(iso: string, locale?: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString(locale ?? [], { hour: "2-digit", minute: "2-digit" });
}

/** How long since `iso`: "less than a minute", "3 min", "1 h 5 min". */
export function waited(iso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  if (!Number.isFinite(s) || s < 60) return "less than a minute";
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A compact age: "42 s", "3 min", "5 h 2 min", "3 d". */
export function age(iso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 1000));
  if (!Number.isFinite(s)) return "";
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/** Seconds as "45 s", "2 min 5 s" or "3 h 20 min"; "–" when unknown. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function channelName(channel: Channel | string): string {
  return channel === "whatsapp" ? "WhatsApp" : "Web";
}

export const STATUS_TEXT: Record<SessionStatus, string> = {
  bot_pending: "With bot",
  queued_for_agent: "Queued",
  active_with_agent: "With agent",
  closed: "Closed",
};

/** Only http(s) links become anchors; anything else is shown as plain text. */
export function safeUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
