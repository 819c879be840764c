// The People page's invitations: the list (loaded once, again on Refresh),
// the one just sent or sent again (its link shown once), sending a new link
// from a row, and withdrawing one.
import { useCallback, useEffect, useState } from "react";
import { errorText, type RestClient } from "@webchat/shared";
import { listInvitations, resendInvitation, sendInvitation, withdrawInvitation, type Invitation, type NewInvitation, type SentInvitation } from "./api";
import { resendFailure } from "./words";

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function useInvitations(api: RestClient, say: (text: string) => void) {
  const [invitations, setInvitations] = useState<Invitation[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [sent, setSent] = useState<SentInvitation | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setInvitations(await listInvitations(api));
    } catch (e) {
      setLoadError(`Could not load the invitations: ${errorText(e)}`);
    }
  }, [api]);
  useEffect(() => void load(), [load]);

  /** Rejects with the server's refusal, for the form to show. */
  async function invite(body: NewInvitation): Promise<void> {
    const made = await sendInvitation(api, body);
    setRowError(null);
    setSent(made);
    // the server replaces a pending invitation for the same email
    setInvitations((list) => [made.invitation, ...(list ?? []).filter((i) => i.id !== made.invitation.id && !(i.status === "pending" && sameEmail(i.email, made.invitation.email)))]);
  }

  async function resend(inv: Invitation): Promise<void> {
    setBusyId(inv.id);
    setRowError(null);
    try {
      const again = await resendInvitation(api, inv.id);
      setSent(again);
      setInvitations((list) => (list ?? []).map((i) => (i.id === inv.id ? again.invitation : i)));
    } catch (e) {
      setRowError(resendFailure(e, inv.email));
    } finally {
      setBusyId(null);
    }
  }

  /** Rejects with the server's refusal, for the confirmation to show. */
  async function withdraw(inv: Invitation): Promise<void> {
    await withdrawInvitation(api, inv.id);
    setInvitations((list) => (list ?? []).filter((i) => i.id !== inv.id));
    setSent((s) => (s?.invitation.id === inv.id ? null : s));
    say(`The invitation to ${inv.email} was withdrawn; its link no longer works.`);
  }

  return { invitations, loadError, sent, busyId, rowError, load, invite, resend, withdraw, dismiss: () => setSent(null) };
}

export type Invitations = ReturnType<typeof useInvitations>;
