import { asJson, type Db, inTransaction } from "../db/index.js";
import { type Attachment, parseAttachments } from "../tickets/attachment.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { agentReply, type AgentReplyResult } from "./agent-reply.js";
import type { EtiquetteFinding, StaffActor, StaffDeps } from "./staff-deps.js";
import { upsertAgent } from "./upsert-agent.js";

/**
 * "Send anyway" on a flagged draft: the same reply, without the guard, by the same rules.
 * A draft is settled once: a second tap (or a tap after "edit") is a duplicate.
 */
export async function sendFlaggedDraft(
  deps: StaffDeps,
  input: { actor: StaffActor; draftId: number; eventKey: string },
): Promise<AgentReplyResult | { outcome: "draft_not_found" }> {
  const draft = await findFlaggedDraft(deps.db, input.draftId);
  if (!draft) return { outcome: "draft_not_found" };
  return agentReply(deps, {
    actor: input.actor,
    ticketId: draft.ticketId,
    text: draft.text,
    attachments: draft.attachments,
    relayMessageId: draft.relayMessageId,
    eventKey: draftSettledKey(input.draftId),
    force: true,
  });
}

/** "Edit" on a flagged draft: it will not be sent; the agent writes a corrected reply. */
export async function discardFlaggedDraft(
  deps: StaffDeps,
  input: { actor: StaffActor; draftId: number },
): Promise<{ outcome: "discarded" | "duplicate" | "draft_not_found" }> {
  const draft = await findFlaggedDraft(deps.db, input.draftId);
  if (!draft) return { outcome: "draft_not_found" };
  return inTransaction(deps.db, async (tx) => {
    if (!(await claimInboundEvent(tx, "relay", [draftSettledKey(input.draftId)])))
      return { outcome: "duplicate" as const };
    const agent = await upsertAgent(tx, input.actor);
    await tx.auditLog.create({
      data: {
        actor: `agent:${agent.id}`,
        action: "reply_discarded",
        ticketId: draft.ticketId,
        details: asJson({ draftId: input.draftId }),
      },
    });
    return { outcome: "discarded" as const };
  });
}

function draftSettledKey(draftId: number): string {
  return `draft-settled:${draftId}`;
}

/** A reply the etiquette guard held back, as agentReply stored it. */
export interface FlaggedDraft {
  id: number;
  ticketId: number;
  text: string;
  attachments: Attachment[];
  /** Absent when the reply was written in the web console. */
  relayMessageId?: number;
  findings: EtiquetteFinding[];
}

export async function findFlaggedDraft(db: Db, draftId: number): Promise<FlaggedDraft | null> {
  const draft = await db.auditLog.findUnique({ where: { id: draftId } });
  const details = draft?.details as {
    text?: unknown;
    attachments?: unknown;
    relayMessageId?: unknown;
    findings?: unknown;
  } | null;
  if (
    !draft ||
    draft.action !== "reply_flagged" ||
    draft.ticketId === null ||
    typeof details?.text !== "string"
  ) {
    return null;
  }
  return {
    id: draft.id,
    ticketId: draft.ticketId,
    text: details.text,
    attachments: parseAttachments(details.attachments),
    relayMessageId: typeof details.relayMessageId === "number" ? details.relayMessageId : undefined,
    findings: Array.isArray(details.findings) ? (details.findings as EtiquetteFinding[]) : [],
  };
}
