// The words the shared UI pieces show (message list, files, sources, the
// length count), English unless an app provides its own (the visitor app
// in its visitor's language) with <UiStringsProvider>.
import { createContext, useContext } from "react";

export interface UiStrings {
  /** BCP 47 tag for numbers and message times; absent: English numbers ("3,812"), the browser's times. */
  locale?: string;
  you: string;
  sending: string;
  notSent: string;
  /** A bot answer still being written. */
  writing: string;
  discard: string;
  attachments: string;
  sources: string;
  attachFile: string;
  dropFiles: string;
  filesToSend: string;
  uploading: (name: string) => string;
  cancel: string;
  ready: string;
  retry: string;
  remove: string;
  /** "123 characters too long" (the number already formatted). */
  tooLong: (count: number, formatted: string) => string;
  image: string;
  file: string;
  openFullSize: string;
  close: string;
  loading: (name: string) => string;
  notLoaded: (name: string) => string;
  notDownloaded: (name: string) => string;
}

export const ENGLISH_UI: UiStrings = {
  you: "You",
  sending: "Sending…",
  notSent: "Not sent",
  writing: "Writing…",
  discard: "Discard",
  attachments: "Attachments",
  sources: "Sources",
  attachFile: "Attach file",
  dropFiles: "Drop files here to attach them",
  filesToSend: "Files to send",
  uploading: (name) => `Uploading ${name}`,
  cancel: "Cancel",
  ready: "Ready",
  retry: "Retry",
  remove: "Remove",
  tooLong: (count, formatted) => `${formatted} ${count === 1 ? "character" : "characters"} too long`,
  image: "Image",
  file: "File",
  openFullSize: "Open full size",
  close: "Close",
  loading: (name) => `Loading ${name}…`,
  notLoaded: (name) => `${name} (could not be loaded)`,
  notDownloaded: (name) => `Could not download ${name}. Try again.`,
};

const Strings = createContext<UiStrings>(ENGLISH_UI);
export const UiStringsProvider = Strings.Provider;

export function useUiStrings(): UiStrings {
  return useContext(Strings);
}
