import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { flush } from "@webchat/shared/testing/fakeSocket";
import { Attachments, sizeText } from "./Attachments";

describe("attachments in a read-only transcript", () => {
  const created = vi.fn(() => "blob:picture");
  const revoked = vi.fn();
  URL.createObjectURL = created;
  URL.revokeObjectURL = revoked;
  afterEach(() => {
    created.mockClear();
    revoked.mockClear();
  });

  it("names each file with its size, and shows an image from its bytes fetched with the token", async () => {
    const load = vi.fn(async () => new Blob(["png"], { type: "image/png" }));
    const { unmount } = render(
      <Attachments
        load={load}
        items={[
          { id: "f1", name: "photo.png", contentType: "image/png", size: 1_572_864, url: "/api/attachments/f1" },
          { id: "f2", name: "notes.txt", contentType: "text/plain", size: 12, url: "/api/attachments/f2" },
          { url: "javascript:alert(1)", contentType: "application/pdf" },
        ]}
      />,
    );
    await flush();
    expect(load).toHaveBeenCalledWith("/api/attachments/f1");
    expect((screen.getByRole("img", { name: "photo.png" }) as HTMLImageElement).src).toBe("blob:picture");
    expect(screen.getByRole("link", { name: "photo.png" }).parentElement!.textContent).toBe("photo.png (1.5 MB)");
    expect(screen.getByRole("link", { name: "notes.txt" }).parentElement!.textContent).toBe("notes.txt (12 bytes)");
    // A link of a scheme that is not http(s) is shown as text, not as a link.
    expect(screen.queryByRole("link", { name: "Attachment (application/pdf)" })).toBeNull();
    expect(screen.getByText("Attachment (application/pdf)")).toBeTruthy();
    unmount();
    expect(revoked).toHaveBeenCalledWith("blob:picture");
  });

  it("downloads a file with the token, and says so when it cannot", async () => {
    const load = vi.fn(async () => {
      throw new Error("This file is gone.");
    });
    render(<Attachments load={load} items={[{ id: "f2", name: "notes.txt", contentType: "text/plain", size: 12, url: "/api/attachments/f2" }]} />);
    fireEvent.click(screen.getByRole("link", { name: "notes.txt" }));
    const alert = await screen.findByRole("alert");
    expect(load).toHaveBeenCalledWith("/api/attachments/f2");
    expect(alert.textContent).toBe("Could not download notes.txt: This file is gone.");
  });

  it("writes sizes", () => {
    expect(sizeText(1)).toBe("1 byte");
    expect(sizeText(2048)).toBe("2 KB");
  });
});
