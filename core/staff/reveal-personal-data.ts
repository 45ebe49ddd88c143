import { asJson, inTransaction } from "../db/index.js";
import { maskPersonalData, type PersonalDataItem } from "../privacy/index.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import type { StaffActor, StaffDeps } from "./staff-deps.js";
import { upsertAgent } from "./upsert-agent.js";

/** Which masked post an agent asked to see: one parent message, or the messages of a card. */
export type RevealTarget = { messageId: number } | { ticketId: number };

export type RevealResult =
  { outcome: "duplicate" } | { outcome: "done"; items: PersonalDataItem[] };

/** The card quotes the first 20 messages of the parent (core/staff/ticket-card). */
const CARD_MESSAGES = 20;

/**
 * "👁 Показать данные": the personal data of the parent's message(s) the agent tapped it
 * under, for that agent alone; what the group sees stays masked. Each message revealed
 * leaves a "pii_revealed" audit row (ticket, message, agent) before anything is shown.
 */
export async function revealPersonalData(
  deps: Pick<StaffDeps, "db">,
  input: { actor: StaffActor; eventKey: string; target: RevealTarget },
): Promise<RevealResult> {
  return inTransaction(deps.db, async (tx): Promise<RevealResult> => {
    if (!(await claimInboundEvent(tx, "relay", [input.eventKey]))) return { outcome: "duplicate" };
    const agent = await upsertAgent(tx, input.actor);
    const messages = await tx.message.findMany({
      where:
        "messageId" in input.target
          ? { id: input.target.messageId, direction: "in" }
          : { ticketId: input.target.ticketId, direction: "in" },
      orderBy: { id: "asc" },
      take: CARD_MESSAGES,
    });
    const items: PersonalDataItem[] = [];
    for (const message of messages) {
      const found = maskPersonalData(message.text).found;
      if (found.length === 0) continue;
      items.push(...found);
      await tx.auditLog.create({
        data: {
          actor: `agent:${agent.id}`,
          action: "pii_revealed",
          ticketId: message.ticketId,
          details: asJson({ messageId: message.id, kinds: found.map((f) => f.kind) }),
        },
      });
    }
    return { outcome: "done", items };
  });
}
