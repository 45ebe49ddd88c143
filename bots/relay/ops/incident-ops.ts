import {
  type IncidentSummary,
  loadIncidentSummary,
  recordSummaryPost,
} from "../../../core/incidents/index.js";
import { staffView } from "../../../core/privacy/index.js";
import type { RelayRuntime } from "../relay-runtime.js";
import { isBadRequest } from "../telegram-failure.js";
import type { OpHandler } from "./op-handler.js";

const MAX_TEXT = 4096;

function summaryText(rt: RelayRuntime, summary: IncidentSummary): string {
  const { i18n } = rt.deps;
  const { incident } = summary;
  const line = incident.line
    ? i18n.t("ru", `category-${incident.line}`)
    : i18n.t("ru", "incident-line-all");
  const text =
    incident.status === "open"
      ? i18n.t("ru", "incident-summary-open", {
          id: incident.id,
          line,
          notice: incident.notice,
          linked: summary.linked,
          waiting: summary.waiting,
          latest: summary.latest.map((n) => `№${n}`).join(", ") || "—",
        })
      : i18n.t("ru", "incident-summary-resolved", {
          id: incident.id,
          line,
          resolution: incident.resolution ?? "",
          linked: summary.linked,
        });
  return staffView(text).slice(0, MAX_TEXT);
}

/**
 * The incident's one post in the General topic: sent the first time (it acknowledges the
 * incident with its number), edited afterwards with the current count and newest tickets.
 * Edits are throttled by core (one queued row per interval); an unchanged text is fine,
 * and a post deleted under the relay is sent again.
 */
export const incidentSummary: OpHandler<{ incidentId: number }> = {
  cost: async () => 1,
  async run(rt, budget, { incidentId }) {
    const summary = await loadIncidentSummary(rt.deps.db, incidentId);
    if (!summary) return;
    const text = summaryText(rt, summary);
    const { summaryChatId, summaryMessageId } = summary.incident;
    await budget.spend(1);
    if (summaryMessageId !== null && summaryChatId === rt.chatId) {
      try {
        await rt.telegram.editMessageText(rt.chatId, summaryMessageId, undefined, text);
        return;
      } catch (error) {
        if (isBadRequest(error, "message is not modified")) return;
        if (!isBadRequest(error, "message to edit not found")) throw error;
      }
    }
    const sent = await rt.telegram.sendMessage(rt.chatId, text);
    await recordSummaryPost(rt.deps.db, incidentId, {
      chatId: rt.chatId,
      messageId: sent.message_id,
    });
  },
};
