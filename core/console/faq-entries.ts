import { z } from "zod";
import { asJson, type Db, type FaqEntry } from "../db/index.js";
import { foldFaqHits } from "../faq/faq-hits.js";
import { CoreError } from "../shared/index.js";

/**
 * Published entries, optionally those whose question, answer or phrasings contain `q`,
 * most answered first. Pending hits are folded first so `hits` counts every answer given.
 */
export async function searchFaqEntries(db: Db, q: string): Promise<FaqEntry[]> {
  const text = q.trim().slice(0, 200);
  await foldFaqHits(db);
  return db.faqEntry.findMany({
    where: {
      published: true,
      ...(text
        ? {
            OR: [
              { question: { contains: text, mode: "insensitive" } },
              { answer: { contains: text, mode: "insensitive" } },
              { slug: { contains: text, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    orderBy: [{ hits: "desc" }, { id: "asc" }],
    take: 200,
  });
}

export const faqEditSchema = z.object({
  question: z.string().trim().min(3).max(500),
  answer: z.string().trim().min(3).max(4000),
  /** One phrasing a line. */
  phrasings: z
    .string()
    .max(10_000)
    .default("")
    .transform((v) =>
      v
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
    ),
});

/** Changes an entry's question, answer and phrasings; audited with the text before. */
export async function updateFaqEntry(
  db: Db,
  actorAgentId: number,
  id: number,
  input: z.infer<typeof faqEditSchema>,
): Promise<FaqEntry> {
  return db.$transaction(async (tx) => {
    const before = await tx.faqEntry.findUnique({ where: { id } });
    if (!before) throw new CoreError("FAQ_ENTRY_NOT_FOUND", `No FAQ entry with id ${id}.`);
    const after = await tx.faqEntry.update({ where: { id }, data: input });
    await tx.auditLog.create({
      data: {
        actor: `agent:${actorAgentId}`,
        action: "faq_entry_edited",
        details: asJson({
          id,
          slug: before.slug,
          before: { question: before.question, answer: before.answer, phrasings: before.phrasings },
        }),
      },
    });
    return after;
  });
}
