// Where files come from besides the file picker: a drop onto the chat, and
// a pasted screenshot (a clipboard image with no real name becomes
// `screenshot-<time>.png`).

/** The clipboard image's name browsers give ("image.png"), or none. */
const GENERIC = /^(image|blob)?(\.\w+)?$/i;

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** The files of a paste; pasted screenshots get a name that says what they are. */
export function pastedFiles(data: DataTransfer | null, now = new Date()): File[] {
  if (!data) return [];
  const files: File[] = [];
  const items = data.items ? [...data.items] : [];
  for (const item of items) {
    if (item.kind !== "file") continue;
    const f = item.getAsFile();
    if (f) files.push(f);
  }
  if (!files.length && data.files) files.push(...data.files);
  const generic = (f: File) => f.type.startsWith("image/") && GENERIC.test(f.name);
  const shots = files.filter(generic).length;
  let n = 0;
  return files.map((f) => {
    if (!generic(f)) return f;
    n += 1;
    const ext = f.type.split("/")[1]?.replace("jpeg", "jpg") || "png";
    const suffix = shots > 1 ? `-${n}` : "";
    return new File([f], `screenshot-${stamp(now)}${suffix}.${ext}`, { type: f.type, lastModified: f.lastModified });
  });
}

/** True when a drag carries files (not text or a link). */
export function dragHasFiles(data: DataTransfer | null): boolean {
  if (!data) return false;
  return [...(data.types ?? [])].includes("Files");
}
