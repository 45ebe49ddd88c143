import type { Context } from "telegraf";
import { type RevealTarget, revealPersonalData } from "../../core/staff/index.js";
import { actorOf, type RelayHandlerDeps } from "./staff-update.js";

/** Telegram's limit for the text of a callback answer (an alert only the tapper sees). */
const ALERT_LIMIT = 200;

/**
 * "👁 Показать данные": the hidden details are shown to the agent who tapped, and to no
 * one else: in an alert (a callback answer only the tapper sees), or when they do not
 * fit in one, in a private message from the bot. The group's messages stay masked. Core
 * audits every message revealed before anything is shown.
 */
export async function answerReveal(
  h: RelayHandlerDeps,
  ctx: Context,
  target: RevealTarget,
  eventKey: string,
): Promise<void> {
  const from = ctx.from;
  if (!from) return;
  const t = (key: string) => h.deps.i18n.t("ru", key);
  const result = await revealPersonalData(h.deps, { actor: actorOf(from), eventKey, target });
  if (result.outcome === "duplicate") return;
  if (result.items.length === 0) {
    await alert(h, ctx, t("relay-pii-none"));
    return;
  }
  const lines = result.items.map((item) => `${t(`relay-pii-kind-${item.kind}`)}: ${item.value}`);
  const shown = lines.join("\n");
  if (shown.length <= ALERT_LIMIT) {
    await alert(h, ctx, shown);
    return;
  }
  try {
    // A private chat with the agent: never the staff group, so never masked on the way.
    await ctx.telegram.sendMessage(from.id, `${t("relay-pii-private-header")}\n${shown}`);
    await alert(h, ctx, t("relay-pii-sent-privately"));
  } catch (error) {
    // The agent never wrote to the bot privately: as much as fits, whole lines only.
    h.logger.info({ userId: from.id, err: error }, "revealed details could not be sent privately");
    let fits = "";
    for (const line of lines) {
      const next = fits ? `${fits}\n${line}` : line;
      if (next.length > ALERT_LIMIT - 1) break;
      fits = next;
    }
    await alert(h, ctx, `${fits || (lines[0] ?? "").slice(0, ALERT_LIMIT - 1)}…`);
  }
}

async function alert(h: RelayHandlerDeps, ctx: Context, text: string): Promise<void> {
  await ctx
    .answerCbQuery(text.slice(0, ALERT_LIMIT), { show_alert: true })
    .catch((error: unknown) => {
      h.logger.warn({ err: error }, "revealed details could not be shown");
    });
}
