import { asJson, type Tx } from "../db/index.js";
import { type Effects, notifyStaff } from "../intake/index.js";
import type { Attachment } from "../tickets/attachment.js";
import type { EtiquetteFinding, StaffDeps } from "./staff-deps.js";

/** Which way an agent's own words reach a parent. */
export type AgentTextKind = "reply" | "resolve_comment";

export interface AgentText {
  kind: AgentTextKind;
  ticketId: number;
  agentId: number;
  text: string;
  attachments: Attachment[];
  /** The agent's message in the staff group; the warning answers it (absent from the web console). */
  relayMessageId?: number;
  /** "Send anyway" on a draft this guard held: the author or a supervisor decided. */
  force?: boolean;
}

export type GuardVerdict =
  { held: false } | { held: true; findings: EtiquetteFinding[]; draftId: number };

/**
 * The one gate every text an agent writes to a parent goes through (topic replies,
 * /resolve comments, and any later path such as the web console): the etiquette check
 * (core/etiquette). A flagged text is kept as a draft (AuditLog `reply_flagged`, with the
 * author and the way it was going) and not sent; the topic gets the reasons with "send
 * anyway" / "edit". Runs inside the caller's transaction.
 */
export async function guardAgentText(
  tx: Tx,
  deps: Pick<StaffDeps, "checkEtiquette" | "settings">,
  effects: Effects,
  input: AgentText,
): Promise<GuardVerdict> {
  const findings = input.force || input.text.trim() === "" ? [] : deps.checkEtiquette(input.text);
  if (findings.length === 0) return { held: false };
  const draft = await tx.auditLog.create({
    data: {
      actor: `agent:${input.agentId}`,
      action: "reply_flagged",
      ticketId: input.ticketId,
      details: asJson({
        kind: input.kind,
        text: input.text,
        attachments: input.attachments,
        relayMessageId: input.relayMessageId,
        findings,
      }),
    },
  });
  await notifyStaff(tx, effects, deps.settings, {
    op: "etiquette_warning",
    ticketId: input.ticketId,
    draftId: draft.id,
  });
  return { held: true, findings, draftId: draft.id };
}
