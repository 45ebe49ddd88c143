import type { Db } from "../db/index.js";
import { CoreError } from "../shared/index.js";
import { parseAttachments } from "../tickets/attachment.js";

export interface ConversationLine {
  id: number;
  direction: string;
  text: string;
  attachments: string[];
  agent: string | null;
  at: Date;
}

/**
 * A ticket with its whole conversation for the console. Personal data in the messages
 * is masked unless `reveal` is set; a reveal is audited as `pii_revealed` (the same
 * action the relay's "show data" button records).
 */
export async function ticketView(
  deps: { db: Db; maskPersonalData(text: string): { masked: string; found: unknown[] } },
  input: { number: number; viewerAgentId: number; reveal: boolean },
) {
  const ticket = await deps.db.ticket.findUnique({
    where: { number: input.number },
    include: {
      contact: true,
      municipality: true,
      assignee: true,
      messages: { orderBy: { id: "asc" }, take: 1000, include: { agent: true } },
    },
  });
  if (!ticket) throw new CoreError("TICKET_NOT_FOUND", `No ticket №${input.number}.`);
  if (input.reveal)
    await deps.db.auditLog.create({
      data: {
        actor: `agent:${input.viewerAgentId}`,
        action: "pii_revealed",
        ticketId: ticket.id,
        details: { via: "console" },
      },
    });
  let masked = false;
  const conversation: ConversationLine[] = ticket.messages.map((m) => {
    let text = m.text;
    if (!input.reveal) {
      const result = deps.maskPersonalData(m.text);
      masked ||= result.found.length > 0;
      text = result.masked;
    }
    return {
      id: m.id,
      direction: m.direction,
      text,
      attachments: parseAttachments(m.attachments).map((a) => a.kind),
      agent: m.agent?.displayName ?? null,
      at: m.createdAt,
    };
  });
  const { messages: _messages, ...card } = ticket;
  return { ticket: card, conversation, masked };
}

export type TicketView = Awaited<ReturnType<typeof ticketView>>;
