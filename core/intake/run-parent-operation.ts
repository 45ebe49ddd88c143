import { inTransaction, type Tx } from "../db/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { emptyEffects, type Effects, type IntakeDeps } from "./intake-deps.js";

/**
 * The frame of everything a parent's update causes: one transaction that first claims the
 * update's dedupe keys (a redelivery gets `duplicate` and changes nothing), then runs the
 * operation; what it queued is dispatched after the commit. A lost race is retried whole.
 */
export async function runParentOperation<T>(
  deps: IntakeDeps,
  claim: { channel: string; eventKeys: string[] },
  duplicate: T,
  operation: (tx: Tx, effects: Effects) => Promise<T>,
): Promise<T> {
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx) => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, claim.channel, claim.eventKeys))) return duplicate;
    return operation(tx, effects);
  });
  await deps.afterCommit(effects);
  return result;
}
