import type { Tx } from "../db/index.js";

/**
 * The next human ticket number. The counter row is locked until the transaction ends,
 * so numbers are gapless: a rolled-back ticket gives its number back.
 */
export async function nextTicketNumber(tx: Tx): Promise<number> {
  const rows = await tx.$queryRaw<{ value: number }[]>`
    UPDATE "TicketCounter" SET "value" = "value" + 1 WHERE "id" = 1 RETURNING "value"`;
  const value = rows[0]?.value;
  if (value === undefined)
    throw new Error("TicketCounter row 1 is missing: run the migrations (npm run db:migrate).");
  return value;
}
