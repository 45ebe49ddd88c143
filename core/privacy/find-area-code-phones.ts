import type { Detection } from "./personal-data.js";

/**
 * Landlines of small towns, whose area code has four or five digits and is written in
 * brackets: "8 (34385) 5-12-34", "+7 (3435) 12-34-56". The code and the number make ten
 * digits. Every quantifier is bounded, so the scan stays linear in the text.
 */
const AREA_CODE_PHONE =
  /(?<![\p{L}\p{N}+])(\+\s?7|8)[\s-]{0,2}\((\d{4,5})\)[\s-]{0,2}(\d{1,3}(?:[\s-]\d{1,3}){0,3}|\d{5,6})(?![\p{N}]|[\s-]\d)/gu;

/** Phone numbers with a long area code; the hint keeps the code and the last two digits. */
export function findAreaCodePhones(text: string): Detection[] {
  const found: Detection[] = [];
  for (const m of text.matchAll(AREA_CODE_PHONE)) {
    const code = m[2] ?? "";
    const rest = (m[3] ?? "").replace(/\D/g, "");
    if (code.length + rest.length !== 10) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: "phone",
      mask: `+7 (${code}) ***-${rest.slice(-2)}`,
    });
  }
  return found;
}
