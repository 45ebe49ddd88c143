import { asJson, type Db, inTransaction } from "../db/index.js";
import { type Attachment, parseAttachments } from "../tickets/attachment.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { agentReply, type AgentReplyResult } from "./agent-reply.js";
import type { AgentTextKind } from "./guard-agent-text.js";
import type { EtiquetteFinding, StaffActor, StaffDeps } from "./staff-deps.js";
import { resolveTicket } from "./ticket-actions.js";
import { upsertAgent } from "./upsert-agent.js";

export type SendDraftResult =
  AgentReplyResult | { outcome: "draft_not_found" | "not_allowed" | "resolved" | "refused" };

/**
 * "Send anyway" on a flagged draft: the same reply or resolution, without the guard, by
 * the same rules. Only the draft's author or a supervisor may decide so; the send is
 * audited as `reply_sent_anyway` / `resolve_sent_anyway` with the draft's id. A draft is
 * settled once: a second tap (or a tap after "edit") is a duplicate.
 */
export async function sendFlaggedDraft(
  deps: StaffDeps,
  input: { actor: StaffActor; draftId: number; eventKey: string },
): Promise<SendDraftResult> {
  const draft = await findFlaggedDraft(deps.db, input.draftId);
  if (!draft) return { outcome: "draft_not_found" };
  const agent = await deps.db.agent.findUnique({
    where: { telegramUserId: input.actor.telegramUserId },
  });
  const supervisor = agent?.role === "supervisor" || agent?.role === "admin";
  if (!agent || (agent.id !== draft.authorAgentId && !supervisor)) {
    await deps.db.auditLog.create({
      data: {
        actor: agent ? `agent:${agent.id}` : `telegram:${input.actor.telegramUserId}`,
        action: "send_anyway_refused",
        ticketId: draft.ticketId,
        details: asJson({ draftId: draft.id }),
      },
    });
    return { outcome: "not_allowed" };
  }
  const settled = { eventKey: draftSettledKey(input.draftId), force: true, draftId: draft.id };
  if (draft.kind === "resolve_comment") {
    const result = await resolveTicket(deps, {
      actor: input.actor,
      ticketId: draft.ticketId,
      comment: draft.text,
      relayMessageId: draft.relayMessageId,
      ...settled,
    });
    return result.outcome === "done"
      ? { outcome: "resolved" }
      : { outcome: result.outcome === "duplicate" ? "duplicate" : "refused" };
  }
  return agentReply(deps, {
    actor: input.actor,
    ticketId: draft.ticketId,
    text: draft.text,
    attachments: draft.attachments,
    relayMessageId: draft.relayMessageId,
    ...settled,
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

/** A text the etiquette guard held back, as guardAgentText stored it. */
export interface FlaggedDraft {
  id: number;
  ticketId: number;
  kind: AgentTextKind;
  /** Who wrote it (null for drafts whose actor is not an agent). */
  authorAgentId: number | null;
  text: string;
  attachments: Attachment[];
  /** Absent when the reply was written in the web console. */
  relayMessageId?: number;
  findings: EtiquetteFinding[];
  /** The literacy hint's words when the text was held (shown in the warning). */
  spelling: string[];
}

export async function findFlaggedDraft(db: Db, draftId: number): Promise<FlaggedDraft | null> {
  const draft = await db.auditLog.findUnique({ where: { id: draftId } });
  const details = draft?.details as {
    kind?: unknown;
    text?: unknown;
    attachments?: unknown;
    relayMessageId?: unknown;
    findings?: unknown;
    spelling?: unknown;
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
    kind: details.kind === "resolve_comment" ? "resolve_comment" : "reply",
    authorAgentId: /^agent:\d+$/.test(draft.actor) ? Number(draft.actor.slice(6)) : null,
    text: details.text,
    attachments: parseAttachments(details.attachments),
    relayMessageId: typeof details.relayMessageId === "number" ? details.relayMessageId : undefined,
    findings: Array.isArray(details.findings) ? (details.findings as EtiquetteFinding[]) : [],
    spelling: Array.isArray(details.spelling)
      ? details.spelling.filter((w): w is string => typeof w === "string")
      : [],
  };
}
