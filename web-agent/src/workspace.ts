// What the workspace loads once per login: the team's canned responses and
// the server's attachment limits. React reads it with useStore.
import { errorText, Store, type AttachmentLimits, type CannedResponse } from "@webchat/shared";
import type { WorkspaceApi } from "./workspaceApi";

export interface WorkspaceState {
  canned: CannedResponse[];
  cannedError: string | null;
  limits: AttachmentLimits;
}

export class Workspace extends Store<WorkspaceState> {
  constructor(readonly api: WorkspaceApi) {
    super({ canned: [], cannedError: null, limits: {} });
  }

  /** Loads what the composer needs; a failure leaves an error to show, and the defaults. */
  async load(): Promise<void> {
    const [canned, limits] = await Promise.allSettled([this.api.cannedResponses(), this.api.limits()]);
    this.set({
      canned: canned.status === "fulfilled" ? [...canned.value].sort((a, b) => a.shortcut.localeCompare(b.shortcut)) : this.state.canned,
      cannedError: canned.status === "rejected" ? errorText(canned.reason, "Could not load the canned responses.") : null,
      limits: limits.status === "fulfilled" ? limits.value : this.state.limits,
    });
  }
}
