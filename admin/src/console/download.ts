/** Saves `blob` as a file called `name` through a temporary link (the browser's download). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click returns; let go of it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
