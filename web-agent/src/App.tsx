import { useEffect, useMemo, useState } from "react";
import { LoginForm, useNow, useStore } from "@webchat/shared/ui";
import type { AgentClient } from "./agentClient";
import { ChatList } from "./components/ChatList";
import { ChatView, type ChatViewActions } from "./components/ChatView";
import { QueueList } from "./components/QueueList";
import { StatusMenu } from "./components/StatusMenu";

const TITLE = "Webchat Agent";

export function App({ client }: { client: AgentClient }) {
  const state = useStore(client);
  const now = useNow(15_000);
  const [flash, setFlash] = useState<string | null>(null);

  // A new queue entry or end request flashes in the title for a few seconds.
  useEffect(() => {
    if (!state.announcement) return;
    setFlash(state.announcement.text);
    const t = setTimeout(() => setFlash(null), 6000);
    return () => clearTimeout(t);
  }, [state.announcement]);

  const unread = state.chats.reduce((n, c) => n + c.unread, 0);
  useEffect(() => {
    const waiting = state.queue.length;
    const counts = [waiting && `${waiting} waiting`, unread && `${unread} unread`].filter(Boolean).join(", ");
    document.title = flash ? `${flash} · ${TITLE}` : counts ? `(${counts}) ${TITLE}` : TITLE;
  }, [flash, state.queue.length, unread]);

  const actions: ChatViewActions = useMemo(
    () => ({
      send: (id, t) => client.send(id, t),
      discard: (id, c) => client.discard(id, c),
      setTyping: (id, t) => client.setTyping(id, t),
      acceptEnd: (id) => void client.acceptEnd(id),
      declineEnd: (id) => void client.declineEnd(id),
      closeChat: (id) => void client.closeChat(id),
      dismiss: (id) => client.dismiss(id),
      saveQuickReplies: (r) => client.setQuickReplies(r),
      addNote: (id, text) => client.addNote(id, text),
    }),
    [client],
  );

  if (state.auth !== "loggedIn") {
    return (
      <LoginForm
        title={TITLE}
        intro="Log in to answer visitors."
        busy={state.auth === "loggingIn"}
        error={state.loginError}
        onLogin={(e, p) => void client.login(e, p)}
      />
    );
  }

  const selected = state.chats.find((c) => c.session.id === state.selectedId) ?? null;
  return (
    <div className="layout">
      <header className="topbar">
        <span className="brand">Webchat Agent</span>
        <span className={`conn conn-${state.connection}`}>
          {state.connection === "online" ? "Connected" : state.connection === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
        <span className="spacer" />
        {state.user && <span className="who">{state.user.displayName}</span>}
        {state.user && (
          <StatusMenu status={state.status} error={state.statusError} onChange={(s) => void client.setStatus(s)} />
        )}
        <button type="button" className="ghost" aria-pressed={state.muted} onClick={() => client.toggleMute()}>
          {state.muted ? "Unmute sound" : "Mute sound"}
        </button>
        <button type="button" className="ghost" onClick={() => void client.logout()}>
          Log out
        </button>
      </header>
      {state.connection === "reconnecting" && (
        <div className="banner banner-warn" role="status">
          Connection lost. Reconnecting…
        </div>
      )}
      <div className="visually-hidden" aria-live="assertive">
        {state.announcement?.text}
      </div>
      <div className="workspace">
        <aside className="sidebar">
          <QueueList
            items={state.queue}
            now={now}
            claiming={state.claiming}
            claimError={state.claimError}
            onAccept={(id) => void client.accept(id)}
          />
          <ChatList chats={state.chats} selectedId={state.selectedId} onSelect={(id) => client.select(id)} />
        </aside>
        <main className="main">
          {selected ? (
            <ChatView key="chat" chat={selected} quickReplies={state.quickReplies} actions={actions} />
          ) : (
            <div className="placeholder">
              <h2>No chat selected</h2>
              <p className="muted">Accept a visitor from the queue to start chatting.</p>
            </div>
          )}
        </main>
      </div>
    </div>
  );
}
