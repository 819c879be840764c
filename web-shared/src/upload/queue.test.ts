import { describe, expect, it, vi } from "vitest";
import type { Attachment } from "../protocol";
import { fakeFile } from "../testing/fakeXhr";
import { UploadQueue, type Uploader } from "./queue";

function controlled() {
  const calls: { file: File; progress: (f: number) => void; resolve: (a: Attachment) => void; reject: (e: Error) => void; signal: AbortSignal }[] = [];
  const uploader: Uploader = (file, progress, signal) =>
    new Promise((resolve, reject) => calls.push({ file, progress, resolve, reject, signal }));
  return { uploader, calls };
}

const att = (id: string, name: string): Attachment => ({ id, name, contentType: "image/png", size: 10, url: `/api/attachments/${id}` });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("UploadQueue", () => {
  it("uploads each file with its progress and lists the uploaded ones", async () => {
    const { uploader, calls } = controlled();
    const q = new UploadQueue(() => uploader);
    q.add([fakeFile("a.png", "image/png"), fakeFile("b.png", "image/png")]);
    expect(q.busy).toBe(true);
    calls[0].progress(0.4);
    expect(q.getState().items[0].progress).toBe(0.4);
    calls[0].resolve(att("f1", "a.png"));
    calls[1].resolve(att("f2", "b.png"));
    await tick();
    expect(q.attachments().map((a) => a.id)).toEqual(["f1", "f2"]);
    expect(q.busy).toBe(false);
    expect(q.getState().announcement).toBe("b.png uploaded.");
  });

  it("keeps a failed upload for Retry or Remove, and refuses a bad file without uploading", async () => {
    const { uploader, calls } = controlled();
    const q = new UploadQueue(() => uploader, () => ({ maxBytes: 100 }));
    q.add([fakeFile("big.png", "image/png", 500)]);
    expect(calls).toHaveLength(0);
    expect(q.getState().items[0]).toMatchObject({ status: "rejected", error: "That file is 500 bytes; the limit is 100 bytes." });
    expect(q.blocked).toBe(true);
    q.remove(q.getState().items[0].id);
    q.add([fakeFile("a.png", "image/png")]);
    calls[0].reject(new Error("The upload failed: the server cannot be reached."));
    await tick();
    const id = q.getState().items[0].id;
    expect(q.getState().items[0].status).toBe("failed");
    q.retry(id);
    expect(calls).toHaveLength(2);
    calls[1].resolve(att("f1", "a.png"));
    await tick();
    expect(q.attachments()).toHaveLength(1);
  });

  it("cancels an upload on its way", () => {
    const { uploader, calls } = controlled();
    const q = new UploadQueue(() => uploader);
    q.add([fakeFile("a.png", "image/png")]);
    q.cancel(q.getState().items[0].id);
    expect(calls[0].signal.aborted).toBe(true);
    expect(q.getState().items).toHaveLength(0);
  });

  it("waits for the connection: offline, an upload fails with a retry", () => {
    const q = new UploadQueue(() => null);
    const spy = vi.fn();
    q.subscribe(spy);
    q.add([fakeFile("a.png", "image/png")]);
    expect(q.getState().items[0]).toMatchObject({ status: "failed", error: "You are offline. Retry once the connection is back." });
  });
});
