// The REST calls of the team features: the staff with presence and load,
// and the open sessions a supervisor lists.
import { RestClient, type Agent, type Session, type SessionStatus } from "@webchat/shared";

export interface TeamApi {
  agents(): Promise<Agent[]>;
  sessions(status: SessionStatus): Promise<Session[]>;
}

export function restTeamApi(token: () => string | null): TeamApi {
  const rest = new RestClient({ token });
  return {
    agents: async () => (await rest.agents()).agents ?? [],
    sessions: async (status) =>
      (await rest.get<{ sessions: Session[] }>(`/api/sessions?status=${encodeURIComponent(status)}`)).sessions ?? [],
  };
}
