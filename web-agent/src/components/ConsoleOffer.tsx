/** Shown once after a supervisor's or admin's invitation is accepted: the console is theirs too. */
export function ConsoleOffer({ onDismiss }: { onDismiss: () => void }) {
  return (
    <section className="banner banner-offer" aria-label="The console">
      <span>
        Your account can also use the console: <a href="/admin/">open the console</a>.
      </span>
      <button type="button" onClick={onDismiss}>
        Got it
      </button>
    </section>
  );
}
