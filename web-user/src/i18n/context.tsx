// The visitor's language for the React tree: the translator, the page's
// `<html lang dir>`, and the shared UI pieces' words in the same language.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from "react";
import { UiStringsProvider, type UiStrings } from "@webchat/shared/ui";
import { makeI18n, type I18n, type Locale } from "./index";

const Context = createContext<I18n>(makeI18n("en"));

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const i18n = useMemo(() => makeI18n(locale), [locale]);
  const words = useMemo(() => uiStrings(i18n), [i18n]);
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
    document.documentElement.dir = i18n.dir;
  }, [i18n]);
  return (
    <Context.Provider value={i18n}>
      <UiStringsProvider value={words}>{children}</UiStringsProvider>
    </Context.Provider>
  );
}

export function useI18n(): I18n {
  return useContext(Context);
}

/** The shared message list's, files' and length count's words, from the catalog. */
function uiStrings({ intl, t }: I18n): UiStrings {
  return {
    locale: intl,
    you: t("ui.you"),
    sending: t("ui.sending"),
    notSent: t("ui.notSent"),
    writing: t("ui.writing"),
    discard: t("ui.discard"),
    attachments: t("ui.attachments"),
    sources: t("ui.sources"),
    attachFile: t("ui.attachFile"),
    dropFiles: t("ui.dropFiles"),
    filesToSend: t("ui.filesToSend"),
    uploading: (name) => t("ui.uploading", { name }),
    cancel: t("ui.cancel"),
    ready: t("ui.ready"),
    retry: t("ui.retry"),
    remove: t("ui.remove"),
    tooLong: (count) => t("ui.tooLong", { count }),
    image: t("ui.image"),
    file: t("ui.file"),
    openFullSize: t("ui.openFullSize"),
    close: t("ui.close"),
    loading: (name) => t("ui.loading", { name }),
    notLoaded: (name) => t("ui.notLoaded", { name }),
    notDownloaded: (name) => t("ui.notDownloaded", { name }),
  };
}
