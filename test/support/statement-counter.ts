import pg from "pg";

/** The statements every pg client (the pool's, Prisma's) sends, counted at the driver. */
export interface StatementCounter {
  readonly count: number;
  reset(): void;
  /** Puts the driver's own `query` back. */
  stop(): void;
}

/**
 * Counts every statement any pg client sends from now until `stop`, except the liveness
 * sweep's (core/liveness): it runs on a timer, not for any message.
 */
export function countStatements(): StatementCounter {
  const original = Reflect.get(pg.Client.prototype, "query") as (...args: unknown[]) => unknown;
  let count = 0;
  (pg.Client.prototype as { query: unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const name = (args[0] as { name?: unknown } | undefined)?.name;
    if (!(typeof name === "string" && name.startsWith("liveness-"))) count++;
    return original.apply(this, args);
  };
  return {
    get count() {
      return count;
    },
    reset: () => {
      count = 0;
    },
    stop: () => {
      (pg.Client.prototype as { query: unknown }).query = original;
    },
  };
}
