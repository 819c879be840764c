// An AuthClient and a MonitorClient on a fake socket and a fake fetch.
import { RestClient } from "@webchat/shared";
import { FakeSocket, fakeFetch, memoryStorage } from "@webchat/shared/testing/fakeSocket";
import { AuthClient } from "../auth";
import { MonitorClient, type AdminSocket } from "../monitor/monitorClient";

type Answer = Parameters<typeof fakeFetch>[0];

export function harness(answer: Answer = () => ({ status: 404 })) {
  const storage = memoryStorage();
  const http = fakeFetch(answer);
  const sockets: FakeSocket[] = [];
  const auth = new AuthClient({ storage, rest: (token) => new RestClient({ token, fetch: http.fetch }) });
  const monitor = new MonitorClient({
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s.as<AdminSocket>();
    },
    api: auth.api,
    refused: (m) => auth.signOut(m),
  });
  return { storage, http, sockets, auth, monitor, socket: () => sockets[sockets.length - 1] };
}
