import { notifyStaff } from "../intake/index.js";
import { staffView } from "../privacy/index.js";
import { addMessage } from "../tickets/add-message.js";
import type { Attachment } from "../tickets/attachment.js";
import { runStaffAction, type StaffActionInput } from "./run-staff-action.js";
import type { StaffDeps } from "./staff-deps.js";

/**
 * An internal note ("!text" or /note): kept in the topic and the database, never sent to
 * the parent, and it does not count as a response.
 */
export function addNote(
  deps: StaffDeps,
  input: StaffActionInput & { text: string; attachments: Attachment[]; relayMessageId: number },
) {
  return runStaffAction(deps, input, "note", async ({ tx, ticket, agent }) =>
    addMessage(tx, {
      ticketId: ticket.id,
      direction: "note",
      text: input.text,
      attachments: input.attachments,
      agentId: agent.id,
      relayMessageId: input.relayMessageId,
      at: deps.clock.now(),
    }),
  );
}

const faqCategoryOf = { site: "account", booking: "booking", other: "contacts" } as const;

/**
 * /faq: the parent's question and the last agent answer become an unpublished FAQ entry
 * for a supervisor to review (`npm run faq -- drafts`, then `publish` or `reject`), with
 * phone numbers, e-mails and other personal data masked.
 */
export function saveFaqDraft(deps: StaffDeps, input: StaffActionInput) {
  return runStaffAction(deps, input, "faq_draft", async ({ tx, ticket, effects }) => {
    const question = await tx.message.findFirst({
      where: { ticketId: ticket.id, direction: "in", text: { not: "" } },
      orderBy: { id: "asc" },
    });
    const answer = await tx.message.findFirst({
      where: { ticketId: ticket.id, direction: "agent", text: { not: "" } },
      orderBy: { id: "desc" },
    });
    if (!question || !answer) {
      await notifyStaff(tx, effects, deps.settings, {
        op: "notice",
        ticketId: ticket.id,
        key: "relay-notice-faq-nothing",
        args: {},
      });
      return null;
    }
    const entry = await tx.faqEntry.create({
      data: {
        slug: `draft-${ticket.number}-${deps.clock.now().getTime()}`,
        locale: "ru",
        category: faqCategoryOf[ticket.category],
        question: staffView(question.text).slice(0, 500),
        answer: staffView(answer.text),
        published: false,
        source: "agent_draft",
      },
    });
    await notifyStaff(tx, effects, deps.settings, {
      op: "notice",
      ticketId: ticket.id,
      key: "relay-notice-faq-saved",
      args: { slug: entry.slug },
    });
    return entry;
  });
}
