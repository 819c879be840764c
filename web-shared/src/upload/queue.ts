// The files a composer is about to send: each checked against the limits,
// uploaded at once with its progress, and cancelled, retried or removed by
// the user. `attachments()` are the uploaded ones, for `message:send`.
import { newId } from "../id";
import type { Attachment } from "../protocol";
import { Store } from "../store";
import { checkFile, type AttachmentLimits } from "./limits";
import { UPLOAD_ABORTED } from "./upload";

export type UploadStatus = "uploading" | "done" | "failed" | "rejected";

export interface PendingUpload {
  /** Local id, for keys and actions. */
  id: string;
  file: File;
  name: string;
  size: number;
  /** 0..1 */
  progress: number;
  /** `failed`: may be retried; `rejected`: refused before upload (size, type). */
  status: UploadStatus;
  error?: string;
  attachment?: Attachment;
}

export interface UploadQueueState {
  items: PendingUpload[];
  /** The last change worth saying aloud ("photo.png uploaded."). */
  announcement: string;
}

/** Sends one file; rejects with an Error whose message is for the user. */
export type Uploader = (file: File, onProgress: (fraction: number) => void, signal: AbortSignal) => Promise<Attachment>;

export class UploadQueue extends Store<UploadQueueState> {
  private controllers = new Map<string, AbortController>();

  constructor(
    private upload: () => Uploader | null,
    private limits: () => AttachmentLimits = () => ({}),
  ) {
    super({ items: [], announcement: "" });
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const error = checkFile(file, this.limits());
      const item: PendingUpload = { id: newId(), file, name: file.name, size: file.size, progress: 0, status: error ? "rejected" : "uploading", error: error ?? undefined };
      this.set({ items: [...this.state.items, item], announcement: error ? `${file.name} cannot be attached: ${error}` : `Uploading ${file.name}.` });
      if (!error) void this.run(item.id);
    }
  }

  retry(id: string): void {
    const item = this.find(id);
    if (!item || item.status !== "failed") return;
    this.patch(id, { status: "uploading", progress: 0, error: undefined });
    void this.run(id);
  }

  /** Stops an upload on its way, and forgets the file. */
  cancel(id: string): void {
    this.controllers.get(id)?.abort();
    this.remove(id);
  }

  remove(id: string): void {
    const item = this.find(id);
    this.controllers.get(id)?.abort();
    this.controllers.delete(id);
    if (!item) return;
    this.set({ items: this.state.items.filter((x) => x.id !== id), announcement: `${item.name} removed.` });
  }

  /** After the message went: the list starts empty again. */
  clear(): void {
    for (const c of this.controllers.values()) c.abort();
    this.controllers.clear();
    this.set({ items: [], announcement: "" });
  }

  /** The uploaded files, in the order they were added. */
  attachments(): Attachment[] {
    return this.state.items.flatMap((x) => (x.status === "done" && x.attachment ? [x.attachment] : []));
  }

  /** Still uploading: the message waits for it. */
  get busy(): boolean {
    return this.state.items.some((x) => x.status === "uploading");
  }

  /** Something the user must deal with (retry or remove) before sending. */
  get blocked(): boolean {
    return this.state.items.some((x) => x.status === "failed" || x.status === "rejected");
  }

  private find(id: string): PendingUpload | undefined {
    return this.state.items.find((x) => x.id === id);
  }

  private patch(id: string, patch: Partial<PendingUpload>, announcement = this.state.announcement): void {
    this.set({ items: this.state.items.map((x) => (x.id === id ? { ...x, ...patch } : x)), announcement });
  }

  private async run(id: string): Promise<void> {
    const item = this.find(id);
    const upload = this.upload();
    if (!item) return;
    if (!upload) {
      this.patch(id, { status: "failed", error: "You are offline. Retry once the connection is back." });
      return;
    }
    const controller = new AbortController();
    this.controllers.set(id, controller);
    try {
      const attachment = await upload(item.file, (progress) => this.find(id) && this.patch(id, { progress }), controller.signal);
      if (this.controllers.get(id) !== controller) return;
      this.patch(id, { status: "done", progress: 1, attachment }, `${item.name} uploaded.`);
    } catch (e) {
      if (this.controllers.get(id) !== controller || (e as { code?: string }).code === UPLOAD_ABORTED) return;
      const error = e instanceof Error && e.message ? e.message : "The upload failed. Retry in a moment.";
      this.patch(id, { status: "failed", error }, `${item.name} was not uploaded: ${error}`);
    } finally {
      if (this.controllers.get(id) === controller) this.controllers.delete(id);
    }
  }
}
