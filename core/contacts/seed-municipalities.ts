import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import type { Db } from "../db/index.js";
import { packageFile } from "../shared/index.js";

export const defaultMunicipalitiesFile = packageFile("prisma", "seed", "municipalities.yaml");

const fileSchema = z.object({
  municipalities: z.array(
    z.object({
      code: z.string().regex(/^[a-z0-9-]+$/),
      name: z.string().min(1),
      phone: z.string().optional(),
      timeZone: z.string().default("Europe/Moscow"),
    }),
  ),
});

/** Loads the sample municipalities once, into an empty table; later edits are the operator's. */
export async function seedMunicipalities(
  db: Db,
  file: string = defaultMunicipalitiesFile,
): Promise<number> {
  if ((await db.municipality.count()) > 0) return 0;
  const data = fileSchema.parse(parse(await readFile(file, "utf8")));
  const result = await db.municipality.createMany({
    data: data.municipalities,
    skipDuplicates: true,
  });
  return result.count;
}
