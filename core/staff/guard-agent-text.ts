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

/** `spelling`: the literacy hint's words (never a reason to hold), shown to the agent. */
export type GuardVerdict =
  | { held: false; spelling: string[] }
  | { held: true; findings: EtiquetteFinding[]; draftId: number; spelling: string[] };

/**
 * The one gate every text an agent writes to a parent goes through (topic replies,
 * /resolve comments, and any later path such as the web console): the etiquette check
 * (core/etiquette). A flagged text is kept as a draft (AuditLog `reply_flagged`, with the
 * author and the way it was going) and not sent; the topic gets the reasons with "send
 * anyway" / "edit". The literacy hint (likely typos) never holds a text: it joins the
 * warning of a held one, or follows a sent one as a notice in the topic, and the caller
 * gets the words for its own screen (the web console). Runs inside the caller's
 * transaction.
 */
export async function guardAgentText(
  tx: Tx,
  deps: Pick<StaffDeps, "checkEtiquette" | "checkSpelling" | "settings">,
  effects: Effects,
  input: AgentText,
): Promise<GuardVerdict> {
  // "Send anyway" is the agent's decision on this very text: nothing to add to it.
  const checked = !input.force && input.text.trim() !== "";
  const findings = checked ? deps.checkEtiquette(input.text) : [];
  // A word a finding already names ("хуйня" as profanity) is not a typo to point out.
  const spelling = (checked ? (deps.checkSpelling?.(input.text) ?? []) : []).filter(
    (word) => !findings.some((f) => f.match.toLowerCase().includes(word.toLowerCase())),
  );
  if (findings.length === 0) {
    if (spelling.length > 0)
      await notifyStaff(tx, effects, deps.settings, {
        op: "notice",
        ticketId: input.ticketId,
        key: "relay-notice-spelling",
        args: { words: spelling.join(", ") },
      });
    return { held: false, spelling };
  }
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
        spelling,
      }),
    },
  });
  await notifyStaff(tx, effects, deps.settings, {
    op: "etiquette_warning",
    ticketId: input.ticketId,
    draftId: draft.id,
  });
  return { held: true, findings, draftId: draft.id, spelling };
}
