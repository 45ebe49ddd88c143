import { type Db, poolOf } from "../db/index.js";
import { pruneDoneRows } from "../inbox/index.js";
import { HOUR } from "../shared/index.js";
import type { MaintenanceTask } from "./maintenance.js";

/**
 * Deletes inbox rows done more than a week ago: Telegram and VK redeliver within a day,
 * so a claim that old guards nothing. A few thousand rows at a time keep locks short; the
 * walk goes by id from the oldest row and stops at rows stored within the week.
 */
export function inboxPruneTask(db: Db, keepMs = 7 * 24 * HOUR): MaintenanceTask {
  return {
    name: "inbox-prune",
    everyMs: HOUR,
    async run() {
      const pool = poolOf(db);
      if (!pool) return;
      let after = 0;
      for (;;) {
        const { lastId, reachedRecent } = await pruneDoneRows(pool, keepMs, 5_000, after);
        if (reachedRecent || lastId === undefined) break;
        after = lastId;
      }
    },
  };
}
