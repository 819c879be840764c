import { useEffect, useMemo, useState } from "react";
import { RestClient, type PublicConfig } from "@webchat/shared";
import { useStore } from "@webchat/shared/ui";
import type { ChatClient } from "./chatClient";
import { ChatPanel, type ChatActions } from "./components/ChatPanel";
import { Landing } from "./components/Landing";

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
      send: (t) => client.send(t),
      discard: (id) => client.discard(id),
      requestHuman: () => void client.requestHuman(),
      endChat: () => void client.endChat(),
      newChat: () => client.newChat(),
      setTyping: (t) => client.setTyping(t),
    }),
    [client],
  );
}

export function App({ client, path }: { client: ChatClient; path: string }) {
  const state = useStore(client);
  const config = useConfig();
  const [open, setOpen] = useState(state.view === "chat");
  const actions = useChatActions(client);

  if (path.replace(/\/+$/, "") === "/chat") {
    return (
      <div className="chat-page">
        <ChatPanel state={state} actions={actions} />
      </div>
    );
  }
  return (
    <Landing
      whatsappNumber={config.whatsappNumber}
      chatOpen={open}
      onOpenChat={() => setOpen(true)}
      chat={<ChatPanel state={state} actions={actions} onClose={() => setOpen(false)} />}
    />
  );
}
