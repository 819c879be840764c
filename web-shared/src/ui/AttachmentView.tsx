// A message's files: images shown inline (loaded with the reader's token,
// as `<img src>` cannot send one), other files as a named link with the
// size that downloads the file under its name. WhatsApp media with an
// absolute https:// link are shown from it directly; any other link is not
// followed.
import { createContext, useContext, useEffect, useId, useState, type MouseEvent } from "react";
import type { Attachment, MessageMedia } from "../protocol";
import { formatBytes } from "../upload/limits";
import { Modal } from "./Modal";
import { useUiStrings, type UiStrings } from "./strings";

/** How the app reads attachment bytes: `RestClient.attachmentBlob` with its token. */
export interface AttachmentSource {
  blob: (url: string) => Promise<Blob>;
}

const Source = createContext<AttachmentSource | null>(null);
export const AttachmentsProvider = Source.Provider;

type AnyAttachment = Attachment | MessageMedia;

function nameOf(a: AnyAttachment, words: UiStrings): string {
  if ("name" in a && a.name) return a.name;
  const tail = a.url.split("?")[0].split("/").pop();
  return tail && tail.includes(".") ? decodeURIComponent(tail) : a.contentType.startsWith("image/") ? words.image : words.file;
}

const isHttps = (url: string) => /^https:\/\//i.test(url);
const isOurs = (url: string) => url.startsWith("/");

/** An object URL for the attachment's bytes, revoked when no longer shown. */
function useBlobUrl(url: string, enabled: boolean): { src: string | null; failed: boolean } {
  const source = useContext(Source);
  const [state, setState] = useState<{ src: string | null; failed: boolean }>({ src: null, failed: false });
  useEffect(() => {
    if (!enabled || !source) return;
    let live = true;
    let made: string | null = null;
    source.blob(url).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setState({ src: made, failed: false });
      },
      () => live && setState({ src: null, failed: true }),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [url, enabled, source]);
  return state;
}

function ImageAttachment({ attachment, name }: { attachment: AnyAttachment; name: string }) {
  const ours = isOurs(attachment.url);
  const { src: blobSrc, failed } = useBlobUrl(attachment.url, ours);
  const src = ours ? blobSrc : attachment.url;
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const words = useUiStrings();
  if (failed) return <span className="attachment-missing">{words.notLoaded(name)}</span>;
  if (!src) return <span className="attachment-loading">{words.loading(name)}</span>;
  return (
    <>
      <button type="button" className="attachment-image" title={words.openFullSize} onClick={() => setOpen(true)}>
        <img src={src} alt={name} />
      </button>
      {open && (
        <Modal titleId={titleId} onClose={() => setOpen(false)} className="attachment-full">
          <h2 id={titleId}>{name}</h2>
          <img src={src} alt={name} />
          <button type="button" data-autofocus onClick={() => setOpen(false)}>
            {words.close}
          </button>
        </Modal>
      )}
    </>
  );
}

function FileAttachment({ attachment, name }: { attachment: AnyAttachment; name: string }) {
  const source = useContext(Source);
  const words = useUiStrings();
  const [error, setError] = useState<string | null>(null);
  const size = "size" in attachment && typeof attachment.size === "number" ? ` (${formatBytes(attachment.size)})` : "";

  async function download(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    if (!source) return;
    try {
      const blob = await source.blob(attachment.url);
      const href = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = href;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 30_000);
      setError(null);
    } catch {
      setError(words.notDownloaded(name));
    }
  }

  if (!isOurs(attachment.url)) {
    if (!isHttps(attachment.url)) return <span className="attachment-file">{name}{size}</span>;
    return (
      <a className="attachment-file" href={attachment.url} target="_blank" rel="noopener noreferrer">
        {name}
        {size}
      </a>
    );
  }
  return (
    <>
      <a className="attachment-file" href={attachment.url} download={name} onClick={(e) => void download(e)}>
        {name}
        {size}
      </a>
      {error && (
        <span className="msg-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** One attachment, as the message shows it. */
export function AttachmentView({ attachment }: { attachment: AnyAttachment }) {
  const name = nameOf(attachment, useUiStrings());
  const image = attachment.contentType.startsWith("image/") && (isOurs(attachment.url) || isHttps(attachment.url));
  return image ? <ImageAttachment attachment={attachment} name={name} /> : <FileAttachment attachment={attachment} name={name} />;
}

export function AttachmentList({ items }: { items: AnyAttachment[] }) {
  const words = useUiStrings();
  if (!items.length) return null;
  return (
    <ul className="attachments" aria-label={words.attachments}>
      {items.map((a, i) => (
        <li key={("id" in a && a.id) || `${a.url}-${i}`}>
          <AttachmentView attachment={a} />
        </li>
      ))}
    </ul>
  );
}
