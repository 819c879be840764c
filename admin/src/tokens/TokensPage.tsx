import { useCallback, useEffect, useState } from "react";
import { errorText, type ApiToken, type StaffRole } from "@webchat/shared";
import { ConfirmDialog } from "@webchat/shared/ui";
import type { PageProps } from "../console/pages";
import { roleText } from "../people/labels";
import { dateTime } from "../transcript/format";
import { CreateTokenForm } from "./CreateTokenForm";
import { NewToken } from "./NewToken";
import { API_DOCS } from "../console/Layout";
import { LoadState } from "../console/LoadState";

/**
 * Tokens for scripts and other systems: the list (never the secrets), how
 * to use one, creating one (its secret shown this once) and revoking one.
 * Admins.
 */
export function TokensPage({ api }: PageProps) {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; apiToken: ApiToken } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [notice, setNotice] = useState("");

  const load = useCallback(() => {
    setLoadError(null);
    api.apiTokens().then(
      (d) => setTokens(d.apiTokens ?? []),
      (e) => setLoadError(`Could not load the tokens: ${errorText(e)}`),
    );
  }, [api]);
  useEffect(load, [load]);

  async function create(name: string, role: StaffRole) {
    const made = await api.createApiToken(name, role);
    setNotice("");
    setCreated(made);
    setTokens((ts) => [made.apiToken, ...(ts ?? []).filter((t) => t.id !== made.apiToken.id)]);
  }

  async function revoke(t: ApiToken) {
    await api.revokeApiToken(t.id);
    setRevoking(null);
    setTokens((ts) => (ts ?? []).filter((x) => x.id !== t.id));
    if (created?.apiToken.id === t.id) setCreated(null);
    setNotice(`${t.name} was revoked.`);
  }

  function done() {
    setCreated(null);
    document.getElementById("token-name")?.focus();
  }

  return (
    <div className="people tokens">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {created && <NewToken token={created.token} apiToken={created.apiToken} onDone={done} />}
      <section className="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <p className="hint">
          A script sends its token with every call to the API, in the header <code>Authorization: Bearer &lt;token&gt;</code>, for example{" "}
          <code>{`curl -H "Authorization: Bearer <token>" ${window.location.origin}/api/reports/summary?from=…&to=…`}</code>. It may do what its role may.
        </p>
        <p className="hint">
          See every route in the <a href={API_DOCS}>API docs</a>.
        </p>
        <LoadState error={loadError} loaded={!!tokens} onRetry={load} />
        {tokens && tokens.length === 0 && <p className="muted">No tokens yet.</p>}
        {tokens && tokens.length > 0 && (
          <div className="table-wrap">
            <table aria-labelledby="tokens-heading">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <th scope="row" className="person-name">
                      {t.name}
                    </th>
                    <td>{roleText(t.role)}</td>
                    <td>
                      <time dateTime={t.createdAt}>{dateTime(t.createdAt)}</time>
                    </td>
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setRevoking(t)}>
                          Revoke<span className="visually-hidden"> {t.name}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateTokenForm onCreate={create} />
      {revoking && (
        <ConfirmDialog
          id="revoke"
          title={`Revoke ${revoking.name}?`}
          action="Revoke token"
          onConfirm={() => revoke(revoking)}
          failed={(e) => `Could not revoke ${revoking.name}: ${errorText(e)}`}
          onClose={() => setRevoking(null)}
        >
          Every call made with it is refused from now on. This cannot be undone; a script that needs access again needs a new token.
        </ConfirmDialog>
      )}
    </div>
  );
}
