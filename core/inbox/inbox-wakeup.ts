import pg from "pg";
import type { Logger } from "../observability/index.js";
import { INBOX_CHANNEL } from "./inbox-sql.js";

export interface InboxWakeup {
  /** Resolves once the first connection listens (or failed: the retries go on). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * LISTENs on the inbox channel with a connection of its own (a pooled one would be taken
 * for good), so a process hears at once when another stored rows it may take. A lost
 * connection is opened again; meanwhile the periodic sweep still finds the rows.
 */
export function listenForInbox(
  connectionString: string,
  /** `source` and the lowest id stored (undefined: not known, e.g. after reconnecting). */
  onWake: (source?: string, lowestId?: number) => void,
  logger: Logger,
  retryMs = 2_000,
): InboxWakeup {
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ connectionString });
    next.on("notification", (message) => {
      // `source:lowest id`; the source itself holds colons (telegram:<bot>).
      const payload = message.payload ?? "";
      const cut = payload.lastIndexOf(":");
      const id = cut < 0 ? Number.NaN : Number(payload.slice(cut + 1));
      if (cut < 0 || !Number.isSafeInteger(id)) onWake();
      else onWake(payload.slice(0, cut), id);
    });
    next.on("error", (error) => {
      logger.warn({ err: error }, "inbox listener connection lost; listening again soon");
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${INBOX_CHANNEL}`);
    } catch (error) {
      logger.warn({ err: error }, "inbox listener could not connect; trying again soon");
      await next.end().catch(() => undefined);
      schedule();
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    // Rows stored while nobody listened are found now rather than at the next sweep.
    onWake();
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, retryMs);
    timer.unref();
  };
  const ready = connect();

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
