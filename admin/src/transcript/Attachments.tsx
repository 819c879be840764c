// A message's attachments: each a link named by the file with its size
// (the bytes fetched with the operator's token, since `/api/attachments/…`
// needs it), and images shown inline from an object URL.
import { useEffect, useState, type MouseEvent } from "react";
import { errorText, safeUrl, type Attachment, type MessageMedia } from "@webchat/shared";

export type AnyAttachment = Attachment | MessageMedia;
/** Fetches an attachment's bytes with the token (`RestClient.attachmentBlob`). */
export type LoadBlob = (url: string) => Promise<Blob>;

/** "340 bytes", "12 KB", "1.4 MB". */
export function sizeText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const nameOf = (a: AnyAttachment) => ("name" in a && a.name) || `Attachment (${a.contentType || "file"})`;
const ours = (url: string) => url.startsWith("/");

export function Attachments({ items, load }: { items: AnyAttachment[]; load?: LoadBlob }) {
  if (!items.length) return null;
  return (
    <ul className="attachments" aria-label="Attachments">
      {items.map((a, i) => (
        <li key={("id" in a && a.id) || `${a.url}-${i}`}>
          {a.contentType?.startsWith("image/") && <AttachmentImage item={a} load={load} />}
          <AttachmentLink item={a} load={load} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentLink({ item, load }: { item: AnyAttachment; load?: LoadBlob }) {
  const [error, setError] = useState<string | null>(null);
  const name = nameOf(item);
  const size = "size" in item && typeof item.size === "number" ? sizeText(item.size) : "";
  const href = ours(item.url) ? item.url : safeUrl(item.url);

  async function download(e: MouseEvent<HTMLAnchorElement>) {
    if (!load || !ours(item.url)) return;
    e.preventDefault();
    setError(null);
    try {
      const url = URL.createObjectURL(await load(item.url));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(`Could not download ${name}: ${errorText(err)}`);
    }
  }

  return (
    <>
      {href ? (
        <a href={href} onClick={(e) => void download(e)} download={name} rel="noopener noreferrer">
          {name}
        </a>
      ) : (
        <span>{name}</span>
      )}
      {size && <span className="muted"> ({size})</span>}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** An image attachment, from an object URL of its bytes (or its signed link); nothing while it loads or if it cannot. */
function AttachmentImage({ item, load }: { item: AnyAttachment; load?: LoadBlob }) {
  const direct = ours(item.url) ? null : safeUrl(item.url);
  const [src, setSrc] = useState<string | null>(direct);
  useEffect(() => {
    if (direct || !load || typeof URL.createObjectURL !== "function") return;
    let url: string | null = null;
    let live = true;
    load(item.url)
      .then((blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [item.url, direct, load]);
  if (!src) return null;
  return <img className="attachment-image" src={src} alt={nameOf(item)} />;
}
