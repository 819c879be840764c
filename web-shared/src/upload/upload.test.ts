import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeXhr, fakeFile } from "../testing/fakeXhr";
import { HttpError } from "../rest";
import { allowedTypesText, checkFile, formatBytes } from "./limits";
import { pastedFiles } from "./gather";
import { uploadAttachment } from "./upload";

const attachment = { id: "f1", name: "photo.png", contentType: "image/png", size: 10, url: "/api/attachments/f1" };

beforeEach(() => FakeXhr.install());
afterEach(() => vi.unstubAllGlobals());

describe("uploadAttachment", () => {
  it("posts the file and the session with the token, reports progress, resolves the attachment", async () => {
    const onProgress = vi.fn();
    const done = uploadAttachment({ file: fakeFile("photo.png", "image/png"), sessionId: "s1", token: "tok", onProgress });
    const x = FakeXhr.last();
    expect(x.method).toBe("POST");
    expect(x.url).toBe("/api/attachments");
    expect(x.headers.authorization).toBe("Bearer tok");
    expect(x.body?.get("sessionId")).toBe("s1");
    expect((x.body?.get("file") as File).name).toBe("photo.png");
    x.progress(5, 10);
    expect(onProgress).toHaveBeenLastCalledWith(0.5);
    x.respond(201, { attachment });
    await expect(done).resolves.toEqual(attachment);
  });

  it("says what is wrong when the server refuses the size or the type", async () => {
    const big = uploadAttachment({ file: fakeFile("a.pdf", "application/pdf", 14_890_000), sessionId: "s1", token: "t", limits: { maxBytes: 10 * 1024 * 1024 } });
    FakeXhr.last().respond(413, { error: { code: "payload_too_large", message: "too large" } });
    await expect(big).rejects.toMatchObject({ status: 413, code: "payload_too_large", message: "That file is 14.2 MB; the limit is 10 MB." });
    const odd = uploadAttachment({ file: fakeFile("a.png", "image/png"), sessionId: "s1", token: "t" });
    FakeXhr.last().respond(415, { error: { code: "unsupported_type", message: "no" } });
    await expect(odd).rejects.toMatchObject({ status: 415, message: "PDF, images and plain text only." });
  });

  it("rejects a network failure with code network, and an abort as cancelled", async () => {
    const lost = uploadAttachment({ file: fakeFile("a.png", "image/png"), sessionId: "s1", token: "t" });
    FakeXhr.last().networkError();
    const e = await lost.catch((x) => x);
    expect(e).toBeInstanceOf(HttpError);
    expect(e.code).toBe("network");
    const controller = new AbortController();
    const stopped = uploadAttachment({ file: fakeFile("a.png", "image/png"), sessionId: "s1", token: "t", signal: controller.signal });
    controller.abort();
    expect(FakeXhr.last().aborted).toBe(true);
    await expect(stopped).rejects.toMatchObject({ code: "aborted" });
  });
});

describe("attachment limits", () => {
  it("says sizes and types the way people read them", () => {
    expect(formatBytes(800)).toBe("800 bytes");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(allowedTypesText(["image/png", "application/pdf", "text/plain", "image/jpeg"])).toBe("PDF, images and plain text only.");
    expect(allowedTypesText(["image/png"])).toBe("Images only.");
  });

  it("refuses a file over the limit or of another type before uploading", () => {
    expect(checkFile(fakeFile("big.png", "image/png", 14_890_000), { maxBytes: 10 * 1024 * 1024 })).toBe("That file is 14.2 MB; the limit is 10 MB.");
    expect(checkFile(fakeFile("run.exe", "application/x-msdownload"))).toBe("PDF, images and plain text only.");
    expect(checkFile(fakeFile("notes.txt", ""))).toBeNull();
    expect(checkFile(fakeFile("photo.webp", "image/webp"))).toBeNull();
  });

  it("names a pasted screenshot after the time, and keeps real file names", () => {
    const shot = fakeFile("image.png", "image/png");
    const doc = fakeFile("report.pdf", "application/pdf");
    const data = { items: [shot, doc].map((f) => ({ kind: "file", getAsFile: () => f })), files: [] } as unknown as DataTransfer;
    const files = pastedFiles(data, new Date(2026, 0, 2, 3, 4, 5));
    expect(files.map((f) => f.name)).toEqual(["screenshot-20260102-030405.png", "report.pdf"]);
    expect(files[0].type).toBe("image/png");
  });
});
