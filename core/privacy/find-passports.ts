import { topicBefore } from "./number-context.js";
import type { Detection } from "./personal-data.js";

/** "45 10 123456", "4510 123456", "4510123456", "4510 № 123456", "4510 номер 123456". */
const PASSPORT =
  /(?<![\p{N}])(\d{2})(\s?)(\d{2})\s*(?:,?\s*(?:№|N|номер|н\.)\s*)?(\d{6})(?![\p{N}])/giu;

/**
 * Russian passport series and number. Ten digits are also a certificate number, so
 * they count as a passport only after "паспорт" or "серия", or in the passport's own
 * spacing "45 10 123456" when nothing says otherwise.
 */
export function findPassports(text: string): Detection[] {
  const found: Detection[] = [];
  for (const m of text.matchAll(PASSPORT)) {
    const topic = topicBefore(text, m.index);
    const passportSpacing = m[2] === " " && /^\d{2} \d{2} \d{6}$/.test(m[0]);
    if (topic !== "passport" && !(passportSpacing && topic === "none")) continue;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      kind: "passport",
      mask: `** ** ***${(m[4] ?? "").slice(-3)}`,
    });
  }
  return found;
}
