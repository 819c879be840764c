import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Attachment } from "../protocol";
import { fakeFile } from "../testing/fakeXhr";
import { flush } from "../testing/fakeSocket";
import type { Uploader } from "../upload/queue";
import { AttachButton, DropHint, useFileDrop, useUploads } from "./attach";
import { AttachmentList, AttachmentsProvider } from "./AttachmentView";
import { PendingUploads } from "./PendingUploads";
import { Snippet } from "./Snippet";

const photo: Attachment = { id: "f1", name: "photo.png", contentType: "image/png", size: 2048, url: "/api/attachments/f1" };
const invoice: Attachment = { id: "f2", name: "invoice.pdf", contentType: "application/pdf", size: 120 * 1024, url: "/api/attachments/f2" };

beforeEach(() => {
  let n = 0;
  vi.stubGlobal("URL", Object.assign(URL, { createObjectURL: vi.fn(() => `blob:x/${++n}`), revokeObjectURL: vi.fn() }));
});
afterEach(() => vi.unstubAllGlobals());

describe("AttachmentView", () => {
  it("shows an image from its authorized bytes, named by the file, full size on click, revoked on unmount", async () => {
    const blob = vi.fn(async () => new Blob(["x"], { type: "image/png" }));
    const { unmount } = render(
      <AttachmentsProvider value={{ blob }}>
        <AttachmentList items={[photo]} />
      </AttachmentsProvider>,
    );
    expect(screen.getByText("Loading photo.png…")).toBeTruthy();
    await act(flush);
    expect(blob).toHaveBeenCalledWith("/api/attachments/f1");
    const img = screen.getByRole("img", { name: "photo.png" });
    expect(img.getAttribute("src")).toBe("blob:x/1");
    fireEvent.click(screen.getByRole("button", { name: "photo.png" }));
    expect(screen.getByRole("dialog", { name: "photo.png" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    unmount();
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:x/1");
  });

  it("offers other files as a named link with the size that downloads the bytes", async () => {
    const blob = vi.fn(async () => new Blob(["%PDF"]));
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    render(
      <AttachmentsProvider value={{ blob }}>
        <AttachmentList items={[invoice]} />
      </AttachmentsProvider>,
    );
    const link = screen.getByRole("link", { name: "invoice.pdf (120 KB)" });
    fireEvent.click(link);
    await act(flush);
    expect(blob).toHaveBeenCalledWith("/api/attachments/f2");
    expect(click).toHaveBeenCalled();
    click.mockRestore();
  });

  it("shows WhatsApp media from an https link, and never follows another scheme", () => {
    render(
      <AttachmentList
        items={[
          { url: "https://media.twilio.example/a.jpg", contentType: "image/jpeg" },
          { url: "javascript:alert(1)", contentType: "application/pdf" },
        ]}
      />,
    );
    expect(screen.getByRole("img", { name: "a.jpg" }).getAttribute("src")).toBe("https://media.twilio.example/a.jpg");
    expect(screen.queryAllByRole("link")).toHaveLength(0);
  });
});

describe("PendingUploads", () => {
  it("names each progress bar by its file and offers Retry and Remove after a failure", () => {
    const onRetry = vi.fn();
    const onRemove = vi.fn();
    const onCancel = vi.fn();
    const file = fakeFile("a.png", "image/png");
    render(
      <PendingUploads
        items={[
          { id: "1", file, name: "a.png", size: 10, progress: 0.42, status: "uploading" },
          { id: "2", file, name: "b.png", size: 10, progress: 0, status: "failed", error: "The upload failed." },
        ]}
        onCancel={onCancel}
        onRetry={onRetry}
        onRemove={onRemove}
      />,
    );
    const bar = screen.getByRole("progressbar", { name: "Uploading a.png" });
    expect(bar.getAttribute("value")).toBe("42");
    expect(screen.getByText("42%")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Cancel a.png" }));
    expect(onCancel).toHaveBeenCalledWith("1");
    expect(screen.getByRole("alert").textContent).toBe("The upload failed.");
    fireEvent.click(screen.getByRole("button", { name: "Retry b.png" }));
    fireEvent.click(screen.getByRole("button", { name: "Remove b.png" }));
    expect(onRetry).toHaveBeenCalledWith("2");
    expect(onRemove).toHaveBeenCalledWith("2");
  });
});

function Composer({ uploader }: { uploader: Uploader }) {
  const uploads = useUploads(uploader, {});
  const drop = useFileDrop((files) => uploads.queue.add(files));
  return (
    <form className="drop-target" {...drop.props}>
      <DropHint visible={drop.dragging} />
      <label htmlFor="t">Message</label>
      <textarea id="t" />
      <AttachButton id="f" onFiles={(files) => uploads.queue.add(files)} limits={{}} />
      <PendingUploads items={uploads.items} announcement={uploads.announcement} onCancel={(id) => uploads.queue.cancel(id)} onRetry={(id) => uploads.queue.retry(id)} onRemove={(id) => uploads.queue.remove(id)} />
    </form>
  );
}

describe("gathering files", () => {
  it("turns a pasted screenshot, a dropped file and a picked file into pending uploads", async () => {
    const resolvers: ((a: Attachment) => void)[] = [];
    const progress: ((f: number) => void)[] = [];
    const uploader: Uploader = (_f, p) => new Promise((r) => (resolvers.push(r), progress.push(p)));
    render(<Composer uploader={uploader} />);
    const shot = fakeFile("image.png", "image/png");
    fireEvent.paste(screen.getByLabelText("Message"), { clipboardData: { types: ["Files"], items: [{ kind: "file", getAsFile: () => shot }], files: [shot] } });
    const bar = screen.getByRole("progressbar", { name: /^Uploading screenshot-\d{8}-\d{6}\.png$/ });
    act(() => progress[0](0.5));
    expect(bar.getAttribute("value")).toBe("50");

    const form = document.querySelector("form")!;
    const dropped = fakeFile("report.pdf", "application/pdf");
    fireEvent.dragEnter(form, { dataTransfer: { types: ["Files"], files: [dropped] } });
    expect(screen.getByText("Drop files here to attach them")).toBeTruthy();
    fireEvent.drop(form, { dataTransfer: { types: ["Files"], files: [dropped] } });
    expect(screen.queryByText("Drop files here to attach them")).toBeNull();
    expect(screen.getByRole("progressbar", { name: "Uploading report.pdf" })).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Attach file"), { target: { files: [fakeFile("notes.txt", "text/plain")] } });
    expect(screen.getAllByRole("progressbar")).toHaveLength(3);
    await act(async () => resolvers[1]({ ...photo, id: "f9", name: "report.pdf" }));
    expect(screen.getAllByRole("progressbar")).toHaveLength(2);
    expect(document.querySelector("[aria-live=polite]")?.textContent).toBe("report.pdf uploaded.");
  });
});

describe("Snippet", () => {
  it("highlights the marks and shows everything else as text, markup included", () => {
    const { container } = render(<Snippet snippet={"&lt;script&gt;alert(1)&lt;/script&gt; my <mark>order</mark> &amp; more"} />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toBe("<script>alert(1)</script> my order & more");
    expect(container.querySelectorAll("mark")).toHaveLength(1);
    expect(container.querySelector("mark")?.textContent).toBe("order");
  });
});
