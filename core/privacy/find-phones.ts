import { topicBefore } from "./number-context.js";
import type { Detection } from "./personal-data.js";

/** Bounded: a try at each of 10,000 spaces must not read all the others. */
const SEP = "[\\s\\-.]{0,3}";
/**
 * Russian numbers as people type them: +7 (912) 345-67-89, 8 912 345 67 89,
 * 89123456789, +7 912 3456789, 912-345-67-89. Groups are whole: a date or a time
 * cannot be cut into 3-3-2-2 digits.
 */
const PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}+])(?:(\\+\\s?7|8|7)${SEP})?\\(?\\s{0,2}(\\d{3})\\s{0,2}\\)?${SEP}(\\d{3})${SEP}(\\d{2})${SEP}(\\d{2})(?!\\p{N})`,
  "gu",
);

/** Russian phone numbers; the hint keeps the code and the last two digits. */
export function findPhones(text: string): Detection[] {
  const found: Detection[] = [];
  for (const m of text.matchAll(PHONE)) {
    const [whole, prefix, code = "", , , last = ""] = m;
    // Without +7 or 8 only a mobile number (9xx) is sure enough to mask.
    if (prefix === undefined ? !code.startsWith("9") : !/^[3-9]/.test(code)) continue;
    // 8-800 and the like are organisations' free lines, not a parent's number.
    if (code.startsWith("80")) continue;
    // "сертификат 9123456789", "паспорт 9510123456": the words before say what it is.
    const topic = topicBefore(text, m.index);
    if (topic !== "none" && topic !== "phone") continue;
    found.push({
      start: m.index,
      end: m.index + whole.length,
      kind: "phone",
      mask: `+7 (${code}) ***-**-${last}`,
    });
  }
  return found;
}
