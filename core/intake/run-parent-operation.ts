import { inTransaction, type Tx } from "../db/index.js";
import { noteSettled } from "../inbox/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { emptyEffects, type Effects, type IntakeDeps } from "./intake-deps.js";

/**
 * The frame of everything a parent's update causes: one transaction that first claims the
 * update's dedupe keys (marking its inbox row done) (a redelivery gets `duplicate` and changes nothing), then runs the
 * operation; what it queued is dispatched after the commit. A lost race is retried whole.
 */
export async function runParentOperation<T>(
  deps: IntakeDeps,
  claim: { channel: string; eventKeys: string[] },
  duplicate: T,
  operation: (tx: Tx, effects: Effects) => Promise<T>,
): Promise<T> {
  let effects = emptyEffects();
  let claimed = false;
  const result = await inTransaction(deps.db, async (tx) => {
    effects = emptyEffects();
    claimed = await claimInboundEvent(tx, claim.channel, claim.eventKeys);
    if (!claimed) return duplicate;
    return operation(tx, effects);
  });
  // Committed: the update's inbox row is done, the inbox need not mark it again.
  if (claimed) noteSettled(claim.channel, claim.eventKeys);
  await deps.afterCommit(effects);
  return result;
}
