/** Parts of one outbox row (text chunks, attachment batches); each row owns 100 slots. */
export const MAX_PARTS = 100;

/** VK keeps random_id as a signed 32-bit integer. */
const INT32_MAX = 2 ** 31 - 1;

/**
 * The `random_id` of one part of one outbox row: `outboxId * 100 + part`, so a retried
 * send carries the same key and VK keeps the first message instead of showing a second
 * one (the id is readable in VK's history, too). Unique until ~21 million rows; beyond
 * that the value wraps around, far from the recent messages VK compares against, and
 * never becomes 0 (which would switch the check off).
 */
export function randomIdFor(outboxId: number, part: number): number {
  if (!Number.isSafeInteger(outboxId) || outboxId <= 0)
    throw new RangeError(`outbox id must be a positive integer (got ${outboxId})`);
  if (!Number.isInteger(part) || part < 0 || part >= MAX_PARTS)
    throw new RangeError(`a VK message has at most ${MAX_PARTS} parts (got part ${part})`);
  const value = outboxId * MAX_PARTS + part;
  return value <= INT32_MAX ? value : (value % INT32_MAX) + 1;
}
