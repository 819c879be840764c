// A stand-in for XMLHttpRequest, driven by the test: install it with
// `FakeXhr.install()` (vi.stubGlobal), then make the latest request send
// progress, answer, fail or see its abort.
import { vi } from "vitest";

export class FakeXhr {
  static all: FakeXhr[] = [];
  static install(): void {
    FakeXhr.all = [];
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
  }
  static last(): FakeXhr {
    const x = FakeXhr.all[FakeXhr.all.length - 1];
    if (!x) throw new Error("no upload started");
    return x;
  }

  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: FormData | null = null;
  status = 0;
  responseText = "";
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.all.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }

  // ---- the test's side --------------------------------------------------
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === "string" ? body : JSON.stringify(body);
    this.onload?.();
  }
  networkError() {
    this.onerror?.();
  }
}

/** A File of `size` bytes. */
export function fakeFile(name: string, type: string, size = 10): File {
  return new File([new Uint8Array(size)], name, { type });
}
