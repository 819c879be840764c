// A visitor's client on a fake socket, and the chat panel it drives, for
// tests that go from what the visitor does to what the server is sent and
// back to what the visitor sees.
import { FakeSocket, flush, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { useStore } from "@webchat/shared/ui";
import { ChatClient, type ChatClientDeps } from "../chatClient";
import { ChatPanel } from "../components/ChatPanel";
import { useChatActions } from "../hooks";
import { session } from "./fixtures";

export const vera = { id: "u1", role: "user", displayName: "Vera" };

export function setup(over: Partial<ChatClientDeps> = {}) {
  const sockets: FakeSocket[] = [];
  const client = new ChatClient({
    storage: memoryStorage(),
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.asSocket();
    },
    ...over,
  });
  return { client, socket: () => sockets[sockets.length - 1] };
}

/** Started: hello answered, session s1 created (with the bot). */
export async function chatting(over: Partial<ChatClientDeps> = {}, hello: Record<string, unknown> = {}) {
  const t = setup(over);
  t.client.start("Vera");
  const s = t.socket();
  s.connect();
  s.reply("hello", { user: vera, token: "tok", sessions: [], ...hello });
  await flush();
  s.reply("session:create", { session: session() });
  await flush();
  return { ...t, s };
}

export function Panel({ client }: { client: ChatClient }) {
  const actions = useChatActions(client);
  const state = useStore(client);
  return <ChatPanel state={state} actions={actions} />;
}
