import { passesLuhn } from "./checksums.js";
import type { Detection } from "./personal-data.js";

/** 16 digits in fours (2200 1234 5678 9012) or 13 to 19 digits in a row. */
const CARD = /(?<![\p{N}])(?:\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{13,19})(?![\p{N}])/gu;

/** Payment card numbers that pass the Luhn check; the hint keeps the last four digits. */
export function findCards(text: string): Detection[] {
  const found: Detection[] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: "card",
      mask: `**** **** **** ${digits.slice(-4)}`,
    });
  }
  return found;
}
