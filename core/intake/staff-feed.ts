import type { Tx } from "../db/index.js";
import type { RelayOutbound } from "../outbound/outbound-message.js";
import { recordOutbound, relayChatKey } from "../outbound/record-outbound.js";
import type { Effects, IntakeSettings } from "./intake-deps.js";

/** Queues an operation for the staff relay (topic, card, copied message, notice). */
export async function notifyStaff(
  tx: Tx,
  effects: Effects,
  settings: Pick<IntakeSettings, "relayEnabled">,
  payload: RelayOutbound,
  dedupeKey?: string,
  notBefore?: Date,
): Promise<void> {
  if (!settings.relayEnabled) return;
  const id = await recordOutbound(tx, {
    channel: "relay",
    chatKey: relayChatKey,
    payload,
    ticketId: "ticketId" in payload ? payload.ticketId : undefined,
    dedupeKey,
    notBefore,
  });
  if (id !== null) effects.outboxIds.push(id);
}
