import type { NotifyPermission } from "../notify";

/** A small offer, never a prompt on load: shown only while the browser has not been asked. */
export function NotifyOffer({
  permission,
  dismissed,
  onEnable,
  onDismiss,
}: {
  permission: NotifyPermission;
  dismissed: boolean;
  onEnable: () => void;
  onDismiss: () => void;
}) {
  if (permission !== "default" || dismissed) return null;
  return (
    <section className="banner banner-offer" aria-label="Desktop notifications">
      <span>Get a desktop notification when a chat is assigned to you.</span>
      <button type="button" className="primary" onClick={onEnable}>
        Enable desktop notifications
      </button>
      <button type="button" onClick={onDismiss}>
        Not now
      </button>
    </section>
  );
}
