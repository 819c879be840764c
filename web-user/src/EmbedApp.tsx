import { useMemo } from "react";
import { AttachmentsProvider, useStore } from "@webchat/shared/ui";
import { limitsOf, useAttachmentSource, useChatActions, useConfig } from "./hooks";
import type { ChatClient } from "./chatClient";
import { ChatPanel } from "./components/ChatPanel";
import { IngestBar } from "./components/IngestBar";
import type { Look } from "./look";

/** The widget's frame: the same chat panel as `/`, filling the frame, and the ingest bar when ingest is public. */
export function EmbedApp({ client, look }: { client: ChatClient; look: Look }) {
  const state = useStore(client);
  const config = useConfig();
  const actions = useChatActions(client);
  const source = useAttachmentSource(client);
  const limits = useMemo(() => limitsOf(config), [config]);
  return (
    <AttachmentsProvider value={source}>
      <main className="embed-page">
        {config.ingestPublic && <IngestBar site={look.site} />}
        <ChatPanel state={state} actions={actions} limits={limits} title={look.title} greeting={look.greeting} />
      </main>
    </AttachmentsProvider>
  );
}
