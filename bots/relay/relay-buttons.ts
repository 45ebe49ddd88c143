import { Composer, type Context } from "telegraf";
import {
  discardFlaggedDraft,
  holdTicket,
  reopenTicket,
  resolveTicket,
  sendFlaggedDraft,
  type StaffActionResult,
  takeTicket,
} from "../../core/staff/index.js";
import { parseButton, type RelayButton } from "./callback-data.js";
import { answerReveal } from "./reveal-answer.js";
import { actorOf, type RelayHandlerDeps } from "./staff-update.js";

const ticketActions = {
  take: takeTicket,
  resolve: resolveTicket,
  hold: holdTicket,
  reopen: reopenTicket,
} as const;

type TicketButton = Extract<RelayButton, { kind: keyof typeof ticketActions }>;

const doneToasts: Record<TicketButton["kind"], string> = {
  take: "relay-toast-taken",
  resolve: "relay-toast-resolved",
  hold: "relay-toast-held",
  reopen: "relay-toast-reopened",
};

/**
 * The card's buttons and the etiquette warning's buttons. The tap is answered at once
 * with a short toast (what happened, or why not); what the group sees comes through core.
 */
export function relayButtons(h: RelayHandlerDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const t = (key: string, args?: Record<string, string | number>) => h.deps.i18n.t("ru", key, args);

  composer.on("callback_query", async (ctx) => {
    const query = ctx.callbackQuery;
    const button = parseButton("data" in query ? query.data : "");
    if (!button) {
      await answer(ctx, "");
      return;
    }
    const actor = actorOf(ctx.from);
    const eventKey = `cb${query.id}`;
    if (button.kind === "reveal" || button.kind === "reveal_message") {
      const target =
        button.kind === "reveal" ? { ticketId: button.ticketId } : { messageId: button.messageId };
      await answerReveal(h, ctx, target, eventKey);
      return;
    }
    if ("ticketId" in button) {
      const result = await ticketActions[button.kind](h.deps, {
        actor,
        ticketId: button.ticketId,
        eventKey,
      });
      await answer(ctx, ticketToast(t, button, result));
      return;
    }
    const outcome =
      button.kind === "send_anyway"
        ? (await sendFlaggedDraft(h.deps, { actor, draftId: button.draftId, eventKey })).outcome
        : (await discardFlaggedDraft(h.deps, { actor, draftId: button.draftId })).outcome;
    const toast: Record<string, string> = {
      sent: "relay-toast-sent",
      resolved: "relay-toast-resolved",
      not_allowed: "relay-toast-draft-not-yours",
      discarded: "relay-toast-draft-discarded",
      not_open: "relay-toast-not-open",
    };
    await answer(ctx, t(toast[outcome] ?? "relay-toast-draft-settled"));
    // A refused tap leaves the buttons to the author or a supervisor; otherwise they did
    // their job. A failed cosmetic edit is not worth a retry.
    if (outcome !== "not_allowed")
      await ctx.editMessageReplyMarkup(undefined).catch(() => undefined);
  });

  async function answer(ctx: Context, text: string): Promise<void> {
    await ctx.answerCbQuery(text ? text.slice(0, 200) : undefined).catch((error: unknown) => {
      h.logger.warn({ err: error }, "button press could not be answered");
    });
  }
  return composer;
}

function ticketToast(
  t: (key: string, args?: Record<string, string | number>) => string,
  button: TicketButton,
  result: StaffActionResult<unknown>,
): string {
  switch (result.outcome) {
    case "done": {
      const value = result.value as { number?: number } | undefined;
      return t(doneToasts[button.kind], { number: value?.number ?? "" });
    }
    case "refused":
      return t("relay-toast-refused", { code: result.code });
    default:
      return "";
  }
}
