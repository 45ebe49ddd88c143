import type { Db, TicketCategory } from "../db/index.js";
import { formatDueTime, formatDuration, type I18n } from "../i18n/index.js";
import { openStatuses } from "../tickets/ticket-state.js";
import { statusBadge } from "./topic-title.js";

/** /info: the ticket's history at a glance, as plain text for the topic. */
export async function ticketInfo(
  deps: { db: Db; i18n: I18n; clock: { now(): Date }; timeZone: string },
  ticketId: number,
): Promise<string> {
  const ticket = await deps.db.ticket.findUniqueOrThrow({
    where: { id: ticketId },
    include: { assignee: true, municipality: true, _count: { select: { messages: true } } },
  });
  const counts = await deps.db.message.groupBy({
    by: ["direction"],
    where: { ticketId },
    _count: { _all: true },
  });
  const count = (direction: string) =>
    counts.find((c) => c.direction === direction)?._count._all ?? 0;
  const t = (key: string, args?: Record<string, string | number>) => deps.i18n.t("ru", key, args);
  const when = (d: Date | null) =>
    d ? formatDueTime(d, "ru", deps.timeZone, deps.clock.now()) : "—";
  const lines = [
    t("relay-info-title", { number: ticket.number, status: t(`relay-status-${ticket.status}`) }),
    t("relay-info-created", { at: when(ticket.createdAt) }),
    t("relay-info-first-response", {
      at: when(ticket.firstResponseAt),
      after: ticket.firstResponseAt
        ? formatDuration(ticket.firstResponseAt.getTime() - ticket.createdAt.getTime(), "ru")
        : "—",
    }),
    t("relay-info-assignee", { name: ticket.assignee?.displayName ?? "—" }),
    t("relay-info-messages", { parent: count("in"), agent: count("agent"), notes: count("note") }),
  ];
  if (ticket.resolvedAt) lines.push(t("relay-info-resolved", { at: when(ticket.resolvedAt) }));
  if (ticket.rating) lines.push(t("relay-notice-rated", { score: ticket.rating }));
  if (ticket.slaBreachedAt)
    lines.push(t("relay-info-breached", { at: when(ticket.slaBreachedAt) }));
  return lines.join("\n");
}

/** /tickets: open tickets, most urgent first, with the time left. */
export async function openTicketsList(
  deps: { db: Db; i18n: I18n; clock: { now(): Date } },
  responseMinutes: number,
  limit = 30,
  /** Only these lines (a line's own group); all when absent. */
  categories?: readonly TicketCategory[],
): Promise<string> {
  const where = {
    status: { in: [...openStatuses] },
    ...(categories ? { category: { in: [...categories] } } : {}),
  };
  const tickets = await deps.db.ticket.findMany({
    where,
    orderBy: [{ responseDueAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
    include: { contact: true },
    take: limit,
  });
  const total = await deps.db.ticket.count({ where });
  if (total === 0) return deps.i18n.t("ru", "relay-tickets-none");
  const now = deps.clock.now();
  const lines = [deps.i18n.t("ru", "relay-tickets-header", { count: total })];
  for (const ticket of tickets) {
    lines.push(
      `№${ticket.number} · ${deps.i18n.t("ru", `relay-category-${ticket.category}`)} · ${statusBadge(ticket, now, responseMinutes)} · ${ticket.contact.displayName || "—"}`,
    );
  }
  if (total > tickets.length)
    lines.push(deps.i18n.t("ru", "relay-tickets-more", { count: total - tickets.length }));
  return lines.join("\n");
}
