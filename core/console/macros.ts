import { z } from "zod";
import { asJson, type Db, type Macro } from "../db/index.js";

export const macroSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}_-]{1,40}$/u, "one word of letters, digits, _ or -, up to 40 characters"),
  text: z.string().trim().min(1).max(4000),
});

export function listMacros(db: Db): Promise<Macro[]> {
  return db.macro.findMany({ orderBy: { name: "asc" } });
}

export function findMacro(db: Db, name: string): Promise<Macro | null> {
  return db.macro.findUnique({ where: { name: name.toLowerCase() } });
}

/** A macro's text for a ticket: {number} and {parent} filled in. */
export function applyMacro(text: string, ticket: { number: number; parent: string }): string {
  return text.replaceAll("{number}", String(ticket.number)).replaceAll("{parent}", ticket.parent);
}

/** Creates or changes a macro (names are case-insensitive); audited as `macro_saved`. */
export async function saveMacro(
  db: Db,
  actorAgentId: number,
  input: z.infer<typeof macroSchema>,
): Promise<Macro> {
  const name = input.name.toLowerCase();
  return db.$transaction(async (tx) => {
    const macro = await tx.macro.upsert({
      where: { name },
      create: { name, text: input.text },
      update: { text: input.text },
    });
    await tx.auditLog.create({
      data: { actor: `agent:${actorAgentId}`, action: "macro_saved", details: asJson({ name }) },
    });
    return macro;
  });
}

/** Removes a macro; audited as `macro_deleted`. */
export async function deleteMacro(db: Db, actorAgentId: number, name: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.macro.deleteMany({ where: { name } });
    await tx.auditLog.create({
      data: { actor: `agent:${actorAgentId}`, action: "macro_deleted", details: asJson({ name }) },
    });
  });
}
