import { asLocale } from "../contacts/index.js";
import { inTransaction, type Ticket, type Tx } from "../db/index.js";
import { emptyEffects, notifyStaff, sendToParent } from "../intake/index.js";
import type { ParentOutbound } from "../outbound/index.js";
import { addMessage } from "../tickets/add-message.js";
import { applyTicketEvent, lockTicket } from "../tickets/apply-ticket-event.js";
import type { Attachment } from "../tickets/attachment.js";
import { claimInboundEvent } from "../tickets/inbound-events.js";
import { isOpen } from "../tickets/ticket-state.js";
import { queueAgentAlbumItem } from "./agent-album.js";
import { guardAgentText } from "./guard-agent-text.js";
import type { EtiquetteFinding, StaffActor, StaffDeps } from "./staff-deps.js";
import { upsertAgent } from "./upsert-agent.js";

export interface AgentReplyInput {
  actor: StaffActor;
  ticketId: number;
  text: string;
  attachments: Attachment[];
  /**
   * The agent's message in the staff group (copied to the parent when it has media);
   * absent for a reply the group has not seen (written in the web console, or a macro),
   * which is then shown in the topic.
   */
  relayMessageId?: number;
  eventKey: string;
  /** "Send anyway" after the etiquette guard flagged the text (author or supervisor). */
  force?: boolean;
  /** The held draft that "send anyway" sends, for the audit. */
  draftId?: number;
  /** The Telegram media group the agent's message belongs to: the parent gets one album. */
  mediaGroupId?: string;
}

/**
 * `spelling`: the literacy hint's likely typos (never a reason to hold), for a screen that
 * shows the agent the result (the web console); the topic gets them from the guard.
 */
export type AgentReplyResult =
  | { outcome: "sent"; ticket: Ticket; firstResponse: boolean; spelling: string[] }
  | { outcome: "flagged"; findings: EtiquetteFinding[]; draftId: number; spelling: string[] }
  | { outcome: "duplicate" }
  | { outcome: "not_open"; ticket: Ticket };

/**
 * An agent's answer in the ticket's topic: checked by the etiquette guard (guardAgentText), stored,
 * relayed to the parent on their own channel (after "thank you for waiting" when the
 * ticket was on hold, signed when configured), and the first one records the first
 * response. A flagged reply is kept as a draft and not sent.
 */
export async function agentReply(
  deps: StaffDeps,
  input: AgentReplyInput,
): Promise<AgentReplyResult> {
  let effects = emptyEffects();
  const result = await inTransaction(deps.db, async (tx): Promise<AgentReplyResult> => {
    effects = emptyEffects();
    if (!(await claimInboundEvent(tx, "relay", [input.eventKey]))) return { outcome: "duplicate" };
    const ticket = await lockTicket(tx, input.ticketId);
    if (!isOpen(ticket.status)) {
      await notifyStaff(tx, effects, deps.settings, {
        op: "notice",
        ticketId: ticket.id,
        key: "relay-notice-not-open",
        args: { status: deps.i18n.t("ru", `relay-status-${ticket.status}`) },
      });
      return { outcome: "not_open", ticket };
    }
    const agent = await upsertAgent(tx, input.actor);
    const verdict = await guardAgentText(tx, deps, effects, {
      kind: "reply",
      ticketId: ticket.id,
      agentId: agent.id,
      text: input.text,
      attachments: input.attachments,
      relayMessageId: input.relayMessageId,
      force: input.force,
    });
    if (verdict.held)
      return {
        outcome: "flagged",
        findings: verdict.findings,
        draftId: verdict.draftId,
        spelling: verdict.spelling,
      };
    const sent = await relayToParent(tx, deps, effects, ticket, agent.id, input, verdict.spelling);
    await tx.auditLog.create({
      data: {
        actor: `agent:${agent.id}`,
        action: input.force ? "reply_sent_anyway" : "reply_sent",
        ticketId: ticket.id,
        ...(input.draftId === undefined ? {} : { details: { draftId: input.draftId } }),
      },
    });
    return sent;
  });
  await deps.afterCommit(effects);
  return result;
}

async function relayToParent(
  tx: Tx,
  deps: StaffDeps,
  effects: ReturnType<typeof emptyEffects>,
  ticket: Ticket,
  agentId: number,
  input: AgentReplyInput,
  spelling: string[],
): Promise<AgentReplyResult> {
  const now = deps.clock.now();
  const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
  const locale = asLocale(contact.locale);
  const parts = [
    ticket.holdThanksPending ? deps.i18n.t(locale, "hold-thanks") : "",
    input.text,
    deps.staff.showAgentName
      ? deps.i18n.t(locale, "agent-signature", { name: input.actor.displayName })
      : "",
  ];
  const text = parts.filter((p) => p.trim() !== "").join("\n\n");
  const message = await addMessage(tx, {
    ticketId: ticket.id,
    direction: "agent",
    text,
    attachments: input.attachments,
    agentId,
    relayMessageId: input.relayMessageId,
    mediaGroupId: input.mediaGroupId,
    at: now,
  });
  const { after } = await applyTicketEvent(tx, ticket.id, "agent_reply", {
    now,
    policy: deps.policy,
    reopenWindowHours: deps.settings.reopenWindowHours,
  });
  effects.ticketIds.push(ticket.id);
  const payload: ParentOutbound =
    input.attachments.length > 0 && input.relayMessageId !== undefined
      ? {
          type: "agent_media",
          messageId: message.id,
          text,
          attachments: input.attachments,
          fromChatId: ticket.relayChatId ?? deps.staff.relayChatId,
          fromMessageId: input.relayMessageId,
        }
      : { type: "text", text };
  const queued =
    payload.type === "agent_media" && input.mediaGroupId
      ? await queueAgentAlbumItem(tx, effects, contact, payload, {
          ticketId: ticket.id,
          messageId: message.id,
          mediaGroupId: input.mediaGroupId,
          text: input.text,
          now,
        })
      : await sendToParent(tx, effects, contact, payload, {
          ticketId: ticket.id,
          messageId: message.id,
        });
  if (input.relayMessageId === undefined)
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: ticket.id,
      key: "relay-notice-reply-text",
      args: { name: input.actor.displayName, text: input.text },
    });
  if (!queued) {
    // Stored for the record, but the parent cannot receive it: say so in the topic.
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: ticket.id,
      key: "relay-notice-delivery-failed",
      args: { code: contact.blockedReason ?? "RECIPIENT_BLOCKED" },
    });
  }
  if (after.status !== ticket.status)
    await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
  return {
    outcome: "sent",
    ticket: after,
    firstResponse: ticket.firstResponseAt === null,
    spelling,
  };
}
