import type { ApiToken } from "@webchat/shared";
import { CopyField } from "../console/CopyField";
import { roleText } from "../people/labels";

/** A token just made: the secret once, in a read-only field to copy, with Copy and Done. */
export function NewToken({ token, apiToken, onDone }: { token: string; apiToken: ApiToken; onDone: () => void }) {
  return (
    <section className="card new-token" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">New token: {apiToken.name}</h2>
      <p id="new-token-note" className="form-warning new-token-note">
        Copy it now: it will not be shown again. Whoever has it acts with the {roleText(apiToken.role).toLowerCase()} role until it is revoked.
      </p>
      <CopyField id="new-token-value" label="Token" value={token} what="the token" describedBy="new-token-note" focus />
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </section>
  );
}
