import type { Db } from "../db/index.js";
import { foldFaqHits } from "../faq/faq-hits.js";
import type { MaintenanceTask } from "./maintenance.js";

/**
 * Folds the FAQ answers recorded since the last run into the entries' hit counters. Every
 * 30 s keeps the pending table small (a few thousand rows at 100 answers a second); readers
 * fold first anyway, so the period only bounds the table, not what anyone sees.
 */
export function faqHitsFoldTask(db: Db, everyMs = 30_000): MaintenanceTask {
  return {
    name: "faq-hits-fold",
    everyMs,
    async run() {
      await foldFaqHits(db);
    },
  };
}
