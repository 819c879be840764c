// What both visitor pages (the full page and the widget's frame) read: the
// server's public config, and the client's actions bound for the components.
import { useEffect, useMemo, useState } from "react";
import { RestClient, type AttachmentLimits, type PublicConfig } from "@webchat/shared";
import type { AttachmentSource } from "@webchat/shared/ui";
import type { ChatClient } from "./chatClient";
import type { ChatActions } from "./components/ChatPanel";

export type AppConfig = PublicConfig;
const NO_CONFIG: AppConfig = { whatsappNumber: null, ingestPublic: false };

const api = new RestClient();

/** `GET /api/config`, or the defaults until (or unless) it answers. */
export function useConfig(): AppConfig {
  const [config, setConfig] = useState<AppConfig>(NO_CONFIG);
  useEffect(() => {
    api
      .config()
      .then((c) => c && setConfig(c))
      .catch(() => undefined);
  }, []);
  return config;
}

/** The client's actions, bound once, for the chat components. */
export function useChatActions(client: ChatClient): ChatActions {
  return useMemo(
    () => ({
      start: (n) => client.start(n),
      send: (t, attachments) => client.send(t, attachments),
      discard: (id) => client.discard(id),
      requestHuman: () => void client.requestHuman(),
      endChat: () => void client.endChat(),
      newChat: () => client.newChat(),
      setTyping: (t) => client.setTyping(t),
      leaveEmail: (email) => client.leaveEmail(email),
      rate: (rating, comment) => client.rate(rating, comment),
      emailTranscript: (email) => client.emailTranscript(email),
      uploader: (limits) => client.uploader(limits),
    }),
    [client],
  );
}

/** The server's attachment limits, from the config. */
export function limitsOf(config: AppConfig): AttachmentLimits {
  return { maxBytes: config.attachmentMaxBytes, types: config.attachmentTypes };
}

/** Attachment bytes read with the visitor's token. */
export function useAttachmentSource(client: ChatClient): AttachmentSource {
  return useMemo(() => {
    const rest = new RestClient({ token: () => client.bearer });
    return { blob: (url: string) => rest.attachmentBlob(url) };
  }, [client]);
}
