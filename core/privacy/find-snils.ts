import { isValidSnils } from "./checksums.js";
import { topicBefore } from "./number-context.js";
import type { Detection } from "./personal-data.js";

/** 123-456-789 01, 123 456 789 01, 123-456-789-01 and 12345678901. */
const SNILS =
  /(?<![\p{N}-])(\d{3})([\s-]?)(\d{3})([\s-]?)(\d{3})[\s-]{0,2}(\d{2})(?![\p{N}]|-\d)/gu;

/**
 * SNILS numbers. Written with dashes (the shape on the card) or right after the word
 * "СНИЛС" they are masked as they are, since a mistyped SNILS is still the parent's;
 * otherwise the check number must be right, so ordinary 11-digit numbers stay.
 */
export function findSnils(text: string): Detection[] {
  const found: Detection[] = [];
  for (const m of text.matchAll(SNILS)) {
    const digits = m[0].replace(/\D/g, "");
    const dashed = m[2] === "-" && m[4] === "-";
    const named = topicBefore(text, m.index) === "snils";
    // A bare 79... or 89... is a phone first, whatever its check number says.
    const bare = !dashed && !named;
    if (bare && (!isValidSnils(digits) || /^[78]9/.test(digits))) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: "snils",
      mask: `***-***-*** ${digits.slice(9)}`,
    });
  }
  return found;
}
