import { Prisma } from "./generated/client.js";
import type { Db } from "./create-db.js";
import type { Tx } from "./errors.js";

const retryableCodes = new Set(["P2002", "P2034"]);

/** A hand-written statement's unique violation (P2010, the driver's error inside): a lost race too. */
function lostRaceInRawQuery(error: Prisma.PrismaClientKnownRequestError): boolean {
  const meta = error.meta as
    { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined;
  return error.code === "P2010" && meta?.driverAdapterError?.cause?.originalCode === "23505";
}

/**
 * Runs `fn` in one interactive transaction and, when it loses a race (a unique index
 * or a serialization failure), runs it again from the start: the second attempt sees
 * what the winner committed and takes the other branch (e.g. appends to the ticket the
 * winner opened).
 */
export async function inTransaction<T>(
  db: Db,
  fn: (tx: Tx) => Promise<T>,
  attempts = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { maxWait: 15_000, timeout: 30_000 });
    } catch (error) {
      const retryable =
        error instanceof Prisma.PrismaClientKnownRequestError &&
        (retryableCodes.has(error.code) || lostRaceInRawQuery(error));
      if (!retryable || attempt >= attempts) throw error;
    }
  }
}
