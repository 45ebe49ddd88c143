import type { Municipality, Tx } from "../db/index.js";

const noise =
  /\b(г|гор|город|городской|округ|го|мо|район|р-н|муниципальный|муниципалитет|поселок|посёлок|пгт)\b\.?/g;

function simplify(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^a-zа-я0-9\s-]/g, " ")
    .replace(noise, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The municipality a parent typed, when exactly one matches: the same name, or a name
 * starting with what was typed (at least 4 letters). Typos are left to the buttons.
 */
export async function findMunicipalityByName(tx: Tx, typed: string): Promise<Municipality | null> {
  const query = simplify(typed);
  if (query.length < 3 || query.length > 60) return null;
  const all = await tx.municipality.findMany();
  const exact = all.filter((m) => simplify(m.name) === query);
  if (exact.length === 1) return exact[0] ?? null;
  if (query.length < 4) return null;
  const prefixed = all.filter((m) => simplify(m.name).startsWith(query));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}
