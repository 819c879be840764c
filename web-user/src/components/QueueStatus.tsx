import type { ChatState } from "../chatClient";

/** "about 2 min", "less than a minute"; null when the server gave no estimate. */
export function estimateText(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) return "less than a minute";
  return `about ${Math.round(seconds / 60)} min`;
}

/** "You're next", "You're number 3 in line", then " · about 2 min" when there is an estimate. */
export function positionText(position: number, estimatedWaitSecs?: number | null): string {
  const where = position <= 1 ? "You're next" : `You're number ${position} in line`;
  const estimate = estimateText(estimatedWaitSecs);
  return estimate ? `${where} · ${estimate}` : where;
}

/** While queued for an agent: that I wait, and where I stand in line, read out politely as it changes. */
export function QueueStatus({ queuePosition }: { queuePosition: ChatState["queuePosition"] }) {
  return (
    <div className="banner banner-info queue-status" role="status">
      <p>You are in the queue, waiting for an agent to join.</p>
      {queuePosition && <p className="queue-position">{positionText(queuePosition.position, queuePosition.estimatedWaitSecs)}</p>}
    </div>
  );
}
