// Uploading one attachment: `POST /api/attachments` (multipart `sessionId`,
// `file`) with XMLHttpRequest, for its progress events. Resolves with the
// stored Attachment; rejects with an HttpError whose message says what to do.
import type { Attachment } from "../protocol";
import { HttpError } from "../rest";
import { allowedTypesText, tooLargeText, type AttachmentLimits } from "./limits";

export interface UploadOptions {
  file: File;
  sessionId: string;
  /** The visitor's token from `hello`, or the agent's. */
  token: string | null;
  /** Prefix of the path; default "" (same origin). */
  base?: string;
  /** 0..1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** For the messages of 413 and 415. */
  limits?: AttachmentLimits;
}

export const UPLOAD_ABORTED = "aborted";

export function uploadAttachment(options: UploadOptions): Promise<Attachment> {
  const { file, sessionId, token, base = "", onProgress, signal, limits = {} } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(aborted());
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${base}/api/attachments`);
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const attachment = (body as { attachment?: Attachment } | null)?.attachment;
        if (attachment) {
          onProgress?.(1);
          resolve(attachment);
        } else reject(new HttpError(xhr.status, { code: "internal", message: "The server sent an unexpected answer. Try again." }));
        return;
      }
      reject(failure(xhr.status, body, file, limits));
    };
    xhr.onerror = () => reject(new HttpError(0, { code: "network", message: "The upload failed: the server cannot be reached. Check your connection and retry." }));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(aborted());
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append("sessionId", sessionId);
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

function aborted(): HttpError {
  return new HttpError(0, { code: UPLOAD_ABORTED, message: "Upload cancelled." });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The server's refusal, said so the user knows what to do. */
function failure(status: number, body: unknown, file: File, limits: AttachmentLimits): HttpError {
  const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
  if (status === 413) {
    const message = limits.maxBytes ? tooLargeText(file.size, limits.maxBytes) : "That file is too large to send. Choose a smaller one.";
    return new HttpError(413, { code: error?.code ?? "payload_too_large", message });
  }
  if (status === 415) return new HttpError(415, { code: error?.code ?? "unsupported_type", message: allowedTypesText(limits.types) });
  if (status === 401) return new HttpError(401, { code: "unauthorized", message: "You are not signed in any more. Reload the page and try again." });
  if (status === 403 || status === 404)
    return new HttpError(status, { code: error?.code ?? "forbidden", message: "This chat does not accept files from you any more." });
  if (status === 429) return new HttpError(429, { code: "rate_limited", message: "Too many uploads at once. Wait a moment and retry." });
  return new HttpError(status, { code: error?.code ?? "internal", message: error?.message ?? "The upload failed. Retry in a moment." });
}
