import { asJson, type Db, type FaqEntry } from "../db/index.js";
import { CoreError } from "../shared/index.js";

/*
 * The review of agents' FAQ drafts (/faq in a topic) from the console. Kept in this one
 * module so it can be pointed at core/faq's own draft operations (`faq -- drafts |
 * publish | reject`) once they exist; the console calls only these three functions.
 */

/** Drafts waiting for review, newest first. */
export function listFaqDrafts(db: Db): Promise<FaqEntry[]> {
  return db.faqEntry.findMany({ where: { published: false }, orderBy: { id: "desc" }, take: 200 });
}

/** Publishes a draft (the running FAQ picks it up at its next reload); audited. */
export async function publishFaqDraft(db: Db, actorAgentId: number, id: number): Promise<FaqEntry> {
  return db.$transaction(async (tx) => {
    const entry = await tx.faqEntry.findUnique({ where: { id } });
    if (!entry) throw new CoreError("FAQ_ENTRY_NOT_FOUND", `No FAQ entry with id ${id}.`);
    const published = await tx.faqEntry.update({ where: { id }, data: { published: true } });
    await tx.auditLog.create({
      data: {
        actor: `agent:${actorAgentId}`,
        action: "faq_draft_published",
        details: asJson({ id, slug: entry.slug }),
      },
    });
    return published;
  });
}

/** Rejects a draft: it is deleted, its text kept in the audit log. */
export async function rejectFaqDraft(db: Db, actorAgentId: number, id: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const entry = await tx.faqEntry.findUnique({ where: { id } });
    if (!entry || entry.published)
      throw new CoreError("FAQ_ENTRY_NOT_FOUND", `No FAQ draft with id ${id}.`);
    await tx.faqEntry.delete({ where: { id } });
    await tx.auditLog.create({
      data: {
        actor: `agent:${actorAgentId}`,
        action: "faq_draft_rejected",
        details: asJson({ id, slug: entry.slug, question: entry.question, answer: entry.answer }),
      },
    });
  });
}
