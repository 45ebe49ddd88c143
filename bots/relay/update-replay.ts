import type { Update } from "telegraf/types";
import type { Db } from "../../core/db/index.js";
import type { Logger } from "../../core/observability/index.js";
import type { MaintenanceTask } from "../../core/runtime/index.js";
import { failedUpdates, markReplayFailed, markUpdateReplayed } from "../../core/staff/index.js";

/**
 * Replays the staff bot's failed updates (stored by its error boundary): Telegram will
 * not send them again, so this is how a failure during an outage is not lost. The
 * operations' dedupe keys make a replay of a half-done update act once.
 */
export function updateReplayTask(
  db: Db,
  replay: (update: Update) => Promise<void>,
  logger: Logger,
  everyMs = 60_000,
): MaintenanceTask {
  return {
    name: "relay-update-replay",
    everyMs,
    async run() {
      for (const failed of await failedUpdates(db)) {
        try {
          await replay(failed.update as Update);
          await markUpdateReplayed(db, failed.id);
          logger.info({ auditId: failed.id }, "replayed a failed relay update");
        } catch (error) {
          const outcome = await markReplayFailed(db, failed, error);
          logger.warn({ auditId: failed.id, outcome, err: error }, "relay update replay failed");
        }
      }
    },
  };
}
