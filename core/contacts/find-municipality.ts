import type { Municipality, Tx } from "../db/index.js";

// Whole words only: \b knows no Cyrillic letters, so the edges are spelled out (with \p{L}).
const noise =
  /(?<![\p{L}\d-])(г|гор|город|городской|округ|го|мо|район|р-н|муниципальный|муниципалитет|поселок|посёлок|пгт)(?![\p{L}\d-])\.?/gu;

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
  if (!mayNameMunicipality(typed)) return null;
  return matchMunicipality(await tx.municipality.findMany(), typed);
}

/** Whether a text is of a length a municipality's name could have (no read needed). */
export function mayNameMunicipality(typed: string): boolean {
  const length = simplify(typed).length;
  return length >= 3 && length <= 60;
}

/** findMunicipalityByName on a list already read (the hot path reads it with the contact). */
export function matchMunicipality<M extends { name: string }>(all: M[], typed: string): M | null {
  const query = simplify(typed);
  if (query.length < 3 || query.length > 60) return null;
  const exact = all.filter((m) => simplify(m.name) === query);
  if (exact.length === 1) return exact[0] ?? null;
  if (query.length < 4) return null;
  const prefixed = all.filter((m) => simplify(m.name).startsWith(query));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}
