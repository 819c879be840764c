import type { ChatState } from "../chatClient";
import type { I18n } from "../i18n";
import { useI18n } from "../i18n/context";

/** "You're next", "You're number 3 in line", then " · about 2 min" when there is an estimate. */
export function positionText({ t, wait }: I18n, position: number, estimatedWaitSecs?: number | null): string {
  const where = position <= 1 ? t("queue.next") : t("queue.position", { position });
  const estimate = wait(estimatedWaitSecs);
  return estimate ? t("queue.estimate", { where, wait: estimate }) : where;
}

/** While queued for an agent: that I wait, and where I stand in line, read out politely as it changes. */
export function QueueStatus({ queuePosition }: { queuePosition: ChatState["queuePosition"] }) {
  const i18n = useI18n();
  return (
    <div className="banner banner-info queue-status" role="status">
      <p>{i18n.t("queue.waiting")}</p>
      {queuePosition && <p className="queue-position">{positionText(i18n, queuePosition.position, queuePosition.estimatedWaitSecs)}</p>}
    </div>
  );
}
