import { useCallback, useEffect, useMemo, useState } from "react";
import { errorText, isSupervising, type Session, type User } from "@webchat/shared";
import { AttachmentsProvider, LoginForm, useNow, useStore } from "@webchat/shared/ui";
import type { TeamClient } from "./teamClient";
import { Workspace } from "./workspace";
import { restWorkspaceApi, type WorkspaceApi } from "./workspaceApi";
import { restInviteApi, type InviteApi } from "./inviteApi";
import { useInviteLink } from "./inviteLink";
import { ChatList } from "./components/ChatList";
import { ChatView, type ChatViewActions, type ChatWorkspace } from "./components/ChatView";
import { ConsoleOffer } from "./components/ConsoleOffer";
import { InvitePage } from "./components/InvitePage";
import { MonitorView } from "./components/MonitorView";
import { NotifyOffer } from "./components/NotifyOffer";
import { QueueList } from "./components/QueueList";
import { SearchBox, SearchView } from "./components/Search";
import { StatusMenu } from "./components/StatusMenu";
import { TeamChats } from "./components/TeamChats";
import { TransferDialog } from "./components/TransferDialog";

const TITLE = "Webchat Agent";

/** The chat the transfer dialog is open for. */
interface TransferFor {
  session: Session;
}

/** The title: long waits first ("(1) Waiting – …") until the window gets focus, then a flash, then counts. */
function title(alerts: number, flash: string | null, waiting: number, unread: number): string {
  if (alerts) return `(${alerts}) Waiting – ${TITLE}`;
  if (flash) return `${flash} · ${TITLE}`;
  const counts = [waiting && `${waiting} waiting`, unread && `${unread} unread`].filter(Boolean).join(", ");
  return counts ? `(${counts}) ${TITLE}` : TITLE;
}

/**
 * The workspace's REST calls default to the server's, with this login's
 * token; an invitation link (`/agent/invite#token=…`) shows its page first,
 * signed in or not, until the account is created.
 */
