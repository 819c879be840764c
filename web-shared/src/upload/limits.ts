// What a visitor or an agent may attach, said in words: sizes ("14.2 MB"),
// the allowed types ("PDF, images and plain text only."), and the check
// made before an upload (the server still decides).

/** The server's defaults (PROTOCOL Part 2 "Workspace"), used until `/api/config` says otherwise. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_ATTACHMENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

export interface AttachmentLimits {
  maxBytes?: number;
  /** MIME types; empty or absent: the defaults. */
  types?: string[];
}

/** "800 bytes", "12 KB", "14.2 MB" (1 KB = 1024 bytes, as the server counts). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} ${n === 1 ? "byte" : "bytes"}`;
  const units = ["KB", "MB", "GB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 100 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, "");
  return `${shown} ${units[unit]}`;
}

const NAMES: Record<string, string> = {
  "application/pdf": "PDF",
  "text/plain": "plain text",
  "text/csv": "CSV",
  "application/zip": "ZIP",
};

/** "PDF, images and plain text only." for the default list. */
export function allowedTypesText(types: string[] = DEFAULT_ATTACHMENT_TYPES): string {
  const list = types.length ? types : DEFAULT_ATTACHMENT_TYPES;
  const words: string[] = [];
  const add = (w: string) => !words.includes(w) && words.push(w);
  for (const t of list) {
    if (t.startsWith("image/")) add("images");
    else add(NAMES[t] ?? t.split("/").pop()!.toUpperCase());
  }
  // PDF first, as people say it, then images, then the rest
  words.sort((a, b) => rank(a) - rank(b));
  const text = words.length > 1 ? `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}` : words[0];
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} only.`;
}

function rank(word: string): number {
  return word === "PDF" ? 0 : word === "images" ? 1 : 2;
}

/** The file's MIME type, from its name when the browser gave none. */
export function fileType(file: { name: string; type: string }): string {
  if (file.type) return file.type.toLowerCase();
  const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
  const byExt: Record<string, string> = {
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    gif: "image/gif",
    webp: "image/webp",
    pdf: "application/pdf",
    txt: "text/plain",
  };
  return byExt[ext] ?? "";
}

export function tooLargeText(size: number, maxBytes: number): string {
  return `That file is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}.`;
}

/** Why this file cannot be attached, or null when it may be sent. */
export function checkFile(file: { name: string; size: number; type: string }, limits: AttachmentLimits = {}): string | null {
  const max = limits.maxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const types = limits.types?.length ? limits.types : DEFAULT_ATTACHMENT_TYPES;
  if (file.size === 0) return "That file is empty.";
  if (file.size > max) return tooLargeText(file.size, max);
  const type = fileType(file);
  const allowed = types.some((t) => t === type || (t.endsWith("/*") && type.startsWith(t.slice(0, -1))));
  if (!allowed) return allowedTypesText(types);
  return null;
}

/** For an `<input type=file accept>`. */
export function acceptAttr(limits: AttachmentLimits = {}): string {
  return (limits.types?.length ? limits.types : DEFAULT_ATTACHMENT_TYPES).join(",");
}
