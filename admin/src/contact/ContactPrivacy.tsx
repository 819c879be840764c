import { useState } from "react";
import { errorText, type Contact, type RestClient } from "@webchat/shared";
import { ConfirmDialog } from "@webchat/shared/ui";
import { download } from "../console/download";

/**
 * The contact's data rights (admins): export everything stored about them
 * as a JSON file, and erase them after a confirmation that says what stays.
 */
export function ContactPrivacy({ api, contact, onErased }: { api: RestClient; contact: Contact; onErased: () => void }) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const name = contact.displayName || "this contact";

  async function exportData() {
    setBusy(true);
    setError(null);
    setSaid("");
    try {
      const file = `contact-${contact.id}.json`;
      download(await api.contactExport(contact.id), file);
      setSaid(`Downloaded ${file}.`);
    } catch (e) {
      setError(`Could not export the data: ${errorText(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy</h2>
      <p className="hint">For a person’s request to see or delete their data. Both are recorded in the audit log.</p>
      <div className="row-actions privacy-actions">
        <button type="button" onClick={() => void exportData()} disabled={busy}>
          {busy ? "Exporting…" : "Export data"}
        </button>
        {!contact.erased && (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Erase contact
          </button>
        )}
      </div>
      <p className="notice" role="status" aria-live="polite">
        {said}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          id="erase"
          title={`Erase ${name}?`}
          action="Erase contact"
          onConfirm={async () => {
            await api.eraseContact(contact.id);
            setConfirming(false);
            onErased();
          }}
          failed={(e) => `Could not erase ${name}: ${errorText(e)}`}
          onClose={() => setConfirming(false)}
        >
          The text of all their messages, their attachments and the contact’s details (name, email, phone, external id) are erased. Their conversations stay, empty, so
          reports still add up. This cannot be undone.
        </ConfirmDialog>
      )}
    </section>
  );
}
