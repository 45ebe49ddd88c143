import { z } from "zod";
import { asJson, type Db, type Municipality } from "../db/index.js";
import { isTimeZone } from "../sla/index.js";

export const municipalitySchema = z.object({
  id: z.coerce.number().int().positive(),
  name: z.string().trim().min(1).max(200),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[\d\s()+-]*$/, "digits, spaces, +, - and brackets only")
    .transform((v) => (v === "" ? null : v)),
  timeZone: z.string().trim().refine(isTimeZone, "an IANA time zone such as Europe/Moscow"),
});

/** A supervisor fixes a municipality's name, phone or time zone; audited with before and after. */
export async function updateMunicipality(
  db: Db,
  actorAgentId: number,
  input: z.infer<typeof municipalitySchema>,
): Promise<Municipality> {
  return db.$transaction(async (tx) => {
    const before = await tx.municipality.findUniqueOrThrow({ where: { id: input.id } });
    const after = await tx.municipality.update({
      where: { id: input.id },
      data: { name: input.name, phone: input.phone, timeZone: input.timeZone },
    });
    await tx.auditLog.create({
      data: {
        actor: `agent:${actorAgentId}`,
        action: "municipality_changed",
        details: asJson({
          id: input.id,
          before: { name: before.name, phone: before.phone, timeZone: before.timeZone },
          after: { name: after.name, phone: after.phone, timeZone: after.timeZone },
        }),
      },
    });
    return after;
  });
}
