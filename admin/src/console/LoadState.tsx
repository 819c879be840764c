// What a console page shows while its data is not there: the load's error
// with a way to try again, or "Loading…". Nothing once the data is in.

/** `error` (an alert with Try again) or, while `loaded` is false, "Loading…". */
export function LoadState({ error, loaded, onRetry }: { error: string | null; loaded: boolean; onRetry: () => void }) {
  if (error) {
    return (
      <div className="form-error" role="alert">
        {error}{" "}
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return loaded ? null : <p className="muted">Loading…</p>;
}
