import { useCallback, useEffect, useRef, useState } from "react";
import { errorText, type CannedResponse } from "@webchat/shared";
import { ConfirmDialog, Modal } from "@webchat/shared/ui";
import type { PageProps } from "../console/pages";
import { CannedForm, EMPTY_DRAFT } from "./CannedForm";
import { excerpt, type Draft } from "./rules";
import { LoadState } from "../console/LoadState";

const byShortcut = (a: CannedResponse, b: CannedResponse) => a.shortcut.localeCompare(b.shortcut);

/**
 * The team's canned responses: the list (shortcut, title, the start of the
 * text), adding one, editing one in a dialog, and deleting one after a
 * confirmation. Writing is for supervisors and admins; the server says so
 * when it refuses.
 */
export function CannedPage({ api, user }: PageProps) {
  const [items, setItems] = useState<CannedResponse[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const [editing, setEditing] = useState<CannedResponse | null>(null);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const list = items ?? [];
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  useEffect(() => {
    // After a delete the focused button is gone: the list's heading takes the focus.
    if (!focusHeading.current) return;
    focusHeading.current = false;
    heading.current?.focus();
  });

  const load = useCallback(() => {
    setLoadError(null);
    api
      .cannedResponses()
      .then(({ cannedResponses }) => setItems([...(cannedResponses ?? [])].sort(byShortcut)))
      .catch((e) => setLoadError(`Could not load the canned responses: ${errorText(e)}`));
  }, [api]);
  useEffect(load, [load]);

  const put = (c: CannedResponse) => setItems((xs) => [...(xs ?? []).filter((x) => x.id !== c.id), c].sort(byShortcut));

  async function create(draft: Draft) {
    const { cannedResponse } = await api.createCannedResponse(draft);
    put(cannedResponse);
    setNotice(`/${cannedResponse.shortcut} was added.`);
  }

  async function update(old: CannedResponse, draft: Draft) {
    const { cannedResponse } = await api.updateCannedResponse(old.id, draft);
    put(cannedResponse);
    setEditing(null);
    setNotice(`/${cannedResponse.shortcut} was saved.`);
  }

  async function remove(c: CannedResponse) {
    await api.deleteCannedResponse(c.id);
    setItems((xs) => (xs ?? []).filter((x) => x.id !== c.id));
    focusHeading.current = true;
    setDeleting(null);
    setNotice(`/${c.shortcut} was deleted.`);
  }

  return (
    <div className="people canned">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <section className="card" aria-labelledby="canned-heading">
        <h2 id="canned-heading" ref={heading} tabIndex={-1}>Canned responses</h2>
        <LoadState error={loadError} loaded={items !== null} onRetry={load} />
        {items !== null && list.length === 0 && (
          <div className="empty-state">
            <p>No canned responses yet.</p>
            <p className="muted">
              A canned response is a reply the whole team can reuse. Agents type <kbd>/</kbd> and its shortcut in the composer, for example{" "}
              <kbd>/refund</kbd>, to send it; the visitor’s and agent’s names can be filled in for them. Add the first one below.
            </p>
          </div>
        )}
        {list.length > 0 && (
          <div className="table-wrap">
            <table aria-labelledby="canned-heading">
              <thead>
                <tr>
                  <th scope="col">Shortcut</th>
                  <th scope="col">Title</th>
                  <th scope="col">Text</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className="person-name">
                      <code>/{c.shortcut}</code>
                    </th>
                    <td>{c.title}</td>
                    <td className="canned-excerpt" title={c.text}>
                      {excerpt(c.text)}
                    </td>
                    <td>
                      <div className="row-actions">
                        <button type="button" onClick={() => setEditing(c)}>
                          Edit<span className="visually-hidden"> /{c.shortcut}</span>
                        </button>
                        <button type="button" onClick={() => setDeleting(c)}>
                          Delete<span className="visually-hidden"> /{c.shortcut}</span>
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
      <section className="card" aria-labelledby="canned-add-heading">
        <h2 id="canned-add-heading">Add canned response</h2>
        <CannedForm prefix="canned-new" initial={EMPTY_DRAFT} others={list} agentName={user?.displayName} submitLabel="Add response" busyLabel="Adding…" onSave={create} />
      </section>
      {editing && (
        <Modal titleId="canned-edit-heading" onClose={() => setEditing(null)} className="card modal-wide">
          <h2 id="canned-edit-heading">Edit /{editing.shortcut}</h2>
          <CannedForm
            prefix="canned-edit"
            initial={{ shortcut: editing.shortcut, title: editing.title, text: editing.text }}
            others={list.filter((x) => x.id !== editing.id)}
            agentName={user?.displayName}
            submitLabel="Save"
            busyLabel="Saving…"
            onSave={(d) => update(editing, d)}
            onCancel={() => setEditing(null)}
          />
        </Modal>
      )}
      {deleting && <ConfirmDelete item={deleting} onClose={() => setDeleting(null)} onDelete={() => remove(deleting)} />}
    </div>
  );
}

/** "Delete /refund?"; the server's refusal stays in the dialog. */
function ConfirmDelete({ item, onClose, onDelete }: { item: CannedResponse; onClose: () => void; onDelete: () => Promise<void> }) {
  return (
    <ConfirmDialog
      id="canned-delete"
      title={`Delete /${item.shortcut}?`}
      action="Delete"
      onConfirm={onDelete}
      failed={(e) => `Could not delete /${item.shortcut}: ${errorText(e)}`}
      onClose={onClose}
    >
      “{item.title}” is removed for the whole team; agents can no longer send it. This cannot be undone.
    </ConfirmDialog>
  );
}
