import { useMemo, useState } from "react";
import { AttachmentsProvider, useStore } from "@webchat/shared/ui";
import type { ChatClient } from "./chatClient";
import { ChatPanel } from "./components/ChatPanel";
import { Landing } from "./components/Landing";
import { limitsOf, useAttachmentSource, useChatActions, useConfig } from "./hooks";

export type { AppConfig } from "./hooks";

/** The full page: the landing page with its chat menu, or the chat alone at /chat. */

export function App({ client, path }: { client: ChatClient; path: string }) {
  const state = useStore(client);
  const config = useConfig();
  const [open, setOpen] = useState(state.view === "chat");
  const actions = useChatActions(client);
  const source = useAttachmentSource(client);
  const limits = useMemo(() => limitsOf(config), [config]);

  if (path.replace(/\/+$/, "") === "/chat") {
    return (
      <AttachmentsProvider value={source}>
        <div className="chat-page">
          <ChatPanel state={state} actions={actions} limits={limits} />
        </div>
      </AttachmentsProvider>
    );
  }
  return (
    <AttachmentsProvider value={source}>
      <Landing
        whatsappNumber={config.whatsappNumber}
        chatOpen={open}
        onOpenChat={() => setOpen(true)}
        chat={<ChatPanel state={state} actions={actions} limits={limits} onClose={() => setOpen(false)} />}
      />
    </AttachmentsProvider>
  );
}
