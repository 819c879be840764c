// Catches the files a page saves (download()): jsdom has no object URLs and
// does not follow links, so each save is recorded with its name and bytes.
import { vi } from "vitest";

export function catchDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  const saved = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  const restore = () => {
    URL.createObjectURL = saved.create;
    URL.revokeObjectURL = saved.revoke;
    click.mockRestore();
  };
  return { files, restore };
}
