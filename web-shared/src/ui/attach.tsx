// Gathering files for a composer: a labelled file button, drag and drop
// onto the chat (with a visible hint while a file is over it), and paste of
// a screenshot; the files go to an UploadQueue that `useUploads` keeps.
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from "react";
import { acceptAttr, type AttachmentLimits } from "../upload/limits";
import { dragHasFiles, pastedFiles } from "../upload/gather";
import { UploadQueue, type Uploader } from "../upload/queue";
import { useStore } from "./hooks";
import { useUiStrings } from "./strings";

/** One queue per composer; `uploader` is read when each upload starts (null: offline). */
export function useUploads(uploader: Uploader | null, limits: AttachmentLimits) {
  const latest = useRef({ uploader, limits });
  latest.current = { uploader, limits };
  const [queue] = useState(() => new UploadQueue(() => latest.current.uploader, () => latest.current.limits));
  const state = useStore(queue);
  useEffect(() => () => queue.clear(), [queue]);
  return { queue, ...state };
}

/** Props for the element files may be dropped and pasted onto, and whether a drag is over it. */
export function useFileDrop(onFiles: (files: File[]) => void, enabled = true) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const props = {
    onDragEnter: (e: DragEvent) => {
      if (!enabled || !dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!enabled || !dragHasFiles(e.dataTransfer)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      depth.current = 0;
      setDragging(false);
      if (!enabled) return;
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      e.preventDefault();
      onFiles(files);
    },
    onPaste: (e: ClipboardEvent) => {
      if (!enabled) return;
      const files = pastedFiles(e.clipboardData);
      if (!files.length) return;
      // a screenshot alone: nothing else to paste; an image with text: the text still goes in
      if (![...(e.clipboardData?.types ?? [])].includes("text/plain")) e.preventDefault();
      onFiles(files);
    },
  };
  return { dragging, props };
}

/** "Attach file": a visible label for a visually hidden (still focusable) file input. */
export function AttachButton({
  id,
  onFiles,
  limits,
  disabled,
  label,
}: {
  id: string;
  onFiles: (files: File[]) => void;
  limits: AttachmentLimits;
  disabled?: boolean;
  label?: string;
}) {
  const words = useUiStrings();
  return (
    <span className="attach">
      <input
        id={id}
        type="file"
        multiple
        className="visually-hidden attach-input"
        accept={acceptAttr(limits)}
        disabled={disabled}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = "";
          if (files.length) onFiles(files);
        }}
      />
      <label htmlFor={id} className={`attach-button${disabled ? " attach-disabled" : ""}`}>
        {label ?? words.attachFile}
      </label>
    </span>
  );
}

/** Shown over the chat while files are dragged onto it. */
export function DropHint({ visible }: { visible: boolean }) {
  const words = useUiStrings();
  if (!visible) return null;
  return (
    <div className="drop-hint" aria-hidden="true">
      {words.dropFiles}
    </div>
  );
}
