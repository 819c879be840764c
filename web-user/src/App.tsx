import { useMemo, useState } from "react";
import { AttachmentsProvider, useStore } from "@webchat/shared/ui";
import type { ChatClient } from "./chatClient";
import { ChatPanel } from "./components/ChatPanel";
import { Landing } from "./components/Landing";
import { limitsOf, useAttachmentSource, useChatActions, useConfig } from "./hooks";
import type { Look } from "./look";

export type { AppConfig } from "./hooks";

/** The full page: the landing page with its chat menu, or the chat alone at /chat. */

export function App({ client, look, path }: { client: ChatClient; look: Look; path: string }) {
  const state = useStore(client);
  const config = useConfig();
  const [open, setOpen] = useState(state.view === "chat");
  const actions = useChatActions(client);
  const source = useAttachmentSource(client);
  const limits = useMemo(() => limitsOf(config), [config]);
  const panel = (onClose?: () => void) => (
    <ChatPanel state={state} actions={actions} limits={limits} title={look.title} greeting={look.greeting} onClose={onClose} />
  );

  if (path.replace(/\/+$/, "") === "/chat") {
    return (
      <AttachmentsProvider value={source}>
        <main className="chat-page">{panel()}</main>
      </AttachmentsProvider>
    );
  }
  return (
    <AttachmentsProvider value={source}>
      <Landing
        title={look.title}
        availability={state.availability}
        whatsappNumber={config.whatsappNumber}
        chatOpen={open}
        onOpenChat={() => setOpen(true)}
        onCloseChat={() => setOpen(false)}
        chat={panel(() => setOpen(false))}
      />
    </AttachmentsProvider>
  );
}
