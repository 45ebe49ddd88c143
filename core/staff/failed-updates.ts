import { asJson, type Db } from "../db/index.js";

const FAILED = "relay_update_failed";
const MAX_ATTEMPTS = 5;

/**
 * The staff bot's webhook and polling loop acknowledge an update whatever the handler
 * did (Telegraf answers 200), so a failed update is kept here, raw, and replayed later
 * by a maintenance task; the dedupe keys of the operations make a replay act once.
 */
export async function recordFailedUpdate(
  db: Db,
  input: { updateId: number; update: unknown; error: unknown },
): Promise<void> {
  await db.auditLog.create({
    data: {
      actor: "relay",
      action: FAILED,
      details: asJson({
        updateId: input.updateId,
        update: input.update,
        error: describe(input.error),
        attempts: 0,
      }),
    },
  });
}

export interface FailedUpdate {
  id: number;
  update: unknown;
  attempts: number;
}

/** Failed updates waiting for a replay, oldest first. */
export async function failedUpdates(db: Db, limit = 50): Promise<FailedUpdate[]> {
  const rows = await db.auditLog.findMany({
    where: { action: FAILED },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((row) => {
    const details = (row.details ?? {}) as { update?: unknown; attempts?: unknown };
    return {
      id: row.id,
      update: details.update,
      attempts: typeof details.attempts === "number" ? details.attempts : 0,
    };
  });
}

/** The replay worked: the row stays as history under "relay_update_replayed". */
export async function markUpdateReplayed(db: Db, id: number): Promise<void> {
  await db.auditLog.update({ where: { id }, data: { action: "relay_update_replayed" } });
}

/** The replay failed again; after a few attempts the update is given up ("abandoned"). */
export async function markReplayFailed(
  db: Db,
  failed: FailedUpdate,
  error: unknown,
): Promise<"retry" | "abandoned"> {
  const row = await db.auditLog.findUniqueOrThrow({ where: { id: failed.id } });
  const attempts = failed.attempts + 1;
  const abandoned = attempts >= MAX_ATTEMPTS;
  await db.auditLog.update({
    where: { id: failed.id },
    data: {
      action: abandoned ? "relay_update_abandoned" : FAILED,
      details: asJson({
        ...(row.details as Record<string, unknown>),
        attempts,
        error: describe(error),
      }),
    },
  });
  return abandoned ? "abandoned" : "retry";
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(
    0,
    1000,
  );
}
