import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { ChatClient } from "./chatClient";
import { ChatPanel, type ChatActions } from "./components/ChatPanel";
import { Landing } from "./components/Landing";

export interface AppConfig {
  whatsappNumber: string | null;
  ingestPublic: boolean;
}

export function useChat(client: ChatClient) {
  return useSyncExternalStore(client.subscribe, client.getState);
}

export function App({ client, path }: { client: ChatClient; path: string }) {
  const state = useChat(client);
  const [config, setConfig] = useState<AppConfig>({ whatsappNumber: null, ingestPublic: false });
  const [open, setOpen] = useState(state.view === "chat");

  useEffect(() => {
    fetch("/api/config")
      .then((r) => (r.ok ? r.json() : null))
      .then((c: AppConfig | null) => c && setConfig(c))
      .catch(() => undefined);
  }, []);

  const actions: ChatActions = useMemo(
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
