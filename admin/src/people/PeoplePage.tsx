import { useState } from "react";
import { errorText, type Agent, type AgentChanges, type NewAgent } from "@webchat/shared";
import { ConfirmDialog, useNow, useStore } from "@webchat/shared/ui";
import type { PageProps } from "../console/pages";
import { InvitationLink } from "../invitations/InvitationLink";
import { InviteForm } from "../invitations/InviteForm";
import { PendingInvitations } from "../invitations/PendingInvitations";
import { useInvitations } from "../invitations/useInvitations";
import { AddPersonForm } from "./AddPersonForm";
import { roleText } from "./labels";
import { PersonRow } from "./PersonRow";
import { ResetPasswordDialog } from "./ResetPasswordDialog";

/**
 * The team's accounts: who they are, their role, presence and load (live,
 * from the monitor's team), adding a person, changing role and capacity,
 * resetting a password, and deactivating or reactivating an account; or
 * inviting a person by email, and the invitations sent.
 */
export function PeoplePage({ monitor, api }: PageProps) {
  const { agents, teamError } = useStore(monitor);
  const [notice, setNotice] = useState("");
  const [confirming, setConfirming] = useState<Agent | null>(null);
  const [resetting, setResetting] = useState<Agent | null>(null);
  const team = [...agents.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const invitations = useInvitations(api, setNotice);
  const now = useNow(60_000);

  async function create(body: NewAgent): Promise<Agent> {
    const agent = await monitor.createAgent(body);
    setNotice(`${agent.displayName} was added as ${roleText(agent.role).toLowerCase()}.`);
    return agent;
  }

  async function save(agent: Agent, changes: AgentChanges): Promise<Agent> {
    const next = await monitor.updateAgent(agent.id, changes);
    setNotice(`${next.displayName} is now ${roleText(next.role).toLowerCase()} with up to ${next.capacity} chats.`);
    return next;
  }

  function doneWithLink() {
    invitations.dismiss();
    document.getElementById("invite-email")?.focus();
  }

  return (
    <div className="people">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        {teamError && (
          <p className="form-error" role="alert">
            {teamError}
          </p>
        )}
        <div className="table-wrap">
          <table aria-labelledby="people-heading">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Load
                </th>
                <th scope="col">Account</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {team.map((a) => (
                <PersonRow
                  key={a.id}
                  agent={a}
                  onSave={(c) => save(a, c)}
                  onResetPassword={() => setResetting(a)}
                  onToggleActive={() => setConfirming(a)}
                />
              ))}
            </tbody>
          </table>
          {team.length === 0 && !teamError && <p className="muted empty">No one yet.</p>}
        </div>
      </section>
      <div className="people-forms">
        <AddPersonForm onCreate={create} />
        <InviteForm onInvite={invitations.invite} />
      </div>
      {invitations.sent && <InvitationLink key={invitations.sent.link} sent={invitations.sent} now={now} onDone={doneWithLink} />}
      <PendingInvitations
        state={invitations}
        now={now}
        onRefresh={() => {
          setNotice("");
          void invitations.load();
          void monitor.loadTeam();
        }}
      />
      {resetting && (
        <ResetPasswordDialog
          agent={resetting}
          onClose={() => setResetting(null)}
          onReset={async (password) => {
            await api.resetPassword(resetting.id, password);
            setResetting(null);
            setNotice(`Password changed; ${resetting.displayName} has been signed out everywhere.`);
          }}
        />
      )}
      {confirming && (
        <ConfirmActive
          agent={confirming}
          onClose={() => setConfirming(null)}
          onDone={(a) => {
            setConfirming(null);
            setNotice(`${a.displayName} was ${a.active ? "reactivated" : "deactivated"}.`);
          }}
          toggle={(a) => monitor.updateAgent(a.id, { active: !a.active })}
        />
      )}
    </div>
  );
}

/**
 * "Deactivate Bob?" with what it does; the server's refusal (say, your own
 * account) stays in the dialog. `agent` is the person as they were when asked.
 */
function ConfirmActive({
  agent,
  toggle,
  onClose,
  onDone,
}: {
  agent: Agent;
  toggle: (a: Agent) => Promise<Agent>;
  onClose: () => void;
  onDone: (a: Agent) => void;
}) {
  const deactivating = agent.active;
  const verb = deactivating ? "Deactivate" : "Reactivate";
  return (
    <ConfirmDialog
      id="confirm"
      title={`${verb} ${agent.displayName}?`}
      action={verb}
      danger={deactivating}
      onConfirm={async () => onDone(await toggle(agent))}
      failed={(e) => `Could not ${verb.toLowerCase()} ${agent.displayName}: ${errorText(e)}`}
      onClose={onClose}
    >
      {deactivating
        ? "Their chats go back to the queue and they are signed out. They cannot log in until reactivated."
        : "They can log in again and be routed chats."}
    </ConfirmDialog>
  );
}
