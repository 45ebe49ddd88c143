import type { Db, Message } from "../db/index.js";
import type { I18n } from "../i18n/index.js";
import { parseAttachments } from "../tickets/attachment.js";

/**
 * A ticket's conversation as plain text for a new place (a topic on another line): who
 * wrote what and when, files counted. Unmasked here; the relay masks everything it posts.
 */
export async function ticketHistory(
  deps: { db: Db; i18n: I18n; timeZone: string },
  ticketId: number,
  fromLine: string,
): Promise<string> {
  const ticket = await deps.db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    select: { number: true },
  });
  const messages = await deps.db.message.findMany({
    where: { ticketId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { agent: true },
  });
  const t = (key: string, args?: Record<string, string | number>) => deps.i18n.t("ru", key, args);
  const when = new Intl.DateTimeFormat("ru", {
    timeZone: deps.timeZone,
    day: "2-digit",
    month: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const lines = [t("relay-line-history-header", { number: ticket.number, from: fromLine })];
  for (const message of messages) {
    const who = author(t, message);
    const files = parseAttachments(message.attachments).length;
    const text = message.text.trim() || (files > 0 ? "" : t("relay-line-history-empty"));
    const tail = files > 0 ? ` [${t("relay-line-history-files", { count: files })}]` : "";
    lines.push(`${when.format(message.createdAt)} ${who}: ${text}${tail}`);
  }
  return lines.join("\n");
}

function author(
  t: (key: string, args?: Record<string, string | number>) => string,
  message: Message & { agent: { displayName: string } | null },
): string {
  const name = message.agent?.displayName || "—";
  switch (message.direction) {
    case "in":
      return t("relay-line-history-parent");
    case "agent":
      return t("relay-line-history-agent", { name });
    case "note":
      return t("relay-line-history-note", { name });
    default:
      return t("relay-line-history-bot");
  }
}

/**
 * The ticket's messages with files as they were posted in the staff group (their ids
 * there, oldest first), so another group can copy them.
 */
export async function fileMessagesShownIn(db: Db, ticketId: number): Promise<number[]> {
  const messages = await db.message.findMany({
    where: { ticketId, relayMessageId: { not: null } },
    orderBy: { id: "asc" },
  });
  const ids = messages
    .filter((m) => parseAttachments(m.attachments).length > 0)
    .map((m) => m.relayMessageId as number);
  return [...new Set(ids)].sort((a, b) => a - b);
}
