// Reading a page's state back from the address bar (a bookmark, a shared
// link, a reload): each value is checked, and anything unknown or malformed
// is dropped, so the page falls back to its default instead of failing.

/** True for "YYYY-MM-DD" naming a day that exists ("2026-02-30" does not). */
export function isDay(value: string | null | undefined): value is string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? "");
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** `value` when it is one of `allowed`, else "". */
export function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[]): T | "" {
  return allowed.includes(value as T) ? (value as T) : "";
}

/** A param's value as it came, "" when absent. */
export function textOf(params: URLSearchParams, key: string): string {
  return params.get(key) ?? "";
}
