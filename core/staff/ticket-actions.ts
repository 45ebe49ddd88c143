import { asLocale } from "../contacts/index.js";
import { encodeAction, notifyStaff, sendToParent, tellParentReopened } from "../intake/index.js";
import type { Ticket } from "../db/index.js";
import { applyTicketEvent } from "../tickets/apply-ticket-event.js";
import type { TicketEvent } from "../tickets/ticket-state.js";
import { guardAgentText } from "./guard-agent-text.js";
import { runStaffAction, type StaffActionInput } from "./run-staff-action.js";
import type { EtiquetteFinding, StaffDeps } from "./staff-deps.js";

/** An agent's text the etiquette guard held back instead of acting. */
export interface HeldText {
  held: true;
  draftId: number;
  findings: EtiquetteFinding[];
}

function eventContext(
  deps: StaffDeps,
  extra: { agentId?: number; resolutionComment?: string } = {},
) {
  return {
    now: deps.clock.now(),
    policy: deps.policy,
    reopenWindowHours: deps.settings.reopenWindowHours,
    ...extra,
  };
}

/** /take and "Взять": the ticket is assigned to the agent who tapped. */
export function takeTicket(deps: StaffDeps, input: StaffActionInput) {
  return runStaffAction(deps, input, "take", async ({ tx, ticket, agent, effects }) => {
    const { after } = await applyTicketEvent(
      tx,
      ticket.id,
      "take",
      eventContext(deps, { agentId: agent.id }),
    );
    await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: ticket.id,
      key: "relay-notice-taken",
      args: { name: agent.displayName },
    });
    return after;
  });
}

/**
 * /hold and "Пауза": the parent hears the etiquette phrase ("stay in touch, I am checking"),
 * the deadline keeps running (the topic shows ⏸ with the time left), and the next reply
 * or the resolution starts with "thank you for waiting".
 */
export function holdTicket(deps: StaffDeps, input: StaffActionInput) {
  return runStaffAction(deps, input, "hold", async ({ tx, ticket, agent, effects }) => {
    const { after } = await applyTicketEvent(tx, ticket.id, "hold", eventContext(deps));
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
    await sendToParent(
      tx,
      effects,
      contact,
      { type: "text", text: deps.i18n.t(asLocale(contact.locale), "hold-parent") },
      { ticketId: ticket.id },
    );
    await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: ticket.id,
      key: "relay-notice-held",
      args: { name: agent.displayName },
    });
    return after;
  });
}

/** What /resolve carries besides the ticket: the agent's comment to the parent. */
export interface ResolveInput extends StaffActionInput {
  comment?: string;
  /** The agent's command message (the etiquette warning answers it). */
  relayMessageId?: number;
  /** "Send anyway" on a held comment (author or supervisor), with the draft's id. */
  force?: boolean;
  draftId?: number;
}

/**
 * /resolve [comment] and "Решено": the comment passes the etiquette guard like a reply (a
 * flagged one holds the whole resolution back, the ticket stays open); the parent is told
 * at once (thanked for waiting after a hold), with the comment and the rating buttons; the
 * topic is closed and renamed ✅.
 */
export function resolveTicket(deps: StaffDeps, input: ResolveInput) {
  return runStaffAction(
    deps,
    input,
    "resolve",
    async ({ tx, ticket, agent, effects, audit }): Promise<Ticket | HeldText> => {
      const comment = input.comment?.trim() || undefined;
      const verdict = await guardAgentText(tx, deps, effects, {
        kind: "resolve_comment",
        ticketId: ticket.id,
        agentId: agent.id,
        text: comment ?? "",
        attachments: [],
        relayMessageId: input.relayMessageId ?? 0,
        force: input.force,
      });
      if (verdict.held) {
        audit.action = "resolve_held";
        audit.details = { draftId: verdict.draftId };
        return { held: true, draftId: verdict.draftId, findings: verdict.findings };
      }
      if (input.force) {
        audit.action = "resolve_sent_anyway";
        audit.details = { draftId: input.draftId };
      }
      const { after } = await applyTicketEvent(
        tx,
        ticket.id,
        "resolve",
        eventContext(deps, { resolutionComment: comment }),
      );
      const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
      const locale = asLocale(contact.locale);
      const lines = [
        ticket.holdThanksPending ? deps.i18n.t(locale, "hold-thanks") : "",
        deps.i18n.t(locale, "resolved-parent", { number: ticket.number }),
      ].filter(Boolean);
      if (comment) lines.push(comment);
      lines.push(deps.i18n.t(locale, "resolved-reopen-hint"), deps.i18n.t(locale, "resolved-rate"));
      const stars = [1, 2, 3, 4, 5].map((score) => ({
        label: "⭐".repeat(score),
        action: encodeAction({ kind: "rate", ticketId: ticket.id, score }),
      }));
      await sendToParent(
        tx,
        effects,
        contact,
        { type: "text", text: lines.join("\n\n"), buttons: [stars.slice(0, 3), stars.slice(3)] },
        { ticketId: ticket.id },
      );
      // The notice comes first: the topic is closed by the sync that follows.
      await notifyStaff(tx, effects, deps.settings, {
        op: "notice",
        ticketId: ticket.id,
        key: "relay-notice-resolved",
        args: { name: agent.displayName },
      });
      await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
      return after;
    },
  );
}

/** /reopen: back to the agents' queue (within the reopen window), and the parent is told. */
export function reopenTicket(deps: StaffDeps, input: StaffActionInput) {
  return runStaffAction(deps, input, "reopen", async ({ tx, ticket, agent, effects }) => {
    const { after } = await applyTicketEvent(tx, ticket.id, "reopen", eventContext(deps));
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: ticket.contactId } });
    await tellParentReopened(tx, deps, effects, contact, after);
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: ticket.id,
      key: "relay-notice-reopened",
      args: { name: agent.displayName },
    });
    return after;
  });
}

/** Any other lifecycle event by an agent (e.g. "resume" after a hold, "close"). */
export function applyStaffEvent(deps: StaffDeps, input: StaffActionInput, event: TicketEvent) {
  return runStaffAction(deps, input, event, async ({ tx, ticket, effects }) => {
    const { after } = await applyTicketEvent(tx, ticket.id, event, eventContext(deps));
    await notifyStaff(tx, effects, deps.settings, { op: "sync_topic", ticketId: ticket.id });
    return after;
  });
}