export function App({ client, api: givenApi, invites: givenInvites }: { client: TeamClient; api?: WorkspaceApi; invites?: InviteApi }) {
  const state = useStore(client);
  const [invite, leaveInvite] = useInviteLink();
  const [invites] = useState(() => givenInvites ?? restInviteApi());
  /** Once, after a supervisor's or admin's invitation is accepted. */
  const [consoleOffer, setConsoleOffer] = useState(false);
  const [workspace] = useState(() => new Workspace(givenApi ?? restWorkspaceApi(() => client.bearer)));
  const ws = useStore(workspace);
  const api = workspace.api;
  const [searchQ, setSearchQ] = useState<string | null>(null);
  const blobs = useMemo(() => ({ blob: (url: string) => api.blob(url) }), [api]);

  useEffect(() => {
    if (state.auth === "loggedIn") void workspace.load();
  }, [state.auth, workspace]);
  const now = useNow(15_000);
  const [flash, setFlash] = useState<string | null>(null);
  const [transferFor, setTransferFor] = useState<TransferFor | null>(null);

  // A new queue entry or end request flashes in the title for a few seconds.
  useEffect(() => {
    if (!state.announcement) return;
    setFlash(state.announcement.text);
    const t = setTimeout(() => setFlash(null), 6000);
    return () => clearTimeout(t);
  }, [state.announcement]);

  useEffect(() => {
    const onFocus = () => client.focused();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [client]);

  const unread = state.chats.reduce((n, c) => n + c.unread, 0);
  useEffect(() => {
    document.title = title(state.unseenAlerts.length, flash, state.queue.length, unread);
  }, [state.unseenAlerts.length, flash, state.queue.length, unread]);

  const openTransfer = useCallback(
    (sessionId: string) => {
      const s = client.chat(sessionId)?.session ?? client.getState().team.find((x) => x.id === sessionId);
      if (s) setTransferFor({ session: s });
    },
    [client],
  );
  const loadAgents = useCallback(() => void client.loadAgents(), [client]);

  const actions: ChatViewActions = useMemo(
    () => ({
      send: (id, t, extras) => client.send(id, t, extras),
      discard: (id, c) => client.discard(id, c),
      setTyping: (id, t) => client.setTyping(id, t),
      acceptEnd: (id) => void client.acceptEnd(id),
      declineEnd: (id) => void client.declineEnd(id),
      closeChat: (id) => void client.closeChat(id),
      dismiss: (id) => client.dismiss(id),
      setTags: async (id, tags) => {
        try {
          client.sessionChanged(await api.setTags(id, tags));
          return null;
        } catch (e) {
          return errorText(e, "Could not save the tags.");
        }
      },
      addNote: (id, text) => client.addNote(id, text),
      openTransfer,
    }),
    [client, openTransfer, api],
  );
  const chatWorkspace: ChatWorkspace = useMemo(
    () => ({ api, canned: ws.canned, cannedError: ws.cannedError, limits: ws.limits, agentName: state.user?.displayName ?? null, online: state.connection === "online" }),
    [api, ws, state.user?.displayName, state.connection],
  );

  if (invite) {
    const accepted = (token: string, user: User) => {
      client.signIn(token, user);
      leaveInvite();
      setConsoleOffer(isSupervising(user.role));
    };
    return <InvitePage key={invite.token ?? ""} token={invite.token} api={invites} signedIn={client.bearer !== null} onAccepted={accepted} />;
  }

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

  const me = state.user?.id ?? null;
  const supervising = client.supervising;
  const selected = state.chats.find((c) => c.session.id === state.selectedId) ?? null;
  const view = !supervising && state.view !== "chats" ? "chats" : state.view;

  function main() {
    if (searchQ) return <SearchView api={api} q={searchQ} onClose={() => setSearchQ(null)} />;
    if (view === "team") {
      return (
        <TeamChats
          sessions={state.team}
          now={now}
          meId={me}
          error={state.teamError}
          onRefresh={() => void client.loadTeam()}
          onMonitor={(id) => void client.monitor(id)}
          onTakeOver={(id) => void client.takeOver(id)}
          onTransfer={(session) => setTransferFor({ session })}
        />
      );
    }
    if (view === "monitor" && state.watch) {
      const w = state.watch;
      return (
        <MonitorView
          chat={w}
          error={state.teamError}
          canTakeOver={w.session.agentId !== me}
          onTakeOver={() => void client.takeOver(w.session.id)}
          onTransfer={() => setTransferFor({ session: w.session })}
          onStop={() => client.stopMonitoring()}
          onAddNote={(text) => client.addNote(w.session.id, text)}
        />
      );
    }
    if (selected) return <ChatView key="chat" chat={selected} actions={actions} workspace={chatWorkspace} />;
    return (
      <div className="placeholder">
        <h2>No chat selected</h2>
        <p className="muted">Chats assigned to you, or accepted from the queue, open here.</p>
      </div>
    );
  }

  return (
    <AttachmentsProvider value={blobs}>
    <div className="layout">
      <header className="topbar">
        <span className="brand">Webchat Agent</span>
        {supervising && (
          <nav className="views" aria-label="Views">
            <button type="button" className="ghost" aria-current={view === "chats" ? "page" : undefined} onClick={() => {
              setSearchQ(null);
              client.showChats();
            }}>
              My chats
            </button>
            <button type="button" className="ghost" aria-current={view !== "chats" ? "page" : undefined} onClick={() => {
              setSearchQ(null);
              client.showTeam();
            }}>
              Team chats
            </button>
          </nav>
        )}
        <span className={`conn conn-${state.connection}`}>
          {state.connection === "online" ? "Connected" : state.connection === "connecting" ? "Connecting…" : "Reconnecting…"}
        </span>
        <span className="spacer" />
        <SearchBox initial={searchQ ?? ""} onSearch={setSearchQ} />
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
      {consoleOffer && <ConsoleOffer onDismiss={() => setConsoleOffer(false)} />}
      <NotifyOffer
        permission={state.notifications}
        dismissed={state.notificationsDismissed}
        onEnable={() => void client.enableNotifications()}
        onDismiss={() => client.dismissNotifications()}
      />
      {/* a polite live region that is always there, so each notice is read out */}
      <div className={state.notice ? "banner banner-notice" : "notice-idle"}>
        <span role="status">{state.notice?.text ?? ""}</span>
        {state.notice && (
          <button type="button" className="link-button" onClick={() => client.dismissNotice()}>
            Got it
          </button>
        )}
      </div>
      <div className="visually-hidden" aria-live="assertive">
        {state.announcement?.text}
      </div>
      <div className="workspace">
        <aside className="sidebar">
          <QueueList
            items={state.queue}
            now={now}
            alerts={state.alerts}
            claiming={state.claiming}
            claimError={state.claimError}
            onAccept={(id) => void client.accept(id)}
          />
          <ChatList chats={state.chats} selectedId={view === "chats" ? state.selectedId : null} onSelect={(id) => {
              setSearchQ(null);
              client.select(id);
            }} />
        </aside>
        <main className="main">{main()}</main>
      </div>
      {transferFor && (
        <TransferDialog
          visitor={transferFor.session.userDisplayName}
          agents={state.agents}
          exclude={[me, transferFor.session.agentId]}
          loadError={state.agentsError}
          onLoad={loadAgents}
          onTransfer={(to, note) => client.transfer(transferFor.session.id, to, note)}
          onClose={() => setTransferFor(null)}
        />
      )}
    </div>
    </AttachmentsProvider>
  );
}
