import type { Db } from "../db/index.js";
import type { Logger } from "../observability/index.js";
import { indexSearchBatch } from "./index-batch.js";

export interface SearchIndexerOptions {
  /** How often the queue is looked at when nobody wakes the indexer (default 1 s). */
  everyMs?: number;
  /** Messages per statement (default 500). */
  batchSize?: number;
  logger: Logger;
}

export interface SearchIndexer {
  /** Runs a pass now (or right after the one in progress). */
  wake(): void;
  /** Indexes until the queue is empty (tests, benches, the end of a bulk import). */
  drain(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Keeps "MessageSearch" up to date off the parent's reply path: every `everyMs` it takes
 * the queued messages in batches of `batchSize` until the queue is empty. The console finds
 * queued messages anyway (it searches them directly), so the period bounds only how many it
 * has to read that way. Every worker process runs one; batches never overlap (SKIP LOCKED).
 * A failed pass is logged and retried at the next tick: the queue keeps its rows.
 */
export function startSearchIndexer(db: Db, options: SearchIndexerOptions): SearchIndexer {
  const everyMs = options.everyMs ?? 1_000;
  const batchSize = options.batchSize ?? 500;
  let closed = false;
  let running: Promise<number> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const drain = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const taken = await indexSearchBatch(db, batchSize);
      total += taken;
      if (taken < batchSize || closed) return total;
    }
  };
  const pass = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = drain()
      .catch((error: unknown) => {
        options.logger.error({ err: error }, "search indexing failed; retried at the next tick");
        return 0;
      })
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          void pass();
        }
      });
    return running;
  };
  const tick = () => {
    timer = setTimeout(() => {
      void pass().finally(() => {
        if (!closed) tick();
      });
    }, everyMs);
    timer.unref();
  };
  tick();
  return {
    wake() {
      if (!closed) void pass();
    },
    drain,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
