import type { Ticket } from "../db/index.js";
import { formatDuration, type I18n } from "../i18n/index.js";

const MAX_TOPIC_NAME = 128;

/**
 * A topic's name tells an agent everything at a glance in the topic list: number,
 * category, and a status light with the time left ("№123 · Бронирование · 🟢 23ч").
 * 🟢 more than half the time left, 🟡 less, 🟠 under a fifth, 🔴 overdue; ⏳ waits for
 * the parent, ✅ solved, 🔒 closed. On hold the deadline keeps running: "⏸ 🟡 3ч".
 */
export function topicTitle(ticket: Ticket, now: Date, i18n: I18n, responseMinutes: number): string {
  const category = i18n.t("ru", `relay-category-${ticket.category}`);
  const title = `№${ticket.number} · ${category} · ${statusBadge(ticket, now, responseMinutes)}`;
  return title.slice(0, MAX_TOPIC_NAME);
}

export function statusBadge(ticket: Ticket, now: Date, responseMinutes: number): string {
  switch (ticket.status) {
    case "resolved":
      return "✅";
    case "closed":
      return "🔒";
    case "waiting_parent":
      return "⏳";
    case "on_hold":
      return `⏸ ${dueLight(ticket.responseDueAt, now, responseMinutes)}`;
    default:
      return dueLight(ticket.responseDueAt, now, responseMinutes);
  }
}

function dueLight(due: Date | null, now: Date, responseMinutes: number): string {
  if (!due) return "🟢";
  const left = due.getTime() - now.getTime();
  if (left <= 0) return "🔴";
  const share = left / (responseMinutes * 60_000);
  const light = share > 0.5 ? "🟢" : share > 0.2 ? "🟡" : "🟠";
  return `${light} ${formatDuration(left, "ru")}`;
}
